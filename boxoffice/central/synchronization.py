"""``offline_office_tickets_synchronization``: store the sales an offline office made, before answering.

A sale made offline is a customer already holding tickets, so it is always stored, but it takes only what its
office holds: a ticket sold elsewhere (``already_sold``), assigned to another office, held by a live online
checkout or free online (``not_assigned_to_office``), or unknown, is kept on the order with a per-ticket
``conflict`` and stays where it is. Each such conflict is also recorded for the supervisors of both sides
(:mod:`boxoffice.central.sync_conflicts`, ``POST /offline_office_sync_conflicts``).

Replays, per office and for good: an entry whose ``idempotency_key`` (or, for a completed sale, purchase code)
this office already sent gets its first result back with ``replayed`` true and creates nothing, when its content
is the same. The same key or purchase code with different content is refused in that entry's result (``error``
names the key or code, ``error_status`` 422) and nothing is stored for it; the rest of the batch is. Another
office's keys and codes are never matched: an office posting a code another office printed stores its own order,
never takes over or sees the other's, and the two are recorded as a ``purchase_code_reused`` conflict.

An entry with status ``cancelled`` voids this office's order of that purchase code: its tickets become sellable
again by the same office. A cancellation that arrives before its sale is remembered (``cancelled_before_sale``
true in its result, accepted, no ``error``); when that sale arrives it is stored already cancelled and takes no
seat (``order_status`` ``cancelled`` in its result).

Extensions of each result (additive): ``order_status``, ``cancelled_before_sale``, ``error_status``,
``clock_skew_seconds`` (from ``pos_transaction.createdAt``; a far-off clock is a ``clock_skew`` inconsistency);
per ticket ``taken`` (this order holds the seat here), ``other_channel`` / ``other_office_id`` and
``conflict_id``; ``held_by`` names the holding order in full only to the office that made it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import Any

from sqlalchemy import Row, delete, insert, select
from sqlalchemy.orm import Session

from boxoffice.central import journal_anchors, sale_refunds, sync_conflicts
from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput, iso_utc
from boxoffice.central.functions import require_office
from boxoffice.central.ids import new_ordered_id
from boxoffice.central.inventory import (
    OFFICE,
    among,
    append_ledger,
    chunks,
    held_elsewhere,
    insert_rows,
    ledger_row,
    lock_tickets,
    lock_times,
    mark_sold,
    offline_offices,
    sold_in_memory,
)
from boxoffice.central.models import (
    Event,
    Order,
    OrderTicket,
    SyncEntry,
    Ticket,
    TicketBlocked,
    TicketType,
)
from boxoffice.central.pos_checks import PosTransactionIn, parse_created_at
from boxoffice.central.pos_transactions import TicketEvents, parse_transaction, record, record_many
from boxoffice.central.ticket_issuing import rule_breaks, sold_count
from boxoffice.central.validation import (
    MAX_IDS,
    Fields,
    callable_data,
    canonical,
    canonical_members,
    canonical_of,
)
from boxoffice.core.codes import parse_code
from boxoffice.core.errors import InvalidCode
from boxoffice.core.money import cents_to_api

MSG_SYNCHRONIZED = "Sincronizado"
COMPLETED = "completed"
CANCELLED = "cancelled"
STATUSES = (COMPLETED, CANCELLED)
REFUSED_STATUS = 422
# what an entry says (the spec's fields and ours); an unknown extra field is not part of a replay's content
CONTENT_FIELDS = ("ticket", "tickets", "transactions", "amount", "event_id", "event_name", "office_id",
                  "office_name", "status", "client_id", "client_name", "purchase_code", "pos_transaction")


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

    @cached_property
    def _texts(self) -> dict[str, str]:
        """Each member's canonical text: the entry's, its content's and its POS transaction's texts share them."""
        return canonical_members(self.raw)

    @cached_property
    def raw_text(self) -> str:
        """``canonical(raw)``: what the office sent, as stored on its order."""
        return canonical_of(self._texts, self.raw)

    @cached_property
    def fingerprint(self) -> str:
        """SHA-256 of what the entry says, leaving out its key (a re-created outbox item may carry a new one)."""
        content = canonical_of(self._texts, (name for name in CONTENT_FIELDS if name in self.raw))
        return hashlib.sha256(content.encode("utf-8")).hexdigest()

    @property
    def pos_text(self) -> str:
        """``canonical(pos_raw)``."""
        return self._texts["pos_transaction"]


@dataclass(frozen=True)
class SyncRequest:
    entries: list[SaleEntry]
    journal_head: journal_anchors.HeadIn | None = None  # extension: the sending terminal's journal head
    payload: Any = None  # the whole body, as parsed (for its canonical text)


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
    return SyncRequest(entries, journal_anchors.parse_head(data), payload)


def canonical_text(request: SyncRequest) -> str:
    """``canonical(request.payload)``, made with each entry's text (which its fingerprint and its stored order
    need anyway) instead of encoding every entry a second time: a catch-up batch's body is mostly entries."""
    payload = request.payload
    data = payload["data"]
    sold = data.get("ticket_sold")
    members = canonical_members({key: value for key, value in data.items() if key != "ticket_sold"})
    if "ticket_sold" in data:
        members["ticket_sold"] = "[" + ",".join(entry.raw_text for entry in request.entries) + "]" \
            if type(sold) is list and len(sold) == len(request.entries) else canonical(sold)
    top = canonical_members({key: value for key, value in payload.items() if key != "data"})
    top["data"] = canonical_of(members, data)
    return canonical_of(top, payload)


