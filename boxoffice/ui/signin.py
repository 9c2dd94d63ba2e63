"""Signing in at the window, and creating the first supervisor on the first start.

:class:`SignInDialog`: the clerk taps their name (or types its first letter, or moves with Up/Down), then types
the PIN on the keyboard or the on-screen pad; Enter signs in, Esc clears, Backspace deletes a digit. A badge
scan (the app routes :class:`boxoffice.ui.scanner.ScanDetector`'s ``scanned`` to :meth:`badge_scanned`) signs
in directly. The keyboard focus stays in the PIN field; name and pad buttons are touch targets.

:class:`FirstSupervisorDialog`: name, PIN twice and an optional badge; creates the first supervisor.

Both dialogs work through the window's context (:class:`~boxoffice.ui.window_context.WindowContext`): the names
are read on the operation runner's read pool, and the scrypt work (slow by design) runs on its writer thread
through the clerks facade, behind a busy indicator; nothing touches the store on the GUI thread. Both end with
``self.clerk`` (a :class:`ClerkInfo`) set and ``accept()``.
"""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from datetime import datetime
from typing import Any

from boxoffice.core.errors import BoxOfficeError
from boxoffice.services import clerks
from boxoffice.services.clerks import (
    PIN_MAX_DIGITS,
    PIN_MIN_DIGITS,
    ClerkInfo,
    ClerkLocked,
    ClerksAlreadyExist,
    DuplicateClerk,
    InvalidPin,
    UnknownBadge,
    UnknownClerk,
    WrongPin,
)
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QButtonGroup,
    QCoreApplication,
    QDialog,
    QEvent,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QObject,
    QProgressBar,
    QPushButton,
    QRegularExpression,
    QRegularExpressionValidator,
    QScrollArea,
    QSizePolicy,
    Qt,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.scanner import SCAN_FIELD
from boxoffice.ui.window_context import WindowContext

log = logging.getLogger(__name__)

PAD_BUTTON_SIZE = (116, 68)
CLERK_BUTTON_HEIGHT = 72
CLERK_COLUMNS = 2
CLERK_BUTTON_MIN_WIDTH = 180
CLERK_TWO_COLUMNS_MAX_WIDTH = 256  # two columns + the pad fit in a 1024-pixel screen
CLERK_SPACING = 12


def local_clock(moment: datetime) -> str:
    """HH:MM:SS in the terminal's local time (storage is UTC)."""
    return moment.astimezone().strftime("%H:%M:%S")


def wrong_pin_text(tries_left: int) -> str:
    """What a wrong PIN says, wherever a PIN is asked (sign-in, a supervisor's authorisation)."""
    if tries_left == 1:
        return QCoreApplication.translate("PinMessages", "Wrong PIN, 1 try left")
    return QCoreApplication.translate("PinMessages", "Wrong PIN, {n} tries left").format(n=tries_left)


def _pin_field(parent: QWidget, name: str) -> QLineEdit:
    field = QLineEdit(parent)
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setMaxLength(PIN_MAX_DIGITS)
    field.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX_DIGITS}}}"), field))
    field.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
                              | Qt.InputMethodHint.ImhNoPredictiveText)
    field.setMinimumHeight(64)
    return field


def _weakly(method: Callable[[Any], None]) -> Callable[[Any], None]:
    """``method`` as a callback that does not keep its dialog alive.

    The operation runner keeps the callbacks on a relay object that is a child of the dialog and is deleted
    later. If the relay held the only reference to a dialog Python owns (a dialog without a parent, once the
    caller has dropped it), deleting the relay would free the dialog from inside the relay's own destructor,
    and the dialog would delete the relay a second time: a crash. Tests hit this; so could the app.
    """
    ref = weakref.WeakMethod(method)

    def call(value: Any) -> None:
        bound = ref()
        if bound is not None:
            bound(value)

    return call


def _set_message(label: QLabel, text: str, kind: str) -> None:
    """Show ``text``; ``kind`` ("error", "info" or "") is a dynamic property for the stylesheet."""
    label.setText(text)
    if label.property("kind") != kind:
        label.setProperty("kind", kind)
        label.style().unpolish(label)
        label.style().polish(label)


