"""insert_many (PostgreSQL COPY, SQLite the driver's executemany) stores what SQLAlchemy's own INSERT stores: the
same values (aware UTC times, JSON with non-ASCII text, NULLs, Python-side defaults), the rows in order, on a
SQLite file and a real PostgreSQL server; a row that breaks a constraint fails the whole call with SQLAlchemy's
IntegrityError and leaves nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from boxoffice.central.bulk_insert import insert_many
from boxoffice.central.db import Database
from boxoffice.central.models import LedgerEntry, SyncEntry
from tests.helpers.postgres import PostgresServer

WHEN = datetime(2026, 12, 3, 7, 45, 12, 345678, tzinfo=UTC)
ROWS: list[dict[str, Any]] = [
    {"office_id": "norte", "idempotency_key": "k1", "purchase_code": "AB12", "status": "completed",
     "fingerprint": "f" * 64, "order_id": "o1",
     "result": {"valido": True, "tickets": ["t1"], "cents": 2500, "texto": "Añadido ✓\ttab \\ barra\nlínea"},
     "date_created": WHEN},
    {"office_id": "norte", "idempotency_key": "k2", "purchase_code": None, "status": "conflict",
     "fingerprint": None, "order_id": None, "result": {}, "date_created": WHEN + timedelta(hours=2)},
]


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def two_databases(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "sqlite":
        urls = [f"sqlite:///{tmp_path / name}" for name in ("core.sqlite3", "copied.sqlite3")]
    else:
        postgres: PostgresServer = request.getfixturevalue("postgres")
        urls = [postgres.new_database(), postgres.new_database()]
    databases = (Database(urls[0]), Database(urls[1]))
    for db in databases:
        db.create_schema()
    yield databases
    for db in databases:
        db.dispose()


def _stored(db: Database, table: str) -> list[tuple[Any, ...]]:
    with db.read() as session:
        return [tuple(row) for row in session.execute(text(f"SELECT * FROM {table} ORDER BY id"))]


def _assert_stored_as_core_stores(core: Database, copied: Database, rows: list[dict[str, Any]]) -> None:
    core.write(lambda s: s.connection().execute(SyncEntry.__table__.insert(), rows))
    copied.write(lambda s: insert_many(s.connection(), SyncEntry.__table__, rows))
    assert _stored(copied, "sync_entries") == _stored(core, "sync_entries")
    with copied.read() as session:
        back = [(e.date_created, e.result) for e in session.scalars(select(SyncEntry).order_by(SyncEntry.id))]
    assert back == [(row["date_created"], row["result"]) for row in rows]


def test_copy_stores_what_a_core_insert_stores(two_databases: tuple[Database, Database]) -> None:
    _assert_stored_as_core_stores(*two_databases, ROWS)


def test_a_missing_column_takes_its_python_default_and_rows_keep_their_order(
        two_databases: tuple[Database, Database]) -> None:
    db = two_databases[0]
    rows = [{"ticket_id": "t1", "event_id": "e", "action": "sale"},
            {"ticket_id": "t2", "event_id": "e", "action": "sale", "date_created": WHEN},
            {"ticket_id": "t3", "event_id": "e", "action": "void", "office_id": "norte"}]
    before = datetime.now(UTC)
    db.write(lambda s: insert_many(s.connection(), LedgerEntry.__table__, rows))
    with db.read() as session:
        stored = [(e.ticket_id, e.action, e.office_id, e.date_created)
                  for e in session.scalars(select(LedgerEntry).order_by(LedgerEntry.id))]
    assert [row[:3] for row in stored] == [("t1", "sale", None), ("t2", "sale", None), ("t3", "void", "norte")]
    assert stored[1][3] == WHEN
    assert before <= stored[0][3] <= datetime.now(UTC) and before <= stored[2][3]  # utcnow, as the model says


def test_a_row_breaking_a_constraint_fails_the_call_and_nothing_is_written(
        two_databases: tuple[Database, Database]) -> None:
    db = two_databases[0]
    duplicate = [ROWS[0], {**ROWS[1], "idempotency_key": "k1"}]  # (office_id, idempotency_key) is unique
    with pytest.raises(IntegrityError) as raised:  # as SQLAlchemy's own INSERT raises it (Database.write's retry)
        db.write(lambda s: insert_many(s.connection(), SyncEntry.__table__, duplicate))
    if db.engine.dialect.name == "postgresql":
        assert getattr(raised.value.orig, "sqlstate", None) == "23505"
    else:
        assert "UNIQUE" in str(raised.value.orig)
    assert _stored(db, "sync_entries") == []
    with pytest.raises(ValueError, match="no column"):
        db.write(lambda s: insert_many(s.connection(), SyncEntry.__table__, [{**ROWS[0], "colour": "red"}]))


def test_values_shared_by_rows_are_stored_as_a_core_insert_stores_them(
        two_databases: tuple[Database, Database]) -> None:
    """A batch's rows share objects (its one ``now``, one result): each is converted once, and a row with another
    value in between never takes the last row's."""
    later = WHEN + timedelta(minutes=5)
    shared = {"tickets": ["t1"], "texto": "ñ"}
    rows = [{**ROWS[0], "idempotency_key": f"k{n}", "date_created": when, "result": result}
            for n, (when, result) in enumerate([(WHEN, shared), (WHEN, shared), (later, {"otro": 1}),
                                                (WHEN, shared), (later, shared)])]
    _assert_stored_as_core_stores(*two_databases, rows)
