"""Door check screen: scan or type a ticket's code; a big green or red answer with the reason, offline."""

from __future__ import annotations

from collections.abc import Callable

from boxoffice.services.checkin import CheckResult
from boxoffice.ui.error_text import describe
from boxoffice.ui.operations import OperationRunner
from boxoffice.ui.qt import QDialog, QLabel, QLineEdit, QPushButton, Qt, QVBoxLayout, QWidget, Signal
from boxoffice.ui.status_bar import local_time


class DoorCheckDialog(QDialog):
    checked = Signal(object)  # the CheckResult just shown

    def __init__(self, event_name: str, check: Callable[[str], CheckResult], runner: OperationRunner,
                 parent: QWidget | None = None) -> None:
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
        reasons = {
            "ok": self.tr("VALID — first entry"),
            "malformed": self.tr("NOT VALID — not a ticket code"),
            "unknown": self.tr("NOT VALID — unknown ticket"),
            "voided": self.tr("NOT VALID — the sale was voided"),
            "wrong_event": self.tr("NOT VALID — ticket for another event"),
            "already_entered": self.tr("NOT VALID — already entered at {time}").format(
                time=local_time(result.entered_at)),
        }
        detail = describe(result.error) if result.error is not None else \
            " · ".join(x for x in (result.seat, result.product) if x)
        self.light.setText(reasons.get(result.reason, result.message) + (f"\n{detail}" if detail else ""))
        self.light.setProperty("kind", "green" if result.green else "red")
        self.light.style().unpolish(self.light)
        self.light.style().polish(self.light)
        self.checked.emit(result)
