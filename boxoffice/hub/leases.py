"""Leases: seats only one window may sell while it cannot reach the hub.

Each time a window asks for its lease of an event (``offline_office_hub_lease``) the hub tops it up, zone by
zone: when the window's unsold, not recalled lease of a zone is below the zone's low-water mark, free seats of
the office (unsold, not held, not leased) are added up to the zone's size, taken from the END of the zone's order
(highest ``Ticket.position``, then id) so the best seats stay for selling through the hub.

Sizes: the ``hub_lease_sizes`` row of (event, zone), else (event, "*"), else ("*", zone), else ("*", "*"), else
the hub's settings. A recalled lease seat is still the window's (no one else may sell it) until it gives it back
(``offline_office_hub_lease_release``) or the supervisor forces the recall.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, delete, func, insert, select, update
from sqlalchemy.orm import Session

from boxoffice.central.envelope import BadInput
from boxoffice.central.inventory import chunks
from boxoffice.central.models import Ticket, TicketOffline
from boxoffice.hub.holds import serialize_office
from boxoffice.hub.models import HubHold, HubLease, HubLeaseSize, HubWindow
from boxoffice.hub.settings import HubSettings
from boxoffice.hub.windows import window_named

ANY = "*"


@dataclass(frozen=True)
class Size:
    zone: str
    size: int
    low_water: int

    def as_json(self) -> dict[str, object]:
        return {"zone": self.zone, "size": self.size, "low_water": self.low_water}


@dataclass(frozen=True)
class WindowLease:
    """One window's lease of one event: ``tickets`` it may sell, ``recalled`` it should give back (unsold)."""

    tickets: list[str]
    recalled: list[str]
    sizes: list[Size]


@dataclass(frozen=True)
class LeaseSummary:
    """A line of ``boxoffice hub lease list``: how many unsold seats a window holds of an event's zone."""

    window: str
    event_id: str
    zone: str
    leased: int
    recalled: int


def _office_zones(session: Session, office_id: str, event_id: str) -> list[str]:
    return list(session.scalars(
        select(Ticket.zone).join(TicketOffline, TicketOffline.ticket_id == Ticket.id)
        .where(TicketOffline.office_id == office_id, TicketOffline.event_id == event_id)
        .distinct().order_by(Ticket.zone)))


def size_of(session: Session, settings: HubSettings, event_id: str, zone: str) -> Size:
    """The most specific size the supervisor set for (event, zone), else the settings' default."""
    rows = {(row.event_id, row.zone): row for row in session.scalars(select(HubLeaseSize).where(
        HubLeaseSize.event_id.in_((event_id, ANY)), HubLeaseSize.zone.in_((zone, ANY))))}
    for key in ((event_id, zone), (event_id, ANY), (ANY, zone), (ANY, ANY)):
        if key in rows:
            return Size(zone, rows[key].size, rows[key].low_water)
    return Size(zone, settings.lease_size, settings.lease_low_water)


def _unsold_lease(window_id: int, office_id: str, event_id: str) -> Select[tuple[str, str, bool]]:
    """SELECT of W's lease rows of the event whose seat is still the office's and unsold."""
    return (select(HubLease.ticket_id, HubLease.zone, HubLease.recalled)
            .join(Ticket, Ticket.id == HubLease.ticket_id)
            .join(TicketOffline, TicketOffline.ticket_id == HubLease.ticket_id)
            .where(HubLease.window_id == window_id, HubLease.event_id == event_id, Ticket.status.is_(True),
                   TicketOffline.office_id == office_id)
            .order_by(Ticket.position, Ticket.id))


def top_up(session: Session, window: HubWindow, settings: HubSettings, event_id: str, now: datetime) -> list[Size]:
    """Bring W's lease of every zone of the event back to its size when below its low-water mark (a retired
    window gets nothing new); returns the zones' sizes."""
    office_id = settings.office_id
    serialize_office(session, office_id)
    sizes = [size_of(session, settings, event_id, zone) for zone in _office_zones(session, office_id, event_id)]
    if window.retired:
        return sizes
    held: dict[str, int] = {}
    for _tid, zone, recalled in session.execute(_unsold_lease(window.id, office_id, event_id)):
        if not recalled:
            held[zone] = held.get(zone, 0) + 1
    for size in sizes:
        count = held.get(size.zone, 0)
        if count >= size.low_water or count >= size.size:
            continue
        free = session.scalars(
            select(Ticket.id).join(TicketOffline, TicketOffline.ticket_id == Ticket.id)
            .outerjoin(HubLease, HubLease.ticket_id == Ticket.id)
            .outerjoin(HubHold, (HubHold.ticket_id == Ticket.id) & (HubHold.expires_at > now))
            .where(TicketOffline.office_id == office_id, TicketOffline.event_id == event_id,
                   Ticket.zone == size.zone, Ticket.status.is_(True), HubLease.ticket_id.is_(None),
                   HubHold.ticket_id.is_(None))
            .order_by(Ticket.position.desc(), Ticket.id.desc()).limit(size.size - count)).all()
        if free:
            session.execute(insert(HubLease), [
                {"ticket_id": ticket_id, "window_id": window.id, "event_id": event_id, "zone": size.zone,
                 "recalled": False, "date_created": now} for ticket_id in free])
    return sizes


