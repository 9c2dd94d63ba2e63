"""Returning unsold tickets to the central platform (unassign) and voiding sales.

Returned tickets become ``returning`` at once (unsellable here) and an unassign is queued; they become
``returned`` when the central platform confirms. A void of a sale the platform has not received yet cancels its
delivery and frees the seats at once; a void of a delivered sale queues a cancellation, and the seats come back
only when the platform confirms it.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import case, select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import InvalidSale, SeatNotAvailable, UnknownEvent, UnknownSale
from boxoffice.services import journal
from boxoffice.services.context import Terminal
from boxoffice.services.sales import sale_snapshot
from boxoffice.store.models import Event, Outbox, Sale, Ticket
from boxoffice.store.types import utcnow


@dataclass(frozen=True)
class ReturnResult:
    event_id: str
    ticket_ids: tuple[str, ...]


def return_tickets(session_factory: sessionmaker[Session], terminal: Terminal, event_id: str,
                   ticket_ids: Sequence[str] | None = None, *, all_unsold: bool = False,
                   actor: str | None = None) -> ReturnResult:
    """Queue the return of the given unsold tickets (or of every unsold one); sold seats are refused."""
    if not all_unsold and not ticket_ids:
        raise InvalidSale("choose the tickets to return, or all unsold")
    with session_factory.begin() as session:
        if session.get(Event, event_id) is None:
            raise UnknownEvent(f"event {event_id!r} is not assigned to this office")
        if all_unsold:
            ids = list(session.scalars(select(Ticket.id).where(Ticket.event_id == event_id,
                                                               Ticket.state == "available").order_by(Ticket.id)))
            if not ids:
                raise InvalidSale("there are no unsold tickets to return for this event")
        else:
            ids = list(dict.fromkeys(ticket_ids or ()))
            found = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids)))}
            bad = [i for i in ids if i not in found or found[i].event_id != event_id
                   or found[i].state != "available"]
            if bad:
                states = ", ".join(f"{found[i].seat_id} ({found[i].state})" if i in found else f"{i} (unknown)"
                                   for i in bad)
                raise SeatNotAvailable(f"only unsold tickets can be returned: {states}", bad)
        result = session.execute(update(Ticket).where(Ticket.id.in_(ids), Ticket.state == "available")
                                 .values(state="returning", updated_at=utcnow())
                                 .execution_options(synchronize_session=False))
        if result.rowcount != len(ids):
            raise SeatNotAvailable("a ticket was sold while the return was being prepared; try again", [])
        payload = {"event_id": event_id, "office_id": terminal.office_id, "ticket_ids": ids}
        session.add(Outbox(kind="unassign", subject=event_id, idempotency_key=uuid.uuid4().hex, payload=payload))
        journal.append(session, "return", {"event_id": event_id, "tickets": ids}, actor=actor, subject=event_id)
    return ReturnResult(event_id, tuple(ids))


@dataclass(frozen=True)
class VoidResult:
    purchase_code: str
    delivered: bool  # True: a cancellation was queued; False: the delivery was cancelled, seats freed now


def void_sale(session_factory: sessionmaker[Session], terminal: Terminal, purchase_code: str, reason: str,
              *, actor: str | None = None) -> VoidResult:
    if not reason.strip():
        raise InvalidSale("give a reason for the void")
    with session_factory.begin() as session:
        sale = session.scalars(select(Sale).where(Sale.purchase_code == purchase_code.strip().upper())).first()
        if sale is None:
            raise UnknownSale(f"no sale with purchase code {purchase_code!r} on this terminal")
        if sale.status == "voided":
            raise InvalidSale(f"sale {sale.purchase_code} is already voided")
        outbox = session.scalars(select(Outbox).where(Outbox.kind == "sale",
                                                      Outbox.subject == sale.purchase_code)).first()
        ticket_ids = [t.ticket_id for t in sale.tickets]
        delivered = outbox is None or outbox.state == "delivered"
        sale.status = "voided"
        sale.voided_at = utcnow()
        sale.void_reason = reason.strip()
        if delivered:
            event = session.get(Event, sale.event_id)
            assert event is not None
            payload = sale_snapshot(sale, event, terminal, status="cancelled")
            session.add(Outbox(kind="void", subject=sale.purchase_code, idempotency_key=uuid.uuid4().hex,
                               payload=payload))
        else:
            # never reached the platform (pending or parked): nothing to undo there, seats back on sale now,
            # unless the last pull said the platform no longer offers them here (then as a pull would leave them)
            assert outbox is not None
            outbox.state = "cancelled"
            sale.delivery_state = "cancelled"
            freed = case((Ticket.central_available.is_(True), "available"), else_="withdrawn")
            session.execute(update(Ticket).where(Ticket.id.in_(ticket_ids), Ticket.state == "sold")
                            .values(state=freed, updated_at=utcnow())
                            .execution_options(synchronize_session=False))
        journal.append(session, "void", {"purchase_code": sale.purchase_code, "reason": sale.void_reason,
                                         "delivered": delivered}, actor=actor, subject=sale.purchase_code)
    return VoidResult(sale.purchase_code, delivered)
