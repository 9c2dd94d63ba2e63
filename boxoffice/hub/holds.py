"""Holds: a seat one window is about to sell, kept from the other windows until its sale arrives or it expires.

A window holds its seats at the hub before committing a sale (``offline_office_hub_hold``). A seat is holdable
by window W when it is this office's at the hub (``tickets_offline``), unsold, not held by another window (an
unexpired hold) and not leased to another window (even recalled: until that window gives it back). All or
nothing, like the central's assignment. Holding again a seat W already holds extends it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, insert, select
from sqlalchemy.orm import Session

from boxoffice.central.inventory import chunks, lock_tickets, offline_rows
from boxoffice.central.models import Office
from boxoffice.hub.models import HubHold, HubLease, HubWindow

UNKNOWN, NOT_OURS, SOLD = "unknown", "not_assigned_to_office", "sold"
HELD, LEASED = "held_by_other_window", "leased_to_other_window"


def serialize_office(session: Session, office_id: str) -> None:
    """Row-lock the office (PostgreSQL; SQLite writes are serial already): two windows' holds and lease top-ups
    would otherwise both see a seat free and both take it."""
    session.execute(select(Office.id).where(Office.id == office_id).with_for_update())


def claimed_by_others(session: Session, window_id: int | None, now: datetime, *,
                      ticket_ids: Iterable[str] | None = None, event_id: str | None = None) -> dict[str, str]:
    """Seats another window (any window, when ``window_id`` is None) holds or leases: ticket id -> reason.
    ``ticket_ids`` (else ``event_id``) says which seats to look at."""
    if ticket_ids is None:
        return _claims(session, window_id, now, HubHold.event_id == event_id, HubLease.event_id == event_id)
    claims: dict[str, str] = {}
    for chunk in chunks(sorted(set(ticket_ids))):
        claims.update(_claims(session, window_id, now, HubHold.ticket_id.in_(chunk), HubLease.ticket_id.in_(chunk)))
    return claims


def _claims(session: Session, window_id: int | None, now: datetime, hold_where: ColumnElement[bool],
            lease_where: ColumnElement[bool]) -> dict[str, str]:
    holds = select(HubHold.ticket_id).where(HubHold.expires_at > now, hold_where)
    leases = select(HubLease.ticket_id).where(lease_where)
    if window_id is not None:
        holds = holds.where(HubHold.window_id != window_id)
        leases = leases.where(HubLease.window_id != window_id)
    claims = dict.fromkeys(session.scalars(leases), LEASED)
    claims.update(dict.fromkeys(session.scalars(holds), HELD))
    return claims


def blockers(session: Session, window: HubWindow, office_id: str, event_id: str, ticket_ids: Sequence[str],
             now: datetime) -> dict[str, str]:
    """Why each seat of ``ticket_ids`` W may not hold (empty: all holdable); locks the seats' rows."""
    tickets = lock_tickets(session, ticket_ids)
    offline = offline_rows(session, ticket_ids)
    claims = claimed_by_others(session, window.id, now, ticket_ids=ticket_ids)
    reasons: dict[str, str] = {}
    for ticket_id in ticket_ids:
        ticket, row = tickets.get(ticket_id), offline.get(ticket_id)
        if ticket is None or ticket.event_id != event_id:
            reasons[ticket_id] = UNKNOWN
        elif row is None or row.office_id != office_id:
            reasons[ticket_id] = NOT_OURS
        elif not ticket.status:
            reasons[ticket_id] = SOLD
        elif ticket_id in claims:
            reasons[ticket_id] = claims[ticket_id]
    return reasons


def hold(session: Session, window: HubWindow, office_id: str, event_id: str, ticket_ids: Sequence[str],
         hold_key: str, now: datetime, seconds: int) -> tuple[dict[str, str], datetime]:
    """Hold every seat for ``seconds`` (replacing W's own and expired holds), or none: returns the refused
    seats' reasons (empty when held) and when the holds expire."""
    serialize_office(session, office_id)
    expires_at = now + timedelta(seconds=seconds)
    reasons = blockers(session, window, office_id, event_id, ticket_ids, now)
    if reasons:
        return reasons, expires_at
    drop_holds(session, ticket_ids)
    session.execute(insert(HubHold), [
        {"ticket_id": ticket_id, "window_id": window.id, "event_id": event_id, "hold_key": hold_key,
         "expires_at": expires_at, "date_created": now} for ticket_id in ticket_ids])
    return {}, expires_at


def release(session: Session, window: HubWindow, ticket_ids: Sequence[str]) -> list[str]:
    """Drop W's own holds of ``ticket_ids`` (expired or not); another window's holds are left alone."""
    released: list[str] = []
    for chunk in chunks(sorted(set(ticket_ids))):
        released += session.scalars(select(HubHold.ticket_id).where(HubHold.window_id == window.id,
                                                                    HubHold.ticket_id.in_(chunk)))
        session.execute(delete(HubHold).where(HubHold.window_id == window.id, HubHold.ticket_id.in_(chunk)))
    order = {ticket_id: n for n, ticket_id in enumerate(ticket_ids)}
    return sorted(released, key=order.__getitem__)


def drop_holds(session: Session, ticket_ids: Iterable[str]) -> None:
    """Whoever held these seats, the holds are over (sold, given back, unassigned or re-held)."""
    for chunk in chunks(sorted(set(ticket_ids))):
        session.execute(delete(HubHold).where(HubHold.ticket_id.in_(chunk)))


def drop_expired(session: Session, now: datetime) -> int:
    """Housekeeping: forget expired holds (they block nothing already)."""
    return session.execute(delete(HubHold).where(HubHold.expires_at <= now)).rowcount or 0
