"""`boxoffice doctor`: facts for support, exit 0 when usable and 1 with the reasons when not."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from boxoffice import credentials
from tests.helpers.cli import run_boxoffice


def doctor(data_dir: Path, *extra: str, env: dict[str, str] | None = None) -> tuple[int, dict]:
    result = run_boxoffice(["doctor", "--json", "--data-dir", str(data_dir), *extra], env=env)
    assert result.stdout, result.stderr
    return result.returncode, json.loads(result.stdout)


def write_config(data_dir: Path, text: str) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    (data_dir / "boxoffice.toml").write_text(text, encoding="utf-8")


@pytest.fixture
def central_url():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_fresh_terminal_is_usable_and_reports_its_facts(tmp_path: Path) -> None:
    code, report = doctor(tmp_path / "data")
    assert code == 0, report
    assert report["usable"] is True
    assert report["version"]
    assert report["data_dir"] == str((tmp_path / "data").resolve())
    assert report["keyring_backend"].endswith("PlaintextKeyring")
    assert report["database_revision"] == "(not created yet)"
    assert any("not configured" in w for w in report["warnings"])
    assert not (tmp_path / "data" / "boxoffice.sqlite3").exists()  # doctor never creates or migrates


def test_paired_terminal_with_reachable_central_and_masked_token(tmp_path: Path, central_url: str) -> None:
    data = tmp_path / "data"
    write_config(data, f'[central]\nurl = "{central_url}"\noffice_id = "office_taquilla_norte"\n')
    credentials.store_token("office_taquilla_norte", "tok-SECRET-abcdef123456")
    result = run_boxoffice(["doctor", "--data-dir", str(data)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "tok-SECRET-abcdef123456" not in result.stdout + result.stderr
    assert "token: to…56" in result.stdout
    assert f"central: {central_url}: answers (HTTP 200" in result.stdout
    assert "config.central.office_id: office_taquilla_norte" in result.stdout


def test_unreachable_central_is_a_warning_not_a_failure(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_config(data, '[central]\nurl = "http://127.0.0.1:9"\noffice_id = "o1"\n')
    credentials.store_token("o1", "tok-1234567890")
    code, report = doctor(data)
    assert code == 0
    assert "not reachable" in report["central"]
    assert any("queue" in w for w in report["warnings"])


def test_problems_exit_1_with_reasons(tmp_path: Path) -> None:
    data = tmp_path / "data"
    write_config(data, '[terminal]\nlanguage = "fr"\n')
    code, report = doctor(data)
    assert code == 1
    assert any("terminal.language" in p for p in report["problems"])

    write_config(data, '[central]\nurl = "http://127.0.0.1:9"\noffice_id = "o1"\n')
    code, report = doctor(data)
    assert code == 1
    assert any("no API token stored" in p for p in report["problems"])


def test_no_keyring_is_a_problem_with_a_fix(tmp_path: Path) -> None:
    code, report = doctor(tmp_path / "data", env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"})
    assert code == 1
    assert any("gnome-keyring" in p for p in report["problems"])


def test_database_that_is_not_sqlite_is_a_problem(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(parents=True)
    (data / "boxoffice.sqlite3").write_text("these are not the bytes you are looking for")
    code, report = doctor(data)
    assert code == 1
    assert any("not an SQLite" in p or "not a Box office database" in p for p in report["problems"])
