"""The cart's discount at the window (issue #14): within the clerk's limit at once; above it a supervisor's PIN,
carried into the sale (the journal names the approver); the whole price points to Comp and is never sold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.services import clerks
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.shifts import current_shift, open_shift
from boxoffice.store.models import JournalEntry, Sale
from boxoffice.ui.application import install_translations
from boxoffice.ui.comp_dialog import CompDialog
from boxoffice.ui.discount_dialog import DiscountDialog
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.payment import PaymentDialog
from boxoffice.ui.qt import QApplication, Qt, QTimer
from boxoffice.ui.supervisor_pin import SupervisorPinDialog
from tests.gui.window_helpers import ready_window
from tests.helpers.demo_inventory import backend_for, seed_store

WAIT_MS = 10_000
VIP = "EVDEMO-VIP1"  # 90,00 €: a clerk may take off up to 9,00 € (10 %)


@pytest.fixture
def store(tmp_path: Path):
    s = seed_store(tmp_path / "terminal.sqlite3")
    yield s
    s.close()


@pytest.fixture
def team(store) -> dict[str, ClerkInfo]:
    sf = store.session_factory
    team = {"ana": clerks.create_clerk(sf, "Ana", "1234"),
            "marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor")}
    if current_shift(sf) is None:  # sales belong to an open shift
        open_shift(sf, team["ana"].id, 0)
    return team


def window_for(qtbot, store, clerk: ClerkInfo, language: str = "en") -> MainWindow:
    window = ready_window(qtbot, backend_for(store, language=language), clerk=clerk)
    window.resize(1280, 800)
    qtbot.waitExposed(window)
    return window


def when_modal(kind: type, act: Callable) -> None:
    """When a modal dialog of ``kind`` is up, run ``act(dialog)`` inside its event loop."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, poll)
            return
        act(dialog)

    QTimer.singleShot(0, poll)


def click_seat(qtbot, window: MainWindow, ticket_id: str) -> None:
    point = window.seat_map.seat_center(ticket_id)
    qtbot.mouseClick(window.seat_map.viewport(), Qt.MouseButton.LeftButton, pos=point)


def type_discount(qtbot, text: str, then: Callable[[DiscountDialog], None] | None = None) -> None:
    def act(dialog: DiscountDialog) -> None:
        qtbot.keyClick(dialog.amount, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(dialog.amount, text)
        if then is None:
            qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)
        else:
            then(dialog)

    when_modal(DiscountDialog, act)


def pin(qtbot, supervisor: ClerkInfo, code: str) -> None:
    def act(dialog: SupervisorPinDialog) -> None:
        qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
        dialog.select_supervisor(supervisor.id)
        qtbot.keyClicks(dialog.pin_field, code)
        qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)

    when_modal(SupervisorPinDialog, act)


def pay_exact(qtbot, window: MainWindow):
    def act(dialog: PaymentDialog) -> None:
        qtbot.mouseClick(dialog.exact, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.complete, Qt.MouseButton.LeftButton)

    when_modal(PaymentDialog, act)
    with qtbot.waitSignal(window.sale_completed, timeout=WAIT_MS) as done:
        qtbot.mouseClick(window.cart_panel.pay_button, Qt.MouseButton.LeftButton)
    return done.args[0]


def sale_journal(store, code: str) -> dict:
    with store.read_session_factory() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.subject == code)).one()
        return {"kind": entry.kind, "actor": entry.actor, **json.loads(entry.payload)}


def test_a_discount_within_the_limit_needs_no_pin(qtbot, store, team) -> None:
    window = window_for(qtbot, store, team["ana"])
    click_seat(qtbot, window, VIP)
    seen: list[str] = []
    type_discount(qtbot, "5 %", then=lambda d: (seen.append(d.limit_label.text()),
                                               qtbot.keyClick(d.amount, Qt.Key.Key_Return)))
    qtbot.mouseClick(window.cart_panel.discount_button, Qt.MouseButton.LeftButton)
    assert "up to €9.00 (10%)" in seen[0]  # the limit is on screen
    assert window.cart.rows[0].discount_cents == 450
    assert window.cart.discount_approved_by is None
    result = pay_exact(qtbot, window)
    assert result.total_cents == 9000 - 450
    entry = sale_journal(store, result.purchase_code)
    assert entry["actor"] == "Ana" and "discount_approved_by" not in entry


