"""`boxoffice doctor --bundle FILE.zip`: one file for support, secrets masked, the database never touched."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy

from boxoffice import credentials
from boxoffice.commands import doctor
from boxoffice.core.errors import BoxOfficeError
from boxoffice.store.migrate import head_revision
from boxoffice.store.models import Outbox
from boxoffice.store.types import utcnow
from tests.helpers.cli import run_boxoffice
from tests.helpers.demo_inventory import seed_store

TOKEN = "tok-LIVE-7f3a9c2e41d84b6a9e0c5d1f2a3b4c5d"
OFFICE = "office_taquilla_norte"


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its content hash: equal before and after means nothing was written."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def make_terminal(data: Path, outbox: list[tuple[str, str]]) -> None:
    """A paired terminal with a real store, some outbox rows, a token in the keyring and rotated logs."""
    store = seed_store(data / "boxoffice.sqlite3")
    with store.session_factory.begin() as session:
        for n, (kind, state) in enumerate(outbox):
            session.add(Outbox(kind=kind, subject=f"CODE{n:09d}", idempotency_key=f"key-{n}", payload={"n": n},
                               state=state, created_at=utcnow()))
    store.close()
    (data / "boxoffice.toml").write_text(
        f'[central]\nurl = "http://127.0.0.1:9"\noffice_id = "{OFFICE}"\noffice_name = "Taquilla Norte"\n',
        encoding="utf-8",
    )
    credentials.store_token(OFFICE, TOKEN)
    logs = data / "logs"
    logs.mkdir(exist_ok=True)
    (logs / "boxoffice.log").write_text("INFO sync: delivered 3 sales\n", encoding="utf-8")
    (logs / "boxoffice.log.1").write_text(f"WARNING sync: retry with {TOKEN} (a bug logged it raw)\n",
                                          encoding="utf-8")
    (logs / "boxoffice.log.2").write_text("INFO client: GET /x Authorization: Bearer abc123secret\n"
                                          "INFO pairing: token=plain-token-value\n", encoding="utf-8")


def read_bundle(path: Path) -> dict[str, str]:
    with zipfile.ZipFile(path) as bundle:
        return {name: bundle.read(name).decode("utf-8") for name in bundle.namelist()}


def test_bundle_has_logs_config_database_check_outbox_and_versions(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rng = random.Random(8)
    outbox = [(rng.choice(("sale", "void", "unassign")), rng.choice(("pending", "delivered", "parked")))
              for _ in range(17)]
    make_terminal(data, outbox)
    before = fingerprint(data)
    target = tmp_path / "support" / "terminal-1.zip"
    target.parent.mkdir()

    result = run_boxoffice(["doctor", "--data-dir", str(data), "--bundle", str(target)])

    assert result.returncode == 0, result.stdout + result.stderr  # unreachable central is only a warning
    assert f"support bundle: {target}" in result.stdout
    assert fingerprint(data) == before  # not a byte of the database, config or logs changed; no -wal/-shm
    files = read_bundle(target)
    assert set(files) == {"report.json", "config/boxoffice.toml", "logs/boxoffice.log", "logs/boxoffice.log.1",
                          "logs/boxoffice.log.2"}
    assert not list(target.parent.glob(".*partial"))

    report = json.loads(files["report.json"])
    database = report["database"]
    assert database["status"] == "ok"
    assert database["integrity_check"] == ["ok"]
    assert database["schema_revision"] == [head_revision()]
    counted = {(row["state"], row["kind"]): row["count"] for row in database["outbox"]}
    expected = Counter((state, kind) for kind, state in outbox)
    assert counted == dict(expected)
    versions = report["versions"]
    assert versions["boxoffice"] and versions["python"]
    assert versions["sqlalchemy"] == sqlalchemy.__version__
    assert versions["qt"].startswith("6.")
    assert versions["platform"]
    assert report["facts"]["token"] != TOKEN and report["facts"]["database_revision"] == head_revision()
    assert [entry["name"] for entry in report["logs"]] == ["boxoffice.log", "boxoffice.log.1", "boxoffice.log.2"]

    assert f'office_id = "{OFFICE}"' in files["config/boxoffice.toml"]
    assert "delivered 3 sales" in files["logs/boxoffice.log"]
    everything = "\n".join(files.values())
    for secret in (TOKEN, "abc123secret", "plain-token-value"):
        assert secret not in everything
    assert "[redacted]" in files["logs/boxoffice.log.1"]


def test_config_secrets_and_token_like_values_are_masked(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "boxoffice.toml").write_text(
        "# pasted by mistake during set-up:\n"
        '# api_token = "9f8e7d6c5b4a39281706f5e4d3c2b1a0ffee"\n'
        "# spare Zx81Qm27Lp04Wn55Rt98Yv13Kb62\n"
        "[central]\n"
        'url = "https://kiosk:s3cret-pass@central.example.org/api"\n'
        f'office_id = "{OFFICE}"\n',
        encoding="utf-8",
    )
    target = tmp_path / "s.zip"
    result = run_boxoffice(["doctor", "--data-dir", str(data), "--bundle", str(target)])
    assert target.is_file(), result.stderr
    config = read_bundle(target)["config/boxoffice.toml"]
    for secret in ("9f8e7d6c5b4a39281706f5e4d3c2b1a0ffee", "Zx81Qm27Lp04Wn55Rt98Yv13Kb62", "s3cret-pass", "kiosk:"):
        assert secret not in config
    assert "central.example.org/api" in config and f'office_id = "{OFFICE}"' in config


@pytest.mark.parametrize(
    ("text", "secret", "kept"),
    [
        ('token = "abcDEF123456"', "abcDEF123456", "token = "),
        ("password: hunter2hunter2", "hunter2hunter2", "password: "),
        ("Authorization: Bearer eyJhbGciOi.J9xyz", "eyJhbGciOi.J9xyz", "Authorization:"),
        ("GET /x Bearer abc.def-123 ok", "abc.def-123", "GET /x Bearer"),
        ("url = https://u:pw123@host/x", "u:pw123", "host/x"),
    ],
)
def test_mask_secrets_keyword_patterns(text: str, secret: str, kept: str) -> None:
    masked = doctor.mask_secrets(text)
    assert secret not in masked
    assert kept in masked


def test_token_like_masking_spares_uuids_and_ordinary_words() -> None:
    uuid = "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b"
    text = f"idempotency {uuid} office_taquilla_norte Festival de Verano key A1b2C3d4E5f6G7h8I9j0K1l2M3"
    masked = doctor.mask_secrets(text, token_like=True)
    assert uuid in masked and "office_taquilla_norte" in masked and "Festival de Verano" in masked
    assert "A1b2C3d4E5f6G7h8I9j0K1l2M3" not in masked
    assert doctor.mask_secrets(text) == text  # logs keep their ids


def test_missing_folder_is_a_clear_error_and_nothing_is_collected(tmp_path: Path) -> None:
    target = tmp_path / "no-such-folder" / "s.zip"
    result = run_boxoffice(["doctor", "--data-dir", str(tmp_path / "data"), "--bundle", str(target)])
    assert result.returncode == 1
    assert "does not exist" in result.stderr and str(target.parent) in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # failed before the checks
    assert not target.parent.exists()


def test_folder_given_as_the_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BoxOfficeError, match="that is a folder"):
        doctor.bundle_target(str(tmp_path))


def test_unwritable_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: have the permission check see what a clerk's account would
        real_access = os.access
        monkeypatch.setattr(doctor.os, "access",
                            lambda path, mode: False if Path(path) == folder else real_access(path, mode))
    try:
        with pytest.raises(BoxOfficeError, match="is not writable"):
            doctor.bundle_target(str(folder / "s.zip"))
    finally:
        folder.chmod(0o755)
    assert list(folder.iterdir()) == []


def test_write_failure_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk halfway through: a clear error and no half-written zip under any name."""
    data = tmp_path / "data"
    data.mkdir()
    paths = doctor.resolve(None, str(data))

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(doctor.zipfile.ZipFile, "writestr", full_disk)
    with pytest.raises(BoxOfficeError, match="No space left on device"):
        doctor.write_bundle(tmp_path / "s.zip", paths, doctor.Report())
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]


