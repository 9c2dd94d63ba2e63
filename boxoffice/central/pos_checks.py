"""Inconsistency checks of a POS transaction: found, listed and stored, never a reason to reject it.

Each inconsistency is one text that starts with a stable kind and a colon (``line_total: ...``) so a client can
group them without parsing prose. Kinds: ``malformed_code``, ``unknown_event``, ``created_at``,
``clock_skew``, ``line_total``, ``items_total``, ``payment_total``, ``payment_method``, ``ticket_count``,
``item_code``, ``malformed_barcode``, ``duplicate_barcode``, ``unknown_product``, ``unknown_ticket`` (and, from
:mod:`pos_transactions`, ``ticket_unavailable`` and ``duplicate_code``).

``clock_skew`` flags a terminal with a wrong clock: ``createdAt`` more than :data:`FUTURE_TOLERANCE` ahead of the
platform, more than :data:`MAX_AGE` old (offline sales wait for a network, but not for a month), or before the
event existed here. The sale is stored all the same, with ``createdAt`` as sent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from boxoffice.core.codes import parse_code
from boxoffice.core.errors import InvalidCode

PAYMENT_METHODS = ("cash", "card")
FUTURE_TOLERANCE = timedelta(minutes=10)
MAX_AGE = timedelta(days=30)


@dataclass(frozen=True)
class PosTicketIn:
    product_id: str | None
    description: str | None
    barcode: str | None
    ticket_id: str | None


@dataclass(frozen=True)
class PosItemIn:
    product_id: str | None
    quantity: int
    description: str | None
    unit_amount: int
    total_amount: int
    discount_amount: int
    item_code: str | None
    tickets: list[PosTicketIn]


@dataclass(frozen=True)
class PosPaymentIn:
    method: str
    amount: int
    change: int | None
    reference: str | None


@dataclass(frozen=True)
class PosTransactionIn:
    """A POS purchase as the pos-transaction spec sends it (amounts in cents)."""

    event_id: str | None
    code: str
    total_amount: int
    notes: str | None
    created_at_raw: str | None
    recorded_by: str | None
    payments: list[PosPaymentIn]
    items: list[PosItemIn]


@dataclass(frozen=True)
class Catalogue:
    """What the platform knows that the checks compare against."""

    event_known: bool
    tickets_per_unit: dict[str, int]  # product id -> tickets one unit issues (5 for the family pass)
    known_tickets: set[str]
    received_at: datetime
    event_created: datetime | None = None


def parse_created_at(raw: str | None) -> tuple[datetime | None, str | None]:
    """``createdAt`` as an aware datetime, or the inconsistency text explaining why it is not one."""
    if raw is None:
        return None, "created_at: createdAt is missing"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        return None, f"created_at: createdAt {raw!r} is not an ISO-8601 timestamp"
    if value.tzinfo is None:
        return None, f"created_at: createdAt {raw!r} has no time zone (expected UTC, e.g. ...Z)"
    return value, None


def _span(seconds: float) -> str:
    seconds = abs(seconds)
    if seconds >= 2 * 86_400:
        return f"{seconds / 86_400:.1f} days"
    if seconds >= 2 * 3600:
        return f"{seconds / 3600:.1f} h"
    return f"{round(seconds / 60)} min"


def clock_problem(created_at: datetime, received_at: datetime, event_created: datetime | None) -> str | None:
    """The ``clock_skew`` text when ``createdAt`` cannot be the terminal's true time of sale, else None."""
    skew = (created_at - received_at).total_seconds()
    stamp = f"createdAt {created_at.isoformat()}"
    if created_at > received_at + FUTURE_TOLERANCE:
        return f"clock_skew: {stamp} is {_span(skew)} ahead of the platform's clock: check the terminal's clock"
    if created_at < received_at - MAX_AGE:
        return (f"clock_skew: {stamp} is {_span(skew)} old, more than {MAX_AGE.days} days: check the "
                "terminal's clock")
    if event_created is not None and created_at < event_created - FUTURE_TOLERANCE:
        return (f"clock_skew: {stamp} is {_span((event_created - created_at).total_seconds())} before the event "
                "existed on the platform: check the terminal's clock")
    return None


def _code_problem(code: str) -> str | None:
    try:
        parsed = parse_code(code)
    except InvalidCode as exc:
        return str(exc)
    return None if parsed.kind == "purchase" else f"{code!r} is a {parsed.kind} code, not a purchase code"


