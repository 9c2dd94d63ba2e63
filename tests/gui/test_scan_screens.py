"""Scans reach the screens that take them, wired as the app wires them (detector from the config's
``[scanner]`` section -> the app's scan router -> the screen); a failure a dialog causes shows over it.

Screens: the selling window (a ticket code opens its sale, a badge signs its clerk in), the door check (a ticket
is checked), sign-in (a badge signs in) and the first supervisor (a badge is enrolled). A scan while a text
field that takes the text has the focus is a scan only when it is a valid code, or when the scanner's prefix
says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from boxoffice.config import ScannerConfig
from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.payments import PaymentRequest
from boxoffice.services import clerks
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.store.engine import Store
from boxoffice.ui import application
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.payment import PaymentDialog
from boxoffice.ui.qt import QApplication, QMessageBox, Qt, QWidget
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.scanner import ScanDetector
from boxoffice.ui.signin import FirstSupervisorDialog, SignInDialog
from boxoffice.ui.window_context import window_context
from tests.gui.scan_helpers import (
    PERSON_GAPS,
    ManualClock,
    demo_store,
    end_burst,
    new_clock,
    press,
    scan,
    type_keys,
    when_modal,
)
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import TERMINAL, backend_for

WAIT_MS = 10_000
PREFIX = "]Q"


store = pytest.fixture(demo_store)
clock = pytest.fixture(new_clock)


@pytest.fixture
def team(store: Store) -> dict[str, ClerkInfo]:
    sf = store.session_factory
    return {"ana": clerks.create_clerk(sf, "Ana", "1234", rfid="445566"),  # six digits: a PIN could be that
            "bea": clerks.create_clerk(sf, "Bea", "2468", rfid="BADGE-BEA-7"),
            "marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor")}


@pytest.fixture(params=["", PREFIX], ids=["no prefix", "prefix"])
def prefix(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def wired(clock: ManualClock, prefix: str) -> Iterator[tuple[ScanDetector, application._ScanRouter]]:
    """The detector the app builds from the config, connected to the app's router."""
    detector = ScanDetector.from_config(ScannerConfig(prefix=prefix), clock=clock)
    router = application._ScanRouter()
    detector.scanned.connect(router)
    detector.install()
    yield detector, router
    detector.uninstall()


def sold_ticket(store: Store) -> tuple[str, str]:
    sale = sell(store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-vip", 1, ("EVDEMO-VIP2",)),), (PaymentRequest("cash", tendered_cents=9000),)))
    return sale.purchase_code, sale.tickets[0].barcode


def window_for(qtbot: Any, store: Store, router: application._ScanRouter, clerk: ClerkInfo | None = None
               ) -> MainWindow:
    window = ready_window(qtbot, backend_for(store, "en"), clerk=clerk)
    qtbot.waitUntil(lambda: len(window.zone_rows) == 3, timeout=WAIT_MS)  # the zones and their products
    router.window = window
    window.door_check_opened.connect(lambda dialog: application._route_scans_to(router, dialog))
    return window


def modal_sale_dialog() -> SaleDialog | None:
    return next((w for w in QApplication.topLevelWidgets() if isinstance(w, SaleDialog) and w.isVisible()), None)


def test_a_ticket_scanned_at_the_selling_window_opens_its_sale(qtbot, store: Store, wired, clock: ManualClock,
                                                               prefix: str) -> None:
    _detector, router = wired
    code, barcode = sold_ticket(store)
    window = window_for(qtbot, store, router)
    window.seat_map.setFocus()
    scan(qtbot, window.seat_map, barcode, clock, prefix=prefix)
    qtbot.waitUntil(lambda: modal_sale_dialog() is not None, timeout=WAIT_MS)
    assert modal_sale_dialog().sale.purchase_code == code
    modal_sale_dialog().close()


def test_a_badge_scanned_at_the_selling_window_signs_its_clerk_in(qtbot, store: Store, team, wired,
                                                                  clock: ManualClock, prefix: str) -> None:
    _detector, router = wired
    window = window_for(qtbot, store, router, clerk=team["marta"])
    window.seat_map.setFocus()
    scan(qtbot, window.seat_map, "BADGE-BEA-7", clock, prefix=prefix)
    qtbot.waitUntil(lambda: window.clerk == team["bea"], timeout=WAIT_MS)
    settle(qtbot, window)


def test_a_ticket_scanned_into_the_door_checks_field_is_checked(qtbot, store: Store, team, wired,
                                                                clock: ManualClock, prefix: str) -> None:
    _detector, router = wired
    _code, barcode = sold_ticket(store)
    window = window_for(qtbot, store, router, clerk=team["marta"])
    dialog = window.open_door_check()
    assert router.target is dialog
    dialog.code.setFocus()
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS):
        scan(qtbot, dialog.code, barcode, clock, prefix=prefix)
    assert dialog.last.green and dialog.code.text() == ""
    with qtbot.waitSignal(dialog.checked, timeout=WAIT_MS):  # typed by hand: the field's Enter checks it
        type_keys(qtbot, dialog.code, barcode, clock, PERSON_GAPS)
        press(qtbot, dialog.code, Qt.Key.Key_Return, clock, 120)
    assert not dialog.last.green and dialog.last.reason == "already_entered"
    dialog.accept()


