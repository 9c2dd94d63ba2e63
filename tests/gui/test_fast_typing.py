"""Typing fast into every text field of every dialog: what was typed is what the field holds (issue 14).

Each dialog is built the way its own test builds it; every text field in it (line edits, spin boxes, editable
combo boxes) gets 15 characters at 30 ms a key — once as evenly as a machine, once as a person types, each
followed by Enter — with the scan detector installed. Nothing may vanish into a "scan", nothing may be doubled
or reordered. Enter is caught on the field after the detector has seen it, so no dialog closes mid-test.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from boxoffice.app import Context
from boxoffice.config import Config, PrinterConfig
from boxoffice.core.payments import PaymentRequest
from boxoffice.facades.pairing import PairingFacade
from boxoffice.paths import resolve
from boxoffice.services import catalog, clerks
from boxoffice.services.checkin import check_ticket
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.services.shifts import open_shift
from boxoffice.services.sync_queue import QueueItem
from boxoffice.store.engine import Store, open_store
from boxoffice.ui.comp_dialog import CompDialog
from boxoffice.ui.discount_dialog import DiscountDialog
from boxoffice.ui.door_check import DoorCheckDialog
from boxoffice.ui.first_run import SUPERVISOR, FirstRunWizard
from boxoffice.ui.payment import PaymentDialog
from boxoffice.ui.qt import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QEvent,
    QInputDialog,
    QLineEdit,
    QObject,
    QPlainTextEdit,
    QSpinBox,
    Qt,
    QWidget,
)
from boxoffice.ui.returns_dialog import MODE_RANGE, ReturnsDialog
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.scanner import SCAN_FIELD, ScanDetector, text_acceptor
from boxoffice.ui.settings_dialog import SettingsDialog
from boxoffice.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog
from boxoffice.ui.signin import FirstSupervisorDialog, SignInDialog
from boxoffice.ui.staff_dialog import BadgeForm, ClerkForm, PinForm, StaffDialog
from boxoffice.ui.supervisor_pin import SupervisorPinDialog
from boxoffice.ui.sync_queue import ConflictDecisionDialog, ReportSeenDialog, SyncQueueDialog
from boxoffice.ui.window_context import window_context
from tests.gui.scan_helpers import ManualClock, demo_store, new_clock, press, type_keys, when_modal
from tests.gui.window_helpers import ready_window
from tests.helpers.demo_inventory import TERMINAL, backend_for

WAIT_MS = 10_000
TEXT = "Visa 4821 ok-77"  # 15 characters: a card slip's reference, a reason, a name
DIGITS = "482193570146285"
EVEN_30 = 30  # as evenly as a machine: only the field's rules keep it the person's
PERSON_30 = (21, 38, 26, 35, 24, 33, 29, 37, 22, 31, 27, 36, 23, 34)  # a fast person, about 30 ms a key
_SPIN_BOXES = (QSpinBox, QDoubleSpinBox, QDateEdit)


store = pytest.fixture(demo_store)
clock = pytest.fixture(new_clock)


@pytest.fixture
def team(store: Store) -> dict[str, ClerkInfo]:
    sf = store.session_factory
    return {"ana": clerks.create_clerk(sf, "Ana", "1234", rfid="0004455667"),
            "marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor")}


@pytest.fixture
def detector(clock: ManualClock) -> Iterator[ScanDetector]:
    found = ScanDetector(clock=clock)
    found.install()
    yield found
    found.uninstall()


# --- typing into a field -------------------------------------------------------------------------------


class _CatchEnter(QObject):
    """Eats Enter on the field once the detector has passed it on (installed last, it runs first)."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.caught = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride) and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            if event.type() == QEvent.Type.KeyPress:
                self.caught += 1
            event.accept()
            return True
        return False


