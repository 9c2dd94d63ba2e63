"""Pre-generated tickets (venue sales): printed ahead, not valid until activated when sold.

``POST /events/tickets/pre-generate`` ``{eventId, ticketTypeId, quantity}`` issues ``quantity`` tickets the
ordinary way (:func:`~boxoffice.central.ticket_issuing.issue`: capacity, seats, Satellite Tag QR payloads) with
status :data:`~boxoffice.central.models_batches.PREGENERATED`: they hold their places, and the door check turns
them red until ``POST /events/tickets/{ticketId}/activate`` ``{holderEmail, holderName, payment: {amount,
method, ref}}`` makes them valid. Sending the same activation again (same payment) answers the same 200, so a
box office can re-deliver a queued activation safely; a different one is a 409.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.envelope import BadInput, Conflict, NotFound
from boxoffice.central.event_http import Call, add_route
from boxoffice.central.event_setup import get_event
from boxoffice.central.models import TicketType
from boxoffice.central.models_batches import PREGENERATED, TicketActivation
from boxoffice.central.models_events import VALID, EventTicket
from boxoffice.central.ticket_issuing import Holder, find_ticket_type, issue, require_available
from boxoffice.central.ticket_lookup import central_found, row

MAX_QUANTITY = 10_000
"""The most tickets one request (or one offline sales batch) pre-generates."""
CHUNK = 1_000
"""Tickets per purchase code: a Satellite Tag code numbers at most 1,295 tickets."""

METHODS = ("cash", "card", "transfer", "voucher", "other")


def pregenerate(session: Session, ticket_type: TicketType, quantity: int, now: datetime,
                field: str) -> list[EventTicket]:
    """``quantity`` unactivated tickets of ``ticket_type`` (all or none: a 409 when fewer places are left)."""
    require_available(session, ticket_type, quantity, now, field)
    tickets: list[EventTicket] = []
    for start in range(0, quantity, CHUNK):
        count = min(CHUNK, quantity - start)
        tickets += issue(session, ticket_type, [Holder(None, None)] * count, now, source="pregenerated",
                         price_cents=ticket_type.price_cents)
    for ticket in tickets:
        ticket.status = PREGENERATED
    session.flush()
    return tickets


def _pre_generate(session: Session, call: Call) -> tuple[int, dict[str, Any]]:
    fields = call.fields()
    event = get_event(session, fields.identifier("eventId") or "", fields.at("eventId"))
    ticket_type = find_ticket_type(session, event.id, fields.raw.get("ticketTypeId"), fields.at("ticketTypeId"))
    quantity = fields.integer("quantity", minimum=1, maximum=MAX_QUANTITY) or 0
    tickets = pregenerate(session, ticket_type, quantity, call.now, fields.at("quantity"))
    return 201, {"eventId": event.id, "ticketTypeId": ticket_type.id, "quantity": quantity,
                 "tickets": [row(session, central_found(session, t)) for t in tickets]}


def _payment(call: Call) -> tuple[str | None, str | None, int, str, str | None]:
    fields = call.fields()
    email = fields.string("holderEmail", required=False, nullable=True)
    if email is not None and email.strip() and "@" not in email.strip(" @"):
        raise BadInput(fields.at("holderEmail"), f"{fields.at('holderEmail')} must be an email address, "
                                                 f"not {email!r}")
    name = fields.string("holderName", required=False, nullable=True)
    payment = fields.object("payment")
    assert payment is not None  # required=True raised otherwise
    amount = payment.decimal_amount("amount") or 0
    if amount < 0:
        raise BadInput(payment.at("amount"), f"{payment.at('amount')} must not be negative")
    method = (payment.string("method", max_length=32) or "").strip().lower()
    if method not in METHODS:
        raise BadInput(payment.at("method"), f"{payment.at('method')} must be one of {', '.join(METHODS)}, "
                                             f"not {method!r}")
    ref = payment.string("ref", required=False, nullable=True)
    return (email or None), (name or None), amount, method, ref


def _activate(session: Session, call: Call) -> dict[str, Any]:
    ticket_id = call.params["ticketId"]
    email, name, amount, method, ref = _payment(call)
    ticket = session.get(EventTicket, ticket_id, with_for_update=True)
    if ticket is None:
        raise NotFound(f"unknown ticket {ticket_id!r}", field="ticketId")
    done = session.get(TicketActivation, ticket.id)
    if done is not None:
        if (done.amount_cents, done.method, done.ref) == (amount, method, ref):
            return {"ticket": row(session, central_found(session, ticket)), "activatedAt": done.date_created}
        raise Conflict(f"ticket {ticket.id!r} was already activated at {done.date_created.isoformat()} with "
                       "another payment", field="ticketId")
    if ticket.status != PREGENERATED:
        raise Conflict(f"ticket {ticket.id!r} is {ticket.status}; only a pre-generated ticket is activated",
                       field="ticketId")
    ticket.status, ticket.holder_email, ticket.holder_name = VALID, email, name
    ticket.price_cents, ticket.date_updated = amount, call.now
    session.add(TicketActivation(ticket_id=ticket.id, amount_cents=amount, method=method, ref=ref,
                                 date_created=call.now))
    session.flush()
    return {"ticket": row(session, central_found(session, ticket)), "activatedAt": call.now}


def add_pregenerated_routes(app: FastAPI, db: Database) -> None:
    add_route(app, db, "POST", "/events/tickets/pre-generate", _pre_generate, access="admin",
              summary="Pre-generate unactivated tickets for venue sales (red at the door until activated)")
    add_route(app, db, "POST", "/events/tickets/{ticketId}/activate", _activate, access="staff",
              summary="Activate a pre-generated ticket when sold: holder and payment")
