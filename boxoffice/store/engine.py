"""Opening the local database: checks, backup, migration, engine and sessions.

`open_store()` is the one way in. It refuses, without changing a byte, a file that is not SQLite, an SQLite
file that is not ours, a database made by a newer version (STYLE.md 9), and, for a paired terminal, an empty
file (which would otherwise silently become a fresh store and hide the lost sales). A read-only file or folder,
a full disk or a failing one is one clear :class:`StoreError` (:mod:`boxoffice.store.write_failures`), at
start-up and in the middle of a sale alike. It backs an existing database up
before upgrading it, and a failed upgrade rolls back. Every connection runs with WAL, synchronous=FULL (NORMAL
loses commits on power loss; PLATFORM.md), foreign keys on, a 5 s busy timeout, and transactions that begin
with BEGIN IMMEDIATE so a writer takes the write lock up front instead of failing to upgrade a read lock.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import URL, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from boxoffice.core.errors import StoreError
from boxoffice.store import migrate, write_failures
from boxoffice.store.checkpointer import SAFETY_NET_PAGES, IdleCheckpointer
from boxoffice.store.errors import DatabaseTooNewError, EmptyDatabaseError, MigrationError, NotADatabaseError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
#: Execution option read by the "begin" listener: "IMMEDIATE" (default) or "DEFERRED" (read-only work).
BEGIN_MODE_OPTION = "boxoffice_begin"
_BEGIN_MODES = ("IMMEDIATE", "DEFERRED")
#: Tables SQLite or Alembic own; any other table means the file holds data.
_NOT_DATA_TABLES = frozenset({"alembic_version", "sqlite_sequence"})


def _on_connect(dbapi_connection: Any, connection_record: ConnectionPoolEntry) -> None:
    # pysqlite's own transaction handling is switched off; the "begin" listener emits BEGIN itself
    # (the SQLAlchemy pysqlite "serializable isolation / transactional DDL" recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")  # first: switching to WAL may need to wait
        mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            log.warning("SQLite refused WAL mode (journal_mode=%s); is the data on a network share?", mode)
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
    finally:
        cursor.close()


def _defer_checkpoints(dbapi_connection: Any, _record: ConnectionPoolEntry) -> None:
    dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={SAFETY_NET_PAGES}")


def _on_begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get(BEGIN_MODE_OPTION, "IMMEDIATE")
    if mode not in _BEGIN_MODES:
        raise ValueError(f"{BEGIN_MODE_OPTION} must be one of {_BEGIN_MODES}, not {mode!r}")
    connection.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path) -> Engine:
    """An engine on `path` with the store's pragmas and BEGIN IMMEDIATE. No checks, no migration: use
    `open_store()` unless you are a test or the migration tooling."""
    engine = create_engine(URL.create("sqlite+pysqlite", database=str(path)))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    write_failures.watch(engine, Path(path))
    return engine


@dataclass
class Store:
    """An open local database.

    `session_factory` is for units of work: `with store.session_factory.begin() as session: ...` (one
    transaction, BEGIN IMMEDIATE). `read_session_factory` begins DEFERRED: for reads only, which then never
    wait for a writer (WAL); a write in it can fail with "database is locked", so never write there.
    """

    path: Path
    engine: Engine
    session_factory: sessionmaker[Session]
    read_session_factory: sessionmaker[Session]
    revision: str
    #: The copy taken before this open upgraded the database, if it did.
    backup: Path | None = None
    _closed: bool = field(default=False, repr=False)
    _checkpointer: IdleCheckpointer | None = field(default=None, repr=False)

    def checkpoint_when_idle(self) -> None:
        """Move WAL checkpoints out of the commits into a background thread that runs them when the store is quiet
        (:mod:`boxoffice.store.checkpointer`): for the window, whose clerk waits on every sale's commit."""
        if self._checkpointer is None and not self._closed:
            event.listen(self.engine, "connect", _defer_checkpoints)
            self.engine.dispose()  # pooled connections were made with the default: new ones get the safety net
            self._checkpointer = IdleCheckpointer(self.engine, self.path)

    def close(self) -> None:
        """Close every pooled connection (the last one checkpoints the WAL into the database file)."""
        if not self._closed:
            self._closed = True
            if self._checkpointer is not None:
                self._checkpointer.stop()
            self.engine.dispose()
            _open_here.forget(self.path)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@dataclass(frozen=True)
class _Found:
    """What a read-only look at an existing SQLite file found."""

    revisions: tuple[str, ...]
    data_tables: tuple[str, ...]


@dataclass(frozen=True)
class DatabaseStatus:
    """What is at a database path, found without changing anything (for `open_store` and diagnostics)."""

    path: Path
    #: The stamped Alembic revision; None when there is no database yet (no file, an empty file, no tables).
    revision: str | None
    #: The newest revision this code knows.
    head: str

    @property
    def needs_upgrade(self) -> bool:
        """True for an existing database at an older revision: opening it backs it up, then upgrades it."""
        return self.revision is not None and self.revision != self.head


