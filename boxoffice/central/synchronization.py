"""``offline_office_tickets_synchronization``: store the sales an offline office made, before answering.

A sale made offline is a customer already holding tickets, so it is always stored: a ticket sold elsewhere, no
longer assigned to the office, or unknown is kept on the order with a per-ticket ``conflict`` instead of being
dropped. Each entry is idempotent by its ``idempotency_key`` and, for a completed sale, by its purchase code:
a replayed entry gets its first result back with ``replayed`` true and creates nothing. An entry with status
``cancelled`` voids the order of that purchase code: its tickets become sellable again by the same office.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput, iso_utc
from boxoffice.central.functions import require_office
from boxoffice.central.ids import new_id
from boxoffice.central.inventory import (
    append_ledger,
    chunks,
    ledger_row,
    lock_rows,
    lock_tickets,
    offline_rows,
)
from boxoffice.central.models import (
    Event,
    Order,
    OrderTicket,
    SyncEntry,
    Ticket,
    TicketBlocked,
    TicketOffline,
)
from boxoffice.central.pos_checks import PosTransactionIn
from boxoffice.central.pos_transactions import parse_transaction, record
from boxoffice.central.validation import MAX_IDS, Fields, callable_data, canonical
from boxoffice.core.codes import parse_code
from boxoffice.core.errors import InvalidCode
from boxoffice.core.money import cents_to_api

MSG_SYNCHRONIZED = "Sincronizado"
COMPLETED = "completed"
CANCELLED = "cancelled"
STATUSES = (COMPLETED, CANCELLED)


@dataclass(frozen=True)
class Payment:
    method: str
    amount: int


@dataclass(frozen=True)
class SaleEntry:
    """One ``ticket_sold`` entry (one purchase)."""

    index: int
    status: str
    office_id: str
    ticket: str | None
    tickets: list[str]
    duplicates: list[str]
    payments: list[Payment]
    amount: int | None
    event_id: str | None
    event_name: str | None
    office_name: str | None
    client_id: str | None
    client_name: str | None
    idempotency_key: str | None
    purchase_code: str | None
    pos: PosTransactionIn | None
    pos_raw: dict[str, Any] | None
    raw: dict[str, Any]


@dataclass(frozen=True)
class SyncRequest:
    entries: list[SaleEntry]


def _parse_entry(fields: Fields, index: int) -> SaleEntry:
    status = fields.string("status", max_length=16, what='"completed" or "cancelled"')
    if status not in STATUSES:
        raise BadInput(fields.at("status"), f"{fields.at('status')} must be \"completed\" or \"cancelled\", "
                                            f"not {status!r}")
    office_id = fields.identifier("office_id", what="an office id")
    assert office_id is not None
    completed = status == COMPLETED
    raw_tickets = fields.raw.get("tickets")
    tickets = fields.id_list("tickets", required=completed, allow_empty=True) or []
    duplicates = sorted(t for t, n in Counter(raw_tickets).items() if n > 1) if tickets else []
    ticket = fields.identifier("ticket", required=completed, nullable=not completed, what="a ticket id")
    if completed and not tickets and ticket is not None:
        tickets = [ticket]
    payments = []
    for payment in fields.objects("transactions", required=completed, what="transaction objects") or []:
        method = payment.string("method", max_length=32, what='a payment method such as "cash"')
        amount = payment.decimal_amount("amount")
        assert method is not None and amount is not None
        payments.append(Payment(method, amount))
    pos_fields = fields.object("pos_transaction", required=False)
    pos = parse_transaction(pos_fields) if pos_fields is not None and completed else None
    purchase_code = fields.string("purchase_code", required=not completed, max_length=64,
                                  what="a purchase code", nullable=completed)
    if purchase_code is None and pos is not None:
        purchase_code = pos.code
    key = fields.string("idempotency_key", required=False, nullable=True, what="an idempotency key")
    return SaleEntry(
        index=index, status=status, office_id=office_id, ticket=ticket, tickets=tickets, duplicates=duplicates,
        payments=payments, amount=fields.decimal_amount("amount", required=completed),
        event_id=fields.identifier("event_id", required=completed, nullable=not completed, what="an event id"),
        event_name=fields.string("event_name", required=completed, nullable=True, max_length=10_000),
        office_name=fields.string("office_name", required=completed, nullable=True, max_length=10_000),
        client_id=fields.scalar_text("client_id", required=completed),
        client_name=fields.string("client_name", required=completed, nullable=True, max_length=10_000),
        idempotency_key=key, purchase_code=purchase_code, pos=pos,
        pos_raw=pos_fields.raw if pos is not None and pos_fields is not None else None, raw=fields.raw)


def parse_request(payload: Any) -> SyncRequest:
    data = callable_data(payload)
    entries = [_parse_entry(entry, index)
               for index, entry in enumerate(data.objects("ticket_sold", what="sale objects") or [])]
    total = sum(len(entry.tickets) for entry in entries)
    if total > MAX_IDS:
        raise BadInput("data.ticket_sold", f"data.ticket_sold names {total} tickets; at most {MAX_IDS} per request")
    return SyncRequest(entries)


def office_scope(request: SyncRequest) -> list[tuple[str, str]]:
    return [(entry.office_id, f"data.ticket_sold[{entry.index}].office_id") for entry in request.entries]


@dataclass
class _Context:
    """Everything the entries of one request share, loaded and row-locked up front in id order."""

    now: datetime
    tickets: dict[str, Ticket]
    offline: dict[str, TicketOffline]
    locks: dict[str, TicketBlocked]
    events: dict[str, bool]


def synchronize(session: Session, request: SyncRequest, principal: Principal, now: datetime) -> ApiResult:
    first_entry = {}
    for entry in request.entries:
        first_entry.setdefault(entry.office_id, entry.index)
    for office_id, index in first_entry.items():
        require_office(session, office_id, f"data.ticket_sold[{index}].office_id")
    codes = sorted({e.purchase_code for e in request.entries if e.status == CANCELLED and e.purchase_code})
    order_ids = []
    for chunk in chunks(codes):
        order_ids += session.scalars(select(Order.id).where(Order.purchase_code.in_(chunk))).all()
    ids = {ticket_id for entry in request.entries for ticket_id in entry.tickets}
    for chunk in chunks(order_ids):
        ids.update(session.scalars(select(OrderTicket.ticket_id).where(OrderTicket.order_id.in_(chunk))))
    context = _Context(now, lock_tickets(session, ids), offline_rows(session, ids), lock_rows(session, ids), {})
    results = [_process(session, context, entry) for entry in request.entries]
    return ApiResult(200, MSG_SYNCHRONIZED, {"results": results})


def _process(session: Session, context: _Context, entry: SaleEntry) -> dict[str, Any]:
    first = _first_result(session, entry)
    if first is not None:
        return {**first, "replayed": True}
    result = _complete(session, context, entry) if entry.status == COMPLETED else _cancel(session, context, entry)
    session.add(SyncEntry(idempotency_key=entry.idempotency_key, purchase_code=entry.purchase_code,
                          status=entry.status, order_id=result["order_id"], result=result,
                          date_created=context.now))
    session.flush()
    return result


def _first_result(session: Session, entry: SaleEntry) -> dict[str, Any] | None:
    if entry.idempotency_key is not None:
        found = session.scalar(select(SyncEntry.result).where(SyncEntry.idempotency_key == entry.idempotency_key))
        if found is not None:
            return dict(found)
    if entry.status == COMPLETED and entry.purchase_code is not None:
        found = session.scalar(select(SyncEntry.result).where(SyncEntry.purchase_code == entry.purchase_code,
                                                              SyncEntry.status == COMPLETED)
                               .order_by(SyncEntry.id).limit(1))
        if found is not None:
            return dict(found)
    return None


def _result(entry: SaleEntry, order_id: str | None, tickets: list[dict[str, Any]], inconsistencies: list[str],
            error: str | None = None) -> dict[str, Any]:
    return {"idempotency_key": entry.idempotency_key, "purchase_code": entry.purchase_code, "order_id": order_id,
            "status": entry.status, "replayed": False, "tickets": tickets, "inconsistencies": inconsistencies,
            "error": error}


def _entry_inconsistencies(session: Session, context: _Context, entry: SaleEntry) -> list[str]:
    found: list[str] = []
    event_id = entry.event_id or ""
    if event_id not in context.events:
        context.events[event_id] = session.get(Event, event_id) is not None
    if not context.events[event_id]:
        found.append(f"unknown_event: event {entry.event_id!r} is not an event of this platform")
    if entry.purchase_code is not None:
        try:
            if parse_code(entry.purchase_code).kind != "purchase":
                found.append(f"malformed_code: {entry.purchase_code!r} is not a purchase code")
        except InvalidCode as exc:
            found.append(f"malformed_code: purchase code {entry.purchase_code!r}: {exc}")
    paid = sum(payment.amount for payment in entry.payments)
    if entry.amount is not None and paid != entry.amount:
        found.append(f"amount_mismatch: transactions add up to {cents_to_api(paid)} but amount is "
                     f"{cents_to_api(entry.amount)}")
    if entry.ticket is not None and entry.ticket not in entry.tickets:
        found.append(f"ticket_not_listed: ticket {entry.ticket!r} is not in tickets")
    found += [f"duplicate_ticket: ticket {ticket_id!r} is listed more than once" for ticket_id in entry.duplicates]
    pos = entry.pos
    if pos is not None:
        if entry.purchase_code is not None and pos.code != entry.purchase_code:
            found.append(f"purchase_code: purchase_code {entry.purchase_code!r} differs from pos_transaction.code "
                         f"{pos.code!r}")
        if entry.amount is not None and pos.total_amount != entry.amount:
            found.append(f"pos_total: amount {cents_to_api(entry.amount)} differs from "
                         f"pos_transaction.totalAmount {pos.total_amount} cents")
        if pos.event_id is not None and pos.event_id != entry.event_id:
            found.append(f"pos_event: pos_transaction.event_id {pos.event_id!r} differs from event_id "
                         f"{entry.event_id!r}")
        pos_ids = {t.ticket_id for item in pos.items for t in item.tickets if t.ticket_id is not None}
        if pos_ids and pos_ids != set(entry.tickets):
            found.append("pos_tickets: the ticket_id values in pos_transaction differ from tickets")
    return found


def _complete(session: Session, context: _Context, entry: SaleEntry) -> dict[str, Any]:
    now = context.now
    order_id = new_id()
    inconsistencies = _entry_inconsistencies(session, context, entry)
    pos_id = None
    if entry.pos is not None and entry.pos_raw is not None:
        recorded = record(session, entry.pos, entry.pos_raw, office_id=entry.office_id, source="offline_sync",
                          now=now)
        pos_id = recorded.transaction_id
        inconsistencies += recorded.inconsistencies
    session.add(Order(
        id=order_id, purchase_code=entry.purchase_code, status=COMPLETED, source="offline_sync",
        event_id=entry.event_id or "", event_name=entry.event_name, office_id=entry.office_id,
        office_name=entry.office_name, client_id=entry.client_id, client_name=entry.client_name,
        amount_cents=entry.amount, transactions=[{"method": p.method, "amount_cents": p.amount}
                                                 for p in entry.payments],
        inconsistencies=inconsistencies, pos_transaction_id=pos_id, raw=canonical(entry.raw), date_created=now))
    session.flush()
    tickets, ledger, lines, released = [], [], [], []
    for position, ticket_id in enumerate(entry.tickets):
        conflict = _sell(context, entry, ticket_id, order_id)
        tickets.append({"ticket_id": ticket_id, "conflict": conflict})
        if conflict == "already_sold":
            holder = _holder(session, context.tickets[ticket_id])
            if holder is not None:
                tickets[-1]["held_by"] = holder
        lines.append({"order_id": order_id, "ticket_id": ticket_id, "position": position, "conflict": conflict})
        if conflict != "unknown_ticket":
            ledger.append(ledger_row(context.tickets[ticket_id], "sale" if conflict is None else "sale_conflict",
                                     now, office_id=entry.office_id, order_id=order_id,
                                     **({"conflict": conflict} if conflict else {})))
        if ticket_id in context.locks:
            released.append(ticket_id)
            del context.locks[ticket_id]
    if lines:
        session.execute(insert(OrderTicket), lines)
    for chunk in chunks(released):
        session.execute(delete(TicketBlocked).where(TicketBlocked.ticket_id.in_(chunk)))
    append_ledger(session, ledger)
    return _result(entry, order_id, tickets, inconsistencies)


def _sell(context: _Context, entry: SaleEntry, ticket_id: str, order_id: str) -> str | None:
    """Mark one ticket sold by this order and say what conflict, if any, the sale ran into."""
    ticket = context.tickets.get(ticket_id)
    if ticket is None or ticket.event_id != entry.event_id:
        return "unknown_ticket"
    if not ticket.status:
        return "already_sold"
    row = context.offline.get(ticket_id)
    ticket.status = False
    ticket.status_sold = context.now
    ticket.sold_order_id = order_id
    ticket.date_updated = context.now
    return None if row is not None and row.office_id == entry.office_id else "not_assigned_to_office"


def _holder(session: Session, ticket: Ticket) -> dict[str, Any] | None:
    """Who holds a seat our offline sale also sold: the other side a supervisor weighs up (an extension of the
    per-ticket result; None when the seat was sold by a channel that left no order here)."""
    order = session.get(Order, ticket.sold_order_id) if ticket.sold_order_id else None
    if order is None:
        return None
    return {"order_id": order.id, "purchase_code": order.purchase_code, "office_id": order.office_id,
            "source": order.source, "client_name": order.client_name, "sold_at": iso_utc(order.date_created)}


def _other_live_order(session: Session, ticket_id: str, cancelled_order_id: str) -> str | None:
    """The oldest other completed order that also sold ``ticket_id`` (flagged as a conflict when it came)."""
    return session.scalar(select(Order.id).join(OrderTicket, OrderTicket.order_id == Order.id)
                          .where(OrderTicket.ticket_id == ticket_id, Order.id != cancelled_order_id,
                                 Order.status == COMPLETED).order_by(Order.date_created, Order.id).limit(1))


def _cancel(session: Session, context: _Context, entry: SaleEntry) -> dict[str, Any]:
    """Void the office's order of this purchase code; cancelling twice changes nothing the second time."""
    order = session.scalar(select(Order).where(Order.purchase_code == entry.purchase_code,
                                               Order.office_id == entry.office_id))
    if order is None:
        return _result(entry, None, [], [], error="unknown_order")
    lines = list(session.scalars(select(OrderTicket).where(OrderTicket.order_id == order.id)
                                 .order_by(OrderTicket.position)))
    tickets = [{"ticket_id": line.ticket_id, "conflict": line.conflict} for line in lines]
    if order.status == CANCELLED:
        return _result(entry, order.id, tickets, [])
    ledger = []
    for line in lines:
        ticket = context.tickets.get(line.ticket_id)
        if ticket is not None and ticket.sold_order_id == order.id:
            heir = _other_live_order(session, line.ticket_id, order.id)
            if heir is not None:
                # another completed order (a conflicting resale) holds this seat too: a customer still has
                # it, so it passes to that order instead of going back on sale
                ticket.sold_order_id = heir
            else:
                ticket.status = True
                ticket.status_sold = None
                ticket.sold_order_id = None
            ticket.date_updated = context.now
            ledger.append(ledger_row(ticket, "cancel", context.now, office_id=entry.office_id, order_id=order.id,
                                     **({"passed_to_order": heir} if heir else {})))
    order.status = CANCELLED
    order.date_cancelled = context.now
    append_ledger(session, ledger)
    return _result(entry, order.id, tickets, [])
