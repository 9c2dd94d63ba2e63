"""Returning unsold tickets to the central platform (unassign) and voiding sales.

Returned tickets become ``returning`` at once (unsellable here) and an unassign is queued; they become
``returned`` when the central platform confirms. A void of a sale never sent (or refused) cancels its delivery
and frees the seats at once; a void of a sale the platform has or may have (delivered, or a delivery attempted
whose answer never came) queues a cancellation, and the seats come back only when the platform confirms it.
Both belong to the shift open when they are made (a void's cash goes back from that drawer, whichever shift
sold it: ``Sale.void_shift_id``; a return's journal entry names it); with no shift open they are refused.

For the returns screen: :func:`return_zones` (what can be chosen), :func:`select_unsold` (the unsold tickets of a
zone, a seat range or the whole event, and the seats it skips), :func:`describe_seats` (a short list of seats)
and :func:`return_history` (each return queued for an event and whether the platform confirmed it). The sale
screen follows a void's cancellation with :func:`void_confirmation`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core import ticket_states
from boxoffice.core.errors import InvalidSale, SeatNotAvailable, UnknownEvent, UnknownSale
from boxoffice.core.outbox_keys import new_outbox_key
from boxoffice.core.permissions import Action
from boxoffice.services import authority, invoices, journal, refunds, shifts
from boxoffice.services.context import Terminal
from boxoffice.services.delivery import free_seats
from boxoffice.services.sales import sale_snapshot
from boxoffice.store.models import Event, JournalEntry, Outbox, Sale, Ticket
from boxoffice.store.types import utcnow


@dataclass(frozen=True)
class ReturnResult:
    event_id: str
    ticket_ids: tuple[str, ...]


def return_tickets(session_factory: sessionmaker[Session], terminal: Terminal, event_id: str,
                   ticket_ids: Sequence[str] | None = None, *, all_unsold: bool = False,
                   actor: str | None = None) -> ReturnResult:
    """Queue the return of the given unsold tickets (or of every unsold one); sold seats are refused.

    ``actor`` is the supervisor's name (``Action.return_tickets``), checked in the transaction."""
    if not all_unsold and not ticket_ids:
        raise InvalidSale("choose the tickets to return, or all unsold", code="return_choice_missing")
    with session_factory.begin() as session:
        actor = authority.acting_clerk(session, actor, Action.return_tickets).name
        if session.get(Event, event_id) is None:
            raise UnknownEvent(f"event {event_id!r} is not assigned to this office", code="event_not_assigned")
        shift_id = shifts.require_shift(shifts.open_shift_id(session), terminal, "return")
        if all_unsold:
            ids = list(session.scalars(select(Ticket.id).where(Ticket.event_id == event_id,
                                                               Ticket.state == "available").order_by(Ticket.id)))
            if not ids:
                raise InvalidSale("there are no unsold tickets to return for this event", code="return_nothing_unsold")
        else:
            ids = list(dict.fromkeys(ticket_ids or ()))
            found = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids)))}
            bad = [i for i in ids if i not in found or found[i].event_id != event_id
                   or found[i].state != "available"]
            if bad:
                states = ", ".join(f"{found[i].seat_id} ({found[i].state})" if i in found else f"{i} (unknown)"
                                   for i in bad)
                raise SeatNotAvailable(f"only unsold tickets can be returned: {states}", bad, code="return_not_unsold",
                                       params={"seats": states})
        ticket_states.check(ticket_states.TICKET, "available", "returning")
        result = session.execute(update(Ticket).where(Ticket.id.in_(ids), Ticket.state == "available")
                                 .values(state="returning", updated_at=utcnow())
                                 .execution_options(synchronize_session=False))
        if result.rowcount != len(ids):
            raise SeatNotAvailable("a ticket was sold while the return was being prepared; try again", [],
                                   code="return_sold_meanwhile")
        payload = {"event_id": event_id, "office_id": terminal.office_id, "ticket_ids": ids}
        outbox = Outbox(kind="unassign", subject=event_id, idempotency_key=new_outbox_key(), payload=payload)
        session.add(outbox)
        session.flush()  # the outbox id links the journal entry to the return the history lists
        journal.append(session, "return", {"event_id": event_id, "tickets": ids, "outbox_id": outbox.id,
                                           "shift_id": shift_id}, actor=actor, subject=event_id)
    return ReturnResult(event_id, tuple(ids))


@dataclass(frozen=True)
class VoidResult:
    purchase_code: str
    #: True: a cancellation was queued (the platform has, or may have, the sale); False: the delivery was
    #: cancelled and the seats freed now
    delivered: bool


