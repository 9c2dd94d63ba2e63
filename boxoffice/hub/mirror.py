"""The hub's pull: the office's inventory at the central mirrored into the hub's central-schema tables.

What the windows see at the hub is what the central's own code reads there, so the pull writes the central's rows:
``events``, ``ticket_types`` (with the SAME ids as upstream, and ``ticket_type_taxes``), ``tickets`` (the same ids
and the fields the central's listing gives; ``position`` is the listing's order, which is the central's seat
order), ``tickets_offline`` rows for the office, and the ``offices`` row.

Merge rules, per event, in one write transaction (read inside it, so a window's sale at the hub is never lost
between the read and the write):

* a ticket sold at the hub (status false with an order of the hub's) stays sold, whatever the central says;
* the central says a ticket is sold (status false) and the hub did not sell it: sold elsewhere, false at the hub
  (no order); the central says it is free again (that other sale was cancelled): true again;
* a ticket the central no longer lists for the office and not sold at the hub leaves ``tickets_offline`` (its
  ``tickets`` row stays, unassigned), with its hold and lease; a ticket a window returned at the hub whose return
  is still queued upstream is not taken back in meanwhile;
* an event the central no longer lists for the office is merged as an empty listing.

Ticket types the central no longer lists are left at the hub (a window may still hold sales of them). Every write
is a bulk statement over chunks of rows, fine at 100,000 tickets.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import pairwise
from typing import Any, TypeVar

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.models import Event, Office, Ticket, TicketOffline, TicketType, utcnow
from boxoffice.central.models_events import TicketTypeTax
from boxoffice.hub.holds import drop_holds
from boxoffice.hub.leases import drop_leases
from boxoffice.hub.models import HubUpstream
from boxoffice.hub.upstream import put_now
from boxoffice.store.types import parse_utc
from boxoffice.sync.client import CentralClient, OfficeEvent, OfficeTicket
from boxoffice.sync.client import TicketType as RemoteType
from boxoffice.sync.pull import listed_events

log = logging.getLogger(__name__)

CHUNK = 2_000
LAST_PULL = "upstream.last_pull"
T = TypeVar("T")


@dataclass
class EventPull:
    event_id: str
    listed: int = 0
    added: int = 0
    updated: int = 0
    removed: int = 0
    sold_elsewhere: int = 0
    ticket_types: int = 0


@dataclass
class PullSummary:
    """What one pull did, per event (``boxoffice hub pull`` prints it)."""

    events: list[EventPull] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    @property
    def tickets(self) -> int:
        return sum(e.listed for e in self.events)

    def as_dict(self) -> dict[str, Any]:
        return {"events": [vars(e) for e in self.events], "tickets": self.tickets, "refused": self.refused}


def pull_upstream(db: Database, client: CentralClient, *, office_name: str | None = None,
                  event_ids: Sequence[str] | None = None) -> PullSummary:
    """Mirror the office's events, ticket types and tickets from the central into the hub database ``db``."""
    office_id = client.office_id
    summary = PullSummary()
    listed = listed_events(client)
    held = _held_events(db, office_id)
    if event_ids:
        wanted = list(dict.fromkeys(event_ids))
    elif listed is not None:
        wanted = list(listed) + [e for e in held if e not in listed]  # gone upstream: merged as empty
    else:
        wanted = held  # a spec-only central: refresh what the hub holds
    db.write(lambda session: _office(session, office_id, office_name))
    for event_id in wanted:
        info = listed.get(event_id) if listed is not None else None
        gone = listed is not None and info is None and not event_ids
        tickets = [] if gone else client.list_office_tickets(event_id)
        types: list[RemoteType] = []
        if not gone:
            bad: list[str] = []
            types = client.ticket_types(event_id, refused=bad)
            summary.refused += [f"event {event_id}: ticket type left out: {reason}" for reason in bad]
        with db.read() as session:  # most pulls change no ticket: then the write lock is held for no ticket read
            quiet = _ticket_plan(session, office_id, event_id, tickets).empty
        notes: list[str] = []
        report = db.write(lambda session, e=event_id, i=info, t=tickets, ty=types, n=notes, q=quiet: _merge_event(
            session, office_id, e, i, t, ty, n, tickets_too=not q))
        summary.refused += notes
        log.info("pulled %s from the central: %s", event_id, report)
        summary.events.append(report)
    db.write(lambda session: put_now(session, LAST_PULL))
    return summary


