"""A delivery worker that tells listeners the truth about the platform (the window's change hub listens).

What the status bar says comes from the terminal's own exchanges with the platform, not from the outbox:

* every call to the platform (a delivery round, the idle heartbeat, a pull) goes through an
  :class:`ObservedClient`, which tells the worker's :class:`Liveness` when a request starts and how it ended;
* "online" only after an answer, for ``heartbeat + margin`` seconds (the status carries ``fresh_until``, so a
  listener can stop believing it even when the worker is stuck in a request); "offline" as soon as a request
  fails, or once that time passed with nothing answering; "connecting" only while the first request is in flight;
* when there is nothing to deliver the worker asks the platform every ``heartbeat_seconds`` anyway (its conflict
  list: cheap, and useful): without it an empty queue never talked to the platform, so the status stayed
  "Connecting…" from the start and "Online" long after the platform died.

Listeners run on the thread that made the exchange (the worker's, or the network thread for a pull) and must only
hand the news on (the change hub queues it to the GUI thread). A listener that raises is logged and never stops
delivery.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from boxoffice.core.changes import Changes
from boxoffice.core.sync_status import SyncStatus
from boxoffice.core.utc import utcnow
from boxoffice.sync import conflict_feed
from boxoffice.sync.errors import CentralAuthError, CentralError, CentralRejected, ForeignAnswer
from boxoffice.sync.worker import DeliveryWorker, RoundResult

log = logging.getLogger(__name__)

Listener = Callable[[Changes, SyncStatus], None]
Clock = Callable[[], datetime]

#: with nothing to deliver, the platform is asked this often (seconds)
HEARTBEAT_SECONDS = 30.0
#: an answer counts as "online" for the heartbeat plus this (the idle poll, a slow answer)
FRESH_MARGIN_SECONDS = 15.0


def platform_answered(error: BaseException | None) -> bool | None:
    """Whether an exchange that ended with ``error`` (None: it went through) heard the platform answer.

    The platform's own refusal is an answer; so is a 404/405 that is not its envelope (a spec-only platform has
    no such extension call). Outages, 5xx, a refused token and answers that are not the platform's are not.
    None for errors that say nothing about the connection (a bug in our own parsing).
    """
    if error is None:
        return True
    if isinstance(error, ForeignAnswer):
        return error.status in (404, 405)
    if isinstance(error, CentralRejected):
        return True
    if isinstance(error, CentralError):
        return False
    return None


class Liveness:
    """What this terminal knows of the platform from its last exchanges; thread-safe, with an injectable clock."""

    def __init__(self, fresh_for: timedelta, clock: Clock = utcnow,
                 on_change: Callable[[str], None] | None = None) -> None:
        self.fresh_for = fresh_for
        self.clock = clock
        self.on_change = on_change
        self._lock = threading.Lock()
        self._in_flight = 0
        self._answered_at: datetime | None = None
        self._last_ok: bool | None = None  # how the latest finished exchange ended; None: none finished yet
        self._finished_at: datetime | None = None
        self.auth_problem = False

    def connection(self) -> str:
        """``online``, ``offline``, ``connecting`` (the first request is in flight) or ``unknown`` (none yet)."""
        with self._lock:
            return self._connection(self.clock())

    def _connection(self, now: datetime) -> str:
        if self._last_ok is None:
            return "connecting" if self._in_flight else "unknown"
        if self._last_ok and self._answered_at is not None and now - self._answered_at <= self.fresh_for:
            return "online"
        return "offline"

    def fresh_until(self) -> datetime | None:
        """Until when "online" holds without another answer (None when not online)."""
        with self._lock:
            if self._connection(self.clock()) != "online" or self._answered_at is None:
                return None
            return self._answered_at + self.fresh_for

    def last_exchange(self) -> datetime | None:
        """When the latest exchange finished, however it ended (None: none yet, or one is in flight)."""
        with self._lock:
            return None if self._in_flight else self._finished_at

    @contextmanager
    def exchange(self) -> Iterator[None]:
        """Wrap one request to the platform: in flight inside, its outcome recorded when it ends."""
        self._moved(self._begin)
        try:
            yield
        except BaseException as exc:
            self._moved(functools.partial(self._end, platform_answered(exc), isinstance(exc, CentralAuthError)))
            raise
        self._moved(functools.partial(self._end, True, False))

    def _begin(self) -> None:
        self._in_flight += 1

    def _end(self, answered: bool | None, auth: bool) -> None:
        self._in_flight -= 1
        if answered is None:
            return
        now = self.clock()
        self._last_ok, self._finished_at = answered, now
        if answered:
            self._answered_at = now
        self.auth_problem = auth or (self.auth_problem and not answered)

    def _moved(self, step: Callable[[], None]) -> None:
        """Run ``step`` under the lock; tell ``on_change`` (outside it) when the connection changed."""
        with self._lock:
            now = self.clock()
            before = self._connection(now)
            step()
            after = self._connection(now)
        if after != before and self.on_change is not None:
            self.on_change(after)


class ObservedClient:
    """A :class:`~boxoffice.sync.client.CentralClient` whose every call is an exchange ``liveness`` hears of."""

    def __init__(self, client: Any, liveness: Liveness) -> None:
        self._client = client
        self._liveness = liveness

    #: calls that do not talk to the platform: no exchange to hear of
    LOCAL = frozenset({"close", "prepare_synchronize", "remember_gzip"})

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._client, name)
        if name.startswith("_") or name in self.LOCAL or not callable(attr):
            return attr

        @functools.wraps(attr)
        def call(*args: Any, **kwargs: Any) -> Any:
            with self._liveness.exchange():
                return attr(*args, **kwargs)

        return call


def round_changes(result: RoundResult) -> Changes:
    """What a round changed: the outbox moved when anything was delivered, parked or failed; the sales the
    platform answered for may have changed seats."""
    moved = bool(result.delivered or result.parked or result.conflicts or result.failed)
    settled = tuple(dict.fromkeys([*result.conflicts, *result.settled]))
    return Changes(outbox=moved, platform=settled)


class ReportingWorker(DeliveryWorker):
    """The delivery worker of a window: reports rounds and connection changes, and keeps the status true.

    ``heartbeat_seconds`` None: never ask the platform when there is nothing to deliver (then "online" lapses
    ``FRESH_MARGIN_SECONDS`` after the last answer). ``clock``: for tests of time.
    """

    def __init__(self, *args: Any, heartbeat_seconds: float | None = HEARTBEAT_SECONDS, clock: Clock = utcnow,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._listeners: list[Listener] = []
        self._last_connection: str | None = None
        self._report_lock = threading.Lock()
        self._reports = 0  # how many times the listeners were told
        self.heartbeat_seconds = heartbeat_seconds
        self.liveness = Liveness(timedelta(seconds=(heartbeat_seconds or 0.0) + FRESH_MARGIN_SECONDS), clock,
                                 on_change=lambda _connection: self._report(Changes()))
        make_client = self.client_factory
        self.client_factory = lambda: self.observe(make_client())

    def follow(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def observe(self, client: Any) -> ObservedClient:
        """``client`` with its exchanges counted in this worker's status (the pull uses it too)."""
        return ObservedClient(client, self.liveness)

    def status(self) -> SyncStatus:
        base = super().status()
        connection = self.liveness.connection()
        if connection == "online" and self._connection == "syncing":
            connection = "syncing"
        return dataclasses.replace(base, connection=connection, auth_problem=self.liveness.auth_problem,
                                   fresh_until=self.liveness.fresh_until())

    def run_once(self) -> RoundResult:
        result = super().run_once()
        told = self._reports
        probed = result.idle and self._heartbeat_due() and self._heartbeat()
        # a heartbeat's answer moves fresh_until: said once, unless its connection change was just said
        self._report(round_changes(result), force=probed and self._reports == told)
        return result

    def drain(self, max_rounds: int = 10_000) -> RoundResult:
        result = super().drain(max_rounds)
        if result.reported:  # the conflict list fetched at the drain's end: the status's count moved since
            self._report(Changes(outbox=True))
        return result

    def _heartbeat_due(self) -> bool:
        if self.heartbeat_seconds is None or self._stop.is_set():
            return False
        last = self.liveness.last_exchange()
        return last is None or (self.liveness.clock() - last).total_seconds() >= self.heartbeat_seconds

    def _heartbeat(self) -> bool:
        """Ask the platform for its conflict list (nothing to deliver); True when a request was made."""
        with self._lock:
            client = self._round_client()
            if client is None:  # being stopped
                return False
            conflict_feed.fetch_new(client, self.session_factory, self.book)  # logs and swallows its own failure
            if self.liveness.connection() == "offline":  # start from a fresh connection pool next time
                with self._client_lock:
                    if self._client is client:
                        self._client = None
                client.close()
        return True

    def _report(self, changes: Changes, force: bool = False) -> None:
        """Tell the listeners when something changed, the connection moved, or (``force``) the platform was
        asked (its answer moves ``fresh_until``)."""
        if not self._listeners:
            return
        connection = self.liveness.connection()
        with self._report_lock:
            moved = connection != self._last_connection
            if changes.empty and not moved and not force:
                return
            self._last_connection = connection
            self._reports += 1
        status = self.status()
        for listener in list(self._listeners):
            try:
                listener(changes, status)
            except Exception:  # the window's trouble must never stop delivery
                log.exception("a delivery listener failed")
