"""This window's lease from the office hub (issue #18), kept in ``window_leases``.

While the hub answers, every sale holds its seats at the hub first; while it cannot be reached, the window sells
only the seats of its lease, which the hub gives no other window. The hub tops the lease up; seats it asks back
are given back only unsold, in a transaction that first takes them out of the lease, so a seat is never both
sold here offline and given back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core import ticket_states
from boxoffice.core.errors import SeatNotAvailable
from boxoffice.store.models import Ticket, WindowLease
from boxoffice.store.types import utcnow


@dataclass(frozen=True)
class LeaseCount:
    zone: str
    unsold: int


def store_lease(session_factory: sessionmaker[Session], event_id: str, tickets: Sequence[str],
                recalled: Sequence[str]) -> list[str]:
    """Make the event's lease ``tickets`` (those this store has); drop the recalled ones that are still unsold and
    return them: the caller gives them back to the hub (a recalled seat sold here stays: its sale is on its way)."""
    wanted = set(tickets)
    with session_factory.begin() as session:
        known = set(session.scalars(select(Ticket.id).where(Ticket.event_id == event_id,
                                                            Ticket.id.in_(wanted | set(recalled)))))
        current = set(session.scalars(select(WindowLease.ticket_id).where(WindowLease.event_id == event_id)))
        gone = current - wanted
        for chunk in _chunks(sorted(gone)):
            session.execute(delete(WindowLease).where(WindowLease.ticket_id.in_(chunk)))
        now = utcnow()
        new = sorted((wanted & known) - current)
        if new:
            session.execute(WindowLease.__table__.insert(), [
                {"ticket_id": ticket_id, "event_id": event_id, "recalled": False, "updated_at": now}
                for ticket_id in new])
        give_back = sorted(session.scalars(select(Ticket.id).where(
            Ticket.id.in_(sorted(set(recalled) & known)), Ticket.state != "sold")))
    return give_back


def leased(session: Session, ticket_ids: Sequence[str]) -> set[str]:
    """Which of ``ticket_ids`` are in this window's lease (not recalled)."""
    found: set[str] = set()
    for chunk in _chunks(list(ticket_ids)):
        found.update(session.scalars(select(WindowLease.ticket_id).where(WindowLease.ticket_id.in_(chunk),
                                                                         WindowLease.recalled.is_(False))))
    return found


def require_leased(session: Session, ticket_ids: Sequence[str]) -> None:
    """Refuse a sale while cut off from the hub unless every seat is this window's."""
    outside = [ticket_id for ticket_id in ticket_ids if ticket_id not in leased(session, ticket_ids)]
    if outside:
        seats = dict(session.execute(select(Ticket.id, Ticket.seat_id).where(Ticket.id.in_(outside))).all())
        raise SeatNotAvailable(
            "the office hub cannot be reached: this window may sell only the seats reserved for it, and "
            f"{', '.join(seats.get(t, t) for t in outside)} is not one of them", outside, code="seat_not_in_lease",
            params={"seats": ", ".join(seats.get(t, t) for t in outside)})


def counts(read_session_factory: sessionmaker[Session], event_id: str) -> list[LeaseCount]:
    """Unsold seats of the lease per zone (what the window can still sell while cut off)."""
    with read_session_factory() as session:
        rows = session.execute(select(Ticket.zone, func.count()).join(WindowLease, WindowLease.ticket_id == Ticket.id)
                               .where(WindowLease.event_id == event_id, WindowLease.recalled.is_(False),
                                      Ticket.state == "available").group_by(Ticket.zone).order_by(Ticket.zone))
        return [LeaseCount(zone, unsold) for zone, unsold in rows]


def mark_taken_elsewhere(session_factory: sessionmaker[Session], ticket_ids: Sequence[str]) -> list[str]:
    """Seats the hub says another window holds, leases or sold: not offered here until a pull offers them again
    (available -> withdrawn, the pull's own move). Returns the ids that moved."""
    moved: list[str] = []
    with session_factory.begin() as session:
        for chunk in _chunks(list(ticket_ids)):
            for ticket in session.scalars(select(Ticket).where(Ticket.id.in_(chunk), Ticket.state == "available")):
                ticket_states.move(ticket_states.TICKET, ticket, "withdrawn", subject=ticket.id)
                moved.append(ticket.id)
        if moved:
            for chunk in _chunks(moved):
                session.execute(update(Ticket).where(Ticket.id.in_(chunk)).values(central_available=False))
    return moved


def offered_again(session: Session, ticket_ids: Sequence[str]) -> None:
    """Seats the hub just held for this window: any a refusal had withdrawn here is available again (the pull's
    own move, withdrawn -> available), in the sale's transaction."""
    ticket_states.check(ticket_states.TICKET, "withdrawn", "available", "held at the hub")
    session.execute(update(Ticket).where(Ticket.id.in_(list(ticket_ids)), Ticket.state == "withdrawn")
                    .values(state="available", central_available=True))


def _chunks(items: list[str], size: int = 500) -> list[list[str]]:
    return [items[i:i + size] for i in range(0, len(items), size)]
