"""The seat map for fingers: the opening view has touch-sized seats (or blocks, where a tap zooms in), the
clerk's view survives a sale, a pull and a return, the minimap never hides a seat for good, and a small zone's
zoomed-out caption stays off its neighbours."""

from __future__ import annotations

import pytest

from boxoffice.central.seed import OFFICE_SHARES, ZONES, row_label
from boxoffice.core.changes import Changes
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.catalog import SeatInfo
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QPoint, QPointF, QRectF, Qt
from boxoffice.ui.seat_map import TOUCH_SEAT_PX, SeatMap
from boxoffice.ui.seat_map_demo import demo_venue
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import backend_for, seed_store


def demo_share() -> list[SeatInfo]:
    """The 300 seats ``scripts/demo`` gives Taquilla Norte, as its terminal holds them."""
    share = OFFICE_SHARES["office_taquilla_norte"]
    return [SeatInfo(f"T-{z.prefix}{n}", f"{z.prefix}{n}", row_label((n - 1) // z.seats_per_row), z.name, z.color,
                     "available")
            for z in ZONES for n in range(share[z.name][0], share[z.name][1] + 1)]


def _map(qtbot, seats: list[SeatInfo], width: int, height: int) -> SeatMap:
    widget = SeatMap()
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    widget.show_seats(seats)
    widget.reset_view()
    return widget


def _seat_px(seat_map: SeatMap, ticket_id: str) -> int:
    return min(seat_map.seat_view_rect(ticket_id).width(), seat_map.seat_view_rect(ticket_id).height())


@pytest.mark.parametrize(("width", "height"), [(640, 430), (560, 470)])  # the map's room at 1280x800, 1024x768
def test_the_demo_event_opens_with_seats_a_finger_can_hit(qtbot, width: int, height: int) -> None:
    seat_map = _map(qtbot, demo_share(), width, height)
    assert seat_map.detail_level() == "numbers"
    assert _seat_px(seat_map, "T-GEN101") >= TOUCH_SEAT_PX - 1  # ~28 px, not the 12-15 px of the whole venue
    assert seat_map.overview.isVisible()  # the rest of the venue is one swipe away, and shown in the corner
    assert seat_map.visible_map_rect().topLeft() == QPointF(0, 0)
    seat_map.fit()  # the Fit button still shows the whole venue, small
    assert _seat_px(seat_map, "T-GEN101") < TOUCH_SEAT_PX - 5


def test_a_stadium_opens_as_blocks_and_a_tap_zooms_to_touch_sized_seats(qtbot) -> None:
    seat_map = _map(qtbot, demo_venue(100_000), 780, 550)
    assert seat_map.detail_level() == "blocks"
    area = seat_map.visible_map_rect()
    assert area.width() >= seat_map._layout.width - 1 or area.height() >= seat_map._layout.height - 1  # all of it
    tapped = QPoint(200, 120)
    where = seat_map.to_map(QPointF(tapped))
    qtbot.mouseClick(seat_map.viewport(), Qt.MouseButton.LeftButton, pos=tapped)
    assert seat_map.detail_level() == "numbers" and seat_map.selected_ticket_ids() == []
    assert seat_map.visible_map_rect().contains(where)
    i = next(iter(seat_map._layout.seats_in(where.x() - 40, where.y() - 40, where.x() + 40, where.y() + 40)))
    assert _seat_px(seat_map, seat_map._layout.ticket_ids[i]) >= TOUCH_SEAT_PX - 1


def test_seats_too_small_to_hit_zoom_in_instead_of_being_picked(qtbot) -> None:
    seat_map = _map(qtbot, demo_venue(5_000), 780, 550)
    seat_map.zoom_to(0.4, QPointF(600, 400))  # single small squares
    assert seat_map.detail_level() == "seats"
    point = seat_map.to_view(QPointF(600, 400)).toPoint()
    qtbot.mouseClick(seat_map.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert seat_map.selected_ticket_ids() == [] and seat_map.detail_level() == "numbers"


def test_the_minimap_never_keeps_a_seat_hidden(qtbot) -> None:
    seat_map = _map(qtbot, demo_venue(100_000), 780, 550)
    seat_map.zoom_to(1.2, QPointF(0, 0))
    for bar in (seat_map.horizontalScrollBar(), seat_map.verticalScrollBar()):
        bar.setValue(bar.maximum())  # the bottom right corner, where the minimap sits
    under = QRectF(seat_map.overview.geometry().translated(-seat_map.viewport().geometry().topLeft()))
    top_left, bottom_right = seat_map.to_map(under.topLeft()), seat_map.to_map(under.bottomRight())
    assert seat_map.overview.isVisible()
    assert not list(seat_map._layout.seats_in(top_left.x(), top_left.y(), bottom_right.x(), bottom_right.y()))


def test_a_small_zone_caption_stays_off_the_other_zones(qtbot) -> None:
    seat_map = _map(qtbot, demo_venue(100_000), 780, 550)
    layout = seat_map._layout
    zones = [seat_map._view_rect(QRectF(z.x, z.y, z.width, z.height)) for z in layout.zones]
    for z in range(len(layout.zones)):
        caption, text = seat_map._zone_label(z)
        assert layout.zones[z].name in text
        others = [rect for k, rect in enumerate(zones) if k != z]
        assert not any(caption.toAlignedRect().intersects(rect.adjusted(1, 1, -1, -1)) for rect in others), text


@pytest.fixture
def window(qtbot, tmp_path):
    store = seed_store(tmp_path / "terminal.sqlite3")
    w = ready_window(qtbot, backend_for(store))
    w.resize(1024, 768)
    settle(qtbot, w)
    yield w
    store.close()


def _view(seat_map: SeatMap) -> tuple[float, int, int]:
    return seat_map.zoom, seat_map.horizontalScrollBar().value(), seat_map.verticalScrollBar().value()


def test_the_clerks_view_stays_across_a_sale_a_pull_and_a_return(qtbot, window: MainWindow) -> None:
    seat_map = window.seat_map
    bar = seat_map.verticalScrollBar()
    assert bar.maximum() > 0  # the opening view scrolls: touch-sized seats do not all fit at 1024x768
    bar.setValue(bar.maximum() // 2)  # the clerk swipes down, without zooming
    kept = _view(seat_map)
    assert not window.banner.isVisible()

    seat_map.toggle("EVDEMO-PRE1")
    with qtbot.waitSignal(window.sale_completed, timeout=10_000):
        window.complete_sale([PaymentRequest("cash", tendered_cents=10_000)])
    settle(qtbot, window)
    assert window.banner.isVisible()  # the banner took room from the map (a resize): the view is kept anyway
    assert _view(seat_map) == kept and seat_map.state_of("EVDEMO-PRE1") == "sold"

    hub = window.ctx.hub
    with qtbot.waitSignal(window.event_shown, timeout=10_000):  # a pull merged: events and seats read again
        hub.publish(Changes(inventory=True))
    settle(qtbot, window)
    assert _view(seat_map) == kept

    with qtbot.waitSignal(hub.seats_changed, timeout=10_000):  # a return: its seats are on their way back
        hub.publish(Changes(event_id="EVDEMO", seats={"EVDEMO-GEN1": "returning"}, outbox=True))
    assert seat_map.state_of("EVDEMO-GEN1") == "returning" and _view(seat_map) == kept
