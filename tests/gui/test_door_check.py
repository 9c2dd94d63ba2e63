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


def test_door_entries_keep_syncing_after_the_door_check_closes(qtbot, tmp_path: Path) -> None:
    """The door sync runs at open (the dialog's own), once more when it closes, then on the window's timer."""
    import threading

    store = seed_store(tmp_path / "t.sqlite3")
    backend = backend_for(store)
    rounds: list[str] = []
    on_network: list[bool] = []

    def door_sync(event_id: str) -> None:
        on_network.append(threading.current_thread() is not threading.main_thread())
        rounds.append(event_id)

    backend.door_sync, backend.door_sync_seconds = door_sync, 5
    window = MainWindow(backend, clerk=ClerkInfo(1, "Marta López", "supervisor", None))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.current_event_id() == "EVDEMO", timeout=5000)
    dialog = window.open_door_check()
    qtbot.waitUntil(lambda: len(rounds) >= 1, timeout=5000)  # the dialog's round at open
    opened = len(rounds)
    dialog.accept()
    qtbot.waitUntil(lambda: len(rounds) == opened + 1, timeout=5000)  # the round when it closes
    assert window._door_timer is not None and window._door_timer.isActive()
    assert window._door_timer.interval() == 5000
    window._door_timer.timeout.emit()  # the next tick, without waiting 5 s
    qtbot.waitUntil(lambda: len(rounds) == opened + 2, timeout=5000)
    assert set(rounds) == {"EVDEMO"} and all(on_network)
    store.close()