def office_scope(request: SyncRequest) -> list[tuple[str, str]]:
    return [(entry.office_id, f"data.ticket_sold[{entry.index}].office_id") for entry in request.entries] + \
        journal_anchors.head_scope(request.journal_head)


@dataclass
class _Context:
    """Everything the entries of one request share, loaded and row-locked up front in id order."""

    now: datetime
    tickets: dict[str, Ticket]
    offline: dict[str, Row[Any]]  # (ticket_id, office_id): read only
    locks: dict[str, Row[Any]]  # (ticket_id, locked_up): rows deleted by Core statements
    events: dict[str, bool]
    #: per (event, POS product id): the ticket type and event its rules come from; None: not a type of ours
    rule_types: dict[tuple[str, str], tuple[TicketType, Event] | None] = field(default_factory=dict)
    #: places taken per ticket type with a capacity, counted once per request and carried along its entries
    taken: dict[int, int] = field(default_factory=dict)
    asked: frozenset[str] = frozenset()  # the ticket ids ``tickets`` was read for

    @cached_property
    def ticket_events(self) -> TicketEvents:
        """For the POS transactions' checks: the tickets read already, not looked up again."""
        return TicketEvents(self.asked, {ticket_id: ticket.event_id for ticket_id, ticket in self.tickets.items()})


def synchronize(session: Session, request: SyncRequest, principal: Principal, now: datetime) -> ApiResult:
    first_entry = {}
    for entry in request.entries:
        first_entry.setdefault(entry.office_id, entry.index)
    for office_id, index in first_entry.items():
        require_office(session, office_id, f"data.ticket_sold[{index}].office_id")
    cancelled: dict[str, set[str]] = {}
    for entry in request.entries:
        if entry.status == CANCELLED and entry.purchase_code:
            cancelled.setdefault(entry.office_id, set()).add(entry.purchase_code)
    order_ids = []
    for office_id, codes in sorted(cancelled.items()):
        for chunk in chunks(sorted(codes)):
            order_ids += session.scalars(select(Order.id).where(Order.office_id == office_id,
                                                                among(session, Order.purchase_code, chunk))).all()
    ids = {ticket_id for entry in request.entries for ticket_id in entry.tickets}
    for chunk in chunks(order_ids):
        ids.update(session.scalars(select(OrderTicket.ticket_id).where(among(session, OrderTicket.order_id, chunk))))
    context = _Context(now, lock_tickets(session, ids), offline_offices(session, ids), lock_times(session, ids), {},
                       asked=frozenset(ids))
    seen = _Seen.load(session, request.entries)
    pending = _Pending()
    results = []
    for entry in request.entries:
        if seen.plain_sale(context, entry):
            results.append(_complete_plain(session, context, pending, entry))
        else:  # the general path reads the database: what this batch did so far is written first
            pending.write(session, context)
            results.append(_process(session, context, entry))
        seen.touch(entry)
    pending.write(session, context)
    journal_anchors.record(session, request.journal_head, now)
    return ApiResult(200, MSG_SYNCHRONIZED, {"results": results})


