"""Shifts and the Z report: totals checked against sales made in the test."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select

from boxoffice.services import shifts
from boxoffice.services.returns import return_tickets, void_sale
from boxoffice.services.sales import sell
from boxoffice.services.shifts import (
    InvalidCount,
    NoOpenShift,
    OpenNeedsSupervisor,
    SaleInProgress,
    ShiftAlreadyOpen,
    ShiftNeeded,
    close_shift,
    current_shift,
    open_shift,
)
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry, Sale, Shift
from tests.unit.services.services_helpers import (
    GENERAL,
    P_GEN,
    P_PREF,
    P_VIP,
    PREFERENTE,
    TERMINAL,
    VIP,
    card,
    cash,
    dump,
    execute,
    request,
    seats,
    sell_seats,
    ticket_id,
)

ANA, BEA = 1, 2


def add_clerks(store: Store) -> None:
    with store.session_factory.begin() as session:
        session.add(Clerk(id=ANA, name="Ana", role="clerk", pin_hash="scrypt$x"))
        session.add(Clerk(id=BEA, name="Bea", role="supervisor", pin_hash="scrypt$x"))


def G(n: int) -> str:
    return ticket_id(GENERAL, n)


@pytest.fixture
def clerks(store: Store) -> Store:
    """The seeded store with Ana and Bea and no shift open (the fixture's shift taken away, nothing in it)."""
    execute(store, "DELETE FROM shifts")
    add_clerks(store)
    return store


def test_open_shift_and_current_shift(clerks: Store) -> None:
    assert current_shift(clerks.session_factory) is None
    shift = open_shift(clerks.session_factory, ANA, 10000)
    current = current_shift(clerks.session_factory)
    assert current is not None and current.id == shift.id
    assert current.float_cents == 10000 and current.closed_at is None
    with clerks.session_factory() as session:
        kinds = list(session.scalars(select(JournalEntry.kind)))
    assert kinds[-1] == "shift_open"


def test_a_second_open_shift_is_refused(clerks: Store) -> None:
    open_shift(clerks.session_factory, ANA, 10000)
    with pytest.raises(ShiftAlreadyOpen, match="still open"):
        open_shift(clerks.session_factory, BEA, 5000)
    with clerks.session_factory() as session:
        assert len(list(session.scalars(select(Shift)))) == 1


def test_a_new_shift_can_open_after_the_close(clerks: Store) -> None:
    first = open_shift(clerks.session_factory, ANA, 0)
    close_shift(clerks.session_factory, first.id, {}, "Ana")
    assert current_shift(clerks.session_factory) is None
    second = open_shift(clerks.session_factory, BEA, 100)
    assert second.id != first.id


def test_close_is_refused_while_a_sale_is_in_progress(clerks: Store) -> None:
    shift = open_shift(clerks.session_factory, ANA, 10000)
    with pytest.raises(SaleInProgress):
        close_shift(clerks.session_factory, shift.id, {1000: 10}, "Ana", sale_in_progress=True)
    current = current_shift(clerks.session_factory)
    assert current is not None and current.closed_at is None and current.report is None


def test_close_refuses_bad_counts_and_closed_shifts(clerks: Store) -> None:
    shift = open_shift(clerks.session_factory, ANA, 0)
    with pytest.raises(InvalidCount):
        close_shift(clerks.session_factory, shift.id, {1000: -1}, "Ana")
    with pytest.raises(InvalidCount):
        close_shift(clerks.session_factory, shift.id, {0: 1}, "Ana")
    close_shift(clerks.session_factory, shift.id, {}, "Ana")
    with pytest.raises(NoOpenShift):
        close_shift(clerks.session_factory, shift.id, {}, "Ana")
    with pytest.raises(NoOpenShift):
        close_shift(clerks.session_factory, 999, {}, "Ana")


def test_z_report_totals_match_the_sales_of_the_shift(clerks: Store) -> None:
    factory = clerks.session_factory
    with pytest.raises(ShiftNeeded):  # before the shift: no sale at all, so none outside the report
        sell_seats(clerks, G(12))
    shift = open_shift(factory, ANA, 10000)
    # Ana: two General for cash, 100.00 handed over, 50.00 change
    sell(factory, TERMINAL, request(seats(G(1), G(2)), payments=[cash(10000)], clerk_id=ANA))
    # Ana: a Preferente by card
    sell(factory, TERMINAL, request(seats(ticket_id(PREFERENTE, 1), product=P_PREF),
                                    payments=[card(4000)], clerk_id=ANA))
    # Bea: a VIP split 20.00 card + 50.00 cash (40.00 due, 10.00 change)
    sell(factory, TERMINAL, request(seats(ticket_id(VIP, 1), product=P_VIP),
                                    payments=[card(2000), cash(5000)], clerk_id=BEA))
    # Bea: a General for cash, then voided
    voided = sell(factory, TERMINAL, request(seats(G(3)), payments=[cash(2500)], clerk_id=BEA))
    void_sale(factory, TERMINAL, voided.purchase_code, "wrong seat", actor="Bea")
    # Bea: a comp (a supervisor, with a reason and a recipient; nothing paid)
    sell(factory, TERMINAL, request(seats(G(4)), clerk_id=BEA, comp_reason="Prensa", customer_name="Pat Lee"))
    # two tickets returned to the platform
    return_tickets(factory, TERMINAL, "EV1", [G(10), G(11)], actor="Bea")

    closed = close_shift(factory, shift.id, {5000: 3, 2000: 1, 1000: 1, 500: 1, 100: 2}, "Ana")
    report = closed.report
    assert report is not None
    assert closed.counted_cents == 15000 + 2000 + 1000 + 500 + 200
    assert report["sales"] == {"count": 3, "total_cents": 5000 + 4000 + 6000}
    assert report["voids"] == {"count": 1, "total_cents": 2500, "earlier_shift_count": 0}
    assert report["comps"] == {"count": 1, "tickets": 1}
    assert report["returns"] == {"count": 1, "tickets": 2}
    assert report["card"] == {"total_cents": 4000 + 2000}
    cash_part = report["cash"]
    assert cash_part["taken_cents"] == 10000 + 5000
    assert cash_part["change_cents"] == 5000 + 1000
    assert cash_part["sales_cents"] == 5000 + 4000
    assert cash_part["refunded_cents"] == 0
    assert cash_part["expected_cents"] == 10000 + 15000 - 6000
    assert cash_part["counted_cents"] == 18700
    assert cash_part["difference_cents"] == 18700 - 19000
    assert report["per_clerk"] == {"Ana": {"sales": 2, "total_cents": 9000, "comps": 0},
                                   "Bea": {"sales": 1, "total_cents": 6000, "comps": 1}}
    assert report["per_product"][P_GEN] == {"description": GENERAL, "quantity": 2, "total_cents": 5000,
                                            "comp_quantity": 1}
    assert report["per_product"][P_PREF]["quantity"] == 1
    assert report["per_product"][P_VIP]["total_cents"] == 6000
    with factory() as session:
        stored = session.get(Shift, shift.id)
        assert stored is not None
        assert stored.report_json == report
        assert stored.counted_json == {"5000": 3, "2000": 1, "1000": 1, "500": 1, "100": 2}
        last = session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc())).first()
        assert last is not None and last.kind == "shift_close" and last.actor == "Ana"
    # after the close nothing sells until the next shift opens
    with pytest.raises(ShiftNeeded):
        sell_seats(clerks, G(5))
    with factory() as session:
        again = session.get(Shift, shift.id)
        assert again is not None and again.report_json == report


