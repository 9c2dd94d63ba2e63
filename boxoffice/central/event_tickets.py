"""The staff endpoints of the event-tickets spec: comp, validate, check-in, show, list, QR, transfer, refund, cancel.

Validate and check-in judge a ticket of any channel (online, comp, transferred, or sold at a box office window
and synchronised) by the same rules: it must be valid (not refunded, cancelled or transferred away), of the
event when one is named, scanned at an accepted scan point when its type lists some, and within its re-entry
limit (``reentryLimit`` scans in all when ``allowReentry``, else one). Validate records nothing; check-in
records the admitted scan. Both answer 200 with ``valid``/``admitted`` and ``light`` green or red, and a
``reason`` code with a message when red.

Transfer, refund and cancel act on tickets the central issued; a window sale is refunded at its window (409).
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import qrcode
import qrcode.image.svg
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.envelope import BadInput, Conflict, Gone, NotFound
from boxoffice.central.event_http import Call, add_route
from boxoffice.central.event_setup import get_event
from boxoffice.central.models import Ticket
from boxoffice.central.models_events import CANCELLED, REFUNDED, REVOKED, VALID, Booking, CheckIn, EventTicket
from boxoffice.central.online_purchase import CONFIRMED, BuiltInGateway, booking_row
from boxoffice.central.ticket_issuing import PENDING, Holder, find_ticket_type, issue, release_seat, require_available
from boxoffice.central.ticket_lookup import Found, by_id, by_qr, central_found, row, scans, window_sales
from boxoffice.central.validation import Fields

MAX_HOLDERS = 500
REASONS = {
    "unknown_ticket": "no ticket has this code",
    "wrong_event": "this ticket is for another event",
    REFUNDED: "this ticket was refunded",
    CANCELLED: "this ticket was cancelled",
    REVOKED: "this ticket was transferred; the new holder has a new QR",
    "pregenerated": "this ticket was pre-generated and is not activated yet: activate it when it is sold",
    "not_held": "this ticket's sale did not take its seat (a conflict at synchronisation)",
    "scan_point_not_accepted": "this ticket is not accepted at this scan point",
    "already_entered": "already entered",
    "reentry_limit": "the re-entry limit is reached",
}


def _hhmm(when: datetime) -> str:
    return when.strftime("%H:%M")


def judge(session: Session, found: Found | None, scan_point: str | None,
          event_id: str | None) -> tuple[str | None, str, int | None]:
    """``(reason, message, scans left after one more)``; reason None means green."""
    if found is None:
        return "unknown_ticket", REASONS["unknown_ticket"], None
    if event_id is not None and found.event_id != event_id:
        return "wrong_event", f"{REASONS['wrong_event']} ({found.event_id})", None
    if found.status != VALID:
        reason = found.status if found.status in REASONS else CANCELLED
        return reason, REASONS[reason], None
    kind = found.ticket_type
    points = list(kind.accepted_scan_points or []) if kind is not None else []
    if points and scan_point not in points:
        return ("scan_point_not_accepted", f"{REASONS['scan_point_not_accepted']} "
                f"({scan_point or 'none given'}); accepted: {', '.join(points)}", None)
    limit = (kind.reentry_limit or 1) if kind is not None and kind.allow_reentry else 1
    entries = scans(session, found.key)
    if len(entries) >= limit:
        last = entries[-1]
        where = f" at {last.scan_point}" if last.scan_point else ""
        reason = "already_entered" if limit == 1 else "reentry_limit"
        text = f"already entered at {_hhmm(last.date_created)}{where}"
        if limit > 1:
            text = f"{REASONS['reentry_limit']} ({limit} scans); last {text}"
        return reason, text, 0
    return None, "valid for entry", limit - len(entries) - 1


def _scan_request(call: Call) -> tuple[Fields, str, str | None, str | None]:
    fields = call.fields()
    payload = fields.string("qrPayload", max_length=512, what="the scanned QR text") or ""
    if not payload.strip():
        raise BadInput(fields.at("qrPayload"), f"{fields.at('qrPayload')} must not be empty")
    scan_point = fields.string("scanPoint", required=False, nullable=True, max_length=64)
    event_id = fields.identifier("eventId", required=False, nullable=True)
    return fields, payload, scan_point, event_id


def validate(session: Session, call: Call) -> dict[str, Any]:
    _, payload, scan_point, event_id = _scan_request(call)
    found = by_qr(session, payload)
    reason, message, left = judge(session, found, scan_point, event_id)
    return {"valid": reason is None, "light": "green" if reason is None else "red", "reason": reason,
            "message": message, "scansLeft": left if reason is None else None,
            "ticket": row(session, found) if found is not None else None}


def lock_found(session: Session, found: Found) -> None:
    """Serialise check-ins of one ticket (two doors at once on PostgreSQL): lock its row before counting."""
    if found.central is not None:
        session.execute(select(EventTicket.id).where(EventTicket.id == found.central.id).with_for_update())
    elif found.seat is not None:
        session.execute(select(Ticket.id).where(Ticket.id == found.seat.id).with_for_update())


def check_in(session: Session, call: Call) -> dict[str, Any]:
    _, payload, scan_point, event_id = _scan_request(call)
    found = by_qr(session, payload)
    if found is not None:
        lock_found(session, found)
    reason, message, left = judge(session, found, scan_point, event_id)
    if reason is None and found is not None:
        session.add(CheckIn(event_id=found.event_id, ticket_key=found.key, scan_point=scan_point,
                            date_created=call.now))
        if found.seat is not None:  # the spec's access fields of the seat row follow the check-ins
            found.seat.access_status, found.seat.access_entry = True, found.seat.access_entry + 1
        session.flush()
        message = "admitted"
    return {"admitted": reason is None, "light": "green" if reason is None else "red", "reason": reason,
            "message": message, "scansLeft": left if reason is None else None, "scanPoint": scan_point,
            "ticket": row(session, found) if found is not None else None}


def comp(session: Session, call: Call) -> tuple[int, dict[str, Any]]:
    fields = call.fields()
    event = get_event(session, fields.identifier("eventId") or "", fields.at("eventId"))
    ticket_type = find_ticket_type(session, event.id, fields.raw.get("ticketTypeId"), fields.at("ticketTypeId"))
    holders = []
    for holder in fields.objects("holders", max_items=MAX_HOLDERS, what="{email, name} holders") or []:
        holders.append(Holder(holder.string("email", required=False, nullable=True),
                              holder.string("name", required=False, nullable=True)))
    if not holders:
        raise BadInput(fields.at("holders"), f"{fields.at('holders')} must list at least one holder")
    note = fields.string("note", required=False, nullable=True, max_length=10_000)
    require_available(session, ticket_type, len(holders), call.now, fields.at("holders"))
    tickets = issue(session, ticket_type, holders, call.now, source="comp", price_cents=0, note=note)
    return 201, {"eventId": event.id, "ticketTypeId": ticket_type.id, "note": note,
                 "tickets": [row(session, central_found(session, t)) for t in tickets]}


def _found(session: Session, call: Call) -> Found:
    ticket_id = call.params["ticketId"]
    found = by_id(session, ticket_id)
    if found is None:
        raise NotFound(f"unknown ticket {ticket_id!r}", field="ticketId")
    return found


def _issued_here(found: Found, action: str) -> EventTicket:
    """The central ticket behind ``found``; a window sale is the box office's to refund or change."""
    if found.central is None:
        office = found.order.office_id if found.order is not None else "?"
        code = found.order.purchase_code if found.order is not None else "?"
        raise Conflict(f"ticket {found.key!r} was sold by box office {office!r} (purchase {code}); {action} it at "
                       "that window", field="ticketId")
    return found.central