def void_sale(session_factory: sessionmaker[Session], terminal: Terminal, purchase_code: str, reason: str,
              *, actor: str | None = None) -> VoidResult:
    """Void a sale; ``actor`` is the supervisor's name (``Action.void``), checked in the transaction."""
    if not reason.strip():
        raise InvalidSale("give a reason for the void", code="void_reason_missing")
    with session_factory.begin() as session:
        actor = authority.acting_clerk(session, actor, Action.void).name
        sale = session.scalars(select(Sale).where(Sale.purchase_code == purchase_code.strip().upper())).first()
        if sale is None:
            raise UnknownSale(f"no sale with purchase code {purchase_code!r} on this terminal", code="sale_unknown",
                              params={"code": purchase_code})
        if sale.status == "voided":
            raise InvalidSale(f"sale {sale.purchase_code} is already voided", code="sale_already_voided",
                              params={"code": sale.purchase_code})
        refunds.refuse_void_if_refunded(session, sale)
        # the money goes back from the drawer of the shift open now, whichever shift took it
        shift_id = shifts.require_shift(shifts.open_shift_id(session), terminal, "void")
        outbox = session.scalars(select(Outbox).where(Outbox.kind == "sale",
                                                      Outbox.subject == sale.purchase_code)).first()
        ticket_ids = [t.ticket_id for t in sale.tickets]
        # a pending sale whose delivery was attempted may be at the platform already (its answer lost): its
        # cancellation is queued behind it (the worker replays the sale first, then sends the cancellation)
        delivered = outbox is None or outbox.state == "delivered" or (
            outbox.state == "pending" and outbox.attempted_at is not None)
        ticket_states.move(ticket_states.SALE, sale, "voided", attribute="status", subject=sale.purchase_code)
        sale.voided_at = utcnow()
        sale.void_shift_id = shift_id
        sale.void_reason = reason.strip()
        if terminal.fiscal is not None and not terminal.training:  # a rectificativa, never an edit of the F2
            invoices.rectify_sale(invoices.db(session), terminal.fiscal, sale.purchase_code, shift_id, utcnow())
        if delivered:
            event = session.get(Event, sale.event_id)
            assert event is not None
            payload = sale_snapshot(sale, event, terminal, status="cancelled")
            session.add(Outbox(kind="void", subject=sale.purchase_code, idempotency_key=new_outbox_key(),
                               payload=payload))
        else:
            # never sent, or refused (parked): nothing to undo there, seats back on sale now,
            # unless the last pull said the platform no longer offers them here (then as a pull would leave them)
            assert outbox is not None
            ticket_states.move(ticket_states.OUTBOX, outbox, "cancelled", subject=outbox.subject)
            ticket_states.move(ticket_states.DELIVERY, sale, "cancelled", attribute="delivery_state",
                               subject=sale.purchase_code)
            free_seats(session, ticket_ids)  # the freed-seat rule (core/ticket_states.py)
        journal.append(session, "void", {"purchase_code": sale.purchase_code, "reason": sale.void_reason,
                                         "delivered": delivered, "shift_id": shift_id},
                       actor=actor, subject=sale.purchase_code)
    return VoidResult(sale.purchase_code, delivered)


# --- choosing what to return ---------------------------------------------------------------------------------

#: Seats that are gone from this office: neither returnable nor worth mentioning as skipped.
_GONE = ("returned", "withdrawn")
_NUMBER_AT_END = re.compile(r"(\d+)$")
_PARTS = re.compile(r"(\d+)")


def seat_number(seat: str) -> int | None:
    """The number at the end of a seat label (``"GEN17"`` -> 17); None when it has none."""
    found = _NUMBER_AT_END.search(seat)
    return int(found.group(1)) if found else None


def natural_key(text: str) -> tuple[tuple[int, int, str], ...]:
    """Sort key for seat and row labels: numbers by value (GEN2 < GEN10), letters theatre-style (Z < AA)."""
    key = []
    for index, part in enumerate(_PARTS.split(text or "")):
        if not part:
            continue
        if index % 2:
            key.append((0, int(part), ""))
        else:
            key.append((1, len(part), part.casefold()))
    return tuple(key)


def _zone_key(zone: str) -> tuple[str, str]:
    """Zones alphabetically, as the sales screen lists them."""
    return zone.casefold(), zone


