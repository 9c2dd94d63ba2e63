"""sell(): a valid cart is written whole (sale, codes, payments, outbox row, journal entry) in one transaction;
anything wrong is refused with a typed error and writes nothing."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, func, select, update

from boxoffice.core.codes import parse_code
from boxoffice.core.discounts import DiscountRefused
from boxoffice.core.errors import (
    InvalidSale,
    PaymentShort,
    SaleRejected,
    SeatNotAvailable,
    UnknownEvent,
    UnknownProduct,
)
from boxoffice.services import journal, sales
from boxoffice.services.sales import LineRequest, SaleRequest, SaleResult, sale_snapshot, sell
from boxoffice.store.engine import Store, open_store
from boxoffice.store.models import (
    Clerk,
    Event,
    JournalEntry,
    Outbox,
    Payment,
    Product,
    Sale,
    SaleItem,
    SaleTicket,
    Ticket,
)
from boxoffice.store.types import canonical_json
from tests.unit.services.services_helpers import (
    GENERAL,
    OTHER_EVENT,
    P_CHILD,
    P_FAMILY,
    P_GEN,
    P_PREF,
    P_VIP,
    PREFERENTE,
    PRICES,
    TERMINAL,
    VIP,
    card,
    cash,
    dump,
    load_sale,
    request,
    seats,
    sell_seats,
    state,
    states,
    ticket_id,
    zone_ids,
)

G1, G2, G3, G4, G5, G6 = (ticket_id(GENERAL, n) for n in range(1, 7))


def do_sell(store: Store, *lines: LineRequest, payments: Any = None, **fields: Any) -> SaleResult:
    if payments is None:
        payments = [cash(10**7)]
    return sell(store.session_factory, TERMINAL, request(*lines, payments=payments, **fields))


# --- what a sale writes --------------------------------------------------------------------------------------


def test_chosen_seats_are_sold_in_the_order_chosen(store: Store) -> None:
    result = do_sell(store, seats(G4, G2), payments=[cash(5000)])
    assert result.total_cents == 5000
    assert result.change_cents == 0
    assert [t.ticket_id for t in result.tickets] == [G4, G2]
    assert [(t.seat_id, t.zone, t.product_id, t.description, t.price_cents) for t in result.tickets] == [
        ("G04", GENERAL, P_GEN, GENERAL, 2500), ("G02", GENERAL, P_GEN, GENERAL, 2500)]
    assert states(store, [G1, G2, G3, G4]) == {G1: "available", G2: "sold", G3: "available", G4: "sold"}


def test_a_zone_quantity_takes_available_seats_only(store: Store) -> None:
    sell_seats(store, G1, G3)
    result = do_sell(store, LineRequest(P_GEN, quantity=3))
    picked = [t.ticket_id for t in result.tickets]
    assert picked == [G4, G5, G6]  # together: G2 is free but alone between two sold seats
    assert all(t.zone == GENERAL for t in result.tickets)
    assert set(states(store, picked).values()) == {"sold"}


def test_a_zone_quantity_in_a_named_zone(store: Store) -> None:
    result = do_sell(store, LineRequest(P_PREF, quantity=2, zone=PREFERENTE))
    assert [t.ticket_id for t in result.tickets] == zone_ids(PREFERENTE)[:2]


def test_a_family_pass_issues_two_adult_and_three_child_tickets(store: Store) -> None:
    result = do_sell(store, LineRequest(P_FAMILY, quantity=1), payments=[cash(10000)])
    code = result.purchase_code
    assert parse_code(code).kind == "purchase"
    assert result.total_cents == PRICES[P_FAMILY] == 8000
    assert result.change_cents == 2000
    assert [(t.product_id, t.description) for t in result.tickets] == (
        [(P_GEN, GENERAL)] * 2 + [(P_CHILD, "Niño")] * 3)
    assert [t.zone for t in result.tickets] == [GENERAL] * 5
    assert sum(t.price_cents for t in result.tickets) == 8000
    for number, sold in enumerate(result.tickets, start=1):
        parsed = parse_code(sold.barcode)
        assert (parsed.kind, parsed.purchase, parsed.number) == ("ticket", code, number)
    with store.read_session_factory() as session:
        sale = load_sale(session, code)
        assert [(i.item_code, i.product_id, i.description, i.quantity, i.unit_cents, i.total_cents)
                for i in sale.items] == [(code + "0000", P_FAMILY, "Pase Familiar", 1, 8000, 8000)]
        assert [(t.ticket_id, t.product_id, t.description) for t in sale.items[0].tickets] == [
            (t.ticket_id, t.product_id, t.description) for t in result.tickets]


def test_several_lines_get_item_codes_in_order_and_ticket_numbers_across_lines(store: Store) -> None:
    result = do_sell(store,
                     seats(G1, G2, discount=500),
                     LineRequest(P_VIP, quantity=1),
                     LineRequest(P_FAMILY),
                     LineRequest(P_PREF, quantity=3, discount_cents=1001),
                     payments=[card(20000, "SLIP-77"), cash(20000)],
                     allow_split=True)  # Preferente's rows hold two seats each
    code = result.purchase_code
    expected_lines = [(2, 2500, 500), (1, 6000, 0), (1, 8000, 0), (3, 4000, 1001)]
    expected_totals = [q * unit - discount for q, unit, discount in expected_lines]
    assert expected_totals == [4500, 6000, 8000, 10999]
    assert result.total_cents == sum(expected_totals) == 29499
    assert result.change_cents == 20000 - (29499 - 20000)
    with store.read_session_factory() as session:
        sale = load_sale(session, code)
        assert [i.item_code for i in sale.items] == [f"{code}{n:04d}" for n in range(4)]
        assert all(parse_code(i.item_code).kind == "item" for i in sale.items)
        assert [(i.quantity, i.unit_cents, i.discount_cents) for i in sale.items] == expected_lines
        assert [i.total_cents for i in sale.items] == expected_totals
        for item in sale.items:
            assert sum(t.price_cents for t in item.tickets) == item.total_cents
        assert [len(i.tickets) for i in sale.items] == [2, 1, 5, 3]
        numbers = [parse_code(t.barcode).number for t in sale.tickets]
        assert numbers == list(range(1, 12))
        assert len({t.barcode for t in sale.tickets}) == 11
        assert [(p.method, p.amount_cents, p.tendered_cents, p.change_cents, p.reference) for p in sale.payments] \
            == [("card", 20000, None, 0, "SLIP-77"), ("cash", 9499, 20000, 10501, None)]


def test_a_discount_spreads_over_the_line_tickets_in_whole_cents(store: Store) -> None:
    result = do_sell(store, seats(G1, G2, G3, discount=1))
    assert [t.price_cents for t in result.tickets] == [2500, 2500, 2499]


def test_a_line_discounted_to_zero_is_refused_as_a_comp(store: Store) -> None:
    """The whole price off is a comp (supervisor, reason, recipient: test_comps.py), never a discount (#14)."""
    error = assert_refused(store, DiscountRefused, request(seats(G1, discount=2500), payments=[]))
    assert error.code == "discount_is_comp"
    assert state(store, G1) == "available"


def test_the_sale_its_rows_outbox_and_journal_are_written_together(store: Store) -> None:
    before = dump(store)
    result = do_sell(store, seats(G1, G2), LineRequest(P_FAMILY), payments=[card(5000, "S1"), cash(10000)],
                     customer_id="C-42", customer_name="Lucía", notes="fila cerca del pasillo")
    after = dump(store)
    grown = {t: len(after[t]) - len(before[t]) for t in before if t != "sqlite_sequence"}
    assert {t: n for t, n in grown.items() if n} == {"sales": 1, "sale_items": 2, "sale_tickets": 7, "payments": 2,
                                                     "outbox": 1, "journal": 1}
    changed = {t for t in before if t not in grown or not grown[t]} - {"tickets", "sqlite_sequence"}
    assert all(after[t] == before[t] for t in changed)
    with store.read_session_factory() as session:
        sale = load_sale(session, result.purchase_code)
        assert (sale.status, sale.delivery_state, sale.total_cents) == ("completed", "pending", 13000)
        assert (sale.customer_id, sale.customer_name, sale.notes) == ("C-42", "Lucía", "fila cerca del pasillo")
        assert sale.created_at.tzinfo is not None
        assert all(t.sale_status == "completed" for t in sale.tickets)
        outbox = session.scalars(select(Outbox)).one()
        assert (outbox.kind, outbox.subject, outbox.state, outbox.attempts) == (
            "sale", result.purchase_code, "pending", 0)
        assert outbox.idempotency_key
        event_row = session.get(Event, sale.event_id)
        assert event_row is not None
        assert outbox.payload == sale_snapshot(sale, event_row, TERMINAL)
        entry = session.scalars(select(JournalEntry)).one()
        assert (entry.kind, entry.subject, entry.actor) == ("sale", result.purchase_code, None)
        assert journal.verify(session).ok
    payload = outbox.payload
    assert payload["status"] == "completed"
    assert payload["total_cents"] == 13000
    assert (payload["office_id"], payload["terminal_id"], payload["event_id"]) == ("OF1", "T1", "EV1")
    assert payload["payments"] == [
        {"method": "card", "amount_cents": 5000, "change_cents": 0, "tendered_cents": None, "reference": "S1"},
        {"method": "cash", "amount_cents": 8000, "change_cents": 2000, "tendered_cents": 10000, "reference": None}]
    assert [i["total_cents"] for i in payload["items"]] == [5000, 8000]
    assert [t["ticket_id"] for i in payload["items"] for t in i["tickets"]] == [t.ticket_id for t in result.tickets]
    assert [t["barcode"] for i in payload["items"] for t in i["tickets"]] == [t.barcode for t in result.tickets]
    assert payload["created_at"].endswith("Z")
    assert all(isinstance(v, int) for v in (payload["total_cents"], *(p["amount_cents"] for p in payload["payments"])))


def test_the_sale_is_one_commit(store: Store) -> None:
    commits: list[int] = []
    listener: Callable[[Any], None] = lambda connection: commits.append(1)  # noqa: E731
    event.listen(store.engine, "commit", listener)
    try:
        do_sell(store, seats(G1), LineRequest(P_FAMILY))
    finally:
        event.remove(store.engine, "commit", listener)
    assert len(commits) == 1


def test_a_failure_at_the_last_step_leaves_no_trace(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The journal entry is written last; if it fails, the sale, its rows and its outbox row go too."""
    real_append = journal.append

    def failing_append(*args: Any, **kwargs: Any) -> JournalEntry:
        real_append(*args, **kwargs)
        raise RuntimeError("disk full")

    before = dump(store)
    monkeypatch.setattr(journal, "append", failing_append)
    with pytest.raises(RuntimeError, match="disk full"):
        do_sell(store, seats(G1, G2))
    assert dump(store) == before


def test_a_clerk_sale_records_who_sold_it(store: Store) -> None:
    with store.session_factory.begin() as session:
        session.add(Clerk(id=7, name="Ana", role="clerk", pin_hash="scrypt$x", rfid="RFID-0007"))
    result = do_sell(store, seats(G1), clerk_id=7)
    with store.read_session_factory() as session:
        sale = load_sale(session, result.purchase_code)
        assert (sale.clerk_id, sale.clerk_rfid) == (7, "RFID-0007")
        entry = session.scalars(select(JournalEntry)).one()
        assert entry.actor == "Ana"
        outbox = session.scalars(select(Outbox)).one()
        assert outbox.payload["clerk_rfid"] == "RFID-0007"


def test_sold_seats_cannot_be_sold_again_and_the_error_lists_them(store: Store) -> None:
    sell_seats(store, G2)
    before = dump(store)
    with pytest.raises(SeatNotAvailable) as caught:
        do_sell(store, seats(G1, G2))
    assert caught.value.ticket_ids == [G2]
    assert "G02" in str(caught.value) and "sold" in str(caught.value)
    assert dump(store) == before


def test_a_sold_seat_is_not_sold_by_a_zone_quantity_either(store: Store) -> None:
    everything_but_one = zone_ids(GENERAL)[1:]
    do_sell(store, LineRequest(P_GEN, quantity=len(everything_but_one), ticket_ids=tuple(everything_but_one)))
    result = do_sell(store, LineRequest(P_GEN, quantity=1))
    assert [t.ticket_id for t in result.tickets] == [G1]
    with store.read_session_factory() as session:
        per_ticket = session.execute(select(SaleTicket.ticket_id, func.count()).group_by(SaleTicket.ticket_id))
        assert {count for _, count in per_ticket} == {1}


# --- refusals write nothing ----------------------------------------------------------------------------------


def assert_refused(store: Store, error: type[SaleRejected], sale: SaleRequest) -> SaleRejected:
    before = dump(store)
    with pytest.raises(error) as caught:
        sell(store.session_factory, TERMINAL, sale)
    assert dump(store) == before, "a refused sale wrote something"
    assert str(caught.value)
    return caught.value


def test_an_unknown_event_is_refused(store: Store) -> None:
    assert_refused(store, UnknownEvent, request(seats(G1), payments=[cash(2500)], event="NOPE"))


def test_an_unknown_product_is_refused(store: Store) -> None:
    assert_refused(store, UnknownProduct, request(LineRequest("TT-NOPE"), payments=[cash(2500)]))


def test_a_product_of_another_event_is_refused(store: Store) -> None:
    with store.session_factory.begin() as session:
        session.add(Product(id="TT-OTHER", event_id=OTHER_EVENT, name="Otro", price_cents=100, zone=GENERAL,
                            kind="ticket"))
    assert_refused(store, UnknownProduct, request(LineRequest("TT-OTHER"), payments=[cash(2500)]))


def test_an_inactive_product_is_refused(store: Store) -> None:
    with store.session_factory.begin() as session:
        session.execute(update(Product).where(Product.id == P_VIP).values(active=False))
    assert_refused(store, UnknownProduct, request(LineRequest(P_VIP), payments=[cash(6000)]))


def test_a_seat_of_another_event_is_refused(store: Store) -> None:
    other = ticket_id(GENERAL, 1, OTHER_EVENT)
    error = assert_refused(store, SeatNotAvailable, request(seats(G1, other), payments=[cash(5000)]))
    assert isinstance(error, SeatNotAvailable)
    assert error.ticket_ids == [other]
    assert "another event" in str(error)


def test_an_unknown_seat_is_refused(store: Store) -> None:
    error = assert_refused(store, SeatNotAvailable, request(seats("EV1-X99"), payments=[cash(2500)]))
    assert isinstance(error, SeatNotAvailable)
    assert error.ticket_ids == ["EV1-X99"]
    assert "not assigned to this office" in str(error)


@pytest.mark.parametrize("ticket_state", ["returning", "returned", "withdrawn"])
def test_a_seat_that_is_not_for_sale_here_is_refused(store: Store, ticket_state: str) -> None:
    with store.session_factory.begin() as session:
        session.execute(update(Ticket).where(Ticket.id == G3).values(state=ticket_state))
    error = assert_refused(store, SeatNotAvailable, request(seats(G3), payments=[cash(2500)]))
    assert isinstance(error, SeatNotAvailable)
    assert error.ticket_ids == [G3]


def test_the_same_seat_twice_in_one_line_is_refused(store: Store) -> None:
    assert_refused(store, InvalidSale, request(seats(G1, G1), payments=[cash(5000)]))


def test_the_same_seat_in_two_lines_is_refused(store: Store) -> None:
    assert_refused(store, InvalidSale, request(seats(G1), seats(G2, G1), payments=[cash(7500)]))


def test_a_zone_line_never_takes_a_seat_chosen_on_another_line(store: Store) -> None:
    result = do_sell(store, seats(G1, G2), LineRequest(P_GEN, quantity=2))
    assert [t.ticket_id for t in result.tickets] == [G1, G2, G3, G4]


def test_not_enough_seats_left_in_the_zone_is_refused(store: Store) -> None:
    sell_seats(store, ticket_id(VIP, 2), product=P_VIP)
    error = assert_refused(store, SeatNotAvailable, request(LineRequest(P_VIP, quantity=3), payments=[cash(18000)]))
    assert "only 2 seats left in VIP" in str(error)


def test_a_family_pass_needs_five_seats_in_its_zone(store: Store) -> None:
    do_sell(store, LineRequest(P_GEN, quantity=8), allow_split=True)
    assert_refused(store, SeatNotAvailable, request(LineRequest(P_FAMILY), payments=[cash(8000)]))


def test_payments_short_of_the_total_are_refused(store: Store) -> None:
    error = assert_refused(store, PaymentShort, request(seats(G1, G2), payments=[card(1000), cash(3000)]))
    assert isinstance(error, PaymentShort)
    assert error.missing_cents == 1000


def test_a_discount_above_the_line_is_refused(store: Store) -> None:
    assert_refused(store, InvalidSale, request(seats(G1, G2, discount=5001), payments=[cash(0)]))
    assert_refused(store, InvalidSale, request(seats(G1, discount=-1), payments=[cash(5000)]))


def test_an_empty_cart_is_refused(store: Store) -> None:
    assert_refused(store, InvalidSale, request(payments=[cash(2500)]))


@pytest.mark.parametrize("quantity", [0, -1, sales.MAX_TICKETS_PER_SALE + 1])
def test_a_quantity_out_of_range_is_refused(store: Store, quantity: int) -> None:
    assert_refused(store, InvalidSale, request(LineRequest(P_GEN, quantity=quantity), payments=[cash(10**7)]))


def test_a_seat_count_that_does_not_match_the_quantity_is_refused(store: Store) -> None:
    assert_refused(store, InvalidSale, request(LineRequest(P_GEN, quantity=3, ticket_ids=(G1, G2)),
                                               payments=[cash(10**7)]))
    assert_refused(store, InvalidSale, request(LineRequest(P_FAMILY, quantity=1, ticket_ids=(G1, G2)),
                                               payments=[cash(10**7)]))


def test_a_seat_in_another_zone_than_the_product_prices_is_refused(store: Store) -> None:
    """A General ticket sold on a VIP seat would sell the seat below its price."""
    vip = ticket_id(VIP, 1)
    assert_refused(store, InvalidSale, request(seats(vip, product=P_GEN), payments=[cash(2500)]))
    assert_refused(store, InvalidSale, request(LineRequest(P_GEN, quantity=1, zone=VIP), payments=[cash(2500)]))
    fam = (G1, G2, G3, G4, ticket_id(PREFERENTE, 1))
    assert_refused(store, InvalidSale, request(LineRequest(P_FAMILY, ticket_ids=fam), payments=[cash(8000)]))
    assert do_sell(store, seats(vip, product=P_VIP)).tickets[0].zone == VIP


def test_an_unknown_clerk_is_refused(store: Store) -> None:
    assert_refused(store, InvalidSale, request(seats(G1), payments=[cash(2500)], clerk_id=99))


def test_a_family_pass_whose_component_is_missing_is_refused(store: Store) -> None:
    with store.session_factory.begin() as session:
        fam = session.get(Product, P_FAMILY)
        assert fam is not None
        fam.components = [{"product_id": "TT-GONE", "quantity": 2}]
    assert_refused(store, UnknownProduct, request(LineRequest(P_FAMILY), payments=[cash(8000)]))


# --- two windows racing --------------------------------------------------------------------------------------


def test_two_windows_racing_for_one_seat_sell_it_once(store: Store) -> None:
    """Two Store objects (two windows) on one file, started together: one sale wins, the other is refused."""
    store.close()
    barrier = threading.Barrier(2)
    outcomes: list[object] = [None, None]

    def window(index: int) -> None:
        with open_store(store.path) as mine:
            barrier.wait(timeout=10)
            try:
                outcomes[index] = sell(mine.session_factory, TERMINAL,
                                       request(seats(G5, ticket_id(GENERAL, 6 + index)), payments=[cash(5000)]))
            except Exception as exc:
                outcomes[index] = exc

    threads = [threading.Thread(target=window, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)
    won = [o for o in outcomes if isinstance(o, SaleResult)]
    lost = [o for o in outcomes if isinstance(o, SeatNotAvailable)]
    assert len(won) == 1 and len(lost) == 1, outcomes
    assert lost[0].ticket_ids == [G5]
    with open_store(store.path) as check, check.read_session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 1
        assert session.scalar(select(func.count()).select_from(Outbox)) == 1
        assert session.scalar(select(func.count()).select_from(JournalEntry)) == 1
        assert list(session.scalars(select(SaleTicket.ticket_id).order_by(SaleTicket.id))) == [
            t.ticket_id for t in won[0].tickets]
        assert journal.verify(session).ok


def test_a_seat_taken_between_the_check_and_the_update_is_named(store: Store,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The conditional UPDATE is the last line of defence: it sells nothing and names the seat it lost."""
    real_seats_for = sales._seats_for

    def seats_then_someone_else_sells_g2(session: Any, *args: Any) -> list[Ticket]:
        picked = real_seats_for(session, *args)
        session.execute(update(Ticket).where(Ticket.id == G2).values(state="sold"))
        return picked

    monkeypatch.setattr(sales, "_seats_for", seats_then_someone_else_sells_g2)
    before = dump(store)
    with pytest.raises(SeatNotAvailable) as caught:
        do_sell(store, seats(G1, G2, G3))
    assert caught.value.ticket_ids == [G2]
    assert dump(store) == before


# --- odds and ends -------------------------------------------------------------------------------------------


def test_every_sale_gets_its_own_purchase_code(store: Store) -> None:
    codes = {do_sell(store, LineRequest(P_GEN)).purchase_code for _ in range(6)}
    assert len(codes) == 6
    with store.read_session_factory() as session:
        keys = list(session.scalars(select(Outbox.idempotency_key)))
        assert len(set(keys)) == 6
        assert [e.kind for e in session.scalars(select(JournalEntry).order_by(JournalEntry.seq))] == ["sale"] * 6


def test_rows_read_back_match_the_result(store: Store) -> None:
    result = do_sell(store, seats(G1), LineRequest(P_CHILD, quantity=2))
    with store.read_session_factory() as session:
        sale = load_sale(session, result.purchase_code)
        rows = [(t.ticket_id, t.barcode, t.product_id, t.price_cents) for t in sale.tickets]
        assert rows == [(t.ticket_id, t.barcode, t.product_id, t.price_cents) for t in result.tickets]
        assert session.scalar(select(func.sum(SaleItem.total_cents))) == result.total_cents
        assert session.scalar(select(func.sum(Payment.amount_cents))) == result.total_cents
        entry = session.scalars(select(JournalEntry)).one()
        assert entry.payload == canonical_json({
            "purchase_code": result.purchase_code, "total_cents": 5500,
            "tickets": [t.ticket_id for t in result.tickets], "payments": [["cash", 5500]]})
