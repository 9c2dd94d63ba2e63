"""What the store refuses to open or to write, in one clear error: an empty file while paired (#12.11), a
full disk and a read-only database (#12 Low). Real SQLite throughout: its own page limit makes a full disk."""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, text

from boxoffice.core.errors import StoreError
from boxoffice.store import write_failures
from boxoffice.store.engine import Store, open_store
from boxoffice.store.errors import DatabaseReadOnlyError, DiskFullError, EmptyDatabaseError


@pytest.fixture(autouse=True)
def _folder(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)


def side_files(path: Path) -> list[Path]:
    return [p for p in (Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")) if p.exists()]


def test_a_zero_length_file_of_a_paired_terminal_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with pytest.raises(EmptyDatabaseError) as caught:
        open_store(db_path, refuse_empty=True)
    message = str(caught.value)
    assert str(db_path) in message and "0 bytes" in message and "paired" in message and "backups" in message
    assert db_path.read_bytes() == b"" and side_files(db_path) == []


def test_an_sqlite_file_with_no_tables_of_a_paired_terminal_is_refused(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    connection.execute("PRAGMA user_version = 1")  # writes the header page, creates no table
    connection.commit()
    connection.close()
    before = db_path.read_bytes()
    with pytest.raises(EmptyDatabaseError):
        open_store(db_path, refuse_empty=True)
    assert db_path.read_bytes() == before


def test_a_paired_terminal_with_no_database_file_yet_creates_it(db_path: Path) -> None:
    """``boxoffice pair --no-pull`` saves the config before any database exists: the first open creates it."""
    with open_store(db_path, refuse_empty=True) as store:
        assert store.revision


def test_an_unpaired_fresh_install_still_turns_an_empty_file_into_its_store(db_path: Path) -> None:
    db_path.write_bytes(b"")
    with open_store(db_path) as store:
        assert store.revision
    with open_store(db_path, refuse_empty=True) as again:  # once created, a paired terminal opens it
        assert again.revision == store.revision


def _limit_pages(store: Store) -> None:
    """From now on every connection may not grow the file: SQLite answers SQLITE_FULL, as on a full disk."""
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _full(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {pages}")


def test_a_full_disk_in_the_middle_of_a_write_is_one_clear_error(store: Store) -> None:
    with store.session_factory.begin() as session:
        session.execute(text("CREATE TABLE filler (data BLOB)"))
    _limit_pages(store)
    with pytest.raises(DiskFullError) as caught:
        with store.session_factory.begin() as session:
            session.execute(text("INSERT INTO filler VALUES (zeroblob(1000000))"))
    assert "is full" in str(caught.value) and str(store.path) in str(caught.value)
    assert "Free some space" in str(caught.value)
    with store.read_session_factory() as session:  # nothing half-written; reading still works
        assert session.execute(text("SELECT COUNT(*) FROM filler")).scalar_one() == 0


def test_a_read_only_database_is_one_clear_error(store: Store) -> None:
    store.engine.dispose()

    @event.listens_for(store.engine, "connect")
    def _read_only(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.execute("PRAGMA query_only = 1")  # SQLite's own SQLITE_READONLY on any write

    with pytest.raises(DatabaseReadOnlyError) as caught:
        with store.session_factory.begin() as session:
            session.execute(text("CREATE TABLE nope (x)"))
    assert "cannot be written" in str(caught.value) and "read-only" in str(caught.value)


@pytest.mark.parametrize(("error", "kind"), [
    (OSError(errno.ENOSPC, "No space left on device"), DiskFullError),
    (OSError(errno.EROFS, "Read-only file system"), DatabaseReadOnlyError),
    (OSError(errno.EACCES, "Permission denied"), DatabaseReadOnlyError),
])
def test_os_errors_at_the_store_boundary_are_classified(tmp_path: Path, error: OSError, kind: type) -> None:
    found = write_failures.classify(tmp_path / "boxoffice.sqlite3", error)
    assert isinstance(found, kind) and error.strerror in str(found)


def test_other_errors_are_left_to_the_caller(tmp_path: Path) -> None:
    assert write_failures.classify(tmp_path / "x", ValueError("a bug")) is None
    assert write_failures.classify(tmp_path / "x", sqlite3.OperationalError("no such table: x")) is None
    assert isinstance(write_failures.classify(tmp_path / "x", OSError(errno.ENOSPC, "full")), StoreError)
