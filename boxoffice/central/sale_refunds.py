"""Refunds of some tickets of an offline sale (issue #16 point 6): an extension of the synchronisation entry.

The terminal sends a refund as a ``ticket_sold`` entry with ``status`` ``"cancelled"`` whose ``tickets`` are only
the tickets given back, plus an extension object ``refund`` (``refund_id``, ``method``, ``amount``, and
``card_reference`` for a card). A platform that knows only the specification reads a cancelled order of exactly
those tickets; this one keeps the order and releases just those seats, recording each ticket's refund once
(:class:`TicketRefund`, keyed by order and ticket) so an entry delivered twice, or under another key, changes
nothing the second time. New table only: the central has no migrations (ARCHITECTURE.md *Extensions*).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import BigInteger, ForeignKey, String, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from boxoffice.central.inventory import append_ledger, ledger_row
from boxoffice.central.models import Base, Order, OrderTicket, Ticket, utcnow

CANCELLED = "cancelled"
COMPLETED = "completed"


class TicketRefund(Base):
    """One ticket of an order given back at the window; the order itself stays (its other tickets are live)."""

    __tablename__ = "order_ticket_refunds"
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    refund_id: Mapped[str] = mapped_column(String(64), index=True)
    office_id: Mapped[str] = mapped_column(String(64), index=True)
    method: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    card_reference: Mapped[str | None] = mapped_column(String(64))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class Entry(Protocol):
    """What this module reads of a parsed ``ticket_sold`` entry (``synchronization.SaleEntry``)."""

    index: int
    status: str
    office_id: str
    purchase_code: str | None
    tickets: list[str]
    idempotency_key: str | None
    raw: dict[str, Any]


class Context(Protocol):
    now: datetime
    tickets: dict[str, Ticket]


def cancel_or_refund(session: Session, context: Any, entry: Any, cancel: Any) -> dict[str, Any]:
    """The dispatch hook: an entry carrying ``refund`` refunds its tickets, any other cancellation voids."""
    if isinstance(entry.raw.get("refund"), dict):
        return refund(session, context, entry)
    return cancel(session, context, entry)


def _result(entry: Entry, order_id: str | None, tickets: list[dict[str, Any]], *, error: str | None = None,
            order_status: str | None = None) -> dict[str, Any]:
    return {"idempotency_key": entry.idempotency_key, "purchase_code": entry.purchase_code, "order_id": order_id,
            "status": entry.status, "replayed": False, "tickets": tickets, "inconsistencies": [], "error": error,
            "order_status": order_status, "refunded": [t["ticket_id"] for t in tickets]}


def refund(session: Session, context: Context, entry: Entry) -> dict[str, Any]:
    """Release the entry's tickets of this office's order, each once; the order keeps its other tickets."""
    detail = entry.raw["refund"]
    order = session.scalar(select(Order).where(Order.purchase_code == entry.purchase_code,
                                               Order.office_id == entry.office_id))
    if order is None:
        return {**_result(entry, None, [], error=f"no sale {entry.purchase_code} of office {entry.office_id} "
                                                 "to refund tickets of"), "error_status": 422}
    lines = {line.ticket_id for line in session.scalars(select(OrderTicket).where(OrderTicket.order_id == order.id))}
    foreign = [t for t in entry.tickets if t not in lines]
    if foreign or not entry.tickets:
        return {**_result(entry, order.id, [], error=f"tickets not in sale {entry.purchase_code}: "
                                                     f"{', '.join(foreign) or '(none given)'}"), "error_status": 422}
    done = set(session.scalars(select(TicketRefund.ticket_id).where(TicketRefund.order_id == order.id)))
    method = str(detail.get("method") or "cash")[:32]
    reference = detail.get("card_reference")
    amounts = detail.get("amounts") if isinstance(detail.get("amounts"), dict) else {}
    ledger = []
    for ticket_id in entry.tickets:
        if ticket_id in done:
            continue
        session.add(TicketRefund(order_id=order.id, ticket_id=ticket_id, refund_id=str(detail.get("refund_id"))[:64],
                                 office_id=entry.office_id, method=method,
                                 amount_cents=int(amounts.get(ticket_id, 0)),
                                 card_reference=None if reference is None else str(reference)[:64],
                                 date_created=context.now))
        ticket = context.tickets.get(ticket_id) or session.get(Ticket, ticket_id)
        if ticket is not None and ticket.sold_order_id == order.id:
            ticket.status, ticket.status_sold, ticket.sold_order_id = True, None, None
            ticket.date_updated = context.now
            ledger.append(ledger_row(ticket, "refund", context.now, office_id=entry.office_id, order_id=order.id))
    append_ledger(session, ledger)
    live = lines - done - set(entry.tickets)
    if not live and order.status != CANCELLED:
        order.status, order.date_cancelled = CANCELLED, context.now
    return _result(entry, order.id, [{"ticket_id": t, "conflict": None} for t in entry.tickets],
                   order_status=order.status)


def refunded_tickets(session: Session, order_id: str) -> list[TicketRefund]:
    """The tickets of an order given back, oldest first (for staff views and tests)."""
    return list(session.scalars(select(TicketRefund).where(TicketRefund.order_id == order_id)
                                .order_by(TicketRefund.date_created, TicketRefund.ticket_id)))
