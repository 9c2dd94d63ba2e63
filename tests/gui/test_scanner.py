"""The scan detector: a scanner's burst (prefix, even short gaps, suffix) is a scan; a person's typing reaches
the focused widget unchanged and in order, however fast.

Every test drives the detector with synthetic key events on a :class:`~tests.gui.scan_helpers.ManualClock`:
the gaps are the ones written here, whatever the machine does; no test waits for wall-clock luck.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtTest import QTest

from boxoffice.ui.qt import (
    QKeySequence,
    QLineEdit,
    QPushButton,
    QRegularExpression,
    QRegularExpressionValidator,
    QShortcut,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.scanner import SCAN_FIELD, ScanDetector
from tests.gui.scan_helpers import (
    PERSON_GAPS,
    ManualClock,
    end_burst,
    press,
    scan,
    ticket_code,
    type_keys,
)
from tests.gui.scan_helpers import detector as make_detector

BARCODE = ticket_code(1)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def detector(clock: ManualClock) -> Iterator[ScanDetector]:
    found = make_detector(clock)
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
    window.pin = QLineEdit(window)  # type: ignore[attr-defined]
    window.pin.setMaxLength(8)  # type: ignore[attr-defined]
    window.pin.setValidator(  # type: ignore[attr-defined]
        QRegularExpressionValidator(QRegularExpression("[0-9]{0,8}"), window.pin))  # type: ignore[attr-defined]
    window.button = QPushButton("Go", window)  # type: ignore[attr-defined]
    for widget in (window.edit, window.spin, window.pin, window.button):  # type: ignore[attr-defined]
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


def entries(edit: QLineEdit) -> list[str]:
    entered: list[str] = []
    edit.returnPressed.connect(lambda: entered.append(edit.text()))
    return entered


# --- scans ---------------------------------------------------------------------------------------------


def test_a_scanners_burst_with_enter_is_a_scan_wherever_no_field_takes_text(
        qtbot, detector: ScanDetector, form: QWidget, clock: ManualClock) -> None:
    seen = record(detector)
    clicks: list[bool] = []
    form.button.clicked.connect(lambda: clicks.append(True))
    form.button.setFocus()
    type_keys(qtbot, form.button, "  BADGE 77 ", clock, 8)  # spaces too: Space would click a focused button
    assert detector.pending == "  BADGE 77 "  # held back, not typed
    press(qtbot, form.button, Qt.Key.Key_Return, clock)
    assert seen == ["  BADGE 77 "] and clicks == [] and detector.pending == ""


def test_a_valid_ticket_code_is_a_scan_even_in_a_text_field(qtbot, detector: ScanDetector, form: QWidget,
                                                             clock: ManualClock) -> None:
    seen, entered = record(detector), entries(form.edit)
    scan(qtbot, form.edit, BARCODE, clock)
    assert seen == [BARCODE]
    end_burst(detector, clock)
    assert form.edit.text() == "" and entered == []


def test_a_scanners_burst_of_anything_else_in_a_text_field_is_typed(qtbot, detector: ScanDetector,
                                                                      form: QWidget, clock: ManualClock) -> None:
    """A 6-digit card authorisation typed as evenly as a machine, with Enter: the field's, not a scan."""
    seen, entered = record(detector), entries(form.edit)
    scan(qtbot, form.edit, "482913", clock)
    assert entered == ["482913"] and form.edit.text() == "482913" and seen == []


def test_a_misread_code_in_a_text_field_is_typed_as_read(qtbot, detector: ScanDetector, form: QWidget,
                                                          clock: ManualClock) -> None:
    misread = BARCODE[:-1] + ("0" if BARCODE[-1] != "0" else "1")
    seen, entered = record(detector), entries(form.edit)
    scan(qtbot, form.edit, misread, clock)
    assert seen == [] and entered == [misread]


def test_a_field_that_cannot_take_the_text_lets_the_scan_through(qtbot, detector: ScanDetector,
                                                                  form: QWidget, clock: ManualClock) -> None:
    seen = record(detector)
    form.pin.setFocus()
    scan(qtbot, form.pin, "0004455667", clock)  # ten digits: a PIN field takes eight at most
    scan(qtbot, form.pin, "BADGE-77", clock)  # letters: a PIN field takes none
    form.spin.setFocus()
    scan(qtbot, form.spin, "123456789", clock, suffix=Qt.Key.Key_Enter)  # above the spin box's maximum
    assert seen == ["0004455667", "BADGE-77", "123456789"]
    end_burst(detector, clock)
    assert form.pin.text() == "" and form.spin.value() == 0
    type_keys(qtbot, form.pin, "84210", clock, 8)  # what the field does take is typed, even at 8 ms a key
    press(qtbot, form.pin, Qt.Key.Key_Return, clock)
    form.spin.lineEdit().selectAll()
    type_keys(qtbot, form.spin, "4242", clock, 8)
    end_burst(detector, clock)
    assert form.pin.text() == "84210" and form.spin.value() == 4242 and seen == ["0004455667", "BADGE-77",
                                                                                  "123456789"]