@dataclass
class _Seen:
    """What the database held before this request of the keys and purchase codes its entries name (a few
    chunked queries for the whole batch), plus what the batch itself has touched since."""

    keys: set[tuple[str, str]]
    codes: set[str]

    @classmethod
    def load(cls, session: Session, entries: list[SaleEntry]) -> _Seen:
        """Entries are looked up per office, as replays are matched (on the indexes that lead with the office:
        unscoped, each batch read every entry ever stored, twice); orders of any office, whose codes another
        office's sale must be told about."""
        keys: dict[str, set[str]] = {}
        codes: dict[str, set[str]] = {}
        for entry in entries:
            if entry.idempotency_key is not None:
                keys.setdefault(entry.office_id, set()).add(entry.idempotency_key)
            if entry.purchase_code is not None:
                codes.setdefault(entry.office_id, set()).add(entry.purchase_code)
        seen = cls(set(), set())
        for office_id, office_keys in sorted(keys.items()):
            for chunk in chunks(sorted(office_keys)):
                seen.keys.update((office_id, key) for key in session.scalars(
                    select(SyncEntry.idempotency_key).where(SyncEntry.office_id == office_id,
                                                            among(session, SyncEntry.idempotency_key, chunk))))
        for office_id, office_codes in sorted(codes.items()):
            for chunk in chunks(sorted(office_codes)):
                seen.codes.update(session.scalars(select(SyncEntry.purchase_code).where(
                    SyncEntry.office_id == office_id, among(session, SyncEntry.purchase_code, chunk))))
        for chunk in chunks(sorted(set().union(*codes.values()))):
            seen.codes.update(session.scalars(select(Order.purchase_code)
                                              .where(among(session, Order.purchase_code, chunk))))
        return seen

    def touch(self, entry: SaleEntry) -> None:
        if entry.idempotency_key is not None:
            self.keys.add((entry.office_id, entry.idempotency_key))
        if entry.purchase_code is not None:
            self.codes.add(entry.purchase_code)

    def plain_sale(self, context: _Context, entry: SaleEntry) -> bool:
        """A first-time sale whose every ticket its office may take: nothing to replay, void, flag or tell
        another office, so it needs no look-up of its own (the catch-up's common case, done in bulk)."""
        if entry.status != COMPLETED or entry.duplicates:
            return False
        if (entry.idempotency_key is not None and (entry.office_id, entry.idempotency_key) in self.keys) or \
                entry.purchase_code in self.codes:
            return False
        for ticket_id in entry.tickets:
            ticket = context.tickets.get(ticket_id)
            if ticket is None or ticket.event_id != entry.event_id or not ticket.status or held_elsewhere(
                    ticket, context.offline.get(ticket_id), context.locks.get(ticket_id), context.now,
                    entry.office_id) is not None:
                return False
        return True


@dataclass
class _Plain:
    entry: SaleEntry
    fingerprint: str
    order: dict[str, Any]
    result: dict[str, Any]


@dataclass
class _Pending:
    """Rows of plain sales not written yet: written together (bulk INSERTs) before anything reads the database."""

    sales: list[_Plain] = field(default_factory=list)
    lines: list[dict[str, Any]] = field(default_factory=list)
    ledger: list[dict[str, Any]] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    sold: list[dict[str, Any]] = field(default_factory=list)  # tickets taken (inventory.sold_in_memory)

    def write(self, session: Session, context: _Context) -> None:
        if not self.sales:
            return
        now = context.now
        with_pos: dict[str, list[_Plain]] = {}
        for sale in self.sales:
            if sale.entry.pos is not None and sale.entry.pos_raw is not None:
                with_pos.setdefault(sale.entry.office_id, []).append(sale)
        for office_id, sales in with_pos.items():
            recorded = record_many(session, [(sale.entry.pos, sale.entry.pos_raw) for sale in sales],  # type: ignore[misc]
                                   office_id=office_id, source="offline_sync", now=now,
                                   texts=[sale.entry.pos_text for sale in sales], known=context.ticket_events)
            for sale, done in zip(sales, recorded, strict=True):
                sale.order["pos_transaction_id"] = done.transaction_id
                sale.order["inconsistencies"] += done.inconsistencies  # the result's list too
                sale.result["clock_skew_seconds"] = done.clock_skew_seconds
        insert_rows(session, Order, [sale.order for sale in self.sales])
        mark_sold(session, self.sold)
        insert_rows(session, OrderTicket, self.lines)
        for chunk in chunks(self.released):
            session.execute(delete(TicketBlocked).where(TicketBlocked.ticket_id.in_(chunk)))
        append_ledger(session, self.ledger)
        insert_rows(session, SyncEntry, [
            {"office_id": sale.entry.office_id, "idempotency_key": sale.entry.idempotency_key,
             "purchase_code": sale.entry.purchase_code, "status": COMPLETED, "fingerprint": sale.fingerprint,
             "order_id": sale.order["id"], "result": sale.result, "date_created": now} for sale in self.sales])
        self.sales, self.lines, self.ledger, self.released, self.sold = [], [], [], [], []


