"""Quick-sell of a party no row can seat together: the clerk is told and chooses; seats apart only on "yes"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from boxoffice.core.payments import PaymentRequest
from boxoffice.store.models import Sale
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QMessageBox
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import backend_for, seed_store

PARTY = 9  # VIP has two rows of eight


@pytest.fixture
def store(tmp_path: Path):
    s = seed_store(tmp_path / "terminal.sqlite3")
    yield s
    s.close()


@pytest.fixture
def window(qtbot, store) -> MainWindow:
    return ready_window(qtbot, backend_for(store))


def pay_for_a_vip_party(qtbot, window: MainWindow) -> QMessageBox:
    """Nine VIP tickets by quantity, paid in cash; returns the question the window asks."""
    product = window._zone_product("VIP")
    assert product is not None
    window.cart.add_quantity(product, "VIP", PARTY)
    window.complete_sale([PaymentRequest("cash", tendered_cents=PARTY * product.price_cents)])
    settle(qtbot, window)
    box = window.findChild(QMessageBox, "splitSeats")
    assert box is not None and box.isVisible()
    assert f"{PARTY}" in box.text() and "VIP" in box.text()
    return box


def sales(store) -> int:
    with store.read_session_factory() as session:
        return session.scalar(select(func.count()).select_from(Sale))


def test_no_sells_nothing_and_says_why(qtbot, window: MainWindow, store) -> None:
    box = pay_for_a_vip_party(qtbot, window)
    with qtbot.waitSignal(window.sale_failed, timeout=10_000) as failed:
        box.button(QMessageBox.StandardButton.No).click()
    assert "VIP" in failed.args[0] and "VIP" in window.banner.text()
    assert sales(store) == 0
    assert not window.cart.is_empty()  # the clerk can change the cart and try again
    assert window.cart_panel.pay_button.isEnabled()


def test_yes_sells_the_same_cart_with_seats_apart(qtbot, window: MainWindow, store) -> None:
    box = pay_for_a_vip_party(qtbot, window)
    with qtbot.waitSignal(window.sale_completed, timeout=10_000) as done:
        box.button(QMessageBox.StandardButton.Yes).click()
    result = done.args[0]
    assert len(result.tickets) == PARTY
    assert [t.seat_id for t in result.tickets] == [f"VIP{n}" for n in range(1, PARTY + 1)]  # row A, then B
    assert sales(store) == 1
    settle(qtbot, window)
    assert window.cart.is_empty()
