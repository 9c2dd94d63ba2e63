"""A database made before an index was declared gets it at the next start, a venue loaded in bulk is vacuumed and
planned with statistics on PostgreSQL: the office inventory is read in seat order (issue #15, the pull's first
half), and a ``tickets_offline`` made before it was keyed by its ticket works as it is."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import Column, Connection, ForeignKey, Index, Integer, MetaData, Table, inspect, text

from boxoffice.central.auth import Principal
from boxoffice.central.db import Database
from boxoffice.central.missing_indexes import add_missing_indexes
from boxoffice.central.models import Base, TicketOffline, utcnow
from boxoffice.central.offline_office import (
    OfficeEventRequest,
    OfficeRequest,
    TicketsRequest,
    assign,
    list_office_events,
    list_sales,
    unassign,
)
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
def test_a_venue_loaded_in_bulk_is_vacuumed_has_statistics_and_its_inventory_is_not_sorted_on_disk(
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
        with db.read() as session:
            visible = dict(session.execute(text(
                "SELECT relname, relallvisible = relpages AND relpages > 0 FROM pg_class "
                "WHERE relname IN ('tickets', 'tickets_offline', 'ticket_ledger')")).all())
        assert counted == {"tickets": 5_000, "tickets_offline": 5_000}  # the planner knows their size
        # vacuumed once loaded: every page all-visible, so the first pull reads them instead of writing them
        assert visible == {"tickets": True, "tickets_offline": True, "ticket_ledger": True}
        estimated = int(re.search(r"rows=(\d+)", plan).group(1))  # type: ignore[union-attr]
        assert estimated >= 1_000, plan  # from statistics, not the empty table's one row
    finally:
        db.dispose()


def _old_tickets_offline(connection: Connection) -> None:
    """``tickets_offline`` as databases made before it was keyed by its ticket: a surrogate ``id`` key and a
    unique ``ticket_id``."""
    old = MetaData()
    for name in ("tickets", "events", "offices"):
        Base.metadata.tables[name].to_metadata(old)
    new = TicketOffline.__table__
    Table("tickets_offline", old,
          Column("id", Integer, primary_key=True, autoincrement=True),
          Column("ticket_id", new.c.ticket_id.type, ForeignKey("tickets.id"), nullable=False, unique=True),
          Column("date_created", new.c.date_created.type, nullable=False),
          Column("event_id", new.c.event_id.type, ForeignKey("events.id"), nullable=False),
          Column("office_id", new.c.office_id.type, ForeignKey("offices.id"), nullable=False),
          Index("ix_tickets_offline_office_event", "office_id", "event_id")).create(connection)


def test_a_tickets_offline_made_with_its_old_surrogate_key_still_assigns_lists_and_returns(
        database_url: str) -> None:
    db = Database(database_url)
    try:
        db.create_schema()
        with db._writer.begin() as session:
            session.execute(text("DROP TABLE tickets_offline"))
            _old_tickets_offline(session.connection())
        db.create_schema()  # the next start changes nothing of it
        with db.read() as session:
            columns = {column["name"] for column in inspect(session.connection()).get_columns("tickets_offline")}
        assert "id" in columns
        venue = seed_venue(db, 40)  # every seat assigned through the assign function
        admin, now = Principal(0, None, True), utcnow()
        with db.read() as session:
            listed = list_sales(session, OfficeEventRequest(venue.office_id, venue.event_id), admin, now)
            ids = [row["ticket_id"] for row in listed.data["response"]]
            events = list_office_events(session, OfficeRequest(venue.office_id), admin, now)
        assert len(ids) == 40 and events.data["response"][0]["assigned"] == 40
        back = db.write(lambda session: unassign(session, TicketsRequest(ids[:10], venue.office_id,
                                                                         venue.event_id), admin, utcnow()))
        again = db.write(lambda session: assign(session, TicketsRequest(ids[:10], venue.office_id,
                                                                        venue.event_id), admin, utcnow()))
        assert (back.status, again.status) == (200, 200)
        with db.read() as session:
            held = session.execute(text("SELECT id, ticket_id FROM tickets_offline")).all()
        assert sorted(ticket for _, ticket in held) == sorted(ids)
        assert len({row_id for row_id, _ in held}) == 40  # the old key filled itself
    finally:
        db.dispose()