def show(session: Session, call: Call) -> dict[str, Any]:
    return row(session, _found(session, call))


def list_event(session: Session, call: Call) -> list[dict[str, Any]]:
    event = get_event(session, call.params["eventId"])
    central = session.scalars(select(EventTicket).where(EventTicket.event_id == event.id)
                              .order_by(EventTicket.date_created, EventTicket.id))
    return ([row(session, central_found(session, t)) for t in central]
            + [row(session, found) for found in window_sales(session, event.id)])


def qr(session: Session, call: Call) -> dict[str, Any]:
    found = _found(session, call)
    if found.status != VALID:
        raise Gone(f"the QR of ticket {call.params['ticketId']!r} is void: the ticket is {found.status}",
                   field="ticketId", ticketStatus=found.status)
    if found.qr_payload is None:
        raise NotFound(f"ticket {call.params['ticketId']!r} has no barcode this platform knows", field="ticketId")
    image = qrcode.make(found.qr_payload, image_factory=qrcode.image.svg.SvgPathImage)
    svg = io.BytesIO()
    image.save(svg)
    return {"ticketId": call.params["ticketId"], "qrPayload": found.qr_payload, "format": "svg",
            "svg": svg.getvalue().decode("utf-8")}


def transfer(session: Session, call: Call) -> tuple[int, dict[str, Any]]:
    old = _issued_here(_found(session, call), "transfer")
    fields = call.fields()
    email = fields.string("toEmail") or ""
    if "@" not in email.strip(" @"):
        raise BadInput(fields.at("toEmail"), f"{fields.at('toEmail')} must be an email address, not {email!r}")
    ticket_type = find_ticket_type(session, old.event_id, old.ticket_type_id, "ticketId")
    if not ticket_type.transferable:
        raise Conflict(f"ticket type {ticket_type.name!r} is not transferable", field="ticketId")
    if old.status != VALID:
        raise Conflict(f"ticket {old.id!r} is {old.status}; only a valid ticket can be transferred", field="ticketId")
    new = issue(session, ticket_type, [Holder(email.strip(), fields.string("toName", required=False))], call.now,
                source="transfer", price_cents=old.price_cents, booking_id=old.booking_id,
                transferred_from=old)[0]
    old.status, old.transferred_to, old.date_updated = REVOKED, new.id, call.now
    session.flush()
    return 201, {"revokedTicketId": old.id, "ticket": row(session, central_found(session, new))}


