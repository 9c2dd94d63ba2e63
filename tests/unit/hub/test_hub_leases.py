"""Lease rules: top-up from the end of each zone below the low-water mark, sizes, release, recall, retirement."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from boxoffice.central.envelope import ApiError
from boxoffice.central.models import Ticket
from boxoffice.hub import holds, leases
from boxoffice.hub.models import HubLease
from boxoffice.hub.settings import HubSettings
from boxoffice.hub.windows import retire
from tests.helpers.hub_seed import EVENT, OFFICE
from tests.unit.hub.conftest import NOW, Hub

SETTINGS = HubSettings(office_id=OFFICE)  # size 20, low-water 10


def lease(hub: Hub, window: str, settings: HubSettings = SETTINGS) -> leases.WindowLease:
    def work(session, found):  # type: ignore[no-untyped-def]
        sizes = leases.top_up(session, found, settings, EVENT, NOW)
        return leases.lease_of(session, found, OFFICE, EVENT, sizes)

    return hub.as_window(window, work)


def seats(hub: Hub, prefix: str, numbers: range) -> list[str]:
    return [hub.seed.seat(prefix, n) for n in numbers]


def sell(hub: Hub, ids: list[str]) -> None:
    hub.run(lambda s: s.execute(update(Ticket).where(Ticket.id.in_(ids)).values(status=False)))


def test_first_lease_takes_the_end_of_each_zone_up_to_its_size(hub: Hub) -> None:
    first = lease(hub, "A")
    assert first.tickets == seats(hub, "G", range(11, 31)) + seats(hub, "V", range(1, 9))  # position order
    assert first.recalled == []
    assert [size.as_json() for size in first.sizes] == [{"zone": "GENERAL", "size": 20, "low_water": 10},
                                                        {"zone": "VIP", "size": 20, "low_water": 10}]
    second = lease(hub, "B")
    assert second.tickets == seats(hub, "G", range(1, 11))  # what is left; no seat of another office or free
    assert lease(hub, "A").tickets == first.tickets  # nothing new: at its size


def test_topped_up_only_below_the_low_water_mark(hub: Hub) -> None:
    small = HubSettings(office_id=OFFICE, lease_size=5, lease_low_water=3)
    assert lease(hub, "A", small).tickets[:5] == seats(hub, "G", range(26, 31))
    sell(hub, seats(hub, "G", range(29, 31)))  # 3 unsold left: not below 3
    assert lease(hub, "A", small).tickets[:3] == seats(hub, "G", range(26, 29))
    sell(hub, [hub.seed.seat("G", 28)])  # 2 left: back to 5 from the end of what is free
    assert lease(hub, "A", small).tickets[:5] == seats(hub, "G", range(23, 28))


def test_held_and_leased_seats_are_not_leased(hub: Hub) -> None:
    small = HubSettings(office_id=OFFICE, lease_size=2, lease_low_water=1)
    hub.as_window("B", lambda s, w: holds.hold(s, w, OFFICE, EVENT, [hub.seed.seat("G", 30)], "k", NOW, 600))
    assert lease(hub, "A", small).tickets[:2] == seats(hub, "G", range(28, 30))
    assert lease(hub, "B", small).tickets[:2] == seats(hub, "G", range(26, 28))


def test_sizes_most_specific_first(hub: Hub) -> None:
    def size(zone: str) -> tuple[int, int]:
        found = hub.run(lambda s: leases.size_of(s, SETTINGS, EVENT, zone))
        return found.size, found.low_water

    assert size("GENERAL") == (20, 10)
    for event, zone, value in (("*", "*", 4), ("*", "GENERAL", 5), (EVENT, "*", 6), (EVENT, "GENERAL", 7)):
        hub.run(lambda s, e=event, z=zone, v=value: leases.set_size(s, e, z, v, 1))
        assert size("GENERAL") == (value, 1)
    assert size("VIP") == (6, 1)  # (event, "*") beats ("*", "*")
    hub.run(lambda s: leases.set_size(s, EVENT, "GENERAL", 9, 3))  # replaces
    assert size("GENERAL") == (9, 3)
    assert [(r.event_id, r.zone) for r in hub.run(leases.sizes)] == [
        ("*", "*"), ("*", "GENERAL"), (EVENT, "*"), (EVENT, "GENERAL")]


@pytest.mark.parametrize(("size", "low_water"), [(-1, 0), (5, 6), (5, -1)])
def test_bad_sizes_are_refused(hub: Hub, size: int, low_water: int) -> None:
    with pytest.raises(ApiError, match="low_water"):
        hub.run(lambda s: leases.set_size(s, "*", "*", size, low_water))


def test_release_gives_back_only_the_windows_own_unsold_lease(hub: Hub) -> None:
    mine = lease(hub, "A").tickets
    theirs = lease(hub, "B").tickets
    sell(hub, [mine[0]])
    released = hub.as_window("A", lambda s, w: leases.release(s, w, [theirs[0], mine[1], mine[0], mine[2]]))
    assert released == [mine[1], mine[2]]
    owners = hub.run(lambda s: {t: w for t, w in s.execute(select(HubLease.ticket_id, HubLease.window_id))})
    assert mine[1] not in owners and mine[0] in owners and theirs[0] in owners


def test_recall_keeps_the_seats_from_others_until_given_back(hub: Hub) -> None:
    small = HubSettings(office_id=OFFICE, lease_size=2, lease_low_water=1)
    first = lease(hub, "A", small).tickets
    assert hub.run(lambda s: leases.recall(s, "A", EVENT)) == len(first)
    after = lease(hub, "A", small)
    assert after.recalled == first
    assert len(after.tickets) == len(first) and not set(after.tickets) & set(first)  # topped up afresh
    assert lease(hub, "B", small).tickets[:2] != first[:2]  # still not B's to take
    summary = {(line.window, line.zone): (line.leased, line.recalled) for line in hub.run(leases.summary)}
    assert summary[("A", "GENERAL")] == (2, 2)
    hub.as_window("A", lambda s, w: leases.release(s, w, after.recalled))
    assert lease(hub, "A", small).recalled == []


def test_forced_recall_frees_the_seats_at_once(hub: Hub) -> None:
    first = lease(hub, "A").tickets
    assert hub.run(lambda s: leases.recall(s, "A", force=True)) == len(first)
    assert set(first[-8:]) <= set(lease(hub, "B").tickets)  # VIP: all 8 are B's now


def test_a_retired_window_gets_nothing_new_and_its_lease_is_recalled(hub: Hub) -> None:
    first = lease(hub, "A").tickets
    hub.run(lambda s: retire(s, "A"))
    after = lease(hub, "A")
    assert after.tickets == [] and after.recalled == first
    with pytest.raises(ApiError, match="no window named"):
        hub.run(lambda s: leases.recall(s, "nobody"))
