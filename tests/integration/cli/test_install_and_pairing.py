"""Installing and pairing as a kiosk does it, through the real ``boxoffice`` command and the reference central
over HTTP(S): a relative CA file (#12.5), one keyring entry per central (#12.6), a platform that implements only
the spec (#12.10), a wrong-host certificate."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
import pytest

from boxoffice import credentials
from boxoffice.central.app import create_app
from boxoffice.central.extensions import ENV_SPEC_ONLY
from boxoffice.config import CentralConfig, Config, TerminalConfig, load_config, save_config
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server, seeded_template
from tests.helpers.cli_errors import one_line_error
from tests.helpers.postgres import PostgresServer, postgres_server
from tests.helpers.shifts import open_shift_in
from tests.helpers.tls import make_ca, serve_tls, server_certificate

NORTE = "office_taquilla_norte"


def boxoffice(args: list[str], *, cwd: Path, data_dir: Path | None = None, input: str | None = None,
              ) -> subprocess.CompletedProcess[str]:
    """The real command in its own process, started in ``cwd`` (a kiosk autostart's directory is not ours)."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[3])}
    env.pop("BOXOFFICE_DATA_DIR", None)
    env.pop("BOXOFFICE_CONFIG", None)
    extra = ["--data-dir", str(data_dir)] if data_dir is not None else []
    return subprocess.run([sys.executable, "-m", "boxoffice", *args, *extra], input=input, capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=60, check=False)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("template"))


@contextmanager
def tls_central(folder: Path, template: SeededTemplate, names: list[str]) -> Iterator[tuple[str, Path, str]]:
    """The seeded reference central over HTTPS with a certificate for ``names`` from a private CA:
    (url, CA file, the office's token)."""
    ca = make_ca(folder / "ca")
    cert, key = server_certificate(folder / "server", ca, names)
    database = folder / "central.sqlite3"
    shutil.copyfile(template.path, database)
    with serve_tls(create_app(f"sqlite:///{database}"), cert, key) as url:
        yield url, ca.cert, template.seed.office_tokens[NORTE]


# --- #12.5: a relative --ca-file ------------------------------------------------------------------------------

def test_a_relative_ca_file_is_stored_absolute_and_a_kiosk_started_elsewhere_sells(tmp_path: Path,
                                                                                   template: SeededTemplate) -> None:
    install = tmp_path / "install"
    elsewhere = tmp_path / "autostart-cwd"
    elsewhere.mkdir()
    data = tmp_path / "terminal"
    with tls_central(tmp_path / "tls", template, ["127.0.0.1"]) as (url, ca_file, token):
        install.mkdir()
        shutil.copyfile(ca_file, install / "platform-ca.pem")
        paired = boxoffice(["pair", "--url", url, "--office", NORTE, "--token-stdin", "--ca-file", "platform-ca.pem",
                            "--json"], cwd=install, data_dir=data, input=token + "\n")
        assert paired.returncode == 0, paired.stderr
        assert json.loads(paired.stdout)["pulled"][0]["available"] == 300
        stored = load_config(data / "boxoffice.toml").central.ca_file
        assert stored == str((install / "platform-ca.pem").resolve())
        assert tomllib.loads((data / "boxoffice.toml").read_text(encoding="utf-8"))["central"]["ca_file"] == stored
        synced = boxoffice(["sync", "--once", "--json"], cwd=elsewhere, data_dir=data)
        assert synced.returncode == 0, synced.stderr  # the CA file is found from another directory
    # the platform is gone: the kiosk, started from its own directory, still starts and sells offline
    open_shift_in(data)
    sold = boxoffice(["sell", "--event", template.seed.event_id, "--zone", "General", "--qty", "1", "--cash",
                      "10000", "--json"], cwd=elsewhere, data_dir=data)
    assert sold.returncode == 0, sold.stderr
    status = json.loads(boxoffice(["status", "--json"], cwd=elsewhere, data_dir=data).stdout)
    assert status["pending"] == 1 and status["paired"] is True
    window = boxoffice(["--smoke-test"], cwd=elsewhere, data_dir=data)  # the window opens too (autostart)
    assert window.returncode == 0, window.stderr


