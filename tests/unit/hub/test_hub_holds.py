"""Hold rules: which seats a window may hold, all or nothing, expiry, extension and release."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from boxoffice.central.models import Ticket
from boxoffice.hub import holds, leases
from boxoffice.hub.models import HubHold, HubLease
from boxoffice.hub.windows import window_named
from tests.helpers.hub_seed import OFFICE
from tests.unit.hub.conftest import NOW, Hub

TTL = 600


def hold(hub: Hub, window: str, ids: list[str], key: str = "k1", now=NOW):  # type: ignore[no-untyped-def]
    return hub.as_window(window, lambda s, w: holds.hold(s, w, OFFICE, hub.seed.event_id, ids, key, now, TTL))


def held_rows(hub: Hub) -> dict[str, tuple[int, str]]:
    return hub.run(lambda s: {h.ticket_id: (h.window_id, h.hold_key) for h in s.scalars(select(HubHold))})


def test_free_seats_of_the_office_are_held_until_the_ttl(hub: Hub) -> None:
    ids = [hub.seed.seat("G", 1), hub.seed.seat("G", 2)]
    reasons, expires_at = hold(hub, "A", ids)
    assert reasons == {}
    assert expires_at == NOW + timedelta(seconds=TTL)
    assert set(held_rows(hub)) == set(ids)


def test_each_kind_of_unholdable_seat_is_named_and_nothing_is_held(hub: Hub) -> None:
    seed = hub.seed
    sold, theirs, free = seed.seat("G", 3), seed.seat("G", 31), seed.seat("G", 34)
    hub.run(lambda s: s.execute(update(Ticket).where(Ticket.id == sold).values(status=False)))
    assert hold(hub, "B", [seed.seat("G", 4)])[0] == {}
    ok = seed.seat("G", 5)
    reasons, _ = hold(hub, "A", [ok, sold, theirs, free, seed.seat("G", 4), "nope"], key="k2")
    assert reasons == {sold: holds.SOLD, theirs: holds.NOT_OURS, free: holds.NOT_OURS,
                       seed.seat("G", 4): holds.HELD, "nope": holds.UNKNOWN}
    assert ok not in held_rows(hub)  # all or nothing


def test_another_windows_expired_hold_blocks_nothing(hub: Hub) -> None:
    seat = hub.seed.seat("G", 1)
    assert hold(hub, "B", [seat])[0] == {}
    assert hold(hub, "A", [seat], now=NOW + timedelta(seconds=TTL - 1))[0] == {seat: holds.HELD}
    assert hold(hub, "A", [seat], key="k-late", now=NOW + timedelta(seconds=TTL))[0] == {}
    assert held_rows(hub)[seat][1] == "k-late"


def test_holding_again_extends_the_windows_own_hold(hub: Hub) -> None:
    seat = hub.seed.seat("V", 1)
    hold(hub, "A", [seat])
    later = NOW + timedelta(seconds=300)
    assert hold(hub, "A", [seat], key="k2", now=later)[0] == {}
    assert hub.run(lambda s: s.get(HubHold, seat).expires_at) == later + timedelta(seconds=TTL)


def test_a_seat_leased_to_another_window_is_refused_even_recalled(hub: Hub) -> None:
    leased = hub.run(lambda s: _lease_one(s, "B", hub.seed.seat("G", 30)))
    assert hold(hub, "A", [leased])[0] == {leased: holds.LEASED}
    hub.run(lambda s: leases.recall(s, "B"))
    assert hold(hub, "A", [leased])[0] == {leased: holds.LEASED}
    assert hold(hub, "B", [leased])[0] == {}  # its own lease: holdable by its window


def test_release_drops_only_the_windows_own_holds(hub: Hub) -> None:
    mine, theirs = hub.seed.seat("G", 1), hub.seed.seat("G", 2)
    hold(hub, "A", [mine])
    hold(hub, "B", [theirs])
    released = hub.as_window("A", lambda s, w: holds.release(s, w, [theirs, mine, "unknown"]))
    assert released == [mine]
    assert set(held_rows(hub)) == {theirs}


def test_claims_of_others_for_a_listing(hub: Hub) -> None:
    seed = hub.seed
    hold(hub, "B", [seed.seat("G", 1)])
    hold(hub, "A", [seed.seat("G", 2)])
    hub.run(lambda s: _lease_one(s, "B", seed.seat("G", 3)))
    window_a = hub.as_window("A", lambda s, w: w.id)
    claims = hub.run(lambda s: holds.claimed_by_others(s, window_a, NOW, event_id=seed.event_id))
    assert claims == {seed.seat("G", 1): holds.HELD, seed.seat("G", 3): holds.LEASED}
    everyone = hub.run(lambda s: holds.claimed_by_others(s, None, NOW, ticket_ids=[seed.seat("G", 2)]))
    assert everyone == {seed.seat("G", 2): holds.HELD}


def _lease_one(session: Session, window: str, ticket_id: str) -> str:
    session.add(HubLease(ticket_id=ticket_id, window_id=window_named(session, window).id,
                         event_id=session.get(Ticket, ticket_id).event_id, zone="GENERAL"))
    session.flush()
    return ticket_id
