"""Issuing tickets at the central (online, comp, transfer): capacity, seats, QR payloads, and the rules.

A ticket's QR payload is a Satellite Tag ticket barcode (:mod:`boxoffice.core.codes`) of a purchase code drawn
per batch, so a box office's door check reads central tickets with the same rules as its own. Capacity counts
valid central tickets, tickets sold by the windows (seats of the type's zone sold through the sync) and the
quantities of bookings still waiting for their payment (for :data:`HOLD`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boxoffice.central.envelope import BadInput, Conflict, NotFound
from boxoffice.central.ga_places import places_taken
from boxoffice.central.ids import new_id
from boxoffice.central.inventory import append_ledger, ledger_row
from boxoffice.central.models import Event, Ticket, TicketBlocked, TicketOffline, TicketType
from boxoffice.central.models_events import VALID, Booking, EventTicket
from boxoffice.core.codes import new_purchase_code, ticket_barcode

HOLD = timedelta(minutes=30)
"""How long a pending online booking keeps its quantities out of the capacity."""
PENDING = "pending"


@dataclass(frozen=True)
class Holder:
    email: str | None
    name: str | None


def find_ticket_type(session: Session, event_id: str, ref: object, field: str) -> TicketType:
    """A ticket type of the event by id (``12`` or ``"12"``) or by name (``"General Admission"``)."""
    ticket_type = None
    if isinstance(ref, bool) or not isinstance(ref, int | str):
        raise BadInput(field, f"{field} must be a ticket type id or name")
    text = str(ref).strip()
    if text.isdigit():
        ticket_type = session.get(TicketType, int(text)) if len(text) < 10 else None
    elif text:
        ticket_type = session.scalars(select(TicketType).where(
            TicketType.event_id == event_id, func.lower(TicketType.name) == text.lower())
            .order_by(TicketType.id)).first()
    if ticket_type is None or ticket_type.event_id != event_id:
        raise NotFound(f"{field}: event {event_id!r} has no ticket type {ref!r}", field=field)
    return ticket_type


def _free_seats(session: Session, ticket_type: TicketType, now: datetime, limit: int | None) -> list[Ticket]:
    """Unsold seats of the type's zone that no office and no live online hold has (seat order)."""
    query = (select(Ticket).where(Ticket.event_id == ticket_type.event_id, Ticket.zone == ticket_type.zone,
                                  Ticket.status.is_(True), Ticket.id.not_in(select(TicketOffline.ticket_id)),
                                  Ticket.id.not_in(select(TicketBlocked.ticket_id)
                                                   .where(TicketBlocked.locked_up > now)))
             .order_by(Ticket.position, Ticket.id))
    return list(session.scalars(query.limit(limit) if limit is not None else query))


def _pending_quantity(session: Session, ticket_type: TicketType, now: datetime, skip: str | None) -> int:
    pending = session.scalars(select(Booking).where(Booking.event_id == ticket_type.event_id,
                                                    Booking.status == PENDING,
                                                    Booking.date_created > now - HOLD))
    return sum(int(item["quantity"]) for booking in pending if booking.id != skip
               for item in booking.items if item["ticketTypeId"] == ticket_type.id)


def sold_count(session: Session, ticket_type: TicketType, *, held: bool = True) -> int:
    """Places taken: valid central tickets of a general-admission type and its places sold offline (and, with
    ``held``, the ones offices hold unsold); sold seats (any channel) of a zone."""
    if ticket_type.zone is None:  # and the places offline offices hold or sold (central/ga_allotment.py)
        return (session.scalar(select(func.count()).select_from(EventTicket).where(
            EventTicket.ticket_type_id == ticket_type.id, EventTicket.status.in_((VALID, "pregenerated")))) or 0) \
            + places_taken(session, ticket_type, held=held)
    return session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.event_id == ticket_type.event_id, Ticket.zone == ticket_type.zone, Ticket.status.is_(False))) or 0


def available(session: Session, ticket_type: TicketType, now: datetime,
              skip_booking: str | None = None) -> int | None:
    """How many more can be sold now (None: no limit); seated types are bounded by their free seats too."""
    # concurrent sales of one type queue here on PostgreSQL (SQLite writers are serialised anyway)
    session.execute(select(TicketType.id).where(TicketType.id == ticket_type.id).with_for_update())
    pending = _pending_quantity(session, ticket_type, now, skip_booking)
    left: int | None = None
    if ticket_type.capacity is not None:
        left = ticket_type.capacity - sold_count(session, ticket_type) - pending
    if ticket_type.zone is not None:
        seats = len(_free_seats(session, ticket_type, now, None)) - pending
        left = seats if left is None else min(left, seats)
    return None if left is None else max(left, 0)


