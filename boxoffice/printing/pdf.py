"""PDF output: tickets (one page each, streamed), receipts and reports, vector text and barcodes at 300 dpi."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageSize, QPainter, QPdfWriter, QPicture

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.printout import ReceiptPrint, TicketPrint
from boxoffice.core.report_print import ReportPrint
from boxoffice.printing.layouts import RECEIPT_STOCK, STOCKS, draw_receipt, draw_report, draw_ticket, stock

PDF_DPI = 300

_app: QGuiApplication | None = None


class PrintError(BoxOfficeError):
    """The output could not be produced; the message says why in words a clerk can act on."""


def ensure_gui() -> None:
    """Text drawing needs a QGuiApplication; headless callers (CLI, batch jobs) get an offscreen one."""
    global _app
    instance = QCoreApplication.instance()
    if instance is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QGuiApplication([])
    elif not isinstance(instance, QGuiApplication):
        raise PrintError("printing needs a Qt GUI application, but a console-only QCoreApplication is running",
                         code="printing_needs_gui")


def _writer(path: Path, width_mm: float, height_mm: float, title: str) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(PDF_DPI)
    writer.setTitle(title)
    writer.setCreator("Box office")
    writer.setPageSize(QPageSize(QSizeF(width_mm, height_mm), QPageSize.Unit.Millimeter, "ticket"))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0))
    return writer


def write_tickets_pdf(
    tickets: Iterable[TicketPrint],
    path: str | os.PathLike[str],
    stock_name: str = "thermal-80mm",
    language: str = "es",
) -> int:
    """Write one page per ticket to ``path``; returns the page count.

    ``tickets`` may be a generator: each page is drawn and handed to the writer before the next ticket is read, so
    a batch of 10,000 tickets never holds 10,000 pages (or tickets) in memory.
    """
    paper = stock(stock_name)
    ensure_gui()
    target = Path(path)
    writer = _writer(target, paper.width_mm, paper.height_mm, "Tickets")
    painter = QPainter()
    pages = 0
    try:
        for ticket in tickets:
            if pages == 0:
                if not painter.begin(writer):
                    raise PrintError(f"cannot write the PDF file {target}: check the folder exists and is writable",
                                     code="pdf_unwritable", params={"path": str(target)})
            elif not writer.newPage():
                raise PrintError(f"cannot add page {pages + 1} to {target}", code="pdf_page_failed",
                                 params={"page": pages + 1, "path": str(target)})
            draw_ticket(painter, ticket, paper, PDF_DPI, language)
            pages += 1
    finally:
        if painter.isActive():
            painter.end()
    if pages == 0:
        raise PrintError("there are no tickets to print", code="print_nothing")
    return pages


def measure_roll(draw: Callable[[QPainter, float], float], dpi: float) -> float:
    """How long (mm) a roll printout is: a dry run on a QPicture, so the page ends where the roll is cut."""
    picture = QPicture()
    measure = QPainter(picture)
    try:
        return draw(measure, dpi)
    finally:
        measure.end()


def _write_roll_pdf(draw: Callable[[QPainter, float], float], path: str | os.PathLike[str], title: str) -> None:
    """One 80 mm wide page exactly as long as ``draw`` needs."""
    ensure_gui()
    target = Path(path)
    paper = STOCKS[RECEIPT_STOCK]
    height_mm = measure_roll(draw, PDF_DPI)
    writer = _writer(target, paper.width_mm, height_mm + paper.margin_mm, title)
    painter = QPainter()
    if not painter.begin(writer):
        raise PrintError(f"cannot write the PDF file {target}: check the folder exists and is writable",
                         code="pdf_unwritable", params={"path": str(target)})
    try:
        draw(painter, PDF_DPI)
    finally:
        painter.end()


def write_receipt_pdf(receipt: ReceiptPrint, path: str | os.PathLike[str], language: str = "es") -> None:
    """Write the receipt as a single 80 mm wide page, as long as the receipt needs."""
    _write_roll_pdf(lambda painter, dpi: draw_receipt(painter, receipt, dpi, language), path, "Receipt")


def write_report_pdf(report: ReportPrint, path: str | os.PathLike[str], language: str = "es") -> None:
    """Write a report (Z report) as one 80 mm wide page exactly as long as it needs, like a receipt."""
    _write_roll_pdf(lambda painter, dpi: draw_report(painter, report, dpi, language), path, report.title)