def _complete_plain(session: Session, context: _Context, pending: _Pending, entry: SaleEntry) -> dict[str, Any]:
    """:func:`_complete` of a plain sale (:meth:`_Seen.plain_sale`), its rows left to ``pending``."""
    now, order_id = context.now, new_ordered_id()
    inconsistencies = _entry_inconsistencies(session, context, entry)
    tickets = []
    for position, ticket_id in enumerate(entry.tickets):
        pending.sold.append(sold_in_memory(context.tickets[ticket_id], order_id, now))
        tickets.append({"ticket_id": ticket_id, "conflict": None, "taken": True})
        pending.lines.append({"order_id": order_id, "ticket_id": ticket_id, "position": position, "conflict": None})
        pending.ledger.append(ledger_row(context.tickets[ticket_id], "sale", now, office_id=entry.office_id,
                                         order_id=order_id))
        if context.locks.pop(ticket_id, None) is not None:
            pending.released.append(ticket_id)
    result = _result(entry, order_id, tickets, inconsistencies, order_status=COMPLETED)
    result["clock_skew_seconds"] = None  # the POS transaction's, once recorded
    pending.sales.append(_Plain(entry, entry.fingerprint, _order_row(entry, order_id, COMPLETED, inconsistencies,
                                                                      None, now), result))
    return result


def _order_row(entry: SaleEntry, order_id: str, status: str, inconsistencies: list[str], pos_id: int | None,
               now: datetime) -> dict[str, Any]:
    return {"id": order_id, "purchase_code": entry.purchase_code, "status": status, "source": "offline_sync",
            "event_id": entry.event_id or "", "event_name": entry.event_name, "office_id": entry.office_id,
            "office_name": entry.office_name, "client_id": entry.client_id, "client_name": entry.client_name,
            "amount_cents": entry.amount,
            "transactions": [{"method": p.method, "amount_cents": p.amount} for p in entry.payments],
            "inconsistencies": inconsistencies, "pos_transaction_id": pos_id, "raw": entry.raw_text,
            "date_created": now, "date_cancelled": now if status == CANCELLED else None}


def _process(session: Session, context: _Context, entry: SaleEntry) -> dict[str, Any]:
    content = entry.fingerprint
    first = _first_entry(session, entry)
    if first is not None:
        row, matched = first
        if row.fingerprint is not None and row.fingerprint != content:
            return _refused(entry, matched)
        return {**row.result, "idempotency_key": entry.idempotency_key, "replayed": True}
    result = _complete(session, context, entry) if entry.status == COMPLETED else sale_refunds.cancel_or_refund(session, context, entry, _cancel)  # noqa: E501
    session.add(SyncEntry(office_id=entry.office_id, idempotency_key=entry.idempotency_key,
                          purchase_code=entry.purchase_code, status=entry.status, fingerprint=content,
                          order_id=result["order_id"], result=result, date_created=context.now))
    session.flush()
    return result


def _first_entry(session: Session, entry: SaleEntry) -> tuple[SyncEntry, str] | None:
    """This office's first entry with the same key, else (a completed sale) with the same purchase code."""
    if entry.idempotency_key is not None:
        found = session.scalar(select(SyncEntry).where(SyncEntry.office_id == entry.office_id,
                                                       SyncEntry.idempotency_key == entry.idempotency_key))
        if found is not None:
            return found, "key"
    if entry.status == COMPLETED and entry.purchase_code is not None:
        found = _first_sale(session, entry.office_id, entry.purchase_code)
        if found is not None:
            return found, "code"
    return None


def _first_sale(session: Session, office_id: str, purchase_code: str) -> SyncEntry | None:
    return session.scalar(select(SyncEntry).where(SyncEntry.office_id == office_id,
                                                  SyncEntry.purchase_code == purchase_code,
                                                  SyncEntry.status == COMPLETED)
                          .order_by(SyncEntry.id).limit(1))