def test_a_scan_field_takes_scans(qtbot, detector: ScanDetector, form: QWidget, clock: ManualClock) -> None:
    form.edit.setProperty(SCAN_FIELD, True)  # a badge field
    seen, entered = record(detector), entries(form.edit)
    scan(qtbot, form.edit, "SUP-0001", clock)
    assert seen == ["SUP-0001"] and entered == [] and form.edit.text() == ""
    type_keys(qtbot, form.edit, "SUP-0001", clock, PERSON_GAPS)  # typed by hand: typed
    press(qtbot, form.edit, Qt.Key.Key_Return, clock, 120)
    assert entered == ["SUP-0001"] and seen == ["SUP-0001"]


def test_with_a_prefix_only_prefixed_bursts_are_scans_and_the_prefix_is_dropped(
        qtbot, form: QWidget, clock: ManualClock) -> None:
    found = make_detector(clock, prefix="~")
    try:
        seen, entered = record(found), entries(form.edit)
        scan(qtbot, form.edit, "CARD-99881", clock, prefix="~")  # decisive in a text field too
        form.button.setFocus()
        scan(qtbot, form.button, "NOPREFIX77", clock)  # a machine's rhythm, but no prefix: not a scan
        assert seen == ["CARD-99881"]
        scan(qtbot, form.edit, "~tilde typed", clock, gaps=PERSON_GAPS)  # a person typing the prefix
        assert seen == ["CARD-99881"] and entered == ["~tilde typed"]
    finally:
        found.uninstall()


def test_a_tab_suffix_when_configured(qtbot, form: QWidget, clock: ManualClock) -> None:
    found = make_detector(clock, suffix="tab")
    try:
        seen = record(found)
        form.button.setFocus()
        scan(qtbot, form.button, "BADGE-0042", clock, suffix=Qt.Key.Key_Tab)
        assert seen == ["BADGE-0042"] and form.button.hasFocus()  # the Tab moved nothing
        scan(qtbot, form.button, "BADGE-0042", clock)  # an Enter is not this scanner's suffix
        assert seen == ["BADGE-0042"]
    finally:
        found.uninstall()


def test_without_a_suffix_the_burst_ends_when_the_keys_stop(qtbot, form: QWidget, clock: ManualClock) -> None:
    found = make_detector(clock, suffix="none")
    try:
        seen, entered = record(found), entries(form.edit)
        form.button.setFocus()
        scan(qtbot, form.button, "0004455667", clock, suffix=None)
        assert seen == []
        clock.advance(41)  # one gap of silence: the timer (which asks the clock) ends it
        qtbot.waitUntil(lambda: seen == ["0004455667"], timeout=5000)
        press(qtbot, form.edit, Qt.Key.Key_Return, clock, 20)  # an Enter right after it is the scanner's
        assert entered == []
        press(qtbot, form.edit, Qt.Key.Key_Return, clock, 1000)  # much later: a person's
        assert entered == [""]
    finally:
        found.uninstall()


def test_a_suffix_may_come_late_but_not_much_later(qtbot, detector: ScanDetector, form: QWidget,
                                                   clock: ManualClock) -> None:
    seen, entered = record(detector), entries(form.edit)
    form.button.setFocus()
    type_keys(qtbot, form.button, "ABC12345", clock, 8)
    press(qtbot, form.button, Qt.Key.Key_Return, clock, 70)  # within two gaps of the last key
    assert seen == ["ABC12345"]
    type_keys(qtbot, form.edit, BARCODE, clock, 8)
    press(qtbot, form.edit, Qt.Key.Key_Return, clock, 200)  # the keys had stopped: typed, then Enter
    assert seen == ["ABC12345"] and entered == [BARCODE]


def test_the_clock_decides_when_a_burst_ends_not_the_timer(qtbot, detector: ScanDetector, form: QWidget,
                                                           clock: ManualClock) -> None:
    """A busy machine may run the gap timer late or early; the burst ends only when the clock says so."""
    seen = record(detector)
    form.button.setFocus()
    type_keys(qtbot, form.button, "QUEUED77", clock, 8)
    qtbot.wait(150)  # the timer fired (more than once): the clock has not moved, the burst is still open
    assert detector.pending == "QUEUED77"
    press(qtbot, form.button, Qt.Key.Key_Return, clock)
    assert seen == ["QUEUED77"]


def test_the_scanners_enter_fires_no_shortcut(qtbot, detector: ScanDetector, form: QWidget,
                                              clock: ManualClock) -> None:
    form.activateWindow()
    qtbot.waitActive(form)
    fired: list[str] = []
    shortcut = QShortcut(QKeySequence(Qt.Key.Key_F5), form)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(lambda: fired.append(f"F5 {form.edit.text()}"))
    enter = QShortcut(QKeySequence(Qt.Key.Key_Return), form)
    enter.setContext(Qt.ShortcutContext.WindowShortcut)
    enter.activated.connect(lambda: fired.append("Enter"))
    form.button.setFocus()
    seen = record(detector)
    scan(qtbot, form.button, BARCODE, clock)
    assert seen == [BARCODE] and fired == []
    press(qtbot, form.button, Qt.Key.Key_Return, clock, 500)  # a person's Enter, a person's F5
    form.edit.setFocus()
    type_keys(qtbot, form.edit, "5", clock)  # typed just before the shortcut: there when it runs
    press(qtbot, form.edit, Qt.Key.Key_F5, clock, 20)
    assert fired == ["Enter", "F5 5"]


