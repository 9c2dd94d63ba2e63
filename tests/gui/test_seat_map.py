"""The seat map widget, driven like a clerk: clicks, rubber band, keyboard, zoom levels, minimap, and
incremental updates that repaint only the seats that changed."""

from __future__ import annotations

import pytest

from boxoffice.services.catalog import SeatInfo
from boxoffice.ui.qt import QApplication, QEvent, QObject, QPoint, QPointF, QRect, QRectF, QRegion, Qt
from boxoffice.ui.seat_map import SeatMap
from boxoffice.ui.seat_map_demo import demo_venue

SOLD = {"A-2-3", "A-1-9"}


def small_venue() -> list[SeatInfo]:
    """Zone A: 3 rows of 10 (two sold); zone B: 2 rows of 5, the last seat withdrawn."""
    seats = [SeatInfo(f"A-{r}-{n}", f"{n}", f"R{r}", "A", "#1e88e5", "sold" if f"A-{r}-{n}" in SOLD else "available")
             for r in (1, 2, 3) for n in range(1, 11)]
    seats += [SeatInfo(f"B-{r}-{n}", f"{n}", f"R{r}", "B", "#43a047", "withdrawn" if (r, n) == (2, 5) else "available")
              for r in (1, 2) for n in range(1, 6)]
    return seats


@pytest.fixture
def seat_map(qtbot) -> SeatMap:
    widget = SeatMap()
    qtbot.addWidget(widget)
    widget.resize(800, 600)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_seats(small_venue())
    widget.fit()
    return widget


