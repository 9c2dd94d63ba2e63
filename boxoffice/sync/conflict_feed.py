"""The platform's conflict feed: what other offices' sales did to ours, fetched so our supervisor learns of it.

The office whose seat another office sold sends nothing itself, so only this feed tells it
(``offline_office_sync_conflicts``, an extension of ours). Fetched after every delivery round that reached the
platform and after every pull. This module only fetches: the cursor is read from, and every page handed to, a
book (:mod:`boxoffice.services.conflict_reports`, re-exported by :mod:`boxoffice.services.delivery`, the
worker's book), which stores new rows in ``conflict_reports`` with the cursor, in one transaction, so a repeat
stores nothing twice. Nothing touches a sale or a seat: the supervisor reads the reports in the sync queue
(:mod:`boxoffice.services.sync_queue`) and decides.

The feed is a side road: a platform without it (404), an outage or a bad answer is logged and never fails the
delivery round or the pull that called it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.sync.client import CentralClient, SyncConflict
from boxoffice.sync.errors import CentralError

log = logging.getLogger(__name__)

#: pages asked for in one fetch (the platform answers up to 1,000 rows a page); the rest comes next time
MAX_PAGES = 10


class ConflictBook(Protocol):
    """The store side of the feed (:mod:`boxoffice.services.conflict_reports` is one): the cursor and each page."""

    def read_cursor(self, session_factory: sessionmaker[Session]) -> int: ...

    def store_page(self, session_factory: sessionmaker[Session], rows: Sequence[SyncConflict], cursor: int) -> int: ...


def fetch_new(client: CentralClient, session_factory: sessionmaker[Session], book: ConflictBook) -> int:
    """Fetch the conflicts after our cursor and have ``book`` store them; how many were new (0 also when the
    feed is missing)."""
    try:
        return _fetch(client, session_factory, book)
    except CentralError as exc:
        log.warning("could not fetch the platform's conflict list (%s); trying again after the next round", exc)
        return 0


def _fetch(client: CentralClient, session_factory: sessionmaker[Session], book: ConflictBook) -> int:
    cursor = book.read_cursor(session_factory)
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
        new += book.store_page(session_factory, page.rows, cursor)
    return new

