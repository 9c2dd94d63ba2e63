"""Drawing the seat map from its arrays, for the part of the map a paint event exposes.

Three levels of detail, chosen by how big a seat is on screen: ``blocks`` (zones and blocks as coloured areas
with their free counts), ``seats`` (one small square per seat, batched by colour: thousands may be visible) and
``numbers`` (rounded seats, crosses on sold seats, ticks on selected ones, and numbers when they fit). Zone and row
names are drawn in screen pixels, so they stay readable while zooming.
A sold seat is dark with a cross, a seat on its way back to the platform is hatched, a withdrawn one is grey and
a selected one gets a thick outline, so a clerk tells them apart at arm's length and without relying on colour.
"""

from __future__ import annotations

from collections.abc import Collection

from boxoffice.ui.qt import QBrush, QColor, QFont, QPainter, QPen, QPointF, QRectF, Qt
from boxoffice.ui.seat_map_layout import (
    AVAILABLE,
    GAP,
    PITCH,
    RETURNED,
    RETURNING,
    ROW_LABEL_WIDTH,
    SEAT,
    SOLD,
    ZONE_TITLE,
    SeatLayout,
    seat_number,
)

BLOCKS, SEATS, NUMBERS = "blocks", "seats", "numbers"
SEATS_FROM_PX = 8.0  # seat pitch on screen from which single seats are drawn
NUMBERS_FROM_PX = 16.0  # ... and from which they are drawn whole: rounded, crosses, ticks, numbers if room
NUMBER_FONT = 10.0  # map units; numbers are left out below 7 px on screen
ROW_LABELS_FROM_PX = 14.0
SOLD_COLOR = QColor("#3b3f45")
CROSS_COLOR = QColor("#9aa0a6")
RETURNING_BASE = QColor("#eceff1")
RETURNING_HATCH = QBrush(QColor("#8d949b"), Qt.BrushStyle.BDiagPattern)
WITHDRAWN_COLOR = QColor("#cfd3d7")
SELECTED_COLOR = QColor("#111111")
FOCUS_COLOR = QColor("#1565c0")
LABEL_COLOR = QColor("#37474f")


def detail_for(zoom: float) -> str:
    pitch = PITCH * zoom
    return BLOCKS if pitch < SEATS_FROM_PX else SEATS if pitch < NUMBERS_FROM_PX else NUMBERS


def blend(color: QColor, other: QColor, t: float) -> QColor:
    """``color`` moved a fraction ``t`` towards ``other`` (a block's colour darkens as it sells out)."""
    return QColor.fromRgbF(color.redF() + (other.redF() - color.redF()) * t,
                           color.greenF() + (other.greenF() - color.greenF()) * t,
                           color.blueF() + (other.blueF() - color.blueF()) * t)


def ink_for(color: QColor) -> QColor:
    """Black or white, whichever reads better on ``color``."""
    luma = 0.299 * color.redF() + 0.587 * color.greenF() + 0.114 * color.blueF()
    return QColor("#111111") if luma > 0.6 else QColor("#ffffff")


