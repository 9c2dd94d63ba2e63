"""What the sync integration tests share: selling like a clerk, reading both databases, fast workers."""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.envelope import dumps
from boxoffice.central.seed import OFFICE_SHARES, ZONES
from boxoffice.core.codes import new_purchase_code
from boxoffice.core.payments import PaymentRequest
from boxoffice.services import delivery, journal
from boxoffice.services.catalog import lines_for
from boxoffice.services.sales import LineRequest, SaleRequest, SaleResult, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Outbox, Product, Sale, SaleTicket, Ticket
from boxoffice.sync.backoff import Backoff
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.central_server import CentralServer
from tests.helpers.terminal import TestTerminal

NORTE = "office_taquilla_norte"
SUR = "office_taquilla_sur"
SYNC = "offline_office_tickets_synchronization"
UNASSIGN = "offline_office_tickets_unassign"
ASSIGN = "offline_office_tickets"


#: Run a sync test on a SQLite and on a PostgreSQL central (issue #12: the trust tests run on both).
both_backends = pytest.mark.parametrize(
    "central", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)], indirect=True)


def wait_until(condition: Callable[[], bool], timeout: float = 60.0, interval: float = 0.1) -> bool:
    """Poll ``condition`` until it holds (True) or ``timeout`` seconds pass (False): for conditions on the
    database, which offers nothing to wait on."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(interval)
    return True


# -- the central platform --------------------------------------------------------------------------------------


def call(central: CentralServer, function: str, data: dict[str, Any], token: str | None = None,
         key: str | None = None) -> httpx.Response:
    """``POST /<function>`` straight to the platform (not through the proxy), as the admin by default."""
    headers = {"Content-Type": "application/json", **central.headers(token or central.admin_token, key)}
    return httpx.post(f"{central.url}/{function}", content=dumps({"data": data}), headers=headers, timeout=60)


def unassigned_seats(central: CentralServer) -> list[str]:
    """Ticket ids of every demo seat no office holds (the seed gives each office 300 of about 2,000)."""
    held = {f"{zone.prefix}{n}" for shares in OFFICE_SHARES.values() for zone in ZONES
            for n in range(shares[zone.name][0], shares[zone.name][1] + 1)}
    return [central.seat_ids[f"{zone.prefix}{n}"] for zone in ZONES for n in range(1, zone.capacity + 1)
            if f"{zone.prefix}{n}" not in held]


def sell_elsewhere(central: CentralServer, office_id: str, ticket_ids: list[str]) -> str:
    """Another channel (here: the other box office, synchronising) sells ``ticket_ids``; its order id."""
    code = new_purchase_code()
    amount = Decimal("25.00") * len(ticket_ids)
    entry = {"ticket": ticket_ids[0], "tickets": ticket_ids, "transactions": [{"method": "cash", "amount": amount}],
             "amount": amount, "event_id": central.event_id, "event_name": "Festival de Verano",
             "office_id": office_id, "office_name": office_id, "status": "completed", "client_id": "",
             "client_name": "", "idempotency_key": uuid.uuid4().hex, "purchase_code": code}
    response = call(central, SYNC, {"ticket_sold": [entry]}, token=central.office_tokens[office_id])
    assert response.status_code == 200, response.text
    return str(response.json()["data"]["results"][0]["order_id"])


@contextmanager
def central_session(central: CentralServer) -> Iterator[Session]:
    """A read transaction on the platform's own database."""
    db = Database(central.db_url)
    try:
        with db.read() as session:
            yield session
    finally:
        db.dispose()


