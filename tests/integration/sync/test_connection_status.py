"""The status a window's delivery worker reports is true, against the real reference platform over HTTP.

Before: with nothing to deliver the worker never talked to the platform, so the status stayed "unknown" (shown as
"Conectando…") from the start, and "online" from the last delivery for ever, the platform dead or not. Now an idle
worker asks the platform every heartbeat, "online" lapses without an answer, a failure is "offline" at once, and a
pull counts too. Time runs on an injected clock; the platform is stopped and started for real.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from boxoffice.core.sync_status import SyncStatus
from boxoffice.inventory_pull import pull
from boxoffice.services import delivery
from boxoffice.store.engine import Store
from boxoffice.sync.reporting import FRESH_MARGIN_SECONDS, HEARTBEAT_SECONDS, ReportingWorker
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server
from tests.helpers.clock import FakeClock
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.sync.sync_helpers import NORTE, SUR, Clerk, fast_backoff, sell_elsewhere


class Platform:
    """The reference central on a SQLite file that outlives a stop; ``url`` is where it runs now."""

    def __init__(self, folder: Path, template: SeededTemplate) -> None:
        self.folder, self.template = folder, template
        self.urls: list[str] = []
        self._running = None

    def start(self):
        first = not self.urls
        self._running = central_server(self.folder, template=self.template if first else None, seed=first)
        server = self._running.__enter__()
        self.urls.append(server.url)
        return server

    def stop(self) -> None:
        running, self._running = self._running, None
        if running is not None:
            running.__exit__(None, None, None)


@pytest.fixture
def platform(tmp_path: Path, sync_template: SeededTemplate) -> Iterator[Platform]:
    (tmp_path / "central").mkdir()
    running = Platform(tmp_path / "central", sync_template)
    yield running
    running.stop()


class Window:
    """A paired terminal's store and a window's delivery worker (not started: the test runs its rounds), what
    its listeners heard, and the clock it runs on."""

    def __init__(self, central: CentralServer, terminal: TestTerminal, store: Store, worker: ReportingWorker,
                 clock: FakeClock, heard: list[SyncStatus]) -> None:
        self.central, self.terminal, self.store, self.worker = central, terminal, store, worker
        self.clock, self.heard = clock, heard


@pytest.fixture
def window(tmp_path: Path, platform: Platform) -> Iterator[Window]:
    central = platform.start()
    terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                             event_id=central.event_id)
    store = terminal.open_store()
    clock, heard = FakeClock(), []
    # a client for wherever the platform runs now (a restarted one has a new port; same data, same token)
    worker = ReportingWorker(store.session_factory, lambda: terminal.client(url=platform.urls[-1]),
                             read_session_factory=store.read_session_factory, backoff=fast_backoff(), clock=clock,
                             book=delivery)
    worker.follow(lambda _changes, status: heard.append(status))
    yield Window(central, terminal, store, worker, clock, heard)
    store.close()


def _connections(heard: list[SyncStatus]) -> list[str]:
    return [status.connection for status in heard]


def test_an_idle_terminal_is_online_only_while_the_platform_answers(window: Window, platform: Platform) -> None:
    worker, clock = window.worker, window.clock
    assert worker.status().connection == "unknown"  # nothing asked yet: not "connecting"

    assert worker.run_once().idle  # nothing to deliver: the heartbeat asks the platform anyway
    # "connecting" was reported with the first request in the worker's hands, then the answer
    assert _connections(window.heard) == ["connecting", "online"]
    up = worker.status()
    assert up.connection == "online"
    assert up.fresh_until == clock.now + timedelta(seconds=HEARTBEAT_SECONDS + FRESH_MARGIN_SECONDS)

    clock.advance(HEARTBEAT_SECONDS - 10)
    assert worker.run_once().idle
    assert _connections(window.heard) == ["connecting", "online"]  # not due yet: nothing asked, nothing said

    platform.stop()  # the platform dies
    clock.advance(10)
    assert worker.run_once().idle  # the heartbeat finds it gone
    assert _connections(window.heard)[-1] == "offline"
    assert worker.status().connection == "offline"

    platform.start()  # back, at a new port with the same data
    clock.advance(HEARTBEAT_SECONDS)
    assert worker.run_once().idle
    assert _connections(window.heard)[-1] == "online"
    assert "connecting" not in _connections(window.heard)[2:]  # only the very first request was "connecting"


def test_online_lapses_when_nothing_answers_for_the_heartbeat_and_its_margin(window: Window) -> None:
    window.worker.run_once()
    assert window.worker.status().connection == "online"
    # the worker asks nothing more (stuck, or stopped): its status stops claiming "online" by itself
    window.clock.advance(HEARTBEAT_SECONDS + FRESH_MARGIN_SECONDS + 1)
    lapsed = window.worker.status()
    assert (lapsed.connection, lapsed.fresh_until) == ("offline", None)


def test_a_failed_delivery_is_offline_at_once_and_a_pull_that_answers_is_online(
        window: Window, platform: Platform) -> None:
    worker, heard = window.worker, window.heard
    worker.run_once()
    clerk = Clerk(window.store, window.terminal, window.central.event_id)
    platform.stop()
    clerk.sell_zone("General", 2)
    assert worker.run_once().failed
    assert _connections(heard)[-1] == "offline" and worker.status().pending == 1

    server = platform.start()
    heard.clear()
    # what the window's pull does (app.SyncLink): its answers count in the worker's status
    pull(worker.observe(window.terminal.client(url=server.url)), window.store.session_factory)
    assert _connections(heard) == ["online"]  # the pull's answer was reported through the listeners
    assert worker.status().connection == "online"

    assert worker.run_once().delivered == 1
    assert worker.status().pending == 0 and _connections(heard)[-1] == "online"


def test_a_conflict_the_platform_reports_after_a_delivery_reaches_the_listeners(window: Window) -> None:
    ours = window.central.seat_ids["GEN150"]  # assigned to Norte; Sur's offline sale names it
    sell_elsewhere(window.central, SUR, [ours])
    Clerk(window.store, window.terminal, window.central.event_id).sell_zone("Preferente", 1)
    result = window.worker.drain()  # one round, then (the queue empty) the platform's conflict list
    assert (result.delivered, result.reported) == (1, 1)
    assert window.heard[-1].conflicts == 1 and window.heard[-1].pending == 0  # told after the list was stored
