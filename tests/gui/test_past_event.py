"""An event that already began or took place is marked in the event picker, and selling it asks the clerk to
confirm, with the date; an upcoming event sells with no question. Services refuse nothing on the date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boxoffice.facades.sales import event_timing
from boxoffice.services.inventory import RemoteProduct, RemoteTicket, merge_inventory
from boxoffice.store.models import Sale
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QDateTime, QLocale, QMessageBox, Qt
from tests.gui.test_selling import answer_payment, click_seat
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import backend_for, seed_store

PAST = "EVPAST"
HELD_ON = datetime(2026, 7, 18, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize(("since", "timing"), [
    (None, "upcoming"), (timedelta(hours=-1), "upcoming"), (timedelta(minutes=20), "started"),
    (timedelta(hours=11), "started"), (timedelta(hours=12), "held"), (timedelta(days=200), "held")])
def test_when_an_event_counts_as_started_or_held(since: timedelta | None, timing: str) -> None:
    now = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
    assert event_timing(None if since is None else now - since, now) == timing


@pytest.fixture
def window(qtbot, tmp_path: Path) -> MainWindow:
    store = seed_store(tmp_path / "terminal.sqlite3")
    merge_inventory(store.session_factory, PAST, "Concierto de Julio", HELD_ON,
                    [RemoteTicket(f"{PAST}-A{n}", f"A{n}", "Platea", "#4A90D9", True, "A") for n in range(1, 9)],
                    [RemoteProduct("tt-platea", "Platea", 3000, "Platea", "ticket", None)])
    w = ready_window(qtbot, backend_for(store))
    w.resize(1280, 800)
    yield w
    store.close()


def _sales(window: MainWindow) -> int:
    with window.backend.read_session_factory() as session:
        return session.scalar(select(func.count()).select_from(Sale))


def _question(qtbot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "pastEvent") is not None, timeout=5000)
    return window.findChild(QMessageBox, "pastEvent")


def test_the_picker_marks_a_past_event_and_selling_it_asks_first(qtbot, window: MainWindow) -> None:
    picker = window.event_picker
    texts = [picker.itemText(i) for i in range(picker.count())]
    assert texts[0].startswith("Concierto de Julio") and texts[0].endswith(" · already held")  # soonest first
    assert not texts[1].endswith("held") and "started" not in texts[1]  # the upcoming demo event

    assert window.current_event_id() == PAST
    click_seat(qtbot, window, f"{PAST}-A1")
    qtbot.keyClick(window, Qt.Key.Key_F12)
    box = _question(qtbot, window)
    local = QDateTime.fromSecsSinceEpoch(int(HELD_ON.timestamp())).toLocalTime()
    assert "Concierto de Julio took place on" in box.text()
    assert QLocale().toString(local.date(), QLocale.FormatType.LongFormat) in box.text()  # the date, in words
    assert local.toString("HH:mm") in box.text()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.No)
    qtbot.keyClick(window, Qt.Key.Key_F12)  # asked once at a time
    assert len(window.findChildren(QMessageBox, "pastEvent")) == 1
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), Qt.MouseButton.LeftButton)
    settle(qtbot, window)
    assert _sales(window) == 0 and window.cart.seat_ids == {f"{PAST}-A1"}  # nothing sold, the cart kept

    window.pay()
    box = _question(qtbot, window)
    answer_payment(qtbot, lambda dialog: (qtbot.keyClicks(dialog.cash, "30"),
                                          qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)))
    with qtbot.waitSignal(window.sale_completed, timeout=10_000):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    assert _sales(window) == 1  # the clerk confirmed: sold, as services allow


def test_an_upcoming_event_sells_with_no_question(qtbot, window: MainWindow) -> None:
    window.event_picker.setCurrentIndex(1)
    settle(qtbot, window)
    click_seat(qtbot, window, "EVDEMO-VIP1")
    answer_payment(qtbot, lambda dialog: (qtbot.keyClicks(dialog.cash, "90"),
                                          qtbot.keyClick(dialog.cash, Qt.Key.Key_Return)))
    with qtbot.waitSignal(window.sale_completed, timeout=10_000):
        window.pay()
    assert window.findChild(QMessageBox, "pastEvent") is None
