"""The minimap: the whole venue in a corner of the seat map, with the part on screen framed; click to jump.

It paints from the layout's blocks (a few hundred rectangles even for a stadium) into a cached image; a sale
redraws only the blocks of its seats in that image.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from boxoffice.ui.qt import QColor, QImage, QPainter, QPen, QPointF, QRectF, QSize, Qt, QWidget
from boxoffice.ui.seat_map_layout import SeatLayout
from boxoffice.ui.seat_map_paint import SOLD_COLOR, blend

MAX_SIZE = QSize(200, 150)
FRAME_COLOR = QColor("#d32f2f")


class SeatMapOverview(QWidget):
    """Shows ``layout`` scaled down; ``visible()`` gives the map rectangle on screen, ``jump(point)`` moves it."""

    def __init__(self, parent: QWidget, visible: Callable[[], QRectF], jump: Callable[[QPointF], None]) -> None:
        super().__init__(parent)
        self.setObjectName("seatMapOverview")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # its repaints never repaint the map behind
        self._visible, self._jump = visible, jump
        self._layout: SeatLayout | None = None
        self._colors: list[QColor] = []
        self._image: QImage | None = None
        self._scale = 1.0
        self._room = MAX_SIZE

    def set_layout(self, layout: SeatLayout, colors: list[QColor]) -> None:
        self._layout, self._colors = layout, colors
        self._resize()
        self.seats_changed()

    def fit_within(self, room: QSize) -> None:
        """At most ``room`` (and MAX_SIZE): a small map view keeps most of itself for seats."""
        room = room.boundedTo(MAX_SIZE).expandedTo(QSize(60, 45))
        if room != self._room:
            self._room = room
            self._resize()

    def _resize(self) -> None:
        layout = self._layout
        if layout is not None and layout.width and layout.height:
            self._scale = min(self._room.width() / layout.width, self._room.height() / layout.height)
            self.setFixedSize(max(1, round(layout.width * self._scale)) + 2,
                              max(1, round(layout.height * self._scale)) + 2)
            self._image = None  # drawn again at the new scale

    def seats_changed(self, blocks: Iterable[int] | None = None) -> None:
        """Redraw the given blocks of the cached image (all of it when None) and repaint just them."""
        if blocks is None or self._image is None or self._layout is None:
            self._image = None
            self.update()
            return
        painter = QPainter(self._image)
        painter.setPen(Qt.PenStyle.NoPen)
        for b in set(blocks):
            rect = self._draw_block(painter, b)
            self.update(rect.toAlignedRect().adjusted(-1, -1, 1, 1))
        painter.end()

    def _draw_block(self, painter: QPainter, b: int) -> QRectF:
        block = self._layout.blocks[b]
        sold = 1.0 - block.free / block.total if block.total else 1.0
        rect = self.to_overview(QRectF(block.x, block.y, block.width, block.height))
        painter.fillRect(rect, QColor("#ffffff"))
        painter.setBrush(blend(self._colors[block.zone], SOLD_COLOR, sold * 0.85))
        painter.drawRect(rect)
        return rect

    def to_map(self, point: QPointF) -> QPointF:
        return QPointF((point.x() - 1) / self._scale, (point.y() - 1) / self._scale)

    def to_overview(self, rect: QRectF) -> QRectF:
        s = self._scale
        return QRectF(rect.left() * s + 1, rect.top() * s + 1, rect.width() * s, rect.height() * s)

    def _render(self) -> QImage:
        image = QImage(self.size(), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(QColor("#ffffff"))
        painter = QPainter(image)
        painter.setPen(Qt.PenStyle.NoPen)
        if self._layout is not None:
            for b in range(len(self._layout.blocks)):
                self._draw_block(painter, b)
        painter.setPen(QColor("#90a4ae"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(image.rect().adjusted(0, 0, -1, -1))
        painter.end()
        return image

    def paintEvent(self, event) -> None:
        if self._image is None or self._image.size() != self.size():
            self._image = self._render()
        painter = QPainter(self)
        painter.drawImage(0, 0, self._image)
        pen = QPen(FRAME_COLOR, 2)
        painter.setPen(pen)
        painter.setBrush(QColor(211, 47, 47, 40))
        painter.drawRect(self.to_overview(self._visible()).intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1)))
        painter.end()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._jump(self.to_map(event.position()))
            event.accept()

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._jump(self.to_map(event.position()))
            event.accept()
