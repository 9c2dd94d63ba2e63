"""Finding a ticket by what a door scans or a URL names, whichever channel sold it.

Central tickets (online, comp, transfer) are :class:`~boxoffice.central.models_events.EventTicket` rows found
by id or QR payload. A ticket sold at a box office window arrives through the sync as ``orders`` +
``order_tickets`` (+ the pos transaction's barcodes): it is found by its printed barcode (the pos transaction's
``barcode``, else the Satellite Tag barcode derived from the order's purchase code and the ticket's number) or
by the seat's ticket id, and is valid while its order is completed and holds the seat.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boxoffice.central.models import Order, OrderTicket, PosItemTicket, Ticket, TicketType
from boxoffice.central.models_events import VALID, CheckIn, EventTicket
from boxoffice.core.codes import is_valid, parse_code, ticket_barcode
from boxoffice.core.errors import InvalidCode
from boxoffice.core.money import cents_to_api
from boxoffice.core.seats import seat_number

COMPLETED = "completed"


@dataclass(frozen=True)
class Found:
    """A ticket of either channel; ``central`` is None for a window sale (then ``order`` is set)."""

    key: str
    event_id: str
    status: str
    qr_payload: str | None
    ticket_type: TicketType | None
    seat: Ticket | None
    central: EventTicket | None = None
    order: Order | None = None


def _window_barcode(session: Session, order: Order, ticket_id: str, position: int) -> str | None:
    barcode = session.scalar(select(PosItemTicket.barcode).where(PosItemTicket.ticket_id == ticket_id,
                                                                 PosItemTicket.barcode.is_not(None))
                             .order_by(PosItemTicket.id.desc()))
    if barcode:
        return barcode
    code = order.purchase_code
    if code and is_valid(code) and len(code) == 13 and position + 1 <= 1295:
        return ticket_barcode(code, position + 1)
    return None


def _seat_type(session: Session, seat: Ticket) -> TicketType | None:
    return session.scalars(select(TicketType).where(TicketType.event_id == seat.event_id,
                                                    TicketType.zone == seat.zone, TicketType.kind == "ticket")
                           .order_by(TicketType.position, TicketType.id)).first()


def _window(session: Session, order: Order, line: OrderTicket, barcode: str | None = None) -> Found | None:
    seat = session.get(Ticket, line.ticket_id)
    if seat is None:
        return None
    holds = order.status == COMPLETED and seat.sold_order_id == order.id and not seat.status
    status = VALID if holds else ("cancelled" if order.status != COMPLETED else "not_held")
    return Found(key=f"{order.id}/{seat.id}", event_id=order.event_id, status=status,
                 qr_payload=barcode or _window_barcode(session, order, seat.id, line.position),
                 ticket_type=_seat_type(session, seat), seat=seat, order=order)


def central_found(session: Session, ticket: EventTicket) -> Found:
    seat = session.get(Ticket, ticket.seat_ticket_id) if ticket.seat_ticket_id else None
    return Found(key=ticket.id, event_id=ticket.event_id, status=ticket.status, qr_payload=ticket.qr_payload,
                 ticket_type=session.get(TicketType, ticket.ticket_type_id), seat=seat, central=ticket)


def _by_seat(session: Session, seat_ticket_id: str, barcode: str | None = None) -> Found | None:
    """The window sale that holds this seat now (else its latest window order)."""
    seat = session.get(Ticket, seat_ticket_id)
    if seat is None:
        return None
    rows = session.execute(select(Order, OrderTicket).join(OrderTicket, OrderTicket.order_id == Order.id)
                           .where(OrderTicket.ticket_id == seat_ticket_id)
                           .order_by(Order.date_created.desc())).all()
    for order, line in rows:
        if order.id == seat.sold_order_id:
            return _window(session, order, line, barcode)
    return _window(session, rows[0][0], rows[0][1], barcode) if rows else None


def _by_purchase_code(session: Session, payload: str) -> Found | None:
    try:
        parsed = parse_code(payload)
    except InvalidCode:
        return None
    if parsed.kind != "ticket" or parsed.number is None:
        return None
    rows = session.execute(select(Order, OrderTicket).join(OrderTicket, OrderTicket.order_id == Order.id)
                           .where(Order.purchase_code == parsed.purchase,
                                  OrderTicket.position == parsed.number - 1)).all()
    found = [_window(session, order, line, payload.strip().upper()) for order, line in rows]
    live = [f for f in found if f is not None and f.status == VALID]
    return live[0] if live else next((f for f in found if f is not None), None)


def by_qr(session: Session, payload: str) -> Found | None:
    """The ticket a scanned QR/barcode names, of any channel, or None."""
    text = payload.strip()
    ticket = session.scalar(select(EventTicket).where(func.upper(EventTicket.qr_payload) == text.upper()))
    if ticket is not None:
        return central_found(session, ticket)
    seat_id = session.scalar(select(PosItemTicket.ticket_id).where(PosItemTicket.barcode == text,
                                                                   PosItemTicket.ticket_id.is_not(None))
                             .order_by(PosItemTicket.id.desc()))
    if seat_id is not None:
        found = _by_seat(session, seat_id, text)
        if found is not None:
            return found
    return _by_purchase_code(session, text) or _by_seat(session, text)


def by_id(session: Session, ticket_id: str) -> Found | None:
    """The ticket a URL's ``:ticketId`` names: a central ticket id, or a seat sold at a window."""
    ticket = session.get(EventTicket, ticket_id)
    if ticket is not None:
        return central_found(session, ticket)
    return _by_seat(session, ticket_id)


