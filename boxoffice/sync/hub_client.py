"""The office hub's extension calls (issue #18), spoken by a window paired with a hub.

A hub speaks the central's offline-office contract plus these: hold seats before a sale, release them, fetch
(and top up) this window's lease, give lease seats back. A central platform answers ``GET /hub`` with 404: then
the window is not behind a hub and never holds or leases anything. Transport only: the caller decides what a
refusal or an unreachable hub means for the sale (``boxoffice/hub_seats.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import CentralRejected, ProtocolError

#: the most seats one hold names (a sale has at most 100 tickets, services/sales.MAX_TICKETS_PER_SALE)
MAX_HOLD = 100


class SeatsTakenAtHub(CentralRejected):
    """The hub refused a hold: another window holds, leases or sold these seats."""

    def __init__(self, endpoint: str, message: str, status: int, ticket_ids: Sequence[str]) -> None:
        super().__init__(endpoint, message, status, {"nodisponible": list(ticket_ids)})
        self.ticket_ids = tuple(ticket_ids)


@dataclass(frozen=True)
class Lease:
    """This window's lease of one event: the seats only it may sell while it cannot reach the hub."""

    window: str
    event_id: str
    tickets: tuple[str, ...]
    #: seats the hub asked back: given back (unsold) the next time the window reaches the hub
    recalled: tuple[str, ...]


def is_hub(client: CentralClient) -> bool | None:
    """True: a hub; False: a platform without the hub calls (404/405); raises when it cannot be reached."""
    try:
        data = client.get("hub")
    except CentralRejected as exc:
        if exc.status in (404, 405):
            return False
        raise
    return isinstance(data, dict) and data.get("hub") is True


def hold(client: CentralClient, event_id: str, ticket_ids: Sequence[str], hold_key: str) -> None:
    """Hold ``ticket_ids`` for this window (all or none); raises :class:`SeatsTakenAtHub` naming the taken ones."""
    endpoint = "offline_office_hub_hold"
    try:
        client.call(endpoint, {"office_id": client.office_id, "event_id": event_id, "tickets": list(ticket_ids),
                               "hold_key": hold_key}, idempotency_key=f"hold:{hold_key}")
    except CentralRejected as exc:
        taken = exc.data.get("nodisponible") if isinstance(exc.data, dict) else None
        if isinstance(taken, list) and all(isinstance(t, str) for t in taken):
            raise SeatsTakenAtHub(endpoint, str(exc), exc.status, taken) from None
        raise


class NoSeatsAtHub(CentralRejected):
    """The hub has not enough seats of the zone this window may hold (``together``: enough, but not together)."""

    def __init__(self, endpoint: str, message: str, status: int, free: int, together: bool) -> None:
        super().__init__(endpoint, message, status, {"disponibles": free, "juntas": together})
        self.free = free
        self.together = together


def hold_best(client: CentralClient, event_id: str, zone: str, count: int, hold_key: str, *,
              allow_split: bool = False) -> list[str]:
    """The hub picks and holds the zone's best ``count`` seats this window may have; raises NoSeatsAtHub."""
    endpoint = "offline_office_hub_hold_best"
    try:
        data = client.call(endpoint, {"office_id": client.office_id, "event_id": event_id, "zone": zone,
                                      "count": count, "hold_key": hold_key, "allow_split": allow_split})
    except CentralRejected as exc:
        free = exc.data.get("disponibles") if isinstance(exc.data, dict) else None
        if isinstance(free, int) and not isinstance(free, bool):
            raise NoSeatsAtHub(endpoint, str(exc), exc.status, free, exc.data.get("juntas") is True) from None
        raise
    held = _ids(endpoint, data, "held")
    if len(held) != count:
        raise ProtocolError(endpoint, f"asked for {count} seats, the hub held {len(held)}")
    return held


def release(client: CentralClient, ticket_ids: Sequence[str]) -> list[str]:
    endpoint = "offline_office_hub_release"
    data = client.call(endpoint, {"office_id": client.office_id, "tickets": list(ticket_ids)})
    return _ids(endpoint, data, "released")


def lease(client: CentralClient, event_id: str) -> Lease:
    """This window's lease of ``event_id``, topped up by the hub below its low-water mark."""
    endpoint = "offline_office_hub_lease"
    data = client.call(endpoint, {"office_id": client.office_id, "event_id": event_id})
    window = data.get("window")
    if not isinstance(window, str):
        raise ProtocolError(endpoint, "data.window should be the window's name")
    return Lease(window, event_id, tuple(_ids(endpoint, data, "tickets")), tuple(_ids(endpoint, data, "recalled")))


def release_lease(client: CentralClient, ticket_ids: Sequence[str]) -> list[str]:
    endpoint = "offline_office_hub_lease_release"
    data = client.call(endpoint, {"office_id": client.office_id, "tickets": list(ticket_ids)})
    return _ids(endpoint, data, "released")


def _ids(endpoint: str, data: dict[str, Any], name: str) -> list[str]:
    value = data.get(name)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ProtocolError(endpoint, f"data.{name} should be a list of ticket ids")
    return value
