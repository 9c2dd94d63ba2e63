"""A catch-up batch costs the same on a platform that has stored a million sales as on a new one: every query a
synchronisation runs is planned on an index, never a read of a table that grows with sales (issue #15), on
SQLite and PostgreSQL. Each statement the central really runs is captured and explained."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.db import Database
from boxoffice.central.models import Ticket, TicketType
from boxoffice.central.seed import VenueSeed, seed_venue
from boxoffice.central.synchronization import parse_request, synchronize
from boxoffice.central.ticket_issuing import sold_count
from boxoffice.core.utc import utcnow
from tests.integration.central.conftest import sale_entry

#: tables whose size grows with every sale: reading one whole is a cost per batch that grows with history
GROWING = ("sync_entries", "orders", "order_tickets", "pos_transactions", "pos_items", "pos_item_tickets",
           "pos_payments", "ticket_ledger", "tickets", "tickets_offline", "idempotency_records")


def _plans(session: Session, run: Callable[[], Any]) -> list[tuple[str, str]]:
    """Run ``run`` in ``session`` and explain each SELECT it sent: (statement, plan)."""
    statements: list[tuple[str, Any]] = []

    def seen(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if not many and statement.lstrip().upper().startswith("SELECT"):
            statements.append((statement, parameters))

    connection = session.connection()
    event.listen(connection, "before_cursor_execute", seen)
    try:
        run()
    finally:
        event.remove(connection, "before_cursor_execute", seen)
    sqlite = connection.dialect.name == "sqlite"
    if not sqlite:  # small test tables are cheaper to scan: ask whether an index can serve each query
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    explain = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN "
    return [(statement, " | ".join(str(row[-1] if sqlite else row[0]) for row in connection.exec_driver_sql(
        explain + statement, parameters))) for statement, parameters in statements]


def _full_reads(plans: list[tuple[str, str]]) -> list[tuple[str, str]]:
    pattern = re.compile(r"(?:^|\| )(?:SCAN|Seq Scan on) (" + "|".join(GROWING) + r")\b")
    return [(statement, plan) for statement, plan in plans if pattern.search(plan)]


def _batch(session: Session, venue: VenueSeed, tickets: list[tuple[str, int]]) -> dict[str, Any]:
    entries = [sale_entry(venue.event_id, venue.office_id, [ticket_id], pos_product=type_id)
               for ticket_id, type_id in tickets]
    return synchronize(session, parse_request({"data": {"ticket_sold": entries}}),
                       Principal(0, venue.office_id, False), utcnow()).data


def _seats(db: Database, venue: VenueSeed) -> list[tuple[str, int]]:
    with db.read() as session:
        types = {zone: type_id for zone, type_id in session.execute(
            select(TicketType.zone, TicketType.id).where(TicketType.event_id == venue.event_id))}
        return [(ticket_id, types[zone]) for ticket_id, zone in session.execute(
            select(Ticket.id, Ticket.zone).where(Ticket.event_id == venue.event_id).order_by(Ticket.position))]


def test_a_catch_up_batch_reads_no_table_that_grows_with_sales(database_url: str) -> None:
    db = Database(database_url)
    try:
        db.create_schema()
        venue = seed_venue(db, 40)
        seats = _seats(db, venue)
        db.write(lambda session: _batch(session, venue, seats[:10]))  # history: sales stored before

        def second_batch(session: Session) -> tuple[dict[str, Any], list[tuple[str, str]]]:
            answer: dict[str, Any] = {}
            plans = _plans(session, lambda: answer.update(_batch(session, venue, seats[10:20])))
            return answer, plans

        before = utcnow()
        answer, plans = db.write(second_batch)
        assert [t["taken"] for result in answer["results"] for t in result["tickets"]] == [True] * 10
        with db.read() as session:  # each seat sold by its order, at the batch's time
            stored = {t.id: (t.status, t.sold_order_id, t.status_sold, t.date_updated) for t in session.scalars(
                select(Ticket).where(Ticket.id.in_([ticket_id for ticket_id, _type in seats[10:20]])))}
        when = {row[2] for row in stored.values()}
        assert len(when) == 1 and before <= next(iter(when)) <= utcnow()
        assert stored == {result["tickets"][0]["ticket_id"]: (False, result["order_id"], *when, *when)
                          for result in answer["results"]}
        assert any("sync_entries" in statement for statement, _plan in plans)  # the replay look-ups were seen
        assert _full_reads(plans) == []
    finally:
        db.dispose()


def test_a_zone_s_sold_seats_are_counted_from_its_index_not_by_reading_the_event(database_url: str) -> None:
    """The capacity rule counts a zone's sold seats once per type and catch-up batch (sold_count), from the
    partial index of sold seats."""
    db = Database(database_url)
    try:
        db.create_schema()
        venue = seed_venue(db, 40)
        zone = next(iter(venue.zones))
        with db._writer.begin() as session:
            some = select(Ticket.id).where(Ticket.event_id == venue.event_id, Ticket.zone == zone).limit(4)
            session.execute(update(Ticket).where(Ticket.id.in_(some.scalar_subquery())).values(status=False))
        with db.read() as session:
            ticket_type = session.scalars(select(TicketType).where(TicketType.event_id == venue.event_id,
                                                                   TicketType.zone == zone)).one()
            counted: list[int] = []
            plans = _plans(session, lambda: counted.append(sold_count(session, ticket_type, held=False)))
        assert counted == [4]
        assert len(plans) == 1 and "ix_tickets_sold_by_zone" in plans[0][1], plans
    finally:
        db.dispose()


def test_replays_voids_and_conflicts_read_no_table_that_grows_with_sales(database_url: str) -> None:
    """The general path (an entry sent again, a void, a seat already sold, a code another office printed) looks
    each of them up on an index too."""
    db = Database(database_url)
    try:
        db.create_schema()
        venue = seed_venue(db, 40)
        other = seed_venue(db, 40, office_id="office_other", office_name="Other")
        seats = _seats(db, venue)
        first = [sale_entry(venue.event_id, venue.office_id, [ticket_id], pos_product=type_id)
                 for ticket_id, type_id in seats[:10]]
        principal = Principal(0, venue.office_id, False)
        db.write(lambda session: synchronize(session, parse_request({"data": {"ticket_sold": first}}),
                                             principal, utcnow()))
        ticket_id, type_id = seats[10]
        second = [
            first[0],  # sent again: replayed
            {**first[1], "status": "cancelled"},  # a void of a stored sale
            sale_entry(venue.event_id, venue.office_id, [seats[2][0]], pos_product=seats[2][1]),  # seat sold
            sale_entry(venue.event_id, venue.office_id, [ticket_id], pos_product=type_id,
                       code=first[3]["purchase_code"], key="new-key"),  # the code again, other content
            {**sale_entry(venue.event_id, venue.office_id, [seats[11][0]], pos_product=seats[11][1]),
             "status": "cancelled"},  # a void before its sale
        ]
        other_seats = _seats(db, other)
        reused = sale_entry(other.event_id, other.office_id, [other_seats[0][0]], pos_product=other_seats[0][1],
                            code=first[4]["purchase_code"])  # another office's code

        def second_batch(session: Session) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
            results: list[dict[str, Any]] = []

            def run() -> None:
                results.extend(synchronize(session, parse_request({"data": {"ticket_sold": second}}), principal,
                                           utcnow()).data["results"])
                results.extend(synchronize(session, parse_request({"data": {"ticket_sold": [reused]}}),
                                           Principal(0, other.office_id, False), utcnow()).data["results"])
            return results, _plans(session, run)

        results, plans = db.write(second_batch)
        assert [r["replayed"] for r in results] == [True, False, False, False, False, False]
        assert results[2]["tickets"][0]["conflict"] == "already_sold" and results[3]["error_status"] == 422
        assert results[4]["cancelled_before_sale"] is True and results[5]["error"] is None
        assert _full_reads(plans) == []
    finally:
        db.dispose()
