"""Where a ticket is, and the one safe way to move it: row-lock first, in id order, then check, then write.

A ticket is in exactly one place: sold (``status`` false), held by an offline office (a ``tickets_offline``
row), held online by an unexpired ``tickets_blocked`` row, or free. Every function that moves tickets locks their
rows with :func:`lock_tickets` before reading that state, so two racing requests see each other's result
instead of both seeing "free" (PostgreSQL ``FOR UPDATE``; on SQLite the whole write is ``BEGIN IMMEDIATE``).
Who may take a ticket is :func:`held_elsewhere`'s one rule, shared by synchronisation and ``/ticket/transaction``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ARRAY, Row, any_, bindparam, func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from boxoffice.central.bulk_insert import bound, insert_many
from boxoffice.central.models import Base, Event, LedgerEntry, Ticket, TicketBlocked, TicketOffline
from boxoffice.central.staged_ids import rows_of

T = TypeVar("T")
CHUNK = 500


def chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def among(session: Session, column: Any, values: Sequence[Any]) -> Any:
    """``column IN values`` (one chunk of them) with the values as one bound value: PostgreSQL ``column =
    ANY(array)``, SQLite ``column IN (SELECT value FROM json_each(?))`` (:func:`staged_ids.rows_of`). With one
    placeholder per value, SQLAlchemy expanded and the driver parsed 500 of them per chunk on every execution, a
    tenth of a catch-up batch's time on PostgreSQL (measured). The same rows, on the same index."""
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type)))
    return column.in_(rows_of(dialect, list(values)))


def lock_tickets(session: Session, ids: Iterable[str]) -> dict[str, Ticket]:
    """Load the tickets that exist among ``ids``, locking their rows in id order (no deadlocks)."""
    found: dict[str, Ticket] = {}
    for chunk in chunks(sorted(set(ids))):
        stmt = select(Ticket).where(among(session, Ticket.id, chunk)).order_by(Ticket.id).with_for_update()
        for ticket in session.scalars(stmt):
            found[ticket.id] = ticket
    return found


def lock_ticket_rows(session: Session, ids: Iterable[str]) -> dict[str, Row[Any]]:
    """:func:`lock_tickets` as plain rows (``id``, ``event_id``, ``status``): for moves done by bulk UPDATEs of
    many thousand tickets, where loading ORM objects would cost more than the writes."""
    found: dict[str, Row[Any]] = {}
    for chunk in chunks(sorted(set(ids))):
        stmt = (select(Ticket.id, Ticket.event_id, Ticket.status).where(among(session, Ticket.id, chunk))
                .order_by(Ticket.id)
                .with_for_update())
        for row in session.execute(stmt):
            found[row.id] = row
    return found


def offline_offices(session: Session, ids: Iterable[str]) -> dict[str, Row[Any]]:
    """:func:`offline_rows` as plain rows (``ticket_id``, ``office_id``): for checks that only read who holds a
    ticket (a catch-up batch reads hundreds; ORM objects would cost several times more)."""
    return _rows_by_ticket(session, TicketOffline.ticket_id, TicketOffline.office_id, ids)


def lock_times(session: Session, ids: Iterable[str]) -> dict[str, Row[Any]]:
    """:func:`lock_rows` as plain rows (``ticket_id``, ``locked_up``), expired or not, for the same reason."""
    return _rows_by_ticket(session, TicketBlocked.ticket_id, TicketBlocked.locked_up, ids)


def _rows_by_ticket(session: Session, ticket_id: Any, value: Any, ids: Iterable[str]) -> dict[str, Row[Any]]:
    rows: dict[str, Row[Any]] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in session.execute(select(ticket_id, value).where(among(session, ticket_id, chunk))):
            rows[row.ticket_id] = row
    return rows


def offline_rows(session: Session, ids: Iterable[str]) -> dict[str, TicketOffline]:
    rows: dict[str, TicketOffline] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in session.scalars(select(TicketOffline).where(among(session, TicketOffline.ticket_id, chunk))):
            rows[row.ticket_id] = row
    return rows