def _close(session: Session, ticket: EventTicket, status: str, now: datetime) -> None:
    ticket.status, ticket.date_updated = status, now
    release_seat(session, ticket, now, "refund_central" if status == REFUNDED else "cancel_central")


def _close_one(session: Session, call: Call, status: str, verb: str) -> EventTicket:
    ticket = _issued_here(_found(session, call), verb)
    if ticket.status != VALID:
        raise Conflict(f"ticket {ticket.id!r} is {ticket.status}; only a valid ticket can be {status}",
                       field="ticketId")
    _close(session, ticket, status, call.now)
    session.flush()
    return ticket


def refund(session: Session, call: Call) -> dict[str, Any]:
    ticket = _close_one(session, call, REFUNDED, "refund")
    return {"ticket": row(session, central_found(session, ticket)),
            "refund": BuiltInGateway.refund(ticket.price_cents)}


def cancel(session: Session, call: Call) -> dict[str, Any]:
    ticket = _close_one(session, call, CANCELLED, "cancel")
    return {"ticket": row(session, central_found(session, ticket))}


def _booking(session: Session, call: Call) -> Booking:
    booking_id = call.params["bookingId"]
    booking = session.get(Booking, booking_id, with_for_update=True)
    if booking is None:
        raise NotFound(f"unknown booking {booking_id!r}", field="bookingId")
    return booking


def _valid_tickets(session: Session, booking: Booking) -> list[EventTicket]:
    return list(session.scalars(select(EventTicket).where(EventTicket.booking_id == booking.id,
                                                          EventTicket.status == VALID)))


def refund_booking(session: Session, call: Call) -> dict[str, Any]:
    booking = _booking(session, call)
    if booking.status != CONFIRMED:
        raise Conflict(f"booking {booking.id!r} is {booking.status}; only a paid (confirmed) booking is refunded"
                       + ("; cancel a pending one" if booking.status == PENDING else ""), field="bookingId")
    tickets = _valid_tickets(session, booking)
    for ticket in tickets:
        _close(session, ticket, REFUNDED, call.now)
    booking.status, booking.date_closed = REFUNDED, call.now
    session.flush()
    return {**booking_row(session, booking),
            "refund": BuiltInGateway.refund(sum(t.price_cents for t in tickets))}


def cancel_booking(session: Session, call: Call) -> dict[str, Any]:
    booking = _booking(session, call)
    if booking.status not in (PENDING, CONFIRMED):
        raise Conflict(f"booking {booking.id!r} is already {booking.status}", field="bookingId")
    for ticket in _valid_tickets(session, booking):
        _close(session, ticket, CANCELLED, call.now)
    booking.status, booking.date_closed = CANCELLED, call.now
    session.flush()
    return booking_row(session, booking)


def add_ticket_routes(app: FastAPI, db: Database) -> None:
    """The staff endpoints (admin token; validate, check-in, show and QR also take an office token)."""
    post, get = "POST", "GET"
    add_route(app, db, post, "/events/tickets/comp", comp, access="admin",
              summary="Issue tickets without payment (VIPs, speakers, staff)")
    add_route(app, db, post, "/events/tickets/validate", validate, access="staff", writes=False,
              summary="Green/red for a scanned QR, recording nothing")
    add_route(app, db, post, "/events/tickets/check-in", check_in, access="staff",
              summary="Admit a scanned QR: re-entry limit and accepted scan points applied, the scan recorded")
    add_route(app, db, get, "/events/tickets/{ticketId}", show, access="staff", writes=False,
              summary="One ticket of any channel")
    add_route(app, db, get, "/events/tickets/{ticketId}/qr", qr, access="staff", writes=False,
              summary="A ticket's QR payload and SVG (410 once void)")
    add_route(app, db, post, "/events/tickets/{ticketId}/transfer", transfer, access="admin",
              summary="Transfer a ticket: the old one is revoked, a new id and QR are issued")
    add_route(app, db, post, "/events/tickets/{ticketId}/refund", refund, access="admin",
              summary="Refund one ticket (test gateway), freeing its place")
    add_route(app, db, post, "/events/tickets/{ticketId}/cancel", cancel, access="admin",
              summary="Cancel one ticket without refund: record kept, QR void")
    add_route(app, db, post, "/events/bookings/{bookingId}/refund", refund_booking, access="admin",
              summary="Refund every valid ticket of a booking")
    add_route(app, db, post, "/events/bookings/{bookingId}/cancel", cancel_booking, access="admin",
              summary="Cancel a booking (pending or paid) without refund")
    add_route(app, db, get, "/events/{eventId}/tickets", list_event, access="admin", writes=False,
              summary="Every ticket of an event: central ones and those sold by the windows")

