"""A point of the sale journal's hash chain, as the store reads it and the transport sends it: kept out of the store
(``store/journal_head.py`` reads and writes it) so that ``sync/`` imports no store module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class JournalHead:
    """One point of the chain: entry ``seq`` has ``hash``; ``at`` is when it was anchored (if known)."""

    seq: int
    hash: str
    at: datetime | None = None

    def wire(self, office_id: str, terminal_id: str) -> dict[str, str | int]:
        """The ``journal_head`` extension field of a synchronisation request."""
        return {"office_id": office_id, "terminal_id": terminal_id, "seq": self.seq, "hash": self.hash}