def test_a_void_of_an_earlier_shift_sale_is_refunded_from_the_current_drawer(clerks: Store) -> None:
    factory = clerks.session_factory
    first = open_shift(factory, ANA, 5000)
    earlier = sell(factory, TERMINAL, request(seats(G(1)), payments=[cash(3000)], clerk_id=ANA))
    closed = close_shift(factory, first.id, {5000: 1, 2500: 1}, "Ana")
    assert closed.report is not None
    assert closed.report["cash"]["expected_cents"] == 5000 + 3000 - 500
    assert closed.report["cash"]["difference_cents"] == 0
    second = open_shift(factory, BEA, 5000)
    void_sale(factory, TERMINAL, earlier.purchase_code, "refund", actor="Bea")
    report = close_shift(factory, second.id, {2500: 1}, "Bea").report
    assert report is not None
    assert report["sales"] == {"count": 0, "total_cents": 0}
    assert report["voids"] == {"count": 1, "total_cents": 2500, "earlier_shift_count": 1}
    assert report["cash"]["refunded_cents"] == 2500
    assert report["cash"]["expected_cents"] == 5000 - 2500
    assert report["cash"]["difference_cents"] == 0


def test_a_sale_with_a_shift_id_belongs_to_that_shift_only(clerks: Store) -> None:
    factory = clerks.session_factory
    shift = open_shift(factory, ANA, 0)
    code = sell(factory, TERMINAL, request(seats(G(1)), payments=[cash(2500)], clerk_id=ANA)).purchase_code
    other = close_shift(factory, shift.id, {2500: 1}, "Ana")
    second = open_shift(factory, ANA, 0)
    execute(clerks, "UPDATE sales SET shift_id = :s WHERE purchase_code = :c", s=second.id, c=code)
    report = close_shift(factory, second.id, {2500: 1}, "Ana").report
    assert other.report is not None and other.report["sales"]["count"] == 1  # stored at its close, kept
    assert report is not None and report["sales"] == {"count": 1, "total_cents": 2500}


