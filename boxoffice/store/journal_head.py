"""The journal's head (last sequence number + hash) and the last head the platform acknowledged.

The head travels with every delivery so the platform keeps an anchor outside this database (issue #12 point 7):
a journal rewritten or cut short here no longer matches what the platform was sent. The acknowledged head is
kept in ``sync_state`` so ``journal verify`` still has something to check against when the platform is out of
reach. Plain queries over the store's models, shared by the delivery worker (sync) and the verifier (services).
"""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.core.journal_head import JournalHead
from boxoffice.store.models import JournalEntry, SyncState
from boxoffice.store.types import format_utc, parse_utc, utcnow

__all__ = ["ACKNOWLEDGED", "JournalHead", "acknowledged", "read_head", "record_acknowledged"]

#: ``sync_state`` key of the last head a delivery carried to the platform and the platform accepted.
ACKNOWLEDGED = "journal_acknowledged_head"


def read_head(session: Session) -> JournalHead | None:
    """The last entry's sequence and hash (None for an empty journal); read it in the batch's transaction."""
    row = session.execute(select(JournalEntry.seq, JournalEntry.hash).order_by(JournalEntry.seq.desc())
                          .limit(1)).first()
    return JournalHead(int(row.seq), str(row.hash)) if row is not None else None


def acknowledged(session: Session) -> JournalHead | None:
    """The last head this terminal recorded as accepted by the platform (None: none yet, or unreadable)."""
    row = session.get(SyncState, ACKNOWLEDGED)
    if row is None:
        return None
    try:
        data = json.loads(row.value)
        return JournalHead(int(data["seq"]), str(data["hash"]), parse_utc(data["at"]) if data.get("at") else None)
    except (ValueError, KeyError, TypeError):
        # a doctored value is itself suspicious: verify reports "no acknowledged head" rather than crashing
        return None


def record_acknowledged(session: Session, head: JournalHead) -> bool:
    """Remember ``head`` as accepted by the platform; True when it moved the acknowledged head forward.

    Never lowered, and never moved past a journal that no longer holds the previous acknowledged head (a
    journal rewritten since then keeps the old, contradicting, head here so ``journal verify`` sees it).
    """
    current = acknowledged(session)
    if current is not None:
        if head.seq <= current.seq:
            return False
        if session.scalar(select(JournalEntry.hash).where(JournalEntry.seq == current.seq)) != current.hash:
            return False
    value = json.dumps({"seq": head.seq, "hash": head.hash, "at": format_utc(utcnow())})
    row = session.get(SyncState, ACKNOWLEDGED)
    if row is None:
        session.add(SyncState(key=ACKNOWLEDGED, value=value, updated_at=utcnow()))
    else:
        row.value, row.updated_at = value, utcnow()
    return True