def test_a_relative_ca_file_already_in_a_config_means_the_config_files_folder(tmp_path: Path,
                                                                              template: SeededTemplate) -> None:
    """An older config (or a hand-written one) with ``ca_file = "certs/ca.pem"``: read beside the config."""
    data = tmp_path / "terminal"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with tls_central(tmp_path / "tls", template, ["127.0.0.1"]) as (url, ca_file, token):
        (data / "certs").mkdir(parents=True)
        shutil.copyfile(ca_file, data / "certs" / "ca.pem")
        (data / "boxoffice.toml").write_text(
            f'[central]\nurl = "{url}"\noffice_id = "{NORTE}"\nca_file = "certs/ca.pem"\n', encoding="utf-8")
        credentials.store_token(NORTE, token, url)
        pulled = boxoffice(["pull", "--json"], cwd=elsewhere, data_dir=data)
        assert pulled.returncode == 0, pulled.stderr
        assert json.loads(pulled.stdout)["events"][0]["available"] == 300
    assert load_config(data / "boxoffice.toml").central.ca_file == str((data / "certs" / "ca.pem").resolve())


# --- wrong-host certificate -------------------------------------------------------------------------------------

def test_a_certificate_for_another_host_is_reported_as_a_host_name_mismatch(tmp_path: Path,
                                                                            template: SeededTemplate) -> None:
    with tls_central(tmp_path / "tls", template, ["central.example"]) as (url, ca_file, token):
        result = boxoffice(["pair", "--url", url, "--office", NORTE, "--token-stdin", "--ca-file", str(ca_file)],
                           cwd=tmp_path, data_dir=tmp_path / "terminal", input=token + "\n")
        line = one_line_error(result)
        assert "another host name" in line and "127.0.0.1" in line
        assert "not signed by the chosen CA file" not in line
        assert not (tmp_path / "terminal" / "boxoffice.toml").exists()

        data = tmp_path / "configured"  # a config written by hand with that address: doctor says the same
        save_config(Config(central=CentralConfig(url=url, office_id=NORTE, ca_file=str(ca_file))),
                    data / "boxoffice.toml")
        doctor = boxoffice(["doctor", "--json"], cwd=tmp_path, data_dir=data)
    problems = json.loads(doctor.stdout)["problems"]
    assert any("another host name" in p for p in problems) and not any("not trusted" in p for p in problems)


# --- #12.6: one keyring entry per central ----------------------------------------------------------------------

def test_two_data_dirs_paired_with_two_centrals_as_the_same_office_keep_their_own_tokens(
        tmp_path: Path, template: SeededTemplate) -> None:
    (tmp_path / "c1").mkdir()
    (tmp_path / "c2").mkdir()
    with central_server(tmp_path / "c1", template=template) as one, \
            central_server(tmp_path / "c2") as two:  # seeded afresh: its own tokens
        assert one.office_tokens[NORTE] != two.office_tokens[NORTE]
        for central, data in ((one, tmp_path / "t1"), (two, tmp_path / "t2")):
            paired = boxoffice(["pair", "--url", central.url, "--office", NORTE, "--token-stdin", "--no-pull"],
                               cwd=tmp_path, data_dir=data, input=central.office_tokens[NORTE] + "\n")
            assert paired.returncode == 0, paired.stderr
        for central, data in ((one, tmp_path / "t1"), (two, tmp_path / "t2")):
            pulled = boxoffice(["pull", "--json"], cwd=tmp_path, data_dir=data)
            assert pulled.returncode == 0, pulled.stderr  # neither pairing replaced the other's token
            assert keyring.get_password("boxoffice", f"api-token:{NORTE}@{central.url}") == central.office_tokens[NORTE]
        assert keyring.get_password("boxoffice", f"api-token:{NORTE}") is None  # the legacy name is never written


