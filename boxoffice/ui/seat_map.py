"""The seat map widget: one scroll area that paints the event's seats from compact arrays, for what is visible.

A stadium event has 100,000 seats; one Qt item per seat took seconds to build and a second to repaint. Here the
seats live in :class:`~boxoffice.ui.seat_map_layout.SeatLayout` arrays, painting asks the layout's spatial index
for the exposed area only, and a change of a few seats (a sale, a void, a return) repaints just their
rectangles. The widget knows ticket ids and states only: callers read the database and hand the results in.

Mouse: a click toggles a free seat (touch screens have no Ctrl), Shift+click adds the free seats between the
last clicked seat and this one, a drag draws a rubber band that adds the free seats in it (Ctrl+drag takes them
out); zoomed out, a click or a drag zooms in there instead. Middle drag pans, Ctrl+wheel zooms.
Keyboard: arrows move the focus seat (Shift+arrows also select), Space/Enter toggles it, +/- zoom, Home fits.

For callers (the window, benchmarks, a change hub): ``show_seats(seats, keep_selected=None)`` for an event,
``update_seats({ticket_id: state})`` after a sale, void, return or pull, ``set_selected(ids)`` / ``toggle(id)``,
``zoom_by(factor)`` / ``zoom_to(zoom, map_point)`` / ``center_on(map_point)`` / ``scroll_by(dx, dy)`` / ``fit()``,
and ``selection_changed(list[str])``; ``detail_level()``, ``seat(id)``, ``state_of(id)``, ``zone_counts()`` and
``seat_view_rect(id)`` answer questions about what is shown.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from boxoffice.services.catalog import SeatInfo
from boxoffice.ui.qt import (
    QAbstractScrollArea,
    QApplication,
    QColor,
    QEvent,
    QFontMetrics,
    QLocale,
    QPainter,
    QPen,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QToolTip,
    Signal,
)
from boxoffice.ui.seat_map_layout import AVAILABLE, OTHER, SEAT, STATE_CODES, STATE_NAMES, SeatLayout
from boxoffice.ui.seat_map_overview import SeatMapOverview
from boxoffice.ui.seat_map_paint import BLOCKS, NUMBERS, SeatPainter, caption_font, detail_for

MAX_ZOOM = 5.0
FIT_MAX_ZOOM = 2.5  # few seats: do not blow them up to the size of a door
TOUCH_SEAT_PX = 28.0  # a seat a finger can hit: the opening view and a tap on the zoomed-out map show at least this
TOUCH_ZOOM = TOUCH_SEAT_PX / SEAT
SEAT_ZOOM = TOUCH_ZOOM  # where a tap on the zoomed-out map takes the clerk: numbered seats, touch-sized
OVERVIEW_MARGIN = 8
MAX_PAINT_RECTS = 32  # more exposed rectangles than this are painted as their bounding box
MAX_UPDATE_RECTS = 300  # more seats changed on screen than this: one repaint of the view


class SeatMap(QAbstractScrollArea):
    """Emits ``selection_changed`` with the selected ticket ids (sorted) whenever the clerk picks or drops seats."""

    selection_changed = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("seatMap")
        self.setAccessibleName(self.tr("Seat map"))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self._layout = SeatLayout([])
        self._colors: list[QColor] = []
        self._selected: set[int] = set()
        self._focus: int | None = None
        self._anchor: int | None = None
        self._zoom = 1.0
        # the view resizes keep: "opening" (reset_view), "fit", or None once the clerk zoomed or scrolled
        self._auto_view: str | None = "opening"
        self._placing = False  # scroll bars moved by the map itself, not by the clerk
        self._wanted = QPointF(0, 0)  # the map point the view's top left was put on (kept through resizes)
        self._press: tuple[QPoint, Qt.MouseButton, Qt.KeyboardModifier] | None = None
        self._band: QRect | None = None
        self._pan_from: QPoint | None = None
        self.overview = SeatMapOverview(self, self.visible_map_rect, self.center_on)
        self.overview.hide()

    # -- content -------------------------------------------------------------------------------------------------

    def show_seats(self, seats: list[SeatInfo], keep_selected: Iterable[str] | None = None) -> None:
        """Show an event's seats. The same seats again (a reload) only update the states that differ."""
        keep = set(keep_selected) if keep_selected is not None else set(self.selected_ticket_ids())
        layout = self._layout
        if len(layout) and layout.same_seats(seats):
            state = layout.state
            index = layout.index
            self._apply({s.ticket_id: s.state for s in seats
                         if state[index[s.ticket_id]] != STATE_CODES.get(s.state, OTHER)})
            self.set_selected(keep)
            return
        self._layout = layout = SeatLayout(seats)
        self._colors = [QColor(zone.color) for zone in layout.zones]
        self._selected = {i for i in (layout.index.get(t) for t in keep)
                          if i is not None and layout.state[i] == AVAILABLE}
        self._focus = self._anchor = None
        self.overview.set_layout(layout, self._colors)
        self._apply_auto_view()
        self.viewport().update()
        self.selection_changed.emit(self.selected_ticket_ids())

    def update_seats(self, changes: Mapping[str, str]) -> list[str]:
        """Set new states (ticket id -> state) and repaint only those seats; returns the ids that changed.

        Ids not on this map are ignored (another event's tickets). A selected seat that is no longer free leaves
        the selection, and ``selection_changed`` is emitted once.
        """
        before = len(self._selected)
        changed = self._apply(changes)
        if len(self._selected) != before:
            self.selection_changed.emit(self.selected_ticket_ids())
        return changed

    def _apply(self, changes: Mapping[str, str]) -> list[str]:
        layout, changed, seats = self._layout, [], []
        for ticket_id, state in changes.items():
            i = layout.index.get(ticket_id)
            if i is None or not layout.set_state(i, STATE_CODES.get(state, OTHER)):
                continue
            changed.append(ticket_id)
            seats.append(i)
            if state != "available":
                self._selected.discard(i)
        if seats:
            self._repaint_seats(seats)
            self.overview.seats_changed(layout.seat_block[i] for i in seats)
        return changed

    def seat(self, ticket_id: str) -> SeatInfo | None:
        """What the map knows of a ticket's seat (zone, row, state), or None when it is not on the map."""
        i = self._layout.index.get(ticket_id)
        return None if i is None else self._layout.seat_info(i)

    def state_of(self, ticket_id: str) -> str | None:
        i = self._layout.index.get(ticket_id)
        return None if i is None else STATE_NAMES[self._layout.state[i]]

    def zone_counts(self) -> dict[str, tuple[int, int]]:
        """Free and total seats per zone, as the map shows them."""
        return {zone.name: (zone.free, zone.total) for zone in self._layout.zones}

    # -- selection -----------------------------------------------------------------------------------------------

    def selected_ticket_ids(self) -> list[str]:
        ids = self._layout.ticket_ids
        return sorted(ids[i] for i in self._selected)

    def set_selected(self, ticket_ids: Iterable[str]) -> None:
        """Select exactly these seats (those that are free) and emit ``selection_changed``."""
        layout = self._layout
        wanted = {i for i in (layout.index.get(t) for t in ticket_ids)
                  if i is not None and layout.state[i] == AVAILABLE}
        self._repaint_seats(wanted ^ self._selected)
        self._selected = wanted
        self.selection_changed.emit(self.selected_ticket_ids())

    def toggle(self, ticket_id: str) -> bool:
        """Toggle one free seat as a click would; False when it is not free (or not on the map)."""
        i = self._layout.index.get(ticket_id)
        return i is not None and self._toggle(i)

    def _toggle(self, i: int) -> bool:
        if self._layout.state[i] != AVAILABLE:
            return False
        self._selected.symmetric_difference_update((i,))
        self._repaint_seats((i,))
        self.selection_changed.emit(self.selected_ticket_ids())
        return True

    def _add_or_remove(self, seats: Iterable[int], remove: bool) -> None:
        state = self._layout.state
        touched = {i for i in seats if state[i] == AVAILABLE and (i in self._selected) == remove}
        if not touched:
            return
        if remove:
            self._selected -= touched
        else:
            self._selected |= touched
        self._repaint_seats(touched)
        self.selection_changed.emit(self.selected_ticket_ids())

    # -- geometry ------------------------------------------------------------------------------------------------

    def detail_level(self, zoom: float | None = None) -> str:
        """What the map draws at ``zoom`` (default: now): ``blocks``, ``seats`` or ``numbers``."""
        return detail_for(self._zoom if zoom is None else zoom)

    @property
    def zoom(self) -> float:
        return self._zoom

    def _origin(self) -> QPointF:
        """Viewport position of map point (0, 0) negated: a map that is smaller than the view is centred."""
        view = self.viewport().size()
        width, height, _minimap = self._extent()
        x = self.horizontalScrollBar().value() if width > view.width() else -(view.width() - width) / 2
        y = self.verticalScrollBar().value() if height > view.height() else -(view.height() - height) / 2
        return QPointF(x, y)

    def to_view(self, point: QPointF) -> QPointF:
        return point * self._zoom - self._origin()

    def to_map(self, point: QPointF) -> QPointF:
        return (point + self._origin()) / self._zoom

    def visible_map_rect(self) -> QRectF:
        """The part of the map on screen, in map units."""
        size = self.viewport().size()
        return QRectF(self.to_map(QPointF(0, 0)), self.to_map(QPointF(size.width(), size.height())))

    def seat_view_rect(self, ticket_id: str) -> QRect:
        """Where a seat is drawn in viewport pixels (for tests and tools that click it)."""
        return self._seat_view_rect(self._layout.index[ticket_id], margin=0)

    def seat_center(self, ticket_id: str) -> QPoint:
        return self.seat_view_rect(ticket_id).center()

    def _seat_view_rect(self, i: int, margin: int | None = None) -> QRect:
        """Viewport pixels of seat ``i``; with the default margin, all it may draw (focus frame 2.5 units out,
        a 2 px pen, antialiasing) and not a pixel of its neighbours' squares."""
        x, y, w, h = self._layout.seat_rect(i)
        z, origin = self._zoom, self._origin()
        if margin is not None:
            return QRectF(x * z - origin.x(), y * z - origin.y(), w * z, h * z).toAlignedRect() \
                .adjusted(-margin, -margin, margin, margin)
        out = 2.5 * z + 2
        return QRectF(x * z - origin.x() - out, y * z - origin.y() - out, w * z + 2 * out,
                      h * z + 2 * out).toAlignedRect()

    def _zone_label(self, z: int) -> tuple[QRectF, str]:
        """The zoomed-out caption of zone ``z``: its name and free count, centred on the zone."""
        zone = self._layout.zones[z]
        locale = QLocale()
        text = self.tr("{zone} · %Ln free of {total}", "", zone.free).format(
            zone=zone.name, total=locale.toString(zone.total))
        metrics = QFontMetrics(caption_font(self.font()))
        width, height = metrics.horizontalAdvance(text) + 16, metrics.height() + 8
        centre = self.to_view(QPointF(zone.x + zone.width / 2, zone.y + zone.height / 2))
        if width <= zone.width * self._zoom:
            return QRectF(centre.x() - width / 2, centre.y() - height / 2, width, height), text
        # a zone narrower than its caption (a box of 40 seats beside stands of 20,000): a short caption that
        # starts at the zone's left edge and runs into the space on its right, never over the zone on its left
        text = self.tr("{zone} · {free}").format(zone=zone.name, free=locale.toString(zone.free))
        width = metrics.horizontalAdvance(text) + 16
        left = self.to_view(QPointF(zone.x, zone.y)).x()
        return QRectF(left, centre.y() - height / 2, width, height), text

    def _repaint_seats(self, seats: Iterable[int]) -> None:
        """Ask Qt to repaint these seats (zoomed out: their blocks and zone captions), only those on screen.
        So many rectangles that Qt would spend longer merging them than painting (a pull) are one repaint."""
        layout, view = self._layout, self.viewport().rect()
        if self.detail_level() == BLOCKS:
            blocks = {layout.seat_block[i] for i in seats}
            rects = [self._view_rect(QRectF(b.x, b.y, b.width, b.height)) for b in map(layout.blocks.__getitem__,
                                                                                          blocks)]
            rects += [self._zone_label(z)[0].toAlignedRect().adjusted(-2, -2, 2, 2)
                      for z in {layout.blocks[b].zone for b in blocks}]
        else:
            rects = [self._seat_view_rect(i) for i in seats]
        rects = [r for r in rects if r.intersects(view)]
        if len(rects) > MAX_UPDATE_RECTS:
            self._request_update(view)
            return
        for rect in rects:
            self._request_update(rect)

    def _view_rect(self, area: QRectF) -> QRect:
        z, origin = self._zoom, self._origin()
        return QRectF(area.left() * z - origin.x(), area.top() * z - origin.y(),
                      area.width() * z, area.height() * z).toAlignedRect().adjusted(-1, -1, 1, 1)

    def _request_update(self, rect: QRect) -> None:
        """Every partial repaint goes through here (the tests record them)."""
        self.viewport().update(rect)

    # -- zoom and scroll -----------------------------------------------------------------------------------------

    def _fit_zoom(self) -> float:
        view = self.viewport().size()
        if not self._layout.width or not self._layout.height:
            return 1.0
        return min(view.width() / self._layout.width, view.height() / self._layout.height)

    def _min_zoom(self) -> float:
        return min(0.2, self._fit_zoom())

    def fit(self) -> None:
        """Show the whole venue (Home, the Fit button)."""
        self._auto_view = "fit"
        self._set_zoom(min(FIT_MAX_ZOOM, self._fit_zoom()), None)

    def reset_view(self) -> None:
        """The view an event opens with: the whole venue when its seats are touch-sized there, or so many that
        it shows blocks (a tap on one zooms to touch-sized seats); otherwise touch-sized seats from the top left,
        the minimap showing where the rest is. Kept across resizes until the clerk zooms or scrolls."""
        self._auto_view = "opening"
        fit = self._fit_zoom()
        if fit >= TOUCH_ZOOM or detail_for(fit) == BLOCKS:
            self._set_zoom(min(FIT_MAX_ZOOM, fit), None)
            return
        self._set_zoom(TOUCH_ZOOM, None)
        self._scroll_to(QPointF(0, 0))

    def zoom_by(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom keeping the map point under ``anchor`` (viewport pixels; default the centre) where it is."""
        self._auto_view = None
        self._set_zoom(max(self._min_zoom(), min(MAX_ZOOM, self._zoom * factor)), anchor)

    def zoom_to(self, zoom: float, map_point: QPointF) -> None:
        """Zoom to ``zoom`` and centre the map on ``map_point``."""
        self._auto_view = None
        self._set_zoom(max(self._min_zoom(), min(MAX_ZOOM, zoom)), None)
        self.center_on(map_point)

    def _set_zoom(self, zoom: float, anchor: QPointF | None) -> None:
        size = self.viewport().size()
        anchor = anchor if anchor is not None else QPointF(size.width() / 2, size.height() / 2)
        fixed = self.to_map(anchor)
        self._zoom = zoom
        self._relayout()
        self._scroll_to(fixed * zoom - anchor)
        self.viewport().update()

    def center_on(self, map_point: QPointF) -> None:
        self._auto_view = None
        size = self.viewport().size()
        self._scroll_to(map_point * self._zoom - QPointF(size.width() / 2, size.height() / 2))

    def scroll_by(self, dx: int, dy: int) -> None:
        """Pan by viewport pixels."""
        self._auto_view = None
        self._scroll_to(QPointF(self.horizontalScrollBar().value() + dx, self.verticalScrollBar().value() + dy))

    def reveal(self, ticket_id: str) -> None:
        """Scroll the seat into view (a search result, a test about to tap it); the zoom stays."""
        i = self._layout.index.get(ticket_id)
        if i is not None:
            self.ensure_visible(i)

    def _scroll_to(self, origin: QPointF, remember: bool = True) -> None:
        placing, self._placing = self._placing, True
        try:
            self.horizontalScrollBar().setValue(round(origin.x()))
            self.verticalScrollBar().setValue(round(origin.y()))
        finally:
            self._placing = placing
        if remember:
            self._remember_origin()

    def _remember_origin(self) -> None:
        self._wanted = QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value()) / self._zoom

    def _extent(self) -> tuple[int, int, bool]:
        """The scrollable size in pixels and whether the minimap shows: the zoomed map, with room below it for
        the minimap when it shows, so no seat stays under it (scroll down and the corner comes out)."""
        view = self.viewport().size()
        self.overview.fit_within(QSize(view.width() // 3, view.height() // 4))
        width = math.ceil(self._layout.width * self._zoom)
        height = math.ceil(self._layout.height * self._zoom)
        minimap = bool(len(self._layout)) and (width > view.width() or height > view.height())
        if minimap:
            height += self.overview.height() + 2 * OVERVIEW_MARGIN
        return width, height, minimap

    def _relayout(self) -> None:
        """Scroll bar ranges for the zoomed map; the minimap shows when the map does not fit."""
        view = self.viewport().size()
        width, height, minimap = self._extent()
        placing, self._placing = self._placing, True
        try:
            for bar, extent, page in ((self.horizontalScrollBar(), width, view.width()),
                                      (self.verticalScrollBar(), height, view.height())):
                bar.setRange(0, max(0, extent - page))
                bar.setPageStep(page)
                bar.setSingleStep(max(8, round(SEAT * self._zoom)))
        finally:
            self._placing = placing
        self.overview.setVisible(minimap)
        self._place_overview()

    def _place_overview(self) -> None:
        view = self.viewport().geometry()
        self.overview.move(view.right() - self.overview.width() - OVERVIEW_MARGIN,
                           view.bottom() - self.overview.height() - OVERVIEW_MARGIN)
        self.overview.raise_()
        self.overview.update()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        if not self._placing:  # the clerk moved a scroll bar or the wheel: this view is theirs now
            self._auto_view = None
            self._remember_origin()
        self.viewport().update()
        self.overview.update()

    def ensure_visible(self, i: int) -> None:
        rect = self._seat_view_rect(i)
        view = self.viewport().rect().adjusted(20, 20, -20, -20)
        dx = min(0, rect.left() - view.left()) or max(0, rect.right() - view.right())
        dy = min(0, rect.top() - view.top()) or max(0, rect.bottom() - view.bottom())
        if dx or dy:
            self.scroll_by(dx, dy)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._apply_auto_view()

    def _apply_auto_view(self) -> None:
        """Redo the automatic view (opening or fit) for a new size or layout; the clerk's own view only gets
        new scroll ranges (a banner appearing after a sale must not move the map)."""
        if self._auto_view == "opening":
            self.reset_view()
        elif self._auto_view == "fit":
            self.fit()
        else:  # back where the clerk put it, should a moment of more room have pulled the scroll bars in
            self._relayout()
            self._scroll_to(self._wanted * self._zoom, remember=False)

    # -- painting ------------------------------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        """Paint each exposed rectangle on its own: a sale's few seats far apart are a few small paints."""
        painter = QPainter(self.viewport())
        region = event.region()
        rects = list(region) if region.rectCount() <= MAX_PAINT_RECTS else [region.boundingRect()]
        seat_painter = SeatPainter(self._layout, self._zoom, self._origin(), self._colors)
        for rect in rects:
            painter.save()
            painter.setClipRect(rect)
            painter.fillRect(rect, QColor("#ffffff"))
            area = QRectF(self.to_map(QPointF(rect.topLeft())),
                          self.to_map(QPointF(rect.bottomRight()) + QPointF(1, 1)))
            seat_painter.paint(painter, area, self._selected, self._focus, self._zone_label)
            painter.restore()
        if self._band is not None:
            painter.setPen(QPen(QColor("#1565c0"), 1, Qt.PenStyle.DashLine))
            painter.setBrush(QColor(21, 101, 192, 40))
            painter.drawRect(self._band)
        painter.end()

    # -- mouse ---------------------------------------------------------------------------------------------------

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:  # seat, zone and row under the pointer, as the old map had
            point = self.to_map(QPointF(event.pos()))
            i = None if self.detail_level() == BLOCKS else self._layout.seat_at(point.x(), point.y())
            if i is None:
                QToolTip.hideText()
                event.ignore()
            else:
                seat = self._layout.seat_info(i)
                QToolTip.showText(event.globalPos(), f"{seat.seat_id} · {seat.zone}"
                                  + (f" · {seat.row}" if seat.row else ""), self.viewport())
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:
        pos = event.position().toPoint()
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = pos
        elif event.button() == Qt.MouseButton.LeftButton:
            self._press = (pos, event.button(), event.modifiers())
        event.accept()

    def mouseMoveEvent(self, event) -> None:
        pos = event.position().toPoint()
        if self._pan_from is not None:
            delta = self._pan_from - pos
            self._pan_from = pos
            self.scroll_by(delta.x(), delta.y())
        elif self._press is not None and self._dragged(pos):
            old = self._band
            self._band = QRect(self._press[0], pos).normalized()
            self._request_update((self._band if old is None else old.united(self._band)).adjusted(-2, -2, 2, 2))
        event.accept()

    def mouseReleaseEvent(self, event) -> None:
        pos = event.position().toPoint()
        if event.button() == Qt.MouseButton.MiddleButton:
            self._pan_from = None
        elif event.button() == Qt.MouseButton.LeftButton and self._press is not None:
            start, _button, modifiers = self._press
            self._press = None
            if self._band is not None:
                self._request_update(self._band.adjusted(-2, -2, 2, 2))
                self._band = None
            if self._dragged(pos, start):
                self._band_done(QRect(start, pos).normalized(), modifiers)
            else:
                self._clicked(pos, modifiers)
        event.accept()

    def _dragged(self, pos: QPoint, start: QPoint | None = None) -> bool:
        start = start if start is not None else self._press[0]
        return (pos - start).manhattanLength() >= QApplication.startDragDistance()

    def _band_done(self, band: QRect, modifiers: Qt.KeyboardModifier) -> None:
        top_left, bottom_right = self.to_map(QPointF(band.topLeft())), self.to_map(QPointF(band.bottomRight()))
        if self.detail_level() == BLOCKS:  # thousands of seats in a band: a zoomed-out drag zooms in there
            area = QRectF(top_left, bottom_right)
            view = self.viewport().size()
            zoom = min(view.width() / max(area.width(), 1.0), view.height() / max(area.height(), 1.0))
            self.zoom_to(zoom, area.center())
            return
        seats = self._layout.seats_in(top_left.x(), top_left.y(), bottom_right.x(), bottom_right.y())
        self._add_or_remove(seats, remove=bool(modifiers & Qt.KeyboardModifier.ControlModifier))

    def _clicked(self, pos: QPoint, modifiers: Qt.KeyboardModifier) -> None:
        point = self.to_map(QPointF(pos))
        if self.detail_level() != NUMBERS:  # blocks, or seats too small to hit: zoom to touch-sized seats there
            self.zoom_to(max(SEAT_ZOOM, self._zoom), point)
            return
        i = self._layout.seat_at(point.x(), point.y())
        if i is None:
            return
        if modifiers & Qt.KeyboardModifier.ShiftModifier and self._anchor is not None:
            self._select_between(self._anchor, i)
        else:
            self._toggle(i)
            self._anchor = i
        self._move_focus(i)

    def _select_between(self, a: int, b: int) -> None:
        ax, ay, _w, _h = self._layout.seat_rect(a)
        bx, by, _w, _h = self._layout.seat_rect(b)
        x0, x1 = min(ax, bx), max(ax, bx) + SEAT
        y0, y1 = min(ay, by), max(ay, by) + SEAT
        self._add_or_remove(self._layout.seats_in(x0, y0, x1, y1), remove=False)

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15, event.position())
            event.accept()
        else:
            super().wheelEvent(event)

    # -- keyboard ------------------------------------------------------------------------------------------------

    def keyPressEvent(self, event) -> None:
        key, modifiers = event.key(), event.modifiers()
        steps = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in steps and len(self._layout):
            self._step(*steps[key], extend=bool(modifiers & Qt.KeyboardModifier.ShiftModifier))
        elif key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._focus is not None:
            self._toggle(self._focus)
            self._anchor = self._focus
        elif key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(1.25, self._focus_anchor())
        elif key == Qt.Key.Key_Minus:
            self.zoom_by(0.8, self._focus_anchor())
        elif key == Qt.Key.Key_Home:
            self.fit()
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focus_ticket_id(self) -> str | None:
        return None if self._focus is None else self._layout.ticket_ids[self._focus]

    def _focus_anchor(self) -> QPointF | None:
        return None if self._focus is None else QPointF(self._seat_view_rect(self._focus, margin=0).center())

    def _step(self, dx: int, dy: int, extend: bool) -> None:
        if self._focus is None:
            area = self.visible_map_rect()
            start = next(iter(self._layout.seats_in(area.left(), area.top(), area.right(), area.bottom())), 0)
            target = start
        else:
            target = self._layout.neighbour(self._focus, dx, dy)
        if extend:
            self._add_or_remove([i for i in (self._focus, target) if i is not None], remove=False)
        self._move_focus(target)

    def _move_focus(self, i: int) -> None:
        if self.detail_level() == BLOCKS:  # keyboard work needs seats to look at
            x, y, w, h = self._layout.seat_rect(i)
            self.zoom_to(SEAT_ZOOM, QPointF(x + w / 2, y + h / 2))
        old, self._focus = self._focus, i
        if old is not None:
            self._repaint_seats((old,))
        self.ensure_visible(i)
        self._repaint_seats((i,))
