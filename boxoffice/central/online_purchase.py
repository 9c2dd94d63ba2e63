"""The public online channel: ``/client/events/tickets/purchase`` and ``confirm-order``, with a test gateway.

No external payment service: :class:`BuiltInGateway` plays Stripe or PayPal. A purchase prices the items, checks
the rules (the type is public, its sale window is open, there is capacity) and creates a ``pending`` booking
whose quantities are held for :data:`~boxoffice.central.ticket_issuing.HOLD`; the answer carries what the
gateway would (``clientSecret`` for Stripe, ``paypalOrderId`` for PayPal) and ``paymentRef``, the reference
the test gateway will accept at confirm. Confirming with that reference issues one ticket per quantity, each
with a fresh QR; confirming again with the same reference returns the same tickets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.envelope import BadInput, Conflict, Forbidden, NotFound, PaymentRequired
from boxoffice.central.event_http import Call, add_route
from boxoffice.central.event_setup import get_event
from boxoffice.central.ids import new_id
from boxoffice.central.models import TicketType
from boxoffice.central.models_events import Booking, EventTicket
from boxoffice.central.ticket_issuing import (
    HOLD,
    PENDING,
    Holder,
    find_ticket_type,
    issue,
    require_available,
    sale_window_problem,
)
from boxoffice.central.ticket_lookup import central_found, row
from boxoffice.central.validation import Fields
from boxoffice.core.money import cents_to_api

GATEWAYS = ("stripe", "paypal", "test")
CONFIRMED = "confirmed"
MAX_QUANTITY = 100


@dataclass(frozen=True)
class BuiltInGateway:
    """The built-in payment gateway: every intent it creates is paid by its own reference, nothing else."""

    name: str

    def create(self, booking_id: str) -> dict[str, Any]:
        reference = {"stripe": f"pi_test_{booking_id}", "paypal": f"PAYPAL-TEST-{booking_id}"}.get(
            self.name, f"test_{booking_id}")
        answer: dict[str, Any] = {"paymentRef": reference}
        if self.name == "stripe":
            answer["clientSecret"] = f"{reference}_secret_{new_id()}"
        elif self.name == "paypal":
            answer["paypalOrderId"] = reference
        return answer

    @staticmethod
    def refund(amount_cents: int) -> dict[str, Any]:
        return {"amount": cents_to_api(amount_cents), "amount_cents": amount_cents, "gateway": "test",
                "reference": f"re_test_{new_id()}"}


def _item(session: Session, event_id: str, fields: Fields, now: datetime,
          staff: bool) -> tuple[TicketType, int]:
    ticket_type = find_ticket_type(session, event_id, fields.raw.get("ticketTypeId"), fields.at("ticketTypeId"))
    quantity = fields.integer("quantity", minimum=1, maximum=MAX_QUANTITY) or 0
    if ticket_type.visibility != "public" and not staff:
        raise Forbidden(f"ticket type {ticket_type.name!r} is not on public sale ({ticket_type.visibility})",
                        field=fields.at("ticketTypeId"))
    if ticket_type.kind == "family_pass":
        raise BadInput(fields.at("ticketTypeId"), f"{ticket_type.name!r} is sold at the box office only")
    problem = sale_window_problem(ticket_type, get_event(session, event_id), now)
    if problem is not None:
        raise Conflict(problem, field=fields.at("ticketTypeId"))
    return ticket_type, quantity


def purchase(session: Session, call: Call, staff: bool = False) -> tuple[int, dict[str, Any]]:
    """A pending booking; ``staff`` (``/events/tickets/purchase``, admin token) may sell private types too."""
    fields = call.fields()
    event = get_event(session, fields.identifier("eventId") or "", fields.at("eventId"))
    email = fields.string("email") or ""
    if "@" not in email.strip(" @"):
        raise BadInput(fields.at("email"), f"{fields.at('email')} must be an email address, not {email!r}")
    name = fields.string("name", required=False) or ""
    gateway = fields.string("paymentGateway", required=False) or "test"
    if gateway not in GATEWAYS:
        raise BadInput(fields.at("paymentGateway"), f"{fields.at('paymentGateway')} must be one of "
                                                    f"{', '.join(GATEWAYS)}, not {gateway!r}")
    lines: dict[int, tuple[TicketType, int]] = {}
    for item in fields.objects("items", max_items=50, what="{ticketTypeId, quantity} items") or []:
        ticket_type, quantity = _item(session, event.id, item, call.now, staff)
        previous = lines.get(ticket_type.id, (ticket_type, 0))[1]
        lines[ticket_type.id] = (ticket_type, previous + quantity)
    if not lines:
        raise BadInput(fields.at("items"), f"{fields.at('items')} must list at least one ticket type")
    currencies = {t.currency for t, _ in lines.values()}
    if len(currencies) > 1:
        raise BadInput(fields.at("items"), f"the items are in several currencies ({', '.join(sorted(currencies))})")
    for ticket_type, quantity in lines.values():
        require_available(session, ticket_type, quantity, call.now, fields.at("items"))
    amount = sum(t.price_cents * q for t, q in lines.values())
    booking_id = new_id()
    payment = BuiltInGateway(gateway).create(booking_id)
    session.add(Booking(id=booking_id, event_id=event.id, email=email.strip(), name=name, status=PENDING,
                        items=[{"ticketTypeId": t.id, "quantity": q, "unit_cents": t.price_cents}
                               for t, q in lines.values()], amount_cents=amount, currency=currencies.pop(),
                        payment_gateway=gateway, payment_intent=payment["paymentRef"],
                        promo_code=fields.string("promoCode", required=False, nullable=True, max_length=64),
                        date_created=call.now))
    session.flush()
    return 201, {"bookingId": booking_id, "status": PENDING, "amount": cents_to_api(amount),
                 "amount_cents": amount, "currency": next(iter({t.currency for t, _ in lines.values()})),
                 "paymentGateway": gateway, "holdUntil": call.now + HOLD, **payment}


def _tickets_of(session: Session, booking: Booking) -> list[dict[str, Any]]:
    order = [item["ticketTypeId"] for item in booking.items]
    tickets = sorted(session.scalars(select(EventTicket).where(EventTicket.booking_id == booking.id)),
                     key=lambda t: (t.date_created, order.index(t.ticket_type_id), t.qr_payload[-2:]))
    return [row(session, central_found(session, t)) for t in tickets]


def booking_row(session: Session, booking: Booking) -> dict[str, Any]:
    return {"bookingId": booking.id, "eventId": booking.event_id, "status": booking.status,
            "email": booking.email, "name": booking.name, "amount": cents_to_api(booking.amount_cents),
            "amount_cents": booking.amount_cents, "currency": booking.currency,
            "paymentGateway": booking.payment_gateway, "paymentRef": booking.payment_ref,
            "tickets": _tickets_of(session, booking)}


def confirm_order(session: Session, call: Call) -> dict[str, Any]:
    fields = call.fields()
    booking_id = fields.identifier("bookingId") or ""
    booking = session.get(Booking, booking_id, with_for_update=True)
    if booking is None:
        raise NotFound(f"unknown booking {booking_id!r}", field=fields.at("bookingId"))
    reference = fields.string("paymentRef", max_length=255) or ""
    gateway = fields.string("paymentGateway", required=False) or booking.payment_gateway
    if booking.status == CONFIRMED and booking.payment_ref == reference:
        return booking_row(session, booking)  # the gateway's callback came twice: same tickets
    if booking.status != PENDING:
        raise Conflict(f"booking {booking_id!r} is {booking.status}; it cannot be confirmed",
                       field=fields.at("bookingId"))
    if gateway != booking.payment_gateway or reference != booking.payment_intent:
        raise PaymentRequired(f"the {booking.payment_gateway} test gateway has no payment {reference!r} for "
                              f"booking {booking_id!r}; nothing was issued", field=fields.at("paymentRef"))
    holder = Holder(booking.email, booking.name or None)
    for item in booking.items:
        ticket_type = session.get(TicketType, item["ticketTypeId"])
        if ticket_type is None:  # pragma: no cover - ticket types are never deleted
            raise Conflict(f"ticket type {item['ticketTypeId']} no longer exists")
        if booking.date_created <= call.now - HOLD:  # the hold lapsed: capacity may have gone meanwhile
            require_available(session, ticket_type, item["quantity"], call.now, "bookingId", booking.id)
        issue(session, ticket_type, [holder] * item["quantity"], call.now, source="online",
              price_cents=item["unit_cents"], booking_id=booking.id)
    booking.status, booking.payment_ref, booking.date_confirmed = CONFIRMED, reference, call.now
    session.flush()
    return booking_row(session, booking)


def add_purchase_routes(app: FastAPI, db: Database) -> None:
    add_route(app, db, "POST", "/client/events/tickets/purchase", purchase, access="public",
              summary="Buy tickets online: a pending booking and the (test) gateway's payment intent")
    add_route(app, db, "POST", "/events/tickets/purchase", lambda s, c: purchase(s, c, staff=True),
              access="admin", summary="Staff purchase on a buyer's behalf: private and invite-only types too")
    add_route(app, db, "POST", "/client/events/tickets/confirm-order", confirm_order, access="public",
              summary="Confirm a booking after the gateway's callback: issues one ticket per quantity")
