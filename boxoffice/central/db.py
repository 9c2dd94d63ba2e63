"""Engine, sessions and schema for the central platform, on SQLite or PostgreSQL.

Concurrency model (why a racing request can never put a ticket in two places):

* SQLite: WAL, ``synchronous=FULL`` (NORMAL loses committed sales on power loss), a long ``busy_timeout``, and
  every write transaction opened with ``BEGIN IMMEDIATE`` (the pysqlite recipe), so writers queue up instead of
  failing half-way with "database is locked". Reads use a plain ``BEGIN`` and run beside writers.
* PostgreSQL: READ COMMITTED plus ``SELECT ... FOR UPDATE`` on the ticket rows, always in id order, before a
  ticket changes place (see :mod:`boxoffice.central.inventory`). A write that still loses a race (deadlock,
  serialization failure, a unique key inserted by a concurrent request) is retried from the start.
"""

from __future__ import annotations

import random
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
from sqlalchemy import Engine, Table, create_engine, event, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.central import json_text
from boxoffice.central.column_widening import widen_integer_columns
from boxoffice.central.missing_indexes import add_missing_indexes
from boxoffice.central.models import SCHEMA_VERSION, Base, Meta
from boxoffice.central.office_scoping import scope_per_office

T = TypeVar("T")

SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE_ATTEMPTS = 8
_RETRY_SQLSTATES = {"40001", "40P01", "23505"}  # serialization failure, deadlock, unique violation


class SchemaVersionError(RuntimeError):
    """The database was written by a newer server; opening it with this one could lose data."""


def default_db_url() -> str:
    """``sqlite:///`` file in the per-user data dir of ``boxoffice-central``."""
    folder = Path(platformdirs.user_data_dir("boxoffice-central"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'central.sqlite3'}"


def normalize_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` as psycopg 3 URLs (the only PostgreSQL driver installed)."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000},
                           pool_size=10, max_overflow=30, pool_timeout=60, json_serializer=json_text.dumps)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine


def _postgresql_engine(url: str) -> Engine:
    # prepare_threshold=None: psycopg never prepares a statement on the server, so each run is planned for its own
    # values. By default it prepares a statement run five times, and after five more PostgreSQL may plan it once
    # for any value: a catch-up batch's look-up of its keys among an office's (``key = ANY($2)``) got such a plan,
    # which compares each of the office's rows with each of the batch's 500 keys instead of hashing them: 0.2 ms
    # a batch, then 155-215 ms once 7,000 sales were stored, half the database's time of a 10,000-sale catch-up
    # (measured). Not ``plan_cache_mode = force_custom_plan``: that also re-plans the foreign-key checks'
    # own cached statements for every row (an assignment of 100,000 tickets: 5.4 -> 9-12 s, measured).
    return create_engine(url, pool_size=10, max_overflow=30, pool_timeout=60, pool_pre_ping=True,
                         json_serializer=json_text.dumps, connect_args={"prepare_threshold": None})


class Database:
    """One database: a write path (serialised, retried) and a read path."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.dialect = make_url(self.url).get_backend_name()
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(self.url)
            read_bind: Any = self.engine.execution_options(sqlite_begin="DEFERRED")
        else:
            self.engine = _postgresql_engine(self.url)
            read_bind = self.engine
        self._writer = sessionmaker(self.engine, expire_on_commit=False)
        self._reader = sessionmaker(read_bind, expire_on_commit=False)

    def create_schema(self) -> None:
        """Create missing tables and record the schema version; refuse a database from a newer server."""
        with self._writer.begin() as session:
            Base.metadata.create_all(session.connection())
            widen_integer_columns(session.connection())  # amounts of databases made before BigInteger
            scope_per_office(session.connection())  # keys and purchase codes of databases made before #12
            add_missing_indexes(session.connection())  # indexes declared after the database was made
            row = session.get(Meta, "schema_version")
            if row is None:
                session.add(Meta(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(row.value) > SCHEMA_VERSION:
                raise SchemaVersionError(
                    f"this database has schema version {row.value}, written by a newer boxoffice-central; "
                    f"this server understands version {SCHEMA_VERSION} at most. Upgrade boxoffice-central "
                    "(the database was left untouched)."
                )
            elif int(row.value) < SCHEMA_VERSION:
                row.value = str(SCHEMA_VERSION)  # no older schema exists yet: nothing to migrate

    def schema_version(self) -> int:
        with self.read() as session:
            value = session.scalar(select(Meta.value).where(Meta.key == "schema_version"))
        return int(value) if value is not None else 0

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._reader.begin() as session:
            yield session

    def write(self, work: Callable[[Session], T]) -> T:
        """Run ``work`` in one write transaction, retrying it whole when it lost a race.

        ``work`` must touch nothing outside the session, since it may run more than once.
        """
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self._writer.begin() as session:
                    return work(session)
            except DBAPIError as exc:
                if attempt == WRITE_ATTEMPTS - 1 or not _is_retryable(exc):
                    raise
            time.sleep(random.uniform(0, 0.02 * 2**attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def vacuum(self, *tables: Table) -> None:
        """After a bulk load has committed, PostgreSQL: ``VACUUM (ANALYZE)`` the tables, outside any transaction
        (VACUUM cannot run in one). A venue's 100,000 fresh rows are then marked all-visible and their hint bits
        set, so the first office's pull reads them instead of writing them, and autovacuum has nothing left to do
        while that pull runs (measured: the first pull after ``seed-venue`` 1.79-1.95 -> 1.37-1.63 s). SQLite:
        nothing to do."""
        if self.dialect != "postgresql" or not tables:
            return
        quote = self.engine.dialect.identifier_preparer.quote
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE) " + ", ".join(quote(table.name) for table in tables)))

    def dispose(self) -> None:
        self.engine.dispose()


def _is_retryable(exc: DBAPIError) -> bool:
    original = exc.orig
    if isinstance(original, sqlite3.Error):
        code = getattr(original, "sqlite_errorcode", 0) & 0xFF  # primary code of an extended one
        return code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
    return getattr(original, "sqlstate", None) in _RETRY_SQLSTATES
