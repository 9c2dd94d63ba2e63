"""Read-side helpers for building a cart: which product prices a seat or a zone."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import InvalidSale, SeatNotAvailable, UnknownEvent, UnknownProduct
from boxoffice.services.sales import LineRequest
from boxoffice.store.models import Event, Product, Ticket


def zone_product(session: Session, event_id: str, zone: str) -> Product:
    product = session.scalars(select(Product).where(Product.event_id == event_id, Product.zone == zone,
                                                    Product.kind == "ticket", Product.active.is_(True))
                              .order_by(Product.id)).first()
    if product is None:
        raise UnknownProduct(f"no ticket type prices zone {zone!r} of this event (pull the inventory?)")
    return product


def lines_for(session_factory: sessionmaker[Session], event_id: str, *, seats: Sequence[str] = (),
              zone: str | None = None, quantity: int = 0, product_id: str | None = None) -> tuple[LineRequest, ...]:
    """Cart lines for chosen seats (one line per zone, priced by the zone's ticket type) or a zone quantity."""
    with session_factory() as session:
        if session.get(Event, event_id) is None:
            raise UnknownEvent(f"event {event_id!r} is not assigned to this office (pull the inventory?)")
        if seats:
            found = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(list(seats))))}
            missing = [s for s in seats if s not in found or found[s].event_id != event_id]
            if missing:
                raise SeatNotAvailable(f"seat not available: {', '.join(missing)} not assigned to this office",
                                       missing)
            by_zone: dict[str, list[str]] = {}
            for seat in seats:
                by_zone.setdefault(found[seat].zone, []).append(seat)
            lines = []
            for seat_zone, ids in by_zone.items():
                pid = product_id or zone_product(session, event_id, seat_zone).id
                lines.append(LineRequest(product_id=pid, quantity=len(ids), ticket_ids=tuple(ids)))
            return tuple(lines)
        if zone and quantity > 0:
            pid = product_id or zone_product(session, event_id, zone).id
            return (LineRequest(product_id=pid, quantity=quantity, zone=zone),)
    raise InvalidSale("choose seats, or a zone and a quantity")
