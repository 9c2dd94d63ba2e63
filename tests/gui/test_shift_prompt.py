"""The window and shifts (#14): the status bar shows the open shift or none, the first sale with no shift asks
for one with the float count and then goes on, a door clerk is sent to a supervisor, and a sale refused because
another window closed the shift asks and is sent again. Real store, real facades, the operation runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.core.payments import PaymentRequest
from boxoffice.services.clerks import create_clerk
from boxoffice.services.shifts import close_shift, current_shift, open_shift
from boxoffice.store.models import Sale
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.payment import PaymentDialog
from boxoffice.ui.qt import QApplication, Qt, QTimer
from boxoffice.ui.shift_dialogs import OpenShiftDialog
from tests.gui.window_helpers import settle
from tests.helpers.demo_inventory import backend_for, seed_store


@pytest.fixture
def store(tmp_path: Path):
    s = seed_store(tmp_path / "terminal.sqlite3", shift=False)
    yield s
    s.close()


def window_for(qtbot, store, clerk, language: str = "en") -> MainWindow:
    window = MainWindow(backend_for(store, language), clerk=clerk)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    settle(qtbot, window)
    return window


def test_the_status_bar_shows_no_shift_then_the_shift_opened_elsewhere(qtbot, store) -> None:
    ana = create_clerk(store.session_factory, "Ana", "1234", role="clerk")
    window = window_for(qtbot, store, ana)
    label = window.shift_gate.status
    assert label.known and label.shift is None
    assert label.text() == "No shift open" and label.property("state") == "none"
    # a shift opened by the writer thread (through the facade) reaches the bar through the hub, no polling
    window.ctx.runner.write(window, lambda: window.ctx.facades.shifts.open(ana.id, 5000, actor="Ana"))
    qtbot.waitUntil(lambda: label.shift is not None, timeout=5000)
    # the label fits its text to the room the status bar gives it once the bar has laid the new width out
    qtbot.waitUntil(lambda: label.text().startswith(f"Shift {label.shift.id} · Ana · since "), timeout=5000)
    assert label.property("state") == "open" and "50.00" in label.toolTip()
    shift = label.shift
    window.ctx.runner.write(window, lambda: window.ctx.facades.shifts.close(shift.id, {}, "Ana"))
    qtbot.waitUntil(lambda: label.shift is None, timeout=5000)
    assert label.text() == "No shift open"


def test_the_first_sale_asks_for_a_shift_with_the_float_then_goes_on(qtbot, store) -> None:
    ana = create_clerk(store.session_factory, "Ana", "1234", role="clerk")
    window = window_for(qtbot, store, ana)
    window.cart.add_quantity(window._zone_product("General"), "General", 1)
    window.cart_panel.refresh()
    with qtbot.waitSignal(window.shift_gate.prompted, timeout=5000) as prompted:
        window.pay()
    dialog = prompted.args[0]
    assert isinstance(dialog, OpenShiftDialog) and dialog.isVisible()
    assert "No shift is open" in dialog.findChild(type(dialog.message), "shiftReason").text()
    assert current_shift(store.read_session_factory) is None and window.cart.ticket_count == 1  # nothing sold yet
    qtbot.keyClicks(dialog.float_amount, "120.00")
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)  # once it has read that no other shift is open

    def pay_when_asked() -> None:
        payment = QApplication.activeModalWidget()
        if not isinstance(payment, PaymentDialog):
            QTimer.singleShot(20, pay_when_asked)
            return
        payment.reject()  # the payment step came after the shift: checked; the sale itself goes below

    QTimer.singleShot(0, pay_when_asked)
    with qtbot.waitSignal(dialog.shift_opened, timeout=5000):
        qtbot.keyClick(dialog.float_amount, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.shift_gate.status.shift is not None, timeout=5000)
    shift = current_shift(store.read_session_factory)
    assert shift is not None and shift.float_cents == 12000 and shift.clerk_id == ana.id
    settle(qtbot, window)
    assert window.cart.ticket_count == 1  # payment backed out: the cart is kept
    with qtbot.waitSignal(window.sale_completed, timeout=10000) as done:
        window.complete_sale([PaymentRequest("cash", tendered_cents=2500)])
    with store.read_session_factory() as session:
        assert session.scalars(select(Sale.shift_id)).all() == [shift.id]
    assert done.args[0].total_cents == 2500
    assert window.shift_gate.status.text().startswith(f"Shift {shift.id} · Ana")


def test_a_door_clerk_is_sent_to_a_supervisor(qtbot, store) -> None:
    """A door clerk cannot sell at all; should a sale of theirs still meet no shift, they are sent to a
    supervisor rather than shown the float count."""
    dani = create_clerk(store.session_factory, "Dani", "1234", role="door")
    window = window_for(qtbot, store, dani)
    prompts: list[object] = []
    window.shift_gate.prompted.connect(prompts.append)
    window.shift_gate.ask(lambda: None)
    assert prompts == [] and QApplication.activeModalWidget() is None
    assert window.banner.isVisible() and "ask a supervisor" in window.banner.text()
    assert current_shift(store.read_session_factory) is None


def test_a_sale_refused_because_the_shift_closed_meanwhile_asks_and_is_sent_again(qtbot, store) -> None:
    bea = create_clerk(store.session_factory, "Bea", "1234", role="supervisor")
    first = open_shift(store.session_factory, bea.id, 0, actor="Bea")
    window = window_for(qtbot, store, bea)
    assert window.shift_gate.status.shift is not None
    close_shift(store.session_factory, first.id, {}, "Bea")  # another window closed it; this one was not told
    window.cart.add_quantity(window._zone_product("General"), "General", 2)
    with qtbot.waitSignal(window.shift_gate.prompted, timeout=5000) as prompted:
        window.complete_sale([PaymentRequest("cash", tendered_cents=5000)])
    dialog = prompted.args[0]
    assert window.shift_gate.status.text() == "No shift open"
    qtbot.keyClicks(dialog.float_amount, "0")
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(window.sale_completed, timeout=10000) as done:
        qtbot.keyClick(dialog.float_amount, Qt.Key.Key_Return)
    second = current_shift(store.read_session_factory)
    assert second is not None and second.id != first.id
    with store.read_session_factory() as session:
        assert session.scalars(select(Sale.shift_id)).all() == [second.id]
    assert done.args[0].total_cents == 5000 and window.cart.is_empty()


def test_training_sells_without_asking(qtbot, store) -> None:
    ana = create_clerk(store.session_factory, "Ana", "1234", role="clerk")
    backend = backend_for(store, "en", training=True)
    window = MainWindow(backend, clerk=ana)
    qtbot.addWidget(window)
    settle(qtbot, window)
    assert not window.shift_gate.ask_first(lambda: None)


def test_a_narrow_window_shows_a_shorter_shift_text_never_a_clipped_one(qtbot, store) -> None:
    lucia = create_clerk(store.session_factory, "Lucía Gómez", "1234", role="clerk")
    open_shift(store.session_factory, lucia.id, 15000, actor=lucia.name)
    window = window_for(qtbot, store, lucia)
    label = window.shift_gate.status
    qtbot.waitUntil(lambda: label.shift is not None, timeout=5000)
    assert label.text() == label.forms[0] and len(label.forms) == 3  # room enough at 1280 px
    height = label.height()
    for form in reversed(label.forms):  # the room each form needs: exactly that form shows, unclipped
        label.resize(label.fontMetrics().horizontalAdvance(form) + label.width() - label.contentsRect().width() + 4,
                     height)
        assert label.text() == form
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    label.resize(label.minimumSizeHint().width() - 10, height)  # less than any: the shortest, never nothing
    assert label.text() == label.forms[-1] == f"Shift {label.shift.id}"
    assert "Lucía Gómez" in label.toolTip()
