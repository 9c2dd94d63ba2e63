"""Selling at the window, driven like a clerk: keyboard and mouse, split payment, offline, a seat race."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from boxoffice.core.payments import PaymentRequest
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.store.models import Outbox, Payment, Sale, SaleTicket, Ticket
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.payment import PaymentDialog
from boxoffice.ui.qt import QApplication, QPoint, Qt, QTimer
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store
from tests.helpers.supervisors import SUPERVISOR, add_supervisors


@pytest.fixture
def store(tmp_path: Path):
    s = seed_store(tmp_path / "terminal.sqlite3")
    yield s
    s.close()


@pytest.fixture
def window(qtbot, store):
    w = MainWindow(backend_for(store))
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    settle(qtbot, w)
    return w


def count(store, model) -> int:
    with store.read_session_factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def click_seat(qtbot, window: MainWindow, ticket_id: str) -> None:
    point = window.seat_map.seat_center(ticket_id)
    qtbot.mouseClick(window.seat_map.viewport(), Qt.MouseButton.LeftButton, pos=point)


def answer_payment(qtbot, fill) -> None:
    """When the payment dialog opens, let ``fill`` type into it (it runs inside the dialog's event loop)."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, PaymentDialog):
            QTimer.singleShot(20, act)
            return
        fill(dialog)

    QTimer.singleShot(0, act)


def test_full_sale_by_mouse_with_cash_and_change(qtbot, window: MainWindow, store) -> None:
    click_seat(qtbot, window, "EVDEMO-VIP1")
    click_seat(qtbot, window, "EVDEMO-VIP2")
    assert window.cart.seat_ids == {"EVDEMO-VIP1", "EVDEMO-VIP2"}
    assert window.cart.total_cents == 18000

    def fill(dialog: PaymentDialog) -> None:
        qtbot.mouseClick(dialog.findChild(type(dialog.complete), "note10000"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.findChild(type(dialog.complete), "note10000"), Qt.MouseButton.LeftButton)
        assert "20,00\u00a0€" in dialog.change_label.text()
        qtbot.mouseClick(dialog.complete, Qt.MouseButton.LeftButton)

    answer_payment(qtbot, fill)
    with qtbot.waitSignal(window.sale_completed, timeout=10000) as done:
        qtbot.mouseClick(window.cart_panel.pay_button, Qt.MouseButton.LeftButton)
    result = done.args[0]
    assert result.total_cents == 18000 and result.change_cents == 2000
    assert window.cart.is_empty()
    assert window.seat_map.state_of("EVDEMO-VIP1") == "sold"
    assert "20,00\u00a0€" in window.banner.text() and result.purchase_code in window.banner.text()
    with store.read_session_factory() as s:
        sale = s.scalars(select(Sale)).one()
        assert sale.purchase_code == result.purchase_code
        assert [(p.method, p.amount_cents, p.change_cents) for p in sale.payments] == [("cash", 18000, 2000)]
    assert count(store, Outbox) == 1  # queued for the platform, although nothing is online


def test_full_sale_by_keyboard_zone_quantity(qtbot, window: MainWindow, store) -> None:
    row = window.zone_rows["General"]
    row.quantity.setFocus()
    qtbot.keyClick(row.quantity, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(row.quantity, "3")
    qtbot.keyClick(row.button, Qt.Key.Key_Space)
    assert window.cart.ticket_count == 3 and window.cart.total_cents == 7500

    def fill(dialog: PaymentDialog) -> None:
        qtbot.keyClicks(dialog.cash, "100")
        qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)

    answer_payment(qtbot, fill)
    with qtbot.waitSignal(window.sale_completed, timeout=10000) as done:
        qtbot.keyClick(window, Qt.Key.Key_F12)
    assert done.args[0].change_cents == 2500
    assert count(store, SaleTicket) == 3


def test_escape_backs_out_of_payment_and_keeps_the_cart(qtbot, window: MainWindow, store) -> None:
    click_seat(qtbot, window, "EVDEMO-PRE1")

    def fill(dialog: PaymentDialog) -> None:
        qtbot.keyClicks(dialog.cash, "1")
        assert not dialog.complete.isEnabled()  # 1 € does not cover 40 €
        assert "39,00" in dialog.message.text()
        qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)  # refused: still open
        assert dialog.isVisible()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    answer_payment(qtbot, fill)
    window.pay()
    assert count(store, Sale) == 0
    assert window.cart.seat_ids == {"EVDEMO-PRE1"}


def test_split_payment_card_and_cash(qtbot, window: MainWindow, store) -> None:
    click_seat(qtbot, window, "EVDEMO-VIP3")

    def fill(dialog: PaymentDialog) -> None:
        qtbot.keyClicks(dialog.card_amount, "50")
        assert not dialog.complete.isEnabled()  # no card reference yet
        qtbot.keyClicks(dialog.card_ref, "AUTH-778899")
        qtbot.keyClicks(dialog.cash, "50")
        assert "10,00\u00a0€" in dialog.change_label.text()
        qtbot.mouseClick(dialog.complete, Qt.MouseButton.LeftButton)

    answer_payment(qtbot, fill)
    with qtbot.waitSignal(window.sale_completed, timeout=10000):
        window.pay()
    with store.read_session_factory() as s:
        rows = sorted((p.method, p.amount_cents, p.change_cents, p.reference) for p in s.scalars(select(Payment)))
    assert rows == [("card", 5000, 0, "AUTH-778899"), ("cash", 4000, 1000, None)]


def test_sale_completes_while_the_central_server_is_unreachable(qtbot, store) -> None:
    unreachable = "http://127.0.0.1:9"  # nothing listens there
    from boxoffice.services import delivery
    from boxoffice.sync.client import CentralClient
    from boxoffice.sync.worker import DeliveryWorker

    worker = DeliveryWorker(store.session_factory, lambda: CentralClient(unreachable, "tok-123456", "o",
                                                                         timeout=(0.5, 0.5)), book=delivery)
    worker.start()
    try:
        window = ready_window(qtbot, backend_for(store, sync_status=worker.status, wake_sync=worker.wake))
        click_seat(qtbot, window, "EVDEMO-GEN1")
        with qtbot.waitSignal(window.sale_completed, timeout=10000):
            window.complete_sale([PaymentRequest("cash", tendered_cents=2500)])
        qtbot.waitUntil(lambda: worker.status().connection == "offline", timeout=10000)
        window.status.refresh()
        qtbot.waitUntil(lambda: "Offline" in window.status.connection.text(), timeout=5000)
        assert "1" in window.status.pending.text()
    finally:
        assert worker.stop(timeout=5)
    assert count(store, Sale) == 1


def test_seat_taken_by_another_sale_is_refused_clearly(qtbot, window: MainWindow, store) -> None:
    click_seat(qtbot, window, "EVDEMO-VIP5")
    # another window (same database) sells that seat first
    sell(store.session_factory, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-vip", 1, ("EVDEMO-VIP5",)),),
                                                      (PaymentRequest("cash", tendered_cents=9000),)))
    with qtbot.waitSignal(window.sale_failed, timeout=10000) as failed:
        window.complete_sale([PaymentRequest("cash", tendered_cents=9000)])
    assert "another sale" in failed.args[0] or "otra venta" in failed.args[0]
    assert "nothing was sold" in window.banner.text()
    assert window.cart.is_empty()  # the taken seat left the cart
    with store.read_session_factory() as s:
        assert s.scalar(select(func.count()).select_from(SaleTicket)
                        .where(SaleTicket.ticket_id == "EVDEMO-VIP5")) == 1
        assert s.get(Ticket, "EVDEMO-VIP5").state == "sold"
    settle(qtbot, window)  # the map reads what took the seat
    assert window.seat_map.state_of("EVDEMO-VIP5") == "sold"