def _held_events(db: Database, office_id: str) -> list[str]:
    with db.read() as session:
        return list(session.scalars(select(TicketOffline.event_id).where(TicketOffline.office_id == office_id)
                                    .distinct().order_by(TicketOffline.event_id)))


def _office(session: Session, office_id: str, name: str | None) -> None:
    row = session.get(Office, office_id)
    if row is None:
        session.add(Office(id=office_id, name=name or office_id))
    elif name and row.name != name:
        row.name = name


def _merge_event(session: Session, office_id: str, event_id: str, info: OfficeEvent | None,
                 tickets: Sequence[OfficeTicket], types: Sequence[RemoteType], refused: list[str], *,
                 tickets_too: bool = True) -> EventPull:
    """One event merged (``tickets_too`` false: a read just found no ticket to change, only the event and its
    ticket types are written; what a window did since needs nothing from this pull either)."""
    refused.clear()  # the write may be retried whole
    report = EventPull(event_id, listed=len(tickets))
    _event(session, event_id, info, tickets)
    report.ticket_types = _ticket_types(session, event_id, types, refused)
    if tickets_too:
        _apply(session, _ticket_plan(session, office_id, event_id, tickets), report)
    return report


def _event(session: Session, event_id: str, info: OfficeEvent | None, tickets: Sequence[OfficeTicket]) -> None:
    row = session.get(Event, event_id)
    name = info.name if info else next((t.event_name for t in tickets if t.event_name), None)
    starts = _when(info.starts_at) if info else None
    if row is None:
        session.add(Event(id=event_id, name=name or event_id, date_start=starts))
        session.flush()
        return
    if name:
        row.name = name
    if info is not None:
        row.date_start = starts


def _when(text: str | None) -> datetime | None:
    try:
        return parse_utc(text) if text else None
    except ValueError:
        return None


def _ticket_types(session: Session, event_id: str, types: Sequence[RemoteType], refused: list[str]) -> int:
    """Upsert the event's ticket types under the central's ids (and their tax rates)."""
    taken = 0
    for position, remote in enumerate(types):
        if not remote.id.isdigit():
            refused.append(f"event {event_id}: ticket type {remote.id!r} left out: its id is not a number")
            continue
        type_id = int(remote.id)
        values = {"event_id": event_id, "name": remote.name, "kind": remote.kind, "zone": remote.zone,
                  "price_cents": remote.price_cents, "sale_start": remote.sale_start, "sale_end": remote.sale_end,
                  "visibility": remote.visibility, "position": position,
                  "components": [{"product_id": p, "quantity": q} for p, q in remote.components]
                  if remote.components is not None else None}
        row = session.get(TicketType, type_id)
        if row is None:
            session.add(TicketType(id=type_id, **values))
        else:
            for key, value in values.items():
                setattr(row, key, value)
        session.flush()
        tax = session.get(TicketTypeTax, type_id)
        if remote.tax_rate_bp is None:
            if tax is not None:
                session.delete(tax)
        elif tax is None:
            session.add(TicketTypeTax(ticket_type_id=type_id, rate_bp=remote.tax_rate_bp))
        else:
            tax.rate_bp = remote.tax_rate_bp
        taken += 1
    return taken


def _chunks(items: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _returning(session: Session, event_id: str) -> set[str]:
    """Tickets of the event a window returned at the hub whose return the central has not taken yet."""
    out: set[str] = set()
    for payload in session.scalars(select(HubUpstream.payload).where(HubUpstream.kind == "unassign",
                                                                     HubUpstream.state == "pending")):
        if isinstance(payload, dict) and payload.get("event_id") == event_id:
            out.update(str(t) for t in payload.get("ticket_ids") or ())
    return out


@dataclass
class _Plan:
    """What a listing changes at the hub (read first, then written in bulk)."""

    event_id: str
    office_id: str
    new_tickets: list[dict[str, Any]] = field(default_factory=list)
    new_offline: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)
    sold_elsewhere: int = 0

    @property
    def empty(self) -> bool:
        return not (self.new_tickets or self.new_offline or self.changed or self.gone)