def require_available(session: Session, ticket_type: TicketType, quantity: int, now: datetime, field: str,
                      skip_booking: str | None = None) -> None:
    left = available(session, ticket_type, now, skip_booking)
    if left is not None and left < quantity:
        raise Conflict(f"ticket type {ticket_type.name!r} has {left} left; {quantity} asked for", field=field,
                       available=left)


def sale_window_problem(ticket_type: TicketType, event: Event, when: datetime) -> str | None:
    """Why ``when`` is outside the type's sale window (a message), or None."""
    if ticket_type.sale_start is not None and when < ticket_type.sale_start:
        return f"the sale of {ticket_type.name!r} opens at {ticket_type.sale_start.isoformat()}"
    end = ticket_type.sale_end or event.date_end
    if end is not None and when > end:
        return f"the sale of {ticket_type.name!r} closed at {end.isoformat()}"
    return None


def flag_rule_breaks(session: Session, event_id: str, ticket_type_id: int, sold_at: datetime) -> list[str]:
    """The rules an offline sale of one ticket of this type broke, as inconsistency codes (always accepted).

    ``before_sale_start``, ``after_sale_end`` (the type's saleEnd, else the event's end), ``not_public``
    (visibility private or invite-only), ``over_capacity`` (the type was already full before this ticket), or
    ``unknown_ticket_type``. Call it before the sale's tickets are stored.
    """
    ticket_type = session.get(TicketType, ticket_type_id)
    event = session.get(Event, event_id)
    if ticket_type is None or event is None or ticket_type.event_id != event_id:
        return ["unknown_ticket_type"]
    sold = sold_count(session, ticket_type, held=False) if ticket_type.capacity is not None else 0
    return rule_breaks(ticket_type, event, sold_at, sold)


def rule_breaks(ticket_type: TicketType, event: Event, sold_at: datetime, sold: int) -> list[str]:
    """:func:`flag_rule_breaks` with the places already taken (``sold``) given: a sync batch counts them once
    per type and carries the count along its entries instead of asking the database for each."""
    flags = []
    if ticket_type.sale_start is not None and sold_at < ticket_type.sale_start:
        flags.append("before_sale_start")
    end = ticket_type.sale_end or event.date_end
    if end is not None and sold_at > end:
        flags.append("after_sale_end")
    if ticket_type.visibility != "public":
        flags.append("not_public")
    if ticket_type.capacity is not None and sold >= ticket_type.capacity:
        flags.append("over_capacity")
    return flags


def issue(session: Session, ticket_type: TicketType, holders: list[Holder], now: datetime, *, source: str,
          price_cents: int, booking_id: str | None = None, note: str | None = None,
          transferred_from: EventTicket | None = None) -> list[EventTicket]:
    """New valid tickets, one per holder, each with a fresh QR; seated types take free seats (all or none)."""
    seats: list[str | None] = [None] * len(holders)
    if transferred_from is not None:
        seats = [transferred_from.seat_ticket_id]
    elif ticket_type.zone is not None:
        free = _free_seats(session, ticket_type, now, len(holders))
        if len(free) < len(holders):
            raise Conflict(f"zone {ticket_type.zone!r} has {len(free)} free seats; {len(holders)} needed")
        seats = [seat.id for seat in free]
    code = new_purchase_code()
    tickets = []
    for number, (holder, seat_id) in enumerate(zip(holders, seats, strict=True), start=1):
        ticket = EventTicket(
            id=new_id(), event_id=ticket_type.event_id, ticket_type_id=ticket_type.id, seat_ticket_id=seat_id,
            booking_id=booking_id, source=source, holder_email=holder.email, holder_name=holder.name,
            qr_payload=ticket_barcode(code, number), status=VALID, price_cents=price_cents,
            currency=ticket_type.currency, note=note, transferred_from=transferred_from.id
            if transferred_from else None, date_created=now, date_updated=now)
        tickets.append(ticket)
        if seat_id is not None and transferred_from is None:
            _take_seat(session, seat_id, ticket.id, now)
    session.add_all(tickets)
    session.flush()
    return tickets


def _take_seat(session: Session, seat_id: str, ticket_id: str, now: datetime) -> None:
    seat = session.get(Ticket, seat_id)
    if seat is None:  # pragma: no cover - picked from the table just before
        return
    seat.status, seat.status_sold, seat.sold_order_id, seat.date_updated = False, now, ticket_id, now
    append_ledger(session, [ledger_row(seat, "sale_central", now, order_id=ticket_id)])


def release_seat(session: Session, ticket: EventTicket, now: datetime, action: str) -> None:
    """Put a refunded or cancelled ticket's seat back on sale (capacity counts only valid tickets)."""
    if ticket.seat_ticket_id is None:
        return
    seat = session.get(Ticket, ticket.seat_ticket_id)
    if seat is not None:
        seat.status, seat.status_sold, seat.sold_order_id, seat.date_updated = True, None, None, now
        append_ledger(session, [ledger_row(seat, action, now, order_id=ticket.id)])
