"""``boxoffice hub ...`` as an installer runs it: subprocesses with a private data dir and a plain-file keyring,
against a real reference central. Bad input is one line on stderr and exit status 2, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from boxoffice.central.models import Office, TicketOffline
from boxoffice.hub.db import hub_database
from boxoffice.hub.models import HubLeaseSize, HubWindow
from tests.helpers.central_server import CentralServer, central_server_fixture

NORTE = "office_taquilla_norte"


central = central_server_fixture()  # a fresh demo central per test


@pytest.fixture
def hub_dir(tmp_path: Path) -> Path:
    return tmp_path / "hub"


def hub_env(hub_dir: Path) -> dict[str, str]:
    env = {**os.environ, "BOXOFFICE_HUB_DATA_DIR": str(hub_dir),
           "PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring",
           "XDG_DATA_HOME": str(hub_dir.parent / "keyring")}
    env.pop("BOXOFFICE_CONFIG", None)
    return env


def hub(hub_dir: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "boxoffice", "hub", *args], input=stdin, text=True,
                          capture_output=True, env=hub_env(hub_dir), timeout=120)


def refused(result: subprocess.CompletedProcess[str], says: str) -> None:
    """Exit 2 with one line on stderr that says ``says``, nothing on stdout."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], result.stderr
    assert result.stdout == ""


def pair(hub_dir: Path, central: CentralServer) -> subprocess.CompletedProcess[str]:
    result = hub(hub_dir, "pair", "--url", central.url, "--office", NORTE, "--name", "Taquilla Norte",
                 "--token-stdin", "--json", stdin=central.office_tokens[NORTE] + "\n")
    assert result.returncode == 0, result.stderr
    return result


def hub_db_count(hub_dir: Path, model: Any, *where: Any) -> int:
    db = hub_database(f"sqlite:///{hub_dir / 'hub.sqlite3'}")
    try:
        with db.read() as session:
            return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)
    finally:
        db.dispose()


def test_pair_keeps_config_and_token_apart_and_pulls(hub_dir: Path, central: CentralServer) -> None:
    answer = json.loads(pair(hub_dir, central).stdout)
    assert answer["paired"] is True and answer["office_id"] == NORTE and answer["tickets"] > 0
    config = (hub_dir / "hub.toml").read_text(encoding="utf-8")
    assert central.url in config and NORTE in config and central.office_tokens[NORTE] not in config
    assert hub_db_count(hub_dir, Office, Office.id == NORTE) == 1
    assert hub_db_count(hub_dir, TicketOffline, TicketOffline.office_id == NORTE) == answer["tickets"]
    pulled = hub(hub_dir, "pull", "--json")
    assert pulled.returncode == 0, pulled.stderr
    assert [e["added"] for e in json.loads(pulled.stdout)["events"]] == [0]


def test_pair_refusals_save_nothing(hub_dir: Path, central: CentralServer) -> None:
    refused(hub(hub_dir, "pair", "--url", central.url, "--office", NORTE, "--token-stdin", stdin="wrong\n"),
            "token")
    refused(hub(hub_dir, "pair", "--url", central.url, "--office", NORTE, "--token-stdin", stdin="\n"),
            "no token on standard input")
    refused(hub(hub_dir, "pair", "--url", "ftp://x", "--office", NORTE, "--token-stdin", stdin="t\n"), "http")
    assert not (hub_dir / "hub.toml").exists()
    refused(hub(hub_dir, "status"), "not paired")