def lease_of(session: Session, window: HubWindow, office_id: str, event_id: str, sizes: list[Size]) -> WindowLease:
    tickets, recalled = [], []
    for ticket_id, _zone, was_recalled in session.execute(_unsold_lease(window.id, office_id, event_id)):
        (recalled if was_recalled else tickets).append(ticket_id)
    return WindowLease(tickets, recalled, sizes)


def release(session: Session, window: HubWindow, ticket_ids: Sequence[str]) -> list[str]:
    """W gives back its own unsold lease seats among ``ticket_ids`` (sold ones and others' are left alone)."""
    released: list[str] = []
    for chunk in chunks(sorted(set(ticket_ids))):
        ids = list(session.scalars(select(HubLease.ticket_id).join(Ticket, Ticket.id == HubLease.ticket_id).where(
            HubLease.window_id == window.id, HubLease.ticket_id.in_(chunk), Ticket.status.is_(True))))
        if ids:
            session.execute(delete(HubLease).where(HubLease.ticket_id.in_(ids)))
        released += ids
    order = {ticket_id: n for n, ticket_id in enumerate(ticket_ids)}
    return sorted(released, key=order.__getitem__)


def drop_leases(session: Session, ticket_ids: Sequence[str]) -> None:
    """These seats left the office (unassigned): no window leases them any more."""
    for chunk in chunks(sorted(set(ticket_ids))):
        session.execute(delete(HubLease).where(HubLease.ticket_id.in_(chunk)))


def recall(session: Session, window: str, event: str | None = None, force: bool = False) -> int:
    """Ask window ``window`` to give back its lease (of ``event``, or all): it does so the next time it reaches
    the hub. ``force`` frees the seats at once: a sale the window still makes of one offline is accepted anyway
    and counted as a lease breach. Returns how many lease rows were recalled (or freed)."""
    found = window_named(session, window)
    where = [HubLease.window_id == found.id] + ([HubLease.event_id == event] if event is not None else [])
    if force:
        return session.execute(delete(HubLease).where(*where)).rowcount or 0  # type: ignore[attr-defined]
    return session.execute(update(HubLease).where(*where, HubLease.recalled.is_(False)).values(recalled=True)
                           .execution_options(synchronize_session=False)).rowcount or 0  # type: ignore[attr-defined]


def set_size(session: Session, event: str, zone: str, size: int, low_water: int) -> None:
    """How many seats of ``zone`` of ``event`` ("*": any) each window should lease, topped up below
    ``low_water``; applies from each window's next lease call."""
    if size < 0 or not 0 <= low_water <= size:
        raise BadInput("size", f"lease size {size} and low-water mark {low_water}: need 0 <= low_water <= size "
                               "(e.g. size 20, low-water 10)")
    for name, value in (("event", event), ("zone", zone)):
        if not value.strip() or len(value) > 64:
            raise BadInput(name, f"{name} {value!r}: give an id of 1 to 64 characters, or '*' for any")
    row = session.get(HubLeaseSize, (event, zone))
    if row is None:
        session.add(HubLeaseSize(event_id=event, zone=zone, size=size, low_water=low_water))
    else:
        row.size, row.low_water = size, low_water
    session.flush()


def sizes(session: Session) -> list[HubLeaseSize]:
    return list(session.scalars(select(HubLeaseSize).order_by(HubLeaseSize.event_id, HubLeaseSize.zone)))


def summary(session: Session, event: str | None = None) -> list[LeaseSummary]:
    """Unsold lease seats per window, event and zone (recalled ones counted apart)."""
    query = (select(HubWindow.name, HubLease.event_id, HubLease.zone, HubLease.recalled, func.count())
             .join(HubWindow, HubWindow.id == HubLease.window_id).join(Ticket, Ticket.id == HubLease.ticket_id)
             .where(Ticket.status.is_(True))
             .group_by(HubWindow.name, HubLease.event_id, HubLease.zone, HubLease.recalled)
             .order_by(HubWindow.name, HubLease.event_id, HubLease.zone))
    if event is not None:
        query = query.where(HubLease.event_id == event)
    lines: dict[tuple[str, str, str], list[int]] = {}
    for name, event_id, zone, recalled, count in session.execute(query):
        lines.setdefault((name, event_id, zone), [0, 0])[1 if recalled else 0] += count
    return [LeaseSummary(name, event_id, zone, leased, recalled)
            for (name, event_id, zone), (leased, recalled) in lines.items()]
