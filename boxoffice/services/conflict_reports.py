"""What the platform's conflict feed stores: its rows in ``conflict_reports``, its cursor in ``sync_state``.

The feed is fetched by the transport (:mod:`boxoffice.sync.conflict_feed`), which hands each page here through
its book (:mod:`boxoffice.services.delivery` re-exports these functions). Each page is stored in one transaction
with the cursor, so a repeat stores nothing twice and the cursor never goes back. Nothing here touches a sale or a
seat: the supervisor reads the reports in the sync queue (:mod:`boxoffice.services.sync_queue`) and decides.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.store import sync_facts
from boxoffice.store.models import ConflictReport

log = logging.getLogger(__name__)


class ReportRow(Protocol):
    """One row of the feed (``sync.client.SyncConflict`` has these fields)."""

    conflict_id: int
    kind: str
    role: str
    event_id: str | None
    ticket_id: str | None
    purchase_code: str | None
    office_id: str | None
    other_channel: str | None
    other_office_id: str | None
    order_id: str | None
    detected_at: datetime | None


def read_cursor(session_factory: sessionmaker[Session]) -> int:
    """The last ``conflict_id`` stored (0 before the first)."""
    with session_factory() as session:
        return sync_facts.get_int(session, sync_facts.CONFLICTS_CURSOR)


def store_page(session_factory: sessionmaker[Session], rows: Sequence[ReportRow], cursor: int) -> int:
    """Store the rows not stored yet and move the cursor to ``cursor`` (never back), in one transaction; how
    many were new."""
    ids = [row.conflict_id for row in rows]
    with session_factory.begin() as session:
        known = set(session.scalars(select(ConflictReport.conflict_id).where(ConflictReport.conflict_id.in_(ids))))
        fresh = {row.conflict_id: row for row in rows if row.conflict_id not in known}
        for row in fresh.values():
            session.add(ConflictReport(
                conflict_id=row.conflict_id, kind=row.kind, role=row.role, event_id=row.event_id,
                ticket_id=row.ticket_id, purchase_code=row.purchase_code, office_id=row.office_id,
                other_channel=row.other_channel, other_office_id=row.other_office_id, order_id=row.order_id,
                detected_at=row.detected_at))
        stored = sync_facts.get_int(session, sync_facts.CONFLICTS_CURSOR)
        sync_facts.put(session, sync_facts.CONFLICTS_CURSOR, str(max(cursor, stored)))
    if fresh:
        log.warning("the platform reports %d new conflicts involving this office (see the sync queue)", len(fresh))
    return len(fresh)
