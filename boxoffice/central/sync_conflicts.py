"""Conflicts between sides, kept for the supervisors of every office involved (an extension of ours).

A synchronised sale is always stored, but it never takes a ticket another side holds: another office's
assignment, a live online checkout, a free online ticket, or a seat another order already sold. Each time that
happens one :class:`~boxoffice.central.models.SyncConflict` row names the office whose sale ran into it and the
side holding the ticket; the same goes for a purchase code that two offices used. The seller sees the conflict in
its per-ticket result; the holder (the victim) did not send anything, so it asks:

``POST /offline_office_sync_conflicts`` with ``{"data": {"office_id": ..., "after_id": 0}}`` (office token for
its own office, or admin) lists the conflicts involving that office, oldest first, after ``after_id`` (a cursor:
pass the last ``conflict_id`` seen). Rows: ``conflict_id``, ``kind``, ``role`` (``seller``: this office's sale ran
into it; ``holder``: another office's sale named this office's ticket or code), ``event_id``, ``ticket_id``,
``purchase_code``, ``office_id`` (the seller), ``other_channel``, ``other_office_id``, ``order_id`` (only for the
seller: its own order), ``detected_at``. An office never sees another office's order id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, iso_utc
from boxoffice.central.functions import require_office
from boxoffice.central.models import SyncConflict
from boxoffice.central.validation import callable_data

MSG_CONFLICTS = "Conflictos encontrados"
PAGE = 1000

TICKET_CONFLICT = "ticket_conflict"
CODE_REUSED = "purchase_code_reused"


@dataclass(frozen=True)
class ConflictsRequest:
    office_id: str
    after_id: int


def parse_request(payload: Any) -> ConflictsRequest:
    data = callable_data(payload)
    office_id = data.identifier("office_id", what="an office id")
    after_id = data.integer("after_id", required=False, nullable=True, minimum=0, maximum=2**62) or 0
    assert office_id is not None
    return ConflictsRequest(office_id, after_id)


def office_scope(request: ConflictsRequest) -> list[tuple[str, str]]:
    return [(request.office_id, "data.office_id")]


def add(session: Session, now: datetime, *, kind: str, office_id: str, order_id: str | None,
        other_channel: str, event_id: str | None = None, ticket_id: str | None = None,
        purchase_code: str | None = None, other_office_id: str | None = None,
        other_order_id: str | None = None) -> int:
    """Record one conflict and return its id (given back to the seller as ``conflict_id``)."""
    row = SyncConflict(kind=kind, event_id=event_id, ticket_id=ticket_id, purchase_code=purchase_code,
                       office_id=office_id, order_id=order_id, other_channel=other_channel,
                       other_office_id=other_office_id, other_order_id=other_order_id, date_created=now)
    session.add(row)
    session.flush()
    return row.id


def view(row: SyncConflict, office_id: str) -> dict[str, Any]:
    """One conflict as ``office_id`` may see it."""
    seller = row.office_id == office_id
    return {"conflict_id": row.id, "kind": row.kind, "role": "seller" if seller else "holder",
            "event_id": row.event_id, "ticket_id": row.ticket_id, "purchase_code": row.purchase_code,
            "office_id": row.office_id, "other_channel": row.other_channel, "other_office_id": row.other_office_id,
            "order_id": row.order_id if seller else None, "detected_at": iso_utc(row.date_created)}


def list_conflicts(session: Session, request: ConflictsRequest, principal: Principal, now: datetime) -> ApiResult:
    require_office(session, request.office_id, "data.office_id")
    rows = session.scalars(
        select(SyncConflict).where(or_(SyncConflict.office_id == request.office_id,
                                       SyncConflict.other_office_id == request.office_id),
                                   SyncConflict.id > request.after_id)
        .order_by(SyncConflict.id).limit(PAGE))
    return ApiResult(200, MSG_CONFLICTS, {"response": [view(row, request.office_id) for row in rows]})