def test_a_terminal_paired_under_the_old_keyring_name_keeps_working(tmp_path: Path, template: SeededTemplate) -> None:
    (tmp_path / "c").mkdir()
    data = tmp_path / "terminal"
    with central_server(tmp_path / "c", template=template) as central:
        token = central.office_tokens[NORTE]
        save_config(Config(central=CentralConfig(url=central.url, office_id=NORTE),
                           terminal=TerminalConfig(id="norte-1")), data / "boxoffice.toml")
        keyring.set_password("boxoffice", f"api-token:{NORTE}", token)  # as older versions stored it
        pulled = boxoffice(["pull", "--json"], cwd=tmp_path, data_dir=data)
        assert pulled.returncode == 0, pulled.stderr
        assert keyring.get_password("boxoffice", f"api-token:{NORTE}@{central.url}") == token  # migrated
        assert keyring.get_password("boxoffice", f"api-token:{NORTE}") == token  # left for other data dirs
        doctor = boxoffice(["doctor", "--json"], cwd=tmp_path, data_dir=data)
        assert json.loads(doctor.stdout)["token"] != "(none)", doctor.stdout


# --- #12.10: a platform that implements only the spec ----------------------------------------------------------

@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def spec_only_central(request: pytest.FixtureRequest, tmp_path: Path, template: SeededTemplate,
                      monkeypatch: pytest.MonkeyPatch) -> Iterator[CentralServer]:
    """The reference central (SQLite and PostgreSQL) with our extensions switched off: no
    ``offline_office_events``, as a platform that implements only the spec."""
    monkeypatch.setenv(ENV_SPEC_ONLY, "1")
    if request.param == "sqlite":
        (tmp_path / "central").mkdir()
        with central_server(tmp_path / "central", template=template) as server:
            yield server
    else:
        pg: PostgresServer = request.getfixturevalue("postgres")
        with central_server(db_url=pg.new_database()) as server:
            yield server


def test_pairing_a_spec_only_platform_asks_for_the_events_then_pulls_and_sells_them(
        tmp_path: Path, spec_only_central) -> None:
    central = spec_only_central
    data = tmp_path / "terminal"
    token = central.office_tokens[NORTE] + "\n"
    base = ["pair", "--url", central.url, "--office", NORTE, "--token-stdin"]
    asked = one_line_error(boxoffice(base, cwd=tmp_path, data_dir=data, input=token))
    assert "--event" in asked and "spec" in asked
    assert not (data / "boxoffice.toml").exists()  # nothing saved

    unknown = one_line_error(boxoffice([*base, "--event", "NO-SUCH-EVENT"], cwd=tmp_path, data_dir=data,
                                       input=token))
    assert "NO-SUCH-EVENT" in unknown

    paired = boxoffice([*base, "--event", central.event_id, "--json"], cwd=tmp_path, data_dir=data, input=token)
    assert paired.returncode == 0, paired.stderr
    report = json.loads(paired.stdout)
    assert report["events"] == 1 and report["pulled"][0]["available"] == 300

    again = boxoffice(["pull", "--json"], cwd=tmp_path, data_dir=data)  # no list: refreshes the events held here
    assert again.returncode == 0, again.stderr
    assert [e["event_id"] for e in json.loads(again.stdout)["events"]] == [central.event_id]
    open_shift_in(data)
    sold = boxoffice(["sell", "--event", central.event_id, "--zone", "General", "--qty", "2", "--cash", "100000"],
                     cwd=tmp_path, data_dir=data)
    assert sold.returncode == 0, sold.stderr
    synced = boxoffice(["sync", "--once", "--json"], cwd=tmp_path, data_dir=data)
    assert synced.returncode == 0 and json.loads(synced.stdout)["delivered"] == 1, synced.stderr


def test_a_spec_only_pull_with_no_events_held_says_how_to_name_them(tmp_path: Path, spec_only_central) -> None:
    central = spec_only_central
    data = tmp_path / "terminal"
    paired = boxoffice(["pair", "--url", central.url, "--office", NORTE, "--token-stdin", "--event",
                        central.event_id, "--no-pull"], cwd=tmp_path, data_dir=data,
                       input=central.office_tokens[NORTE] + "\n")
    assert paired.returncode == 0, paired.stderr
    line = one_line_error(boxoffice(["pull"], cwd=tmp_path, data_dir=data))
    assert "boxoffice pull --event ID" in line
    assert boxoffice(["pull", "--event", central.event_id], cwd=tmp_path, data_dir=data).returncode == 0
