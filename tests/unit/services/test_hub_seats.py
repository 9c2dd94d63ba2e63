"""boxoffice/hub_seats.py against a fake office hub (the real one: tests/integration/hub): hold first, pick again
when another window took the seats, sell from the lease while the hub cannot be reached, keep the lease."""

from __future__ import annotations

from typing import Any

import pytest

from boxoffice.core.errors import SeatNotAvailable
from boxoffice.hub_seats import HubSeats
from boxoffice.services import window_leases
from boxoffice.services.sales import LineRequest, SaleResult, sell
from boxoffice.store.engine import Store
from boxoffice.sync.errors import CentralRejected, CentralUnreachable
from tests.unit.services.services_helpers import EVENT, GENERAL, P_GEN, TERMINAL, cash, request, seats, states, zone_ids

G = zone_ids(GENERAL)


class FakeHub:
    """The hub's extension calls as sync/hub_client.py makes them (CentralClient.call)."""

    office_id = "OF1"

    def __init__(self) -> None:
        self.down = False
        self.taken: set[str] = set()
        self.held: list[list[str]] = []
        self.released: list[list[str]] = []
        self.lease_answer: dict[str, Any] = {"window": "w1", "tickets": [], "recalled": []}
        self.lease_released: list[list[str]] = []

    def call(self, endpoint: str, data: dict[str, Any], idempotency_key: str | None = None) -> dict[str, Any]:
        if self.down:
            raise CentralUnreachable(endpoint, "cannot reach the hub")
        if endpoint == "offline_office_hub_hold":
            refused = [t for t in data["tickets"] if t in self.taken]
            if refused:
                raise CentralRejected(endpoint, "Tickets no disponibles", 400,
                                      {"valido": False, "nodisponible": refused})
            self.held.append(list(data["tickets"]))
            return {"valido": True, "held": data["tickets"]}
        if endpoint == "offline_office_hub_hold_best":  # the zone's order is G's; taken seats skipped
            held = {t for hold in self.held for t in hold}
            free = [t for t in G if t not in self.taken and t not in held]
            if len(free) < data["count"]:
                raise CentralRejected(endpoint, "Tickets no disponibles", 400,
                                      {"valido": False, "nodisponible": [], "disponibles": len(free),
                                       "juntas": False})
            self.held.append(free[:data["count"]])
            return {"valido": True, "held": free[:data["count"]]}
        if endpoint == "offline_office_hub_release":
            self.released.append(list(data["tickets"]))
            return {"valido": True, "released": data["tickets"]}
        if endpoint == "offline_office_hub_lease":
            return {"valido": True, "event_id": data["event_id"], **self.lease_answer}
        if endpoint == "offline_office_hub_lease_release":
            self.lease_released.append(list(data["tickets"]))
            return {"valido": True, "released": data["tickets"]}
        raise AssertionError(endpoint)

    def close(self) -> None:
        pass


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def hub() -> FakeHub:
    return FakeHub()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def keeper(store: Store, hub: FakeHub, clock: Clock) -> HubSeats:
    return HubSeats(lambda timeout=None: hub, store.session_factory, store.read_session_factory,  # type: ignore[arg-type,return-value]
                    clock=clock, retry_after_s=10)


def sell_through(keeper: HubSeats, store: Store, *lines: LineRequest) -> SaleResult:
    sale = request(*lines, payments=[cash(10**6)])
    return keeper.sell(lambda gate: sell(store.session_factory, TERMINAL, sale, gate=gate),  # type: ignore[arg-type]
                       may_pick_again=not any(line.ticket_ids for line in lines))


def zone_line(quantity: int) -> LineRequest:
    return LineRequest(product_id=P_GEN, quantity=quantity, zone=GENERAL)


def test_a_sale_of_chosen_seats_holds_them_at_the_hub_first(keeper: HubSeats, store: Store,
                                                             hub: FakeHub) -> None:
    result = sell_through(keeper, store, seats(G[3], G[4]))
    assert hub.held == [[t.ticket_id for t in result.tickets]] == [[G[3], G[4]]]


