"""Merging the central platform's view of this office's inventory into the local store (the pull).

Rules (ARCHITECTURE.md, pull): a ticket sold here stays sold whatever the platform says; a ticket the platform no
longer assigns to this office, or reports unavailable, and that is unsold here becomes unsellable
(``withdrawn``); a ``returning`` ticket the platform no longer lists has been returned. Re-running a pull with
the same answer changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.collector import collector_paused
from boxoffice.services.best_available import rank_seats
from boxoffice.store.models import TICKET_STATES, Event, Product, Ticket
from boxoffice.store.raw import driver_connection, larger_page_cache
from boxoffice.store.types import format_utc, utcnow


class RemoteTicketLike(Protocol):
    """What the merge reads of one ticket of the platform's answer (:class:`RemoteTicket`, or the client's own
    typed row: a pull of 100,000 tickets is not copied from one to the other)."""

    @property
    def ticket_id(self) -> str: ...
    @property
    def seat_id(self) -> str: ...
    @property
    def zone(self) -> str: ...
    @property
    def color(self) -> str: ...
    @property
    def available(self) -> bool: ...
    @property
    def row(self) -> str | None: ...


@dataclass(frozen=True)
class RemoteTicket:
    ticket_id: str
    seat_id: str
    zone: str
    color: str
    available: bool
    row: str | None = None


@dataclass(frozen=True)
class RemoteProduct:
    id: str
    name: str
    price_cents: int
    zone: str | None
    kind: str
    components: tuple[tuple[str, int], ...] | None
    #: the type's saleStart / saleEnd (aware UTC; None: no limit) and visibility, for the window's refusals
    sale_start: datetime | None = None
    sale_end: datetime | None = None
    visibility: str = "public"
    tax_rate_bp: int | None = None  # the platform's VAT rate for it; None: the terminal's default


@dataclass(frozen=True)
class MergeReport:
    event_id: str
    added: int = 0
    withdrawn: int = 0
    restored: int = 0
    returned: int = 0
    available: int = 0
    sold_here: int = 0
    products: int = 0


def merge_inventory(session_factory: sessionmaker[Session], event_id: str, event_name: str,
                    starts_at: datetime | None, tickets: Sequence[RemoteTicketLike],
                    products: Sequence[RemoteProduct]) -> MergeReport:
    """Apply one pull of one event in one transaction."""
    counts = {"added": 0, "withdrawn": 0, "restored": 0, "returned": 0}
    now = utcnow()
    with collector_paused(), session_factory.begin() as session, larger_page_cache(session, MERGE_CACHE_KIB):
        event = session.get(Event, event_id)
        if event is None:
            session.add(Event(id=event_id, name=event_name, starts_at=starts_at, updated_at=now))
        elif event.name != event_name or event.starts_at != starts_at:
            event.name, event.starts_at = event_name, starts_at
        session.flush()
        _merge_products(session, event_id, products)
        local = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.event_id == event_id))}
        existing = list(local.values())
        new_rows: list[list[Any]] = []
        stamp = format_utc(now)
        for remote in tickets:
            ticket = local.pop(remote.ticket_id, None)
            if ticket is None:  # a row of the insert, its values as the columns store them (_INSERT_COLUMNS)
                new_rows.append([remote.ticket_id, event_id, remote.seat_id, remote.row, remote.zone, remote.color,
                                 "available" if remote.available else "withdrawn", 1 if remote.available else 0,
                                 stamp, 0, 0])  # the ranks: set by _rank
                counts["added"] += 1
                continue
            for name in ("seat_id", "row", "zone", "color"):
                if getattr(ticket, name) != getattr(remote, name):
                    setattr(ticket, name, getattr(remote, name))
            if ticket.central_available != remote.available:
                ticket.central_available = remote.available
            new_state = _next_state(ticket.state, remote.available)
            if new_state != ticket.state:
                counts["withdrawn" if new_state == "withdrawn" else "restored"] += 1
                ticket.state = new_state
        for ticket in local.values():  # no longer assigned to this office
            if ticket.central_available:
                ticket.central_available = False  # also for a seat sold here: a void must not put it on sale
            if ticket.state == "available":
                ticket.state = "withdrawn"
                counts["withdrawn"] += 1
            elif ticket.state == "returning":
                ticket.state = "returned"
                counts["returned"] += 1
        _rank(existing, new_rows)
        _insert_tickets(session, new_rows)
        session.flush()
        states = {state: count for state, count in session.execute(
            select(Ticket.state, func.count()).where(Ticket.event_id == event_id).group_by(Ticket.state))}
    return MergeReport(event_id, available=states.get("available", 0), sold_here=states.get("sold", 0),
                       products=len(products), **counts)


#: the merge's page cache: a stadium's new seats and their indexes fit (store.raw.larger_page_cache)
MERGE_CACHE_KIB = 64 * 1024


#: a new seat's row in the merge: a list of these columns' stored values (UTC text, 0/1), made once and handed to
#: the executemany as it is (no dict per seat, no second copy: 100,000 of them)
_INSERT_COLUMNS = ("id", "event_id", "seat_id", "row", "zone", "color", "state", "central_available", "updated_at",
                   "row_rank", "seat_rank")
_ID, _SEAT_ID, _ROW, _ZONE, _STATE, _ROW_RANK, _SEAT_RANK = (
    _INSERT_COLUMNS.index(name) for name in ("id", "seat_id", "row", "zone", "state", "row_rank", "seat_rank"))
_INSERT_TICKET = (f"INSERT INTO tickets ({', '.join(_INSERT_COLUMNS)}) "
                  f"VALUES ({', '.join('?' for _ in _INSERT_COLUMNS)})")


_STATES = frozenset(TICKET_STATES)


def _insert_tickets(session: Session, rows: list[list[Any]]) -> None:
    """The pull's new seats (100,000 for a stadium) as one prepared executemany on the session's own sqlite3
    connection (ARCHITECTURE.md, the sale's hot path): SQLAlchemy's per-row parameter work cost more than SQLite's
    insert. Each row holds the values of _INSERT_COLUMNS as the column types store them: UTC text, 0/1."""
    if not rows:
        return
    if not {r[_STATE] for r in rows} <= _STATES:
        raise ValueError(f"a pulled ticket's state is not one of {TICKET_STATES}")
    db = driver_connection(session)
    rebuilt = _indexes_to_rebuild(db, len(rows))
    for name, _sql in rebuilt:
        db.execute(f'DROP INDEX "{name}"')
    # the states are checked above (the table's only CHECK): SQLite's CHECK (state IN (…)) builds its list again
    # for every row of an executemany, a third of the insert's time for 100,000 seats (measured), so it is off
    # for this one statement
    db.execute("PRAGMA ignore_check_constraints = ON")
    try:
        db.executemany(_INSERT_TICKET, rows)
    finally:
        db.execute("PRAGMA ignore_check_constraints = OFF")
    for _name, sql in rebuilt:
        db.execute(sql)


#: from this many new tickets, and more new than held, the secondary indexes are built once after the insert
REBUILD_FROM = 10_000


def _indexes_to_rebuild(db: Any, new: int) -> list[tuple[str, str]]:
    """The tickets' secondary indexes (name, CREATE statement) to drop before a big insert into a store that
    holds fewer tickets than it adds (a first pull of a stadium): one sort per index afterwards costs less than
    keeping each up row by row. Inside the merge's transaction, so a crash rolls the indexes back too."""
    if new < REBUILD_FROM or db.execute("SELECT count(*) FROM tickets").fetchone()[0] >= new:
        return []
    return list(db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' "
                           "AND sql IS NOT NULL ORDER BY name"))


