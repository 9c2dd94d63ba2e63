"""Helpers shared by the store tests (import as tests.unit.store.store_helpers)."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from boxoffice.store import migrate
from boxoffice.store.engine import make_engine

FIRST_REVISION = "00ba8882726e"
UTC_TEXT = "2025-03-01T18:30:00.000000Z"

#: The rows a version-1 terminal could hold, written with plain SQL as that version's code would have.
REV1_ROWS = f"""
INSERT INTO clerks (id, name, role, pin_hash, rfid, active, created_at)
    VALUES (1, 'Ana', 'supervisor', 'scrypt$16384$8$1$c2FsdA==$aGFzaA==', 'RFID-0001', 1, '{UTC_TEXT}');
INSERT INTO events (id, name, starts_at, venue, updated_at)
    VALUES ('EV1', 'Concierto', '2025-04-01T20:00:00.000000Z', 'Teatro', '{UTC_TEXT}');
INSERT INTO products (id, event_id, name, price_cents, zone, kind, components, active)
    VALUES ('P-GEN', 'EV1', 'General', 2500, 'GENERAL', 'ticket', NULL, 1);
INSERT INTO tickets (id, event_id, seat_id, row, zone, color, state, central_available, updated_at)
    VALUES ('EV1-0001', 'EV1', 'S1', 'A', 'GENERAL', '#FF0000', 'sold', 1, '{UTC_TEXT}'),
           ('EV1-0002', 'EV1', 'S2', 'A', 'GENERAL', '#FF0000', 'available', 1, '{UTC_TEXT}');
INSERT INTO shifts (id, clerk_id, opened_at, float_cents) VALUES (1, 1, '{UTC_TEXT}', 10000);
INSERT INTO sales (id, purchase_code, event_id, clerk_id, clerk_rfid, shift_id, total_cents, status,
                   created_at, delivery_state, training)
    VALUES (1, 'GJXS0LM6RYG37', 'EV1', 1, 'RFID-0001', 1, 2500, 'completed', '{UTC_TEXT}', 'pending', 0);
INSERT INTO sale_items (id, sale_id, item_code, position, product_id, description, quantity, unit_cents,
                        discount_cents, total_cents)
    VALUES (1, 1, 'GJXS0LM6RYG370000', 0, 'P-GEN', 'General', 1, 2500, 0, 2500);
INSERT INTO sale_tickets (id, sale_id, sale_status, sale_item_id, ticket_id, product_id, description, barcode,
                          price_cents)
    VALUES (1, 1, 'completed', 1, 'EV1-0001', 'P-GEN', 'General A-S1', 'GJXS0LM6RYG37XJX01', 2500);
INSERT INTO payments (id, sale_id, method, amount_cents, tendered_cents, change_cents, reference)
    VALUES (1, 1, 'cash', 2500, 5000, 2500, NULL);
INSERT INTO outbox (id, kind, subject, idempotency_key, payload, state, attempts, created_at)
    VALUES (1, 'sale', 'GJXS0LM6RYG37', 'sale-GJXS0LM6RYG37', '{{"code":"GJXS0LM6RYG37"}}', 'pending', 0,
            '{UTC_TEXT}');
INSERT INTO journal (seq, created_at, kind, actor, subject, payload, prev_hash, hash)
    VALUES (1, '{UTC_TEXT}', 'sale', 'Ana', 'GJXS0LM6RYG37', '{{"total_cents":2500}}', '{"0" * 64}',
            '{"a" * 64}');
"""

#: Tables REV1_ROWS fills, to compare every row before and after an upgrade.
REV1_TABLES = (
    "clerks", "events", "products", "tickets", "shifts", "sales", "sale_items", "sale_tickets", "payments",
    "outbox", "journal",
)


@dataclass(frozen=True)
class Fingerprint:
    """What must not change when the store refuses a file."""

    sha256: str
    size: int
    mtime_ns: int
    siblings: tuple[str, ...]


def fingerprint(path: Path) -> Fingerprint:
    stat = path.stat()
    return Fingerprint(
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        siblings=tuple(sorted(p.name for p in path.parent.iterdir())),
    )


def migrate_to(path: Path, revision: str) -> None:
    """Build a database at an old revision with the real migrations, as that version would have."""
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            migrate.upgrade(connection, revision)
    finally:
        engine.dispose()


def run_sql(path: Path, script: str, *, foreign_keys: bool = True) -> None:
    connection = sqlite3.connect(path)
    try:
        connection.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        connection.executescript(script)
        connection.commit()
    finally:
        connection.close()


def rows(path: Path, table: str, columns: str = "*", order: str = "rowid") -> list[tuple[object, ...]]:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return connection.execute(f"SELECT {columns} FROM {table} ORDER BY {order}").fetchall()
    finally:
        connection.close()
