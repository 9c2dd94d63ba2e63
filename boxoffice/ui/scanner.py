"""Keyboard-wedge barcode and badge scanners, whichever widget has focus, without eating a person's typing.

A wedge scanner "types" its code: a burst of printable keys, usually with a trailing Enter. A person at a
ticket window types fast too (a 6-digit card authorisation at 30-60 ms a key), so :class:`ScanDetector`, an
application event filter, holds a burst back only while it may still be a scan and asks
:class:`boxoffice.ui.scan_rules.ScanRules` when it ends: the configured prefix and suffix, even machine-like
gaps, and, while a text field that would take the text has the focus, a valid ticket or purchase code (or a
field marked as a scan field, :data:`SCAN_FIELD`, such as a badge field).

- A scan: ``scanned(code)`` is emitted (without the prefix) and its keys and suffix are dropped, so no widget
  sees them. With ``suffix="none"`` the burst ends when the keys stop, and an Enter or Tab that arrives just
  after is dropped too.
- Anything else is a person: the held keys are replayed, in order, to the widget that received them. As soon
  as a burst can no longer be a scan (uneven gaps, a character no code has in a field that takes it, no
  prefix) its keys are replayed at once and the rest of that burst passes straight through. A non-printable
  key (Backspace, arrows, a shortcut) or a mouse press replays the held keys first, so what a person does
  always lands in the order they did it: nothing lost, nothing doubled.

The ``clock`` (milliseconds, monotonic; injectable for tests) decides every gap; the timer only wakes the
detector up to look. Auto-repeated keys (a key held down) are never a scan. Replayed keys are ordinary,
non-spontaneous events, which the filter lets through. While the detector is installed, a printable key is
never taken by a single-key shortcut without modifiers (use F-keys or Ctrl combinations for shortcuts).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from boxoffice.config import ScannerConfig
from boxoffice.ui.qt import (
    QComboBox,
    QCoreApplication,
    QDateEdit,
    QDoubleSpinBox,
    QEvent,
    QKeyEvent,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QRegularExpressionValidator,
    QSpinBox,
    Qt,
    QTextEdit,
    QTimer,
    Signal,
    isValid,
)
from boxoffice.ui.scan_rules import Accepts, ScanRules

#: Dynamic property: a field made to receive scans (a badge field); a scan-like burst there is a scan.
SCAN_FIELD = "scanField"

_MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Hyper_L,
    Qt.Key.Key_Hyper_R, Qt.Key.Key_Mode_switch,
})
_SUFFIX_KEYS = {"enter": frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter}), "tab": frozenset({Qt.Key.Key_Tab}),
                "none": frozenset()}
#: Keys a scanner may send after its code; with no suffix configured, one just after a scan is still dropped.
_TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)
_ALTGR_ON_WINDOWS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_MOUSE_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                            QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
_SPIN_BOXES = (QSpinBox, QDoubleSpinBox, QDateEdit)
_INVALID = QRegularExpressionValidator.State.Invalid


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


@dataclass
class _Held:
    receiver: QObject
    event: QKeyEvent  # our own copy: Qt deletes the original after delivery
    at_ms: float


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.nativeScanCode(),
                     event.nativeVirtualKey(), event.nativeModifiers(), event.text(), event.isAutoRepeat(),
                     event.count(), event.device())


def text_acceptor(widget: QObject) -> Accepts:
    """How the focused ``widget`` would take typed text: None when it is not a text field at all."""
    if isinstance(widget, QComboBox):
        widget = widget.lineEdit() if widget.isEditable() else None
    if isinstance(widget, QLineEdit):
        edit = widget
        return lambda text: _line_edit_takes(edit, text)
    if isinstance(widget, _SPIN_BOXES):
        spin = widget
        return lambda text: _spin_box_takes(spin, text)
    if isinstance(widget, (QPlainTextEdit, QTextEdit)):
        return None if widget.isReadOnly() else (lambda _text: True)
    return None


def _typed_into(edit: QLineEdit, text: str) -> tuple[str, int]:
    """The field's text after typing ``text`` at the cursor (replacing a selection), and the cursor after it."""
    current = edit.text()
    if edit.hasSelectedText():
        start = edit.selectionStart()
        end = start + len(edit.selectedText())
    else:
        start = end = edit.cursorPosition()
    return current[:start] + text + current[end:], start + len(text)


def _line_edit_takes(edit: QLineEdit, text: str) -> bool:
    if edit.isReadOnly() or not edit.isEnabled():
        return False
    after, cursor = _typed_into(edit, text)
    if len(after) > edit.maxLength():
        return False
    validator = edit.validator()
    return validator is None or validator.validate(after, cursor)[0] != _INVALID


