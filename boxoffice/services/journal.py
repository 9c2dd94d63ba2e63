"""The hash-chained journal: every sale, void, return and supervisor action, appended in the same transaction.

Each entry's hash covers its sequence number, time, kind, actor, subject, exact payload text and the previous
entry's hash, so editing, deleting or reordering any entry breaks the chain from that point on. Sequence
numbers come from SQLite AUTOINCREMENT and are never reused, so a deleted entry leaves a gap even at the tail
once anything is appended after it; a deleted tail entry is caught by comparing the last entry with SQLite's
AUTOINCREMENT counter (``sqlite_sequence``, which only rolls back with its transaction), and :func:`verify`
also checks every sale has its journal entry.

The chain only proves the file agrees with itself: whoever can write it can recompute every hash, or cut the
tail and the counter. So :func:`verify` also takes *anchors*, heads kept outside this file (the platform's,
sent with each delivery, or the head of this terminal's last acknowledged delivery): each anchored entry must
still exist and still hash to what was anchored.

With a journal key (a secret in the OS keyring, :mod:`boxoffice.journal_signing`) every entry from the key's
``from_seq`` on also carries ``mac`` = HMAC-SHA256(key, hash): whoever can write the file but not read the keyring
cannot recompute a signed chain. The signer travels in the session's ``info`` (set on a store's session
factories), so a store opened without it (training, tests) simply writes unsigned entries.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from boxoffice.store.journal_head import JournalHead
from boxoffice.store.models import JournalEntry, Sale
from boxoffice.store.raw import driver_connection
from boxoffice.store.types import canonical_json, format_utc, utcnow

GENESIS = "0" * 64
#: How :class:`Anchor` names its source in a problem.
PLATFORM_ANCHOR = "the head the platform anchored"
ACKNOWLEDGED_ANCHOR = "the head of this terminal's last acknowledged delivery"
#: ``Session.info`` key of the :class:`Signer` a store's sessions carry.
SIGNER = "journal_signer"
#: Journal kinds that record a sale being made (a comp is a sale at zero price).
SALE_KINDS = ("sale", "comp")


@dataclass(frozen=True)
class Signer:
    """The terminal's journal key; entries numbered ``from_seq`` and later must carry its signature."""

    key: bytes
    from_seq: int

    def sign(self, entry_hash: str) -> str:
        return hmac.new(self.key, entry_hash.encode("ascii"), hashlib.sha256).hexdigest()

    def problem(self, entry: JournalEntry) -> str | None:
        """Why ``entry`` is not signed as it must be (None: it is, or it predates the key)."""
        if entry.seq < self.from_seq:
            return None
        if entry.mac is None:
            return "is not signed with this terminal's journal key: written or rewritten without the key"
        if not hmac.compare_digest(entry.mac, self.sign(entry.hash)):
            return "does not carry this terminal's journal signature: rewritten without the key"
        return None


def _digest(entry: JournalEntry | AppendedEntry) -> str:
    parts = [str(entry.seq), format_utc(entry.created_at), entry.kind, entry.actor or "", entry.subject or "",
             entry.payload, entry.prev_hash]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(slots=True)
class AppendedEntry:
    """An entry just written by :func:`append` (the columns of :class:`JournalEntry`, without an ORM object:
    building one cost more than the INSERT, and a sale appends one)."""

    seq: int
    kind: str
    actor: str | None
    subject: str | None
    payload: str
    prev_hash: str
    created_at: datetime
    hash: str = ""
    mac: str | None = None


# Plain SQL on the session's connection (boxoffice.store.raw): a sale appends an entry, and SQLAlchemy's
# per-statement work cost more than the three statements themselves.
_COLUMNS = ("seq", "created_at", "kind", "actor", "subject", "payload", "prev_hash", "hash", "mac")
_LAST_SQL = "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"
_COUNTER_SQL = "SELECT seq FROM sqlite_sequence WHERE name = 'journal'"
_INSERT_SQL = f"INSERT INTO journal ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})"