class SeatPainter:
    """Paints one viewport frame: map units are scaled by ``zoom`` and shifted by the scroll ``origin``."""

    def __init__(self, layout: SeatLayout, zoom: float, origin: QPointF, zone_colors: list[QColor]) -> None:
        self.layout, self.zoom, self.origin, self.zone_colors = layout, zoom, origin, zone_colors

    def _to_map(self, painter: QPainter) -> None:
        painter.translate(-self.origin)
        painter.scale(self.zoom, self.zoom)

    def paint(self, painter: QPainter, area: QRectF, selected: Collection[int], focus: int | None,
              zone_label) -> None:
        """Paint the map-unit rectangle ``area``; ``zone_label(zone)`` gives a zone's zoomed-out caption."""
        level = detail_for(self.zoom)
        painter.save()
        self._to_map(painter)
        if level == BLOCKS:
            self._blocks(painter, area)
        else:
            seats = list(self.layout.seats_in(area.left(), area.top(), area.right(), area.bottom()))
            if level == SEATS:
                self._small_seats(painter, seats, selected)
            else:
                self._numbered_seats(painter, seats, selected)
            if focus is not None:
                self._focus(painter, focus)
        painter.restore()
        if level == BLOCKS:
            self._block_counts(painter, area)
            self._zone_captions(painter, area, zone_label)
        else:
            self._zone_titles(painter, area)
            if PITCH * self.zoom >= ROW_LABELS_FROM_PX:
                self._row_labels(painter, area)

    # -- zoomed out --------------------------------------------------------------------------------------------

    def _blocks(self, painter: QPainter, area: QRectF) -> None:
        layout = self.layout
        painter.setPen(Qt.PenStyle.NoPen)
        for b in layout.blocks_in(area.left(), area.top(), area.right(), area.bottom()):
            block = layout.blocks[b]
            sold = 1.0 - block.free / block.total if block.total else 1.0
            painter.setBrush(blend(self.zone_colors[block.zone], SOLD_COLOR, sold * 0.85))
            painter.drawRect(QRectF(block.x, block.y, block.width, block.height))

    def _block_counts(self, painter: QPainter, area: QRectF) -> None:
        """Free seats per block, where a block is big enough on screen to carry its number."""
        layout, z = self.layout, self.zoom
        font = QFont(painter.font())
        font.setPixelSize(11)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        for b in layout.blocks_in(area.left(), area.top(), area.right(), area.bottom()):
            block = layout.blocks[b]
            rect = QRectF(block.x * z, block.y * z, block.width * z, block.height * z).translated(-self.origin)
            text = str(block.free)
            if rect.width() < metrics.horizontalAdvance(text) + 16 or rect.height() < metrics.height() + 6:
                continue
            sold = 1.0 - block.free / block.total if block.total else 1.0
            painter.setPen(ink_for(blend(self.zone_colors[block.zone], SOLD_COLOR, sold * 0.85)))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _zone_captions(self, painter: QPainter, area: QRectF, zone_label) -> None:
        for z in range(len(self.layout.zones)):
            rect, text = zone_label(z)
            if not rect.intersects(self._to_view_rect(area)):
                continue
            painter.setFont(caption_font(painter.font()))
            painter.setPen(QPen(QColor(self.zone_colors[z]), 2))
            painter.setBrush(QColor(255, 255, 255, 235))
            painter.drawRoundedRect(rect, 6, 6)
            painter.setPen(LABEL_COLOR)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _to_view_rect(self, area: QRectF) -> QRectF:
        z = self.zoom
        return QRectF(area.left() * z, area.top() * z, area.width() * z, area.height() * z).translated(-self.origin)

    # -- zoomed in ---------------------------------------------------------------------------------------------

    def _groups(self, seats: list[int], selected: Collection[int]) -> dict[tuple[int, int], list[int]]:
        """Visible seats by how they are drawn: (state, zone) for free seats, (state, -1) for the others."""
        layout = self.layout
        state, seat_row, row_zone = layout.state, layout.seat_row, layout.row_zone
        groups: dict[tuple[int, int], list[int]] = {}
        for i in seats:
            code = state[i]
            key = (code, row_zone[seat_row[i]] if code == AVAILABLE else -1)
            groups.setdefault(key, []).append(i)
        return groups

    def _rects(self, seats: list[int], inset: float = 0.0) -> list[QRectF]:
        layout = self.layout
        row_x, row_y, seat_row, seat_col = layout.row_x, layout.row_y, layout.seat_row, layout.seat_col
        side = SEAT - 2 * inset
        return [QRectF(row_x[seat_row[i]] + seat_col[i] * PITCH + inset, row_y[seat_row[i]] + inset, side, side)
                for i in seats]

    def _brush(self, code: int, zone: int) -> QBrush:
        if code == AVAILABLE:
            return QBrush(self.zone_colors[zone])
        if code == SOLD:
            return QBrush(SOLD_COLOR)
        if code in (RETURNING, RETURNED):
            return QBrush(RETURNING_BASE)
        return QBrush(WITHDRAWN_COLOR)

    def _small_seats(self, painter: QPainter, seats: list[int], selected: Collection[int]) -> None:
        painter.setPen(Qt.PenStyle.NoPen)
        for (code, zone), members in self._groups(seats, selected).items():
            rects = self._rects(members)
            painter.setBrush(self._brush(code, zone))
            painter.drawRects(rects)
            if code in (RETURNING, RETURNED):
                painter.setBrush(RETURNING_HATCH)
                painter.drawRects(rects)
        chosen = [i for i in seats if i in selected]
        if chosen:
            pen = QPen(SELECTED_COLOR, 3)
            pen.setCosmetic(True)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRects(self._rects(chosen, 1.0))

    def _numbered_seats(self, painter: QPainter, seats: list[int], selected: Collection[int]) -> None:
        layout = self.layout
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(painter.font())
        font.setPixelSize(round(NUMBER_FONT))
        painter.setFont(font)
        numbered = NUMBER_FONT * self.zoom >= 7
        white = QPen(QColor("#ffffff"), 1)
        for (code, zone), members in self._groups(seats, selected).items():
            brush = self._brush(code, zone)
            ink = ink_for(brush.color()) if code == AVAILABLE else \
                QColor("#c5c9cd") if code == SOLD else LABEL_COLOR
            rects = self._rects(members, 1.0)
            for i, rect in zip(members, rects, strict=True):
                is_selected = i in selected
                painter.setPen(QPen(SELECTED_COLOR, 4) if is_selected else white)
                painter.setBrush(brush)
                painter.drawRoundedRect(rect, 5, 5)
                if code in (RETURNING, RETURNED):
                    painter.setBrush(RETURNING_HATCH)
                    painter.setPen(Qt.PenStyle.NoPen)
                    painter.drawRoundedRect(rect, 5, 5)
                if code == SOLD:
                    painter.setPen(QPen(CROSS_COLOR, 2))
                    inner = rect.adjusted(6, 6, -6, -6)
                    painter.drawLine(inner.topLeft(), inner.bottomRight())
                    painter.drawLine(inner.topRight(), inner.bottomLeft())
                elif is_selected:
                    painter.setPen(QPen(SELECTED_COLOR, 3))
                    inner = rect.adjusted(6, 7, -6, -7)
                    mid = QPointF(inner.center().x() - 1, inner.bottom())
                    painter.drawLine(QPointF(inner.left(), inner.center().y()), mid)
                    painter.drawLine(mid, inner.topRight())
                    continue
                if code != SOLD and numbered:
                    painter.setPen(ink)
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, seat_number(layout.seat_ids[i]))

    def _row_labels(self, painter: QPainter, area: QRectF) -> None:
        """Row names left of each row, in screen pixels so they stay readable while zooming out."""
        layout = self.layout
        font = QFont(painter.font())
        font.setPixelSize(min(12, round(PITCH * self.zoom * 0.6)))
        painter.setFont(font)
        painter.setPen(LABEL_COLOR)
        for zone in layout.zones:
            if zone.x > area.right() or zone.x + ROW_LABEL_WIDTH < area.left():
                continue
            for r in range(zone.first_row, zone.first_row + zone.row_count):
                y = layout.row_y[r]
                if layout.row_labels[r] and area.top() - SEAT < y < area.bottom():
                    painter.drawText(self._to_view_rect(QRectF(zone.x, y, ROW_LABEL_WIDTH - 4, SEAT)),
                                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                                     layout.row_labels[r])

    def _zone_titles(self, painter: QPainter, area: QRectF) -> None:
        """Zone names in the band above each zone's rows (no counts here: a sale must repaint only seats)."""
        font = QFont(painter.font())
        font.setPixelSize(max(11, min(16, round(ZONE_TITLE * self.zoom * 0.6))))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(LABEL_COLOR)
        for zone in self.layout.zones:
            band = QRectF(zone.x, zone.y, zone.width, ZONE_TITLE - GAP)
            if band.intersects(area):
                view = self._to_view_rect(band)
                view.setHeight(max(view.height(), painter.fontMetrics().height()))
                painter.drawText(view, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, zone.name)

    def _focus(self, painter: QPainter, focus: int) -> None:
        x, y, w, h = self.layout.seat_rect(focus)
        pen = QPen(FOCUS_COLOR, 2, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(x - 2.5, y - 2.5, w + 5, h + 5))


def caption_font(base: QFont) -> QFont:
    font = QFont(base)
    font.setPixelSize(13)
    font.setBold(True)
    return font
