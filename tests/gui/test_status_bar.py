"""The status bar follows the change hub: no polling timer, reads off the GUI thread, worker reports shown, and
"online" only as long as the worker's last answer holds."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from boxoffice.core.changes import Changes
from boxoffice.core.sync_status import SyncStatus
from boxoffice.ui.change_hub import ChangeHub
from boxoffice.ui.operations import OperationRunner
from boxoffice.ui.status_bar import SyncStatusBar
from tests.helpers.clock import FakeClock


def _status(pending: int, connection: str = "offline") -> SyncStatus:
    return SyncStatus(connection, pending, 0, 0, datetime(2026, 12, 1, 9, 30, tzinfo=UTC), None, None, False)


@pytest.fixture
def wired(qtbot) -> Iterator[tuple[ChangeHub, OperationRunner]]:
    hub = ChangeHub()
    runner = OperationRunner(hub)
    yield hub, runner
    runner.shutdown()


def test_the_bar_reads_on_the_read_pool_when_the_outbox_moves_and_never_polls(qtbot, wired) -> None:
    hub, runner = wired
    reads: list[bool] = []
    counts = iter(range(1, 100))

    def read_status() -> SyncStatus:
        reads.append(threading.current_thread() is threading.main_thread())
        return _status(next(counts))

    bar = SyncStatusBar(read_status, "Taquilla Norte", hub=hub, runner=runner)
    qtbot.addWidget(bar)
    assert bar.timer is None
    qtbot.waitUntil(lambda: bar.pending.text() == "1 sales waiting to sync", timeout=5000)
    qtbot.wait(100)
    assert len(reads) == 1  # nothing polls

    hub.publish(Changes(outbox=True))
    qtbot.waitUntil(lambda: bar.pending.text() == "2 sales waiting to sync", timeout=5000)
    assert reads == [False, False]  # never on the GUI thread


def test_the_bar_shows_what_the_worker_reports(qtbot, wired) -> None:
    hub, runner = wired
    bar = SyncStatusBar(lambda: _status(3), "Taquilla Norte", hub=hub, runner=runner)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: bar.pending.text() == "3 sales waiting to sync", timeout=5000)
    worker = threading.Thread(target=lambda: hub.publish_sync_status(_status(0, "online")))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bar.connection.text() == "● Online", timeout=5000)
    assert bar.pending.text() == "0 sales waiting to sync"


def test_an_older_read_that_answers_late_never_replaces_a_newer_status(qtbot, wired) -> None:
    """Two read threads: the first read is held until the second has answered and the worker has pushed."""
    hub, runner = wired
    release_first = threading.Event()
    answers = iter([("first", 5), ("second", 7)])

    def read_status() -> SyncStatus:
        which, pending = next(answers)
        if which == "first":
            release_first.wait(10)
        return _status(pending)

    bar = SyncStatusBar(read_status, "Taquilla Norte", hub=hub, runner=runner)
    qtbot.addWidget(bar)
    bar.refresh()  # the second read, issued after the first
    qtbot.waitUntil(lambda: bar.pending.text() == "7 sales waiting to sync", timeout=5000)
    hub.publish_sync_status(_status(0, "online"))
    qtbot.waitUntil(lambda: bar.connection.text() == "● Online", timeout=5000)
    release_first.set()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)
    assert bar.pending.text() == "0 sales waiting to sync"
    assert bar.connection.text() == "● Online"


def _online(clock: FakeClock, fresh_for: timedelta, connection: str = "online") -> SyncStatus:
    return dataclasses.replace(_status(0, connection), fresh_until=clock.now + fresh_for)


def test_online_lapses_to_offline_when_no_newer_report_comes_in_time(qtbot, wired) -> None:
    hub, runner = wired
    clock = FakeClock()
    bar = SyncStatusBar(lambda: _status(0, "unknown"), "Taquilla Norte", hub=hub, runner=runner, clock=clock)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: bar.connection.text() == "● Not connected yet", timeout=5000)

    bar.show_status(_online(clock, timedelta(seconds=45)))
    assert bar.connection.text() == "● Online" and bar.connection.property("state") == "online"
    assert bar.expiry.isActive() and 45_000 <= bar.expiry.interval() <= 45_001
    # a newer answer moves the deadline; one that came too late on screen is offline at once
    bar.show_status(_online(clock, timedelta(milliseconds=30)))
    assert bar.connection.text() == "● Online"
    qtbot.waitUntil(lambda: bar.connection.text() == "● Offline", timeout=5000)  # the worker said nothing since
    assert bar.connection.property("state") == "offline"
    bar.show_status(_online(clock, timedelta(seconds=-1), "syncing"))
    assert bar.connection.text() == "● Offline" and not bar.expiry.isActive()


def test_connecting_only_while_a_first_request_is_in_flight(qtbot, wired) -> None:
    hub, runner = wired
    bar = SyncStatusBar(lambda: _status(0, "unknown"), "Taquilla Norte", hub=hub, runner=runner)
    qtbot.addWidget(bar)
    bar.show_status(_status(0, "connecting"))
    assert bar.connection.text() == "● Connecting…" and bar.connection.property("state") == "waiting"
    bar.show_status(_status(0, "unknown"))
    assert bar.connection.text() == "● Not connected yet"
    bar.show_status(_status(0, "offline"))
    assert bar.connection.text() == "● Offline" and not bar.expiry.isActive()


def test_a_window_behind_an_unreachable_hub_says_it_sells_its_own_seats_and_how_many(qtbot, wired) -> None:
    hub, runner = wired
    behind_hub = dataclasses.replace(_status(2, "offline"), lease_left=37)
    bar = SyncStatusBar(lambda: behind_hub, "Taquilla Norte", hub=hub, runner=runner)
    qtbot.addWidget(bar)
    qtbot.waitUntil(lambda: bar.connection.text() == "● No hub · 37 own seats", timeout=5000)
    assert "reserved for it" in bar.connection.toolTip()
    worker = threading.Thread(target=lambda: hub.publish_sync_status(dataclasses.replace(behind_hub,
                                                                                         connection="online")))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bar.connection.text() == "● Online", timeout=5000)  # the hub is back: nothing to add
    assert bar.connection.toolTip() == ""