def inspect_database(path: Path) -> DatabaseStatus:
    """Say what is at `path` without creating, locking or changing anything.

    Raises NotADatabaseError (not SQLite, or an SQLite file that is not ours), DatabaseTooNewError (a revision
    this code does not know) or StoreError (unreadable), exactly as `open_store` would.
    """
    path = Path(path)
    head = migrate.head_revision()
    found = _inspect(path)
    if found is None:
        return DatabaseStatus(path=path, revision=None, head=head)
    known = set(migrate.revision_history())
    unknown = [revision for revision in found.revisions if revision not in known]
    if unknown:
        raise DatabaseTooNewError(
            f"The database {path} is at revision {', '.join(unknown)}, which this Box office version does "
            "not know: a newer version made it. Install the newer Box office version to use it.",
            params={"path": str(path), "revision": ", ".join(unknown)},
        )
    if not found.revisions and found.data_tables:
        raise NotADatabaseError(
            f"{path} is an SQLite database but not a Box office one (tables: "
            f"{', '.join(found.data_tables[:5])}). Move it away or point --data-dir elsewhere.",
            code="database_foreign", params={"path": str(path), "tables": ", ".join(found.data_tables[:5])},
        )
    return DatabaseStatus(path=path, revision=found.revisions[0] if found.revisions else None, head=head)


def open_store(path: Path, *, backups_dir: Path | None = None, refuse_empty: bool = False) -> Store:
    """Open (creating or upgrading as needed) the database at `path`.

    A missing or empty file becomes a new database at head, except that with `refuse_empty` (the terminal is
    paired, so its database must hold its data) an existing empty one is refused with EmptyDatabaseError. An
    older one is first copied into `backups_dir` (default: a "backups" folder beside the database) and then
    upgraded. Raises NotADatabaseError, DatabaseTooNewError, MigrationError, DatabaseReadOnlyError or
    DiskFullError (all StoreError) with the file left as it was.
    """
    path = Path(path)
    backups_dir = Path(backups_dir) if backups_dir is not None else path.parent / "backups"
    status = inspect_database(path)
    old, head = status.revision, status.head
    if refuse_empty and old is None and path.exists():
        raise EmptyDatabaseError(
            f"The database {path} is empty ({path.stat().st_size} bytes) although this terminal is paired: its "
            f"sales are not in it. Nothing was changed. Restore the last copy from {backups_dir}, or, only if "
            "this terminal has never sold anything, delete the empty file to start a fresh one.",
            params={"path": str(path), "size": path.stat().st_size, "backups": str(backups_dir)},
        )
    backup = None
    if status.needs_upgrade:
        backup = backup_database(path, backups_dir, label=str(old))
        log.info("Backed up %s (revision %s) to %s before upgrading", path, old, backup)

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise write_failures.classify(path, exc) or StoreError(
            f"Cannot create the folder {path.parent}: {exc.strerror or exc}.", code="folder_not_writable",
            params={"folder": str(path.parent)}) from exc
    engine = make_engine(path)
    try:
        if old != head:
            _upgrade(engine, path, old, head, backup)
        with engine.connect() as connection:
            revision = migrate.current_revision(connection)
        if revision != head:
            raise MigrationError(f"The database {path} is at revision {revision} after upgrading, not {head}",
                                 code="database_upgrade_incomplete",
                                 params={"path": str(path), "revision": revision, "head": head})
    except BaseException:
        engine.dispose()
        raise
    _open_here.add(path)
    return Store(
        path=path,
        engine=engine,
        session_factory=sessionmaker(bind=engine, expire_on_commit=False),
        read_session_factory=sessionmaker(
            bind=engine.execution_options(**{BEGIN_MODE_OPTION: "DEFERRED"}), expire_on_commit=False
        ),
        revision=head,
        backup=backup,
    )


def _upgrade(engine: Engine, path: Path, old: str | None, head: str, backup: Path | None) -> None:
    try:
        with engine.connect() as connection:
            if old is None:
                migrate.create_at_head(connection, head)
            else:
                migrate.upgrade(connection, head)
    except StoreError:  # the disk: read-only, full or failing (write_failures), said as such
        raise
    except Exception as exc:
        reason = exc.orig if isinstance(exc, DBAPIError) else exc  # the SQLite message, not the whole SQL
        if old is None:
            raise MigrationError(
                f"Could not create the Box office database {path}: {reason}. No tables were created.",
                code="database_create_failed", params={"path": str(path), "reason": str(reason)},
            ) from exc
        raise MigrationError(
            f"Could not upgrade the database {path} from revision {old} to {head}: {reason}. "
            f"It is left at revision {old}, as it was; a backup taken before the upgrade is at {backup}.",
            params={"path": str(path), "old": old, "head": head, "reason": str(reason), "backup": str(backup)},
        ) from exc
    log.info("Database %s upgraded from %s to %s", path, old or "empty", head)