def test_best_available_is_the_hubs_pick_past_what_other_windows_took(keeper: HubSeats, store: Store,
                                                                       hub: FakeHub) -> None:
    hub.taken = {G[0], G[1]}
    result = sell_through(keeper, store, zone_line(2))
    assert [t.ticket_id for t in result.tickets] == G[2:4]
    assert hub.held == [G[2:4]]  # picked and held in one call; nothing held twice


def test_a_seat_a_refusal_withdrew_is_sold_when_the_hub_picks_it_again(keeper: HubSeats, store: Store,
                                                                       hub: FakeHub) -> None:
    hub.taken = {G[0]}
    with pytest.raises(SeatNotAvailable):
        sell_through(keeper, store, seats(G[0]))
    assert states(store, [G[0]]) == {G[0]: "withdrawn"}
    hub.taken = set()  # the other window let it go
    result = sell_through(keeper, store, zone_line(1))
    assert result.tickets[0].ticket_id == G[0]


def test_the_hub_having_too_few_seats_is_the_clerks_seats_left(keeper: HubSeats, store: Store,
                                                               hub: FakeHub) -> None:
    hub.taken = set(G[:-1])
    with pytest.raises(SeatNotAvailable) as refused:
        sell_through(keeper, store, zone_line(2))
    assert refused.value.code == "seats_left" and refused.value.params["left"] == 1


def test_a_chosen_seat_another_window_took_is_refused_not_swapped(keeper: HubSeats, store: Store,
                                                                  hub: FakeHub) -> None:
    hub.taken = {G[0]}
    with pytest.raises(SeatNotAvailable) as refused:
        sell_through(keeper, store, seats(G[0]))
    assert refused.value.code == "seat_taken_at_hub"
    assert states(store, [G[0]]) == {G[0]: "withdrawn"}
    assert hub.held == []


def test_with_the_hub_down_the_window_sells_from_its_lease_and_tries_the_hub_again_later(
        keeper: HubSeats, store: Store, hub: FakeHub, clock: Clock) -> None:
    window_leases.store_lease(store.session_factory, EVENT, G[-3:], [])
    hub.down = True
    first = sell_through(keeper, store, zone_line(1))
    assert first.tickets[0].ticket_id in G[-3:]
    assert keeper.cut_off
    with pytest.raises(SeatNotAvailable) as refused:  # outside the lease while cut off: refused
        sell_through(keeper, store, seats(G[0]))
    assert refused.value.code == "seat_not_in_lease"
    hub.down = False
    clock.now += 11
    assert not keeper.cut_off
    back = sell_through(keeper, store, seats(G[0]))
    assert hub.held == [[G[0]]] and back.tickets[0].ticket_id == G[0]


def test_a_hold_whose_answer_was_lost_is_released_at_the_next_contact(keeper: HubSeats, store: Store,
                                                                      hub: FakeHub) -> None:
    window_leases.store_lease(store.session_factory, EVENT, G[-2:], [])
    hub.down = True
    sell_through(keeper, store, seats(G[-1]))  # the hold of G[-1] got no answer: maybe held there
    hub.down = False
    keeper.refresh([EVENT])
    assert hub.released == [[G[-1]]]


def test_refresh_stores_the_lease_and_gives_back_recalled_unsold_seats(keeper: HubSeats, store: Store,
                                                                       hub: FakeHub) -> None:
    hub.lease_answer = {"window": "w1", "tickets": G[-4:], "recalled": []}
    assert keeper.refresh([EVENT]) == {EVENT: 4}
    hub.lease_answer = {"window": "w1", "tickets": G[-4:-1], "recalled": [G[-1]]}
    assert keeper.refresh([EVENT]) == {EVENT: 3}
    assert hub.lease_released == [[G[-1]]]
