"""What someone who can write a terminal's SQLite file can do to its journal without breaking the chain.

Both attacks leave a chain that verifies on its own (the hole issue #12 point 7 names): a rewrite shows only in
the signatures (unless the attacker can read the journal key too) and against the platform's anchors, an erased
tail only against the anchors. The hash algorithm is no secret (it is in the source), so the tests use it too.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from boxoffice.services import journal
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry


def rewrite(store: Store, seq: int, edit: Callable[[JournalEntry], None], *, resign: bool = False) -> None:
    """Edit entry ``seq`` with ``edit``, then recompute every hash and link from there to the end; with
    ``resign``, also every signature, as someone who can read this terminal's journal key in the keyring could."""
    with store.session_factory.begin() as session:
        signer = session.info.get(journal.SIGNER) if resign else None
        entries = list(session.scalars(select(JournalEntry).where(JournalEntry.seq >= seq - 1)
                                       .order_by(JournalEntry.seq)))
        previous = entries[0].hash if entries[0].seq < seq else journal.GENESIS
        for entry in entries:
            if entry.seq < seq:
                continue
            if entry.seq == seq:
                edit(entry)
            entry.prev_hash = previous
            entry.hash = journal._digest(entry)
            if signer is not None and entry.seq >= signer.from_seq:
                entry.mac = signer.sign(entry.hash)
            previous = entry.hash


def erase_sales_after(path: Path, keep: int) -> list[str]:
    """Delete every journal entry after ``keep`` and every sale they record (rows, payments, outbox), put the
    seats back on sale and wind the AUTOINCREMENT counter back: the purchase codes erased."""
    db = sqlite3.connect(path)
    try:
        with db:
            codes = [code for (code,) in db.execute(
                "SELECT subject FROM journal WHERE seq > ? AND kind IN ('sale', 'comp')", (keep,))]
            for code in codes:
                (sale_id,) = db.execute("SELECT id FROM sales WHERE purchase_code = ?", (code,)).fetchone()
                tickets = [t for (t,) in db.execute("SELECT ticket_id FROM sale_tickets WHERE sale_id = ?",
                                                    (sale_id,))]
                db.executemany("UPDATE tickets SET state = 'available' WHERE id = ?", [(t,) for t in tickets])
                for table in ("payments", "sale_tickets", "sale_items"):
                    db.execute(f"DELETE FROM {table} WHERE sale_id = ?", (sale_id,))
                db.execute("DELETE FROM sales WHERE id = ?", (sale_id,))
                db.execute("DELETE FROM outbox WHERE subject = ?", (code,))
            db.execute("DELETE FROM journal WHERE seq > ?", (keep,))
            db.execute("UPDATE sqlite_sequence SET seq = ? WHERE name = 'journal'", (keep,))
    finally:
        db.close()
    return codes
