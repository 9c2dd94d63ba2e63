"""A supervisor authorises one action with their PIN (voids, returns): :class:`SupervisorPinDialog`.

The dialog says what is being authorised (the reason), lists the active supervisors (read on the operation
runner's read pool) and takes a PIN. The PIN is checked on the writer thread with the clerks facade's
``sign_in_pin`` (scrypt is slow by design: never on the GUI thread), so the same lockout applies as at sign-in
(five wrong PINs lock the supervisor for a minute) and every try is journaled. A clerk who is not a supervisor
is refused even with their right PIN. On success ``dialog.supervisor`` is the supervisor's :class:`ClerkInfo`
and the dialog accepts; :func:`ask_supervisor` wraps it for callers that only want that.
"""

from __future__ import annotations

import logging

from boxoffice.core.errors import BoxOfficeError
from boxoffice.facades import ClerksFacade
from boxoffice.services.clerks import ClerkInfo, ClerkLocked, UnknownClerk, WrongPin
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.signin import _busy_bar, _pin_field, _set_message, _weakly, local_clock, wrong_pin_text
from boxoffice.ui.window_context import WindowContext

log = logging.getLogger(__name__)


class NotASupervisor(BoxOfficeError):
    """The PIN was right but the clerk is not (or no longer) a supervisor."""


def _check_supervisor(clerks: ClerksFacade, clerk_id: int, pin: str) -> ClerkInfo:
    """Runs on the writer thread: the PIN (with lockout), then the role as it is stored now."""
    info = clerks.sign_in_pin(clerk_id, pin)
    if not info.is_supervisor:
        raise NotASupervisor(info.name)
    return info


