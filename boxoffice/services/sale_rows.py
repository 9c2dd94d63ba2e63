"""What a sale reads and writes, as prepared SQL on the session's SQLite connection (:mod:`boxoffice.store.raw`).

:func:`boxoffice.services.sales.sell` keeps every rule; this module only moves rows. The rows come back as small
slotted records with the attribute names of the models (``Ticket.seat_id``, ``Product.price_cents`` …), so the
rules read them as they would read the models, without the ORM's identity map and result processing, which
cost more than the sale's SQL itself. Written values are what the column types would store: aware UTC times as
:func:`~boxoffice.store.types.format_utc` text, JSON as canonical text, booleans as 0/1.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from boxoffice.store.raw import driver_connection
from boxoffice.store.types import canonical_json, format_utc, parse_utc


@dataclass(frozen=True, slots=True)
class EventRow:
    id: str
    name: str


@dataclass(frozen=True, slots=True)
class ClerkRow:
    id: int
    name: str
    role: str
    active: bool
    rfid: str | None


@dataclass(frozen=True, slots=True)
class ProductRow:
    id: str
    event_id: str
    name: str
    price_cents: int
    zone: str | None
    kind: str
    components: list[dict[str, Any]] | None
    active: bool
    sale_start: datetime | None = None
    sale_end: datetime | None = None
    visibility: str = "public"


@dataclass(frozen=True, slots=True)
class TicketRow:
    id: str
    event_id: str
    seat_id: str
    row: str | None
    zone: str
    color: str
    state: str


_EVENT = "SELECT id, name FROM events WHERE id = ?"
_CLERK = "SELECT id, name, role, active, rfid FROM clerks WHERE id = ?"
_OPEN_SHIFT = "SELECT id FROM shifts WHERE closed_at IS NULL ORDER BY id DESC LIMIT 1"
_PRODUCTS = ("SELECT id, event_id, name, price_cents, zone, kind, components, active, sale_start, sale_end, "
             "visibility FROM products "
             "WHERE event_id = ?")
_TICKET_COLUMNS = "id, event_id, seat_id, row, zone, color, state"
_INSERT_SALE = ("INSERT INTO sales (purchase_code, event_id, clerk_id, shift_id, clerk_rfid, customer_id, "
                "customer_name, total_cents, status, created_at, delivery_state, notes, comp_reason, training) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'completed', ?, 'pending', ?, ?, ?)")
_INSERT_ITEM = ("INSERT INTO sale_items (sale_id, item_code, position, product_id, description, quantity, "
                "unit_cents, discount_cents, total_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
_INSERT_TICKET = ("INSERT INTO sale_tickets (sale_id, sale_status, sale_item_id, ticket_id, product_id, "
                  "description, barcode, price_cents) VALUES (?, 'completed', ?, ?, ?, ?, ?, ?)")
_INSERT_PAYMENT = ("INSERT INTO payments (sale_id, method, amount_cents, change_cents, tendered_cents, reference) "
                   "VALUES (?, ?, ?, ?, ?, ?)")
_INSERT_OUTBOX = ("INSERT INTO outbox (kind, subject, idempotency_key, payload, state, attempts, created_at) "
                  "VALUES (?, ?, ?, ?, 'pending', 0, ?)")


def db(session: Session) -> sqlite3.Connection:
    """The session's SQLite connection: fetch it once per sale and pass it to the functions below."""
    return driver_connection(session)


def event(db: sqlite3.Connection, event_id: str) -> EventRow | None:
    found = db.execute(_EVENT, (event_id,)).fetchone()
    return EventRow(*found) if found else None


def clerk(db: sqlite3.Connection, clerk_id: int) -> ClerkRow | None:
    found = db.execute(_CLERK, (clerk_id,)).fetchone()
    return ClerkRow(found[0], found[1], found[2], bool(found[3]), found[4]) if found else None


def open_shift_id(db: sqlite3.Connection) -> int | None:
    found = db.execute(_OPEN_SHIFT).fetchone()
    return found[0] if found else None