def _spin_box_takes(spin: Any, text: str) -> bool:
    if spin.isReadOnly() or not spin.isEnabled():
        return False
    after, cursor = _typed_into(spin.lineEdit(), text)
    return spin.validate(after, cursor)[0] != _INVALID


class ScanDetector(QObject):
    """Application event filter that turns a scanner's bursts into ``scanned(code)``.

    ``install()`` puts the filter on the application, ``uninstall()`` takes it off (and replays anything held).
    """

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, rules: ScanRules | None = None,
                 clock: Callable[[], float] | None = None, **rule_values: Any) -> None:
        """``rules`` (or its fields as keywords: ``prefix``, ``suffix``, ``max_key_interval_ms``, ...) say what
        a scan looks like; ``clock`` returns milliseconds (monotonic)."""
        super().__init__(parent)
        self.rules = rules or ScanRules(**rule_values)
        self._suffix_keys = _SUFFIX_KEYS[self.rules.suffix]
        self._clock = clock or _monotonic_ms
        self._held: list[_Held] = []
        self._last_ms: float | None = None
        self._passing = False  # this burst is a person's: its keys go straight to the widget until a gap
        self._scan_ended_ms: float | None = None  # last key of a scan the gap ended (no suffix configured)
        self._suffix_verdict: tuple[int, str | None] | None = None  # decided at ShortcutOverride, used at press
        self._swallow_releases: set[int] = set()
        self._installed_on: QObject | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._wake)

    @classmethod
    def from_config(cls, config: ScannerConfig, parent: QObject | None = None, *,
                    clock: Callable[[], float] | None = None) -> ScanDetector:
        """A detector for the config's ``[scanner]`` section."""
        return cls(parent, rules=ScanRules.from_config(config), clock=clock)

    @property
    def max_gap_ms(self) -> int:
        return self.rules.max_key_interval_ms

    # --- public ---------------------------------------------------------------------------------------

    def install(self, app: QObject | None = None) -> None:
        target = app or QCoreApplication.instance()
        if target is None:
            raise RuntimeError("create the QApplication before installing the scan detector")
        self.uninstall()
        target.installEventFilter(self)
        self._installed_on = target

    def uninstall(self) -> None:
        if self._installed_on is not None:
            if isValid(self._installed_on):
                self._installed_on.removeEventFilter(self)
            self._installed_on = None
        self.flush()
        self._passing = False

    @property
    def pending(self) -> str:
        """The characters held right now (for tests and diagnostics)."""
        return "".join(h.event.text() for h in self._presses())

    def flush(self) -> None:
        """End the burst now, without waiting for a suffix: emit it if it is a scan, otherwise replay it."""
        self._timer.stop()
        if not self._held:
            return
        code = self._scan_code(suffixed=False)
        if code is None:
            self._replay()
        else:
            self._scan_ended_ms = self._last_ms
            self._emit_scan(code)

    # --- the filter -----------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride):
            # Only keyboard input at the widget that will get it (the window's copy of the same event comes
            # first). The shortcut system's probe is never spontaneous; key presses and releases from the
            # keyboard are, and our own replays are not.
            if not watched.isWidgetType():
                return False
            assert isinstance(event, QKeyEvent)
            if kind == QEvent.Type.ShortcutOverride:
                return self._on_shortcut_override(event)
            if not event.spontaneous():
                return False
            if kind == QEvent.Type.KeyPress:
                return self._on_press(watched, event)
            return self._on_release(watched, event)
        if kind in _MOUSE_PRESSES and self._held:
            self.flush()  # a person: their typing lands before their click
        return False

    def _is_text(self, event: QKeyEvent) -> bool:
        text = event.text()
        if not text or not text.isprintable() or event.key() in _MODIFIER_KEYS:
            return False
        modifiers = event.modifiers()
        if (modifiers & _ALTGR_ON_WINDOWS) == _ALTGR_ON_WINDOWS:
            return True
        return not (modifiers & _COMMAND_MODIFIERS)

    def _is_suffix(self, key: int) -> bool:
        return key in self._suffix_keys

    def _end_stale_burst(self, now: float, key: int) -> None:
        """The keys stopped before this one (the timer has not looked yet): end that burst first. A suffix may
        come up to two gaps late and still end its scan."""
        if self._last_ms is None:
            return
        limit = self.max_gap_ms * (2 if self._held and self._is_suffix(key) else 1)
        if now - self._last_ms > limit:
            self._passing = False
            if self._held:
                self.flush()

    def _on_shortcut_override(self, event: QKeyEvent) -> bool:
        # Claim printable keys (they are held, or typed) and a scan's suffix, so no shortcut takes them before
        # the key press reaches this filter.
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False
        now = self._clock()
        self._end_stale_burst(now, key)
        claim = self._is_text(event) and not event.isAutoRepeat()
        if not claim and self._held and self._is_suffix(key):
            code = self._scan_code(suffixed=True)
            self._suffix_verdict = (key, code)
            claim = code is not None
        if not claim and key in _TERMINATORS:
            claim = self._late_terminator(now)
        if claim:
            event.accept()
            return True
        if self._held:
            self.flush()  # a shortcut may run now: the keys typed before it land first
        return False

    def _late_terminator(self, now: float) -> bool:
        return (not self._held and self._scan_ended_ms is not None
                and now - self._scan_ended_ms <= 2 * self.max_gap_ms)

    def _on_press(self, receiver: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _MODIFIER_KEYS:
            return False  # Shift and friends alone do nothing; the characters carry their modifiers
        now = self._clock()
        self._end_stale_burst(now, key)
        verdict, self._suffix_verdict = self._suffix_verdict, None
        if event.isAutoRepeat():
            self.flush()  # a key held down: a person
            self._passing = True
            return False
        if self._is_text(event):
            self._last_ms = now
            self._scan_ended_ms = None
            if self._passing:
                return False  # the rest of a person's burst
            self._held.append(_Held(receiver, _copy(event), now))
            if self._may_become_scan():
                self._timer.start(self.max_gap_ms)
            else:
                self._pass_through()
            return True
        if self._held and self._is_suffix(key):
            code = verdict[1] if verdict is not None and verdict[0] == key else self._scan_code(suffixed=True)
            if code is not None:
                self._swallow_releases.add(key)
                self._emit_scan(code)
                return True
        if self._held:
            self.flush()  # a person's Backspace, arrow, Enter, shortcut: after the keys they typed before it
        if key in _TERMINATORS and self._late_terminator(now):
            self._scan_ended_ms = None
            self._swallow_releases.add(key)
            return True
        return False

    def _on_release(self, receiver: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in self._swallow_releases:
            self._swallow_releases.discard(key)
            return True
        if any(h.event.key() == key for h in self._presses()):
            self._held.append(_Held(receiver, _copy(event), self._clock()))  # keep press and release in order
            return True
        return False

    def _wake(self) -> None:
        """The timer: end the burst once the clock says the keys stopped (a scan-like burst waits up to a second
        gap for a late suffix)."""
        if not self._held or self._last_ms is None:
            return
        quiet = self._clock() - self._last_ms
        wait = self.max_gap_ms
        if self.rules.needs_suffix and self._may_become_scan():
            wait *= 2
        if quiet < wait:
            self._timer.start(max(1, int(wait - quiet) + 1))
            return
        self.flush()

    # --- the burst ------------------------------------------------------------------------------------

    def _presses(self) -> list[_Held]:
        return [h for h in self._held if h.event.type() == QEvent.Type.KeyPress]

    def _burst(self) -> tuple[str, list[float], Accepts, bool]:
        presses = self._presses()
        receiver = presses[0].receiver if presses else None
        alive = receiver is not None and isValid(receiver)
        accepts = text_acceptor(receiver) if alive else None
        scan_field = bool(alive and receiver.property(SCAN_FIELD))
        return "".join(h.event.text() for h in presses), [h.at_ms for h in presses], accepts, scan_field

    def _scan_code(self, *, suffixed: bool) -> str | None:
        text, times, accepts, scan_field = self._burst()
        return self.rules.scan_code(text, times, suffixed=suffixed, accepts=accepts, scan_field=scan_field)

    def _may_become_scan(self) -> bool:
        text, times, accepts, scan_field = self._burst()
        return self.rules.may_become_scan(text, times, accepts=accepts, scan_field=scan_field)

    # --- endings --------------------------------------------------------------------------------------

    def _take(self) -> list[_Held]:
        held, self._held = self._held, []
        self._timer.stop()
        return held

    def _emit_scan(self, code: str) -> None:
        held = self._take()
        pressed: dict[int, int] = {}
        for h in held:
            step = 1 if h.event.type() == QEvent.Type.KeyPress else -1
            pressed[h.event.key()] = pressed.get(h.event.key(), 0) + step
        self._swallow_releases.update(key for key, count in pressed.items() if count > 0)
        self.scanned.emit(code)

    def _replay(self) -> None:
        for held in self._take():
            if isValid(held.receiver):
                QCoreApplication.sendEvent(held.receiver, held.event)

    def _pass_through(self) -> None:
        """This burst cannot be a scan any more: what was held lands now, the rest of it goes straight on."""
        self._replay()
        self._passing = True