def _refused(entry: SaleEntry, matched: str) -> dict[str, Any]:
    """The same key or purchase code with other content: refused, never replayed with the old answer."""
    if matched == "key":
        error = (f"idempotency_key_reused: idempotency key {entry.idempotency_key!r} was already used by office "
                 f"{entry.office_id!r} for different content; a new sale or void needs a new key")
    else:
        error = (f"purchase_code_reused: purchase code {entry.purchase_code!r} was already synchronised by office "
                 f"{entry.office_id!r} with different content; its first sale stands, a new sale needs a new "
                 "purchase code")
    return {**_result(entry, None, [], [], error=error), "error_status": REFUSED_STATUS}


def _result(entry: SaleEntry, order_id: str | None, tickets: list[dict[str, Any]], inconsistencies: list[str],
            error: str | None = None, order_status: str | None = None) -> dict[str, Any]:
    return {"idempotency_key": entry.idempotency_key, "purchase_code": entry.purchase_code, "order_id": order_id,
            "status": entry.status, "replayed": False, "tickets": tickets, "inconsistencies": inconsistencies,
            "error": error, "order_status": order_status}


_RULE_TEXT = {
    "before_sale_start": "{name!r} was sold at {when} before its sale opened ({start})",
    "after_sale_end": "{name!r} was sold at {when} after its sale closed ({end})",
    "not_public": "{name!r} is not for public sale (visibility {visibility})",
    "over_capacity": "{name!r} was already sold out ({capacity} places) when this sale was made",
}


def _rule_breaks(session: Session, context: _Context, entry: SaleEntry) -> list[str]:
    """The ticket types' rules (sale window, visibility, capacity) an offline sale broke, judged at its POS
    ``createdAt`` (or when it arrived, if that is earlier): the sale is accepted all the same (the always-accept
    rule) and flagged for the operator. Types the platform does not know, and sales without a readable POS time,
    are left to the other checks."""
    pos = entry.pos
    sold_at = parse_created_at(pos.created_at_raw)[0] if pos is not None else None
    if pos is None or sold_at is None or not entry.event_id:
        return []
    sold_at = min(sold_at, context.now)  # a clock running ahead (flagged as clock_skew) sold nothing in the future
    found: list[str] = []
    for item in pos.items:
        rules = _rule_type(session, context, entry.event_id, item.product_id)
        if rules is None:
            continue
        ticket_type, event = rules
        taken = context.taken.get(ticket_type.id)
        if taken is None and ticket_type.capacity is not None:
            taken = context.taken[ticket_type.id] = sold_count(session, ticket_type, held=False)
        for flag in rule_breaks(ticket_type, event, sold_at, taken or 0):
            text = f"{flag}: " + _RULE_TEXT[flag].format(
                name=ticket_type.name, when=iso_utc(sold_at), visibility=ticket_type.visibility,
                capacity=ticket_type.capacity,
                start=iso_utc(ticket_type.sale_start) if ticket_type.sale_start else "",
                end=iso_utc(ticket_type.sale_end or event.date_end) if (ticket_type.sale_end or event.date_end)
                else "")
            if text not in found:
                found.append(text)
        if taken is not None:
            context.taken[ticket_type.id] = taken + item.quantity
    return found


def _rule_type(session: Session, context: _Context, event_id: str, product_id: str | None
               ) -> tuple[TicketType, Event] | None:
    key = (event_id, product_id or "")
    if key not in context.rule_types:
        ticket_type = session.get(TicketType, int(product_id)) if product_id and product_id.isdigit() else None
        event = session.get(Event, event_id) if ticket_type is not None else None
        context.rule_types[key] = (ticket_type, event) if ticket_type is not None and event is not None \
            and ticket_type.event_id == event_id else None
    return context.rule_types[key]


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
    found += _rule_breaks(session, context, entry)
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


def _cancelled_first(session: Session, entry: SaleEntry) -> bool:
    """Whether this office voided this purchase code before its sale arrived."""
    return entry.purchase_code is not None and session.scalar(
        select(SyncEntry.id).where(SyncEntry.office_id == entry.office_id,
                                   SyncEntry.purchase_code == entry.purchase_code,
                                   SyncEntry.status == CANCELLED).limit(1)) is not None


