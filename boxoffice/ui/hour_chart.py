"""Sales per hour as a bar chart drawn with QPainter (QtCharts is not in PySide6-Essentials).

The chart shows what it is given and nothing else: :func:`hour_series` turns a report's ``by_hour`` groups into
bars, filling the quiet hours between the first and the last sale with zero bars so the day's shape shows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from boxoffice.services.reports import Group
from boxoffice.ui.qt import QColor, QFont, QPainter, QPen, QRectF, QSize, Qt, QWidget

#: Beyond this many hours between the first and last sale (a long date range), only hours with sales get a bar.
MAX_FILLED_HOURS = 48
_KEY = "%Y-%m-%d %H:00"


@dataclass(frozen=True)
class HourBar:
    """One bar: the hour it covers ("2026-11-23 20:00", local), sales, tickets and money in it."""

    hour: str
    count: int
    tickets: int
    total_cents: int


def hour_series(by_hour: Mapping[str, Group]) -> list[HourBar]:
    """Bars in time order, with zero bars for the hours without sales between the first and last sale."""
    if not by_hour:
        return []
    keys = sorted(by_hour)
    first, last = datetime.strptime(keys[0], _KEY), datetime.strptime(keys[-1], _KEY)
    span = int((last - first).total_seconds() // 3600) + 1
    if span <= MAX_FILLED_HOURS:
        keys = [(first + timedelta(hours=n)).strftime(_KEY) for n in range(span)]
    empty = Group()
    return [HourBar(k, by_hour.get(k, empty).count, by_hour.get(k, empty).tickets, by_hour.get(k, empty).total_cents)
            for k in keys]


class HourChart(QWidget):
    """Bars of money taken per hour; each bar is labelled with its amount, the axis with the hour."""

    BAR = QColor("#0b3d91")
    GRID = QColor("#d5dbe2")
    TEXT = QColor("#111111")

    def __init__(self, format_money: Callable[[int], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hourChart")
        self.format_money = format_money
        self._bars: list[HourBar] = []
        self.empty_text = self.tr("No sales in this period")
        self.setMinimumHeight(220)

    def set_bars(self, bars: list[HourBar]) -> None:
        self._bars = list(bars)
        self.update()

    def bars(self) -> list[HourBar]:
        """What is drawn, bar by bar (tests read this)."""
        return list(self._bars)

    def sizeHint(self) -> QSize:
        return QSize(720, 300)

    def _hour_label(self, key: str, days: int) -> str:
        moment = datetime.strptime(key, _KEY)
        return moment.strftime("%H:00") if days == 1 else moment.strftime("%d/%m %Hh")

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        font = QFont(self.font())
        font.setPointSizeF(11)
        painter.setFont(font)
        metrics = painter.fontMetrics()
        line = metrics.height()
        if not self._bars:
            painter.setPen(QPen(self.TEXT))
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), self.empty_text)
            painter.end()
            return
        top_value = max(b.total_cents for b in self._bars) or 1
        axis_width = metrics.horizontalAdvance(self.format_money(top_value)) + 12
        plot = QRectF(axis_width, line * 1.5, self.width() - axis_width - 12, self.height() - line * 3.5)
        # grid: zero, half and the top value
        for fraction in (0.0, 0.5, 1.0):
            y = plot.bottom() - plot.height() * fraction
            painter.setPen(QPen(self.GRID, 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QPen(self.TEXT))
            painter.drawText(QRectF(0, y - line / 2, axis_width - 6, line),
                             int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                             self.format_money(round(top_value * fraction)))
        axis_left, axis_right = plot.left(), plot.right()
        slot = min(plot.width() / len(self._bars), 110.0)  # a few bars stay bar-shaped, centred
        plot.moveLeft(plot.left() + (plot.width() - slot * len(self._bars)) / 2)
        bar_width = max(2.0, slot * 0.7)
        days = len({b.hour[:10] for b in self._bars})
        label_every = max(1, int(metrics.horizontalAdvance(self._hour_label(self._bars[0].hour, days)) * 1.3 // slot)
                          + 1)
        for n, bar in enumerate(self._bars):
            x = plot.left() + slot * n + (slot - bar_width) / 2
            height = plot.height() * bar.total_cents / top_value
            if bar.total_cents > 0:
                painter.fillRect(QRectF(x, plot.bottom() - height, bar_width, height), self.BAR)
            painter.setPen(QPen(self.TEXT))
            value = self.format_money(bar.total_cents)
            if bar.total_cents > 0 and metrics.horizontalAdvance(value) <= slot - 2:
                painter.drawText(QRectF(plot.left() + slot * n, plot.bottom() - height - line - 2, slot, line),
                                 int(Qt.AlignmentFlag.AlignCenter), value)
            if n % label_every == 0:
                painter.drawText(QRectF(x + bar_width / 2 - slot * label_every / 2, plot.bottom() + 4,
                                        slot * label_every, line),
                                 int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                                 self._hour_label(bar.hour, days))
        painter.setPen(QPen(self.TEXT, 1))
        painter.drawLine(int(axis_left), int(plot.bottom()), int(axis_right), int(plot.bottom()))
        painter.end()
