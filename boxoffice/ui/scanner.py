"""Keyboard-wedge barcode and badge scanners, whichever widget has focus.

A wedge scanner "types" its code: a burst of printable keys far faster than a person (a few ms apart), with or
without a trailing Enter (or Tab). :class:`ScanDetector` is an application event filter that tells the two
apart:

- every printable key press (and its release) is held back while keys keep arriving less than ``max_gap_ms``
  apart;
- a burst of at least ``min_length`` characters is a scan: ``scanned(code)`` is emitted and the keys are
  dropped, so no widget sees them. A key that ends such a burst within the gap (the scanner's Enter or Tab
  suffix) is dropped too, and so is an Enter or Tab that arrives just after the gap timer ended a scan;
- anything shorter is a person typing: the held keys are replayed, in order, to the widget that received
  them, at most ``max_gap_ms`` late. A non-printable key (Backspace, arrows, a shortcut) or a mouse press
  replays the held keys first, so what a person does always lands in the order they did it.

Auto-repeated keys (a key held down) are never a scan. Replayed keys are sent as ordinary, non-spontaneous
events, which the filter lets through. While the detector is installed, a printable key is never taken by a
single-key shortcut without modifiers (use F-keys or Ctrl combinations for shortcuts); it would swallow the
character of a scan.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from boxoffice.ui.qt import QCoreApplication, QEvent, QKeyEvent, QObject, Qt, QTimer, Signal, isValid

_MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_Hyper_L,
    Qt.Key.Key_Hyper_R, Qt.Key.Key_Mode_switch,
})
#: Suffixes a scanner may send after its code; one arriving just after a gap-ended scan is still dropped.
_TERMINATORS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
_COMMAND_MODIFIERS = (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
                      | Qt.KeyboardModifier.MetaModifier)
_ALTGR_ON_WINDOWS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
_MOUSE_PRESSES = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                            QEvent.Type.TouchBegin, QEvent.Type.TabletPress})


def _monotonic_ms() -> float:
    return time.monotonic() * 1000.0


@dataclass
class _Held:
    receiver: QObject
    event: QKeyEvent  # our own copy: Qt deletes the original after delivery


def _copy(event: QKeyEvent) -> QKeyEvent:
    return QKeyEvent(event.type(), event.key(), event.modifiers(), event.nativeScanCode(),
                     event.nativeVirtualKey(), event.nativeModifiers(), event.text(), event.isAutoRepeat(),
                     event.count(), event.device())


class ScanDetector(QObject):
    """Application event filter that turns fast key bursts into ``scanned(code)``.

    ``clock`` returns milliseconds (monotonic); tests may pass their own. ``install()`` puts the filter on the
    application, ``uninstall()`` takes it off (and replays anything held).
    """

    scanned = Signal(str)

    def __init__(self, parent: QObject | None = None, *, max_gap_ms: int = 35, min_length: int = 6,
                 clock: Callable[[], float] | None = None) -> None:
        super().__init__(parent)
        if max_gap_ms <= 0 or min_length < 2:
            raise ValueError("max_gap_ms must be positive and min_length at least 2")
        self.max_gap_ms = max_gap_ms
        self.min_length = min_length
        self._clock = clock or _monotonic_ms
        self._held: list[_Held] = []
        self._last_ms: float | None = None
        self._scan_ended_ms: float | None = None  # last key of a scan the gap timer ended
        self._swallow_releases: set[int] = set()
        self._installed_on: QObject | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(max_gap_ms)
        self._timer.timeout.connect(self.flush)

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

    @property
    def pending(self) -> str:
        """The characters held right now (for tests and diagnostics)."""
        return "".join(h.event.text() for h in self._held if h.event.type() == QEvent.Type.KeyPress)

    def flush(self) -> None:
        """End the burst now: emit it if it is long enough to be a scan, otherwise replay it."""
        self._timer.stop()
        if not self._held:
            return
        if len(self.pending) >= self.min_length:
            self._scan_ended_ms = self._last_ms
            self._emit_scan()
        else:
            self._replay()

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

    def _gap_ok(self, now: float) -> bool:
        return self._last_ms is not None and now - self._last_ms <= self.max_gap_ms

    def _on_shortcut_override(self, event: QKeyEvent) -> bool:
        # Claim printable keys (they are held, then scanned or replayed) and a scan's suffix, so no shortcut
        # takes them before the key press reaches this filter.
        now = self._clock()
        claim = self._is_text(event) and not event.isAutoRepeat()
        if not claim and self._held and event.key() not in _MODIFIER_KEYS:
            claim = self._gap_ok(now) and len(self.pending) >= self.min_length
        if not claim and event.key() in _TERMINATORS:
            claim = self._late_terminator(now)
        if claim:
            event.accept()
            return True
        if self._held and event.key() not in _MODIFIER_KEYS:
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
        if self._held and not self._gap_ok(now):
            self.flush()  # the previous burst ended (its timer has not fired yet)
        if event.isAutoRepeat():
            self.flush()  # a key held down: a person
            return False
        if self._is_text(event):
            self._held.append(_Held(receiver, _copy(event)))
            self._last_ms = now
            self._scan_ended_ms = None
            self._timer.start()
            return True
        if self._held and len(self.pending) >= self.min_length:  # the scanner's suffix (Enter, Tab, ...)
            self._timer.stop()
            self._swallow_releases.add(key)
            self._emit_scan()
            return True
        if key in _TERMINATORS and self._late_terminator(now):
            self._scan_ended_ms = None
            self._swallow_releases.add(key)
            return True
        self.flush()  # a person's Backspace, arrow, Enter, shortcut: after the keys they typed before it
        return False

    def _on_release(self, receiver: QObject, event: QKeyEvent) -> bool:
        key = event.key()
        if key in self._swallow_releases:
            self._swallow_releases.discard(key)
            return True
        if any(h.event.key() == key and h.event.type() == QEvent.Type.KeyPress for h in self._held):
            self._held.append(_Held(receiver, _copy(event)))  # keep press and release in order
            return True
        return False

    # --- endings --------------------------------------------------------------------------------------

    def _take(self) -> list[_Held]:
        held, self._held = self._held, []
        self._timer.stop()
        return held

    def _emit_scan(self) -> None:
        held = self._take()
        code = "".join(h.event.text() for h in held if h.event.type() == QEvent.Type.KeyPress)
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