def lock_rows(session: Session, ids: Iterable[str]) -> dict[str, TicketBlocked]:
    """All ``tickets_blocked`` rows of ``ids``, expired or not."""
    rows: dict[str, TicketBlocked] = {}
    for chunk in chunks(sorted(set(ids))):
        for row in session.scalars(select(TicketBlocked).where(among(session, TicketBlocked.ticket_id, chunk))):
            rows[row.ticket_id] = row
    return rows


def unavailable(ids: Sequence[str], tickets: dict[str, Ticket] | dict[str, Row[Any]], offline: dict[str, TicketOffline],
                locks: dict[str, TicketBlocked], now: datetime, event_id: str | None = None) -> dict[str, str]:
    """Why each non-free id is not free: ``unknown`` (or of another event), ``sold``, ``offline``, ``locked``."""
    reasons: dict[str, str] = {}
    for ticket_id in ids:
        ticket = tickets.get(ticket_id)
        lock = locks.get(ticket_id)
        if ticket is None or (event_id is not None and ticket.event_id != event_id):
            reasons[ticket_id] = "unknown"
        elif not ticket.status:
            reasons[ticket_id] = "sold"
        elif ticket_id in offline:
            reasons[ticket_id] = "offline"
        elif lock is not None and lock.locked_up > now:
            reasons[ticket_id] = "locked"
    return reasons


OFFICE, ONLINE_HOLD, ONLINE = "office", "online_hold", "online"


def held_elsewhere(ticket: Ticket, offline: TicketOffline | Row[Any] | None, lock: TicketBlocked | Row[Any] | None,
                   now: datetime, seller_office: str | None) -> str | None:
    """The side that holds this unsold ticket against ``seller_office`` (None: the platform's own POS), or None
    when the seller may take it.

    An office takes only what is assigned to it: never another office's ticket (``office``), one held by a live
    online checkout (``online_hold``) or a free online one (``online``). The platform takes any free ticket.
    """
    if offline is not None:
        return None if offline.office_id == seller_office else OFFICE
    if lock is not None and lock.locked_up > now:
        return ONLINE_HOLD
    return None if seller_office is None else ONLINE


@dataclass(frozen=True)
class EventState:
    """An event's tickets (plain rows: ORM objects are ten times slower to load) with who holds them."""

    event: Event
    tickets: list[Row[Any]]
    offline_office: dict[str, str]
    locked_until: dict[str, datetime]


TICKET_COLUMNS = ("id", "event_id", "seat_id", "seat_row", "zone", "color", "status", "access_status",
                  "access_entry", "date_start", "date_end", "date_created", "date_updated")


def event_state(session: Session, event: Event, now: datetime) -> EventState:
    columns = [getattr(Ticket, name) for name in TICKET_COLUMNS]
    tickets = list(session.execute(select(*columns).where(Ticket.event_id == event.id)
                                   .order_by(Ticket.position, Ticket.id)))
    offline = {ticket_id: office_id for ticket_id, office_id in session.execute(
        select(TicketOffline.ticket_id, TicketOffline.office_id).where(TicketOffline.event_id == event.id))}
    locks = {ticket_id: locked_up for ticket_id, locked_up in session.execute(
        select(TicketBlocked.ticket_id, TicketBlocked.locked_up)
        .join(Ticket, Ticket.id == TicketBlocked.ticket_id)
        .where(Ticket.event_id == event.id, TicketBlocked.locked_up > now))}
    return EventState(event, tickets, offline, locks)


def ledger_row(ticket: Ticket | Row[Any] | str, action: str, now: datetime, *, office_id: str | None = None,
               order_id: str | None = None, event_id: str | None = None,
               **detail: Any) -> dict[str, Any]:
    ticket_id = ticket if isinstance(ticket, str) else ticket.id
    if not isinstance(ticket, str):
        event_id = ticket.event_id
    return {"ticket_id": ticket_id, "event_id": event_id, "action": action, "office_id": office_id,
            "order_id": order_id, "detail": json.dumps(detail, sort_keys=True) if detail else None,
            "date_created": now}