# --- a person ------------------------------------------------------------------------------------------


def test_fast_uneven_typing_is_a_person_and_lands_as_it_is_typed(qtbot, detector: ScanDetector,
                                                                 form: QWidget, clock: ManualClock) -> None:
    """About 30 ms a key, as a person does it: never a scan, even with Enter and with no text field."""
    seen = record(detector)
    form.button.setFocus()
    type_keys(qtbot, form.button, "0004455", clock, (10, 35))  # each gap short, but they differ: not a machine
    assert detector.pending == ""  # let go at once: it cannot be a scan any more
    press(qtbot, form.button, Qt.Key.Key_Return, clock, 30)
    assert seen == []
    entered = entries(form.edit)
    type_keys(qtbot, form.edit, "visa 4821 ok-77", clock, PERSON_GAPS)
    press(qtbot, form.edit, Qt.Key.Key_Return, clock, 30)
    assert form.edit.text() == "visa 4821 ok-77" and entered == ["visa 4821 ok-77"] and seen == []


def test_text_that_no_code_contains_goes_to_the_field_at_once(qtbot, detector: ScanDetector, form: QWidget,
                                                             clock: ManualClock) -> None:
    type_keys(qtbot, form.edit, "Ana", clock, 10)
    assert detector.pending == "Ana" and form.edit.text() == ""  # could still become a purchase code
    type_keys(qtbot, form.edit, " 42-b", clock, 10, first_gap=10)  # a space: no code has one
    assert detector.pending == "" and form.edit.text() == "Ana 42-b"


def test_a_short_fast_burst_is_a_person(qtbot, detector: ScanDetector, form: QWidget,
                                        clock: ManualClock) -> None:
    """Four digits and Enter in a rush (a PIN on the numeric keypad) are typed, not scanned."""
    seen, entered = record(detector), entries(form.edit)
    scan(qtbot, form.edit, "1234", clock, gaps=5)
    assert entered == ["1234"] and seen == []  # the held digits landed before the Enter


def test_a_burst_without_its_suffix_is_a_person(qtbot, detector: ScanDetector, form: QWidget,
                                                clock: ManualClock) -> None:
    seen = record(detector)
    form.spin.setFocus()
    form.spin.lineEdit().selectAll()
    type_keys(qtbot, form.spin, "98765", clock, 8)
    end_burst(detector, clock)
    assert form.spin.value() == 98765 and seen == []


def test_order_is_kept_when_a_person_mixes_in_other_keys(qtbot, detector: ScanDetector, form: QWidget,
                                                         clock: ManualClock) -> None:
    type_keys(qtbot, form.edit, "12", clock, 10)
    press(qtbot, form.edit, Qt.Key.Key_Backspace, clock, 10)  # arrives while "12" is held
    type_keys(qtbot, form.edit, "5", clock, first_gap=10)
    press(qtbot, form.edit, Qt.Key.Key_Home, clock, 10)
    type_keys(qtbot, form.edit, "0", clock, first_gap=10)
    end_burst(detector, clock)
    assert form.edit.text() == "015"


def test_typed_keys_land_before_a_click(qtbot, detector: ScanDetector, form: QWidget,
                                        clock: ManualClock) -> None:
    at_click: list[str] = []
    form.button.clicked.connect(lambda: at_click.append(form.edit.text()))
    type_keys(qtbot, form.edit, "7", clock)
    qtbot.mouseClick(form.button, Qt.MouseButton.LeftButton)
    assert at_click == ["7"]


def test_a_key_held_down_is_a_person(qtbot, detector: ScanDetector, form: QWidget, clock: ManualClock) -> None:
    seen = record(detector)
    type_keys(qtbot, form.edit, "AB", clock, 8)
    clock.advance(8)
    QTest.simulateEvent(form.edit, True, Qt.Key.Key_C, Qt.KeyboardModifier.NoModifier, "c", False)
    for _ in range(6):  # the key's auto-repeat, at a machine's pace
        clock.advance(8)
        QTest.simulateEvent(form.edit, True, Qt.Key.Key_C, Qt.KeyboardModifier.NoModifier, "c", True)
    QTest.simulateEvent(form.edit, False, Qt.Key.Key_C, Qt.KeyboardModifier.NoModifier, "c", False)
    press(qtbot, form.edit, Qt.Key.Key_Return, clock)
    end_burst(detector, clock)
    assert seen == [] and form.edit.text() == "ABccccccc"


def test_uninstall_hands_back_held_keys_and_stops_filtering(qtbot, detector: ScanDetector, form: QWidget,
                                                           clock: ManualClock) -> None:
    seen = record(detector)
    type_keys(qtbot, form.edit, "ab", clock, 8)
    detector.uninstall()
    assert form.edit.text() == "ab"
    scan(qtbot, form.button, "CDEFGHIJ", clock)
    assert seen == []
