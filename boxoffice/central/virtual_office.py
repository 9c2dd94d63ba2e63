"""Virtual (online) office functions (virtual-office-api.txt): list, sales view, time-limited lock, unlock.

A ticket held by an offline office is never available here: the sales view shows it ``status`` false and a
lock on it fails with ``nodisponible``, like a sold or already locked one. An expired lock blocks nothing.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult
from boxoffice.central.functions import require_event
from boxoffice.central.inventory import (
    append_ledger,
    chunks,
    event_state,
    ledger_row,
    lock_rows,
    lock_tickets,
    offline_rows,
    unavailable,
)
from boxoffice.central.models import LedgerEntry, TicketBlocked
from boxoffice.central.offline_office import EventRequest, unavailable_result
from boxoffice.central.validation import callable_data

MSG_FOUND = "Tickets Encontrados"
MSG_LOCKED = "Tickets bloqueados"
MSG_UNLOCKED = "Tickets desbloqueados"
MAX_RESERVED_SECONDS = 86_400


@dataclass(frozen=True)
class LockRequest:
    tickets: list[str]
    reserved_time: int
    event_id: str | None


@dataclass(frozen=True)
class UnlockRequest:
    tickets: list[str]


def parse_lock(payload: Any) -> LockRequest:
    data = callable_data(payload)
    tickets = data.id_list("tickets")
    reserved = data.integer("reserved_time", minimum=1, maximum=MAX_RESERVED_SECONDS,
                            what="a whole number of seconds")
    event_id = data.identifier("event_id", required=False, what="an event id")
    assert tickets is not None and reserved is not None
    return LockRequest(tickets, reserved, event_id)


def parse_unlock(payload: Any) -> UnlockRequest:
    tickets = callable_data(payload).id_list("tickets")
    assert tickets is not None
    return UnlockRequest(tickets)


def list_event(session: Session, request: EventRequest, principal: Principal, now: datetime) -> ApiResult:
    """Every ticket of the event as full rows (seat map), ledger included."""
    state = event_state(session, require_event(session, request.event_id, "data.event_id"), now)
    ledger: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in session.scalars(select(LedgerEntry).where(LedgerEntry.event_id == request.event_id)
                                 .order_by(LedgerEntry.id)):
        ledger[entry.ticket_id].append({"action": entry.action, "date": entry.date_created,
                                        "office_id": entry.office_id, "order_id": entry.order_id})
    rows = [{
        "ticket_id": t.id, "seat_id": t.seat_id, "zone": t.zone, "color": t.color, "status": bool(t.status),
        "status_offline": t.id in state.offline_office, "access_status": bool(t.access_status),
        "access_entry": t.access_entry, "event_id": t.event_id, "event_name": state.event.name,
        "seat_row": t.seat_row, "ledger": ledger.get(t.id, []), "date_start": t.date_start,
        "date_end": t.date_end, "date_created": t.date_created, "date_updated": t.date_updated,
    } for t in state.tickets]
    return ApiResult(200, MSG_FOUND, {"response": rows})


def list_event_sales(session: Session, request: EventRequest, principal: Principal, now: datetime) -> ApiResult:
    """Sales view: ``status`` true only for a seat that is unsold, unblocked and not held offline."""
    state = event_state(session, require_event(session, request.event_id, "data.event_id"), now)
    rows = []
    for t in state.tickets:
        locked_until = state.locked_until.get(t.id)
        offline = t.id in state.offline_office
        rows.append({
            "ticket_id": t.id, "seat_id": t.seat_id, "seat_row": t.seat_row, "zone": t.zone, "color": t.color,
            "event_id": t.event_id, "event_name": state.event.name,
            "status": bool(t.status) and locked_until is None and not offline,
            "status_real": bool(t.status), "status_offline": offline, "locked_up": locked_until,
        })
    return ApiResult(200, MSG_FOUND, {"response": rows})


def lock(session: Session, request: LockRequest, principal: Principal, now: datetime) -> ApiResult:
    """Hold free tickets until now + ``reserved_time``; any unavailable id fails the whole request."""
    tickets = lock_tickets(session, request.tickets)
    locks = lock_rows(session, request.tickets)
    reasons = unavailable(request.tickets, tickets, offline_rows(session, request.tickets), locks, now,
                          request.event_id)
    if reasons:
        return unavailable_result(reasons)
    locked_up = now + timedelta(seconds=request.reserved_time)
    for ticket_id in request.tickets:
        existing = locks.get(ticket_id)
        if existing is not None:  # expired: reuse the row
            existing.locked_up = locked_up
            existing.date_created = now
        else:
            session.add(TicketBlocked(ticket_id=ticket_id, locked_up=locked_up, date_created=now))
    append_ledger(session, [ledger_row(tickets[ticket_id], "lock", now, locked_up=locked_up.isoformat())
                            for ticket_id in request.tickets])
    return ApiResult(200, MSG_LOCKED, {"tickets": request.tickets, "locked_up": locked_up,
                                       "reserved_time": request.reserved_time})


def unlock(session: Session, request: UnlockRequest, principal: Principal, now: datetime) -> ApiResult:
    """Release holds on these ids whether expired or not; ids without a hold are ignored."""
    tickets = lock_tickets(session, request.tickets)
    existing = lock_rows(session, request.tickets)
    held = [ticket_id for ticket_id in request.tickets if ticket_id in existing]
    for chunk in chunks(held):
        session.execute(delete(TicketBlocked).where(TicketBlocked.ticket_id.in_(chunk)))
    append_ledger(session, [ledger_row(tickets[ticket_id], "unlock", now) for ticket_id in held
                            if ticket_id in tickets])
    return ApiResult(200, MSG_UNLOCKED, {"tickets": held})