def _barcode_problem(barcode: str | None, code: str) -> str | None:
    if barcode is None or not barcode.strip():
        return "has no barcode"
    try:
        parsed = parse_code(barcode)
    except InvalidCode as exc:
        return f"barcode {barcode!r}: {exc}"
    if parsed.kind != "ticket":
        return f"barcode {barcode!r} is a {parsed.kind} code, not a ticket barcode"
    if parsed.purchase != code.strip().upper():
        return f"barcode {barcode!r} belongs to purchase {parsed.purchase}, not {code}"
    return None


def _item_code_problem(item_code: str, code: str, position: int) -> str | None:
    expected = f"{code.strip().upper()}{position:04d}"
    if item_code.strip().upper() != expected:
        return f"item {position} code {item_code!r} should be {expected!r} (purchase code + 4-digit counter)"
    return None


def inconsistencies(tx: PosTransactionIn, catalogue: Catalogue) -> list[str]:
    """Every way ``tx`` disagrees with itself or with the platform, in a stable order."""
    found: list[str] = []
    problem = _code_problem(tx.code)
    if problem:
        found.append(f"malformed_code: purchase code {tx.code!r}: {problem}")
    if not catalogue.event_known:
        found.append(f"unknown_event: event {tx.event_id!r} is not an event of this platform")
    created, created_problem = parse_created_at(tx.created_at_raw)
    if created_problem:
        found.append(created_problem)
    elif created is not None:
        skew_problem = clock_problem(created, catalogue.received_at, catalogue.event_created)
        if skew_problem:
            found.append(skew_problem)

    paid = sum(payment.amount for payment in tx.payments)
    if paid != tx.total_amount:
        found.append(f"payment_total: payments add up to {paid} cents but totalAmount is {tx.total_amount}")
    for index, payment in enumerate(tx.payments):
        if payment.method not in PAYMENT_METHODS:
            found.append(f"payment_method: transaction {index} paymentMethod {payment.method!r} is not "
                         f"one of {', '.join(PAYMENT_METHODS)}")

    lines = sum(item.total_amount for item in tx.items)
    if lines != tx.total_amount:
        found.append(f"items_total: items add up to {lines} cents but totalAmount is {tx.total_amount}")
    seen_barcodes: set[str] = set()
    for index, item in enumerate(tx.items):
        expected_total = item.quantity * item.unit_amount - item.discount_amount
        if item.total_amount != expected_total:
            found.append(f"line_total: item {index} totalAmount {item.total_amount} != quantity {item.quantity}"
                         f" x unitAmount {item.unit_amount} - discountAmount {item.discount_amount} "
                         f"= {expected_total}")
        if item.product_id not in catalogue.tickets_per_unit:
            found.append(f"unknown_product: item {index} product_id {item.product_id!r} is not a product of "
                         f"event {tx.event_id!r}")
        per_unit = catalogue.tickets_per_unit.get(item.product_id or "", 1)
        if len(item.tickets) != item.quantity * per_unit:
            found.append(f"ticket_count: item {index} has quantity {item.quantity} ({per_unit} ticket(s) each) "
                         f"but {len(item.tickets)} ticket(s)")
        if item.item_code is not None:
            problem = _item_code_problem(item.item_code, tx.code, index)
            if problem:
                found.append(f"item_code: {problem}")
        for number, ticket in enumerate(item.tickets):
            where = f"item {index} ticket {number}"
            problem = _barcode_problem(ticket.barcode, tx.code)
            if problem:
                found.append(f"malformed_barcode: {where} {problem}")
            elif ticket.barcode is not None:
                barcode = ticket.barcode.strip().upper()
                if barcode in seen_barcodes:
                    found.append(f"duplicate_barcode: {where} barcode {ticket.barcode!r} is printed twice")
                seen_barcodes.add(barcode)
            if ticket.product_id is not None and ticket.product_id not in catalogue.tickets_per_unit:
                found.append(f"unknown_product: {where} product_id {ticket.product_id!r} is not a product of "
                             f"event {tx.event_id!r}")
            if ticket.ticket_id is not None and ticket.ticket_id not in catalogue.known_tickets:
                found.append(f"unknown_ticket: {where} ticket_id {ticket.ticket_id!r} is not a ticket of "
                             f"event {tx.event_id!r}")
    return found