def text_fields(root: QWidget) -> list[QWidget]:
    """Every enabled, editable text field under ``root`` (a spin box's or combo box's own line edit counts as
    that widget)."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not widget.isEnabled() or not widget.isVisibleTo(root):
            continue
        if isinstance(widget, QLineEdit) and isinstance(widget.parent(), (QComboBox, *_SPIN_BOXES)):
            continue
        if isinstance(widget, QLineEdit | QPlainTextEdit) and not widget.isReadOnly():
            found.append(widget)
        elif isinstance(widget, _SPIN_BOXES) and not widget.isReadOnly():
            found.append(widget)
        elif isinstance(widget, QComboBox) and widget.isEditable():
            found.append(widget)
    return found


def contents(field: QWidget) -> str:
    if isinstance(field, QLineEdit):
        return field.text()
    if isinstance(field, _SPIN_BOXES):
        return field.lineEdit().text()
    if isinstance(field, QComboBox):
        return field.currentText()
    assert isinstance(field, QPlainTextEdit)
    return field.toPlainText()


def empty(field: QWidget) -> None:
    if isinstance(field, QComboBox):
        field.clearEditText()
    elif isinstance(field, _SPIN_BOXES):
        field.lineEdit().clear()
    else:
        field.clear()


def text_for(field: QWidget) -> str:
    """15 characters the empty field takes as typed (fewer where it takes fewer: a PIN, a count)."""
    takes = text_acceptor(field)
    if takes is None or takes(TEXT):
        return TEXT
    digits = next((DIGITS[:n] for n in range(len(DIGITS), 0, -1) if takes(DIGITS[:n])), "")
    assert digits, f"{field.objectName() or type(field).__name__} takes no digits either"
    return digits


def type_fast_everywhere(qtbot: Any, root: QWidget, detector: ScanDetector, clock: ManualClock,
                         at_least: int = 1) -> list[str]:
    """Type into every text field of ``root``, both rhythms; the fields' names.

    A scan field (a badge field) may take a machine-even burst with Enter as a scan: then the screen gets it as
    the app's scan router would give it (``badge_scanned``), and the field must still end up holding it."""
    fields = text_fields(root)
    assert len(fields) >= at_least, f"{root.objectName()}: {len(fields)} text fields found"
    scans: list[str] = []
    detector.scanned.connect(scans.append)
    if hasattr(root, "badge_scanned"):
        detector.scanned.connect(root.badge_scanned)
    names = []
    for field in fields:
        name = field.objectName() or type(field).__name__
        names.append(name)
        catcher = _CatchEnter(field)
        field.installEventFilter(catcher)
        for gaps in (EVEN_30, PERSON_30):
            empty(field)
            if isinstance(field, _SPIN_BOXES):
                field.lineEdit().setCursorPosition(0)
            text = text_for(field)
            type_keys(qtbot, field, text, clock, gaps)
            press(qtbot, field, Qt.Key.Key_Return, clock, 30)
            assert detector.pending == "", name
            assert contents(field) == text, f"{name}: typed {text!r}, holds {contents(field)!r}"
            if field.property(SCAN_FIELD) and scans == [text]:
                scans.clear()  # a badge field: scanned into the field, not typed
            else:
                assert catcher.caught and scans == [], f"{name}: the typing was taken as a scan {scans}"
            catcher.caught = 0
        field.removeEventFilter(catcher)
    if hasattr(root, "badge_scanned"):
        detector.scanned.disconnect(root.badge_scanned)
    return names


def shown(qtbot: Any, dialog: QWidget) -> QWidget:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def settled(qtbot: Any, backend: Any) -> None:
    runner = window_context(backend).runner
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT_MS)


# --- the dialogs -----------------------------------------------------------------------------------------


def test_sign_in(qtbot, store: Store, team, detector: ScanDetector, clock: ManualClock) -> None:
    dialog = shown(qtbot, SignInDialog(window_context(backend_for(store, "en"))))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    assert type_fast_everywhere(qtbot, dialog, detector, clock) == ["pinField"]


def test_first_supervisor(qtbot, store: Store, detector: ScanDetector, clock: ManualClock) -> None:
    dialog = shown(qtbot, FirstSupervisorDialog(window_context(backend_for(store, "en"))))
    names = type_fast_everywhere(qtbot, dialog, detector, clock, at_least=4)
    assert {"pinField", "repeatPinField", "badgeField"} <= set(names)


def test_supervisor_pin(qtbot, store: Store, team, detector: ScanDetector, clock: ManualClock) -> None:
    dialog = shown(qtbot, SupervisorPinDialog(window_context(backend_for(store, "en")), "Void sale P-1"))
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    assert "pinField" in type_fast_everywhere(qtbot, dialog, detector, clock)