def test_child_product_and_family_pass(qtbot, window: MainWindow, store) -> None:
    click_seat(qtbot, window, "EVDEMO-GEN3")
    window.cart_panel.table.selectRow(0)
    qtbot.mouseClick(window.cart_panel.child_button, Qt.MouseButton.LeftButton)
    assert window.cart.rows[0].product.name == "Niño"
    qtbot.mouseClick(window.family_button, Qt.MouseButton.LeftButton)
    assert window.cart.ticket_count == 6
    assert window.cart.total_cents == 1200 + 8000
    with qtbot.waitSignal(window.sale_completed, timeout=10000) as done:
        window.complete_sale([PaymentRequest("cash", tendered_cents=10000)])
    products = [t.description for t in done.args[0].tickets]
    assert sorted(products) == sorted(["Niño", "General", "General", "Niño", "Niño", "Niño"])


def test_rubber_band_drag_selects_several_seats(qtbot, window: MainWindow) -> None:
    view = window.seat_map
    first = view.seat_view_rect("EVDEMO-VIP1")
    last = view.seat_view_rect("EVDEMO-VIP3")
    start = first.topLeft() - QPoint(3, 3)
    end = last.bottomRight() + QPoint(1, 1)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(view.viewport(), pos=end)
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=end)
    assert {"EVDEMO-VIP1", "EVDEMO-VIP2", "EVDEMO-VIP3"} <= window.cart.seat_ids


