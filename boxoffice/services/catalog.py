"""Read-side helpers for building a cart: which product prices a seat or a zone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import InvalidSale, SeatNotAvailable, UnknownEvent, UnknownProduct
from boxoffice.services.sales import LineRequest
from boxoffice.store.models import Event, Product, Ticket


def zone_product(session: Session, event_id: str, zone: str) -> Product:
    product = session.scalars(select(Product).where(Product.event_id == event_id, Product.zone == zone,
                                                    Product.kind == "ticket", Product.active.is_(True))
                              .order_by(Product.id)).first()
    if product is None:
        raise UnknownProduct(f"no ticket type prices zone {zone!r} of this event (pull the inventory?)",
                             code="zone_not_priced", params={"zone": zone})
    return product


def lines_for(session_factory: sessionmaker[Session], event_id: str, *, seats: Sequence[str] = (),
              zone: str | None = None, quantity: int = 0, product_id: str | None = None) -> tuple[LineRequest, ...]:
    """Cart lines for chosen seats (one line per zone, priced by the zone's ticket type) or a zone quantity."""
    with session_factory() as session:
        if session.get(Event, event_id) is None:
            raise UnknownEvent(f"event {event_id!r} is not assigned to this office (pull the inventory?)",
                               code="event_not_assigned")
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
    raise InvalidSale("choose seats, or a zone and a quantity", code="seats_or_zone_missing")


@dataclass(frozen=True)
class EventSummary:
    id: str
    name: str
    starts_at: datetime | None
    available: int
    sold: int


@dataclass(frozen=True)
class SeatInfo:
    ticket_id: str
    seat_id: str
    row: str | None
    zone: str
    color: str
    state: str


@dataclass(frozen=True)
class ProductInfo:
    id: str
    name: str
    price_cents: int
    zone: str | None
    kind: str
    tickets_per_unit: int


@dataclass(frozen=True)
class ZoneInfo:
    zone: str
    color: str
    available: int
    total: int


def list_events(session_factory: sessionmaker[Session]) -> list[EventSummary]:
    """Events with tickets at this office, soonest first, with live counts."""
    with session_factory() as session:
        counts: dict[str, dict[str, int]] = {}
        for event_id, state, n in session.execute(select(Ticket.event_id, Ticket.state, func.count())
                                                  .group_by(Ticket.event_id, Ticket.state)):
            counts.setdefault(event_id, {})[state] = n
        events = list(session.scalars(select(Event)))
    events.sort(key=lambda e: (e.starts_at is None, e.starts_at or datetime.max.replace(tzinfo=UTC), e.name))
    return [EventSummary(e.id, e.name, e.starts_at, counts.get(e.id, {}).get("available", 0),
                         counts.get(e.id, {}).get("sold", 0)) for e in events]


def seat_map(session_factory: sessionmaker[Session], event_id: str) -> list[SeatInfo]:
    with session_factory() as session:
        rows = session.execute(select(Ticket.id, Ticket.seat_id, Ticket.row, Ticket.zone, Ticket.color, Ticket.state)
                               .where(Ticket.event_id == event_id))
        return [SeatInfo(*row) for row in rows]


def zones(session_factory: sessionmaker[Session], event_id: str) -> list[ZoneInfo]:
    with session_factory() as session:
        out: dict[str, list] = {}
        for zone, color, state, n in session.execute(
                select(Ticket.zone, Ticket.color, Ticket.state, func.count())
                .where(Ticket.event_id == event_id).group_by(Ticket.zone, Ticket.color, Ticket.state)):
            entry = out.setdefault(zone, [color, 0, 0])
            entry[2] += n
            if state == "available":
                entry[1] += n
    return [ZoneInfo(zone, color, available, total) for zone, (color, available, total) in sorted(out.items())]


def products(session_factory: sessionmaker[Session], event_id: str) -> list[ProductInfo]:
    with session_factory() as session:
        items = list(session.scalars(select(Product).where(Product.event_id == event_id, Product.active.is_(True))
                                     .order_by(Product.kind, Product.price_cents.desc(), Product.name)))
        return [ProductInfo(p.id, p.name, p.price_cents, p.zone, p.kind,
                            sum(int(c.get("quantity", 0)) for c in p.components or []) if p.kind == "family_pass"
                            else 1) for p in items]


@dataclass(frozen=True)
class SaleSummary:
    purchase_code: str
    event_name: str
    created_at: datetime
    total_cents: int
    status: str
    delivery_state: str
    tickets: tuple[tuple[str, str, str], ...]  # (seat, product, barcode)


def find_sale(session_factory: sessionmaker[Session], code: str) -> SaleSummary | None:
    """The sale a scanned purchase code, item code or ticket barcode belongs to (None if not from here)."""
    from boxoffice.core.codes import parse_code
    from boxoffice.store.models import Sale

    purchase = parse_code(code).purchase
    with session_factory() as session:
        sale = session.scalars(select(Sale).where(Sale.purchase_code == purchase)).first()
        if sale is None:
            return None
        event = session.get(Event, sale.event_id)
        seats = {t.id: t.seat_id for t in session.scalars(
            select(Ticket).where(Ticket.id.in_([st.ticket_id for st in sale.tickets])))}
        return SaleSummary(sale.purchase_code, event.name if event else sale.event_id, sale.created_at,
                           sale.total_cents, sale.status, sale.delivery_state,
                           tuple((seats.get(t.ticket_id, t.ticket_id), t.description, t.barcode) for t in sale.tickets))