def products(db: sqlite3.Connection, event_id: str) -> dict[str, ProductRow]:
    return {row[0]: ProductRow(row[0], row[1], row[2], row[3], row[4], row[5],
                               json.loads(row[6]) if row[6] is not None else None, bool(row[7]),
                               parse_utc(row[8]) if row[8] else None, parse_utc(row[9]) if row[9] else None,
                               row[10] or "public")
            for row in db.execute(_PRODUCTS, (event_id,))}


def tickets_by_id(db: sqlite3.Connection, ticket_ids: Sequence[str]) -> dict[str, TicketRow]:
    marks = ", ".join("?" * len(ticket_ids))
    rows = db.execute(f"SELECT {_TICKET_COLUMNS} FROM tickets WHERE id IN ({marks})", tuple(ticket_ids))
    return {row[0]: TicketRow(*row) for row in rows}


def tickets_by_rowid(db: sqlite3.Connection, rowids: Sequence[int]) -> list[TicketRow]:
    """The tickets of ``rowids``, in that order."""
    marks = ", ".join("?" * len(rowids))
    rows = db.execute(f"SELECT rowid, {_TICKET_COLUMNS} FROM tickets WHERE rowid IN ({marks})",
                               tuple(rowids))
    found = {row[0]: TicketRow(*row[1:]) for row in rows}
    return [found[rowid] for rowid in rowids]


def rowids_of(db: sqlite3.Connection, ticket_ids: Iterable[str]) -> set[int]:
    ids = tuple(ticket_ids)
    marks = ", ".join("?" * len(ids))
    return {row[0] for row in db.execute(f"SELECT rowid FROM tickets WHERE id IN ({marks})", ids)}


def take_seats(db: sqlite3.Connection, ticket_ids: Sequence[str], now: datetime) -> set[str]:
    """Flip ``available`` -> ``sold``; returns the ids this UPDATE flipped (another sale may have taken some)."""
    marks = ", ".join("?" * len(ticket_ids))
    rows = db.execute(f"UPDATE tickets SET state = 'sold', updated_at = ? WHERE id IN ({marks}) "
                               "AND state = 'available' RETURNING id", (format_utc(now), *ticket_ids))
    return {row[0] for row in rows}


def insert_sale(db: sqlite3.Connection, *, purchase_code: str, event_id: str, clerk_id: int | None,
                shift_id: int | None, clerk_rfid: str | None, customer_id: str | None, customer_name: str | None,
                total_cents: int, created_at: datetime, notes: str | None, comp_reason: str | None,
                training: bool) -> int:
    cursor = db.execute(_INSERT_SALE, (
        purchase_code, event_id, clerk_id, shift_id, clerk_rfid, customer_id, customer_name, total_cents,
        format_utc(created_at), notes, comp_reason, int(training)))
    return int(cursor.lastrowid or 0)


def insert_item(db: sqlite3.Connection, sale_id: int, position: int, item: dict[str, Any]) -> int:
    cursor = db.execute(_INSERT_ITEM, (
        sale_id, item["item_code"], position, item["product_id"], item["description"], item["quantity"],
        item["unit_cents"], item["discount_cents"], item["total_cents"]))
    return int(cursor.lastrowid or 0)


def insert_tickets(db: sqlite3.Connection, rows: Sequence[dict[str, Any]]) -> None:
    db.executemany(_INSERT_TICKET, [
        (r["sale_id"], r["sale_item_id"], r["ticket_id"], r["product_id"], r["description"], r["barcode"],
         r["price_cents"]) for r in rows])


def insert_payments(db: sqlite3.Connection, sale_id: int, payments: Sequence[dict[str, Any]]) -> None:
    db.executemany(_INSERT_PAYMENT, [
        (sale_id, p["method"], p["amount_cents"], p["change_cents"], p["tendered_cents"], p["reference"])
        for p in payments])


def insert_outbox(db: sqlite3.Connection, kind: str, subject: str, idempotency_key: str, payload: dict[str, Any],
                  created_at: datetime) -> None:
    db.execute(_INSERT_OUTBOX, (kind, subject, idempotency_key, canonical_json(payload),
                                         format_utc(created_at)))