def test_sale_prints_tickets_and_receipt_when_a_pdf_printer_is_set(qtbot, store, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from boxoffice.app import make_printer
    from boxoffice.config import Config, PrinterConfig

    context = SimpleNamespace(config=Config(printer=PrinterConfig(kind="pdf", pdf_dir=str(tmp_path / "out"))),
                              paths=SimpleNamespace(data_dir=tmp_path))
    hooks = make_printer(context, store)
    window = ready_window(qtbot, backend_for(store, printing_ready=hooks.printing_ready,
                                             print_sale=hooks.print_sale))
    click_seat(qtbot, window, "EVDEMO-VIP4")
    with qtbot.waitSignal(window.printed, timeout=10000) as printed:
        window.complete_sale([PaymentRequest("cash", tendered_cents=9000)])
    code, error = printed.args
    assert error == "" and "Printed." in window.banner.text()
    assert (tmp_path / "out" / f"{code}.pdf").stat().st_size > 1000
    assert (tmp_path / "out" / f"{code}-receipt.pdf").exists()
    assert "not set up" not in window.banner.text()


def test_without_a_printer_the_clerk_is_told_and_the_sale_stands(qtbot, window: MainWindow, store) -> None:
    click_seat(qtbot, window, "EVDEMO-VIP6")
    with qtbot.waitSignal(window.sale_completed, timeout=10000):
        window.complete_sale([PaymentRequest("cash", tendered_cents=9000)])
    assert "Printing is not set up yet" in window.banner.text()
    assert count(store, Sale) == 1


def test_scanning_a_ticket_opens_its_sale_to_reprint_and_void(qtbot, store, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from boxoffice.app import make_printer
    from boxoffice.config import Config, PrinterConfig
    from boxoffice.ui.sale_dialog import SaleDialog

    context = SimpleNamespace(config=Config(printer=PrinterConfig(kind="pdf", pdf_dir=str(tmp_path / "out"))),
                              paths=SimpleNamespace(data_dir=tmp_path))
    hooks = make_printer(context, store)
    window = ready_window(qtbot, backend_for(store, printing_ready=hooks.printing_ready,
                                             print_sale=hooks.print_sale))
    result = sell(store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-pre", 2, ("EVDEMO-PRE3", "EVDEMO-PRE4")),),
        (PaymentRequest("cash", tendered_cents=8000),)))
    window.reload()
    settle(qtbot, window)
    window.handle_scan(result.tickets[1].barcode.lower())  # scanners may send lower case
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), SaleDialog), timeout=15000)
    dialog = QApplication.activeModalWidget()
    assert dialog.sale.purchase_code == result.purchase_code and len(dialog.sale.tickets) == 2
    qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
    settle(qtbot, window)  # the reprint runs on the device thread
    assert (tmp_path / "out" / f"{result.purchase_code}-reprint.pdf").exists()
    from boxoffice.store.models import JournalEntry

    with store.read_session_factory() as s:
        kinds = [e.kind for e in s.scalars(select(JournalEntry).where(JournalEntry.subject == result.purchase_code))]
    assert "reprint" in kinds
    dialog.do_void("")
    assert "reason" in dialog.message.text()
    add_supervisors(store.session_factory)
    dialog.do_void("customer changed their mind", actor=SUPERVISOR)  # as after the supervisor's PIN
    assert not dialog.void_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)  # the void runs in the background
    assert "on sale again" in dialog.message.text()
    with store.read_session_factory() as s:
        sale = s.scalars(select(Sale)).one()
        assert sale.status == "voided" and sale.delivery_state == "cancelled"
        assert s.get(Ticket, "EVDEMO-PRE3").state == "available"  # never sent: seats back on sale now
    assert window.seat_map.state_of("EVDEMO-PRE3") == "available"
    dialog.accept()
