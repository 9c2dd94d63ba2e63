"""The seat map: seats drawn from the inventory, coloured by zone, with zoom, pan and click/drag selection.

Seats are laid out per zone (one block each, stacked), rows in order, seats by their number. Sold seats are
dark with a cross, seats on their way back to the platform are pale and hatched, selected seats get a thick
outline, so a clerk can tell them apart at arm's length and without relying on colour alone.
"""

from __future__ import annotations

import re
from collections import defaultdict

from boxoffice.services.catalog import SeatInfo
from boxoffice.ui.qt import (
    QBrush,
    QColor,
    QFont,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QPainter,
    QPen,
    Qt,
    Signal,
)

SEAT = 26.0
GAP = 6.0
ROW_LABEL_WIDTH = 34.0
ZONE_GAP = 46.0
SELECTED_PEN = QPen(QColor("#111111"), 4)
SOLD_BRUSH = QBrush(QColor("#3b3f45"))
UNAVAILABLE_BRUSH = QBrush(QColor("#d5d8dc"), Qt.BrushStyle.BDiagPattern)


def _seat_number(seat_id: str) -> tuple[int, str]:
    match = re.search(r"(\d+)$", seat_id)
    return (int(match.group(1)) if match else 0, seat_id)


class SeatItem(QGraphicsRectItem):
    def __init__(self, seat: SeatInfo, x: float, y: float) -> None:
        super().__init__(0, 0, SEAT, SEAT)
        self.seat = seat
        self.setPos(x, y)
        self.setToolTip(f"{seat.seat_id} · {seat.zone}" + (f" · {seat.row}" if seat.row else ""))
        sellable = seat.state == "available"
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, sellable)
        self._paint_state()

    def _paint_state(self) -> None:
        state = self.seat.state
        if state == "available":
            self.setBrush(QBrush(QColor(self.seat.color)))
            self.setPen(QPen(QColor("#ffffff"), 1))
        elif state == "sold":
            self.setBrush(SOLD_BRUSH)
            self.setPen(QPen(QColor("#3b3f45"), 1))
        else:  # returning, returned, withdrawn: not ours to sell
            self.setBrush(UNAVAILABLE_BRUSH)
            self.setPen(QPen(QColor("#aab0b6"), 1))

    def paint(self, painter: QPainter, option, widget=None) -> None:
        selected = self.isSelected()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(self.brush())
        painter.setPen(SELECTED_PEN if selected else self.pen())
        painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 5, 5)
        if self.seat.state == "sold":
            painter.setPen(QPen(QColor("#9aa0a6"), 2))
            r = self.rect().adjusted(7, 7, -7, -7)
            painter.drawLine(r.topLeft(), r.bottomRight())
            painter.drawLine(r.topRight(), r.bottomLeft())
        elif selected:
            painter.setPen(QPen(QColor("#111111"), 3))
            r = self.rect().adjusted(7, 8, -7, -8)
            painter.drawLine(r.left(), r.center().y(), r.center().x() - 1, r.bottom())
            painter.drawLine(r.center().x() - 1, r.bottom(), r.right(), r.top())


class SeatMap(QGraphicsView):
    """Emits ``selection_changed`` with the selected ticket ids whenever the clerk picks or drops seats."""

    selection_changed = Signal(list)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("seatMap")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#ffffff")))
        self.items_by_ticket: dict[str, SeatItem] = {}
        self._zoom = 1.0
        self._silent = False
        self._consumed_press = False
        self._user_zoomed = False
        self.scene().selectionChanged.connect(self._on_selection)

    # -- content ---------------------------------------------------------------------------------------------

    def show_seats(self, seats: list[SeatInfo], keep_selected: set[str] | None = None) -> None:
        keep = keep_selected if keep_selected is not None else set(self.selected_ticket_ids())
        self._silent = True
        scene = self.scene()
        scene.clear()
        self.items_by_ticket.clear()
        by_zone: dict[str, dict[str, list[SeatInfo]]] = defaultdict(lambda: defaultdict(list))
        for seat in seats:
            by_zone[seat.zone][seat.row or ""].append(seat)
        label_font = QFont()
        label_font.setPointSize(11)
        zone_font = QFont()
        zone_font.setPointSize(14)
        zone_font.setBold(True)
        y = 0.0
        for zone in sorted(by_zone, key=lambda z: (-len(by_zone[z]), z)):
            title = QGraphicsSimpleTextItem(zone)
            title.setFont(zone_font)
            title.setPos(0, y)
            scene.addItem(title)
            y += 28
            for row in sorted(by_zone[zone]):
                row_label = QGraphicsSimpleTextItem(row)
                row_label.setFont(label_font)
                row_label.setPos(0, y + 4)
                scene.addItem(row_label)
                for i, seat in enumerate(sorted(by_zone[zone][row], key=lambda s: _seat_number(s.seat_id))):
                    item = SeatItem(seat, ROW_LABEL_WIDTH + i * (SEAT + GAP), y)
                    scene.addItem(item)
                    self.items_by_ticket[seat.ticket_id] = item
                    if seat.ticket_id in keep and seat.state == "available":
                        item.setSelected(True)
                y += SEAT + GAP
            y += ZONE_GAP
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-10, -10, 10, 10))
        self._silent = False
        self._on_selection()

    def selected_ticket_ids(self) -> list[str]:
        return sorted(item.seat.ticket_id for item in self.scene().selectedItems() if isinstance(item, SeatItem))

    def set_selected(self, ticket_ids: set[str]) -> None:
        self._silent = True
        for ticket_id, item in self.items_by_ticket.items():
            item.setSelected(ticket_id in ticket_ids and item.seat.state == "available")
        self._silent = False
        self._on_selection()

    def _on_selection(self) -> None:
        if not self._silent:
            self.selection_changed.emit(self.selected_ticket_ids())

    # -- zoom ------------------------------------------------------------------------------------------------

    def fit(self) -> None:
        self._user_zoomed = False
        self.resetTransform()
        self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
        self._zoom = self.transform().m11()
        if self._zoom > 2.5:  # few seats: do not blow them up to the size of a door
            self.resetTransform()
            self.scale(2.5, 2.5)
            self._zoom = 2.5

    def zoom_by(self, factor: float) -> None:
        self._user_zoomed = True
        new = max(0.2, min(5.0, self._zoom * factor))
        self.scale(new / self._zoom, new / self._zoom)
        self._zoom = new

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._user_zoomed:
            self.fit()

    def wheelEvent(self, event) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.15 if event.angleDelta().y() > 0 else 1 / 1.15)
            event.accept()
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:
        # a plain click toggles one seat (touch screens have no Ctrl); drag draws a rubber band
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, SeatItem) and event.button() == Qt.MouseButton.LeftButton:
            if item.seat.state == "available":
                item.setSelected(not item.isSelected())
            self._consumed_press = True
            event.accept()
            return
        self._consumed_press = False
        if event.button() == Qt.MouseButton.MiddleButton:
            self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self.setDragMode(QGraphicsView.DragMode.RubberBandDrag)
