"""The ``boxoffice-central`` command, run as a real subprocess: seed-demo --json, token create, assign, serve."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from boxoffice.central.app import create_app
from boxoffice.central.cli import main
from boxoffice.central.db import SchemaVersionError
from tests.helpers.central_server import serve_app

REPO = Path(__file__).resolve().parents[3]


def _run(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "boxoffice.central", *args], capture_output=True, text=True,
                            timeout=120, env=env, check=False)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_seed_token_and_assign_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """seed-demo --json, token create and assign as subprocesses; the other cases through ``main(argv)``."""
    db = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    seeded = json.loads(_run("seed-demo", "--json", "--db", db).stdout)
    event = seeded["event_id"]
    assert event == "JAOTIiQrtU1fMWZZY2IZ"
    assert set(seeded["offices"]) == {"office_taquilla_norte", "office_taquilla_sur"}
    assert all(office["token"].startswith("bxc_") for office in seeded["offices"].values())
    assert seeded["admin_token"].startswith("bxc_")

    token = _run("token", "create", "--office", "office_taquilla_sur", "--db", db).stdout
    assert token.strip().startswith("bxc_") and token.count("\n") == 1  # only the token
    by_zone = _run("assign", "--office", "office_taquilla_sur", "--event", event, "--zone", "VIP", "--count", "5",
                   "--db", db).stdout.splitlines()
    assert by_zone[0].startswith("assigned 5 tickets")
    picked = by_zone[1:]

    assert main(["token", "create", "--admin", "--db", db]) == 0
    admin = capsys.readouterr().out.strip()
    assert main(["token", "create", "--office", "office_nowhere", "--db", db]) == 1
    assert "office_nowhere" in capsys.readouterr().err
    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--tickets",
                 f"{event}-nGxHQ00YzCg9PphEwlYb", "--db", db]) == 0
    assert "assigned 1 tickets" in capsys.readouterr().out
    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--tickets", picked[0],
                 "--db", db]) == 1
    err = capsys.readouterr().err
    assert picked[0] in err and "Tickets no disponibles" in err
    assert main(["assign", "--office", "x", "--event", "y", "--db", db]) == 2
    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--zone", "VIP", "--count",
                 "5000", "--db", db]) == 1
    assert "free tickets left" in capsys.readouterr().err

    app = create_app(db)
    with serve_app(app) as url:
        listed = httpx.post(f"{url}/offline_office_tickets_list_sales",
                            headers={"Authorization": f"Bearer {token.strip()}"},
                            json={"data": {"event_id": event, "office_id": "office_taquilla_sur"}})
        assert listed.status_code == 200
        ids = {row["ticket_id"] for row in listed.json()["data"]["response"]}
        assert len(ids) == 305 and set(picked) <= ids
        view = httpx.post(f"{url}/offline_tickets_list_event_sales", headers={"Authorization": f"Bearer {admin}"},
                          json={"data": {"event_id": event}})
        assert view.status_code == 200


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_command_answers_and_creates_its_schema(tmp_path: Path) -> None:
    port = _free_port()
    db = f"sqlite:///{tmp_path / 'served.sqlite3'}"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "boxoffice.central", "serve", "--db", db, "--port", str(port),
                                "--log-level", "warning"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1)
                break
            except httpx.TransportError:
                assert process.poll() is None, process.stderr.read() if process.stderr else ""
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.1)
        assert health.status_code == 200 and health.json()["data"]["schema_version"] == 1
        assert httpx.get(f"http://127.0.0.1:{port}/openapi.json").status_code == 200
    finally:
        process.terminate()
        process.communicate(timeout=30)


def test_a_newer_schema_is_refused_with_a_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'newer.sqlite3'}"
    create_app(db).state.db.dispose()
    engine = create_engine(db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE central_meta SET value = '99' WHERE key = 'schema_version'"))
    engine.dispose()
    with pytest.raises(SchemaVersionError, match="schema version 99"):
        create_app(db)
    assert main(["seed-demo", "--db", db]) == 1
    assert "newer boxoffice-central" in capsys.readouterr().err
