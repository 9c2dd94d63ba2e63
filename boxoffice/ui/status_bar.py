"""The status bar a clerk always sees: online/offline, sales waiting to sync, last good sync, office."""

from __future__ import annotations

from datetime import datetime

from boxoffice.ui.qt import QDateTime, QLabel, QStatusBar, QTimer, QWidget


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    local = QDateTime.fromSecsSinceEpoch(int(moment.timestamp())).toLocalTime()
    return local.toString("HH:mm:ss") if local.date() == QDateTime.currentDateTime().date() \
        else local.toString("dd/MM HH:mm")


class SyncStatusBar(QStatusBar):
    """Shows the delivery status it is given; it never polls.

    With a change hub and an operation runner (the window's normal wiring) it re-reads the status on the read
    pool when the outbox moved and shows what the delivery worker reports through the hub. Without them (older
    callers, tests of the bar alone) it falls back to reading ``read_status`` on a timer.
    """

    def __init__(self, read_status, office_name: str, parent: QWidget | None = None,
                 interval_ms: int = 1000, *, hub=None, runner=None) -> None:
        super().__init__(parent)
        self.setObjectName("syncStatus")
        self.read_status = read_status
        self.runner = runner
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
        if hub is not None and runner is not None:
            hub.sync_status_changed.connect(self.show_status)
            hub.outbox_changed.connect(self.refresh)
        else:
            self.timer = QTimer(self)
            self.timer.timeout.connect(self.refresh)
            self.timer.start(interval_ms)
        self.refresh()

    def refresh(self) -> None:
        """Read the status again (on the read pool when there is a runner) and show it."""
        if self.runner is not None:
            self.runner.read(self, self.read_status, success=self.show_status)
        else:
            self.show_status(self.read_status())

    def show_status(self, status) -> None:
        online = status.connection in ("online", "syncing")
        if status.connection == "training":
            text = self.tr("● Training: nothing syncs")
        elif status.connection == "syncing":
            text = self.tr("● Syncing")
        elif online:
            text = self.tr("● Online")
        elif status.connection == "offline":
            text = self.tr("● Offline")
        else:
            text = self.tr("● Connecting…")
        if status.auth_problem:
            text = self.tr("● Token refused: re-pair the terminal")
        self.connection.setText(text)
        self.connection.setProperty("state", "online" if online else "offline")
        self.connection.style().unpolish(self.connection)
        self.connection.style().polish(self.connection)
        pending = self.tr("{n} sales waiting to sync").format(n=status.pending)
        if status.parked or status.conflicts:
            pending += self.tr(" · {p} parked · {c} conflicts").format(p=status.parked, c=status.conflicts)
        if status.horizon_exceeded:
            pending += self.tr(" · oldest waiting too long!")
        self.pending.setText(pending)
        self.last_sync.setText(self.tr("Last sync {time}").format(time=local_time(status.last_success)))