def test_damaged_database_is_reported_and_left_as_it_was(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    database = data / "boxoffice.sqlite3"
    seed_store(database).close()
    raw = bytearray(database.read_bytes())
    page = 4096
    for offset in range(3 * page, len(raw) - page, page):  # scribble over b-tree pages, keep the header
        raw[offset + 8: offset + 200] = bytes(range(192))
    database.write_bytes(bytes(raw))
    before = fingerprint(data)

    result = run_boxoffice(["doctor", "--data-dir", str(data), "--bundle", str(tmp_path / "s.zip")])

    report = json.loads(read_bundle(tmp_path / "s.zip")["report.json"])
    assert report["database"]["status"] != "ok", report["database"]
    assert fingerprint(data) == before
    assert result.returncode in (0, 1)


def test_fresh_terminal_bundle_says_no_database_and_creates_none(tmp_path: Path) -> None:
    data = tmp_path / "data"
    args = argparse.Namespace(config=None, data_dir=str(data), log_level="WARNING", json=True,
                              bundle=str(tmp_path / "s.zip"))
    assert doctor.run(args) == 0
    report = json.loads(read_bundle(tmp_path / "s.zip")["report.json"])
    assert report["database"]["status"] == "no database yet"
    assert not (data / "boxoffice.sqlite3").exists()


def test_keyring_backend_that_cannot_start_is_a_problem_and_the_bundle_is_still_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A kiosk forced onto the Secret Service with no D-Bus session: doctor explains instead of crashing."""
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    target = tmp_path / "s.zip"
    result = run_boxoffice(["doctor", "--json", "--data-dir", str(tmp_path / "data"), "--bundle", str(target)],
                           env={"PYTHON_KEYRING_BACKEND": "keyring.backends.SecretService.Keyring"})
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["keyring_backend"] == "(cannot start)"
    assert any("cannot start" in p and "gnome-keyring" in p for p in report["problems"])
    assert report["support_bundle"] == str(target)
    assert json.loads(read_bundle(target)["report.json"])["usable"] is False
