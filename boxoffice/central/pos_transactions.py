"""``POST /ticket/transaction`` (pos-transaction-api.txt): a POS purchase is always accepted.

Only a body that cannot be read (wrong JSON types, missing purchase code or amounts) is refused with a 400;
everything else, however inconsistent, is stored with its list of inconsistencies (:mod:`pos_checks`). The
same function stores the ``pos_transaction`` of a synchronisation entry, so both paths store alike.

A transaction posted twice by the same office (or twice by the admin) with the same content is stored once: the
second post answers the first one's id with ``replayed`` true. The same code with different content is stored
again and flagged ``duplicate_code``: the platform never drops what a device says it sold. Replays and
``duplicate_code`` are per office: another office posting a code (even a byte-identical body) stores its own
copy and never gets, nor learns of, the first office's transaction.

A ticket named by ``tickets[].ticket_id`` is sold by the transaction (never left free online for a second
customer) when the caller may take it (:func:`boxoffice.central.inventory.held_elsewhere`: an office its own
assigned tickets, the admin any free one); otherwise it stays where it is and ``ticket_unavailable`` says why.
The synchronisation path sells its tickets itself and records here only the transaction.

Extension of the answer: ``clock_skew_seconds`` (createdAt minus the time the platform received it; null when
createdAt is not a timestamp). A far-off clock is also listed as a ``clock_skew`` inconsistency.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from boxoffice.central import sync_conflicts
from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput
from boxoffice.central.inventory import (
    OFFICE,
    among,
    append_ledger,
    chunks,
    held_elsewhere,
    insert_rows,
    insert_rows_returning_ids,
    ledger_row,
    lock_rows,
    lock_tickets,
    offline_rows,
)
from boxoffice.central.models import (
    Event,
    PosItem,
    PosItemTicket,
    PosPayment,
    PosTransaction,
    Ticket,
    TicketBlocked,
    TicketType,
)
from boxoffice.central.pos_checks import (
    Catalogue,
    PosItemIn,
    PosPaymentIn,
    PosTicketIn,
    PosTransactionIn,
    inconsistencies,
    parse_created_at,
)
from boxoffice.central.validation import Fields, canonical

MSG_RECORDED = "Transacción registrada"


@dataclass(frozen=True)
class PosRequest:
    transaction: PosTransactionIn
    raw: dict[str, Any]


def parse_transaction(fields: Fields) -> PosTransactionIn:
    """Read a transaction object (top-level body, or a sync entry's ``pos_transaction``)."""
    code = fields.string("code", max_length=64, what="the purchase code (a string)")
    total = fields.cents("totalAmount")
    recorded_by = fields.scalar_text("recordedBy_rfid")
    if recorded_by is None:
        recorded_by = fields.scalar_text("recordedBy")  # the spec's example spells it so
    payments = []
    for payment in fields.objects("transactions", what="payment objects") or []:
        method = payment.string("paymentMethod", max_length=32, what='"cash" or "card"')
        amount = payment.cents("amount")
        assert method is not None and amount is not None
        payments.append(PosPaymentIn(method, amount, payment.cents("change", required=False, nullable=True),
                                     payment.scalar_text("transactionId")))
    items = []
    for item in fields.objects("items", what="item objects") or []:
        quantity = item.integer("quantity", minimum=0, maximum=1_000_000)
        unit = item.cents("unitAmount")
        line_total = item.cents("totalAmount")
        assert quantity is not None and unit is not None and line_total is not None
        tickets = [
            PosTicketIn(ticket.scalar_text("product_id", max_length=64),
                        ticket.string("description", required=False, nullable=True, max_length=10_000),
                        ticket.string("barcode", required=False, nullable=True, max_length=64),
                        ticket.identifier("ticket_id", required=False, what="a ticket id"))
            for ticket in item.objects("tickets", required=False, what="ticket objects") or []
        ]
        items.append(PosItemIn(
            product_id=item.scalar_text("product_id", max_length=64),
            quantity=quantity,
            description=item.string("description", required=False, nullable=True, max_length=10_000),
            unit_amount=unit, total_amount=line_total,
            discount_amount=item.cents("discountAmount", required=False, nullable=True) or 0,
            item_code=item.string("item_code", required=False, nullable=True, max_length=64),
            tickets=tickets))
    assert code is not None and total is not None
    return PosTransactionIn(
        event_id=fields.scalar_text("event_id", max_length=64), code=code, total_amount=total,
        notes=fields.string("notes", required=False, nullable=True, max_length=10_000),
        created_at_raw=fields.scalar_text("createdAt", max_length=64), recorded_by=recorded_by,
        payments=payments, items=items)


def parse_request(payload: Any) -> PosRequest:
    """The spec's top-level body; ``{"data": {...}}`` (the callable-function style) is accepted too."""
    if isinstance(payload, dict) and set(payload) == {"data"} and isinstance(payload["data"], dict):
        payload = payload["data"]
    if not isinstance(payload, dict):
        raise BadInput("body", "the request body must be a JSON object (a POS transaction)")
    return PosRequest(parse_transaction(Fields(payload, "body")), payload)


def _catalogue(session: Session, tx: PosTransactionIn, now: datetime) -> Catalogue:
    return _Catalogues(session, [tx], now).of(tx)


@dataclass(frozen=True)
class TicketEvents:
    """The event of each ticket among ``asked`` that exists (a caller that read them already)."""

    asked: frozenset[str]
    events: dict[str, str]


class _Catalogues:
    """The catalogue of each event a set of transactions names, read once: each event's ticket types and which
    of the named ticket ids exist in it (one chunked query for all of them)."""

    def __init__(self, session: Session, transactions: Sequence[PosTransactionIn], now: datetime,
                 known: TicketEvents | None = None) -> None:
        self.session, self.now = session, now
        self.events: dict[str, tuple[bool, dict[str, int], datetime | None]] = {}
        self.ticket_event: dict[str, str] = dict(known.events) if known is not None else {}
        asked = known.asked if known is not None else frozenset()
        ids = sorted({ticket_id for tx in transactions for ticket_id in _ticket_ids(tx)} - asked)
        for chunk in chunks(ids):
            for ticket_id, event_id in session.execute(select(Ticket.id, Ticket.event_id)
                                                       .where(among(session, Ticket.id, chunk))):
                self.ticket_event[ticket_id] = event_id

    def _event(self, event_id: str | None) -> tuple[bool, dict[str, int], datetime | None]:
        key = event_id or ""
        if key not in self.events:
            event = self.session.get(Event, event_id) if event_id is not None else None
            per_unit: dict[str, int] = {}
            if event is not None:
                for ticket_type in self.session.scalars(select(TicketType).where(TicketType.event_id == event_id)):
                    components = ticket_type.components or []
                    per_unit[str(ticket_type.id)] = sum(int(c["quantity"]) for c in components) if components else 1
            self.events[key] = (event is not None, per_unit, event.date_created if event is not None else None)
        return self.events[key]

    def of(self, tx: PosTransactionIn) -> Catalogue:
        known_event, per_unit, created = self._event(tx.event_id)
        event_id = tx.event_id or ""
        known = {t for t in _ticket_ids(tx) if self.ticket_event.get(t) == event_id}
        return Catalogue(known_event, per_unit, known, received_at=self.now, event_created=created)


def _ticket_ids(tx: PosTransactionIn) -> list[str]:
    """The ticket ids the transaction names, in order, each once."""
    ids = (t.ticket_id for item in tx.items for t in item.tickets if t.ticket_id is not None)
    return list(dict.fromkeys(ids))


@dataclass(frozen=True)
class Recorded:
    transaction_id: int
    inconsistencies: list[str]
    replayed: bool
    clock_skew_seconds: int | None


def _skew(row: PosTransaction) -> int | None:
    return _skew_of(row.created_at, row.date_received)


def _skew_of(created_at: datetime | None, received: datetime) -> int | None:
    return None if created_at is None else round((created_at - received).total_seconds())


WHY_NOT = {"sold": "is already sold", OFFICE: "is assigned to another office",
           "online_hold": "is held by an online checkout", "online": "is not assigned to this office (online)"}


def _take_tickets(session: Session, tx: PosTransactionIn, transaction_id: int, office_id: str | None,
                  now: datetime) -> list[str]:
    """Sell the tickets the transaction names where the caller may; the ``ticket_unavailable`` texts of the rest."""
    ids = _ticket_ids(tx)
    tickets = lock_tickets(session, ids)
    offline, locks = offline_rows(session, ids), lock_rows(session, ids)
    found, ledger, released = [], [], []
    for ticket_id in ids:
        ticket = tickets.get(ticket_id)
        if ticket is None or ticket.event_id != tx.event_id:
            continue  # listed as unknown_ticket by the checks
        channel = "sold" if not ticket.status else held_elsewhere(ticket, offline.get(ticket_id),
                                                                  locks.get(ticket_id), now, office_id)
        if channel is not None:
            found.append(f"ticket_unavailable: ticket_id {ticket_id!r} {WHY_NOT[channel]}; not taken")
            conflict = "already_sold" if channel == "sold" else "not_assigned_to_office"  # as synchronisation
            ledger.append(ledger_row(ticket, "sale_conflict", now, office_id=office_id, conflict=conflict,
                                     other_channel=channel, pos_transaction=transaction_id))
            if office_id is not None and channel != "sold":
                row = offline.get(ticket_id)
                sync_conflicts.add(session, now, kind=sync_conflicts.TICKET_CONFLICT, office_id=office_id,
                                   order_id=None, other_channel=channel, event_id=ticket.event_id,
                                   ticket_id=ticket_id, purchase_code=tx.code,
                                   other_office_id=row.office_id if row is not None else None)
            continue
        ticket.status = False
        ticket.status_sold = now
        ticket.sold_order_id = None  # no order: the POS transaction (in the ledger) holds it
        ticket.date_updated = now
        ledger.append(ledger_row(ticket, "sale", now, office_id=office_id, pos_transaction=transaction_id))
        if ticket_id in locks:
            released.append(ticket_id)
    for chunk in chunks(released):
        session.execute(delete(TicketBlocked).where(TicketBlocked.ticket_id.in_(chunk)))
    append_ledger(session, ledger)
    return found


def record(session: Session, tx: PosTransactionIn, raw: dict[str, Any], *, office_id: str | None, source: str,
           now: datetime, take_tickets: bool = False) -> Recorded:
    """Store ``tx`` with its inconsistencies (or find the identical one this office stored before); with
    ``take_tickets`` also sell the tickets it names."""
    if not take_tickets:
        return record_many(session, [(tx, raw)], office_id=office_id, source=source, now=now)[0]
    raw_text = canonical(raw)
    fingerprint = hashlib.sha256(raw_text.encode("utf-8")).hexdigest()
    same_code = list(session.scalars(select(PosTransaction).where(PosTransaction.code == tx.code,
                                                                  _same_office(office_id))
                                     .order_by(PosTransaction.id)))
    for previous in same_code:
        if previous.fingerprint == fingerprint:
            return Recorded(previous.id, list(previous.inconsistencies), replayed=True,
                            clock_skew_seconds=_skew(previous))
    found = inconsistencies(tx, _catalogue(session, tx, now))
    if same_code:
        found.append(_duplicate_code(tx.code, same_code[0].id))
    row = PosTransaction(**_transaction_row(tx, raw_text, fingerprint, office_id, source, now, found))
    session.add(row)
    session.flush()
    found += _take_tickets(session, tx, row.id, office_id, now)
    row.inconsistencies = list(found)
    _insert_children(session, [(row.id, tx)])
    return Recorded(row.id, found, replayed=False, clock_skew_seconds=_skew(row))


def record_many(session: Session, transactions: Sequence[tuple[PosTransactionIn, dict[str, Any]]], *,
                office_id: str | None, source: str, now: datetime, texts: Sequence[str] | None = None,
                known: TicketEvents | None = None) -> list[Recorded]:
    """Store many transactions of one office as :func:`record` stores each (without taking tickets), in a few
    statements: one look-up of earlier codes, one catalogue per event, bulk inserts (a catch-up batch).
    ``texts``: each raw transaction's ``canonical`` text, when the caller has it already; ``known``: tickets it
    has read already (a catch-up batch's, locked first), not looked up again."""
    if texts is None:
        texts = [canonical(raw) for _tx, raw in transactions]
    prints = [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts]
    earlier: dict[str, list[tuple[int, str, list[str], int | None]]] = {}
    for chunk in chunks(sorted({tx.code for tx, _raw in transactions})):
        for row in session.execute(select(PosTransaction.id, PosTransaction.code, PosTransaction.fingerprint,
                                          PosTransaction.inconsistencies, PosTransaction.created_at,
                                          PosTransaction.date_received)
                                   .where(among(session, PosTransaction.code, chunk), _same_office(office_id))
                                   .order_by(PosTransaction.id)):
            earlier.setdefault(row.code, []).append((row.id, row.fingerprint, list(row.inconsistencies),
                                                     _skew_of(row.created_at, row.date_received)))
    catalogues = _Catalogues(session, [tx for tx, _raw in transactions], now, known)
    results: list[Recorded | None] = []
    new_rows: list[dict[str, Any]] = []
    fresh: list[tuple[int, PosTransactionIn, dict[str, Any]]] = []  # (index in results, tx, row)
    for (tx, _raw), text, fingerprint in zip(transactions, texts, prints, strict=True):
        same_code = earlier.setdefault(tx.code, [])
        if any(index < 0 for index, *_rest in same_code):  # the same code earlier in this call: store it first
            _store(session, new_rows, fresh, results, earlier)
        replay = next((e for e in same_code if e[1] == fingerprint), None)
        if replay is not None:
            results.append(Recorded(replay[0], list(replay[2]), replayed=True, clock_skew_seconds=replay[3]))
            continue
        found = inconsistencies(tx, catalogues.of(tx))
        if same_code:
            found.append(_duplicate_code(tx.code, same_code[0][0]))
        row = _transaction_row(tx, text, fingerprint, office_id, source, now, found)
        new_rows.append(row)
        fresh.append((len(results), tx, row))
        same_code.append((-len(fresh), fingerprint, found, None))  # -1 - its place in ``fresh``: an id once stored
        results.append(None)
    _store(session, new_rows, fresh, results, earlier)
    return [r for r in results if r is not None]


def _store(session: Session, new_rows: list[dict[str, Any]], fresh: list[tuple[int, PosTransactionIn,
           dict[str, Any]]], results: list[Recorded | None], earlier: dict[str, list[Any]]) -> None:
    """Insert the transactions gathered so far (ids in order), their children, and fill in their results."""
    if not new_rows:
        return
    ids = insert_rows_returning_ids(session, PosTransaction, new_rows)
    for position, (transaction_id, (index, tx, row)) in enumerate(zip(ids, fresh, strict=True)):
        skew = _skew_of(row["created_at"], row["date_received"])
        results[index] = Recorded(transaction_id, row["inconsistencies"], replayed=False, clock_skew_seconds=skew)
        same_code = earlier[tx.code]
        same_code[:] = [(transaction_id, *e[1:3], skew) if e[0] == -1 - position else e for e in same_code]
    _insert_children(session, [(transaction_id, tx) for transaction_id, (_i, tx, _r) in zip(ids, fresh,
                                                                                            strict=True)])
    new_rows.clear()
    fresh.clear()


def _transaction_row(tx: PosTransactionIn, raw_text: str, fingerprint: str, office_id: str | None, source: str,
                     now: datetime, found: list[str]) -> dict[str, Any]:
    created_at, _problem = parse_created_at(tx.created_at_raw)
    return {"code": tx.code, "fingerprint": fingerprint, "event_id": tx.event_id, "office_id": office_id,
            "source": source, "total_cents": tx.total_amount, "notes": tx.notes,
            "created_at_raw": tx.created_at_raw, "created_at": created_at, "recorded_by_rfid": tx.recorded_by,
            "inconsistencies": found, "raw": raw_text, "date_received": now}


def _duplicate_code(code: str, first_id: int) -> str:
    return (f"duplicate_code: purchase code {code!r} was already recorded with different content "
            f"(transaction {first_id})")


def _insert_children(session: Session, stored: list[tuple[int, PosTransactionIn]]) -> None:
    """Payments, items and item tickets of stored transactions, a few bulk INSERTs for all of them."""
    payments = [{"transaction_id": transaction_id, "position": i, "payment_method": p.method,
                 "amount_cents": p.amount, "change_cents": p.change, "reference": p.reference}
                for transaction_id, tx in stored for i, p in enumerate(tx.payments)]
    insert_rows(session, PosPayment, payments)
    items = [(transaction_id, position, item) for transaction_id, tx in stored
             for position, item in enumerate(tx.items)]
    if not items:
        return
    item_ids = insert_rows_returning_ids(session, PosItem, [
        {"transaction_id": transaction_id, "position": position, "product_id": item.product_id,
         "quantity": item.quantity, "description": item.description, "unit_cents": item.unit_amount,
         "total_cents": item.total_amount, "discount_cents": item.discount_amount, "item_code": item.item_code}
        for transaction_id, position, item in items])
    tickets = [{"item_id": item_id, "position": n, "product_id": t.product_id, "description": t.description,
                "barcode": t.barcode, "ticket_id": t.ticket_id}
               for item_id, (_t, _p, item) in zip(item_ids, items, strict=True) for n, t in enumerate(item.tickets)]
    insert_rows(session, PosItemTicket, tickets)


def _same_office(office_id: str | None) -> Any:
    return PosTransaction.office_id.is_(None) if office_id is None else PosTransaction.office_id == office_id


def run(session: Session, request: PosRequest, principal: Principal, now: datetime) -> ApiResult:
    recorded = record(session, request.transaction, request.raw, office_id=principal.office_id, source="pos",
                      now=now, take_tickets=True)
    return ApiResult(200, MSG_RECORDED, {
        "transaction_id": recorded.transaction_id, "code": request.transaction.code,
        "replayed": recorded.replayed, "inconsistencies": recorded.inconsistencies,
        "clock_skew_seconds": recorded.clock_skew_seconds})
