"""What the platform keeps of this terminal's journal heads (the ``offline_office_journal_anchor`` extension).

Every anchored head is fetched, not only the last: a journal rewritten and then synced again has a new, higher
head the platform cannot tell from an honest one, but the older anchors it kept no longer match the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from boxoffice.core.journal_head import JournalHead
from boxoffice.core.utc import parse_utc
from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import ProtocolError

ENDPOINT = "offline_office_journal_anchor"
MAX_PAGES = 10_000  # 10 million anchored heads: a guard against a platform that always says "more"
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Evidence:
    """A head the platform refused to anchor: ``lower`` or ``fork`` (see boxoffice.central.journal_anchors)."""

    seq: int
    hash: str
    verdict: str
    anchored_seq: int | None
    received_at: str | None


@dataclass(frozen=True)
class PlatformAnchors:
    last: JournalHead | None
    anchors: list[JournalHead] = field(default_factory=list)
    evidence_count: int = 0
    evidence: list[Evidence] = field(default_factory=list)


def _head(row: Any) -> JournalHead:
    if not isinstance(row, dict):
        raise ProtocolError(ENDPOINT, "an anchored head should be an object")
    seq, digest, at = row.get("seq"), row.get("hash"), row.get("anchored_at")
    if isinstance(seq, bool) or not isinstance(seq, int) or not isinstance(digest, str) or not _HASH.fullmatch(digest):
        raise ProtocolError(ENDPOINT, f"an anchored head needs an integer seq and a SHA-256 hash, got {row!r:.120}")
    try:
        when = parse_utc(at) if isinstance(at, str) else None
    except ValueError:
        when = None
    return JournalHead(seq, digest, when)


def _evidence(row: Any) -> Evidence:
    if not isinstance(row, dict) or not isinstance(row.get("seq"), int) or not isinstance(row.get("verdict"), str):
        raise ProtocolError(ENDPOINT, "an evidence row needs an integer seq and a verdict")
    anchored = row.get("anchored_seq")
    return Evidence(row["seq"], str(row.get("hash") or ""), row["verdict"],
                    anchored if isinstance(anchored, int) else None,
                    row.get("received_at") if isinstance(row.get("received_at"), str) else None)


def fetch(client: CentralClient, terminal_id: str) -> PlatformAnchors:
    """Every head the platform anchored for ``terminal_id`` (oldest first), page by page."""
    anchors: list[JournalHead] = []
    data: dict[str, Any] = {}
    after = 0
    for _ in range(MAX_PAGES):
        data = client.journal_anchor(terminal_id, after)
        page = data.get("anchors")
        if not isinstance(page, list):
            raise ProtocolError(ENDPOINT, "answer has no anchors list")
        heads = [_head(row) for row in page]
        if any(later <= earlier for earlier, later in pairwise([after, *(h.seq for h in heads)])):
            raise ProtocolError(ENDPOINT, "anchors are not in ascending order")
        anchors += heads
        if not data.get("more") or not heads:
            break
        after = heads[-1].seq
    last = data.get("anchor")
    evidence = data.get("evidence") or []
    if not isinstance(evidence, list):
        raise ProtocolError(ENDPOINT, "evidence should be a list")
    count = data.get("evidence_count")
    return PlatformAnchors(_head(last) if last is not None else None, anchors,
                           count if isinstance(count, int) and not isinstance(count, bool) else len(evidence),
                           [_evidence(row) for row in evidence])
