"""A window behind an office hub (issue #18): no two windows sell one seat, with or without the hub.

* While the hub answers, a sale holds its seats at the hub inside the sale's own transaction, after they are
  chosen and before they are taken (``services.sales.SeatGate``): the hub refuses seats another window holds,
  leases or sold, and the sale writes nothing. The sale is then committed here first-class and reaches the hub
  through the outbox like any sale, so a hub that dies after the hold loses nothing.
* When the hub cannot be reached within a short timeout, the window sells only seats of its lease
  (``services/window_leases.py``), which the hub gives no other window; best available picks among them. The hub
  is tried again after :data:`RETRY_AFTER_S`.
* :meth:`HubSeats.refresh` keeps the lease: fetches it (the hub tops it up), stores it, and gives back the
  recalled seats that are still unsold; holds whose answer was lost are released at the next contact.

Orchestration beside the composition root (it uses ``sync/`` and ``services/``), like ``pairing.py``.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import SeatNotAvailable
from boxoffice.services import catalog, window_leases
from boxoffice.services.best_available import NoSeatsTogether
from boxoffice.sync import hub_client
from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import CentralError
from boxoffice.sync.hub_client import NoSeatsAtHub, SeatsTakenAtHub

log = logging.getLogger(__name__)

T = TypeVar("T")

#: how long a hold may take before the window sells from its lease instead (connect, read), seconds
HOLD_TIMEOUT = (1.0, 2.0)
#: after the hub could not be reached, sales use the lease this long before the hub is tried again
RETRY_AFTER_S = 10.0
#: the least time between two lease refreshes, seconds
MIN_GAP_S = 2.0
#: a sale whose chosen seats another window took is tried again with other seats this many times
ATTEMPTS = 3


class HubUnreachable(Exception):
    """The hold got no answer: the sale goes on from the lease (never shown to a clerk)."""


class _HubGate:
    """Best available picked and held by the hub; chosen seats held there."""

    leased_only = False

    def __init__(self, seats: HubSeats) -> None:
        self._seats = seats
        self._key = uuid.uuid4().hex  # one per sale attempt: the hub never picks a seat twice for one sale
        self.held: list[str] = []

    def pick(self, event_id: str, zone: str, count: int, allow_split: bool) -> list[str]:
        picked = self._seats.hold_best(event_id, zone, count, allow_split, self._key)
        self.held += picked
        return picked

    def take(self, event_id: str, ticket_ids: list[str]) -> None:
        chosen = [ticket_id for ticket_id in ticket_ids if ticket_id not in self.held]
        if chosen:
            self._seats.hold(event_id, chosen, self._key)
            self.held += chosen


class _LeaseGate:
    """The hub cannot be reached: the window's own lease only."""

    leased_only = True
    held: list[str] = []

    def pick(self, event_id: str, zone: str, count: int, allow_split: bool) -> None:
        return None  # best available within the lease, here

    def take(self, event_id: str, ticket_ids: list[str]) -> None:
        return None