def test_payment(qtbot, store: Store, detector: ScanDetector, clock: ManualClock) -> None:
    dialog = shown(qtbot, PaymentDialog(9000, window_context(backend_for(store)).money))
    names = type_fast_everywhere(qtbot, dialog, detector, clock, at_least=3)
    assert {"cardAmount", "cardReference", "cashTendered"} <= set(names)


def test_a_card_authorisation_typed_fast_completes_the_sale(qtbot, store: Store, detector: ScanDetector,
                                                            clock: ManualClock) -> None:
    """The issue's case: all by card, a 6-digit authorisation at 30 ms a key, Enter: the sale completes."""
    dialog = shown(qtbot, PaymentDialog(9000, window_context(backend_for(store)).money))
    qtbot.mouseClick(dialog.card_all, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        type_keys(qtbot, dialog.card_ref, "482913", clock, EVEN_30)
        press(qtbot, dialog.card_ref, Qt.Key.Key_Return, clock, 30)
    assert [(p.method, p.amount_cents, p.reference) for p in dialog.payments] == [("card", 9000, "482913")]


def test_comp(qtbot, detector: ScanDetector, clock: ManualClock) -> None:
    dialog = shown(qtbot, CompDialog(2, "18,00 €"))
    assert {"compReason", "compRecipient"} <= set(type_fast_everywhere(qtbot, dialog, detector, clock, 2))


def test_door_check(qtbot, store: Store, detector: ScanDetector, clock: ManualClock) -> None:
    ctx = window_context(backend_for(store))
    dialog = shown(qtbot, DoorCheckDialog("Demo", lambda code: check_ticket(store.session_factory, code,
                                                                           "EVDEMO"), ctx.runner))
    type_fast_everywhere(qtbot, dialog, detector, clock)


def test_returns(qtbot, store: Store, detector: ScanDetector, clock: ManualClock) -> None:
    backend = backend_for(store)
    dialog = shown(qtbot, ReturnsDialog(backend, "Marta", "EVDEMO"))
    settled(qtbot, backend)
    dialog.mode_buttons[MODE_RANGE].setChecked(True)  # the seat numbers are typed for a range
    settled(qtbot, backend)
    assert {"returnFirstSeat", "returnLastSeat"} <= set(type_fast_everywhere(qtbot, dialog, detector, clock, 2))


def test_settings(qtbot, store: Store, tmp_path: Path, detector: ScanDetector, clock: ManualClock) -> None:
    backend = backend_for(store, printer_config=PrinterConfig(), data_dir=tmp_path)
    dialog = shown(qtbot, SettingsDialog(PrinterConfig(), "es", tmp_path, lambda *_args: None,
                                         ctx=window_context(backend)))
    settled(qtbot, backend)
    names: list[str] = []
    for kind in ("system", "escpos-network", "pdf"):  # each printer kind has its own field
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        names += type_fast_everywhere(qtbot, dialog, detector, clock)
    assert {"printerAddress", "pdfFolder"} <= set(names)


def test_shift_open_and_close_counts(qtbot, tmp_path: Path, detector: ScanDetector, clock: ManualClock) -> None:
    store = open_store(tmp_path / "no-shift.sqlite3")  # no shift open yet
    ana = clerks.create_clerk(store.session_factory, "Ana", "1234", role="supervisor")
    backend = backend_for(store)
    opening = shown(qtbot, OpenShiftDialog(backend, ana))
    settled(qtbot, backend)
    assert type_fast_everywhere(qtbot, opening, detector, clock) == ["floatAmount"]
    shift = open_shift(store.session_factory, ana.id, 5000, actor="Ana")
    closing = shown(qtbot, CloseShiftDialog(backend, ana, shift, sale_in_progress=lambda: False))
    settled(qtbot, backend)
    type_fast_everywhere(qtbot, closing, detector, clock, at_least=5)  # one count per note and coin
    opening.close()
    closing.close()
    settled(qtbot, backend)
    store.close()


def test_first_run_wizard(qtbot, store: Store, tmp_path: Path, detector: ScanDetector,
                          clock: ManualClock) -> None:
    paths = resolve(None, tmp_path / "terminal")
    paths.ensure()
    wizard = shown(qtbot, FirstRunWizard(window_context(backend_for(store)),
                                         PairingFacade(Context(paths=paths, config=Config(), log_file=None), store)))
    names = type_fast_everywhere(qtbot, wizard, detector, clock, at_least=4)
    wizard._show_page(SUPERVISOR)  # the supervisor step's fields, as they are shown after pairing
    names += type_fast_everywhere(qtbot, wizard, detector, clock, at_least=4)
    assert {"urlField", "officeField", "tokenField", "badgeField", "repeatPinField"} <= set(names)


def test_sync_queue_and_its_dialogs(qtbot, store: Store, detector: ScanDetector, clock: ManualClock) -> None:
    backend = backend_for(store)
    queue = shown(qtbot, SyncQueueDialog(backend, "Marta"))
    settled(qtbot, backend)
    if text_fields(queue):
        type_fast_everywhere(qtbot, queue, detector, clock)
    now = datetime.now(UTC)
    item = QueueItem(id=1, kind="sale", subject="P-1", state="conflict", outbox_state="delivered", attempts=1,
                     last_error=None, next_attempt_at=None, created_at=now, delivered_at=now, event_name="Demo",
                     ticket_count=2)
    decision = shown(qtbot, ConflictDecisionDialog(item, backend.money))
    assert type_fast_everywhere(qtbot, decision, detector, clock) == ["decisionReason"]
    seen = shown(qtbot, ReportSeenDialog("Seat A-1 was sold by another office."))
    assert type_fast_everywhere(qtbot, seen, detector, clock) == ["seenNote"]


def test_the_selling_window(qtbot, store: Store, detector: ScanDetector, clock: ManualClock) -> None:
    window = ready_window(qtbot, backend_for(store))
    window.resize(1280, 800)  # its own size: what earlier tests left decides which panels show
    qtbot.waitUntil(lambda: len(window.zone_rows) == 3, timeout=WAIT_MS)  # the zones read, one after the other
    qtbot.waitUntil(lambda: all(row.quantity.isVisibleTo(window) for row in window.zone_rows.values()),
                    timeout=WAIT_MS)
    type_fast_everywhere(qtbot, window, detector, clock)  # the zones' quantities


def test_void_reason(qtbot, store: Store, team, detector: ScanDetector, clock: ManualClock) -> None:
    code = sell(store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-pre", 1, ("EVDEMO-PRE3",)),), (PaymentRequest("cash", tendered_cents=10000),)
    )).purchase_code
    sale = catalog.find_sale(store.read_session_factory, code)
    dialog = shown(qtbot, SaleDialog(sale, window_context(backend_for(store)),
                                     session_factory=store.session_factory))
    typed: list[list[str]] = []

    def type_reason(asked: QInputDialog) -> None:
        typed.append(type_fast_everywhere(qtbot, asked, detector, clock))
        asked.reject()

    when_modal(QInputDialog, type_reason)
    qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(typed), timeout=WAIT_MS)
    assert typed == [["QLineEdit"]]


