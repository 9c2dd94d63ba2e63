"""Journal anchors (an extension of ours): the heads of each terminal's hash-chained journal, kept here.

A terminal's journal lives in a file anyone at the window could rewrite; the chain alone only proves the file is
consistent with itself. So every synchronisation request may carry ``data.journal_head`` = ``{office_id,
terminal_id, seq, hash}`` (a platform that implements only the spec ignores it; requests without it are fine),
and the platform keeps what it was sent, append-only:

* a head beyond the terminal's anchored one becomes its new anchor (``anchored``);
* the anchored head again, or an older head it already anchored, changes nothing (a retry or a late request);
* anything else cannot come from an untouched journal and is recorded as evidence: ``lower`` (below the anchor,
  a sequence never anchored) or ``fork`` (the sequence of an anchored head with another hash). The anchor
  itself is never lowered.

``offline_office_journal_anchor`` gives an office the anchored heads of one of its terminals (oldest first, in
pages) and the evidence, so ``boxoffice journal verify`` can check its file against every head it ever sent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from boxoffice.central import extensions
from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput, iso_utc
from boxoffice.central.functions import require_office
from boxoffice.central.models import JournalAnchor
from boxoffice.central.validation import Fields, callable_data

ENDPOINT = "offline_office_journal_anchor"
MSG_ANCHOR = "Cabeza del diario anclada"
ANCHORED, LOWER, FORK = "anchored", "lower", "fork"
PAGE = 1000
EVIDENCE_SHOWN = 20
MAX_SEQ = 2**63 - 1
_HASH = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class HeadIn:
    office_id: str
    terminal_id: str
    seq: int
    hash: str


def parse_head(data: Fields, key: str = "journal_head") -> HeadIn | None:
    """The optional ``journal_head`` of a synchronisation request (400 naming the field when malformed)."""
    if ENDPOINT in extensions.switched_off():
        return None  # like a platform that implements only the spec: an unknown field, ignored
    head = data.object(key, required=False)
    if head is None:
        return None
    office_id = head.identifier("office_id", what="an office id")
    terminal_id = head.identifier("terminal_id", what="a terminal id")
    seq = head.integer("seq", minimum=1, maximum=MAX_SEQ, what="a journal sequence number")
    digest = head.string("hash", max_length=64, what="a SHA-256 hex digest")
    if digest is None or not _HASH.fullmatch(digest):
        raise BadInput(head.at("hash"), f"{head.at('hash')} must be 64 lowercase hexadecimal characters")
    assert office_id is not None and terminal_id is not None and seq is not None
    return HeadIn(office_id, terminal_id, seq, digest)


def head_scope(head: HeadIn | None, field: str = "data.journal_head.office_id") -> list[tuple[str, str]]:
    return [(head.office_id, field)] if head is not None else []


def _lock_terminal(session: Session, office_id: str, terminal_id: str) -> None:
    """Serialise heads of one terminal (SQLite writers are serialised already; PostgreSQL needs a lock)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                        {"key": f"journal_anchor\x1f{office_id}\x1f{terminal_id}"})


def _anchored(office_id: str, terminal_id: str) -> Any:
    return select(JournalAnchor).where(JournalAnchor.office_id == office_id, JournalAnchor.terminal_id == terminal_id,
                                       JournalAnchor.verdict == ANCHORED)


def last_anchor(session: Session, office_id: str, terminal_id: str) -> JournalAnchor | None:
    return session.scalars(_anchored(office_id, terminal_id)
                           .order_by(JournalAnchor.seq.desc()).limit(1)).first()


def record(session: Session, head: HeadIn | None, now: datetime) -> str | None:
    """Keep ``head``; the verdict written (``anchored``, ``lower``, ``fork``), or None when nothing was new."""
    if head is None:
        return None
    require_office(session, head.office_id, "data.journal_head.office_id")
    _lock_terminal(session, head.office_id, head.terminal_id)
    last = last_anchor(session, head.office_id, head.terminal_id)
    if last is not None and head.seq <= last.seq:
        same_seq = last if head.seq == last.seq else session.scalars(
            _anchored(head.office_id, head.terminal_id).where(JournalAnchor.seq == head.seq)).first()
        if same_seq is not None and same_seq.hash == head.hash:
            return None  # a retry, or a request that was overtaken by a later one
        verdict = FORK if same_seq is not None else LOWER
        seen = session.scalar(select(func.count()).select_from(JournalAnchor).where(
            JournalAnchor.office_id == head.office_id, JournalAnchor.terminal_id == head.terminal_id,
            JournalAnchor.seq == head.seq, JournalAnchor.hash == head.hash))
        if seen:
            return None  # the same evidence again: it is on record once
    else:
        verdict = ANCHORED
    session.add(JournalAnchor(office_id=head.office_id, terminal_id=head.terminal_id, seq=head.seq,
                              hash=head.hash, verdict=verdict, anchored_seq=last.seq if last else None,
                              date_created=now))
    session.flush()
    return verdict


# -- the extension endpoint -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnchorRequest:
    office_id: str
    terminal_id: str
    after_seq: int


def parse_request(payload: Any) -> AnchorRequest:
    data = callable_data(payload)
    office_id = data.identifier("office_id", what="an office id")
    terminal_id = data.identifier("terminal_id", what="a terminal id")
    after_seq = data.integer("after_seq", required=False, minimum=0, maximum=MAX_SEQ,
                             what="a journal sequence number") or 0
    assert office_id is not None and terminal_id is not None
    return AnchorRequest(office_id, terminal_id, after_seq)


def office_scope(request: AnchorRequest) -> list[tuple[str, str]]:
    return [(request.office_id, "data.office_id")]


def _row(anchor: JournalAnchor) -> dict[str, Any]:
    return {"seq": anchor.seq, "hash": anchor.hash, "anchored_at": iso_utc(anchor.date_created)}


def show(session: Session, request: AnchorRequest, _principal: Principal, _now: datetime) -> ApiResult:
    """The terminal's last anchored head, its anchored heads after ``after_seq`` (a page) and the evidence."""
    require_office(session, request.office_id, "data.office_id")
    last = last_anchor(session, request.office_id, request.terminal_id)
    page = list(session.scalars(_anchored(request.office_id, request.terminal_id)
                                .where(JournalAnchor.seq > request.after_seq)
                                .order_by(JournalAnchor.seq).limit(PAGE + 1)))
    evidence_query = select(JournalAnchor).where(
        JournalAnchor.office_id == request.office_id, JournalAnchor.terminal_id == request.terminal_id,
        JournalAnchor.verdict != ANCHORED)
    evidence_count = session.scalar(select(func.count()).select_from(evidence_query.subquery())) or 0
    evidence = session.scalars(evidence_query.order_by(JournalAnchor.id.desc()).limit(EVIDENCE_SHOWN))
    return ApiResult(200, MSG_ANCHOR, {
        "office_id": request.office_id, "terminal_id": request.terminal_id,
        "anchor": _row(last) if last is not None else None,
        "anchors": [_row(a) for a in page[:PAGE]], "more": len(page) > PAGE,
        "evidence_count": int(evidence_count),
        "evidence": [{"seq": e.seq, "hash": e.hash, "verdict": e.verdict, "anchored_seq": e.anchored_seq,
                      "received_at": iso_utc(e.date_created)} for e in evidence],
    })
