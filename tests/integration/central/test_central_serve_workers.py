"""``boxoffice-central serve --workers N`` (#15 point 2): what it refuses, before starting anything.

Several workers serving a PostgreSQL database are tested under load in
tests/integration/sync/test_sync_scale_out_postgres.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.central import scale_out
from boxoffice.central.cli import main


def test_more_than_one_worker_on_sqlite_is_refused_with_what_to_do(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "central.sqlite3"
    assert main(["serve", "--db", f"sqlite:///{db}", "--workers", "4"]) == 2
    err = capsys.readouterr().err
    assert "--workers 4 needs PostgreSQL" in err and "--workers 1" in err
    assert not db.exists()  # refused before anything was opened


def test_zero_workers_is_bad_usage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", f"sqlite:///{tmp_path / 'c.sqlite3'}", "--workers", "0"]) == 2
    assert "--workers must be 1 or more" in capsys.readouterr().err


@pytest.mark.parametrize(("url", "workers", "refused"), [
    ("sqlite:///x.sqlite3", 2, True),
    ("sqlite:///x.sqlite3", 1, False),
    ("postgresql://u@h/db", 8, False),
    ("postgresql+psycopg://u@h/db", 4, False),
])
def test_which_databases_may_have_several_workers(url: str, workers: int, refused: bool) -> None:
    assert (scale_out.refusal(url, workers) is not None) is refused


def test_each_worker_builds_its_app_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(scale_out.ENV_DB, f"sqlite:///{tmp_path / 'central.sqlite3'}")
    app = scale_out.app_from_env()
    try:
        assert app.state.db.dialect == "sqlite"
    finally:
        app.state.db.dispose()
    module, name = scale_out.FACTORY.split(":")
    assert module == scale_out.__name__ and name == "app_from_env"