def test_token_lease_and_status(hub_dir: Path, central: CentralServer) -> None:
    pair(hub_dir, central)
    created = hub(hub_dir, "token", "create", "--window", "taquilla-1")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert created.stdout == token + "\n" and len(token) >= 20  # the token alone: it is piped into `boxoffice pair`
    assert "boxoffice pair --url" in created.stderr and NORTE in created.stderr
    refused(hub(hub_dir, "token", "create", "--window", "taquilla-1"), "already exists")
    refused(hub(hub_dir, "token", "create", "--window", "../x"), "window name")
    # the window's token works at the central's own code over the hub database: it is an office token there
    assert hub_db_count(hub_dir, HubWindow, HubWindow.name == "taquilla-1") == 1

    done = hub(hub_dir, "lease", "set", "--size", "4", "--low-water", "2", "--event", central.event_id)
    assert done.returncode == 0, done.stderr
    assert hub_db_count(hub_dir, HubLeaseSize, HubLeaseSize.event_id == central.event_id,
                        HubLeaseSize.zone == "*", HubLeaseSize.size == 4, HubLeaseSize.low_water == 2) == 1
    refused(hub(hub_dir, "lease", "set", "--size", "2", "--low-water", "3"), "low_water")
    refused(hub(hub_dir, "lease", "recall", "--window", "nobody"), "no window named")
    recalled = hub(hub_dir, "lease", "recall", "--window", "taquilla-1")
    assert recalled.returncode == 0 and recalled.stdout.startswith("0 leased seat(s)")

    status = hub(hub_dir, "status", "--json")
    assert status.returncode == 0, status.stderr
    data = json.loads(status.stdout)
    assert data["office_id"] == NORTE and data["active_holds"] == 0
    assert [(w["name"], w["leased"], w["sold"], w["last_seen"]) for w in data["windows"]] == [
        ("taquilla-1", 0, 0, None)]
    assert data["upstream"]["pending"] == 0 and data["upstream"]["parked"] == 0
    assert hub(hub_dir, "status").stdout.startswith(f"hub of {NORTE}")

    refused(hub(hub_dir, "window", "retire", "--window", "nobody"), "no window named")
    retired = hub(hub_dir, "window", "retire", "--window", "taquilla-1", "--force")
    assert retired.returncode == 0 and "retired" in retired.stdout, retired.stderr
    data = json.loads(hub(hub_dir, "status", "--json").stdout)
    assert [(w["name"], w["retired"]) for w in data["windows"]] == [("taquilla-1", True)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.skipif(os.name == "nt", reason="SIGTERM is POSIX; on Windows the service manager stops the hub")
def test_serve_answers_as_a_hub_and_stops_on_sigterm(hub_dir: Path, central: CentralServer) -> None:
    pair(hub_dir, central)
    refused(hub(hub_dir, "serve", "--port", "70000"), "--port must be between 1 and 65535")
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "boxoffice", "hub", "serve", "--host", "127.0.0.1",
                                "--port", str(port)], env=hub_env(hub_dir), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline, answer = time.monotonic() + 60, None
        while answer is None:
            assert process.poll() is None, process.communicate()[1]
            assert time.monotonic() < deadline, "the hub did not start"
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/hub", timeout=2)
            except httpx.TransportError:
                time.sleep(0.1)
        assert answer.json()["data"] == {"valido": True, "hub": True, "office_id": NORTE}
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    assert process.returncode == 0, stderr
    assert "Traceback" not in stderr


def test_a_hub_holding_one_offices_seats_is_not_repaired_as_another(hub_dir: Path, central: CentralServer) -> None:
    pair(hub_dir, central)
    sur = "office_taquilla_sur"
    refused(hub(hub_dir, "pair", "--url", central.url, "--office", sur, "--token-stdin",
                stdin=central.office_tokens[sur] + "\n"), "pair the other office's hub in another folder")
    assert NORTE in (hub_dir / "hub.toml").read_text(encoding="utf-8")
    pair(hub_dir, central)  # the same office again: fine (a new token, say)


def test_bad_config_and_missing_server_stack_are_one_line_refusals(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from boxoffice.cli import main

    (tmp_path / "hub.toml").write_text("[hub]\nport = 0\n", encoding="utf-8")
    assert main(["hub", "status", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "hub.port must be between 1 and 65535, got 0" in err
    # the kiosk build leaves the reference central's stack out: the hub says so instead of a traceback
    monkeypatch.setitem(sys.modules, "boxoffice.central.envelope", None)
    assert main(["hub", "lease", "set", "--size", "1", "--low-water", "0", "--data-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the office hub is not part of this build" in err