def test_sales_made_during_an_open_shift_carry_its_id(clerks: Store) -> None:
    shift = open_shift(clerks.session_factory, ANA, 0)
    during = sell(clerks.session_factory, TERMINAL, request(seats(G(11)), payments=[cash(2500)], clerk_id=ANA))
    with clerks.session_factory() as session:
        ids = dict(session.execute(select(Sale.purchase_code, Sale.shift_id)).all())
    assert ids == {during.purchase_code: shift.id}


# --- every sale, void and return belongs to a shift (#14) --------------------------------------------------


def test_with_no_shift_open_a_sale_a_void_and_a_return_are_refused_and_write_nothing(clerks: Store) -> None:
    factory = clerks.session_factory
    shift = open_shift(factory, ANA, 0)
    sold = sell(factory, TERMINAL, request(seats(G(1)), payments=[cash(2500)], clerk_id=ANA))
    close_shift(factory, shift.id, {2500: 1}, "Ana")
    before = dump(clerks)
    attempts = [lambda: sell(factory, TERMINAL, request(seats(G(2)), payments=[cash(2500)], clerk_id=ANA)),
                lambda: void_sale(factory, TERMINAL, sold.purchase_code, "wrong seat", actor="Bea"),
                lambda: return_tickets(factory, TERMINAL, "EV1", [G(3)], actor="Bea")]
    for attempt, action in zip(attempts, ("sale", "void", "return"), strict=True):
        with pytest.raises(ShiftNeeded) as refused:
            attempt()
        assert refused.value.code == "no_open_shift" and refused.value.params == {"action": action}
    assert dump(clerks) == before


def test_a_training_sale_needs_no_shift(clerks: Store) -> None:
    training = dataclasses.replace(TERMINAL, training=True)
    result = sell(clerks.session_factory, training, request(seats(G(1)), payments=[cash(2500)], clerk_id=ANA))
    assert result.total_cents == 2500


def test_a_door_clerk_cannot_open_a_shift(clerks: Store) -> None:
    with clerks.session_factory.begin() as session:
        session.add(Clerk(id=3, name="Dani", role="door", pin_hash="scrypt$x"))
    with pytest.raises(OpenNeedsSupervisor) as refused:
        open_shift(clerks.session_factory, 3, 0)
    assert refused.value.code == "shift_open_needs_supervisor"
    assert current_shift(clerks.session_factory) is None


