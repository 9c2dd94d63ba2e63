"""The status bar follows the change hub: no polling timer, reads off the GUI thread, worker reports shown."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from boxoffice.core.changes import Changes
from boxoffice.sync.worker import SyncStatus
from boxoffice.ui.change_hub import ChangeHub
from boxoffice.ui.operations import OperationRunner
from boxoffice.ui.status_bar import SyncStatusBar


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