def _busy_bar(parent: QWidget) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setObjectName("busy")
    bar.setRange(0, 0)  # indeterminate
    bar.setTextVisible(False)
    bar.setFixedHeight(10)
    bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    # Keep its room when hidden, so the dialog does not jump when it appears.
    policy = bar.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    bar.setSizePolicy(policy)
    bar.hide()
    return bar


class SignInDialog(QDialog):
    """Choose a clerk and type the PIN, or scan a badge. On success ``self.clerk`` is set and it accepts."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None, *,
                 clerks: list[ClerkInfo] | None = None) -> None:
        """``clerks``: the names when the caller has read them already (the app does, so the dialog opens
        complete); otherwise they are read on the runner's read pool."""
        super().__init__(parent)
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Sign in"))
        self.setModal(True)
        self.resize(1000, 720)
        self.ctx = ctx
        self.clerk: ClerkInfo | None = None
        self.busy = False
        self.loaded = False  # True once the names were read (off the GUI thread) and shown
        self.clerks: list[ClerkInfo] = []
        self.clerk_buttons: dict[int, QPushButton] = {}
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self._group.idToggled.connect(self._clerk_toggled)

        outer = QVBoxLayout(self)
        outer.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        title = QLabel(self.tr("Sign in"), self)
        title.setObjectName("title")
        outer.addWidget(title)
        hint = QLabel(self.tr("Tap your name and type your PIN, or scan your badge."), self)
        hint.setObjectName("subtitle")
        hint.setWordWrap(True)
        outer.addWidget(hint)

        body = QHBoxLayout()
        body.setSpacing(24)
        outer.addLayout(body, 1)

        # Left: the clerks' names.
        self._names_area = QScrollArea(self)
        self._names_area.setObjectName("clerkList")
        self._names_area.setWidgetResizable(True)
        self._names_area.setFrameShape(QFrame.Shape.NoFrame)
        self._names_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._names_area.viewport().setAutoFillBackground(False)
        self._names = QWidget()  # replaced by the names once they are read
        self._names_area.setWidget(self._names)
        self._names.setAutoFillBackground(False)
        body.addWidget(self._names_area, 3)

        # Right: whose PIN, the field, the message, the pad.
        right_panel = QWidget(self)
        right_panel.setObjectName("pinPanel")
        right_panel.setMinimumWidth(3 * PAD_BUTTON_SIZE[0] + 2 * 8)
        right_panel.setMaximumWidth(440)
        right = QVBoxLayout(right_panel)
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(10)
        body.addWidget(right_panel, 2)
        self.prompt = QLabel(self)
        self.prompt.setObjectName("pinPrompt")
        self.prompt.setWordWrap(True)
        right.addWidget(self.prompt)
        self.pin_field = _pin_field(self, "pinField")
        self.pin_field.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pin_field.setPlaceholderText(self.tr("PIN"))
        self.pin_field.installEventFilter(self)
        right.addWidget(self.pin_field)
        self.busy_bar = _busy_bar(self)
        right.addWidget(self.busy_bar)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(48)
        self.message.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        right.addWidget(self.message)

        self.pad = QWidget(self)
        self.pad.setObjectName("pinPad")
        pad = QGridLayout(self.pad)
        pad.setContentsMargins(0, 0, 0, 0)
        pad.setSpacing(8)
        self.pad_buttons: dict[str, QPushButton] = {}
        self._digits = QButtonGroup(self)  # digit buttons by id: no lambdas holding the dialog
        self._digits.idClicked.connect(self._digit_clicked)
        for index, digit in enumerate("123456789"):
            pad.addWidget(self._pad_button(digit, digit), index // 3, index % 3)
        pad.addWidget(self._pad_button("clear", self.tr("Clear")), 3, 0)
        pad.addWidget(self._pad_button("0", "0"), 3, 1)
        pad.addWidget(self._pad_button("back", self.tr("Delete")), 3, 2)
        self.sign_in_button = QPushButton(self.tr("Sign in"), self.pad)
        self.sign_in_button.setObjectName("primary")
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.sign_in_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.sign_in_button.setAutoDefault(False)
        self.sign_in_button.setMinimumHeight(PAD_BUTTON_SIZE[1])
        self.sign_in_button.clicked.connect(self.submit)
        pad.addWidget(self.sign_in_button, 4, 0, 1, 3)
        right.addWidget(self.pad)
        right.addStretch(1)

        if clerks is None:
            self.reload_clerks()
        else:
            self.show_clerks(clerks)
        self.pin_field.setFocus()

    # --- building -------------------------------------------------------------------------------------

    def _pad_button(self, key: str, text: str) -> QPushButton:
        button = QPushButton(text, self.pad)
        button.setObjectName("padDigit" if key.isdigit() else f"pad_{key}")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard focus stays in the PIN field
        button.setAutoDefault(False)
        button.setMinimumSize(*PAD_BUTTON_SIZE)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if key.isdigit():
            self._digits.addButton(button, int(key))
        elif key == "clear":
            button.clicked.connect(self.clear_pin)
        else:
            button.clicked.connect(self._delete_digit)
        self.pad_buttons[key] = button
        return button

    def reload_clerks(self) -> None:
        """Read the active clerks on the read pool, then rebuild the name buttons (:meth:`show_clerks`)."""
        self.ctx.runner.read(self, self.ctx.facades.clerks.list_clerks, success=_weakly(self.show_clerks),
                             failure=_weakly(self._clerks_not_read))

    def _clerks_not_read(self, exc: Exception) -> None:
        _set_message(self.message, describe(exc, self.ctx.money), "error")

    def show_clerks(self, found: list[ClerkInfo]) -> None:
        """(Re)build the name buttons from the active clerks, keeping the selection when it is still there."""
        selected = self.selected_clerk()
        for button in self.clerk_buttons.values():
            self._group.removeButton(button)
        self.clerk_buttons.clear()
        self._names = QWidget()
        self._names.setObjectName("clerkNames")
        grid = QGridLayout(self._names)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(CLERK_SPACING)
        self.clerks = list(found)
        buttons = []
        for clerk in self.clerks:
            button = QPushButton(f"✓ {clerk.name}", self._names)  # measured with the check mark it gets
            button.setObjectName("clerkButton")
            button.setCheckable(True)
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard focus stays in the PIN field
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.ensurePolished()  # so the size hint counts the stylesheet's font and padding
            if clerk.is_supervisor:
                button.setToolTip(self.tr("Supervisor"))
            self._group.addButton(button, clerk.id)
            self.clerk_buttons[clerk.id] = button
            buttons.append(button)
        # Every name whole: as wide as the widest name, two columns while that fits beside the pad.
        width = max([CLERK_BUTTON_MIN_WIDTH, *(b.sizeHint().width() for b in buttons)])
        columns = CLERK_COLUMNS if width <= CLERK_TWO_COLUMNS_MAX_WIDTH else 1
        for index, (clerk, button) in enumerate(zip(self.clerks, buttons, strict=True)):
            button.setText(clerk.name)
            button.setMinimumSize(width, CLERK_BUTTON_HEIGHT)
            grid.addWidget(button, index // columns, index % columns)
        if not self.clerks:
            empty = QLabel(self.tr("No clerk can sign in at this window yet. Ask a supervisor."), self._names)
            empty.setWordWrap(True)
            grid.addWidget(empty, 0, 0)
        grid.setRowStretch(grid.rowCount(), 1)
        self._names_area.setWidget(self._names)  # deletes the previous buttons
        self._names.setAutoFillBackground(False)  # setWidget() turned it on: a grey box on the dialog
        scrollbar = self._names_area.verticalScrollBar().sizeHint().width()
        self._names_area.setMinimumWidth(columns * width + (columns - 1) * CLERK_SPACING + scrollbar + 4)
        keep = selected.id if selected else (self.clerks[0].id if len(self.clerks) == 1 else None)
        if keep in self.clerk_buttons:
            self.clerk_buttons[keep].setChecked(True)
        self._names.setEnabled(not self.busy)
        self.loaded = True
        self._update_prompt()

    # --- state ----------------------------------------------------------------------------------------

    def selected_clerk(self) -> ClerkInfo | None:
        chosen = self._group.checkedId()
        return next((c for c in self.clerks if c.id == chosen), None)

    def select_clerk(self, clerk_id: int) -> None:
        if clerk_id in self.clerk_buttons and not self.busy:
            self.clerk_buttons[clerk_id].setChecked(True)
            self._names_area.ensureWidgetVisible(self.clerk_buttons[clerk_id])

    def _clerk_toggled(self, clerk_id: int, checked: bool) -> None:
        button = self.clerk_buttons.get(clerk_id)
        if button is not None:
            clerk = next((c for c in self.clerks if c.id == clerk_id), None)
            if clerk is not None:
                button.setText(f"✓ {clerk.name}" if checked else clerk.name)
        if checked:
            self.pin_field.clear()
            _set_message(self.message, "", "")
            self._update_prompt()
            self.pin_field.setFocus()

    def _update_prompt(self) -> None:
        clerk = self.selected_clerk()
        if clerk is None:
            self.prompt.setText(self.tr("Choose your name"))
        else:
            self.prompt.setText(self.tr("PIN for {name}").format(name=clerk.name))

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self._names.setEnabled(not busy)
        self.pad.setEnabled(not busy)
        self.pin_field.setReadOnly(busy)
        self.busy_bar.setVisible(busy)
        if busy:
            _set_message(self.message, text, "info")
        else:
            self.pin_field.setFocus()

    # --- input ----------------------------------------------------------------------------------------

    def _digit_clicked(self, digit: int) -> None:
        self._press_digit(str(digit))

    def _press_digit(self, digit: str) -> None:
        if not self.busy and len(self.pin_field.text()) < PIN_MAX_DIGITS:
            self.pin_field.insert(digit)
        self.pin_field.setFocus()

    def _delete_digit(self) -> None:
        if not self.busy:
            self.pin_field.backspace()
        self.pin_field.setFocus()

    def clear_pin(self) -> None:
        """Esc, or the Clear key: empty the PIN field and the message."""
        if not self.busy:
            self.pin_field.clear()
            _set_message(self.message, "", "")
        self.pin_field.setFocus()

    def _select_by_letter(self, letter: str) -> None:
        """Type a name's first letter: the next clerk whose name starts with it (again: the one after)."""
        letter = letter.casefold()
        matching = [c for c in self.clerks if c.name.casefold().startswith(letter)]
        if not matching:
            return
        current = self.selected_clerk()
        after = [c for c in matching if current is not None and self.clerks.index(c) > self.clerks.index(current)]
        self.select_clerk((after or matching)[0].id)

    def _select_step(self, step: int) -> None:
        if not self.clerks:
            return
        current = self.selected_clerk()
        index = -1 if current is None and step > 0 else (
            len(self.clerks) if current is None else self.clerks.index(current))
        self.select_clerk(self.clerks[max(0, min(len(self.clerks) - 1, index + step))].id)

    def _handle_key(self, event: QKeyEvent) -> bool:
        """Keys anywhere in the dialog; True when handled here."""
        key, text = event.key(), event.text()
        if key == Qt.Key.Key_Escape:
            self.clear_pin()
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            if not self.busy:
                self._select_step(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        if len(text) == 1 and text.isalpha():
            if not self.busy:
                self._select_by_letter(text)
            return True
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.pin_field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._handle_key(event)
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Reached when the PIN field does not have the focus (e.g. after a click outside it).
        if self._handle_key(event):
            event.accept()
            return
        text = event.text()
        if len(text) == 1 and text.isdigit() and text.isascii():
            self._press_digit(text)
            event.accept()
            return
        if event.key() == Qt.Key.Key_Backspace:
            self._delete_digit()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- signing in -----------------------------------------------------------------------------------

    def submit(self) -> None:
        if self.busy:
            return
        clerk = self.selected_clerk()
        if clerk is None:
            _set_message(self.message, self.tr("Choose your name first."), "error")
            return
        pin = self.pin_field.text()
        if not pin:
            _set_message(self.message, self.tr("Type your PIN."), "error")
            return
        self.pin_field.clear()
        facade = self.ctx.facades.clerks
        self._run(lambda: facade.sign_in_pin(clerk.id, pin), self.tr("Checking your PIN…"))

    def badge_scanned(self, code: str) -> None:
        """A badge was scanned (from the app's scan detector): sign in as its clerk."""
        if self.busy or not code.strip():
            return
        facade = self.ctx.facades.clerks
        self._run(lambda: facade.sign_in_badge(code), self.tr("Checking your badge…"))

    def _run(self, work: Callable[[], ClerkInfo], busy_text: str) -> None:
        """A sign-in is a write (a wrong PIN counts towards the lockout, every try is journaled)."""
        self._set_busy(True, busy_text)
        self.ctx.runner.write(self, work, success=_weakly(self._signed_in), failure=_weakly(self._refused))

    def _signed_in(self, clerk: ClerkInfo) -> None:
        self._set_busy(False)
        self.clerk = clerk
        _set_message(self.message, "", "")
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self._set_busy(False)
        self.pin_field.clear()
        if isinstance(exc, WrongPin):
            text = wrong_pin_text(exc.tries_left)
        elif isinstance(exc, ClerkLocked):
            text = self.tr("Too many wrong PINs. Locked, try again at {time}").format(time=local_clock(exc.until))
            selected = self.selected_clerk()
            if selected is None or selected.name != exc.name:  # a badge scan: say whose
                text = self.tr("{name}: {reason}").format(name=exc.name, reason=text)
        elif isinstance(exc, UnknownBadge):
            text = self.tr("This badge does not belong to any clerk here.")
        elif isinstance(exc, UnknownClerk):
            text = self.tr("That name cannot sign in any more. Choose your name again.")
            self.reload_clerks()
        elif isinstance(exc, BoxOfficeError):
            text = describe(exc, self.ctx.money)
        else:
            log.error("sign-in failed unexpectedly: %s", type(exc).__name__)
            text = self.tr("Could not sign in ({error}). Try again; if it keeps failing, call IT.").format(
                error=type(exc).__name__)
        _set_message(self.message, text, "error")


class FirstSupervisorDialog(QDialog):
    """First start, no clerks yet: create the supervisor. On success ``self.clerk`` is set and it accepts."""

    def __init__(self, ctx: WindowContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("firstSupervisorDialog")
        self.setWindowTitle(self.tr("Create the supervisor"))
        self.setModal(True)
        self.setMinimumSize(760, 680)
        self._clerks, self._runner, self._money = ctx.facades.clerks, ctx.runner, ctx.money
        self.clerk: ClerkInfo | None = None
        self.busy = False

        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        title = QLabel(self.tr("Welcome"), self)
        title.setObjectName("title")
        outer.addWidget(title)
        intro = QLabel(self.tr("No clerks here yet. Create the supervisor, who then adds the other clerks "
                               "(Supervisor › Staff…)."), self)
        intro.setObjectName("subtitle")
        intro.setWordWrap(True)
        outer.addWidget(intro)

        self.form = QWidget(self)
        form = QFormLayout(self.form)
        form.setContentsMargins(0, 8, 0, 0)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(12)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_field = QLineEdit(self.form)
        self.name_field.setObjectName("nameField")
        self.name_field.setMaxLength(clerks.NAME_MAX_LENGTH)
        self.name_field.setMinimumHeight(56)
        self.name_field.setPlaceholderText(self.tr("e.g. Marta López"))
        form.addRow(self._label(self.tr("Name")), self.name_field)
        self.pin_field = _pin_field(self.form, "pinField")
        self.pin_field.setPlaceholderText(
            self.tr("{low} to {high} digits").format(low=PIN_MIN_DIGITS, high=PIN_MAX_DIGITS))
        self.pin_field.setMinimumHeight(56)
        form.addRow(self._label(self.tr("PIN")), self.pin_field)
        self.repeat_field = _pin_field(self.form, "repeatPinField")
        self.repeat_field.setPlaceholderText(self.tr("the same PIN again"))
        self.repeat_field.setMinimumHeight(56)
        form.addRow(self._label(self.tr("Repeat PIN")), self.repeat_field)
        self.badge_field = QLineEdit(self.form)
        self.badge_field.setObjectName("badgeField")
        self.badge_field.setProperty(SCAN_FIELD, True)  # a badge scanned here is a scan (badge_scanned), not typing
        self.badge_field.setMaxLength(clerks.BADGE_MAX_LENGTH)
        self.badge_field.setMinimumHeight(56)
        self.badge_field.setPlaceholderText(self.tr("optional: scan the badge now"))
        form.addRow(self._label(self.tr("Badge")), self.badge_field)
        outer.addWidget(self.form)

        self.busy_bar = _busy_bar(self)
        outer.addWidget(self.busy_bar)
        self.message = QLabel(self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(56)
        outer.addWidget(self.message)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        self.create_button = QPushButton(self.tr("Create supervisor"), self)
        self.create_button.setObjectName("primary")
        self.create_button.setDefault(True)
        self.create_button.setMinimumHeight(PAD_BUTTON_SIZE[1])
        self.create_button.clicked.connect(self.submit)
        buttons.addWidget(self.create_button)
        outer.addLayout(buttons)

        self.name_field.setFocus()

    def _label(self, text: str) -> QLabel:
        label = QLabel(text, self.form)
        label.setMinimumHeight(56)  # as tall as the fields, so the text sits level with theirs
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return label

    def badge_scanned(self, code: str) -> None:
        """A badge scanned while this dialog is open becomes the supervisor's badge."""
        if not self.busy:
            self.badge_field.setText(code.strip())

    def _error(self, text: str, focus: QWidget | None = None) -> None:
        _set_message(self.message, text, "error")
        if focus is not None:
            focus.setFocus()

    def submit(self) -> None:
        if self.busy:
            return
        name = " ".join(self.name_field.text().split())
        pin, repeat = self.pin_field.text(), self.repeat_field.text()
        if not name:
            self._error(self.tr("Type the supervisor's name."), self.name_field)
            return
        try:
            clerks.check_pin_rules(pin)
        except InvalidPin:
            self._error(self.tr("The PIN must be {low} to {high} digits.").format(
                low=PIN_MIN_DIGITS, high=PIN_MAX_DIGITS), self.pin_field)
            return
        if pin != repeat:
            self.repeat_field.clear()
            self._error(self.tr("The two PINs are different. Type the PIN again."), self.repeat_field)
            return
        badge = self.badge_field.text().strip() or None
        facade = self._clerks
        self._set_busy(True)
        self._runner.write(self, lambda: facade.create_first_supervisor(name, pin, rfid=badge),
                           success=_weakly(self._created), failure=_weakly(self._failed))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.form.setEnabled(not busy)
        self.create_button.setEnabled(not busy)
        self.cancel_button.setEnabled(not busy)
        self.busy_bar.setVisible(busy)
        if busy:
            _set_message(self.message, self.tr("Creating the supervisor…"), "info")

    def _created(self, clerk: ClerkInfo) -> None:
        self._set_busy(False)
        self.clerk = clerk
        self.pin_field.clear()
        self.repeat_field.clear()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, ClerksAlreadyExist):
            self._error(self.tr("A supervisor already exists. Close this window and sign in."))
        elif isinstance(exc, DuplicateClerk) and exc.field == "badge":
            self._error(self.tr("That badge already belongs to another clerk."), self.badge_field)
        elif isinstance(exc, BoxOfficeError):
            self._error(describe(exc, self._money), self.name_field)
        else:
            log.error("creating the first supervisor failed: %s", type(exc).__name__)
            self._error(self.tr("Could not create the supervisor ({error}).").format(error=type(exc).__name__))