def signin_dialog(qtbot: Any, store: Store, router: application._ScanRouter) -> SignInDialog:
    dialog = SignInDialog(window_context(backend_for(store, "en")))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    router.target = dialog  # as application.sign_in does
    return dialog


def test_a_badge_scanned_at_sign_in_signs_in(qtbot, store: Store, team, wired, clock: ManualClock,
                                             prefix: str) -> None:
    _detector, router = wired
    dialog = signin_dialog(qtbot, store, router)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        scan(qtbot, dialog.pin_field, "BADGE-BEA-7", clock, prefix=prefix)  # letters: the PIN field takes none
    assert dialog.clerk == team["bea"] and dialog.pin_field.text() == ""


def test_a_numeric_badge_in_the_pin_field_needs_the_prefix(qtbot, store: Store, team, wired,
                                                           clock: ManualClock, prefix: str) -> None:
    """Six digits could be a PIN typed fast: without a prefix they are the PIN field's, with it a badge."""
    detector, router = wired
    dialog = signin_dialog(qtbot, store, router)
    if prefix:
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            scan(qtbot, dialog.pin_field, "445566", clock, prefix=prefix)
        assert dialog.clerk == team["ana"]
        return
    dialog.select_clerk(team["ana"].id)
    type_keys(qtbot, dialog.pin_field, "445566", clock, 8)
    end_burst(detector, clock)
    assert dialog.pin_field.text() == "445566" and dialog.clerk is None


def test_a_badge_scanned_while_creating_the_first_supervisor_is_enrolled(qtbot, tmp_path: Path, wired,
                                                                         clock: ManualClock, prefix: str) -> None:
    from boxoffice.store.engine import open_store

    _detector, router = wired
    with open_store(tmp_path / "empty.sqlite3") as empty:
        dialog = FirstSupervisorDialog(window_context(backend_for(empty, "en")))
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        router.target = dialog  # as application.sign_in does
        dialog.badge_field.setFocus()
        scan(qtbot, dialog.badge_field, "SUP-0001", clock, prefix=prefix)
        assert dialog.badge_field.text() == "SUP-0001" and not dialog.isHidden()
        dialog.badge_field.clear()
        scan(qtbot, dialog.name_field, "SUP-0001", clock, prefix=prefix)  # the name field has the focus
        if prefix:
            assert dialog.badge_field.text() == "SUP-0001" and dialog.name_field.text() == ""
        else:  # without a prefix it may be a name typed fast: the field's
            assert dialog.badge_field.text() == "" and dialog.name_field.text() == "SUP-0001"
        dialog.close()


# --- an error a dialog causes shows over the dialog ------------------------------------------------------


def boxes_over(dialog: QWidget) -> list[QMessageBox]:
    return [box for box in dialog.findChildren(QMessageBox) if box.isVisible()]


def test_a_scan_refused_while_paying_is_told_over_the_payment_dialog(qtbot, store: Store, wired,
                                                                     clock: ManualClock, prefix: str) -> None:
    """The issue: the error of a scan made while the payment dialog was open showed behind the dialog."""
    _detector, router = wired
    window = window_for(qtbot, store, router)
    window.cart.add_quantity(window._zone_product("General"), "General", 1)
    told: list[str] = []

    def pay(dialog: PaymentDialog) -> None:
        scan(qtbot, dialog, "BADGE-NOBODY", clock, prefix=prefix)  # nobody's badge, not a ticket
        qtbot.waitUntil(lambda: bool(boxes_over(dialog)), timeout=WAIT_MS)
        [box] = boxes_over(dialog)
        told.append(box.text())
        assert QApplication.activeModalWidget() is box
        box.accept()
        dialog.reject()

    when_modal(PaymentDialog, pay)
    window.pay()
    assert told and "neither a ticket nor a known badge" in told[0]
    assert window.banner.text() == told[0]  # and in the window's banner, for after the dialog


def test_the_default_presenter_shows_a_failure_over_the_open_dialog(qtbot, store: Store) -> None:
    window = ready_window(qtbot, backend_for(store, "en"))
    seen: list[tuple[QWidget | None, str]] = []

    def refuse() -> None:
        raise BoxOfficeError("refused", code="cart_empty")

    def in_dialog(dialog: PaymentDialog) -> None:
        window.ctx.runner.write(window, refuse)  # no failure callback: the runner's presenter
        qtbot.waitUntil(lambda: bool(boxes_over(dialog)), timeout=WAIT_MS)
        [box] = boxes_over(dialog)
        seen.append((box.parentWidget(), box.text()))
        box.accept()
        dialog.reject()

    when_modal(PaymentDialog, in_dialog)
    dialog = PaymentDialog(100, window.money, window)
    dialog.exec()
    assert seen and seen[0][0] is dialog and seen[0][1]
    window.ctx.runner.write(window, refuse)  # no dialog open: over the window, as before
    qtbot.waitUntil(lambda: bool(boxes_over(window)), timeout=WAIT_MS)
    [box] = boxes_over(window)
    assert box.parentWidget() is window
    box.accept()