def _ticket_plan(session: Session, office_id: str, event_id: str, listing: Sequence[OfficeTicket]) -> _Plan:
    now = utcnow()
    plan = _Plan(event_id, office_id)
    # id -> (seat_id, seat_row, zone, color, position, status, sold at the hub)
    known = {tid: (seat, row, zone, color, position, bool(status), bool(order) and not status)
             for tid, seat, row, zone, color, position, status, order in session.execute(
                 select(Ticket.id, Ticket.seat_id, Ticket.seat_row, Ticket.zone, Ticket.color, Ticket.position,
                        Ticket.status, Ticket.sold_order_id).where(Ticket.event_id == event_id))}
    offline = set(session.scalars(select(TicketOffline.ticket_id).where(TicketOffline.event_id == event_id,
                                                                        TicketOffline.office_id == office_id)))
    returning = _returning(session, event_id)
    positions = _positions(listing, {tid: old[4] for tid, old in known.items()})
    listed: set[str] = set()
    for position, remote in zip(positions, listing, strict=True):
        tid = remote.ticket_id
        listed.add(tid)
        if tid in returning:
            continue
        fields = (remote.seat_id, remote.row or "", remote.zone, remote.color, position)
        old = known.get(tid)
        if old is None:
            plan.new_tickets.append({"id": tid, "event_id": event_id, "seat_id": remote.seat_id,
                                     "seat_row": remote.row or "", "zone": remote.zone, "color": remote.color,
                                     "position": position, "status": remote.available, "status_offline": True,
                                     "date_created": now, "date_updated": now})
            plan.sold_elsewhere += not remote.available
        else:
            status = old[5] if old[6] else remote.available  # sold at the hub: stays sold
            if fields != old[:5] or status != old[5]:
                plan.changed.append({"id": tid, "seat_id": fields[0], "seat_row": fields[1], "zone": fields[2],
                                     "color": fields[3], "position": position, "status": status,
                                     "status_offline": True, "date_updated": now})
                plan.sold_elsewhere += old[5] and not status
        if tid not in offline:
            plan.new_offline.append({"ticket_id": tid, "event_id": event_id, "office_id": office_id,
                                     "date_created": now})
    plan.gone = sorted(tid for tid in offline - listed if not (tid in known and known[tid][6]))
    return plan


def _positions(listing: Sequence[OfficeTicket], known: dict[str, int]) -> list[int]:
    """Each listed ticket's ``position`` (the listing is in the central's seat order): the ones it had when they
    are still in that order and every new ticket comes after them (seats returned or added at the end), so a
    pull does not rewrite every row for a few; else the listing's order, numbered afresh."""
    old = [known[t.ticket_id] for t in listing if t.ticket_id in known]
    in_order = all(a < b for a, b in pairwise(old))
    first_new = next((i for i, t in enumerate(listing) if t.ticket_id not in known), len(listing))
    if not in_order or any(t.ticket_id in known for t in listing[first_new:]):
        return list(range(len(listing)))
    top = max(known.values(), default=-1)
    return [known[t.ticket_id] if i < first_new else top + 1 + i - first_new for i, t in enumerate(listing)]


def _apply(session: Session, plan: _Plan, report: EventPull) -> None:
    """Write ``plan`` in bulk statements over chunks of rows."""
    for chunk in _chunks(plan.new_tickets):
        session.execute(insert(Ticket), list(chunk))
    for chunk in _chunks(plan.changed):
        session.execute(update(Ticket), list(chunk))
    for chunk in _chunks(plan.new_offline):
        session.execute(insert(TicketOffline), list(chunk))
    now = utcnow()
    for chunk in _chunks(plan.gone):
        session.execute(delete(TicketOffline).where(TicketOffline.ticket_id.in_(chunk)))
        session.execute(update(Ticket).where(Ticket.id.in_(chunk))
                        .values(status_offline=False, date_updated=now).execution_options(synchronize_session=False))
    drop_leases(session, plan.gone)
    drop_holds(session, plan.gone)
    report.added, report.updated, report.removed = len(plan.new_tickets), len(plan.changed), len(plan.gone)
    report.sold_elsewhere = plan.sold_elsewhere
