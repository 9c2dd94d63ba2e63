"""Helpers shared by the services tests (import as tests.unit.services.services_helpers).

The seeded inventory is what a pull of the demo event looks like: three zones with seats, one ``ticket``
product per zone, a ``child`` product for General and a family pass (2 adults + 3 children, General seats).
A second event exists so a seat of the wrong event can be offered to a sale.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.payments import PaymentRequest
from boxoffice.services.context import Terminal
from boxoffice.services.inventory import MergeReport, RemoteProduct, RemoteTicket, merge_inventory
from boxoffice.services.sales import LineRequest, SaleRequest, SaleResult, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Base, Outbox, Sale, Ticket

TERMINAL = Terminal(office_id="OF1", office_name="Taquilla Centro", terminal_id="T1")

EVENT = "EV1"
EVENT_NAME = "Concierto de primavera"
STARTS_AT = datetime(2025, 4, 1, 20, 0, tzinfo=UTC)
OTHER_EVENT = "EV2"

GENERAL, PREFERENTE, VIP = "General", "Preferente", "VIP"
P_GEN, P_PREF, P_VIP, P_CHILD, P_FAMILY = "TT-GEN", "TT-PREF", "TT-VIP", "TT-NINO", "TT-FAM"
PRICES = {P_GEN: 2500, P_PREF: 4000, P_VIP: 6000, P_CHILD: 1500, P_FAMILY: 8000}
SEATS_PER_ZONE = {GENERAL: 12, PREFERENTE: 4, VIP: 3}
COLORS = {GENERAL: "#00AA00", PREFERENTE: "#0000AA", VIP: "#AA0000"}
PREFIX = {GENERAL: "G", PREFERENTE: "P", VIP: "V"}


def ticket_id(zone: str, n: int, event: str = EVENT) -> str:
    """``EV1-G03``: the composite id of seat ``n`` (1-based) of ``zone``."""
    return f"{event}-{PREFIX[zone]}{n:02d}"


def zone_ids(zone: str, event: str = EVENT) -> list[str]:
    return [ticket_id(zone, n, event) for n in range(1, SEATS_PER_ZONE[zone] + 1)]


def remote_tickets(event: str = EVENT, *, unavailable: Sequence[str] = (), drop: Sequence[str] = ()
                   ) -> list[RemoteTicket]:
    """The central platform's list for ``event``: every seat, minus ``drop``, with ``unavailable`` flagged."""
    out = []
    for zone, count in SEATS_PER_ZONE.items():
        for n in range(1, count + 1):
            tid = ticket_id(zone, n, event)
            if tid in drop:
                continue
            out.append(RemoteTicket(ticket_id=tid, seat_id=f"{PREFIX[zone]}{n:02d}", zone=zone,
                                    color=COLORS[zone], available=tid not in unavailable,
                                    row="A" if n <= count // 2 else "B"))
    return out


def product_id(product: str, event: str = EVENT) -> str:
    """Product ids are the central platform's, unique across events: EV1's keep the plain names."""
    return product if event == EVENT else f"{event}-{product}"


def remote_products(event: str = EVENT, *, drop: Sequence[str] = (), prices: dict[str, int] | None = None
                    ) -> list[RemoteProduct]:
    price = {**PRICES, **(prices or {})}
    gen, child = product_id(P_GEN, event), product_id(P_CHILD, event)
    products = [
        RemoteProduct(P_GEN, GENERAL, price[P_GEN], GENERAL, "ticket", None),
        RemoteProduct(P_PREF, PREFERENTE, price[P_PREF], PREFERENTE, "ticket", None),
        RemoteProduct(P_VIP, VIP, price[P_VIP], VIP, "ticket", None),
        RemoteProduct(P_CHILD, "Niño", price[P_CHILD], GENERAL, "child", None),
        RemoteProduct(P_FAMILY, "Pase Familiar", price[P_FAMILY], GENERAL, "family_pass", ((gen, 2), (child, 3))),
    ]
    return [RemoteProduct(product_id(p.id, event), p.name, p.price_cents, p.zone, p.kind, p.components)
            for p in products if p.id not in drop]


def pull(store: Store, *, event: str = EVENT, unavailable: Sequence[str] = (), drop: Sequence[str] = (),
         drop_products: Sequence[str] = (), prices: dict[str, int] | None = None,
         name: str = EVENT_NAME) -> MergeReport:
    """One pull of ``event`` as the central platform would answer it."""
    return merge_inventory(store.session_factory, event, name, STARTS_AT,
                           remote_tickets(event, unavailable=unavailable, drop=drop),
                           remote_products(event, drop=drop_products, prices=prices))


def seed(store: Store) -> Store:
    pull(store)
    pull(store, event=OTHER_EVENT, name="Otro evento")
    return store


# --- requests ----------------------------------------------------------------------------------------------


def cash(tendered: int) -> PaymentRequest:
    return PaymentRequest("cash", tendered_cents=tendered)


def card(amount: int, reference: str | None = "SLIP-1") -> PaymentRequest:
    return PaymentRequest("card", amount_cents=amount, reference=reference)


def request(*lines: LineRequest, payments: Sequence[PaymentRequest] = (), event: str = EVENT,
            **fields: Any) -> SaleRequest:
    return SaleRequest(event_id=event, lines=tuple(lines), payments=tuple(payments), **fields)


def seats(*ids: str, product: str = P_GEN, discount: int = 0) -> LineRequest:
    return LineRequest(product_id=product, quantity=len(ids), ticket_ids=tuple(ids), discount_cents=discount)


def sell_seats(store: Store, *ids: str, product: str = P_GEN) -> SaleResult:
    """Sell ``ids`` for cash, exact money."""
    total = PRICES[product] * len(ids)
    return sell(store.session_factory, TERMINAL, request(seats(*ids, product=product), payments=[cash(total)]))


# --- looking at the database -------------------------------------------------------------------------------


def dump(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (and the AUTOINCREMENT counters), to prove something wrote nothing."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            out[table.name] = sorted(tuple(row) for row in connection.execute(
                text(f'SELECT * FROM "{table.name}"')))
        out["sqlite_sequence"] = sorted(tuple(row) for row in connection.execute(
            text("SELECT name, seq FROM sqlite_sequence")))
    return out


def states(store: Store, ids: Sequence[str]) -> dict[str, str]:
    with store.read_session_factory() as session:
        return {tid: st for tid, st in session.execute(select(Ticket.id, Ticket.state).where(Ticket.id.in_(ids)))}


def state(store: Store, tid: str) -> str:
    return states(store, [tid])[tid]


def load_sale(session: Session, code: str) -> Sale:
    return session.scalars(select(Sale).where(Sale.purchase_code == code)).one()


def outbox_rows(factory: sessionmaker[Session]) -> list[Outbox]:
    with factory() as session:
        return list(session.scalars(select(Outbox).order_by(Outbox.id)))


def execute(store: Store, sql: str, **params: Any) -> None:
    """Change the database behind the services' back (tampering, or the sync worker's part)."""
    with store.engine.begin() as connection:
        connection.execute(text(sql), params)
