"""Door check screen: scan or type a ticket's code; a big green or red answer with the reason, offline.

With a door snapshot (``refresh``: a door sync, run on the network thread at open and every ``refresh_seconds``)
any ticket of the event is judged, its re-entry limit and this door's scan point applied, and the other doors'
entries counted once refreshed; the line under the code says when the snapshot was last refreshed.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from boxoffice.services.checkin import CheckResult
from boxoffice.ui.error_text import describe
from boxoffice.ui.operations import OperationRunner
from boxoffice.ui.qt import (
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.status_bar import local_time


def hh_mm(moment: datetime | None) -> str:
    """An entry's local time as the door says it: HH:MM (with the day when not today)."""
    return local_time(moment, seconds=False)


class DoorCheckDialog(QDialog):
    checked = Signal(object)  # the CheckResult just shown

    refreshed = Signal(object)  # the door sync's report, after each refresh that worked

    def __init__(self, event_name: str, check: Callable[[str], CheckResult], runner: OperationRunner,
                 parent: QWidget | None = None, *, scan_point: str = "",
                 refresh: Callable[[], Any] | None = None, refresh_seconds: int = 30) -> None:
        super().__init__(parent)
        self.setObjectName("doorCheck")
        self.setWindowTitle(self.tr("Door check · {event}").format(event=event_name))
        self.setMinimumSize(640, 480)
        self._check = check
        self._runner = runner
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Scan the ticket, or type its code and press Enter."), self)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.code = QLineEdit(self)
        self.code.setObjectName("doorCode")
        layout.addWidget(self.code)
        self.snapshot_note = QLabel(self)
        self.snapshot_note.setObjectName("doorSnapshot")
        self.snapshot_note.setWordWrap(True)
        self._scan_point = scan_point
        self._refresh = refresh
        self.snapshot_note.setText(self._door_prefix() + (
            self.tr("Fetching the event's tickets…") if refresh is not None
            else self.tr("Not connected: checking from the tickets last fetched and this terminal's sales.")))
        layout.addWidget(self.snapshot_note)
        self.light = QLabel(self)
        self.light.setObjectName("doorLight")
        self.light.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.light.setWordWrap(True)
        self.light.setMinimumHeight(220)
        layout.addWidget(self.light, 1)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        layout.addWidget(close)
        self.code.returnPressed.connect(lambda: self.check(self.code.text()))
        self.last: CheckResult | None = None
        self._timer = QTimer(self)
        if refresh is not None:
            self._timer.timeout.connect(self.refresh_now)
            self._timer.start(max(refresh_seconds, 5) * 1000)
            QTimer.singleShot(0, self.refresh_now)

    def refresh_now(self) -> None:
        """Send this door's entries and fetch the event's tickets and the other doors' entries (network thread)."""
        if self._refresh is not None:
            self._runner.network(self, self._refresh, success=self._refreshed, failure=self._offline)

    def _door_prefix(self) -> str:
        return self.tr("Door: {door}").format(door=self._scan_point) + " · " if self._scan_point else ""

    def _refreshed(self, report: Any) -> None:
        self.snapshot_note.setText(self._door_prefix() + self.tr(
            "Tickets of the event as of {time}; entries at every door counted.").format(
                time=hh_mm(datetime.now(UTC))))
        self.refreshed.emit(report)

    def _offline(self, exc: Exception) -> None:
        self.snapshot_note.setText(self._door_prefix() + self.tr(
            "Offline: checking from the tickets last fetched ({error}).").format(error=describe(exc)))

    def badge_scanned(self, code: str) -> None:
        """The scanner router delivers every scan here while the door check is open."""
        self.check(code)

    def check(self, code: str) -> None:
        """Check ``code`` on the writer thread (an entry is journaled); scans are answered in the order made."""
        if not code.strip():
            return
        self.code.clear()
        self._runner.write(self, lambda: self._check(code), success=self._show)

    def _show(self, result: CheckResult) -> None:
        self.last = result
        self.light.setText(self.verdict_text(result))
        self.light.setProperty("kind", "green" if result.green else "red")
        self.light.style().unpolish(self.light)
        self.light.style().polish(self.light)
        self.checked.emit(result)

    def verdict_text(self, result: CheckResult) -> str:
        """The big answer: green or red, why, and what the ticket is."""
        time, door = hh_mm(result.entered_at), result.entered_door or ""
        if result.reason == "already_entered":
            entered = self.tr("NOT VALID — already entered at {time} at door {door}").format(time=time, door=door) \
                if door else self.tr("NOT VALID — already entered at {time}").format(time=local_time(result.entered_at))
        else:
            entered = ""
        reasons = {
            "ok": self.tr("VALID — first entry"),
            "reentry": self.tr("VALID — re-entry (%n left)", "", result.scans_left or 0),
            "malformed": self.tr("NOT VALID — not a ticket code"),
            "unknown": self.tr("NOT VALID — unknown ticket"),
            "voided": self.tr("NOT VALID — the sale was voided"),
            "refunded": self.tr("NOT VALID — the ticket was refunded"),
            "cancelled": self.tr("NOT VALID — the ticket was cancelled"),
            "transferred": self.tr("NOT VALID — the ticket was transferred; the new holder has a new code"),
            "not_held": self.tr("NOT VALID — this ticket's sale did not keep its seat"),
            "wrong_event": self.tr("NOT VALID — ticket for another event"),
            "wrong_door": self.tr("NOT VALID — not accepted at this door"),
            "not_activated": self.tr("NOT VALID — this ticket was never activated (not sold)"),
            "already_entered": entered,
            "reentry_limit": self.tr("NOT VALID — no entries left ({limit} used); last at {time} at door {door}")
            .format(limit=result.limit, time=time, door=door or "—"),
        }
        detail = describe(result.error) if result.error is not None else \
            " · ".join(x for x in (result.seat, result.product, result.holder) if x)
        return reasons.get(result.reason, result.message) + (f"\n{detail}" if detail else "")
