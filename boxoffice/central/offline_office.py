"""Offline office functions (offline-office-api.txt): assign, list, unassign and the event-wide view.

Synchronisation has its own module (:mod:`boxoffice.central.synchronization`). Assignment and unassignment are
all-or-nothing: one offending ticket fails the whole request with ``nodisponible`` listing exactly the
offending ids, and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Any, NamedTuple

from sqlalchemy import delete, func, insert, literal, or_, select, update
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.bulk_insert import placeholder
from boxoffice.central.envelope import ApiResult, BadInput
from boxoffice.central.functions import require_event, require_office
from boxoffice.central.inventory import (
    append_ledger,
    chunks,
    event_state,
    ledger_row,
    lock_tickets,
    offline_rows,
    unavailable,
)
from boxoffice.central.models import Event, LedgerEntry, Ticket, TicketBlocked, TicketOffline
from boxoffice.central.staged_ids import STAGED, stage
from boxoffice.central.validation import callable_data

MSG_ASSIGNED = "Tickets Tranferido offline"
MSG_UNAVAILABLE = "Tickets no disponibles"
MSG_LISTED = "Tickets Encontrado para la Taquilla Offline"
MSG_UNASSIGNED = "Tickets Tranferido online"
MSG_EVENT_LISTED = "Tickets Encontrados"
MSG_OFFICE_EVENTS = "Eventos Encontrados para la Taquilla Offline"


@dataclass(frozen=True)
class TicketsRequest:
    """Body of assign and unassign: ``tickets_offline``, ``office_id``, ``event_id``."""

    tickets: list[str]
    office_id: str
    event_id: str


@dataclass(frozen=True)
class OfficeEventRequest:
    office_id: str
    event_id: str
    columns: bool = False  # extension: the inventory as columns (``"layout": "columns"``), see list_sales


#: ``data.layout`` of an inventory listing (an extension: the spec's answer is ``rows``)
LAYOUTS = ("rows", "columns")


@dataclass(frozen=True)
class OfficeRequest:
    office_id: str


@dataclass(frozen=True)
class EventRequest:
    event_id: str


def parse_tickets_request(payload: Any) -> TicketsRequest:
    data = callable_data(payload)
    tickets = data.id_list("tickets_offline")
    office_id = data.identifier("office_id", what="an office id")
    event_id = data.identifier("event_id", what="an event id")
    assert tickets is not None and office_id is not None and event_id is not None
    return TicketsRequest(tickets, office_id, event_id)


def parse_office_event(payload: Any) -> OfficeEventRequest:
    data = callable_data(payload)
    event_id = data.identifier("event_id", what="an event id")
    office_id = data.identifier("office_id", what="an office id")
    assert office_id is not None and event_id is not None
    layout = data.string("layout", required=False, nullable=True, max_length=16, what='"rows" or "columns"')
    if layout is not None and layout not in LAYOUTS:
        raise BadInput(data.at("layout"), f'{data.at("layout")} must be "rows" or "columns", not {layout!r}')
    return OfficeEventRequest(office_id, event_id, columns=layout == "columns")


def parse_office(payload: Any) -> OfficeRequest:
    office_id = callable_data(payload).identifier("office_id", what="an office id")
    assert office_id is not None
    return OfficeRequest(office_id)


def parse_event(payload: Any) -> EventRequest:
    event_id = callable_data(payload).identifier("event_id", what="an event id")
    assert event_id is not None
    return EventRequest(event_id)


def office_scope(request: TicketsRequest | OfficeEventRequest | OfficeRequest) -> list[tuple[str, str]]:
    return [(request.office_id, "data.office_id")]


def unavailable_result(reasons: dict[str, str]) -> ApiResult:
    """The spec's 400 ``nodisponible``, plus ``motivos`` (why each id failed) for the operator."""
    return ApiResult(400, MSG_UNAVAILABLE, {"nodisponible": list(reasons), "motivos": reasons})


