"""A scripted day at one window (#14 "Prove it"): the facades the window uses, over a real SQLite file.

Ana (clerk) opens the shift with a float; 30 sales of every kind (cash with change, card, mixed, family pass, child
tickets, discounts within the clerk limit, one above it approved by the supervisor, a supervisor's own deep
discount, comps by the supervisor) while what a clerk may not do is refused and writes nothing; the supervisor
voids three sales (cash, card, mixed: the cash goes back from the drawer) and returns unsold tickets to the
platform; Ana counts the drawer and closes. Every figure of the Z report is checked against totals this test works
out itself from the price list and the payments it made, never copied from the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.payments import PaymentRequest
from boxoffice.facades.sales import SalesFacade
from boxoffice.facades.shifts import ShiftsFacade
from boxoffice.services import clerks
from boxoffice.services.clerks import ScryptCost, create_clerk
from boxoffice.services.sales import LineRequest, SaleRequest
from boxoffice.store.models import Sale
from tests.helpers.demo_inventory import EVENT_ID, TERMINAL, seed_store

#: The demo price list (tests/helpers/demo_inventory.py), cents.
PRICE = {"tt-gen": 2500, "tt-pre": 4000, "tt-vip": 9000, "tt-nino": 1200, "tt-familia": 8000}
ZONE = {"tt-gen": "General", "tt-pre": "Preferente", "tt-vip": "VIP", "tt-nino": "General", "tt-familia": "General"}
FLOAT = 15000
NOTES_AND_COINS = (50000, 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)


@dataclass
class Planned:
    """One sale of the day as the test sees it: what it asked for and what it expects, worked out here."""

    seller: str
    lines: tuple[tuple[str, int, int], ...]  # (product, quantity, discount cents)
    card: int = 0  # cents charged to a card
    cash: int | None = None  # cents handed over in cash (None: no cash payment)
    comp: bool = False
    approved: bool = False  # a supervisor approved a discount above the clerk limit
    code: str = ""
    voided: bool = False
    tickets: int = field(init=False)

    def __post_init__(self) -> None:
        per_unit = {"tt-familia": 5}
        self.tickets = sum(q * per_unit.get(p, 1) for p, q, _d in self.lines)

    @property
    def total(self) -> int:
        return 0 if self.comp else sum(PRICE[p] * q - d for p, q, d in self.lines)

    @property
    def cash_kept(self) -> int:
        """What stays in the drawer: the total less the card part (the rest of the cash is change)."""
        return self.total - self.card if self.cash is not None else 0

    @property
    def change(self) -> int:
        return (self.cash - self.cash_kept) if self.cash is not None else 0


def day() -> list[Planned]:
    """The 30 sales, in order; amounts tendered as a customer would hand them over."""
    sales = []
    for n in range(1, 9):  # cash with change: General 1-3 tickets, a 50 or 100 note
        qty = 1 + n % 3
        sales.append(Planned("Ana", (("tt-gen", qty, 0),), cash=5000 if qty * 2500 < 5000 else 10000))
    for n in range(6):  # card: Preferente 1-2, both clerks
        sales.append(Planned("Ana" if n % 2 else "Bea", (("tt-pre", 1 + n % 2, 0),), card=4000 * (1 + n % 2)))
    for _ in range(4):  # mixed: 20 € by card, the rest of a VIP in cash from a 100 note
        sales.append(Planned("Ana", (("tt-vip", 1, 0),), card=2000, cash=10000))
    sales.append(Planned("Ana", (("tt-familia", 1, 0),), cash=10000))  # family pass: 2 General + 3 Niño
    sales.append(Planned("Bea", (("tt-familia", 1, 0),), card=8000))
    sales.append(Planned("Ana", (("tt-gen", 2, 500),), cash=5000))  # 10 % of 50,00: the clerk limit exactly
    sales.append(Planned("Ana", (("tt-gen", 1, 250),), cash=2250))  # 10 %, exact money
    sales.append(Planned("Ana", (("tt-pre", 1, 150), ("tt-gen", 1, 0)), card=6350))  # 3.75 % on one line
    sales.append(Planned("Bea", (("tt-vip", 1, 4500),), card=4500))  # a supervisor's own 50 %
    sales.append(Planned("Ana", (("tt-gen", 2, 1000),), cash=5000, approved=True))  # 20 %: Bea approves
    sales.append(Planned("Bea", (("tt-gen", 2, 0),), comp=True))  # comps, by the supervisor
    sales.append(Planned("Bea", (("tt-pre", 1, 0),), comp=True))
    sales.append(Planned("Ana", (("tt-nino", 2, 0), ("tt-gen", 1, 0)), cash=5000))  # child tickets
    sales.append(Planned("Ana", (("tt-pre", 1, 0),), cash=4000))  # exact money
    sales.append(Planned("Bea", (("tt-vip", 2, 0),), card=18000))
    return sales


def request_for(plan: Planned, ids: dict[str, int]) -> SaleRequest:
    lines = tuple(LineRequest(p, q, zone=ZONE[p], discount_cents=d) for p, q, d in plan.lines)
    payments = []
    if plan.card:
        payments.append(PaymentRequest("card", amount_cents=plan.card, reference="AUT-123456"))
    if plan.cash is not None:
        payments.append(PaymentRequest("cash", tendered_cents=plan.cash))
    if plan.comp:
        return SaleRequest(EVENT_ID, lines, (), clerk_id=ids[plan.seller], comp_reason="Prensa",
                           customer_name="Diario Local")
    return SaleRequest(EVENT_ID, lines, tuple(payments), clerk_id=ids[plan.seller],
                       discount_approved_by=ids["Bea"] if plan.approved else None)


def count_in_notes(cents: int) -> dict[int, int]:
    """The drawer as Ana counts it: largest notes first."""
    counted: dict[int, int] = {}
    for value in NOTES_AND_COINS:
        pieces, cents = divmod(cents, value)
        if pieces:
            counted[value] = pieces
    return counted


def sale_count(store) -> int:
    with store.read_session_factory() as session:
        return session.scalar(select(func.count()).select_from(Sale))


def test_a_day_at_the_window_reconciles_to_the_cent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clerks, "PIN_COST", ScryptCost(log_n=4))
    store = seed_store(tmp_path / "boxoffice.sqlite3", shift=False)
    try:
        ana = create_clerk(store.session_factory, "Ana", "1357", role="clerk")
        bea = create_clerk(store.session_factory, "Bea", "2468", role="supervisor")
        ids = {"Ana": ana.id, "Bea": bea.id}
        sales = SalesFacade(store.session_factory, store.read_session_factory, TERMINAL, lambda: None)
        shifts = ShiftsFacade(store.session_factory, store.read_session_factory)

        # before the shift nothing sells
        with pytest.raises(BoxOfficeError) as refused:
            sales.sell(request_for(Planned("Ana", (("tt-gen", 1, 0),), cash=2500), ids))
        assert refused.value.code == "no_open_shift"
        shift = shifts.open(ana.id, FLOAT, actor="Ana").value

        plans = day()
        assert len(plans) == 30 and all(p.change > 0 for p in plans[:8])
        for plan in plans:
            result = sales.sell(request_for(plan, ids)).value
            assert (result.total_cents, result.change_cents, len(result.tickets)) == \
                (plan.total, plan.change, plan.tickets), plan
            plan.code = result.purchase_code

        # what a clerk may not do is refused and writes nothing
        before = sale_count(store)
        for forbidden in (Planned("Ana", (("tt-gen", 1, 0),), comp=True),  # a clerk's comp
                          Planned("Ana", (("tt-gen", 2, 1500),), cash=5000)):  # 30 % without approval
            with pytest.raises(BoxOfficeError):
                sales.sell(request_for(forbidden, ids))
        with pytest.raises(BoxOfficeError):
            sales.void(plans[0].code, "no reason to", actor="Ana")  # voids are the supervisor's
        assert sale_count(store) == before

        # the supervisor voids a cash, a card and a mixed sale, and returns four unsold VIP seats
        for index, reason in ((2, "wrong date"), (9, "customer changed their mind"), (15, "double sale")):
            sales.void(plans[index].code, reason, actor="Bea")
            plans[index].voided = True
        unsold = sales.select_unsold(EVENT_ID, zone="VIP").ticket_ids[:4]
        sales.return_tickets(EVENT_ID, unsold, actor="Bea")

        # the drawer: float, plus the cash kept by every sale still standing (a void of this shift hands its
        # cash back; it came in earlier the same day)
        standing = [p for p in plans if not p.voided]
        expected_cash = FLOAT + sum(p.cash_kept for p in standing)
        counted_cents = expected_cash - 100  # Ana is one euro short
        closed = shifts.close(shift.id, count_in_notes(counted_cents), "Ana").value
    finally:
        store.close()

    report = closed.report
    assert report is not None
    paid = [p for p in standing if not p.comp]
    comps = [p for p in standing if p.comp]
    voided = [p for p in plans if p.voided]
    assert report["sales"] == {"count": len(paid), "total_cents": sum(p.total for p in paid)}
    assert report["comps"] == {"count": 2, "tickets": sum(p.tickets for p in comps)}
    assert report["voids"] == {"count": 3, "total_cents": sum(p.total for p in voided), "earlier_shift_count": 0}
    assert report["returns"] == {"count": 1, "tickets": 4}
    assert report["card"] == {"total_cents": sum(p.card for p in paid)}
    cash = report["cash"]
    assert cash["float_cents"] == FLOAT
    assert cash["taken_cents"] == sum(p.cash or 0 for p in paid)
    assert cash["change_cents"] == sum(p.change for p in paid)
    assert cash["sales_cents"] == sum(p.cash_kept for p in paid)
    assert cash["refunded_cents"] == 0
    assert cash["expected_cents"] == expected_cash
    assert (cash["counted_cents"], cash["difference_cents"]) == (counted_cents, -100)
    # the whole day adds up: every cent of every standing sale is in the drawer or on a card
    assert cash["sales_cents"] + report["card"]["total_cents"] == report["sales"]["total_cents"]
    by_clerk = Counter(p.seller for p in paid)
    assert report["per_clerk"] == {
        name: {"sales": by_clerk[name], "total_cents": sum(p.total for p in paid if p.seller == name),
               "comps": sum(1 for p in comps if p.seller == name)} for name in ("Ana", "Bea")}
    quantity: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for plan in paid:
        for product, qty, discount in plan.lines:
            quantity[product] += qty
            total[product] += PRICE[product] * qty - discount
    for product in quantity:
        row = report["per_product"][product]
        assert (row["quantity"], row["total_cents"]) == (quantity[product], total[product]), product
    assert report["per_product"]["tt-gen"]["comp_quantity"] == 2
    assert report["per_product"]["tt-pre"]["comp_quantity"] == 1
