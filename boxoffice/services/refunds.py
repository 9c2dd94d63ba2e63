"""Refunds at the window (issue #16 point 6): one ticket, several, or every ticket of a sale given back.

A supervisor (``Action.refund``) authorises it; the money goes back in cash from the drawer of the shift open now
(whichever shift sold it) or to the card whose slip reference is given. In one transaction: the ``refunds`` row,
the tickets marked with it (``sale_tickets.refund_id``), the journal entry and the outbox row — a synchronisation
entry with status ``cancelled`` naming only the refunded tickets plus the ``refund`` extension (ARCHITECTURE.md
*Extensions*). The seats stay sold here until the platform confirms the refund (:func:`confirmed`, called by
``services/delivery.py`` for the answer); then the freed-seat rule (core/ticket_states.py) puts them back on
sale. A refund waits in the outbox until its sale was delivered, like a void's cancellation. When the refund
gives back every ticket of a sale that had none given back before, the sale's rectificativa (R5) is issued.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import InvalidSale, UnknownSale
from boxoffice.core.outbox_keys import new_outbox_key
from boxoffice.core.permissions import Action
from boxoffice.services import authority, invoices, journal, shifts
from boxoffice.services.context import Terminal
from boxoffice.services.delivery import free_seats
from boxoffice.services.sales import sale_snapshot
from boxoffice.store.models import Event, Outbox, Sale, SaleItem, SaleTicket
from boxoffice.store.models_refunds import REFUND_METHODS, Refund
from boxoffice.store.types import utcnow

OUTBOX_KIND = "refund"


@dataclass(frozen=True)
class RefundableTicket:
    """A ticket of a sale as the refund screen offers it."""

    ticket_id: str
    seat: str
    description: str
    amount_cents: int  # what giving it back returns (its share of its line's total)
    refunded: bool


@dataclass(frozen=True)
class SaleForRefund:
    purchase_code: str
    status: str
    total_cents: int
    refunded_cents: int
    paid_by: str  # "cash" or "card": how the sale was mostly paid, the refund's default method
    tickets: tuple[RefundableTicket, ...]

    @property
    def open_tickets(self) -> tuple[RefundableTicket, ...]:
        return tuple(t for t in self.tickets if not t.refunded)


@dataclass(frozen=True)
class RefundResult:
    purchase_code: str
    refund_key: str
    ticket_ids: tuple[str, ...]
    amount_cents: int
    method: str
    whole_sale: bool


def _shares(items: Sequence[SaleItem]) -> dict[int, int]:
    """Each sale ticket's share of its line's total (cents split evenly, the remainder to the first tickets)."""
    out: dict[int, int] = {}
    for item in items:
        tickets = list(item.tickets)
        if not tickets:
            continue
        base, rest = divmod(item.total_cents, len(tickets))
        for n, ticket in enumerate(tickets):
            out[ticket.id] = base + (1 if n < rest else 0)
    return out


def _find_sale(session: Session, purchase_code: str) -> Sale:
    code = purchase_code.strip().upper()
    sale = session.scalars(select(Sale).where(Sale.purchase_code == code)).first()
    if sale is None:
        raise UnknownSale(f"no sale with purchase code {purchase_code!r} on this terminal", code="sale_unknown",
                          params={"code": purchase_code})
    return sale


def _seat(ticket: SaleTicket) -> str:
    from boxoffice.store.models import Ticket  # the seat label lives on the ticket row

    session = Session.object_session(ticket)
    row = session.get(Ticket, ticket.ticket_id) if session is not None else None
    return row.seat_id if row is not None else ticket.ticket_id


def _view(sale: Sale) -> SaleForRefund:
    shares = _shares(sale.items)
    tickets = tuple(RefundableTicket(t.ticket_id, _seat(t), t.description, shares.get(t.id, 0),
                                     t.refund_id is not None) for t in sale.tickets)
    by_method: dict[str, int] = {}
    for payment in sale.payments:
        by_method[payment.method] = by_method.get(payment.method, 0) + payment.amount_cents
    paid_by = max(by_method, key=lambda m: by_method[m]) if by_method else "cash"
    return SaleForRefund(sale.purchase_code, sale.status, sale.total_cents,
                         sum(t.amount_cents for t in tickets if t.refunded), paid_by, tickets)


def sale_for_refund(session_factory: sessionmaker[Session], purchase_code: str) -> SaleForRefund:
    """The sale's tickets, which were given back already and what each would return (read only)."""
    with session_factory() as session:
        return _view(_find_sale(session, purchase_code))


