"""A database made before an index was declared gets it at the next start, and a venue loaded in bulk is planned
with statistics on PostgreSQL: the office inventory is read in seat order (issue #15, the pull's first half)."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from boxoffice.central.db import Database
from boxoffice.central.missing_indexes import add_missing_indexes
from boxoffice.central.offline_office import OfficeEventRequest, list_sales
from boxoffice.central.seed import seed_venue
from tests.helpers.postgres import PostgresServer

INDEX = "ix_tickets_event_position"


def _indexes(db: Database) -> set[str]:
    query = ("SELECT name FROM sqlite_master WHERE type = 'index'" if db.dialect == "sqlite"
             else "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")
    with db.read() as session:
        return set(session.execute(text(query)).scalars())


def test_an_index_declared_after_the_database_was_made_is_created_at_the_next_start(database_url: str) -> None:
    db = Database(database_url)
    try:
        db.create_schema()
        venue = seed_venue(db, 40)
        with db._writer.begin() as session:  # as a database made before the index was declared
            session.execute(text(f"DROP INDEX {INDEX}"))
        assert INDEX not in _indexes(db)
        db.create_schema()
        assert INDEX in _indexes(db)
        with db._writer.begin() as session:
            assert add_missing_indexes(session.connection()) == []  # nothing left to add: no second index
        with db.read() as session:
            listed = list_sales(session, OfficeEventRequest(venue.office_id, venue.event_id, columns=True),
                                None, None)  # type: ignore[arg-type]
        assert len(listed.data["columns"]["ticket_id"]) == 40
    finally:
        db.dispose()


@pytest.mark.postgres
def test_a_venue_loaded_in_bulk_has_statistics_and_its_inventory_is_not_sorted_on_disk(
        postgres: PostgresServer) -> None:
    db = Database(postgres.new_database())
    try:
        db.create_schema()
        venue = seed_venue(db, 5_000)
        with db.read() as session:
            counted = dict(session.execute(text(
                "SELECT relname, reltuples FROM pg_class WHERE relname IN ('tickets', 'tickets_offline')")).all())
            plan = "\n".join(session.execute(text(
                "EXPLAIN SELECT t.id FROM tickets t JOIN tickets_offline o ON o.ticket_id = t.id "
                "WHERE t.event_id = :e AND o.office_id = :o AND o.event_id = :e ORDER BY t.position, t.id"),
                {"e": venue.event_id, "o": venue.office_id}).scalars())
        assert counted == {"tickets": 5_000, "tickets_offline": 5_000}  # the planner knows their size
        estimated = int(re.search(r"rows=(\d+)", plan).group(1))  # type: ignore[union-attr]
        assert estimated >= 1_000, plan  # from statistics, not the empty table's one row
    finally:
        db.dispose()