@dataclass(frozen=True)
class ZoneSeats:
    """A zone of the event as the returns screen offers it."""

    zone: str
    rows: tuple[str, ...]  # in natural order; empty when the zone has no rows
    unsold: int  # tickets that can be returned now
    held: int  # tickets this office still holds (unsold, sold or being returned)
    lowest: int | None  # the smallest and largest seat numbers held, for the range fields
    highest: int | None


def return_zones(session_factory: sessionmaker[Session], event_id: str) -> list[ZoneSeats]:
    """The zones of ``event_id`` (alphabetically) with their rows, counts and seat-number bounds."""
    with session_factory() as session:
        rows = session.execute(select(Ticket.zone, Ticket.row, Ticket.seat_id, Ticket.state)
                               .where(Ticket.event_id == event_id, Ticket.state.not_in(_GONE))).all()
    zones: dict[str, list[tuple[str | None, str, str]]] = {}
    for zone, row, seat, state in rows:
        zones.setdefault(zone, []).append((row, seat, state))
    out = []
    for zone in sorted(zones, key=_zone_key):
        seats = zones[zone]
        numbers = [n for _r, seat, _s in seats if (n := seat_number(seat)) is not None]
        out.append(ZoneSeats(zone, tuple(sorted({r for r, _seat, _s in seats if r}, key=natural_key)),
                             sum(1 for *_x, state in seats if state == "available"), len(seats),
                             min(numbers, default=None), max(numbers, default=None)))
    return out


@dataclass(frozen=True)
class SeatRange:
    """Seats of one zone, optionally one row, whose seat numbers run from ``first`` to ``last`` (both included).

    The seat number is the number a seat label ends with (``"GEN17"`` -> 17); a bound left out is open. Seats
    without a number are only in a range with no bounds.
    """

    zone: str
    row: str | None = None
    first: int | None = None
    last: int | None = None

    def contains(self, zone: str, row: str | None, seat: str) -> bool:
        if zone != self.zone or (self.row is not None and row != self.row):
            return False
        if self.first is None and self.last is None:
            return True
        number = seat_number(seat)
        return number is not None and (self.first is None or number >= self.first) \
            and (self.last is None or number <= self.last)


@dataclass(frozen=True)
class ReturnSelection:
    """What a choice on the returns screen comes to: the unsold tickets, and the seats it has to leave out."""

    ticket_ids: tuple[str, ...]  # unsold, in seat order
    seats: tuple[str, ...]  # their seat labels, same order
    skipped: tuple[tuple[str, str], ...]  # (seat, state) in the choice but sold or already being returned

    @property
    def count(self) -> int:
        return len(self.ticket_ids)

    @property
    def sold_skipped(self) -> int:
        return sum(1 for _seat, state in self.skipped if state == "sold")


def select_unsold(session_factory: sessionmaker[Session], event_id: str, *, zone: str | None = None,
                  seat_range: SeatRange | None = None, all_unsold: bool = False) -> ReturnSelection:
    """The unsold tickets of one zone, one seat range or (``all_unsold``) the whole event; give exactly one."""
    if sum((zone is not None, seat_range is not None, all_unsold)) != 1:
        raise InvalidSale("choose a zone, a seat range or all unsold tickets", code="return_choice_missing")
    if seat_range is not None and None not in (seat_range.first, seat_range.last) \
            and seat_range.first > seat_range.last:  # type: ignore[operator]
        raise InvalidSale(f"the seat range runs backwards: from {seat_range.first} to {seat_range.last}",
                          code="seat_range_backwards", params={"first": seat_range.first, "last": seat_range.last})
    with session_factory() as session:
        if session.get(Event, event_id) is None:
            raise UnknownEvent(f"event {event_id!r} is not assigned to this office", code="event_not_assigned")
        query = select(Ticket.id, Ticket.zone, Ticket.row, Ticket.seat_id, Ticket.state).where(
            Ticket.event_id == event_id, Ticket.state.not_in(_GONE))
        wanted_zone = zone if zone is not None else (seat_range.zone if seat_range is not None else None)
        if wanted_zone is not None:
            query = query.where(Ticket.zone == wanted_zone)
        found = session.execute(query).all()
    if wanted_zone is not None and not found:
        raise InvalidSale(f"this office holds no tickets in zone {wanted_zone!r} for this event",
                          code="return_zone_empty", params={"zone": wanted_zone})
    chosen = [t for t in found if seat_range is None or seat_range.contains(t.zone, t.row, t.seat_id)]
    chosen.sort(key=lambda t: (_zone_key(t.zone), natural_key(t.seat_id)))
    unsold = [t for t in chosen if t.state == "available"]
    return ReturnSelection(tuple(t.id for t in unsold), tuple(t.seat_id for t in unsold),
                           tuple((t.seat_id, t.state) for t in chosen if t.state != "available"))


