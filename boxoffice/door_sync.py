"""Door sync: send the entries this door admitted (each once), then refresh the event's door snapshot.

Orchestration beside :mod:`boxoffice.inventory_pull`: the transport (:mod:`boxoffice.sync.door_client`) talks to
the central, the service (:mod:`boxoffice.services.door_snapshot`) decides what the store keeps. Entries go up
before the snapshot comes down, so the snapshot already holds them (recognised by their scan ids) and holds the
other doors' entries too: from then on this door says "already entered at HH:MM at door X" for them.

Exactly once: a scan's id is the central's idempotency key for it; a scan is marked sent only when the central
answers ``recorded`` or ``duplicate``, so a lost answer means it is sent again and counted once. A scan of a
ticket the central does not know yet (its window sale not synchronised) stays pending for the next round.
The window's door check runs a round at open and every ``[door] sync_seconds`` on the network thread
(:func:`door_syncer`); ``boxoffice door sync`` does one round.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.services.door_snapshot import SnapshotReport, mark_uploaded, pending_uploads, replace_snapshot
from boxoffice.sync.client import CentralClient
from boxoffice.sync.door_client import DUPLICATE, RECORDED, UNKNOWN, UploadItem, fetch_snapshot, upload_check_ins

log = logging.getLogger(__name__)

BATCH = 500


@dataclass(frozen=True)
class DoorSyncReport:
    event_id: str
    sent: int  # entries the central now has (recorded or already had)
    waiting: int  # entries of tickets the central does not know yet (sent again next time)
    flagged: tuple[str, ...]  # scan ids the central would have refused (e.g. two doors admitted one ticket)
    snapshot: SnapshotReport


def push_check_ins(client: CentralClient, session_factory: sessionmaker[Session],
                   event_id: str) -> tuple[int, int, list[str]]:
    """Send this door's unsent entries of ``event_id``: ``(sent, still waiting, flagged ids)``."""
    pending = pending_uploads(session_factory, event_id, limit=100_000)
    sent, waiting, flagged = 0, 0, []
    for start in range(0, len(pending), BATCH):
        batch = pending[start:start + BATCH]
        items = [UploadItem(p.id, p.barcode, p.scan_point, p.scanned_at) for p in batch]
        results = upload_check_ins(client, event_id, items, _request_key(event_id, [i.id for i in items]))
        done = {r.id: r.flag for r in results if r.status in (RECORDED, DUPLICATE)}
        mark_uploaded(session_factory, done)
        sent += len(done)
        waiting += sum(1 for r in results if r.status == UNKNOWN)
        flagged += [r.id for r in results if r.status == RECORDED and r.flag]
    return sent, waiting, flagged


def sync_door(client: CentralClient, session_factory: sessionmaker[Session], event_id: str) -> DoorSyncReport:
    """One round for ``event_id``: entries up, then the snapshot (tickets and every door's entries) down."""
    sent, waiting, flagged = push_check_ins(client, session_factory, event_id)
    snapshot = fetch_snapshot(client, event_id)
    report = replace_snapshot(session_factory, event_id, snapshot.tickets, snapshot.scans)
    log.info("door sync %s: %d sent, %d waiting, %d flagged; snapshot of %d tickets, %d entries elsewhere",
             event_id, sent, waiting, len(flagged), report.tickets, report.scans_elsewhere)
    return DoorSyncReport(event_id, sent, waiting, tuple(flagged), report)


def door_syncer(make_client: Callable[[], CentralClient],
                session_factory: sessionmaker[Session]) -> Callable[[str], DoorSyncReport]:
    """One door sync round for an event with a fresh client (the window's door check runs it in the background)."""

    def run(event_id: str) -> DoorSyncReport:
        client = make_client()
        try:
            return sync_door(client, session_factory, event_id)
        finally:
            client.close()

    return run


def _request_key(event_id: str, ids: Sequence[str]) -> str:
    """The same batch always goes under the same key (a retry of a lost answer is a replay, not a new call)."""
    return "door-" + hashlib.sha256("\n".join([event_id, *ids]).encode("utf-8")).hexdigest()[:40]