def test_above_the_limit_a_supervisors_pin_approves_and_the_sale_names_them(qtbot, store, team) -> None:
    window = window_for(qtbot, store, team["ana"])
    click_seat(qtbot, window, VIP)
    messages: list[str] = []

    def apply(dialog: DiscountDialog) -> None:
        messages.append(dialog.message.text())
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)

    type_discount(qtbot, "27,00", then=apply)
    pin(qtbot, team["marta"], "8642")
    qtbot.mouseClick(window.cart_panel.discount_button, Qt.MouseButton.LeftButton)
    assert "supervisor's PIN" in messages[0]
    assert window.cart.rows[0].discount_cents == 2700
    assert window.cart.discount_approved_by == team["marta"].id
    result = pay_exact(qtbot, window)
    assert result.total_cents == 9000 - 2700
    entry = sale_journal(store, result.purchase_code)
    assert (entry["kind"], entry["actor"], entry["discount_approved_by"]) == ("sale", "Ana", "Marta")
    assert window.cart.discount_approved_by is None  # the next cart starts without an approval


def test_a_cancelled_pin_leaves_the_row_undiscounted(qtbot, store, team) -> None:
    window = window_for(qtbot, store, team["ana"])
    click_seat(qtbot, window, VIP)
    type_discount(qtbot, "50 %")
    when_modal(SupervisorPinDialog, lambda dialog: (qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS),
                                                    dialog.reject()))
    qtbot.mouseClick(window.cart_panel.discount_button, Qt.MouseButton.LeftButton)
    assert window.cart.rows[0].discount_cents == 0
    assert window.cart.discount_approved_by is None
    assert "no supervisor approved it" in window.statusBar().currentMessage()


def test_the_whole_price_points_a_clerk_to_comp_and_is_not_applied(qtbot, store, team) -> None:
    window = window_for(qtbot, store, team["ana"])
    click_seat(qtbot, window, VIP)
    seen: dict[str, object] = {}

    def look(dialog: DiscountDialog) -> None:
        seen.update(message=dialog.message.text(), enabled=dialog.apply_button.isEnabled(),
                    comp=dialog.comp_button.isVisible())
        qtbot.keyClick(dialog.amount, Qt.Key.Key_Return)  # refused: the dialog stays open
        seen["open"] = dialog.isVisible()
        dialog.reject()

    type_discount(qtbot, "100 %", then=look)
    qtbot.mouseClick(window.cart_panel.discount_button, Qt.MouseButton.LeftButton)
    assert "Comp" in str(seen["message"]) and "supervisor" in str(seen["message"])
    assert seen == {"message": seen["message"], "enabled": False, "comp": False, "open": True}
    assert window.cart.rows[0].discount_cents == 0


def test_the_whole_price_offers_a_supervisor_comp(qtbot, store, team) -> None:
    window = window_for(qtbot, store, team["marta"])
    click_seat(qtbot, window, VIP)
    type_discount(qtbot, "90", then=lambda d: qtbot.mouseClick(d.comp_button, Qt.MouseButton.LeftButton))
    opened: list[CompDialog] = []
    when_modal(CompDialog, lambda dialog: (opened.append(dialog), dialog.reject()))
    with qtbot.waitSignal(window.cart_panel.comp_requested, timeout=WAIT_MS):
        qtbot.mouseClick(window.cart_panel.discount_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(opened), timeout=WAIT_MS)
    assert window.cart.rows[0].discount_cents == 0


def test_a_supervisor_discounts_above_the_limit_without_a_pin(qtbot, store, team) -> None:
    window = window_for(qtbot, store, team["marta"])
    click_seat(qtbot, window, VIP)
    type_discount(qtbot, "50 %")
    qtbot.mouseClick(window.cart_panel.discount_button, Qt.MouseButton.LeftButton)
    assert window.cart.rows[0].discount_cents == 4500 and window.cart.discount_approved_by is None
    result = pay_exact(qtbot, window)
    assert sale_journal(store, result.purchase_code)["actor"] == "Marta"


def test_a_whole_price_discount_that_reaches_the_service_is_refused_in_spanish(qtbot, qapp, store, team) -> None:
    """Even a supervisor's cart carrying the whole price off (not through the dialog) sells nothing."""
    install_translations(qapp, "es")
    window = window_for(qtbot, store, team["marta"], language="es")
    click_seat(qtbot, window, VIP)
    window.cart.set_discount(0, 9000)
    with qtbot.waitSignal(window.sale_failed, timeout=WAIT_MS) as failed:
        window.complete_sale(())
    assert "no es un descuento" in failed.args[0] and "Cortesía" in failed.args[0]
    with store.read_session_factory() as session:
        assert session.scalars(select(Sale)).all() == []