def describe_seats(seats: Sequence[str], limit: int = 12, more: str = "+{n} more") -> str:
    """``GEN1–GEN14, GEN17, PRE3–PRE5``: runs of consecutive numbers joined; past ``limit`` pieces, ``more``
    (the UI passes it translated) with ``{n}`` the pieces left out."""
    pieces: list[str] = []
    run: list[str] = []

    def close() -> None:
        if run:
            pieces.append(run[0] if len(run) == 1 else f"{run[0]}–{run[-1]}")
            run.clear()

    for seat in sorted(dict.fromkeys(seats), key=natural_key):
        if run:
            previous, number = seat_number(run[-1]), seat_number(seat)
            same_prefix = _NUMBER_AT_END.sub("", run[-1]) == _NUMBER_AT_END.sub("", seat)
            if not (same_prefix and previous is not None and number == previous + 1):
                close()
        run.append(seat)
    close()
    if len(pieces) > limit:
        return ", ".join(pieces[:limit]) + " " + more.format(n=len(pieces) - limit)
    return ", ".join(pieces)


# --- what the platform said ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Confirmation:
    """Where a queued message to the platform stands.

    ``state``: "queued" (not confirmed yet; ``error`` is why the last try failed, if one did), "confirmed"
    (``at`` is when) or "refused" (the platform said no; ``error`` is its reason, for the supervisor).
    """

    state: str
    at: datetime | None = None
    error: str | None = None
    attempts: int = 0


def _confirmation(row: Outbox) -> Confirmation:
    if row.state == "delivered":
        return Confirmation("confirmed", row.delivered_at, None, row.attempts)
    if row.state == "parked":
        return Confirmation("refused", None, row.last_error, row.attempts)
    return Confirmation("queued", None, row.last_error, row.attempts)


@dataclass(frozen=True)
class ReturnRecord:
    """One return queued for an event."""

    outbox_id: int
    queued_at: datetime
    actor: str | None
    ticket_ids: tuple[str, ...]
    seats: tuple[str, ...]  # in seat order
    confirmation: Confirmation


def return_history(session_factory: sessionmaker[Session], event_id: str, limit: int = 100) -> list[ReturnRecord]:
    """The returns queued for ``event_id``, newest first, each with the platform's answer so far."""
    with session_factory() as session:
        rows = list(session.scalars(select(Outbox).where(Outbox.kind == "unassign", Outbox.subject == event_id)
                                    .order_by(Outbox.id.desc()).limit(limit)))
        ids = {i for row in rows for i in row.payload.get("ticket_ids", [])}
        seats = dict(session.execute(select(Ticket.id, Ticket.seat_id).where(Ticket.id.in_(ids))).all())
        actors_by_outbox: dict[int, str | None] = {}
        actors_by_tickets: dict[tuple[str, ...], str | None] = {}
        for actor, payload in session.execute(select(JournalEntry.actor, JournalEntry.payload)
                                              .where(JournalEntry.kind == "return",
                                                     JournalEntry.subject == event_id)):
            data = json.loads(payload) if isinstance(payload, str) else payload
            if isinstance(data.get("outbox_id"), int):
                actors_by_outbox[data["outbox_id"]] = actor
            actors_by_tickets.setdefault(tuple(data.get("tickets", ())), actor)  # returns journaled before ids
        out = []
        for row in rows:
            ticket_ids = tuple(row.payload.get("ticket_ids", []))
            actor = actors_by_outbox.get(row.id, actors_by_tickets.get(ticket_ids))
            labels = tuple(sorted((seats.get(i, i) for i in ticket_ids), key=natural_key))
            out.append(ReturnRecord(row.id, row.created_at, actor, ticket_ids, labels, _confirmation(row)))
    return out


def void_confirmation(session_factory: sessionmaker[Session], purchase_code: str) -> Confirmation | None:
    """Where the cancellation of a voided, delivered sale stands; None when no cancellation is needed (none was
    queued, or it was dropped because the platform refused the sale itself and the seats came back)."""
    with session_factory() as session:
        row = session.scalars(select(Outbox).where(Outbox.kind == "void", Outbox.subject == purchase_code,
                                                   Outbox.state != "cancelled")
                              .order_by(Outbox.id.desc())).first()
        return _confirmation(row) if row is not None else None
