"""Shifts at the window: open with a cash float, close with the cash counted note by note and coin by coin, then
the Z report on screen with Print and Save PDF; earlier shifts' Z reports can be looked at and printed again.

The Z report shown is built by :func:`boxoffice.core.report_print.z_report_print` from the report the shift keeps
(``Shift.report_json``), the same record the printers draw, so screen and paper always agree. Every read, write,
print job and PDF goes through the window's operation runner (``ctx.runner``) calling ``ctx.facades``; refusals
are shown with :func:`boxoffice.ui.error_text.describe`, in the window's language.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from boxoffice.core.errors import InvalidMoney
from boxoffice.core.money import MoneyFormat
from boxoffice.core.report_print import ReportPrint, format_when, report_text, z_report_print
from boxoffice.services.shifts import NoOpenShift, SaleInProgress, ShiftAlreadyOpen, ShiftInfo
from boxoffice.ui.backend import Backend
from boxoffice.ui.error_text import describe
from boxoffice.ui.file_dialogs import choose_file
from boxoffice.ui.qt import (
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.tone import ERROR, INFO, OK, set_tone
from boxoffice.ui.window_context import window_context

#: Notes and coins in cents, largest first, by the currency symbol of the money format.
DENOMINATIONS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    "€": ((50000, 20000, 10000, 5000, 2000, 1000, 500), (200, 100, 50, 20, 10, 5, 2, 1)),
    "$": ((10000, 5000, 2000, 1000, 500, 200, 100), (100, 50, 25, 10, 5, 1)),
}


#: Styles of these screens only (the app stylesheet styles the rest); kept here so the screens stay one module.
_STYLE = """
QLabel#zHeadline, QLabel#countDifference { font-size: 18pt; font-weight: bold; padding: 8px 12px; border-radius: 8px; }
QLabel#zHeadline[kind="ok"], QLabel#countDifference[kind="ok"] {
    background: #e3f4e8; color: #0f5c2e; border: 2px solid #2e9e5b; }
QLabel#zHeadline[kind="error"], QLabel#countDifference[kind="error"] {
    background: #fdecea; color: #8a1c12; border: 2px solid #d93025; }
QLabel#countedTotal, QLabel#expectedTotal { font-size: 18pt; font-weight: bold; padding: 8px 0; }
QLabel#shiftMessage { font-weight: bold; color: #8a1c12; }
QLabel#shiftReason { background: #fff4e0; color: #5c3b00; border: 1px solid #e0a030; border-radius: 6px; padding: 8px; }
QLabel#shiftMessage[kind="info"], QLabel#shiftMessage[tone="ok"] { color: #0f5c2e; }
QLabel#shiftMessage[tone="info"] { color: #0b3d91; font-weight: normal; }
QGroupBox#zSection, QGroupBox#countBox {
    background: #ffffff; border: 1px solid #cfd6dd; border-radius: 8px; margin-top: 1.3em; padding: 10px 8px 6px 8px;
    font-weight: bold; }
QGroupBox#zSection::title, QGroupBox#countBox::title {
    subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #0b3d91; }
QGroupBox#zSection QLabel { font-weight: normal; font-size: 14pt; }
QGroupBox#zSection QLabel#zValue { font-weight: bold; }
QGroupBox#countBox QLabel { font-weight: normal; }
QScrollArea#zReportScroll, QWidget#zReportPage { background: transparent; }
QSpinBox { min-height: 40px; }
"""


def denominations(money: MoneyFormat) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(notes, coins) for the currency of ``money``; euros when the symbol is not known."""
    return DENOMINATIONS.get(money.symbol, DENOMINATIONS["€"])


