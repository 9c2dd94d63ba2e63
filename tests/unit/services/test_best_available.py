"""Best available: a party sits together in one row, best rows first, in natural order (R2 before R10, seat 9
before 10); split seats only when no row has them together and the clerk accepted; the pick reads an index."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import select

from boxoffice.core.errors import SeatNotAvailable
from boxoffice.services.best_available import (
    SCAN_SQL,
    NoSeatsTogether,
    SeatLabel,
    natural_key,
    rank_seats,
)
from boxoffice.services.inventory import RemoteProduct, RemoteTicket, merge_inventory
from boxoffice.services.sales import LineRequest, SaleRequest, SaleResult, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Ticket
from tests.helpers.shifts import open_test_shift
from tests.unit.services.services_helpers import STARTS_AT, TERMINAL, cash, dump

EVENT, ZONE, PRODUCT, PRICE = "EV9", "Pista", "TT-PISTA", 1000
#: Row labels in the platform's (unsorted) order: natural order is R1, R2, R9, R10.
ROWS = ("R10", "R2", "R1", "R9")


def tid(row: str, seat: int) -> str:
    return f"{EVENT}-{row}-{seat}"


def remote(rows: Sequence[str] = ROWS, seats: Sequence[int] = range(1, 13)) -> list[RemoteTicket]:
    return [RemoteTicket(tid(row, n), str(n), ZONE, "#123456", True, row) for row in rows for n in seats]


def pull(store: Store, tickets: list[RemoteTicket]) -> None:
    merge_inventory(store.session_factory, EVENT, "Pabellón", STARTS_AT, tickets,
                    [RemoteProduct(PRODUCT, ZONE, PRICE, ZONE, "ticket", None)])
    open_test_shift(store.session_factory)  # the sales these tests make belong to a shift


@pytest.fixture
def venue(empty_store: Store) -> Store:
    pull(empty_store, remote())
    return empty_store


def sell_zone(store: Store, quantity: int, *, allow_split: bool = False) -> list[str]:
    result = sell(store.session_factory, TERMINAL, SaleRequest(
        EVENT, (LineRequest(PRODUCT, quantity, zone=ZONE),), (cash(PRICE * quantity),), allow_split=allow_split))
    return [t.ticket_id for t in result.tickets]


def sell_seats(store: Store, *ids: str) -> SaleResult:
    return sell(store.session_factory, TERMINAL, SaleRequest(
        EVENT, (LineRequest(PRODUCT, len(ids), ticket_ids=ids),), (cash(PRICE * len(ids)),)))


def test_natural_order_reads_numbers_as_numbers() -> None:
    labels = ["R10", "r2", "R1", "R9", "10", "9", "A", "AA", "B"]
    assert sorted(labels, key=natural_key) == ["9", "10", "A", "AA", "B", "R1", "r2", "R9", "R10"]


def test_ranks_put_rows_and_seats_in_natural_order() -> None:
    seats = [SeatLabel(f"{row}/{seat}", "Z", row, seat) for row in ("R10", "R2") for seat in ("10", "9", "1")]
    ranks = rank_seats(seats)
    assert [key for key, _ in sorted(ranks.items(), key=lambda kv: kv[1])] == [
        "R2/1", "R2/9", "R2/10", "R10/1", "R10/9", "R10/10"]
    assert ranks["R2/1"] == (1, 1) and ranks["R10/10"] == (2, 3)


@pytest.mark.parametrize("labels", [
    ["TRI1-10", "TRI1-9", "TRI1-1", "TRI1-2"],  # one prefix ending in a digit, and a number
    ["10", "9", "01", "1", "2"],  # bare numbers, a leading zero tied with its number
    ["A-1", "a-2", "A-10"],  # case differs: no shared prefix, the general key
    ["S 1", "S 10", " S 2", "S 3 "],  # spaces around the label: the general key
    ["P-٣", "P-2", "P-10"],  # Arabic-Indic three: a decimal digit for int() and for the general key
    ["X٣05", "X٣5", "X٣10"],  # a shared prefix ending in a non-ASCII digit is cut there too
    ["B-1A", "B-1", "B-10"],  # a letter after the number: the general key
    ["7", "3", "7", "03"],  # the same label twice: the key breaks the tie
    ["C-2", "C-3", "C-1"],  # distinct numbers: their order alone
])
def test_every_row_ranks_as_the_general_natural_key_says(labels: list[str]) -> None:
    seats = [SeatLabel(f"k{index}", "Z", "R1", label) for index, label in enumerate(labels)]
    ranks = rank_seats(seats)
    expected = sorted(seats, key=lambda seat: (natural_key(seat.seat_id), seat.seat_id, str(seat.key)))
    assert [ranks[seat.key] for seat in expected] == [(1, n) for n in range(1, len(labels) + 1)]
    assert rank_seats([tuple(seat) for seat in seats]) == ranks  # plain tuples, as the pull makes them


def test_a_party_gets_seats_side_by_side_in_the_best_row(venue: Store) -> None:
    assert sell_zone(venue, 4) == [tid("R1", n) for n in range(1, 5)]
    assert sell_zone(venue, 2) == [tid("R1", 5), tid("R1", 6)]


def test_rows_and_seats_go_in_natural_order_not_text_order(venue: Store) -> None:
    sell_seats(venue, *(tid("R1", n) for n in range(1, 13)))  # R1 sold out: next is R2, not R10
    sell_seats(venue, *(tid("R2", n) for n in range(1, 9)))  # R2 keeps 9..12
    assert sell_zone(venue, 2) == [tid("R2", 9), tid("R2", 10)]  # "10" sorts before "9" as text


def test_a_sold_seat_between_free_ones_breaks_the_run(venue: Store) -> None:
    sell_seats(venue, tid("R1", 3), tid("R1", 6), tid("R1", 9))  # R1 free runs: 1-2, 4-5, 7-8, 10-12
    assert sell_zone(venue, 3) == [tid("R1", n) for n in (10, 11, 12)]  # same row, further along
    assert sell_zone(venue, 3) == [tid("R2", n) for n in (1, 2, 3)]  # R1 has no three together left
    assert sell_zone(venue, 2) == [tid("R1", 1), tid("R1", 2)]  # a pair still fits the best row


def test_no_row_with_the_party_together_is_a_distinct_refusal_that_writes_nothing(empty_store: Store) -> None:
    pull(empty_store, remote(rows=("R1", "R2"), seats=range(1, 4)))  # two rows of three
    sell_seats(empty_store, tid("R1", 2), tid("R2", 2))  # left: R1 1 and 3, R2 1 and 3
    before = dump(empty_store)
    with pytest.raises(NoSeatsTogether) as caught:
        sell_zone(empty_store, 2)
    assert str(caught.value) == f"no 2 seats together in {ZONE}"
    assert caught.value.params == {"count": 2, "zone": ZONE}
    assert isinstance(caught.value, SeatNotAvailable)  # callers that only know "not available" still cope
    assert dump(empty_store) == before


def test_split_seats_only_when_the_clerk_accepts_them(empty_store: Store) -> None:
    pull(empty_store, remote(rows=("R1", "R2"), seats=range(1, 4)))
    sell_seats(empty_store, tid("R1", 2), tid("R2", 2))
    assert sell_zone(empty_store, 3, allow_split=True) == [tid("R1", 1), tid("R1", 3), tid("R2", 1)]


def test_allowing_a_split_still_seats_the_party_together_where_a_row_has_room(venue: Store) -> None:
    sell_seats(venue, tid("R1", 2))
    assert sell_zone(venue, 3, allow_split=True) == [tid("R1", n) for n in (3, 4, 5)]


def test_fewer_free_seats_than_the_party_is_not_a_split_question(empty_store: Store) -> None:
    pull(empty_store, remote(rows=("R1",), seats=range(1, 4)))
    sell_seats(empty_store, tid("R1", 2))
    for allow_split in (False, True):
        with pytest.raises(SeatNotAvailable) as caught:
            sell_zone(empty_store, 3, allow_split=allow_split)
        assert not isinstance(caught.value, NoSeatsTogether)
        assert str(caught.value) == f"only 2 seats left in {ZONE}, 3 needed"


def test_seats_chosen_on_another_line_are_not_picked_again(venue: Store) -> None:
    result = sell(venue.session_factory, TERMINAL, SaleRequest(EVENT, (
        LineRequest(PRODUCT, 1, ticket_ids=(tid("R1", 2),)), LineRequest(PRODUCT, 2, zone=ZONE)),
        (cash(3 * PRICE),)))
    assert [t.ticket_id for t in result.tickets] == [tid("R1", 2), tid("R1", 3), tid("R1", 4)]


def test_a_pull_that_adds_a_seat_inside_a_row_reranks_the_row(empty_store: Store) -> None:
    pull(empty_store, remote(rows=("R1",), seats=(1, 2, 4, 5)))
    pull(empty_store, remote(rows=("R1",), seats=(1, 2, 3, 4, 5)))
    with empty_store.read_session_factory() as session:
        found = session.execute(select(Ticket.seat_id, Ticket.seat_rank).where(Ticket.event_id == EVENT))
        ranks = {seat: rank for seat, rank in found}
    assert ranks == {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
    sell_seats(empty_store, tid("R1", 1))
    assert sell_zone(empty_store, 4) == [tid("R1", n) for n in (2, 3, 4, 5)]


def test_the_pick_reads_the_index_in_order_with_no_sort_and_no_table_lookup(venue: Store) -> None:
    with venue.engine.connect() as connection:
        plan = " | ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {SCAN_SQL}",
                                                                         (EVENT, ZONE)))
    assert "USING COVERING INDEX ix_tickets_best_available" in plan, plan
    assert "TEMP B-TREE" not in plan, plan  # no ORDER BY sort: the index gives the order


def _pick_steps(store: Store, event_id: str, zone: str, count: int) -> int:
    """SQLite virtual-machine steps (in tens) one pick takes: the work, counted, not timed."""
    from boxoffice.services.best_available import pick

    steps = 0

    def count_step() -> int:
        nonlocal steps
        steps += 1
        return 0  # carry on

    with store.read_session_factory() as session:
        driver = session.connection().connection.driver_connection
        driver.set_progress_handler(count_step, 10)
        try:
            assert len(pick(session, event_id, zone, count)) == count
        finally:
            driver.set_progress_handler(None, 10)
    return steps


def test_a_pick_does_the_same_work_in_a_small_and_a_big_zone(empty_store: Store) -> None:
    small = remote(rows=[f"R{n}" for n in range(1, 21)], seats=range(1, 51))  # 1,000 seats
    pull(empty_store, small)
    merge_inventory(empty_store.session_factory, "EV-BIG", "Estadio", STARTS_AT,
                    [RemoteTicket(f"EV-BIG-{row}-{n}", str(n), ZONE, "#123456", True, f"R{row}")
                     for row in range(1, 401) for n in range(1, 51)],  # 20,000 seats
                    [RemoteProduct("TT-BIG", ZONE, PRICE, ZONE, "ticket", None)])
    sell_seats(empty_store, *(tid("R1", n) for n in range(1, 50, 2)))  # the front row fragmented in both
    with empty_store.session_factory.begin() as session:
        session.execute(Ticket.__table__.update().where(Ticket.event_id == "EV-BIG", Ticket.row == "R1",
                                                        Ticket.seat_rank % 2 == 1).values(state="sold"))
    small_steps, big_steps = _pick_steps(empty_store, EVENT, ZONE, 4), _pick_steps(empty_store, "EV-BIG", ZONE, 4)
    assert big_steps <= small_steps * 1.5, (small_steps, big_steps)  # an index seek deepens; a sort would be 20x