def append(session: Session, kind: str, payload: dict[str, Any], *, actor: str | None = None,
           subject: str | None = None) -> AppendedEntry:
    """Append one entry; call inside the transaction that does the thing it records.

    One INSERT with the number and hash already in it (not an INSERT, then an UPDATE once SQLite numbered it):
    the write transaction holds the database lock, so the number is AUTOINCREMENT's own rule, one past both the
    counter and the last entry (a deleted tail entry's number is never reused).
    """
    db = driver_connection(session)
    last = db.execute(_LAST_SQL).fetchone()
    counter = db.execute(_COUNTER_SQL).fetchone()
    entry = AppendedEntry(seq=max(int(counter[0]) if counter else 0, last[0] if last else 0) + 1, kind=kind,
                          actor=actor, subject=subject, payload=canonical_json(payload),
                          prev_hash=last[1] if last else GENESIS, created_at=utcnow())
    entry.hash = _digest(entry)
    signer: Signer | None = session.info.get(SIGNER)
    entry.mac = signer.sign(entry.hash) if signer is not None and entry.seq >= signer.from_seq else None
    db.execute(_INSERT_SQL, (entry.seq, format_utc(entry.created_at), entry.kind, entry.actor, entry.subject,
                             entry.payload, entry.prev_hash, entry.hash, entry.mac))
    return entry  # the row is written; callers read its seq, hash and time


@dataclass(frozen=True)
class Anchor:
    """A head kept outside the file; ``source`` names it in a problem ("the head the platform anchored")."""

    head: JournalHead
    source: str

    def describe(self) -> str:
        when = f", {format_utc(self.head.at)}" if self.head.at else ""
        return f"{self.source} (entry {self.head.seq}{when})"


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    entries: int
    problem: str | None = None
    first_bad_seq: int | None = None
    anchors_checked: int = 0


def verify(session: Session, anchors: Sequence[Anchor] = ()) -> VerifyResult:
    """Walk the chain in order; report the first entry that was edited, deleted or reordered, that no longer
    matches an anchored head (the chain recomputed, or the tail cut with its counter), or that lacks the journal
    key's signature (when the session carries the key)."""
    signer: Signer | None = session.info.get(SIGNER)
    by_seq: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        by_seq.setdefault(anchor.head.seq, []).append(anchor)
    checked = len({(a.head.seq, a.head.hash) for a in anchors})
    previous_hash = GENESIS
    expected_seq = 1
    count = 0
    journaled_sales: set[str] = set()
    for entry in session.scalars(select(JournalEntry).order_by(JournalEntry.seq)):
        count += 1
        if entry.seq != expected_seq:
            return VerifyResult(False, count, f"entry {expected_seq} is missing (deleted): the journal jumps "
                                f"from {expected_seq - 1} to {entry.seq}", expected_seq, checked)
        if entry.prev_hash != previous_hash:
            return VerifyResult(False, count, f"entry {entry.seq} does not follow entry {entry.seq - 1} "
                                "(deleted or reordered)", entry.seq, checked)
        if entry.hash != _digest(entry):
            return VerifyResult(False, count, f"entry {entry.seq} ({entry.kind} {entry.subject or ''}) was "
                                "edited after it was written", entry.seq, checked)
        unsigned = signer.problem(entry) if signer is not None else None
        if unsigned is not None:
            return VerifyResult(False, count, f"entry {entry.seq} ({entry.kind} {entry.subject or ''}) {unsigned}",
                                entry.seq, checked)
        for anchor in by_seq.get(entry.seq, ()):
            if anchor.head.hash != entry.hash:
                return VerifyResult(False, count, f"entry {entry.seq} ({entry.kind} {entry.subject or ''}) does "
                                    f"not match {anchor.describe()}: the journal up to there was rewritten and "
                                    "its chain recomputed", entry.seq, checked)
        if entry.kind in SALE_KINDS and entry.subject:
            journaled_sales.add(entry.subject)
        previous_hash = entry.hash
        expected_seq += 1
    last_written = session.scalar(text("SELECT seq FROM sqlite_sequence WHERE name = :name"),
                                  {"name": JournalEntry.__tablename__})
    if last_written is not None and int(last_written) >= expected_seq:
        return VerifyResult(False, count, f"entry {expected_seq} is missing (deleted): the journal ends at entry "
                            f"{expected_seq - 1} but entries up to {last_written} were written", expected_seq,
                            checked)
    beyond = max((a for a in anchors if a.head.seq >= expected_seq), key=lambda a: a.head.seq, default=None)
    if beyond is not None:
        return VerifyResult(False, count, f"entry {expected_seq} is missing (deleted): the journal ends at entry "
                            f"{expected_seq - 1}, before {beyond.describe()}", expected_seq, checked)
    for code in session.scalars(select(Sale.purchase_code).where(Sale.training.is_(False))):
        if code not in journaled_sales:
            return VerifyResult(False, count, f"entry {expected_seq}: sale {code} has no journal entry (the "
                                "journal's tail was deleted or the sale was written behind its back)", expected_seq,
                                checked)
    return VerifyResult(True, count, anchors_checked=checked)
