"""Door check at the window: green once, red the second time, with scans routed to it."""

from __future__ import annotations

from pathlib import Path

from boxoffice.core.payments import PaymentRequest
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.ui import application
from boxoffice.ui.main_window import MainWindow
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store


def test_scan_at_the_door_green_then_red(qtbot, tmp_path: Path) -> None:
    store = seed_store(tmp_path / "t.sqlite3")
    sale = sell(store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-vip", 1, ("EVDEMO-VIP2",)),), (PaymentRequest("cash", tendered_cents=9000),)))
    window = MainWindow(backend_for(store), clerk=ClerkInfo(1, "Marta López", "supervisor", None))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_event_id() == "EVDEMO", timeout=5000)
    router = application._ScanRouter()
    router.window = window
    window.door_check_opened.connect(lambda dialog: application._route_scans_to(router, dialog))
    dialog = window.open_door_check()
    assert router.target is dialog
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        router(sale.tickets[0].barcode)  # a scanner burst
    assert dialog.last.green and dialog.light.property("kind") == "green"
    qtbot.keyClicks(dialog.code, sale.tickets[0].barcode)
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        qtbot.keyClick(dialog.code, "\r")
    assert not dialog.last.green and dialog.last.reason == "already_entered"
    assert "already entered" in dialog.light.text()
    with qtbot.waitSignal(dialog.checked, timeout=5000):
        dialog.check("NOT-A-TICKET")
    assert dialog.light.property("kind") == "red"
    dialog.accept()
    assert router.target is None
    store.close()
