"""The scan detector: a fast burst is a scan (with or without Enter); a person's typing passes unchanged.

``qtbot.keyClicks`` with no delay sends every key at once (no event loop in between): a scanner. With a delay
of 80 ms it waits between keys, like a fast person (the detector's gap is 35 ms). The detector's clock is the
real one except inside ``clock.burst()``, where it stands still: a burst is one burst by construction, even
when a busy machine deschedules this process for longer than the gap in the middle of it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from boxoffice.ui.qt import QKeySequence, QLineEdit, QPushButton, QShortcut, QSpinBox, Qt, QVBoxLayout, QWidget
from boxoffice.ui.scanner import ScanDetector

BARCODE = "GJXS0LM6RYG37XJX01"
PERSON_MS = 80


class BurstClock:
    """Real monotonic milliseconds, frozen inside :meth:`burst` (it never goes back: the frozen value is the
    real time when the burst began)."""

    def __init__(self) -> None:
        self._frozen: float | None = None

    def __call__(self) -> float:
        return self._frozen if self._frozen is not None else time.monotonic() * 1000.0

    @contextmanager
    def burst(self) -> Iterator[None]:
        self._frozen = self()
        try:
            yield
        finally:
            self._frozen = None


@pytest.fixture
def clock() -> BurstClock:
    return BurstClock()


@pytest.fixture
def detector(clock: BurstClock) -> Iterator[ScanDetector]:
    found = ScanDetector(max_gap_ms=35, min_length=6, clock=clock)
    found.install()
    yield found
    found.uninstall()


@pytest.fixture
def form(qtbot) -> QWidget:
    window = QWidget()
    window.setObjectName("form")
    layout = QVBoxLayout(window)
    window.edit = QLineEdit(window)  # type: ignore[attr-defined]
    window.spin = QSpinBox(window)  # type: ignore[attr-defined]
    window.spin.setRange(0, 100000)  # type: ignore[attr-defined]
    window.button = QPushButton("Go", window)  # type: ignore[attr-defined]
    for widget in (window.edit, window.spin, window.button):  # type: ignore[attr-defined]
        layout.addWidget(widget)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.edit.setFocus()  # type: ignore[attr-defined]
    return window


def record(detector: ScanDetector) -> list[str]:
    seen: list[str] = []
    detector.scanned.connect(seen.append)
    return seen


def test_a_burst_with_enter_is_a_scan_and_leaves_the_field_empty(qtbot, detector: ScanDetector,
                                                                 form: QWidget, clock: BurstClock) -> None:
    entered = []
    form.edit.returnPressed.connect(lambda: entered.append(True))
    with qtbot.waitSignal(detector.scanned, timeout=1000) as blocker, clock.burst():
        qtbot.keyClicks(form.edit, BARCODE)
        assert detector.pending == BARCODE  # held back, not typed
        qtbot.keyClick(form.edit, Qt.Key.Key_Return)
    assert blocker.args == [BARCODE]
    qtbot.wait(100)
    assert form.edit.text() == "" and entered == [] and detector.pending == ""


def test_a_burst_without_enter_is_a_scan_when_the_keys_stop(qtbot, detector: ScanDetector,
                                                            form: QWidget, clock: BurstClock) -> None:
    seen = record(detector)
    with clock.burst():
        qtbot.keyClicks(form.edit, "0004455667")
    assert seen == []
    qtbot.waitUntil(lambda: seen == ["0004455667"], timeout=5000)  # the gap timer ends it
    qtbot.wait(100)
    assert form.edit.text() == ""


def test_slow_typing_reaches_the_field_unchanged(qtbot, detector: ScanDetector, form: QWidget) -> None:
    seen = record(detector)
    entered = []
    form.edit.returnPressed.connect(lambda: entered.append(form.edit.text()))
    qtbot.keyClicks(form.edit, "Ana 42-b", delay=PERSON_MS)
    qtbot.keyClick(form.edit, Qt.Key.Key_Return, delay=PERSON_MS)
    qtbot.wait(100)
    assert form.edit.text() == "Ana 42-b"
    assert entered == ["Ana 42-b"] and seen == []


def test_a_short_fast_burst_is_a_person(qtbot, detector: ScanDetector, form: QWidget) -> None:
    """Four digits and Enter in a rush (a PIN on the numeric keypad) are typed, not scanned."""
    seen = record(detector)
    entered = []
    form.edit.returnPressed.connect(lambda: entered.append(form.edit.text()))
    qtbot.keyClicks(form.edit, "1234")
    qtbot.keyClick(form.edit, Qt.Key.Key_Return)
    assert entered == ["1234"]  # the held digits landed before the Enter
    qtbot.wait(100)
    assert form.edit.text() == "1234" and seen == []


def test_order_is_kept_when_a_person_mixes_in_other_keys(qtbot, detector: ScanDetector, form: QWidget) -> None:
    qtbot.keyClicks(form.edit, "12")
    qtbot.keyClick(form.edit, Qt.Key.Key_Backspace)  # arrives while "12" is held
    qtbot.keyClicks(form.edit, "5")
    qtbot.keyClick(form.edit, Qt.Key.Key_Home)
    qtbot.keyClicks(form.edit, "0")
    qtbot.wait(100)
    assert form.edit.text() == "015"


def test_typed_keys_land_before_a_click(qtbot, detector: ScanDetector, form: QWidget) -> None:
    at_click = []
    form.button.clicked.connect(lambda: at_click.append(form.edit.text()))
    qtbot.keyClicks(form.edit, "7")
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert at_click == ["7"]


def test_a_scan_works_whichever_widget_has_focus(qtbot, detector: ScanDetector, form: QWidget,
                                                 clock: BurstClock) -> None:
    seen = record(detector)
    clicks = []
    form.button.clicked.connect(lambda: clicks.append(True))
    form.spin.setFocus()
    with clock.burst():
        qtbot.keyClicks(form.spin, "123456789")
        qtbot.keyClick(form.spin, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)
    form.button.setFocus()
    with clock.burst():
        qtbot.keyClicks(form.button, "  BADGE 77 ")  # spaces included: Space would click a focused button
        qtbot.keyClick(form.button, Qt.Key.Key_Tab)  # a Tab suffix
    qtbot.wait(100)
    assert seen == ["123456789", "  BADGE 77 "]
    assert form.spin.value() == 0 and clicks == [] and form.button.hasFocus()
    form.spin.clear()
    qtbot.keyClicks(form.spin, "42", delay=PERSON_MS)  # and typing by hand still works there
    qtbot.wait(100)
    assert form.spin.value() == 42


def test_the_scanners_enter_fires_no_shortcut(qtbot, detector: ScanDetector, form: QWidget,
                                              clock: BurstClock) -> None:
    form.activateWindow()
    qtbot.waitActive(form)
    fired = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), form)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(lambda: fired.append(f"F5 {form.edit.text()}"))
    enter = QShortcut(QKeySequence(Qt.Key.Key_Return), form)
    enter.setContext(Qt.ShortcutContext.WindowShortcut)
    enter.activated.connect(lambda: fired.append("Enter"))
    form.button.setFocus()
    seen = record(detector)
    with clock.burst():
        qtbot.keyClicks(form.button, BARCODE)
        qtbot.keyClick(form.button, Qt.Key.Key_Return)
    assert seen == [BARCODE] and fired == []
    qtbot.keyClick(form.button, Qt.Key.Key_Return, delay=PERSON_MS)  # a person's Enter, a person's F5
    form.edit.setFocus()
    qtbot.keyClicks(form.edit, "5")  # typed just before the shortcut: there when it runs
    qtbot.keyClick(form.edit, Qt.Key.Key_F5)
    assert fired == ["Enter", "F5 5"]


def test_a_late_enter_after_the_gap_still_belongs_to_the_scan(qtbot, form: QWidget) -> None:
    now = [0.0]
    detector = ScanDetector(max_gap_ms=35, min_length=6, clock=lambda: now[0])
    detector.install()
    try:
        seen = record(detector)
        entered = []
        form.edit.returnPressed.connect(lambda: entered.append(True))
        for char in "ABC123":
            now[0] += 5
            qtbot.keyClicks(form.edit, char)
        detector.flush()  # what the gap timer does
        assert seen == ["ABC123"]
        now[0] += 50  # the suffix comes late (but within two gaps of the last key)
        qtbot.keyClick(form.edit, Qt.Key.Key_Return)
        assert entered == [] and form.edit.text() == ""
        now[0] += 1000  # much later: a person's Enter
        qtbot.keyClick(form.edit, Qt.Key.Key_Return)
        assert entered == [True]
    finally:
        detector.uninstall()


def test_gaps_decide_with_an_injected_clock(qtbot, form: QWidget) -> None:
    now = [0.0]
    detector = ScanDetector(max_gap_ms=35, min_length=6, clock=lambda: now[0])
    detector.install()
    try:
        seen = record(detector)
        for char in "HELLO1":  # every key 40 ms apart: each one ends the previous "burst"
            now[0] += 40
            qtbot.keyClicks(form.edit, char)
        detector.flush()
        assert form.edit.text() == "HELLO1" and seen == []
        form.edit.clear()
        for char in "ZX9876":  # 30 ms apart: a scan
            now[0] += 30
            qtbot.keyClicks(form.edit, char)
        detector.flush()
        assert seen == ["ZX9876"] and form.edit.text() == ""
    finally:
        detector.uninstall()


def test_uninstall_hands_back_held_keys_and_stops_filtering(qtbot, detector: ScanDetector, form: QWidget) -> None:
    seen = record(detector)
    qtbot.keyClicks(form.edit, "ab")
    detector.uninstall()
    assert form.edit.text() == "ab"
    qtbot.keyClicks(form.edit, "CDEFGHIJ")
    qtbot.wait(100)
    assert form.edit.text() == "abCDEFGHIJ" and seen == []