def refund(session_factory: sessionmaker[Session], terminal: Terminal, purchase_code: str,
           ticket_ids: Sequence[str] | None, *, method: str, reason: str, card_reference: str | None = None,
           actor: authority.Actor = None) -> RefundResult:
    """Give back ``ticket_ids`` of the sale (None: every ticket not given back yet) with the money.

    ``actor`` is the supervisor (``Action.refund``), read again and checked in the transaction."""
    reason = reason.strip()
    reference = (card_reference or "").strip() or None
    if method not in REFUND_METHODS:
        raise InvalidSale(f"refund by cash or card, not {method!r}", code="refund_method_unknown",
                          params={"method": method})
    if method == "card" and reference is None:
        raise InvalidSale("give the card slip's reference for a refund to a card", code="refund_reference_missing")
    if not reason:
        raise InvalidSale("give a reason for the refund", code="refund_reason_missing")
    with session_factory.begin() as session:
        actor_name = authority.acting_clerk(session, actor, Action.refund).name
        sale = _find_sale(session, purchase_code)
        if sale.status != "completed":
            raise InvalidSale(f"sale {sale.purchase_code} is voided: nothing to refund", code="refund_sale_voided",
                              params={"code": sale.purchase_code})
        view = _view(sale)
        open_ids = [t.ticket_id for t in view.open_tickets]
        if not open_ids:
            raise InvalidSale(f"every ticket of sale {sale.purchase_code} was refunded already",
                              code="refund_nothing_left", params={"code": sale.purchase_code})
        wanted = list(dict.fromkeys(ticket_ids)) if ticket_ids is not None else open_ids
        if not wanted:
            raise InvalidSale("choose the tickets to refund", code="refund_choice_missing")
        not_open = [t for t in wanted if t not in open_ids]
        if not_open:
            raise InvalidSale(f"not a ticket of sale {sale.purchase_code} still to refund: {', '.join(not_open)}",
                              code="refund_ticket_not_open", params={"code": sale.purchase_code,
                                                                     "tickets": ", ".join(not_open)})
        shift_id = shifts.require_shift(shifts.open_shift_id(session), terminal, "refund")
        amount = sum(t.amount_cents for t in view.tickets if t.ticket_id in wanted)
        whole = len(wanted) == len(open_ids) and len(open_ids) == len(view.tickets)
        now = utcnow()
        row = Refund(refund_key=uuid.uuid4().hex, sale_id=sale.id, purchase_code=sale.purchase_code,
                     shift_id=shift_id, method=method, amount_cents=amount, card_reference=reference,
                     reason=reason, actor=actor_name, created_at=now)
        session.add(row)
        session.flush()
        for line in sale.tickets:
            if line.ticket_id in wanted:
                line.refund_id = row.id
        if terminal.fiscal is not None and not terminal.training:  # its R5: the whole sale, or what came back
            if whole:
                invoices.rectify_sale(invoices.db(session), terminal.fiscal, sale.purchase_code, shift_id, now)
            else:
                amounts = {t.ticket_id: t.amount_cents for t in view.tickets}
                invoices.rectify_part(invoices.db(session), terminal.fiscal, sale.purchase_code, shift_id,
                                      [(line.product_id, amounts[line.ticket_id]) for line in sale.tickets
                                       if line.ticket_id in wanted], now)
        event = session.get(Event, sale.event_id)
        assert event is not None
        session.add(Outbox(kind=OUTBOX_KIND, subject=sale.purchase_code, idempotency_key=new_outbox_key(),
                           payload=_payload(sale, event, terminal, row, wanted, view)))
        journal.append(session, "refund", {"purchase_code": sale.purchase_code, "refund_key": row.refund_key,
                                           "tickets": wanted, "amount_cents": amount, "method": method,
                                           "card_reference": reference, "reason": reason, "shift_id": shift_id},
                       actor=actor_name, subject=sale.purchase_code)
    return RefundResult(sale.purchase_code, row.refund_key, tuple(wanted), amount, method, whole)