def _rank(existing: list[Ticket], new_rows: list[list[Any]]) -> None:
    """Natural-order ranks for best available. A pull may add or relabel seats anywhere in a row, and a rank
    depends on its neighbours, so the whole event is ranked again; only changed ranks are written."""
    ranks = rank_seats([(t.id, t.zone, t.row, t.seat_id) for t in existing]  # SeatLabel's fields, as tuples
                       + [(r[_ID], r[_ZONE], r[_ROW], r[_SEAT_ID]) for r in new_rows])
    for ticket in existing:
        row_rank, seat_rank = ranks[ticket.id]
        if (ticket.row_rank, ticket.seat_rank) != (row_rank, seat_rank):
            ticket.row_rank, ticket.seat_rank = row_rank, seat_rank
    for row in new_rows:
        row[_ROW_RANK], row[_SEAT_RANK] = ranks[row[_ID]]


def _next_state(state: str, central_available: bool) -> str:
    if state in ("sold", "returning"):
        return state  # ours until the platform confirms the sale / the return
    if state == "available" and not central_available:
        return "withdrawn"
    if state in ("withdrawn", "returned") and central_available:
        return "available"  # assigned (again) and free: e.g. a voided sale's seat, or a re-assignment
    return state


def _merge_products(session: Session, event_id: str, products: Sequence[RemoteProduct]) -> None:
    local = {p.id: p for p in session.scalars(select(Product).where(Product.event_id == event_id))}
    for remote in products:
        components = ([{"product_id": pid, "quantity": qty} for pid, qty in remote.components]
                      if remote.components else None)
        product = local.pop(remote.id, None)
        if product is None:
            session.add(Product(id=remote.id, event_id=event_id, name=remote.name, price_cents=remote.price_cents,
                                zone=remote.zone, kind=remote.kind, components=components, active=True,
                                sale_start=remote.sale_start, sale_end=remote.sale_end,
                                visibility=remote.visibility, tax_rate_bp=remote.tax_rate_bp))
            continue
        product.name, product.price_cents, product.zone = remote.name, remote.price_cents, remote.zone
        product.kind, product.active = remote.kind, True
        for name in ("sale_start", "sale_end", "visibility", "tax_rate_bp"):
            if getattr(product, name) != getattr(remote, name):
                setattr(product, name, getattr(remote, name))
        if product.components != components:
            product.components = components
    for product in local.values():
        product.active = False
