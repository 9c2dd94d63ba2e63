"""Invoices: a simplified invoice in the sale's transaction, a rectificativa in the void's, and the records' chain.

:func:`issue_for_sale` and :func:`rectify_sale` run inside the caller's ``BEGIN IMMEDIATE`` transaction on its
SQLite connection (prepared SQL, like :mod:`boxoffice.services.sale_rows`): the number is the series' highest
plus one, taken under the write lock and committed with the sale, so a crash loses the sale and its number
together — no gap, and the unique (series, year, seq) refuses any reuse. The chain (each record's ``Huella``
over the previous one's) covers every invoice of this store in ``id`` order; :func:`verify` walks it.

Records are queued for submission in the ``invoices`` table itself (``submission`` = ``pending`` when
``[fiscal] submission_url`` is set), not in the sales outbox, whose worker speaks only to the central platform:
:func:`submit_pending` sends them in chain order, each once.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core import fiscal
from boxoffice.core.fiscal import InvoiceFacts, Issuer, PreviousRecord, TaxLine
from boxoffice.core.printout import ReceiptInvoice, ReceiptTax
from boxoffice.store.models import Invoice
from boxoffice.store.raw import driver_connection
from boxoffice.store.types import canonical_json, format_utc, utcnow

#: The series' next number and the chain's last record (its reference: NIF, number, date, huella) in one
#: statement: the unique (series, year, seq) index and the primary key answer it without reading a record.
_NEXT = ("SELECT (SELECT COALESCE(MAX(seq), 0) + 1 FROM invoices WHERE series = ? AND year = ?), "
         "last.nif, last.number, last.date, last.huella FROM (SELECT 1) LEFT JOIN ("
         "SELECT json_extract(record, '$.IDFactura.IDEmisorFactura') AS nif, number, "
         "json_extract(record, '$.IDFactura.FechaExpedicionFactura') AS date, huella "
         "FROM invoices ORDER BY id DESC LIMIT 1) AS last")
_INSERT = ("INSERT INTO invoices (number, series, year, seq, kind, purchase_code, rectifies_id, shift_id, issued_at, "
           "total_cents, quota_cents, record, huella, submission) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_SALE_INVOICE = "SELECT id, record FROM invoices WHERE purchase_code = ? AND kind = 'F2'"


def issue_for_sale(db: sqlite3.Connection, issuer: Issuer, purchase_code: str, shift_id: int | None,
                   lines: Iterable[tuple[str, int]], now: datetime) -> InvoiceFacts | None:
    """The F2 of a sale whose tax-inclusive ``(product_id, total_cents)`` lines were just written; None for a
    sale that costs nothing (a comp): no invoice."""
    breakdown = _breakdown(db, issuer, lines)
    if not any(t.total_cents for t in breakdown):
        return None
    return _issue(db, issuer, issuer.series, fiscal.SIMPLIFIED, purchase_code, shift_id, breakdown, now, None)


def rectify_sale(db: sqlite3.Connection, issuer: Issuer, purchase_code: str, shift_id: int | None,
                 now: datetime) -> InvoiceFacts | None:
    """The R5 (by differences: the original's amounts, negative) of a voided sale, naming its F2; None when the
    sale had no invoice (a comp, or sold before invoicing was configured)."""
    found = db.execute(_SALE_INVOICE, (purchase_code,)).fetchone()
    if found is None:
        return None
    original = json.loads(found[1])
    breakdown = fiscal.negate(breakdown_of(original))
    return _issue(db, issuer, fiscal.rectifying_series(issuer.series), fiscal.RECTIFYING_SIMPLIFIED, purchase_code,
                  shift_id, breakdown, now, found[0], rectifies=fiscal.previous_of(original))


def rectify_part(db: sqlite3.Connection, issuer: Issuer, purchase_code: str, shift_id: int | None,
                 lines: Iterable[tuple[str, int]], now: datetime) -> InvoiceFacts | None:
    """The R5 of a partial refund: by differences, the refunded tickets' tax-inclusive ``(product_id,
    total_cents)`` as negative amounts, naming the sale's F2 (never an edit of it); None when the sale had no
    invoice or the refunded tickets cost nothing."""
    found = db.execute(_SALE_INVOICE, (purchase_code,)).fetchone()
    if found is None:
        return None
    breakdown = _breakdown(db, issuer, lines)
    if not any(t.total_cents for t in breakdown):
        return None
    original = json.loads(found[1])
    return _issue(db, issuer, fiscal.rectifying_series(issuer.series), fiscal.RECTIFYING_SIMPLIFIED, purchase_code,
                  shift_id, fiscal.negate(breakdown), now, found[0], rectifies=fiscal.previous_of(original),
                  description="Devolución de entradas")


def _breakdown(db: sqlite3.Connection, issuer: Issuer, lines: Iterable[tuple[str, int]]) -> tuple[TaxLine, ...]:
    """Tax-inclusive ``(product_id, total_cents)`` lines by rate: each product at its rate (Issuer.rate_of, with
    the platform's rate the pull stored for it)."""
    lines = list(lines)
    ids = sorted({product for product, _ in lines})
    marks = ", ".join("?" * len(ids))
    platform = dict(db.execute(f"SELECT id, tax_rate_bp FROM products WHERE id IN ({marks})", ids)) if ids else {}
    return fiscal.tax_breakdown((issuer.rate_of(product, platform.get(product)), cents) for product, cents in lines)


def _issue(db: sqlite3.Connection, issuer: Issuer, series: str, kind: str, purchase_code: str, shift_id: int | None,
           breakdown: tuple[TaxLine, ...], now: datetime, rectifies_id: int | None,
           rectifies: PreviousRecord | None = None, description: str | None = None) -> InvoiceFacts:
    local = fiscal.local_time(now, issuer.timezone)
    seq, *last = db.execute(_NEXT, (series, local.year)).fetchone()
    facts = InvoiceFacts(fiscal.invoice_number(series, local.year, seq), kind, local, breakdown, rectifies,
                         description)
    previous = PreviousRecord(*last) if last[1] is not None else None
    record = fiscal.registration_record(issuer, facts, previous)
    db.execute(_INSERT, (facts.number, series, local.year, seq, kind, purchase_code, rectifies_id, shift_id,
                         format_utc(now), facts.total_cents, facts.quota_cents, canonical_json(record),
                         record["Huella"], "pending" if issuer.submit else "off"))
    return facts


def breakdown_of(record: dict[str, Any]) -> tuple[TaxLine, ...]:
    """A record's ``Desglose`` back in basis points and cents."""
    return tuple(TaxLine(_cents(line["TipoImpositivo"]), _cents(line["BaseImponibleOimporteNoSujeto"]),
                         _cents(line["CuotaRepercutida"])) for line in record["Desglose"])


def _cents(text: str) -> int:
    return int(Decimal(text) * 100)


# --- reading: the receipt, the Z report ---------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedInvoice:
    """An invoice as the receipt prints it."""

    number: str
    kind: str
    date: str  # dd-mm-yyyy, as the record states it
    issuer_name: str
    issuer_nif: str
    breakdown: tuple[TaxLine, ...]
    total_cents: int
    rectifies: str | None  # the original's number, for an R5
    check_url: str  # what the QR encodes


def invoices_of_sale(session: Session, purchase_code: str, check_url: str) -> list[IssuedInvoice]:
    """The sale's F2 and, once voided, its R5 (oldest first)."""
    rows = session.scalars(select(Invoice).where(Invoice.purchase_code == purchase_code).order_by(Invoice.id))
    out = []
    for row in rows:
        record = json.loads(row.record)
        ident = record["IDFactura"]
        rectified = record.get("FacturasRectificadas")
        out.append(IssuedInvoice(row.number, row.kind, ident["FechaExpedicionFactura"], record["NombreRazonEmisor"],
                                 ident["IDEmisorFactura"], breakdown_of(record), row.total_cents,
                                 rectified[0]["NumSerieFactura"] if rectified else None,
                                 fiscal.check_url(check_url, ident["IDEmisorFactura"], row.number,
                                                  ident["FechaExpedicionFactura"], row.total_cents)))
    return out


def receipt_invoices(session: Session, purchase_code: str, check_url: str) -> tuple[ReceiptInvoice, ...]:
    """What the receipt prints of the sale's invoices (none for a comp or a training sale)."""
    return tuple(ReceiptInvoice(i.number, i.kind, i.date, i.issuer_name, i.issuer_nif,
                                tuple(ReceiptTax(t.rate_bp, t.base_cents, t.quota_cents) for t in i.breakdown),
                                i.total_cents, i.check_url, i.rectifies)
                 for i in invoices_of_sale(session, purchase_code, check_url))


@dataclass(frozen=True)
class InvoiceRange:
    """The invoices a shift issued, per series: first and last number and how many."""

    series: str
    first: str
    last: str
    count: int
    total_cents: int


def shift_invoices(session: Session, shift_id: int) -> list[InvoiceRange]:
    rows = session.execute(
        select(Invoice.series, func.min(Invoice.id), func.max(Invoice.id), func.count(), func.sum(Invoice.total_cents))
        .where(Invoice.shift_id == shift_id).group_by(Invoice.series).order_by(Invoice.series)).all()
    out = []
    for series, first_id, last_id, count, total in rows:
        first = session.get(Invoice, first_id)
        last = session.get(Invoice, last_id)
        assert first is not None and last is not None
        out.append(InvoiceRange(series, first.number, last.number, int(count), int(total or 0)))
    return out


# --- the chain ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainCheck:
    ok: bool
    records: int  # records checked (all of them when ok; up to the broken one otherwise)
    broken: str | None = None  # the number of the first record that fails
    problem: str | None = None


def verify(session: Session) -> ChainCheck:
    """Walk every record in chain order; the first whose huella, columns, chaining or numbering is wrong."""
    previous: dict[str, Any] | None = None
    next_seq: dict[tuple[str, int], int] = {}
    count = 0
    for row in session.scalars(select(Invoice).order_by(Invoice.id)):
        count += 1
        problem = _problem(row, previous, next_seq.get((row.series, row.year), 1))
        if problem is not None:
            return ChainCheck(False, count, row.number, problem)
        next_seq[(row.series, row.year)] = row.seq + 1
        previous = json.loads(row.record)
    return ChainCheck(True, count)


def _problem(row: Invoice, previous: dict[str, Any] | None, expected_seq: int) -> str | None:
    try:
        record = json.loads(row.record)
        recomputed = fiscal.record_huella(record)
    except (ValueError, KeyError, TypeError, AttributeError):
        return "its record is not a registration record any more (edited)"
    if recomputed != record.get("Huella") or row.huella != recomputed:
        return "its fingerprint (Huella) does not match its contents: the record was edited"
    stated = (record["IDFactura"]["NumSerieFactura"], record["TipoFactura"], record["ImporteTotal"],
              record["CuotaTotal"])
    if stated != (row.number, row.kind, fiscal.amount(row.total_cents), fiscal.amount(row.quota_cents)):
        return "its number, type or amounts differ from its registration record: the invoice was edited"
    chained = record.get("Encadenamiento")
    expected = {"PrimerRegistro": "S"} if previous is None else {"RegistroAnterior": _reference(previous)}
    if chained != expected:
        return "it does not chain to the record before it: a record was deleted, inserted or reordered"
    if row.seq != expected_seq or row.number != fiscal.invoice_number(row.series, row.year, row.seq):
        return f"its number should be {fiscal.invoice_number(row.series, row.year, expected_seq)}: a gap or reuse"
    return None


def _reference(record: dict[str, Any]) -> dict[str, str]:
    ref = fiscal.previous_of(record)
    return {"IDEmisorFactura": ref.nif, "NumSerieFactura": ref.number, "FechaExpedicionFactura": ref.date,
            "Huella": ref.huella}


EXPORT_FORMAT = "boxoffice-verifactu-records/1"


def export(session: Session) -> dict[str, Any]:
    """Every record in chain order, as JSON an inspector reads: ``{"RegistroAlta": {...}}`` per record, with
    the AEAT's field names."""
    rows = session.scalars(select(Invoice).order_by(Invoice.id))
    records = [{"RegistroAlta": json.loads(row.record), "submission": row.submission} for row in rows]
    return {"format": EXPORT_FORMAT, "exported_at": format_utc(utcnow()), "records": records}


# --- submission ----------------------------------------------------------------------------------------------

#: (url, JSON body, headers) -> HTTP status; requests.post by default.
Poster = Callable[[str, dict[str, Any], dict[str, str]], int]


@dataclass(frozen=True)
class Submission:
    sent: int
    pending: int
    error: str | None = None


def submit_pending(session_factory: sessionmaker[Session], url: str, post: Poster | None = None) -> Submission:
    """Send the pending records in chain order, each with its huella as the ``Idempotency-Key``; a record is
    marked sent in its own transaction once the endpoint said 2xx. The first failure stops the round (the
    chain's order is kept); what is left stays pending for the next one."""
    post = post or _post
    with session_factory() as session:
        pending = list(session.execute(select(Invoice.id, Invoice.record, Invoice.huella)
                                       .where(Invoice.submission == "pending").order_by(Invoice.id)))
    sent = 0
    for invoice_id, record, huella in pending:
        try:
            status = post(url, {"RegistroAlta": json.loads(record)}, {"Idempotency-Key": huella})
        except OSError as error:
            return Submission(sent, len(pending) - sent, f"the endpoint cannot be reached: {error}")
        if not 200 <= status < 300:
            return Submission(sent, len(pending) - sent, f"the endpoint answered {status}")
        with session_factory.begin() as session:
            session.execute(update(Invoice).where(Invoice.id == invoice_id, Invoice.submission == "pending")
                            .values(submission="sent", submitted_at=utcnow()))
        sent += 1
    return Submission(sent, 0)


def _post(url: str, body: dict[str, Any], headers: dict[str, str]) -> int:
    import requests

    try:
        return requests.post(url, json=body, headers=headers, timeout=(3, 10)).status_code
    except requests.RequestException as error:
        raise OSError(str(error)) from error


def db(session: Session) -> sqlite3.Connection:
    return driver_connection(session)