def test_discount(qtbot, store: Store, detector: ScanDetector, clock: ManualClock) -> None:
    money = window_context(backend_for(store)).money
    dialog = shown(qtbot, DiscountDialog("Preferente A-3", 3000, 0, money, 10, "clerk"))
    type_fast_everywhere(qtbot, dialog, detector, clock)


def test_staff_forms(qtbot, store: Store, team, detector: ScanDetector, clock: ManualClock) -> None:
    """The staff screen's forms: add, edit, PIN reset, badge (its swipe field takes a scan on purpose)."""
    ctx = window_context(backend_for(store, "en"))
    staff = StaffDialog(ctx, team["marta"])
    qtbot.addWidget(staff)
    with qtbot.waitSignal(staff.refreshed, timeout=WAIT_MS):
        staff.show()
    names = type_fast_everywhere(qtbot, shown(qtbot, ClerkForm(ctx, team["marta"], staff)), detector, clock,
                                 at_least=2)
    ana = next(member for member in staff.members if member.name == "Ana")
    names += type_fast_everywhere(qtbot, shown(qtbot, ClerkForm(ctx, team["marta"], staff, ana)), detector, clock)
    names += type_fast_everywhere(qtbot, shown(qtbot, PinForm(ctx, team["marta"], ana, staff)), detector, clock)
    names += type_fast_everywhere(qtbot, shown(qtbot, BadgeForm(ctx, team["marta"], ana, staff)), detector, clock)
    assert {"clerkName", "badgeSwipe"} <= set(names)