def click(qtbot, seat_map: SeatMap, ticket_id: str, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(seat_map.viewport(), Qt.MouseButton.LeftButton, modifier, seat_map.seat_center(ticket_id))


def drag(qtbot, seat_map: SeatMap, start: QPoint, end: QPoint, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mousePress(seat_map.viewport(), Qt.MouseButton.LeftButton, modifier, start)
    qtbot.mouseMove(seat_map.viewport(), (start + end) / 2)
    qtbot.mouseMove(seat_map.viewport(), end)
    qtbot.mouseRelease(seat_map.viewport(), Qt.MouseButton.LeftButton, modifier, end)


class PaintRecorder(QObject):
    """Records the regions the viewport really paints."""

    def __init__(self) -> None:
        super().__init__()
        self.rects: list[QRect] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.rects.extend(event.region())
        return False


def record_updates(seat_map: SeatMap, monkeypatch, touched: list[set[str]] | None = None) -> list[QRect]:
    """Rectangles the map asks to repaint; ``touched`` gets the seats under each, as the map stood then."""
    requested: list[QRect] = []
    original = seat_map._request_update

    def recording(rect: QRect) -> None:
        requested.append(QRect(rect))
        if touched is not None:
            touched.append(seats_under(seat_map, rect))
        original(rect)

    monkeypatch.setattr(seat_map, "_request_update", recording)
    return requested


def seats_under(seat_map: SeatMap, rect: QRect) -> set[str]:
    """Ticket ids whose seat squares a viewport rectangle touches."""
    top_left = seat_map.to_map(QPointF(rect.topLeft()))
    bottom_right = seat_map.to_map(QPointF(rect.bottomRight()) + QPointF(1, 1))
    layout = seat_map._layout
    return {layout.ticket_ids[i] for i in layout.seats_in(top_left.x(), top_left.y(), bottom_right.x(),
                                                          bottom_right.y())}


# -- selection -----------------------------------------------------------------------------------------------------


def test_click_toggles_a_free_seat_and_reports_ticket_ids(qtbot, seat_map: SeatMap) -> None:
    with qtbot.waitSignal(seat_map.selection_changed) as picked:
        click(qtbot, seat_map, "A-1-2")
    assert picked.args == [["A-1-2"]]
    click(qtbot, seat_map, "B-1-1")
    assert seat_map.selected_ticket_ids() == ["A-1-2", "B-1-1"]
    click(qtbot, seat_map, "A-1-2")
    assert seat_map.selected_ticket_ids() == ["B-1-1"]


def test_sold_and_withdrawn_seats_cannot_be_picked(qtbot, seat_map: SeatMap) -> None:
    click(qtbot, seat_map, "A-2-3")
    click(qtbot, seat_map, "B-2-5")
    assert seat_map.selected_ticket_ids() == []
    seat_map.set_selected({"A-2-3", "A-2-4"})
    assert seat_map.selected_ticket_ids() == ["A-2-4"]


def test_rubber_band_adds_the_free_seats_inside_and_ctrl_drag_takes_them_out(qtbot, seat_map: SeatMap) -> None:
    first, last = seat_map.seat_view_rect("A-2-1"), seat_map.seat_view_rect("A-3-4")
    drag(qtbot, seat_map, first.topLeft() - QPoint(2, 2), last.bottomRight() + QPoint(1, 1))
    expected = {f"A-{r}-{n}" for r in (2, 3) for n in (1, 2, 3, 4)} - SOLD
    assert set(seat_map.selected_ticket_ids()) == expected
    inner = seat_map.seat_view_rect("A-3-2")
    drag(qtbot, seat_map, seat_map.seat_view_rect("A-3-1").topLeft() - QPoint(2, 2), inner.bottomRight(),
         Qt.KeyboardModifier.ControlModifier)
    assert set(seat_map.selected_ticket_ids()) == expected - {"A-3-1", "A-3-2"}


def test_shift_click_adds_the_free_seats_between_two_seats(qtbot, seat_map: SeatMap) -> None:
    click(qtbot, seat_map, "A-1-6")
    click(qtbot, seat_map, "A-1-10", Qt.KeyboardModifier.ShiftModifier)
    assert seat_map.selected_ticket_ids() == sorted({"A-1-6", "A-1-7", "A-1-8", "A-1-10"})  # A-1-9 is sold


def test_a_seat_sold_elsewhere_leaves_the_selection_with_one_signal(qtbot, seat_map: SeatMap) -> None:
    seat_map.set_selected({"A-1-1", "A-1-2"})
    emitted: list[list[str]] = []
    seat_map.selection_changed.connect(emitted.append)
    assert seat_map.update_seats({"A-1-1": "sold", "A-1-5": "sold", "OTHER-EVENT": "sold"}) == ["A-1-1", "A-1-5"]
    assert emitted == [["A-1-2"]]
    assert seat_map.state_of("A-1-1") == "sold" and seat_map.seat("A-1-1").zone == "A"
    assert seat_map.zone_counts()["A"] == (30 - 4, 30)


# -- keyboard ------------------------------------------------------------------------------------------------------


def test_arrows_move_the_focus_seat_and_space_toggles_it(qtbot, seat_map: SeatMap) -> None:
    seat_map.setFocus()
    qtbot.keyClick(seat_map, Qt.Key.Key_Right)  # the first key puts the focus on the first visible seat
    assert seat_map.focus_ticket_id() == "A-1-1"
    qtbot.keyClick(seat_map, Qt.Key.Key_Right)
    qtbot.keyClick(seat_map, Qt.Key.Key_Down)
    assert seat_map.focus_ticket_id() == "A-2-2"
    qtbot.keyClick(seat_map, Qt.Key.Key_Space)
    assert seat_map.selected_ticket_ids() == ["A-2-2"]
    qtbot.keyClick(seat_map, Qt.Key.Key_Right)
    qtbot.keyClick(seat_map, Qt.Key.Key_Return)  # A-2-3 is sold: nothing happens
    assert seat_map.selected_ticket_ids() == ["A-2-2"]
    qtbot.keyClick(seat_map, Qt.Key.Key_Space)
    qtbot.keyClick(seat_map, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(seat_map, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert seat_map.selected_ticket_ids() == ["A-2-2", "A-2-4", "A-2-5"]
    for _ in range(5):
        qtbot.keyClick(seat_map, Qt.Key.Key_Down)  # row 3, then into zone B, then it stays on the last row
    assert seat_map.focus_ticket_id() == "B-2-5"
    for _ in range(20):
        qtbot.keyClick(seat_map, Qt.Key.Key_Left)
    assert seat_map.focus_ticket_id() == "B-2-1"


def test_plus_minus_zoom_and_home_fits(qtbot, seat_map: SeatMap) -> None:
    fitted = seat_map.zoom
    seat_map.setFocus()
    qtbot.keyClick(seat_map, Qt.Key.Key_Minus)
    assert seat_map.zoom < fitted
    qtbot.keyClick(seat_map, Qt.Key.Key_Plus)
    qtbot.keyClick(seat_map, Qt.Key.Key_Plus)
    assert seat_map.zoom > fitted
    qtbot.keyClick(seat_map, Qt.Key.Key_Home)
    assert seat_map.zoom == pytest.approx(fitted)


# -- levels of detail and the minimap ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def stadium_seats() -> list[SeatInfo]:
    return demo_venue(100_000)


@pytest.fixture
def stadium(qtbot, stadium_seats: list[SeatInfo]) -> SeatMap:
    widget = SeatMap()
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_seats(stadium_seats)
    widget.fit()
    return widget


def test_a_100000_seat_map_builds_and_paints(stadium: SeatMap) -> None:
    assert len(stadium._layout) == 100_000
    assert sum(total for _free, total in stadium.zone_counts().values()) == 100_000
    assert not stadium.grab().isNull()
    stadium.zoom_to(1.0, QPointF(2000, 2000))
    assert not stadium.grab().isNull()


def test_level_of_detail_follows_the_zoom(qtbot, stadium: SeatMap) -> None:
    assert stadium.detail_level() == "blocks"  # the whole stadium fits: zones and blocks with free counts
    assert stadium.detail_level(zoom=0.4) == "seats"
    assert stadium.detail_level(zoom=1.0) == "numbers"
    assert not stadium.overview.isVisible()  # everything is on screen already
    target = stadium.visible_map_rect().center()
    qtbot.mouseClick(stadium.viewport(), Qt.MouseButton.LeftButton, pos=stadium.to_view(target).toPoint())
    assert stadium.detail_level() == "numbers"  # a click on the zoomed-out map zooms in there, selects nothing
    assert stadium.selected_ticket_ids() == []
    assert stadium.visible_map_rect().contains(target)
    assert stadium.overview.isVisible()


def test_a_zoomed_out_drag_zooms_to_the_band_instead_of_selecting_thousands(qtbot, stadium: SeatMap) -> None:
    drag(qtbot, stadium, QPoint(100, 100), QPoint(160, 140))
    assert stadium.selected_ticket_ids() == []
    assert stadium.detail_level() != "blocks"


def test_minimap_click_jumps_there(qtbot, stadium: SeatMap) -> None:
    stadium.zoom_to(1.0, QPointF(0, 0))
    overview = stadium.overview
    assert overview.isVisible()
    spot = QPoint(overview.width() // 2, overview.height() // 2)
    target = overview.to_map(QPointF(spot))
    qtbot.mouseClick(overview, Qt.MouseButton.LeftButton, pos=spot)
    centre = stadium.visible_map_rect().center()
    assert abs(centre.x() - target.x()) < 2 and abs(centre.y() - target.y()) < 2


# -- incremental updates -------------------------------------------------------------------------------------------


def test_a_sale_repaints_only_its_seats(qtbot, stadium: SeatMap, monkeypatch) -> None:
    stadium.zoom_to(1.0, QPointF(1500, 1200))
    stadium.repaint()
    QApplication.processEvents()  # the zoom's own full repaint is done before recording starts
    area = stadium.visible_map_rect()
    layout = stadium._layout
    visible_free = [layout.ticket_ids[i] for i in layout.seats_in(area.left(), area.top(), area.right(),
                                                                   area.bottom()) if layout.state[i] == 0]
    sold = [visible_free[0], visible_free[40], visible_free[41]]
    requested = record_updates(stadium, monkeypatch)
    painted = PaintRecorder()
    stadium.viewport().installEventFilter(painted)
    stadium.update_seats(dict.fromkeys(sold, "sold"))
    qtbot.waitUntil(lambda: bool(painted.rects))
    assert len(requested) == 3
    for rect in requested:
        assert seats_under(stadium, rect) <= set(sold)
    assert set().union(*(seats_under(stadium, r) for r in requested)) == set(sold)
    asked = QRegion()
    for rect in requested:
        asked = asked.united(rect)
    for rect in painted.rects:  # what Qt really painted is inside what was asked for
        assert QRegion(rect).subtracted(asked).isEmpty()
    assert sum(r.width() * r.height() for r in painted.rects) < 0.02 * stadium.viewport().width() \
        * stadium.viewport().height()


def test_zoomed_out_a_sale_repaints_its_blocks_and_zone_caption(qtbot, stadium: SeatMap, monkeypatch) -> None:
    requested = record_updates(stadium, monkeypatch)
    ticket = stadium._layout.ticket_ids[stadium._layout.state.index(0)]
    stadium.update_seats({ticket: "sold"})
    block = stadium._layout.blocks[stadium._layout.seat_block[stadium._layout.index[ticket]]]
    caption = stadium._zone_label(block.zone)[0]
    block_view = QRectF(stadium.to_view(QPointF(block.x, block.y)),
                        stadium.to_view(QPointF(block.x + block.width, block.y + block.height)))
    assert len(requested) == 2
    assert requested[0].contains(block_view.toAlignedRect().adjusted(1, 1, -1, -1))
    assert requested[1].contains(caption.toAlignedRect())
    viewport = stadium.viewport().rect()
    assert all(r.width() * r.height() < viewport.width() * viewport.height() / 20 for r in requested)


def test_showing_the_same_seats_again_updates_only_what_differs(qtbot, seat_map: SeatMap, monkeypatch) -> None:
    seat_map.zoom_by(1.2)
    zoom = seat_map.zoom
    seat_map.set_selected({"A-1-1", "A-1-2"})
    requested = record_updates(seat_map, monkeypatch)
    reloaded = [SeatInfo(s.ticket_id, s.seat_id, s.row, s.zone, s.color,
                         "sold" if s.ticket_id in ("A-1-1", "A-3-3") else s.state) for s in small_venue()]
    seat_map.show_seats(reloaded, keep_selected={"A-1-1", "A-1-2"})
    assert seat_map.zoom == zoom  # no rebuild: the clerk keeps the view
    assert seat_map.selected_ticket_ids() == ["A-1-2"]
    assert set().union(*(seats_under(seat_map, r) for r in requested)) == {"A-1-1", "A-3-3"}


def test_a_new_event_replaces_the_map(seat_map: SeatMap) -> None:
    seat_map.set_selected({"A-1-1"})
    seat_map.show_seats(demo_venue(500, event="EV2"))
    assert seat_map.selected_ticket_ids() == [] and seat_map.seat("A-1-1") is None
    assert len(seat_map._layout) == 500


# -- in the window ---------------------------------------------------------------------------------------------------


def test_after_a_sale_the_window_repaints_the_sold_seats_without_rebuilding(qtbot, tmp_path, monkeypatch) -> None:
    from boxoffice.core.payments import PaymentRequest
    from boxoffice.ui.main_window import MainWindow
    from tests.gui.window_helpers import settle
    from tests.helpers.demo_inventory import backend_for, seed_store

    store = seed_store(tmp_path / "terminal.sqlite3")
    try:
        window = MainWindow(backend_for(store))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        settle(qtbot, window)
        seat_map = window.seat_map
        # a fixed zoom (numbered seats, 24 px): what fit() picks depends on the window size the platform gave
        seat_map.zoom_to(24.0, seat_map.to_map(QPointF(seat_map.seat_center("EVDEMO-VIP1"))))
        free_before = window.zone_rows["VIP"].available
        seat_map.set_selected({"EVDEMO-VIP1", "EVDEMO-VIP2"})
        rebuilt: list[object] = []
        monkeypatch.setattr(seat_map, "show_seats", lambda *args, **kwargs: rebuilt.append(args))
        # after a sale the window hands the map the keyboard focus; whether that paints a focus ring now depends
        # on which window the platform has active (test order), and it is not the sale's repaint
        monkeypatch.setattr(seat_map, "setFocus", lambda *args: None)
        touched: list[set[str]] = []
        record_updates(seat_map, monkeypatch, touched)
        with qtbot.waitSignal(window.sale_completed, timeout=10000):
            window.complete_sale([PaymentRequest("cash", tendered_cents=20000)])
        assert rebuilt == []
        assert seat_map.state_of("EVDEMO-VIP1") == seat_map.state_of("EVDEMO-VIP2") == "sold"
        assert touched and set().union(*touched) == {"EVDEMO-VIP1", "EVDEMO-VIP2"}
        assert window.zone_rows["VIP"].available == free_before - 2
        assert window.cart.is_empty() and seat_map.selected_ticket_ids() == []
    finally:
        window.close()
        store.close()


def test_hovering_a_seat_names_it(qtbot, seat_map: SeatMap) -> None:
    from PySide6.QtGui import QHelpEvent

    from boxoffice.ui.qt import QToolTip

    pos = seat_map.seat_center("B-1-4")
    QApplication.sendEvent(seat_map.viewport(), QHelpEvent(QEvent.Type.ToolTip, pos,
                                                            seat_map.viewport().mapToGlobal(pos)))
    assert QToolTip.text() == "4 · B · R1"


def test_seats_off_screen_ask_for_no_repaint_and_a_big_pull_asks_for_one(qtbot, stadium: SeatMap,
                                                                         monkeypatch) -> None:
    stadium.zoom_to(1.0, QPointF(0, 0))
    requested = record_updates(stadium, monkeypatch)
    layout = stadium._layout
    far = layout.ticket_ids[-1]  # the last seat of the smallest zone, far from the top-left corner
    assert stadium.update_seats({far: "sold"}) == [far]
    assert requested == []
    area = stadium.visible_map_rect()
    on_screen = [layout.ticket_ids[i] for i in layout.seats_in(area.left(), area.top(), area.right(),
                                                                area.bottom())]
    pulled = dict.fromkeys(layout.ticket_ids[:5000], "withdrawn")
    stadium.update_seats(pulled)
    assert len(on_screen) > 300 and requested == [stadium.viewport().rect()]
    assert all(stadium.state_of(t) == "withdrawn" for t in on_screen if t in pulled)