class SupervisorPinDialog(QDialog):
    """Reason, supervisor, PIN, OK/Cancel. On success ``self.supervisor`` is set and the dialog accepts."""

    def __init__(self, ctx: WindowContext, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorPinDialog")
        self.setWindowTitle(self.tr("Supervisor authorisation"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.ctx = ctx
        self.supervisor: ClerkInfo | None = None
        self.supervisors: list[ClerkInfo] = []
        self.loaded = False  # the supervisors are read (off the GUI thread) once the dialog exists
        self.busy = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        title = QLabel(self.tr("Supervisor PIN needed"), self)
        title.setObjectName("panelTitle")
        outer.addWidget(title)
        self.reason_label = QLabel(reason, self)
        self.reason_label.setObjectName("supervisorReason")
        self.reason_label.setWordWrap(True)
        self.reason_label.setTextFormat(Qt.TextFormat.PlainText)
        outer.addWidget(self.reason_label)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.supervisor_combo = QComboBox(self)
        self.supervisor_combo.setObjectName("supervisorCombo")
        self.supervisor_combo.setMinimumHeight(48)
        self.supervisor_combo.currentIndexChanged.connect(self._supervisor_changed)
        form.addRow(self._field_label(self.tr("Supervisor"), 48), self.supervisor_combo)
        self.pin_field = _pin_field(self, "pinField")
        self.pin_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_field.setPlaceholderText(self.tr("PIN"))
        self.pin_field.returnPressed.connect(self.submit)
        form.addRow(self._field_label(self.tr("PIN"), 64), self.pin_field)
        outer.addLayout(form)

        self.busy_bar = _busy_bar(self)
        outer.addWidget(self.busy_bar)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(48)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        outer.addWidget(self.message)

        self.buttons = QDialogButtonBox(self)
        self.ok_button: QPushButton = self.buttons.addButton(self.tr("Authorise"),
                                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setObjectName("primary")
        self.ok_button.setAutoDefault(False)
        self.cancel_button: QPushButton = self.buttons.addButton(self.tr("Cancel"),
                                                                 QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAutoDefault(False)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(56)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        outer.addWidget(self.buttons)

        self._set_busy(True, self.tr("Reading the supervisors…"))
        self.ctx.runner.read(self, ctx.facades.clerks.list_clerks, success=_weakly(self._clerks_read),
                             failure=_weakly(self._clerks_not_read))

    def _clerks_read(self, found: list[ClerkInfo]) -> None:
        self.supervisors = [c for c in found if c.is_supervisor]
        for clerk in self.supervisors:
            self.supervisor_combo.addItem(clerk.name, clerk.id)
        self.loaded = True
        self._set_busy(False)
        _set_message(self.message, "", "")
        if not self.supervisors:
            self._unusable(self.tr("There is no active supervisor at this window."))

    def _clerks_not_read(self, exc: Exception) -> None:
        self.loaded = True
        self._set_busy(False)
        self._unusable(describe(exc, self.ctx.money))

    def _unusable(self, text: str) -> None:
        self.supervisor_combo.setEnabled(False)
        self.pin_field.setEnabled(False)
        self.ok_button.setEnabled(False)
        _set_message(self.message, text, "error")

    def _field_label(self, text: str, height: int) -> QLabel:
        """A form label as tall as its field, its text centred beside it."""
        label = QLabel(text, self)
        label.setMinimumHeight(height)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return label

    # --- state ----------------------------------------------------------------------------------------

    def selected_supervisor(self) -> ClerkInfo | None:
        chosen = self.supervisor_combo.currentData()
        return next((c for c in self.supervisors if c.id == chosen), None)

    def select_supervisor(self, clerk_id: int) -> None:
        index = self.supervisor_combo.findData(clerk_id)
        if index >= 0 and not self.busy:
            self.supervisor_combo.setCurrentIndex(index)

    def _supervisor_changed(self, _index: int) -> None:
        if not self.busy:
            self.pin_field.clear()
            _set_message(self.message, "", "")
            self.pin_field.setFocus()

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.supervisor_combo.setEnabled(not busy)
        self.pin_field.setReadOnly(busy)
        self.ok_button.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        if busy:
            _set_message(self.message, text or self.tr("Checking the PIN…"), "info")
        else:
            self.pin_field.setFocus()

    # --- checking -------------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy:
            return
        clerk = self.selected_supervisor()
        if clerk is None:
            _set_message(self.message, self.tr("Choose the supervisor first."), "error")
            return
        pin = self.pin_field.text()
        if not pin:
            _set_message(self.message, self.tr("Type the supervisor's PIN."), "error")
            return
        self.pin_field.clear()
        facade = self.ctx.facades.clerks
        self._set_busy(True)
        self.ctx.runner.write(self, lambda: _check_supervisor(facade, clerk.id, pin),
                              success=_weakly(self._authorised), failure=_weakly(self._refused))

    def _authorised(self, supervisor: ClerkInfo) -> None:
        self._set_busy(False)
        self.supervisor = supervisor
        _set_message(self.message, "", "")
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self._set_busy(False)
        self.pin_field.clear()
        if isinstance(exc, WrongPin):
            text = wrong_pin_text(exc.tries_left)
        elif isinstance(exc, ClerkLocked):
            text = self.tr("Too many wrong PINs. {name} is locked until {time}").format(
                name=exc.name, time=local_clock(exc.until))
        elif isinstance(exc, NotASupervisor):
            text = self.tr("{name} is not a supervisor and cannot authorise this.").format(name=str(exc))
        elif isinstance(exc, UnknownClerk):
            text = self.tr("That supervisor cannot sign in any more. Choose another.")
        elif isinstance(exc, BoxOfficeError):
            text = describe(exc, self.ctx.money)
        else:
            log.error("supervisor PIN check failed unexpectedly: %s", type(exc).__name__)
            text = self.tr("Could not check the PIN ({error}). Try again; if it keeps failing, call IT.").format(
                error=type(exc).__name__)
        _set_message(self.message, text, "error")

    def reject(self) -> None:
        # a check in flight finishes first (its journal entry is already being written); reading the list may
        # be abandoned
        if not self.busy or not self.loaded:
            super().reject()


def ask_supervisor(parent: QWidget | None, ctx: WindowContext, reason: str) -> ClerkInfo | None:
    """Ask for a supervisor's PIN (modal); the supervisor, or None when cancelled."""
    dialog = SupervisorPinDialog(ctx, reason, parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.supervisor
        return None
    finally:
        dialog.deleteLater()