def count(session: Session, model: type, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


# -- the terminal ----------------------------------------------------------------------------------------------


def fast_backoff(seed: int = 0, *, base: float = 0.005, cap: float = 0.05, probe_interval: float = 0.1,
                 dead_after: int = 5) -> Backoff:
    """Backoff on a millisecond scale, so a test rides out many faults in little time."""
    return Backoff(base=base, cap=cap, dead_after=dead_after, probe_interval=probe_interval,
                   rng=random.Random(seed))


def make_worker(store: Store, terminal: TestTerminal, url: str, *, batch_size: int = 100,
                timeout: tuple[float, float] = (2.0, 5.0), backoff: Backoff | None = None,
                horizon_hours: int = 20) -> DeliveryWorker:
    return DeliveryWorker(store.session_factory, lambda: terminal.client(url=url, timeout=timeout),
                          batch_size=batch_size, backoff=backoff or fast_backoff(), horizon_hours=horizon_hours,
                          book=delivery)


@dataclass(frozen=True)
class Delivery:
    """The terminal's side after delivery: what an assertion needs, read in one go."""

    outbox: dict[str, int]  # state -> rows
    delivery: dict[str, int]  # sale delivery_state -> sales
    tickets: dict[str, list[str]]  # completed sale purchase code -> ticket ids


def local_view(store: Store) -> Delivery:
    with store.session_factory() as session:
        outbox = dict(session.execute(select(Outbox.state, func.count()).group_by(Outbox.state)).all())
        delivery = dict(session.execute(select(Sale.delivery_state, func.count())
                                        .group_by(Sale.delivery_state)).all())
        tickets: dict[str, list[str]] = {}
        for code, ticket_id in session.execute(select(Sale.purchase_code, SaleTicket.ticket_id)
                                               .join(SaleTicket, SaleTicket.sale_id == Sale.id)
                                               .where(Sale.status == "completed")):
            tickets.setdefault(code, []).append(ticket_id)
    return Delivery(outbox, delivery, tickets)


def journal_ok(store: Store) -> journal.VerifyResult:
    with store.session_factory() as session:
        return journal.verify(session)


def outbox_row(store: Store, subject: str, kind: str = "sale") -> Outbox:
    with store.session_factory() as session:
        row = session.scalars(select(Outbox).where(Outbox.subject == subject, Outbox.kind == kind)).one()
        session.expunge(row)
        return row


def sale_row(store: Store, purchase_code: str) -> Sale:
    with store.session_factory() as session:
        sale = session.scalars(select(Sale).where(Sale.purchase_code == purchase_code)).one()
        session.expunge(sale)
        return sale


def ticket_states(store: Store, ticket_ids: Sequence[str]) -> dict[str, str]:
    with store.session_factory() as session:
        return dict(session.execute(select(Ticket.id, Ticket.state).where(Ticket.id.in_(list(ticket_ids)))).all())


class Clerk:
    """Sells at one terminal the way the sales screen does: seats or a zone quantity, cash, card or both."""

    ZONE_WEIGHTS = {"General": 6, "Preferente": 3, "VIP": 1}

    def __init__(self, store: Store, terminal: TestTerminal, event_id: str, seed: int = 0) -> None:
        self.store = store
        self.terminal = terminal
        self.event_id = event_id
        self.rng = random.Random(seed)
        self.slips = 0
        with store.session_factory() as session:
            products = list(session.scalars(select(Product).where(Product.event_id == event_id)))
        self.prices = {p.id: p.price_cents for p in products}
        self.family_pass = next(p.id for p in products if p.kind == "family_pass")

    def sell(self, lines: Sequence[LineRequest], pay: str = "cash", customer: str = "Público") -> SaleResult:
        total = sum(self.prices[line.product_id] * line.quantity - line.discount_cents for line in lines)
        request = SaleRequest(self.event_id, tuple(lines), self._payments(total, pay),
                              customer_id="C-1", customer_name=customer)
        return sell(self.store.session_factory, self.terminal.terminal, request)

    def sell_seats(self, ticket_ids: Sequence[str], pay: str = "cash") -> SaleResult:
        return self.sell(lines_for(self.store.session_factory, self.event_id, seats=list(ticket_ids)), pay)

    def sell_zone(self, zone: str = "General", quantity: int = 1, pay: str = "cash",
                  customer: str = "Público") -> SaleResult:
        return self.sell(lines_for(self.store.session_factory, self.event_id, zone=zone, quantity=quantity), pay,
                         customer)

    def available(self, zone: str | None = None) -> list[str]:
        with self.store.session_factory() as session:
            query = select(Ticket.id).where(Ticket.event_id == self.event_id, Ticket.state == "available")
            if zone is not None:
                query = query.where(Ticket.zone == zone)
            return list(session.scalars(query.order_by(Ticket.id)))

    def random_sale(self) -> SaleResult:
        """One of: chosen seats (1-3, maybe across zones), a zone quantity (1-3), a family pass (5 seats), or
        seats plus a zone line; sometimes discounted; paid cash, card, or card + cash."""
        rng = self.rng
        kind = rng.choices(["seats", "zone", "family", "mixed"], weights=[35, 35, 10, 20])[0]
        zone = rng.choices(list(self.ZONE_WEIGHTS), weights=list(self.ZONE_WEIGHTS.values()))[0]
        lines: list[LineRequest] = []
        if kind in ("seats", "mixed"):
            seats = rng.sample(self.available(), rng.randint(1, 3 if kind == "seats" else 2))
            lines += lines_for(self.store.session_factory, self.event_id, seats=seats)
        if kind in ("zone", "mixed"):
            lines += lines_for(self.store.session_factory, self.event_id, zone=zone, quantity=rng.randint(1, 3))
        if kind == "family":
            lines.append(LineRequest(self.family_pass, 1, zone="General"))
        if rng.random() < 0.15:
            first = lines[0]
            discount = self.prices[first.product_id] * first.quantity // 10
            lines[0] = LineRequest(first.product_id, first.quantity, first.ticket_ids, first.zone, discount)
        pay = rng.choices(["cash", "split", "card"], weights=[55, 30, 15])[0]
        return self.sell(lines, pay)

    def _payments(self, total: int, pay: str) -> tuple[PaymentRequest, ...]:
        if pay == "cash" or total == 0:
            return (PaymentRequest("cash", tendered_cents=-(-total // 1000) * 1000),)  # change from a note
        self.slips += 1
        reference = f"SLIP-{self.slips:05d}"
        if pay == "card":
            return (PaymentRequest("card", amount_cents=total, reference=reference),)
        card = max(1, total // 2 - total // 2 % 100)
        rest = total - card
        return (PaymentRequest("card", amount_cents=card, reference=reference),
                PaymentRequest("cash", tendered_cents=rest + self.rng.choice([0, 50, 500])))