def assign(session: Session, request: TicketsRequest, principal: Principal, now: datetime) -> ApiResult:
    """Move free tickets to an offline office: ``status_offline``, a ``tickets_offline`` row, a ledger entry."""
    require_office(session, request.office_id, "data.office_id")
    require_event(session, request.event_id, "data.event_id")
    # an assignment may move 100,000 tickets: the ids are staged once, every step below is one statement, and
    # only the rows that refuse it come back to Python
    staged = stage(session, request.tickets)
    _lock_in_id_order(session, staged)
    refusing = {row.id: row for row in session.execute(
        select(STAGED.c.id, Ticket.event_id, Ticket.status)
        .outerjoin(Ticket, Ticket.id == STAGED.c.id)
        .where(or_(Ticket.id.is_(None), Ticket.event_id != request.event_id, Ticket.status.is_not(True))))}
    locks = {row.ticket_id: row for row in session.execute(
        select(TicketBlocked.ticket_id, TicketBlocked.locked_up).where(TicketBlocked.ticket_id.in_(staged)))}
    offline = {row.ticket_id: row for row in session.execute(
        select(TicketOffline.ticket_id).where(TicketOffline.ticket_id.in_(staged)))}
    if refusing or offline or any(lock.locked_up > now for lock in locks.values()):
        free = _Free(request.event_id, True)  # what unavailable() needs of the others: of the event, unsold
        tickets = {ticket_id: refusing.get(ticket_id, free) for ticket_id in request.tickets}
        tickets = {ticket_id: row for ticket_id, row in tickets.items() if row.event_id is not None}  # unknown
        reasons = unavailable(request.tickets, tickets, offline, locks, now, request.event_id)  # type: ignore[arg-type]
        return unavailable_result(reasons)
    if locks:  # only expired ones are left: they block nothing, and go
        session.execute(delete(TicketBlocked).where(TicketBlocked.ticket_id.in_(staged)))
    # the rows first, then the flag: each new row's foreign-key check locks its ticket FOR KEY SHARE, which is
    # free on the row locked FOR UPDATE above but a second lock to write on the version an UPDATE made
    # (PostgreSQL, 100,000 tickets: 3.45 -> 3.17 s for the two statements, 3 runs each)
    _hold_offline(session, request, now, staged)
    session.execute(update(Ticket).where(Ticket.id.in_(staged)).values(status_offline=True, date_updated=now)
                    .execution_options(synchronize_session=False))
    return ApiResult(200, MSG_ASSIGNED, {"tickets": request.tickets})


class _Free(NamedTuple):
    """What :func:`assign` knows of a staged ticket that its refusal query did not return: of the event, free."""

    event_id: str | None
    status: bool