def _refresh_style(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def _signed(money: MoneyFormat, cents: int) -> str:
    return ("+" if cents > 0 else "") + money.format(cents)


# ---------------------------------------------------------------------------------------------------- open


class OpenShiftDialog(QDialog):
    """Open a shift with the cash float put in the drawer; refused while another shift is open.

    Whether a shift is already open is read in the background when the dialog opens, and again whenever the
    change hub says a shift opened or closed; Open stays disabled until that answer is in.
    """

    shift_opened = Signal(object)  # ShiftInfo

    def __init__(self, backend: Backend, clerk: Any, parent: QWidget | None = None, reason: str | None = None
                 ) -> None:
        """``reason``: why the dialog opened by itself (a sale started with no shift), shown above the count."""
        super().__init__(parent)
        self.setObjectName("openShift")
        self.setStyleSheet(_STYLE)
        self.setWindowTitle(self.tr("Open shift"))
        self.setMinimumWidth(560)
        self.backend = backend
        self.ctx = window_context(backend)
        self.clerk = clerk
        self.money = self.ctx.money
        self.shift: ShiftInfo | None = None
        self._free = False  # no other shift is open (known once the first read is in)
        self._opening = False  # our own open is being written: its shift_changed is not news

        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Open shift"), self)
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        if reason:
            why = QLabel(reason, self)
            why.setObjectName("shiftReason")
            why.setWordWrap(True)
            layout.addWidget(why)
        who = QLabel(self.tr("Clerk: {name}").format(name=getattr(clerk, "name", "")), self)
        layout.addWidget(who)
        layout.addWidget(QLabel(self.tr("Cash float put in the drawer"), self))
        self.float_amount = QLineEdit(self)
        self.float_amount.setObjectName("floatAmount")
        self.float_amount.setPlaceholderText(self.money.format(0))
        layout.addWidget(self.float_amount)
        self.message = QLabel(self)
        self.message.setObjectName("shiftMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = QPushButton(self.tr("Cancel (Esc)"), self)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.open_button = QPushButton(self.tr("Open shift (Enter)"), self)
        self.open_button.setObjectName("primary")
        self.open_button.setDefault(True)
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_shift)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        layout.addLayout(buttons)
        self.float_amount.textChanged.connect(self._check)
        self.float_amount.returnPressed.connect(self.open_shift)
        self.float_amount.setFocus()
        self.ctx.hub.shift_changed.connect(self.read_open_shift)
        self.read_open_shift()

    def read_open_shift(self) -> None:
        """Ask whether another shift is open (in the background)."""
        if self._opening:
            return
        shifts = self.ctx.facades.shifts
        self.ctx.runner.read(self, lambda: (shifts.current(), shifts.clerk_names()), success=self._open_shift_read,
                             failure=lambda exc: self._say(describe(exc, self.money), error=True))

    def _open_shift_read(self, found: tuple[ShiftInfo | None, Mapping[int, str]]) -> None:
        existing, names = found
        self._free = existing is None
        if existing is not None and self.shift is None:
            self._say(self.tr("Shift {id} is still open (since {when}, by {name}): close it before opening "
                              "a new one.").format(id=existing.id, when=format_when(existing.opened_at,
                                                                                   self.backend.language),
                                                   name=names.get(existing.clerk_id, "?")), error=True)
            self.float_amount.setEnabled(False)
            self.open_button.setEnabled(False)
            return
        self.float_amount.setEnabled(True)
        self._check()

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", "error" if error else "info")
        _refresh_style(self.message)
        layout = self.layout()
        needed = layout.heightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()
        if needed > self.height():  # a longer message arrived after the dialog was shown: grow, never clip
            self.resize(self.width(), needed)

    def float_cents(self) -> int | None:
        """The float typed, in cents; None when it is not an amount yet."""
        text = self.float_amount.text().strip()
        if not text:
            return None
        try:
            cents = self.money.parse(text)
        except InvalidMoney:
            return None
        return cents if cents >= 0 else None

    def _check(self) -> bool:
        text = self.float_amount.text().strip()
        cents = self.float_cents()
        if cents is None:
            self._say(self.tr("Type the cash in the drawer, for example {example} (0 if there is none).").format(
                example=self.money.format(10000)) if not text else
                self.tr("{text} is not an amount; type digits, for example {example}.").format(
                    text=text, example=self.money.format(10000)), error=bool(text))
            self.open_button.setEnabled(False)
            return False
        self._say(self.tr("Float {amount}").format(amount=self.money.format(cents)), error=False)
        self.open_button.setEnabled(self._free)
        return True

    def open_shift(self) -> None:
        """Open the shift on the writer thread; the dialog closes when it is written."""
        cents = self.float_cents()
        if cents is None or not self.open_button.isEnabled():
            return
        self.open_button.setEnabled(False)
        self._opening = True
        shifts, clerk_id, actor = self.ctx.facades.shifts, self.clerk.id, self.clerk.name
        self.ctx.runner.write(self, lambda: shifts.open(clerk_id, cents, actor=actor),
                              success=lambda changed: self._opened(changed.value), failure=self._failed)

    def _opened(self, shift: ShiftInfo) -> None:
        self.shift = shift
        self.shift_opened.emit(shift)
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._opening = False
        self._say(describe(exc, self.money), error=True)
        if isinstance(exc, ShiftAlreadyOpen):
            self._free = False
        self.open_button.setEnabled(self._free)


# ---------------------------------------------------------------------------------------------------- Z report


class ZReportView(QWidget):
    """A closed shift's Z report as it prints, in three columns (overview | cash | breakdowns), with Print and
    Save PDF. The figures are the ReportPrint the printers draw; printing runs on the device thread, the PDF on
    the writer thread."""

    #: Which printed sections go in which column, by their text keys ("" is the header block).
    COLUMNS = (("", "sales", "card"), ("cash", "count"), ("per_clerk", "per_product"))

    printed = Signal(bool)  # the print job ended: sent to the printer (True) or failed (False)
    pdf_saved = Signal(object)  # the Path written

    def __init__(self, backend: Backend, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("zReportView")
        self.setStyleSheet(_STYLE)
        self.backend = backend
        self.ctx = window_context(backend)
        self.actor: str | None = None  # who prints: the journal names them
        self.shift: ShiftInfo | None = None
        self.report_print: ReportPrint | None = None
        self._values: dict[tuple[str, str], QLabel] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.headline = QLabel(self)
        self.headline.setObjectName("zHeadline")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("zReportScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout.addWidget(self.scroll, 1)
        self.message = QLabel(self)
        self.message.setObjectName("shiftMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        #: The button row; a dialog holding the view adds its own buttons (Done, Close) here.
        self.buttons = QHBoxLayout()
        self.print_button = QPushButton(self.tr("Print"), self)
        self.print_button.setObjectName("printReport")
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_report)
        self.save_button = QPushButton(self.tr("Save PDF…"), self)
        self.save_button.setObjectName("saveReportPdf")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.buttons.addWidget(self.print_button)
        self.buttons.addWidget(self.save_button)
        self.buttons.addStretch(1)
        layout.addLayout(self.buttons)
        self.set_shift(None)

    def set_shift(self, shift: ShiftInfo | None, clerk_names: Mapping[int, str] | None = None) -> None:
        """Show the Z report the shift kept at its close (nothing for an open shift or None); ``clerk_names``
        (clerk id -> name, read by the dialog holding the view) name the clerks in it."""
        self.shift = shift
        self.message.clear()
        enabled = shift is not None and shift.report is not None
        self.print_button.setEnabled(enabled)
        self.save_button.setEnabled(enabled)
        if not enabled:
            self.report_print = None
            self._show_sections(None)
            self.headline.setText(self.tr("No Z report to show."))
            self.headline.setProperty("kind", "none")
            _refresh_style(self.headline)
            return
        assert shift is not None and shift.report is not None
        backend = self.backend
        self.report_print = z_report_print(shift.report, backend.terminal.office_name, backend.terminal.terminal_id,
                                           dict(clerk_names or {}), backend.language, counted=shift.counted,
                                           training=backend.training)
        cash = shift.report["cash"]
        difference = cash.get("difference_cents")
        money = self.ctx.money
        self.headline.setText(self.tr("Expected {expected} · Counted {counted} · Difference {difference}").format(
            expected=money.format(cash["expected_cents"]),
            counted=money.format(cash["counted_cents"]) if cash.get("counted_cents") is not None else "—",
            difference=_signed(money, difference or 0)))
        self.headline.setProperty("kind", "ok" if not difference else "error")
        _refresh_style(self.headline)
        self._show_sections(self.report_print)

    def _show_sections(self, report: ReportPrint | None) -> None:
        self._values = {}
        page = QWidget(self.scroll)
        page.setObjectName("zReportPage")
        grid = QHBoxLayout(page)
        grid.setContentsMargins(0, 0, 0, 0)
        if report is None:
            self.scroll.setWidget(page)
            return
        language = self.backend.language
        by_title = {section.title: section for section in report.sections}
        keys = [[report_text(k, language) if k else "" for k in column] for column in self.COLUMNS]
        placed = {title for column in keys for title in column}
        keys[-1].extend(s.title for s in report.sections if s.title not in placed)
        for column in keys:
            stack = QVBoxLayout()
            for title in column:
                section = by_title.get(title)
                if section is None:
                    continue
                box = QGroupBox(title or report.title, page)
                box.setObjectName("zSection")
                rows = QGridLayout(box)
                rows.setVerticalSpacing(2)
                rows.setColumnStretch(0, 1)
                for n, (label, value) in enumerate(section.rows):
                    name = QLabel(label, box)
                    name.setWordWrap(True)
                    shown = QLabel(value, box)
                    shown.setObjectName("zValue")
                    shown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                    rows.addWidget(name, n, 0)
                    rows.addWidget(shown, n, 1)
                    self._values[(section.title, label)] = shown
                stack.addWidget(box)
            stack.addStretch(1)
            grid.addLayout(stack, 1)
        self.scroll.setWidget(page)

    def value(self, section_key: str, label_key: str) -> str:
        """The value shown on screen for a report row, by the report's text keys (e.g. "cash", "expected");
        ``section_key`` "" is the header block (shift, times, who opened it)."""
        language = self.backend.language
        section = report_text(section_key, language) if section_key else ""
        label = report_text(label_key, language)
        try:
            return self._values[(section, label)].text()
        except KeyError:
            raise KeyError(f"{section} / {label}") from None

    def shown_rows(self, section_title: str) -> dict[str, str]:
        """Label -> value as shown for one section, by its printed title ("Por vendedor")."""
        return {label: shown.text() for (title, label), shown in self._values.items() if title == section_title}

    def print_report(self) -> bool:
        """Send the report to the configured printer on the writer thread (``printed`` tells how it ended);
        without a printer, say so at once (a PDF can still be saved). True when the job was started."""
        report = self.report_print
        if report is None:
            return False
        send = self.ctx.facades.printing.print_report
        if send is None:
            set_tone(self.message, self.tr("Printing is not set up on this terminal: choose a printer in "
                                           "Settings, or save the Z report as a PDF."), ERROR)
            return False
        set_tone(self.message, self.tr("Printing the Z report…"), INFO)
        self.ctx.runner.device(self, lambda: send(report), success=self._sent, failure=self._print_failed)
        return True

    def _sent(self, _result: object) -> None:
        """On paper: the journal names who printed it (a write; the print itself ran on the device thread)."""
        set_tone(self.message, self.tr("Z report sent to the printer."), OK)
        if self.shift is not None:
            shifts, shift_id, actor = self.ctx.facades.shifts, self.shift.id, self.actor
            self.ctx.runner.write(self, lambda: shifts.record_report_print(shift_id, actor))
        self.printed.emit(True)

    def _print_failed(self, exc: Exception) -> None:
        set_tone(self.message, self.tr("Printing failed: {error}").format(error=describe(exc, self.ctx.money)), ERROR)
        self.printed.emit(False)

    def default_pdf_name(self) -> str:
        return f"{self.report_print.name if self.report_print else 'z-report'}.pdf"

    def save_pdf(self, path: str | Path | None = None, then: Callable[[Path], None] | None = None) -> bool:
        """Write the Z report as an 80 mm PDF on the writer thread (``pdf_saved`` and ``then`` get the path);
        without ``path`` the supervisor chooses where. True when the write was started."""
        report = self.report_print
        if report is None:
            return False
        if path is None:
            folder = self.backend.data_dir or Path.home()
            chosen = choose_file(self, self.tr("Save Z report"), str(Path(folder) / self.default_pdf_name()),
                                 self.tr("PDF files (*.pdf)"), save=True)
            if not chosen:
                return False
            path = chosen
        target, language = Path(path), self.backend.language
        self.ctx.runner.write(self, lambda: _write_pdf(report, target, language),
                              success=lambda _none: self._pdf_saved(target, then), failure=self._pdf_failed)
        return True

    def _pdf_saved(self, target: Path, then: Callable[[Path], None] | None) -> None:
        set_tone(self.message, self.tr("Saved {path}").format(path=target), OK)
        self.pdf_saved.emit(target)
        if then is not None:
            then(target)

    def _pdf_failed(self, exc: Exception) -> None:
        error = (exc.strerror or str(exc)) if isinstance(exc, OSError) else describe(exc, self.ctx.money)
        set_tone(self.message, self.tr("Could not save the PDF: {error}").format(error=error), ERROR)


def _write_pdf(report: ReportPrint, target: Path, language: str) -> None:
    """On the writer thread: the folder, then the PDF."""
    from boxoffice.printing.pdf import write_report_pdf

    target.parent.mkdir(parents=True, exist_ok=True)
    write_report_pdf(report, target, language)


# ---------------------------------------------------------------------------------------------------- close


class CloseShiftDialog(QDialog):
    """Count the drawer note by note and coin by coin, close the shift, then show its Z report.

    The cash expected is read in the background as the dialog opens; Close shift waits for it."""

    shift_closed = Signal(object)  # ShiftInfo with its report

    def __init__(self, backend: Backend, clerk: Any, shift: ShiftInfo, parent: QWidget | None = None,
                 sale_in_progress: Callable[[], bool] = lambda: False) -> None:
        super().__init__(parent)
        self.setObjectName("closeShift")
        self.setStyleSheet(_STYLE)
        self.setWindowTitle(self.tr("Close shift {id}").format(id=shift.id))
        self.setMinimumWidth(900)
        self.backend = backend
        self.ctx = window_context(backend)
        self.clerk = clerk
        self.shift = shift
        self.money = self.ctx.money
        self.sale_in_progress = sale_in_progress
        self.closed: ShiftInfo | None = None
        self.kept_pdf: Path | None = None
        self.expected_cents: int | None = None  # read in the background
        self.clerk_names: dict[int, str] = {}

        outer = QVBoxLayout(self)
        self.pages = QStackedWidget(self)
        outer.addWidget(self.pages)

        # -- page 1: the count
        count_page = QWidget(self.pages)
        layout = QVBoxLayout(count_page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(count_page)
        self.heading.setObjectName("panelTitle")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self._show_heading("…")
        hint = QLabel(self.tr("Count the drawer: how many of each note and coin."), count_page)
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.counts: dict[int, QSpinBox] = {}
        self._subtotals: dict[int, QLabel] = {}
        notes, coins = denominations(self.money)
        boxes = QHBoxLayout()
        for title, values in ((self.tr("Notes"), notes), (self.tr("Coins"), coins)):
            box = QGroupBox(title, count_page)
            box.setObjectName("countBox")
            grid = QGridLayout(box)
            grid.setVerticalSpacing(4)
            grid.setHorizontalSpacing(14)
            grid.setColumnMinimumWidth(2, 150)
            grid.setColumnStretch(3, 1)
            for row, cents in enumerate(values):
                label = QLabel(self.money.format(cents), box)
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                spin = QSpinBox(box)
                spin.setObjectName(f"count{cents}")
                spin.setRange(0, 99999)
                spin.setMinimumWidth(130)
                spin.setAlignment(Qt.AlignmentFlag.AlignRight)
                spin.valueChanged.connect(self._update_totals)
                subtotal = QLabel(self.money.format(0), box)
                subtotal.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                grid.addWidget(label, row, 0)
                grid.addWidget(spin, row, 1)
                grid.addWidget(subtotal, row, 2)
                self.counts[cents] = spin
                self._subtotals[cents] = subtotal
            grid.setRowStretch(len(values), 1)
            boxes.addWidget(box, 1)
        layout.addLayout(boxes, 1)
        totals = QHBoxLayout()
        self.counted_label = QLabel(count_page)
        self.counted_label.setObjectName("countedTotal")
        self.expected_label = QLabel(self.tr("Expected {amount}").format(amount="…"), count_page)
        self.expected_label.setObjectName("expectedTotal")
        self.difference_label = QLabel(count_page)
        self.difference_label.setObjectName("countDifference")
        for label in (self.counted_label, self.expected_label, self.difference_label):
            totals.addWidget(label, 1)
        layout.addLayout(totals)
        self.message = QLabel(count_page)
        self.message.setObjectName("shiftMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        cancel = QPushButton(self.tr("Cancel (Esc)"), count_page)
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.close_button = QPushButton(self.tr("Close shift"), count_page)
        self.close_button.setObjectName("primary")
        self.close_button.setAutoDefault(False)  # Enter in a count field must never close the shift
        self.close_button.setEnabled(False)  # until the expected cash is read
        self.close_button.clicked.connect(self.close_shift)
        buttons.addWidget(cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.pages.addWidget(count_page)

        # -- page 2: the Z report
        report_page = QWidget(self.pages)
        report_layout = QVBoxLayout(report_page)
        report_layout.setContentsMargins(0, 0, 0, 0)
        self.done_title = QLabel(report_page)
        self.done_title.setObjectName("panelTitle")
        report_layout.addWidget(self.done_title)
        self.report_view = ZReportView(backend, report_page)
        self.report_view.actor = getattr(clerk, "name", None)
        report_layout.addWidget(self.report_view, 1)
        done = QPushButton(self.tr("Done"), report_page)
        done.setObjectName("primary")
        done.setAutoDefault(False)
        done.clicked.connect(self.accept)
        self.report_view.buttons.addWidget(done)
        self.pages.addWidget(report_page)
        self._update_totals()
        self.counts[max(self.counts)].setFocus()
        shifts, shift_id = self.ctx.facades.shifts, shift.id
        self.ctx.runner.read(self, lambda: (shifts.preview(shift_id), shifts.clerk_names()),
                             success=self._preview_read, failure=self._failed)

    def _show_heading(self, name: str) -> None:
        self.heading.setText(self.tr("Close shift {id} · opened {when} by {name} · float {amount}").format(
            id=self.shift.id, when=format_when(self.shift.opened_at, self.backend.language), name=name,
            amount=self.money.format(self.shift.float_cents)))

    def _preview_read(self, found: tuple[dict[str, Any], Mapping[int, str]]) -> None:
        preview, names = found
        self.clerk_names = dict(names)
        self.expected_cents = preview["cash"]["expected_cents"]
        self._show_heading(self.clerk_names.get(self.shift.clerk_id, "?"))
        self.expected_label.setText(self.tr("Expected {amount}").format(amount=self.money.format(self.expected_cents)))
        self._update_totals()
        self.close_button.setEnabled(self.closed is None)

    # -- the count ---------------------------------------------------------------------------------------------

    def counted(self) -> dict[int, int]:
        """Pieces per denomination (cents), only those counted."""
        return {cents: spin.value() for cents, spin in self.counts.items() if spin.value()}

    def counted_cents(self) -> int:
        return sum(cents * n for cents, n in self.counted().items())

    def set_count(self, cents: int, pieces: int) -> None:
        self.counts[cents].setValue(pieces)

    def _update_totals(self) -> None:
        for cents, spin in self.counts.items():
            self._subtotals[cents].setText(self.money.format(cents * spin.value()))
        counted = self.counted_cents()
        self.counted_label.setText(self.tr("Counted {amount}").format(amount=self.money.format(counted)))
        if self.expected_cents is None:
            self.difference_label.setText(self.tr("Difference {amount}").format(amount="…"))
            return
        difference = counted - self.expected_cents
        self.difference_label.setText(self.tr("Difference {amount}").format(amount=_signed(self.money, difference)))
        self.difference_label.setProperty("kind", "ok" if difference == 0 else "error")
        _refresh_style(self.difference_label)

    def close_shift(self) -> None:
        """Close with the count, unless a sale is half-done; the Z report shows when it is written."""
        if self.expected_cents is None or self.closed is not None:
            return
        busy = bool(self.sale_in_progress())
        if busy:
            self._say(describe(SaleInProgress(""), self.money), error=True)
            return
        self.close_button.setEnabled(False)
        self._say(self.tr("Closing the shift…"), error=False)
        shifts, shift_id, counted = self.ctx.facades.shifts, self.shift.id, self.counted()
        actor = getattr(self.clerk, "name", None)
        self.ctx.runner.write(self, lambda: shifts.close(shift_id, counted, actor, sale_in_progress=busy),
                              success=lambda changed: self._closed(changed.value), failure=self._failed)

    def _closed(self, shift: ShiftInfo) -> None:
        self.closed = shift
        self.done_title.setText(self.tr("Shift {id} closed: Z report").format(id=shift.id))
        self.report_view.set_shift(shift, self.clerk_names)
        if self.backend.data_dir is not None:
            # a PDF copy beside the data, whatever happens to the paper (the database keeps the report too)
            self.report_view.save_pdf(Path(self.backend.data_dir) / "z-reports" / self.report_view.default_pdf_name(),
                                      then=self._kept)
        self.pages.setCurrentIndex(1)
        self.setWindowTitle(self.tr("Z report · shift {id}").format(id=shift.id))
        self.shift_closed.emit(shift)

    def _kept(self, path: Path) -> None:
        self.kept_pdf = path

    def _say(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", "error" if error else "info")
        _refresh_style(self.message)

    def _failed(self, exc: Exception) -> None:
        self._say(describe(exc, self.money), error=True)
        self.close_button.setEnabled(self.expected_cents is not None and not isinstance(exc, NoOpenShift))


# ---------------------------------------------------------------------------------------------------- history


class ShiftHistoryDialog(QDialog):
    """The last closed shifts with the Z report each kept, to look at again, print or save (read in the
    background, and again when the change hub says a shift was closed)."""

    def __init__(self, backend: Backend, parent: QWidget | None = None, limit: int = 30,
                 actor: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shiftHistory")
        self.setStyleSheet(_STYLE)
        self.setWindowTitle(self.tr("Closed shifts"))
        self.setMinimumSize(1000, 640)
        self.backend = backend
        self.ctx = window_context(backend)
        self.limit = limit
        self.shifts: list[ShiftInfo] = []
        self.clerk_names: dict[int, str] = {}
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Shift"), self))
        self.picker = QComboBox(self)
        self.picker.setObjectName("shiftPicker")
        self.picker.setEnabled(False)
        top.addWidget(self.picker, 1)
        layout.addLayout(top)
        self.view = ZReportView(backend, self)
        self.view.actor = actor
        layout.addWidget(self.view, 1)
        close = QPushButton(self.tr("Close"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        self.view.buttons.addWidget(close)
        self.view.headline.setText(self.tr("Reading the closed shifts…"))
        self.picker.currentIndexChanged.connect(self._show)
        self.ctx.hub.shift_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        shifts, limit = self.ctx.facades.shifts, self.limit
        self.ctx.runner.read(self, lambda: (shifts.closed(limit), shifts.clerk_names()), success=self._read,
                             failure=lambda exc: self.view.headline.setText(describe(exc, self.ctx.money)))

    def _read(self, found: tuple[list[ShiftInfo], Mapping[int, str]]) -> None:
        shown = self.picker.currentData()
        self.shifts, self.clerk_names = list(found[0]), dict(found[1])
        money, language, names = self.ctx.money, self.backend.language, self.clerk_names
        self.picker.blockSignals(True)
        self.picker.clear()
        for shift in self.shifts:
            closed_at = format_when(shift.closed_at, language) if shift.closed_at else ""
            difference = (shift.report or {}).get("cash", {}).get("difference_cents") or 0
            self.picker.addItem(self.tr("Shift {id} · closed {closed} · opened by {name} · difference {difference}")
                                .format(id=shift.id, closed=closed_at, name=names.get(shift.clerk_id, "?"),
                                        difference=_signed(money, difference)), shift.id)
        self.picker.setEnabled(bool(self.shifts))
        if not self.shifts:
            self.picker.addItem(self.tr("No shift has been closed on this terminal yet."))
        index = self.picker.findData(shown) if shown is not None else -1
        self.picker.setCurrentIndex(max(index, 0))
        self.picker.blockSignals(False)
        self._show(self.picker.currentIndex())
        if not self.shifts:
            self.view.headline.setText(self.tr("No shift has been closed on this terminal yet."))

    def _show(self, index: int) -> None:
        self.view.set_shift(self.shifts[index] if 0 <= index < len(self.shifts) else None, self.clerk_names)
