"""Installed system printers (CUPS on Linux, the Windows spooler) through Qt's QPrinter.

The same layouts as the PDF output are drawn at the printer's resolution. When no printer is installed (for
example no CUPS), :func:`installed_printers` is empty and every print call raises a :class:`PrintError` saying
printing is not set up; the app keeps working (PLATFORM.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from boxoffice.core.printout import ReceiptPrint, TicketPrint
from boxoffice.core.report_print import ReportPrint
from boxoffice.printing.layouts import RECEIPT_STOCK, STOCKS, Stock, draw_receipt, draw_report, draw_ticket, stock
from boxoffice.printing.pdf import PrintError, ensure_gui, measure_roll

NOT_SET_UP = "no printer is installed on this computer: printing is not set up (add the printer to the system first)"


def installed_printers() -> list[str]:
    """Names of the printers the system offers (empty without CUPS / a spooler)."""
    ensure_gui()
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def find_printer(name: str = "") -> QPrinterInfo:
    """The installed printer called ``name`` (the system default when empty), or a PrintError saying what is wrong."""
    ensure_gui()
    available = QPrinterInfo.availablePrinters()
    if not available:
        raise PrintError(NOT_SET_UP, code="printer_none_installed")
    if not name:
        default = QPrinterInfo.defaultPrinter()
        if default.isNull():
            raise PrintError("no printer is chosen and the system has no default printer: choose one in settings",
                             code="printer_no_default")
        return default
    for info in available:
        if info.printerName() == name:
            return info
    names = ", ".join(info.printerName() for info in available)
    raise PrintError(f"the printer {name!r} is not installed (installed: {names}); choose another in settings",
                     code="printer_not_installed", params={"name": name, "installed": names})


def _page(qprinter: QPrinter, width_mm: float, height_mm: float) -> None:
    size = QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "ticket")
    layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    qprinter.setFullPage(True)
    qprinter.setPageLayout(layout)


def _named(qprinter: QPrinter) -> dict[str, str]:
    """The printer as the window names it (ui/error_text.py: "the printer X", or the system's default)."""
    return {"printer_kind": "system", "printer_address": qprinter.printerName() or ""}


def _check(qprinter: QPrinter, what: str) -> None:
    if qprinter.printerState() == QPrinter.PrinterState.Error:
        raise PrintError(f"the printer {qprinter.printerName() or ''} reported an error while printing {what}: "
                         "check it is on, has paper and is not paused; the sale is kept and can be reprinted",
                         code="printer_reported_error", params=_named(qprinter))


def _begin(painter: QPainter, qprinter: QPrinter) -> None:
    if not painter.begin(qprinter):
        raise PrintError(f"cannot start printing on {qprinter.printerName() or 'the printer'}: it may be offline "
                         "or paused; the sale is kept and can be reprinted", code="printer_cannot_start",
                         params=_named(qprinter))


def tickets_on(qprinter: QPrinter, tickets: Iterable[TicketPrint], paper: Stock, language: str = "es") -> int:
    """Draw one page per ticket on an already chosen QPrinter (system printer, or a PDF-format QPrinter)."""
    ensure_gui()
    _page(qprinter, paper.width_mm, paper.height_mm)
    painter = QPainter()
    pages = 0
    try:
        for ticket in tickets:
            if pages == 0:
                _begin(painter, qprinter)
            elif not qprinter.newPage():
                raise PrintError(f"the printer stopped before ticket {pages + 1}; "
                                 "the sale is kept and can be reprinted", code="printer_stopped",
                                 params={**_named(qprinter), "ticket": pages + 1})
            draw_ticket(painter, ticket, paper, qprinter.resolution(), language)
            pages += 1
    finally:
        if painter.isActive():
            painter.end()
    if pages == 0:
        raise PrintError("there are no tickets to print", code="print_nothing")
    _check(qprinter, "the tickets")
    return pages


def _roll_on(qprinter: QPrinter, draw: Callable[[QPainter, float], float], what: str) -> None:
    """Draw on one 80 mm page exactly as long as ``draw`` needs (a roll printer cuts there)."""
    ensure_gui()
    paper = STOCKS[RECEIPT_STOCK]
    height_mm = measure_roll(draw, qprinter.resolution())
    _page(qprinter, paper.width_mm, height_mm + paper.margin_mm)
    painter = QPainter()
    _begin(painter, qprinter)
    try:
        draw(painter, qprinter.resolution())
    finally:
        painter.end()
    _check(qprinter, what)


def receipt_on(qprinter: QPrinter, receipt: ReceiptPrint, language: str = "es") -> None:
    """Draw the receipt on one page exactly as long as it needs (a roll printer cuts there)."""
    _roll_on(qprinter, lambda painter, dpi: draw_receipt(painter, receipt, dpi, language), "the receipt")


def report_on(qprinter: QPrinter, report: ReportPrint, language: str = "es") -> None:
    """Draw a report (Z report) on one 80 mm page as long as it needs."""
    _roll_on(qprinter, lambda painter, dpi: draw_report(painter, report, dpi, language), "the report")


def _printer(name: str, job: str) -> QPrinter:
    qprinter = QPrinter(find_printer(name), QPrinter.PrinterMode.HighResolution)
    qprinter.setDocName(job)
    qprinter.setCreator("Box office")
    return qprinter


def print_tickets(name: str, tickets: Iterable[TicketPrint], stock_name: str = "thermal-80mm",
                  language: str = "es") -> int:
    paper = stock(stock_name)
    return tickets_on(_printer(name, "Tickets"), tickets, paper, language)


def print_receipt(name: str, receipt: ReceiptPrint, language: str = "es") -> None:
    receipt_on(_printer(name, "Receipt"), receipt, language)


def print_report(name: str, report: ReportPrint, language: str = "es") -> None:
    report_on(_printer(name, report.title), report, language)