def scans(session: Session, key: str) -> list[CheckIn]:
    return list(session.scalars(select(CheckIn).where(CheckIn.ticket_key == key).order_by(CheckIn.id)))


def row(session: Session, found: Found) -> dict[str, Any]:
    """A ticket as the staff endpoints show it (the same fields for every channel)."""
    central, seat, kind = found.central, found.seat, found.ticket_type
    entries = scans(session, found.key)
    last = entries[-1] if entries else None
    price = central.price_cents if central is not None else (kind.price_cents if kind is not None else None)
    return {
        "id": central.id if central is not None else (seat.id if seat is not None else found.key),
        "eventId": found.event_id, "ticketTypeId": kind.id if kind else None,
        "ticketTypeName": kind.name if kind else None, "status": found.status, "qrPayload": found.qr_payload,
        "source": central.source if central is not None else "office",
        "bookingId": central.booking_id if central is not None else None,
        "officeId": found.order.office_id if found.order is not None else None,
        "purchaseCode": found.order.purchase_code if found.order is not None else None,
        "holderEmail": central.holder_email if central is not None else None,
        "holderName": central.holder_name if central is not None else (
            found.order.client_name if found.order is not None else None),
        "seat": {"zone": seat.zone, "row": seat.seat_row, "seat": seat_number(seat.seat_id), "seatId": seat.seat_id}
        if seat is not None else None,
        "price": cents_to_api(price) if price is not None else None, "price_cents": price,
        "currency": central.currency if central is not None else (kind.currency if kind else None),
        "scans": len(entries), "lastScanAt": last.date_created if last else None,
        "lastScanPoint": last.scan_point if last else None,
        "transferredFrom": central.transferred_from if central is not None else None,
        "transferredTo": central.transferred_to if central is not None else None,
        "note": central.note if central is not None else None,
    }


def window_sales(session: Session, event_id: str) -> list[Found]:
    """Every ticket the windows sold for this event and still hold (completed orders holding their seat)."""
    rows = session.execute(select(Order, OrderTicket).join(OrderTicket, OrderTicket.order_id == Order.id)
                           .join(Ticket, Ticket.id == OrderTicket.ticket_id)
                           .where(Order.event_id == event_id, Order.status == COMPLETED,
                                  Ticket.sold_order_id == Order.id)
                           .order_by(Order.date_created, OrderTicket.position)).all()
    return [f for order, line in rows if (f := _window(session, order, line)) is not None]