def append_ledger(session: Session, rows: list[dict[str, Any]]) -> None:
    insert_rows(session, LedgerEntry, rows)


def insert_rows(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> None:
    """INSERT ``rows`` (column names as keys) in one go (:mod:`boxoffice.central.bulk_insert`: PostgreSQL COPY,
    SQLite a Core executemany), after what the session has pending: the ORM's bulk insert costs several times
    more per row (a catch-up batch writes thousands)."""
    if rows:
        session.flush()
        insert_many(session.connection(), model.__table__, rows)


def insert_rows_returning_ids(session: Session, model: type[Base], rows: Sequence[dict[str, Any]]) -> list[int]:
    """:func:`insert_rows` for a table with an integer ``id``: the new ids, in the order of ``rows``.

    The ids are reserved first and written explicitly, so the INSERT stays one batched executemany (an INSERT
    ... RETURNING whose rows must come back in order goes row by row on SQLite).
    """
    if not rows:
        return []
    session.flush()
    ids = _reserve_ids(session, model.__table__, len(rows))
    insert_rows(session, model, [{**row, "id": new_id} for row, new_id in zip(rows, ids, strict=True)])
    return ids


def _reserve_ids(session: Session, table: Any, count: int) -> list[int]:
    """``count`` unused ids of ``table`` for this transaction: on PostgreSQL from the column's sequence (safe
    with concurrent writers); on SQLite after the largest (what SQLite itself would pick: a write transaction
    there holds the only write lock, and these tables have no AUTOINCREMENT to keep deleted ids unused)."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        sequence = connection.execute(select(func.pg_get_serial_sequence(table.name, "id"))).scalar_one()
        return sorted(connection.execute(select(func.nextval(sequence)).select_from(
            func.generate_series(1, count))).scalars())
    last = connection.execute(select(func.max(table.c.id))).scalar() or 0
    return list(range(last + 1, last + 1 + count))


_SOLD = {  # a batch's sales of one time: sqlite3's executemany of one UPDATE, PostgreSQL one UPDATE of them all
    "sqlite": "UPDATE tickets SET status = 0, status_sold = ?, date_updated = ?, sold_order_id = ? WHERE id = ?",
    "postgresql": "UPDATE tickets SET status = false, status_sold = %s, date_updated = %s, sold_order_id = v.order_id "
                  "FROM unnest(%s::text[], %s::text[]) AS v(order_id, id) WHERE tickets.id = v.id",
}


def mark_sold(session: Session, sold: Sequence[dict[str, Any]]) -> None:
    """Write the sales ``sold`` lists (``ticket_id``, ``order_id``, ``now``): for tickets whose loaded objects
    were updated with :func:`sold_in_memory`, so the ORM has nothing of theirs to flush. Straight on the driver,
    the time converted once per batch: through Core, two time conversions per row cost more than the UPDATE."""
    if not sold:
        return
    session.flush()
    connection = session.connection()
    dialect = connection.dialect
    by_time: dict[datetime, list[tuple[str, str]]] = {}
    for row in sold:
        by_time.setdefault(row["now"], []).append((row["order_id"], row["ticket_id"]))
    for now, sales in by_time.items():
        stamp = bound(dialect, Ticket.__table__.c.status_sold, now)
        if dialect.name == "postgresql":
            connection.exec_driver_sql(_SOLD["postgresql"], (stamp, stamp, [order for order, _t in sales],
                                                             [ticket for _o, ticket in sales]))
        else:
            connection.exec_driver_sql(_SOLD["sqlite"], [(stamp, stamp, order, ticket) for order, ticket in sales])


def sold_in_memory(ticket: Ticket, order_id: str, now: datetime) -> dict[str, Any]:
    """Show ``ticket`` sold by ``order_id`` to the rest of the request without making it dirty; the row for
    :func:`mark_sold`, which writes it."""
    for name, value in (("status", False), ("status_sold", now), ("sold_order_id", order_id), ("date_updated", now)):
        set_committed_value(ticket, name, value)
    return {"ticket_id": ticket.id, "order_id": order_id, "now": now}
