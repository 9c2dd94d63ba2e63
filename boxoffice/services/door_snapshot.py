"""The door terminal's offline snapshot of an event's tickets and the entries it admitted (#16 point 5).

A refresh (:func:`replace_snapshot`, from ``boxoffice/door_sync.py``) replaces the event's tickets and the
entries other doors made; this door's own entries stay, each sent to the central once (:func:`pending_uploads`,
:func:`mark_uploaded`): its scan id is the idempotency key the central records it under, so a batch sent again
after a lost answer is not counted twice, and the refreshed snapshot's copy of it is recognised by that id.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.door_rules import DoorTicketInfo, SeenScan
from boxoffice.store.models_door import DoorScan, DoorTicket
from boxoffice.store.types import utcnow

HERE, CENTRAL = "here", "central"


@dataclass(frozen=True)
class SnapshotReport:
    event_id: str
    tickets: int
    scans_elsewhere: int  # entries other doors made, as the central reported them


@dataclass(frozen=True)
class PendingScan:
    id: str
    event_id: str
    barcode: str
    scan_point: str | None
    scanned_at: datetime


def replace_snapshot(session_factory: sessionmaker[Session], event_id: str, tickets: Iterable[DoorTicketInfo],
                     scans: Iterable[SeenScan]) -> SnapshotReport:
    """Keep the central's list of ``event_id``'s tickets and of the entries made elsewhere (not ours).

    Only what changed is written, so a refresh of a big event holds the write lock (and the door's next scan)
    for as long as its changes take, not as long as the whole list: what is held is read first, outside it.
    """
    wanted = {t.barcode: t for t in tickets}
    with session_factory() as session:
        held = {row.barcode: _info(row) for row in session.scalars(
            select(DoorTicket).where(DoorTicket.event_id == event_id))}
        ours = set(session.scalars(select(DoorScan.id).where(DoorScan.event_id == event_id, DoorScan.origin == HERE)))
        theirs = set(session.scalars(select(DoorScan.id).where(DoorScan.event_id == event_id,
                                                               DoorScan.origin == CENTRAL)))
    elsewhere = {s.id: s for s in scans if s.id not in ours}
    changed = [t for barcode, t in wanted.items() if held.get(barcode) != t]
    gone = [barcode for barcode in held if barcode not in wanted]
    now = utcnow()
    with session_factory.begin() as session:
        stale = gone + [t.barcode for t in changed if t.barcode in held]
        for start in range(0, len(stale), 500):
            session.execute(delete(DoorTicket).where(DoorTicket.event_id == event_id,
                                                     DoorTicket.barcode.in_(stale[start:start + 500])))
        if changed:
            session.execute(insert(DoorTicket), [_row(event_id, t, now) for t in changed])
        vanished = list(theirs - set(elsewhere))
        for start in range(0, len(vanished), 500):
            session.execute(delete(DoorScan).where(DoorScan.id.in_(vanished[start:start + 500])))
        new = [{"id": s.id, "event_id": event_id, "barcode": s.barcode, "scan_point": s.scan_point,
                "scanned_at": s.at, "origin": CENTRAL} for scan_id, s in elsewhere.items() if scan_id not in theirs]
        if new:
            session.execute(insert(DoorScan), new)
    return SnapshotReport(event_id, len(wanted), len(elsewhere))


def _row(event_id: str, t: DoorTicketInfo, now: datetime) -> dict[str, object]:
    return {"event_id": event_id, "barcode": t.barcode, "ticket_key": t.ticket_key, "ticket_id": t.ticket_id,
            "ticket_type": t.ticket_type, "holder": t.holder, "status": t.status, "reentry_limit": t.reentry_limit,
            "scan_points": list(t.scan_points), "refreshed_at": now}


def snapshot_ticket(session: Session, event_id: str, barcode: str) -> DoorTicketInfo | None:
    row = session.get(DoorTicket, (event_id, barcode))
    return _info(row) if row is not None else None


def other_event_of(session: Session, event_id: str, barcode: str) -> str | None:
    """The event another snapshot lists ``barcode`` for (a ticket shown at the wrong event's door)."""
    return session.scalar(select(DoorTicket.event_id).where(DoorTicket.barcode == barcode,
                                                            DoorTicket.event_id != event_id).limit(1))


def entries(session: Session, event_id: str, barcode: str) -> list[SeenScan]:
    """Every entry of ``barcode`` known here, this door's and the other doors', oldest first."""
    rows = session.scalars(select(DoorScan).where(DoorScan.event_id == event_id, DoorScan.barcode == barcode)
                           .order_by(DoorScan.scanned_at, DoorScan.id))
    return [SeenScan(r.id, r.barcode, r.scanned_at, r.scan_point) for r in rows]


def record_entry(session: Session, scan_id: str, event_id: str, barcode: str, scan_point: str | None,
                 at: datetime, actor: str | None) -> None:
    """An entry this door admitted, to be sent to the central once."""
    session.add(DoorScan(id=scan_id, event_id=event_id, barcode=barcode, scan_point=scan_point, scanned_at=at,
                         origin=HERE, actor=actor))
    session.flush()


def pending_uploads(session_factory: sessionmaker[Session], event_id: str | None = None,
                    limit: int = 500) -> list[PendingScan]:
    """This door's entries the central has not confirmed yet, oldest first."""
    query = select(DoorScan).where(DoorScan.origin == HERE, DoorScan.uploaded_at.is_(None))
    if event_id is not None:
        query = query.where(DoorScan.event_id == event_id)
    with session_factory() as session:
        rows = session.scalars(query.order_by(DoorScan.scanned_at, DoorScan.id).limit(limit))
        return [PendingScan(r.id, r.event_id, r.barcode, r.scan_point, r.scanned_at) for r in rows]


def mark_uploaded(session_factory: sessionmaker[Session], flags: Mapping[str, str | None]) -> int:
    """The central recorded these scans (id -> the reason it would have refused, or None): never sent again."""
    if not flags:
        return 0
    now = utcnow()
    with session_factory.begin() as session:
        for scan_id, flag in flags.items():
            session.execute(update(DoorScan).where(DoorScan.id == scan_id, DoorScan.origin == HERE)
                            .values(uploaded_at=now, flag=flag))
    return len(flags)


def snapshot_events(session_factory: sessionmaker[Session]) -> list[str]:
    with session_factory() as session:
        return list(session.scalars(select(DoorTicket.event_id).distinct().order_by(DoorTicket.event_id)))


def _info(row: DoorTicket) -> DoorTicketInfo:
    points: Sequence[str] = row.scan_points or ()
    return DoorTicketInfo(row.barcode, row.ticket_key, row.ticket_id, row.ticket_type, row.holder, row.status,
                          row.reentry_limit, tuple(points))