def _code_reused_elsewhere(session: Session, context: _Context, entry: SaleEntry, order_id: str) -> None:
    """Record (for both offices) another office's order with this purchase code; neither sees the other's."""
    if entry.purchase_code is None:
        return
    other = session.scalar(select(Order).where(Order.purchase_code == entry.purchase_code,
                                               Order.office_id != entry.office_id).order_by(Order.date_created)
                           .limit(1))
    if other is not None:
        sync_conflicts.add(session, context.now, kind=sync_conflicts.CODE_REUSED, office_id=entry.office_id,
                           order_id=order_id, other_channel=OFFICE, event_id=entry.event_id,
                           purchase_code=entry.purchase_code, other_office_id=other.office_id,
                           other_order_id=other.id)


def _complete(session: Session, context: _Context, entry: SaleEntry) -> dict[str, Any]:
    now = context.now
    order_id = new_ordered_id()
    inconsistencies = _entry_inconsistencies(session, context, entry)
    pos_id, skew = None, None
    if entry.pos is not None and entry.pos_raw is not None:
        recorded = record(session, entry.pos, entry.pos_raw, office_id=entry.office_id, source="offline_sync",
                          now=now)
        pos_id, skew = recorded.transaction_id, recorded.clock_skew_seconds
        inconsistencies += recorded.inconsistencies
    voided = _cancelled_first(session, entry)
    status = CANCELLED if voided else COMPLETED
    session.add(Order(**_order_row(entry, order_id, status, inconsistencies, pos_id, now)))
    session.flush()
    _code_reused_elsewhere(session, context, entry, order_id)
    if voided:
        tickets = _arrived_cancelled(session, context, entry, order_id)
    else:
        tickets = _sell_all(session, context, entry, order_id)
    lines = [{"order_id": order_id, "ticket_id": t["ticket_id"], "position": n, "conflict": t["conflict"]}
             for n, t in enumerate(tickets)]
    if lines:
        session.execute(insert(OrderTicket), lines)
    result = _result(entry, order_id, tickets, inconsistencies, order_status=status)
    result["clock_skew_seconds"] = skew
    if voided:
        result["cancelled_before_sale"] = True
    return result


def _arrived_cancelled(session: Session, context: _Context, entry: SaleEntry,
                       order_id: str) -> list[dict[str, Any]]:
    """The sale of a purchase code voided before it arrived: stored, takes no seat, noted in the ledger."""
    append_ledger(session, [ledger_row(context.tickets[t], "sale_cancelled_first", context.now,
                                       office_id=entry.office_id, order_id=order_id)
                            for t in entry.tickets if t in context.tickets])
    return [{"ticket_id": t, "conflict": None, "taken": False} for t in entry.tickets]


def _sell_all(session: Session, context: _Context, entry: SaleEntry, order_id: str) -> list[dict[str, Any]]:
    """Take each ticket this office may; flag (and record for both sides) each it may not."""
    tickets, ledger, released = [], [], []
    for ticket_id in entry.tickets:
        conflict, channel = _sell(context, entry, ticket_id, order_id)
        line: dict[str, Any] = {"ticket_id": ticket_id, "conflict": conflict, "taken": conflict is None}
        ticket = context.tickets.get(ticket_id)
        if ticket is not None and conflict != "unknown_ticket":
            if conflict is not None:
                line.update(_other_side(session, context, entry, order_id, ticket, channel))
            detail = {"conflict": conflict, **({"other_channel": channel} if channel else {})} if conflict else {}
            ledger.append(ledger_row(ticket, "sale" if conflict is None else "sale_conflict", context.now,
                                     office_id=entry.office_id, order_id=order_id, **detail))
        tickets.append(line)
        if conflict is None and ticket_id in context.locks:
            released.append(ticket_id)
            del context.locks[ticket_id]
    for chunk in chunks(released):
        session.execute(delete(TicketBlocked).where(TicketBlocked.ticket_id.in_(chunk)))
    append_ledger(session, ledger)
    return tickets


