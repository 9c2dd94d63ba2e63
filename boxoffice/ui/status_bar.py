"""The status bar a clerk always sees: online/offline, sales waiting to sync, last good sync, office."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

from boxoffice.ui.operations import Newest
from boxoffice.ui.qt import QDateTime, QLabel, QStatusBar, QTimer, QWidget


def local_time(moment: datetime | None, seconds: bool = True) -> str:
    if moment is None:
        return "—"
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    return local.toString("HH:mm:ss" if seconds else "HH:mm") if local.date() == QDateTime.currentDateTime().date() \
        else local.toString("dd/MM HH:mm")


class SyncStatusBar(QStatusBar):
    """Shows the delivery status it is given; it never polls.

    With a change hub and an operation runner (the window's normal wiring) it re-reads the status on the read
    pool when the outbox moved and shows what the delivery worker reports through the hub. Without them (older
    callers, tests of the bar alone) it falls back to reading ``read_status`` on a timer.

    "Online" is believed until the status's ``fresh_until`` only (the worker's last answer plus its heartbeat
    and a margin): a one-shot timer then shows "Offline" unless a newer report came, so a worker stuck in a
    request to a dead platform never leaves "Online" on screen (sync/reporting.py). ``clock``: for tests.
    """

    def __init__(self, read_status, office_name: str, parent: QWidget | None = None,
                 interval_ms: int = 1000, *, hub=None, runner=None, clock=lambda: datetime.now(UTC)) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.read_status = read_status
        self.runner = runner
        self.clock = clock
        self.shown = None  # the status on screen (its connection may have lapsed to offline since)
        self.expiry = QTimer(self)  # one-shot: "online" lapses at the status's fresh_until
        self.expiry.setSingleShot(True)
        self.expiry.timeout.connect(self._lapsed)
        self.connection = QLabel(self)
        self.connection.setObjectName("connectionState")
        self.pending = QLabel(self)
        self.pending.setObjectName("pendingCount")
        self.last_sync = QLabel(self)
        self.last_sync.setObjectName("lastSync")
        self.office = QLabel(office_name, self)
        self.office.setObjectName("officeName")
        for label in (self.connection, self.pending, self.last_sync):
            self.addWidget(label)
        self.addPermanentWidget(self.office)
        self.timer: QTimer | None = None
        self._newest = Newest()  # the two read threads may answer out of order
        if hub is not None and runner is not None:
            hub.sync_status_changed.connect(self._pushed)
            hub.outbox_changed.connect(self.refresh)
        else:
            self.timer = QTimer(self)
            self.timer.timeout.connect(self.refresh)
            self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        """Read the status again (on the read pool when there is a runner) and show it."""
        if self.runner is not None:
            self.runner.read(self, self.read_status, success=self._newest.only(self.show_status))
        else:
            self.show_status(self.read_status())

    def _pushed(self, status) -> None:
        """What the delivery worker reports through the hub: newer than any read still in flight."""
        self._newest.accept()
        self.show_status(status)

    def show_status(self, status) -> None:
        self.shown = status
        self.expiry.stop()
        fresh_until = getattr(status, "fresh_until", None)
        if status.connection in ("online", "syncing") and fresh_until is not None:
            left_ms = (fresh_until - self.clock()).total_seconds() * 1000
            if left_ms <= 0:
                status = dataclasses.replace(status, connection="offline")
            else:
                self.expiry.start(min(int(left_ms) + 1, 2**31 - 1))
        self._show_connection(status)
        pending = self.tr("%n sales waiting to sync", "", status.pending)
        if status.parked or status.conflicts:
            pending += (self.tr(" · %n parked", "", status.parked)
                        + self.tr(" · %n conflicts", "", status.conflicts))
        if status.horizon_exceeded:
            pending += self.tr(" · oldest waiting too long!")
        self.pending.setText(pending)
        self.last_sync.setText(self.tr("Last sync {time}").format(time=local_time(status.last_success)))

    def _lapsed(self) -> None:
        """Nothing answered since the shown status's ``fresh_until``: the platform is not there any more."""
        if self.shown is not None and self.shown.connection in ("online", "syncing"):
            self.shown = dataclasses.replace(self.shown, connection="offline")
            self._show_connection(self.shown)

    def _show_connection(self, status) -> None:
        online = status.connection in ("online", "syncing")
        if status.connection == "training":
            text = self.tr("● Training: nothing syncs")
        elif status.connection == "syncing":
            text = self.tr("● Syncing")
        elif online:
            text = self.tr("● Online")
        elif status.connection == "offline":
            text = self.tr("● Offline")
        elif status.connection == "connecting":
            text = self.tr("● Connecting…")
        else:  # nothing asked the platform yet (not paired, or the worker has not started)
            text = self.tr("● Not connected yet")
        lease_left = getattr(status, "lease_left", None)
        away = lease_left is not None and status.connection == "offline"  # behind an office hub that is away
        if away:
            text = self.tr("● No hub · %n own seats", "", lease_left)
        self.connection.setToolTip(self.tr(
            "The office hub cannot be reached: this window sells only the seats reserved for it until the hub "
            "answers again; its sales reach the hub then.") if away else "")
        if status.auth_problem:
            text = self.tr("● Token refused: re-pair the terminal")
        self.connection.setText(text)
        waiting = status.connection in ("connecting", "unknown") and not status.auth_problem
        self.connection.setProperty("state", "online" if online else "waiting" if waiting else "offline")
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)
