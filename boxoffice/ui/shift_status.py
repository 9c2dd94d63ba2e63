"""The open shift at the window: shown in the status bar, and asked for when a clerk starts a sale without one.

Every real sale, void and return belongs to a shift (``boxoffice.services.shifts``). The window asks at the first
sale, when the clerk presses Pay (or Comp), not at sign-in: putting seats in a cart to answer a customer needs no
drawer, and a clerk who signs in only to look up a sale or check tickets is not made to count a float. A clerk
who may run a shift gets the open-shift dialog with the float count, and the sale goes on once it is open; a
clerk who may not (a door clerk) is told to ask a supervisor. The state comes from the change hub's
``shift_changed`` (read again on the read pool), never from polling; if a sale is refused for want of a shift
anyway (another window closed it a moment ago), the same prompt opens and the same sale is sent again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from boxoffice.core.permissions import Action, allowed
from boxoffice.core.report_print import format_when
from boxoffice.services.shifts import ShiftInfo
from boxoffice.ui.operations import Newest
from boxoffice.ui.qt import QLabel, QObject, QSize, Qt, QTimer, QWidget, Signal
from boxoffice.ui.window_context import WindowContext

NO_SHIFT_CODE = "no_open_shift"


def since_text(moment: datetime, language: str, now: datetime | None = None) -> str:
    """``09:12`` for a shift opened today (local time), the date and time for an older one."""
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).astimezone().date()
    return f"{local:%H:%M}" if local.date() == today else format_when(moment, language)


class ShiftStatus(QLabel):
    """The status bar's shift part: "Shift 3 · Ana · since 09:12", or "No shift open" (in red).

    A narrow window (1024 px in Spanish) has no room for it all beside the connection state: the label then
    shows the longest of its shorter forms that fits ("Shift 3 · since 09:12", "Shift 3"), never a clipped
    text; the tooltip always has everything.
    """

    changed = Signal()

    def __init__(self, ctx_of: Callable[[], WindowContext], language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shiftState")
        self.ctx_of = ctx_of
        self.language = language
        #: True once the first read is in: before it the window does not know, and lets the service decide
        self.known = False
        self.shift: ShiftInfo | None = None
        self.names: dict[int, str] = {}
        self.forms: list[str] = [self.tr("Shift: …")]  # longest first
        self.setText(self.forms[0])
        self._newest = Newest()  # the two read threads may answer out of order
        ctx_of().hub.shift_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Read the open shift again on the read pool (the window's current store: training has its own)."""
        shifts = self.ctx_of().facades.shifts
        self.ctx_of().runner.read(self, lambda: (shifts.current(), shifts.clerk_names()),
                                  success=self._newest.only(lambda found: self.show_shift(*found)))

    def opened(self, shift: ShiftInfo, name: str) -> None:
        """Our own open: shown at once, so the sale that asked for it goes on without waiting for the re-read."""
        self._newest.accept()
        self.show_shift(shift, {**self.names, shift.clerk_id: name})

    def show_shift(self, shift: ShiftInfo | None, names: Mapping[int, str]) -> None:
        self.known, self.shift, self.names = True, shift, dict(names)
        if shift is None:
            self.forms = [self.tr("No shift open"), self.tr("No shift")]
            self.setToolTip(self.tr("Sales, voids and returns need an open shift; the first sale opens one."))
        else:
            name, when = self.names.get(shift.clerk_id, "?"), since_text(shift.opened_at, self.language)
            self.forms = [self.tr("Shift {id} · {name} · since {when}").format(id=shift.id, name=name, when=when),
                          self.tr("Shift {id} · since {when}").format(id=shift.id, when=when),
                          self.tr("Shift {id}").format(id=shift.id)]
            self.setToolTip(self.tr("Opened by {name} on {when} with a float of {amount}").format(
                name=self.names.get(shift.clerk_id, "?"), when=format_when(shift.opened_at, self.language),
                amount=self.ctx_of().money.format(shift.float_cents)))
        self.setProperty("state", "none" if shift is None else "open")
        self.style().unpolish(self)
        self.style().polish(self)
        self.updateGeometry()
        self._fit()
        self.changed.emit()

    def _room(self, text: str) -> int:
        frame = self.width() - self.contentsRect().width()  # the style sheet's padding and the margins
        return self.fontMetrics().horizontalAdvance(text) + frame + 4

    def sizeHint(self) -> QSize:
        return QSize(self._room(self.forms[0]), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self._room(self.forms[-1]), super().minimumSizeHint().height())

    def _fit(self) -> None:
        width = self.width()
        self.setText(next((form for form in self.forms if self._room(form) <= width), self.forms[-1]))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()


class ShiftGate(QObject):
    """What the main window asks before a sale: is a shift open, and if not, opens one with the clerk."""

    #: the open-shift dialog shown for a sale (tests and screenshots pick it up here)
    prompted = Signal(object)

    def __init__(self, window: Any) -> None:  # the MainWindow: clerk, backend, ctx, statusBar(), _show_error
        super().__init__(window)
        self.window = window
        self.status = ShiftStatus(lambda: window.ctx, window.backend.language, window)
        window.statusBar().addPermanentWidget(self.status)

    def refresh(self) -> None:
        self.status.refresh()

    def _training(self) -> bool:
        return bool(self.window.backend.training)  # practice sales need no shift and never count

    def ask_first(self, then: Callable[[], None]) -> bool:
        """True (and the clerk is asked, ``then`` runs once a shift is open) when the window knows none is open."""
        if self._training() or not self.status.known or self.status.shift is not None:
            return False
        self.ask(then)
        return True

    def offer(self, exc: Exception, then: Callable[[], None]) -> bool:
        """A sale refused for want of a shift: ask, then ``then`` (the same sale again). False for other errors."""
        if getattr(exc, "code", None) != NO_SHIFT_CODE or self._training():
            return False
        self.status.show_shift(None, self.status.names)  # it was closed meanwhile: the bar says so too
        self.ask(then)
        return True

    def ask(self, then: Callable[[], None]) -> None:
        window, clerk = self.window, self.window.clerk
        if clerk is None:
            window._show_error(self.tr("No shift is open at this window. Sign in to open one with the cash float."))
            return
        if not allowed(getattr(clerk, "role", None), Action.shift_own):
            window._show_error(self.tr("No shift is open at this window, and opening one needs a supervisor: ask a "
                                       "supervisor to open it (Supervisor ▸ Shift and Z report…)."))
            return
        from boxoffice.ui.shift_dialogs import OpenShiftDialog

        dialog = OpenShiftDialog(window.backend, clerk, window, reason=self.tr(
            "No shift is open at this window. Count the cash in the drawer to open one; then the sale goes on."))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def opened(shift: ShiftInfo) -> None:
            self.status.opened(shift, clerk.name)
            QTimer.singleShot(0, then)  # after the dialog has closed: then() may open the payment dialog

        dialog.shift_opened.connect(opened)
        dialog.open()
        self.prompted.emit(dialog)