def _other_side(session: Session, context: _Context, entry: SaleEntry, order_id: str, ticket: Ticket,
                channel: str | None) -> dict[str, Any]:
    """The per-ticket extension fields of a conflict, recording it for the other office when there is one."""
    other_office, other_order = None, None
    shown: dict[str, Any] = {}
    if channel is None:  # already sold: by an order of ours or of another office
        holder = session.get(Order, ticket.sold_order_id) if ticket.sold_order_id else None
        if holder is None:
            return shown
        shown["held_by"] = _holder(holder, entry.office_id)
        if holder.office_id == entry.office_id:
            return shown  # sold twice by this office: its own supervisor sees both sides already
        channel, other_office, other_order = "sold", holder.office_id, holder.id
    elif channel == OFFICE:
        other_office = context.offline[ticket.id].office_id
    shown.update(other_channel=channel, other_office_id=other_office)
    shown["conflict_id"] = sync_conflicts.add(
        session, context.now, kind=sync_conflicts.TICKET_CONFLICT, office_id=entry.office_id, order_id=order_id,
        other_channel=channel, event_id=ticket.event_id, ticket_id=ticket.id, purchase_code=entry.purchase_code,
        other_office_id=other_office, other_order_id=other_order)
    return shown


def _sell(context: _Context, entry: SaleEntry, ticket_id: str, order_id: str) -> tuple[str | None, str | None]:
    """Mark one ticket sold by this order when its office may take it; else the conflict and who holds it."""
    ticket = context.tickets.get(ticket_id)
    if ticket is None or ticket.event_id != entry.event_id:
        return "unknown_ticket", None
    if not ticket.status:
        return "already_sold", None
    channel = held_elsewhere(ticket, context.offline.get(ticket_id), context.locks.get(ticket_id), context.now,
                             entry.office_id)
    if channel is not None:
        return "not_assigned_to_office", channel
    _take(ticket, order_id, context.now)
    return None, None


def _take(ticket: Ticket, order_id: str, now: datetime) -> None:
    ticket.status = False
    ticket.status_sold = now
    ticket.sold_order_id = order_id
    ticket.date_updated = now


def _holder(order: Order, office_id: str) -> dict[str, Any]:
    """Who holds a seat our offline sale also sold: the other side a supervisor weighs up (an extension of the
    per-ticket result). Another office's order is named only by its office, channel and time, never its id,
    purchase code or customer."""
    shown = {"office_id": order.office_id, "source": order.source, "sold_at": iso_utc(order.date_created)}
    if order.office_id == office_id:
        shown.update(order_id=order.id, purchase_code=order.purchase_code, client_name=order.client_name)
    return shown


def _other_live_order(session: Session, context: _Context, ticket_id: str, cancelled_order_id: str) -> str | None:
    """The oldest other completed order of the ticket's office that also sold ``ticket_id`` (flagged
    ``already_sold`` when it came): a customer of that office holds the seat too. Orders of other offices never
    inherit it (they could not take it in the first place)."""
    row = context.offline.get(ticket_id)
    if row is None:
        return None
    return session.scalar(select(Order.id).join(OrderTicket, OrderTicket.order_id == Order.id)
                          .where(OrderTicket.ticket_id == ticket_id, OrderTicket.conflict == "already_sold",
                                 Order.id != cancelled_order_id, Order.office_id == row.office_id,
                                 Order.status == COMPLETED).order_by(Order.date_created, Order.id).limit(1))


def _cancel(session: Session, context: _Context, entry: SaleEntry) -> dict[str, Any]:
    """Void the office's order of this purchase code; cancelling twice changes nothing the second time. With no
    such order yet the void is remembered (by the stored entry) for the sale still to come."""
    order = session.scalar(select(Order).where(Order.purchase_code == entry.purchase_code,
                                               Order.office_id == entry.office_id))
    if order is None:
        return {**_result(entry, None, [], [], order_status=CANCELLED), "cancelled_before_sale": True}
    lines = list(session.scalars(select(OrderTicket).where(OrderTicket.order_id == order.id)
                                 .order_by(OrderTicket.position)))
    tickets = [{"ticket_id": line.ticket_id, "conflict": line.conflict} for line in lines]
    if order.status == CANCELLED:
        return _result(entry, order.id, tickets, [], order_status=CANCELLED)
    ledger = []
    for line in lines:
        ticket = context.tickets.get(line.ticket_id)
        if ticket is not None and ticket.sold_order_id == order.id:
            heir = _other_live_order(session, context, line.ticket_id, order.id)
            if heir is not None:
                # another completed order of the office (a conflicting resale) holds this seat too: a customer
                # still has it, so it passes to that order instead of going back on sale
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
    return _result(entry, order.id, tickets, [], order_status=CANCELLED)