class HubSeats:
    def __init__(self, client_factory: Callable[..., CentralClient], session_factory: sessionmaker[Session],
                 read_session_factory: sessionmaker[Session], *, clock: Callable[[], float] = time.monotonic,
                 retry_after_s: float = RETRY_AFTER_S) -> None:
        """``client_factory(timeout=...)`` makes a client of the hub (one for holds, one for the lease)."""
        self._client_factory = client_factory
        self._write = session_factory
        self._read = read_session_factory
        self._clock = clock
        self._retry_after_s = retry_after_s
        self._cut_off_until = 0.0
        self._hold_client: CentralClient | None = None
        self._lease_client: CentralClient | None = None
        self._hold_lock = threading.Lock()
        self._lease_lock = threading.Lock()
        self._uncertain: set[str] = set()  # held or not: the answer was lost; released at the next contact

    # -- selling -----------------------------------------------------------------------------------------------

    @property
    def cut_off(self) -> bool:
        """Whether sales use the lease now (the hub did not answer a moment ago)."""
        return self._clock() < self._cut_off_until

    def sell(self, sell_with: Callable[[object], T], *, may_pick_again: bool) -> T:
        """``sell_with(gate)`` (``services.sales.sell`` with the gate), through the hub or from the lease.

        ``may_pick_again``: best-available lines, which pick other seats when the hub says another window took
        the chosen ones; chosen seats are refused instead (the clerk picks again on a map that shows them taken).
        """
        for attempt in range(ATTEMPTS):
            gate: _HubGate | _LeaseGate = _LeaseGate() if self.cut_off else _HubGate(self)
            try:
                return sell_with(gate)
            except HubUnreachable:
                self._cut_off_until = self._clock() + self._retry_after_s
                log.warning("the office hub did not answer a hold: selling from this window's lease for %.0f s",
                            self._retry_after_s)
                continue
            except SeatsTakenAtHub as exc:
                window_leases.mark_taken_elsewhere(self._write, exc.ticket_ids)
                if may_pick_again and attempt + 1 < ATTEMPTS:
                    continue
                raise SeatNotAvailable("seat not available: another window of this office just took it",
                                       list(exc.ticket_ids), code="seat_taken_at_hub") from None
            except BaseException:
                if gate.held:  # held at the hub, but the sale was not written: let the seats go
                    self._release_quietly(gate.held)
                raise
        raise SeatNotAvailable("seat not available: other windows of this office keep taking these seats; "
                               "choose again", [], code="seat_taken_at_hub")

    def hold(self, event_id: str, ticket_ids: list[str], hold_key: str) -> None:
        """The hub's hold (raises SeatsTakenAtHub, or HubUnreachable for anything but the hub's answer)."""
        with self._hold_lock:
            try:
                hub_client.hold(self._hold_client_now(), event_id, ticket_ids, hold_key)
            except SeatsTakenAtHub:
                raise
            except CentralError as exc:
                # lost answer, dead hub, refused token, the hub not knowing the event yet: the lease is safe in
                # every case (no other window sells it); a hold that may have been made is let go later
                self._uncertain.update(ticket_ids)
                raise HubUnreachable(str(exc)) from None
        self._cut_off_until = 0.0

    def hold_best(self, event_id: str, zone: str, count: int, allow_split: bool, hold_key: str) -> list[str]:
        """The hub's pick of the zone's best seats, held (raises the clerk's refusal when there are not enough)."""
        with self._hold_lock:
            try:
                picked = hub_client.hold_best(self._hold_client_now(), event_id, zone, count, hold_key,
                                              allow_split=allow_split)
            except NoSeatsAtHub as exc:
                if exc.together:
                    raise NoSeatsTogether(count, zone) from None
                raise SeatNotAvailable(f"only {exc.free} seats left in {zone}, {count} needed", [],
                                       code="seats_left", params={"left": exc.free, "needed": count,
                                                                  "zone": zone}) from None
            except CentralError as exc:
                raise HubUnreachable(str(exc)) from None  # nothing is known held: nothing to let go
        self._cut_off_until = 0.0
        return picked

    def _hold_client_now(self) -> CentralClient:
        if self._hold_client is None:
            self._hold_client = self._client_factory(timeout=HOLD_TIMEOUT)
        return self._hold_client

    def _release_quietly(self, ticket_ids: list[str]) -> None:
        try:
            with self._hold_lock:
                if self._hold_client is not None:
                    hub_client.release(self._hold_client, ticket_ids)
                    return
        except CentralError as exc:
            log.info("could not release %d held seats at the hub (%s): they expire there", len(ticket_ids), exc)
        self._uncertain.update(ticket_ids)

    # -- the lease ---------------------------------------------------------------------------------------------

    def refresh(self, event_ids: list[str] | None = None) -> dict[str, int]:
        """Fetch and store this window's lease of each event (all of this store's by default); returns the unsold
        lease seats per event. Raises CentralError when the hub cannot be reached (the caller retries later)."""
        with self._lease_lock:
            if self._lease_client is None:
                self._lease_client = self._client_factory()
            client = self._lease_client
            if event_ids is None:
                event_ids = [event.id for event in catalog.list_events(self._read)]
            if self._uncertain:
                lost = sorted(self._uncertain)
                hub_client.release(client, lost)
                self._uncertain.difference_update(lost)
            left: dict[str, int] = {}
            for event_id in event_ids:
                lease = hub_client.lease(client, event_id)
                give_back = window_leases.store_lease(self._write, event_id, lease.tickets, lease.recalled)
                if give_back:
                    hub_client.release_lease(client, give_back)
                    log.info("gave %d recalled lease seats of %s back to the hub", len(give_back), event_id)
                left[event_id] = sum(c.unsold for c in window_leases.counts(self._read, event_id))
            self._cut_off_until = 0.0
            return left

    def lease_left(self) -> int:
        """Unsold seats of this window's lease, every event (a read: off the GUI thread)."""
        return sum(count.unsold for event in catalog.list_events(self._read)
                   for count in window_leases.counts(self._read, event.id))

    def close(self) -> None:
        for client in (self._hold_client, self._lease_client):
            if client is not None:
                client.close()


class LeaseKeeper:
    """Refreshes the lease in the background: at start, after sales (:meth:`wake`, so the hub tops it up) and
    every ``interval_s``; a hub that cannot be reached is tried again after :data:`RETRY_AFTER_S`."""

    def __init__(self, seats: HubSeats, interval_s: float = 30.0) -> None:
        self._seats = seats
        self._interval_s = interval_s
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="lease-keeper", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._wake.set()
        self._seats.close()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.is_set():
            wait = self._interval_s
            try:
                self._seats.refresh()
            except CentralError as exc:
                log.info("could not refresh this window's lease from the office hub: %s", exc)
                wait = RETRY_AFTER_S
            except Exception:  # a bug here must not end the thread (the lease would never be refreshed again)
                log.exception("refreshing the lease failed")
                wait = RETRY_AFTER_S
            self._stop.wait(MIN_GAP_S)  # a burst of sales asks for one refresh, not one each
            self._wake.wait(wait)
            self._wake.clear()