class _OpenHere:
    """Databases this process has open as a Store.

    POSIX advisory locks belong to the process: closing any descriptor of the file drops every lock the process
    holds on it, its live SQLite connections' too, and another process may then checkpoint and delete the WAL
    under them. So a database already open here is never read with plain file I/O again (it is known to be
    SQLite: this process opened it); only SQLite, which shares its locks between connections, touches it.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[str, int] = {}

    @staticmethod
    def _key(path: Path) -> str:
        return os.path.normcase(str(Path(path).resolve()))

    def add(self, path: Path) -> None:
        with self._lock:
            key = self._key(path)
            self._counts[key] = self._counts.get(key, 0) + 1

    def forget(self, path: Path) -> None:
        with self._lock:
            key = self._key(path)
            left = self._counts.get(key, 0) - 1
            if left > 0:
                self._counts[key] = left
            else:
                self._counts.pop(key, None)

    def __contains__(self, path: Path) -> bool:
        with self._lock:
            return self._key(path) in self._counts


_open_here = _OpenHere()


def _inspect(path: Path) -> _Found | None:
    """Look at an existing database without changing it; None when there is nothing there yet.

    The header is read with plain file I/O, so a file that is not SQLite is never handed to SQLite (which
    could create -wal/-shm files beside it). An SQLite file is then opened read-only.
    """
    if path.is_dir():
        raise NotADatabaseError(f"{path} is a folder, not a Box office database. Point --data-dir elsewhere.",
                                code="database_is_folder", params={"path": str(path)})
    try:
        header = SQLITE_HEADER if path in _open_here else _read_header(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StoreError(f"Cannot read the database {path}: {exc.strerror or exc}.", code="database_unreadable",
                         params={"path": str(path), "reason": str(exc.strerror or exc)}) from exc
    if not header:
        return None
    if header != SQLITE_HEADER:
        raise NotADatabaseError(
            f"{path} is not a Box office database (not an SQLite file). "
            "Move it away or point --data-dir elsewhere.", params={"path": str(path)},
        )
    try:
        connection = _connect_read_only(path)
        try:
            listed = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = [row[0] for row in listed if not row[0].startswith("sqlite_")]
            revisions: tuple[str, ...] = ()
            if "alembic_version" in tables:
                stamped = connection.execute("SELECT version_num FROM alembic_version")
                revisions = tuple(row[0] for row in stamped)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"The database {path} cannot be read ({exc}). If it is damaged, restore a copy from the backups "
            "folder or move it away.", code="database_damaged", params={"path": str(path), "reason": str(exc)},
        ) from exc
    data_tables = tuple(sorted(name for name in tables if name not in _NOT_DATA_TABLES))
    return _Found(revisions=revisions, data_tables=data_tables)


def _read_header(path: Path) -> bytes:
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER))


def _connect_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves no trace.

    `mode=ro` on a WAL database creates -wal/-shm files if they are missing. When there is no -wal or -journal
    file, no connection is open and the main file holds everything, so `immutable=1` can read it with no
    locks and no side files. Otherwise another process may be using it (or crashed with commits still in the
    WAL): then read it properly with `mode=ro`, whose side files already exist.
    """
    in_use = any(Path(f"{path}{suffix}").exists() for suffix in ("-wal", "-journal"))
    query = "mode=ro" if in_use else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{query}", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)


def backup_database(path: Path, backups_dir: Path, *, label: str) -> Path:
    """Copy the database consistently (SQLite backup API) to `backups_dir`, named with `label` and UTC time.

    The copy is written under a temporary name and renamed when complete and synced, so a file with the final
    name is always a whole database. It is switched to rollback-journal mode so it is one self-contained file.
    """
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backups_dir / f"{path.stem}-{label}-{stamp}.sqlite3"
    counter = 1
    while target.exists():
        target = backups_dir / f"{path.stem}-{label}-{stamp}-{counter}.sqlite3"
        counter += 1
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        source = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)
                copy.execute("PRAGMA journal_mode=DELETE")
            finally:
                copy.close()
        finally:
            source.close()
        with partial.open("rb+") as file:
            os.fsync(file.fileno())
        os.replace(partial, target)
        _fsync_folder(backups_dir)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(
            f"Could not back up the database {path} to {backups_dir} before upgrading it ({exc}); it was not "
            "upgraded. Free some disk space or check the folder's permissions, then start again.",
            code="database_backup_failed", params={"path": str(path), "backups": str(backups_dir), "reason": str(exc)},
        ) from exc
    return target


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows cannot open folders and does not need it."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