def _payload(sale: Sale, event: Event, terminal: Terminal, row: Refund, wanted: Sequence[str],
             view: SaleForRefund) -> dict[str, Any]:
    """The sale's snapshot cut down to the refunded tickets, status cancelled, with the ``refund`` extension."""
    snapshot = sale_snapshot(sale, event, terminal, status="cancelled")
    items = []
    for item in snapshot["items"]:
        kept = [t for t in item["tickets"] if t["ticket_id"] in wanted]
        if kept:
            items.append({**item, "tickets": kept})
    amounts = {t.ticket_id: t.amount_cents for t in view.tickets if t.ticket_id in wanted}
    payment = {"method": row.method, "amount_cents": row.amount_cents, "change_cents": 0,
               **({"reference": row.card_reference} if row.card_reference else {})}
    refund_detail = {"refund_id": row.refund_key, "method": row.method, "amount_cents": row.amount_cents,
                     "amounts": amounts, "card_reference": row.card_reference, "reason": row.reason}
    return {**snapshot, "items": items, "payments": [payment], "total_cents": row.amount_cents,
            "refund": refund_detail}


def confirmed(session: Session, item: dict[str, Any]) -> str | None:
    """The platform confirmed the refund of ``item`` (in the delivery's transaction): its seats go back on sale
    by the freed-seat rule. Returns the purchase code."""
    key = (item.get("payload") or {}).get("refund", {}).get("refund_id")
    row = session.scalars(select(Refund).where(Refund.refund_key == key)).first() if key else None
    if row is None:
        return None
    if row.confirmed_at is None:
        row.confirmed_at = utcnow()
        free_seats(session, list(session.scalars(select(SaleTicket.ticket_id)
                                                 .where(SaleTicket.refund_id == row.id))))
    return row.purchase_code


def refuse_void_if_refunded(session: Session, sale: Sale) -> None:
    """A sale with tickets given back cannot be voided (the void would pay them back twice): refund the rest."""
    if session.scalar(select(func.count()).select_from(Refund).where(Refund.sale_id == sale.id)):
        raise InvalidSale(f"sale {sale.purchase_code} has refunded tickets: refund the others instead of voiding",
                          code="void_after_refund", params={"code": sale.purchase_code})


@dataclass(frozen=True)
class RefundTotals:
    """A shift's refunds by method (for the Z report)."""

    count: int
    cash_cents: int
    card_cents: int

    @property
    def total_cents(self) -> int:
        return self.cash_cents + self.card_cents


def shift_refunds(session: Session, shift_id: int) -> RefundTotals:
    rows = session.execute(select(Refund.method, func.count(), func.coalesce(func.sum(Refund.amount_cents), 0))
                           .where(Refund.shift_id == shift_id).group_by(Refund.method)).all()
    by = {method: (int(n), int(cents)) for method, n, cents in rows}
    return RefundTotals(sum(n for n, _c in by.values()), by.get("cash", (0, 0))[1], by.get("card", (0, 0))[1])


@dataclass(frozen=True)
class RefundRecord:
    refund_key: str
    created_at: datetime
    ticket_ids: tuple[str, ...]
    amount_cents: int
    method: str
    confirmed_at: datetime | None


def refunds_of_sale(session_factory: sessionmaker[Session], purchase_code: str) -> list[RefundRecord]:
    """The refunds of a sale, oldest first, each with whether the platform confirmed it."""
    with session_factory() as session:
        sale = _find_sale(session, purchase_code)
        out = []
        for row in session.scalars(select(Refund).where(Refund.sale_id == sale.id).order_by(Refund.id)):
            ids = tuple(session.scalars(select(SaleTicket.ticket_id).where(SaleTicket.refund_id == row.id)))
            out.append(RefundRecord(row.refund_key, row.created_at, ids, row.amount_cents, row.method,
                                    row.confirmed_at))
        return out