def test_voids_and_returns_name_their_shift_and_count_in_it_only(clerks: Store) -> None:
    """A void in shift 2 of a sale from shift 1 is shift 2's cash out; shift 1 keeps the sale it closed with."""
    factory = clerks.session_factory
    first = open_shift(factory, ANA, 1000)
    card_sale = sell(factory, TERMINAL, request(seats(G(1)), payments=[card(2500)], clerk_id=ANA))
    cash_sale = sell(factory, TERMINAL, request(seats(G(2), G(3)), payments=[cash(6000)], clerk_id=ANA))
    return_tickets(factory, TERMINAL, "EV1", [G(10)], actor="Bea")
    one = close_shift(factory, first.id, {1000: 6}, "Bea").report
    assert one is not None
    assert one["sales"] == {"count": 2, "total_cents": 7500}
    assert one["returns"] == {"count": 1, "tickets": 1}
    assert one["cash"]["expected_cents"] == 1000 + 5000 and one["cash"]["difference_cents"] == 0

    second = open_shift(factory, BEA, 2000)
    void_sale(factory, TERMINAL, cash_sale.purchase_code, "customer changed their mind", actor="Bea")
    void_sale(factory, TERMINAL, card_sale.purchase_code, "double charge", actor="Bea")
    return_tickets(factory, TERMINAL, "EV1", [G(11), G(12)], actor="Bea")
    with factory() as session:
        shift_of_void = dict(session.execute(select(Sale.purchase_code, Sale.void_shift_id)).all())
        returns = [json.loads(p) for p in session.scalars(
            select(JournalEntry.payload).where(JournalEntry.kind == "return").order_by(JournalEntry.seq))]
    assert shift_of_void == {card_sale.purchase_code: second.id, cash_sale.purchase_code: second.id}
    assert [r["shift_id"] for r in returns] == [first.id, second.id]
    two = close_shift(factory, second.id, {1000: 2}, "Bea").report
    assert two is not None
    assert two["sales"] == {"count": 0, "total_cents": 0}
    assert two["voids"] == {"count": 2, "total_cents": 7500, "earlier_shift_count": 2}
    assert two["returns"] == {"count": 1, "tickets": 2}
    assert two["cash"]["refunded_cents"] == 5000  # the cash sale's money; the card one goes back to the card
    assert two["cash"]["expected_cents"] == 2000 - 5000
    with factory() as session:
        assert session.get(Shift, first.id).report_json == one  # kept as it closed


def test_voids_and_returns_recorded_before_they_named_a_shift_count_by_their_time(clerks: Store) -> None:
    factory = clerks.session_factory
    shift = open_shift(factory, ANA, 0)
    sold = sell(factory, TERMINAL, request(seats(G(1)), payments=[cash(2500)], clerk_id=ANA))
    void_sale(factory, TERMINAL, sold.purchase_code, "wrong seat", actor="Bea")
    return_tickets(factory, TERMINAL, "EV1", [G(10)], actor="Bea")
    # as an older version wrote them: no void_shift_id, a return entry without shift_id
    execute(clerks, "UPDATE sales SET void_shift_id = NULL")
    with factory() as session:
        preview = shifts.shift_preview(factory, shift.id)
        entry = session.scalars(select(JournalEntry).where(JournalEntry.kind == "return")).one()
    assert preview["voids"]["count"] == 1 and preview["returns"]["count"] == 1
    legacy = json.loads(entry.payload)
    legacy.pop("shift_id")
    execute(clerks, "UPDATE journal SET payload = :p WHERE seq = :s", p=json.dumps(legacy), s=entry.seq)
    assert shifts.shift_preview(factory, shift.id)["returns"] == {"count": 1, "tickets": 1}