def _lock_in_id_order(session: Session, staged: Any) -> None:
    """Row-lock the staged tickets in id order (so two assignments cannot deadlock), with no row sent back:
    ``SELECT count(*)`` over the locking select. SQLite has no row locks (its write transaction holds the file)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(select(func.count()).select_from(
            select(Ticket.id).where(Ticket.id.in_(staged)).order_by(Ticket.id).with_for_update().subquery()))


def _hold_offline(session: Session, request: TicketsRequest, now: datetime, staged: Any) -> None:
    """The ``tickets_offline`` rows and the ledger's "offline" entries of an assignment, as INSERT … SELECT of
    the staged ids: the database copies the rows, with no per-row work in Python (100,000 tickets at a time)."""
    offline, ledger = TicketOffline.__table__, LedgerEntry.__table__
    when = literal(now, offline.c.date_created.type)
    office = literal(request.office_id, offline.c.office_id.type)
    these = Ticket.id.in_(staged)
    session.execute(insert(offline).from_select(
        ["ticket_id", "date_created", "event_id", "office_id"],
        select(Ticket.id, when, literal(request.event_id, offline.c.event_id.type), office).where(these)))
    session.execute(insert(ledger).from_select(
        ["ticket_id", "event_id", "action", "office_id", "date_created"],
        select(Ticket.id, Ticket.event_id, literal("offline", ledger.c.action.type),
               literal(request.office_id, ledger.c.office_id.type),
               literal(now, ledger.c.date_created.type)).where(these)))


def unassign(session: Session, request: TicketsRequest, principal: Principal, now: datetime) -> ApiResult:
    """Return unsold tickets of this office to the online pool; sold, unknown or not-ours ids fail it all."""
    require_office(session, request.office_id, "data.office_id")
    require_event(session, request.event_id, "data.event_id")
    tickets = lock_tickets(session, request.tickets)
    offline = offline_rows(session, request.tickets)
    reasons: dict[str, str] = {}
    for ticket_id in request.tickets:
        ticket = tickets.get(ticket_id)
        row = offline.get(ticket_id)
        if ticket is None or ticket.event_id != request.event_id:
            reasons[ticket_id] = "unknown"
        elif not ticket.status:
            reasons[ticket_id] = "sold"
        elif row is None or row.office_id != request.office_id:
            reasons[ticket_id] = "not_assigned_to_office"
    if reasons:
        return unavailable_result(reasons)
    for chunk in chunks(request.tickets):
        session.execute(delete(TicketOffline).where(TicketOffline.ticket_id.in_(chunk)))
    for ticket_id in request.tickets:
        tickets[ticket_id].status_offline = False
        tickets[ticket_id].date_updated = now
    append_ledger(session, [ledger_row(tickets[ticket_id], "unassign", now, office_id=request.office_id)
                            for ticket_id in request.tickets])
    return ApiResult(200, MSG_UNASSIGNED, {"tickets": request.tickets})


#: an office's inventory of one event, in the event's seat order (``{columns}``: the columns read), run on the
#: driver's own cursor (:func:`_driver_rows`): plain tuples, with none of SQLAlchemy's per-row work (Row objects,
#: value processing), which for 100,000 tickets cost about as much as SQLite's query (``status`` is 0/1 on
#: SQLite: read with ``bool``). ``t.event_id`` (the same as ``o.event_id``: an assignment holds only the event's
#: own tickets) lets the database walk ``ix_tickets_event_position`` in seat order and look each ticket up in
#: ``tickets_offline``: no sort of the whole inventory (SQLite 0.30-0.34 s -> 0.21-0.24 s for 100,000; on
#: PostgreSQL the sort spilled to disk)
_OFFICE_INVENTORY = (
    "SELECT {columns} FROM tickets t JOIN tickets_offline o ON o.ticket_id = t.id "
    "WHERE t.event_id = {p} AND o.office_id = {p} AND o.event_id = {p} "
    "ORDER BY t.position, t.id")
_ROW_COLUMNS = "t.id, t.seat_id, t.zone, t.color, t.status, t.event_id, t.seat_row"
#: the columns' answer names the event once: its tickets' event ids are not read (a sixth less to fetch)
_COLUMN_COLUMNS = "t.id, t.seat_id, t.zone, t.color, t.status, t.seat_row"


def _driver_rows(session: Session, columns: str, request: OfficeEventRequest) -> list[tuple[Any, ...]]:
    """The inventory query's rows as the driver returns them, in the session's transaction."""
    connection = session.connection()
    query = _OFFICE_INVENTORY.format(columns=columns, p=placeholder(connection.dialect))
    cursor = connection.connection.cursor()
    try:
        cursor.execute(query, (request.event_id, request.office_id, request.event_id))
        return cursor.fetchall()
    finally:
        cursor.close()


def list_sales(session: Session, request: OfficeEventRequest, principal: Principal, now: datetime) -> ApiResult:
    """The office's inventory for an event (INNER JOIN on ``tickets_offline``); sold tickets show false.

    Each row has the spec's fields, then ``seat_row`` and ``event_name`` for a seat map. Plain tuples, not ORM
    objects, made into dicts in one pass: a venue's office may hold 100,000 tickets (the pull's first half).

    Extension: asked for ``"layout": "columns"``, the same tickets come as ``columns`` (one list per field, in
    the rows' order) with the event's ``event_id`` and ``event_name`` once, instead of ``response``: for a
    stadium about a third of the text (7.9 MB instead of 21 MB), encoded and parsed in a fraction of the time."""
    require_office(session, request.office_id, "data.office_id")
    event = require_event(session, request.event_id, "data.event_id")
    name = event.name
    if request.columns:
        listed = _driver_rows(session, _COLUMN_COLUMNS, request)
        # one list per field by itemgetter (in C), not zip(*rows): 100,000 arguments cost several times more
        ids, seats, zones, colors, statuses, seat_rows = (list(map(itemgetter(i), listed)) for i in range(6))
        return ApiResult(200, MSG_LISTED, {
            "event_id": request.event_id, "event_name": name,
            "columns": {"ticket_id": ids, "seat_id": seats, "zone": zones, "color": colors,
                        "status": list(map(bool, statuses)), "seat_row": seat_rows}})
    rows = [{"ticket_id": tid, "seat_id": seat, "zone": zone, "color": color, "status": bool(status),
             "event_id": event_id, "seat_row": seat_row, "event_name": name}
            for tid, seat, zone, color, status, event_id, seat_row in _driver_rows(session, _ROW_COLUMNS, request)]
    return ApiResult(200, MSG_LISTED, {"response": rows})


def list_event_sales(session: Session, request: EventRequest, principal: Principal, now: datetime) -> ApiResult:
    """Every ticket of the event with ``status`` (false if blocked or sold), ``status_offline``, ``status_real``."""
    state = event_state(session, require_event(session, request.event_id, "data.event_id"), now)
    rows = []
    for ticket in state.tickets:
        locked_until = state.locked_until.get(ticket.id)
        rows.append({
            "ticket_id": ticket.id, "seat_id": ticket.seat_id, "seat_row": ticket.seat_row, "zone": ticket.zone,
            "color": ticket.color, "event_id": ticket.event_id, "event_name": state.event.name,
            "status": bool(ticket.status) and locked_until is None,
            "status_offline": ticket.id in state.offline_office,
            "status_real": bool(ticket.status),
            "office_id": state.offline_office.get(ticket.id),
            "locked_up": locked_until,
        })
    return ApiResult(200, MSG_EVENT_LISTED, {"response": rows})


def list_office_events(session: Session, request: OfficeRequest, principal: Principal, now: datetime) -> ApiResult:
    """Extension (not in the spec): the events with tickets assigned to this office, so a newly paired terminal
    knows what to pull. Rows: ``event_id``, ``event_name``, ``date_start`` (ISO-8601 UTC or null), ``assigned``."""
    require_office(session, request.office_id, "data.office_id")
    rows = session.execute(
        select(Event.id, Event.name, Event.date_start, func.count(TicketOffline.ticket_id))
        .join(TicketOffline, TicketOffline.event_id == Event.id)
        .where(TicketOffline.office_id == request.office_id)
        .group_by(Event.id, Event.name, Event.date_start).order_by(Event.date_start, Event.id))
    return ApiResult(200, MSG_OFFICE_EVENTS, {"response": [
        {"event_id": event_id, "event_name": name,
         "date_start": start.isoformat().replace("+00:00", "Z") if start else None, "assigned": assigned}
        for event_id, name, start, assigned in rows]})
