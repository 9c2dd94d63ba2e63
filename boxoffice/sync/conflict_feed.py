"""The platform's conflict feed: what other offices' sales did to ours, fetched so our supervisor learns of it.

The office whose seat another office sold sends nothing itself, so only this feed tells it
(``offline_office_sync_conflicts``, an extension of ours). Fetched after every delivery round that reached the
platform and after every pull; new rows are stored in ``conflict_reports`` with the cursor in ``sync_state``, in
one transaction, so a repeat stores nothing twice. Nothing here touches a sale or a seat: the supervisor reads the
reports in the sync queue (:mod:`boxoffice.services.sync_queue`) and decides.

The feed is a side road: a platform without it (404), an outage or a bad answer is logged and never fails the
delivery round or the pull that called it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.store.models import ConflictReport
from boxoffice.sync import state
from boxoffice.sync.client import CentralClient, SyncConflict
from boxoffice.sync.errors import CentralError

log = logging.getLogger(__name__)

#: pages asked for in one fetch (the platform answers up to 1,000 rows a page); the rest comes next time
MAX_PAGES = 10


def fetch_new(client: CentralClient, session_factory: sessionmaker[Session]) -> int:
    """Fetch and store the conflicts after our cursor; how many were new (0 also when the feed is missing)."""
    try:
        return _fetch(client, session_factory)
    except CentralError as exc:
        log.warning("could not fetch the platform's conflict list (%s); trying again after the next round", exc)
        return 0


def _fetch(client: CentralClient, session_factory: sessionmaker[Session]) -> int:
    with session_factory() as session:
        cursor = state.get_int(session, state.CONFLICTS_CURSOR)
    new = 0
    for _ in range(MAX_PAGES):
        page = client.sync_conflicts(cursor)
        if page is None:
            log.debug("the platform has no conflict list (it implements only the spec)")
            return new
        for reason in page.refused:
            log.warning("a conflict the platform reported was left out: %s", reason)
        if page.last_id is None or page.last_id <= cursor:  # nothing more (or a platform ignoring the cursor)
            return new
        cursor = page.last_id
        new += _store(session_factory, page.rows, cursor)
    return new


def _store(session_factory: sessionmaker[Session], rows: Sequence[SyncConflict], cursor: int) -> int:
    """Store the rows not stored yet and move the cursor to ``cursor``, in one transaction."""
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
        state.put(session, state.CONFLICTS_CURSOR, str(max(cursor, state.get_int(session, state.CONFLICTS_CURSOR))))
    if fresh:
        log.warning("the platform reports %d new conflicts involving this office (see the sync queue)", len(fresh))
    return len(fresh)
