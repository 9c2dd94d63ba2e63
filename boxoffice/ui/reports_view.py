"""Sales reports for the supervisor: one event or all, a date range (today by default), each grouping in a tab,
comps and voids shown apart, sales per hour as a chart, and the whole report as CSV.

Rows show names (the event's, the product's, the clerk's), never ids. The CSV is in the window's language: its
headers and groupings translated, amounts as numbers with the language's decimal sign (Spanish: "25,50" and
";" between fields; English: "25.50" and ","), in UTF-8 with a byte order mark so that Excel opens it right.

The figures come from :func:`boxoffice.services.reports.sales_report`, read on the operation runner's read pool
through the shifts facade; the CSV is :func:`boxoffice.services.reports.to_csv` of the report on screen, written on
the writer thread, so the file and the screen always agree. A sale, a void or a delivery round told by the change
hub refreshes the figures.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from boxoffice.services.catalog import EventSummary
from boxoffice.services.reports import CsvFormat, Group, SalesReport
from boxoffice.ui.backend import Backend
from boxoffice.ui.error_text import describe
from boxoffice.ui.file_dialogs import choose_file
from boxoffice.ui.hour_chart import HourChart, hour_series
from boxoffice.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTimeZone,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.window_context import window_context

log = logging.getLogger(__name__)

#: Styles of this screen only (the app stylesheet styles the rest).
_STYLE = """
QDateEdit { min-height: 48px; padding: 2px 10px; border: 2px solid #8a939c; border-radius: 6px; background: #ffffff; }
QDateEdit:focus { border-color: #0b3d91; }
QDateEdit::drop-down { width: 30px; }
QLabel#reportSummary { font-size: 18pt; font-weight: bold; }
QLabel#reportApart { color: #333333; }
QLabel#reportMessage { color: #0b3d91; font-weight: bold; }
QTableWidget { background: #ffffff; alternate-background-color: #f4f6f8; gridline-color: #e1e5ea; }
"""

GROUPINGS = ("hour", "event", "zone", "product", "method", "clerk")


def local_zone() -> tzinfo:
    """This computer's time zone with its daylight-saving rules (hours of a report cross DST correctly)."""
    try:
        return ZoneInfo(bytes(QTimeZone.systemTimeZoneId().data()).decode())
    except (ZoneInfoNotFoundError, ValueError, UnicodeDecodeError):
        fallback = datetime.now().astimezone().tzinfo
        assert fallback is not None
        return fallback


class ReportsDialog(QDialog):
    """Sales by event, zone, product, payment method, clerk and hour for the chosen event and dates."""

    report_shown = Signal(object)  # the SalesReport now on screen
    csv_saved = Signal(object)  # the Path written

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportsDialog")
        self.setStyleSheet(_STYLE)
        self.setWindowTitle(self.tr("Sales reports"))
        self.setMinimumSize(900, 640)
        self.backend = backend
        self.ctx = window_context(backend)
        self.money = self.ctx.money
        self.zone = local_zone()
        self.report: SalesReport | None = None
        self._generation = 0

        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Event"), self))
        self.event_picker = QComboBox(self)
        self.event_picker.setObjectName("reportEvent")
        self.event_picker.addItem(self.tr("All events"), None)
        filters.addWidget(self.event_picker, 1)
        today = QDate.currentDate()
        self.date_from = QDateEdit(today, self)
        self.date_from.setObjectName("reportFrom")
        self.date_to = QDateEdit(today, self)
        self.date_to.setObjectName("reportTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy" if backend.language.startswith("es") else "yyyy-MM-dd")
            edit.setMaximumDate(today.addYears(1))
        filters.addWidget(QLabel(self.tr("From"), self))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(self.tr("to"), self))
        filters.addWidget(self.date_to)
        layout.addLayout(filters)

        self.summary = QLabel(self)
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.apart = QLabel(self)
        self.apart.setObjectName("reportApart")
        self.apart.setWordWrap(True)
        layout.addWidget(self.apart)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("reportTabs")
        self.chart = HourChart(self.money.format, self)
        self.tables: dict[str, QTableWidget] = {}
        titles = {"hour": self.tr("By hour"), "event": self.tr("By event"), "zone": self.tr("By zone"),
                  "product": self.tr("By product"), "method": self.tr("By payment"), "clerk": self.tr("By clerk")}
        for name in GROUPINGS:
            table = QTableWidget(0, len(self._columns(name)), self)
            table.setObjectName(f"reportTable_{name}")
            table.setHorizontalHeaderLabels(self._columns(name))
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.setAlternatingRowColors(True)
            table.verticalHeader().setVisible(False)
            header = table.horizontalHeader()
            header.setMinimumSectionSize(120)
            header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            for column in range(1, table.columnCount()):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
            self.tables[name] = table
            if name == "hour":
                page = QWidget(self)
                page_layout = QVBoxLayout(page)
                page_layout.setContentsMargins(0, 0, 0, 0)
                page_layout.addWidget(self.chart, 3)
                page_layout.addWidget(table, 2)
                self.tabs.addTab(page, titles[name])
            else:
                self.tabs.addTab(table, titles[name])
        layout.addWidget(self.tabs, 1)

        self.message = QLabel(self)
        self.message.setObjectName("reportMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.export_button = QPushButton(self.tr("Export CSV…"), self)
        self.export_button.setObjectName("exportCsv")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(lambda: self.export_csv())
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self.event_picker.currentIndexChanged.connect(self.refresh)
        self.date_from.dateChanged.connect(self._from_changed)
        self.date_to.dateChanged.connect(self._to_changed)
        self.ctx.hub.sales_changed.connect(self._sales_changed)  # a bound method: disconnected with the dialog
        self.ctx.runner.read(self, self.ctx.facades.sales.events, success=self._events_read)
        self.refresh()

    def _sales_changed(self, _codes: tuple[str, ...]) -> None:
        self.refresh()

    def _events_read(self, events: list[EventSummary]) -> None:
        for event in events:
            self.event_picker.addItem(event.name, event.id)

    # -- data ------------------------------------------------------------------------------------------------

    def _columns(self, name: str) -> list[str]:
        first = {"hour": self.tr("Hour"), "event": self.tr("Event"), "zone": self.tr("Zone"),
                 "product": self.tr("Product"), "method": self.tr("Payment"), "clerk": self.tr("Clerk")}[name]
        if name in ("zone", "product"):
            return [first, self.tr("Tickets"), self.tr("Total")]
        if name == "method":
            return [first, self.tr("Payments"), self.tr("Total")]
        return [first, self.tr("Sales"), self.tr("Tickets"), self.tr("Total")]

    def period(self) -> tuple[datetime, datetime]:
        """[start of the first day, start of the day after the last) in local time, as aware datetimes."""
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        return self._midnight(first), self._midnight(last + timedelta(days=1))

    def _midnight(self, day: date) -> datetime:
        return datetime.combine(day, time(0, 0), tzinfo=self.zone)

    def _from_changed(self) -> None:
        if self.date_to.date() < self.date_from.date():
            self.date_to.setDate(self.date_from.date())  # refreshes through dateChanged
        else:
            self.refresh()

    def _to_changed(self) -> None:
        if self.date_from.date() > self.date_to.date():
            self.date_from.setDate(self.date_to.date())  # refreshes through dateChanged
        else:
            self.refresh()

    def refresh(self) -> None:
        """Read the report for the chosen event and dates on the read pool; a newer request wins."""
        self._generation += 1
        generation = self._generation
        event_id = self.event_picker.currentData()
        since, until = self.period()
        shifts, zone = self.ctx.facades.shifts, self.zone
        self.message.setText(self.tr("Reading the sales…"))
        self.export_button.setEnabled(False)
        self.ctx.runner.read(self, lambda: shifts.sales_report(event_id, since, until, tz=zone),
                             success=lambda report: self._show(generation, report),
                             failure=lambda exc: self._failed(generation, exc))

    def _failed(self, generation: int, exc: Exception) -> None:
        if generation == self._generation:
            log.warning("sales report failed: %s", exc)
            self.message.setText(self.tr("The report could not be read: {error}").format(
                error=describe(exc, self.money)))

    def _show(self, generation: int, report: SalesReport) -> None:
        if generation != self._generation:
            return  # an older request answered late
        self.report = report
        money = self.money.format
        self.summary.setText(self.tr("Sales {count} · tickets {tickets} · total {total}").format(
            count=report.totals.count, tickets=report.totals.tickets, total=money(report.totals.total_cents)))
        self.apart.setText(self.tr("Comps (included above): {count}, tickets {tickets} · Voided (not included): "
                                   "{voided}, tickets {voided_tickets}, {voided_total}").format(
            count=report.comps.count, tickets=report.comps.tickets, voided=report.voided.count,
            voided_tickets=report.voided.tickets, voided_total=money(report.voided.total_cents)))
        groups = {"hour": report.by_hour, "event": report.by_event, "zone": report.by_zone,
                  "product": report.by_product, "method": report.by_method, "clerk": report.by_clerk}
        for name, table in self.tables.items():
            self._fill(name, table, groups[name])
        self.chart.set_bars(hour_series(report.by_hour))
        self.message.setText("" if report.totals.count or report.voided.count
                             else self.tr("No sales in this period."))
        self.export_button.setEnabled(True)
        self.report_shown.emit(report)

    def _names(self) -> dict[str, str]:
        """Text for the keys that are codes, not names."""
        return {"cash": self.tr("Cash"), "card": self.tr("Card"), "(none)": self.tr("(no clerk)")}

    def _label(self, name: str, key: str, group: Group) -> str:
        if name in ("method", "clerk"):
            return self._names().get(key, group.name or key)
        return group.name or key

    def _fill(self, name: str, table: QTableWidget, groups: dict[str, Group]) -> None:
        table.setRowCount(len(groups))
        for row, (key, group) in enumerate(groups.items()):
            values = [self._label(name, key, group)]
            if name in ("zone", "product"):
                values += [str(group.tickets)]
            elif name == "method":
                values += [str(group.count)]
            else:
                values += [str(group.count), str(group.tickets)]
            values.append(self.money.format(group.total_cents))
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)

    def rows(self, name: str) -> list[list[str]]:
        """The text of a grouping's table, row by row (what the supervisor reads; tests too)."""
        table = self.tables[name]
        return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]

    # -- export ----------------------------------------------------------------------------------------------

    def csv_format(self) -> CsvFormat:
        """The CSV in this window's language: its separators, headers and grouping titles."""
        return CsvFormat.for_decimal(
            self.money.decimal_sep,
            headers=(self.tr("Grouping"), self.tr("Name"), self.tr("Sales"), self.tr("Payments"),
                     self.tr("Tickets"), self.tr("Total")),
            sections={"total": self.tr("Total"), "voided": self.tr("Voided (not included)"),
                      "comps": self.tr("Comps (included)"), "event": self.tr("Event"), "zone": self.tr("Zone"),
                      "product": self.tr("Product"), "method": self.tr("Payment"), "clerk": self.tr("Clerk"),
                      "hour": self.tr("Hour")},
            names=self._names())

    def default_csv_name(self) -> str:
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        event = self.event_picker.currentData()
        days = f"{first:%Y%m%d}" if first == last else f"{first:%Y%m%d}-{last:%Y%m%d}"
        prefix = self.tr("sales")  # the file name's first word
        return f"{prefix}-{days}{'-' + event if event else ''}.csv"

    def export_csv(self, path: str | Path | None = None) -> bool:
        """Write the report on screen as CSV on the writer thread (``csv_saved`` gets the path); without
        ``path`` the supervisor chooses where. True when the write was started."""
        report = self.report
        if report is None:
            return False
        if path is None:
            folder = self.backend.data_dir or Path.home()
            chosen = choose_file(self, self.tr("Export CSV"), str(Path(folder) / self.default_csv_name()),
                                 self.tr("CSV files (*.csv)"), save=True)
            if not chosen:
                return False
            path = chosen
        target, shifts = Path(path), self.ctx.facades.shifts
        style = self.csv_format()
        self.ctx.runner.write(self, lambda: shifts.export_sales_csv(report, target, style),
                              success=self._csv_saved, failure=lambda exc: self._csv_failed(target, exc))
        return True

    def _csv_saved(self, target: Path) -> None:
        self.message.setText(self.tr("Saved {path}").format(path=target))
        self.csv_saved.emit(target)

    def _csv_failed(self, target: Path, exc: Exception) -> None:
        error = (exc.strerror or str(exc)) if isinstance(exc, OSError) else describe(exc, self.money)
        self.message.setText(self.tr("Could not write {path}: {error}").format(path=target, error=error))
