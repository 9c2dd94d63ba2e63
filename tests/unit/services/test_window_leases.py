"""A window behind an office hub (issue #18): its lease, and sell() with a seat gate (the hub's hold, or the
lease only while the hub cannot be reached)."""

from __future__ import annotations

import pytest

from boxoffice.core.errors import SeatNotAvailable
from boxoffice.services import window_leases
from boxoffice.services.sales import LineRequest, sell
from boxoffice.store.engine import Store
from tests.unit.services.services_helpers import (
    EVENT,
    GENERAL,
    P_GEN,
    TERMINAL,
    cash,
    dump,
    request,
    seats,
    states,
    zone_ids,
)

G = zone_ids(GENERAL)  # G[0] is the best seat


class Gate:
    """What services.sales.sell asks of the office hub (boxoffice/hub_seats.py in the app)."""

    def __init__(self, *, leased_only: bool = False, refuse: Exception | None = None) -> None:
        self.leased_only = leased_only
        self.refuse = refuse
        self.asked: list[tuple[str, list[str]]] = []

    def pick(self, event_id: str, zone: str, count: int, allow_split: bool) -> list[str] | None:
        return None  # picked here (the hub's own pick: tests/unit/services/test_hub_seats.py)

    def take(self, event_id: str, ticket_ids: list[str]) -> None:
        self.asked.append((event_id, list(ticket_ids)))
        if self.refuse is not None:
            raise self.refuse


def zone_line(quantity: int) -> LineRequest:
    return LineRequest(product_id=P_GEN, quantity=quantity, zone=GENERAL)


def test_the_hub_is_asked_for_exactly_the_chosen_seats_before_they_are_taken(store: Store) -> None:
    gate = Gate()
    result = sell(store.session_factory, TERMINAL, request(zone_line(2), payments=[cash(10**6)]), gate=gate)
    assert gate.asked == [(EVENT, [t.ticket_id for t in result.tickets])]
    assert [t.ticket_id for t in result.tickets] == G[:2]


def test_a_refused_hold_writes_nothing(store: Store) -> None:
    before = dump(store)
    with pytest.raises(RuntimeError):
        sell(store.session_factory, TERMINAL, request(seats(G[0]), payments=[cash(10**6)]),
             gate=Gate(refuse=RuntimeError("taken")))
    assert dump(store) == before


def test_cut_off_best_available_picks_only_the_lease(store: Store) -> None:
    give_back = window_leases.store_lease(store.session_factory, EVENT, G[-3:], [])
    assert give_back == []
    gate = Gate(leased_only=True)
    result = sell(store.session_factory, TERMINAL, request(zone_line(2), payments=[cash(10**6)]), gate=gate)
    assert {t.ticket_id for t in result.tickets} <= set(G[-3:])
    assert [c.unsold for c in window_leases.counts(store.read_session_factory, EVENT)] == [1]


def test_cut_off_a_seat_outside_the_lease_is_refused_with_its_name(store: Store) -> None:
    window_leases.store_lease(store.session_factory, EVENT, G[-3:], [])
    before = dump(store)
    with pytest.raises(SeatNotAvailable) as refused:
        sell(store.session_factory, TERMINAL, request(seats(G[0]), payments=[cash(10**6)]),
             gate=Gate(leased_only=True))
    assert refused.value.code == "seat_not_in_lease"
    assert refused.value.ticket_ids == [G[0]]
    assert dump(store) == before


def test_cut_off_more_than_the_lease_holds_is_refused_with_the_count(store: Store) -> None:
    window_leases.store_lease(store.session_factory, EVENT, G[-2:], [])
    with pytest.raises(SeatNotAvailable) as refused:
        sell(store.session_factory, TERMINAL, request(zone_line(3), payments=[cash(10**6)]),
             gate=Gate(leased_only=True))
    assert refused.value.code == "lease_seats_left"
    assert refused.value.params["left"] == 2


def test_a_new_lease_replaces_the_old_and_recalled_unsold_seats_are_given_back(store: Store) -> None:
    window_leases.store_lease(store.session_factory, EVENT, G[-4:], [])
    sell(store.session_factory, TERMINAL, request(seats(G[-1]), payments=[cash(10**6)]))
    # the hub recalls the last two: the sold one stays sold (its sale is on its way), the other goes back
    give_back = window_leases.store_lease(store.session_factory, EVENT, G[-4:-2], G[-2:])
    assert give_back == [G[-2]]
    with store.read_session_factory() as session:
        assert window_leases.leased(session, G) == set(G[-4:-2])


def test_a_lease_naming_seats_this_store_does_not_have_keeps_only_the_known_ones(store: Store) -> None:
    window_leases.store_lease(store.session_factory, EVENT, [G[0], "NOT-A-TICKET"], ["ALSO-UNKNOWN"])
    with store.read_session_factory() as session:
        assert window_leases.leased(session, [G[0], "NOT-A-TICKET"]) == {G[0]}


def test_seats_another_window_took_are_no_longer_offered_until_a_pull_offers_them(store: Store) -> None:
    moved = window_leases.mark_taken_elsewhere(store.session_factory, [G[0], G[1]])
    assert sorted(moved) == sorted([G[0], G[1]])
    assert states(store, [G[0], G[1]]) == {G[0]: "withdrawn", G[1]: "withdrawn"}
    result = sell(store.session_factory, TERMINAL, request(zone_line(1), payments=[cash(10**6)]))
    assert result.tickets[0].ticket_id == G[2]
