"""FGL (Friendly Ghost Language: Boca Systems and compatible ticket printers): tickets as raster graphics rows.

No Python library speaks FGL, so this module writes the few commands we need. Each ticket is drawn by the same
layout as the PDF (:func:`boxoffice.printing.layouts.draw_ticket`) with Qt at the printer's own resolution
(200, 300 or 600 dpi), so every QR module and Code128 bar is a whole number of printer dots (no scaling blur),
thresholded to 1 bit (``QImage.Format_Mono``) and sent as one graphics command per non-blank dot row.

Commands used, and what Boca's FGL46/FGL26 programming guide says about each:

``<RCy,x>``  *Row/column*: moves the print position to dot row ``y`` (down the ticket from its leading edge)
             and dot column ``x`` (across the print head); later text or graphics start there.
``<Gn>``     *Graphics*: the next ``n`` bytes are graphics data printed at the current position, each byte eight
             dots, most significant bit first (leftmost), a 1 bit is a black dot. We send one row per command,
             starting at the row's first inked byte and ending at its last, so white space costs nothing.
             (The guide also has ``<gn>``, the same data for the other graphics mode (8 dots high per byte);
             we do not use it.)
``<p>``      *Print*: prints the ticket built so far and cuts it (one ``<p>`` per ticket: one ticket, one cut).
``<q>``      *Print, no cut*: prints without cutting (used for the pages of a receipt except its last).
``<S1>``     *Status request*: answered with one byte (X-ON) only when the printer is ready; why a printer is not
             ready comes unsolicited (see :mod:`boxoffice.printing.fgl_status`).

The graphics byte order and the meaning of row/column are as the guide describes them for the FGL46 graphics
command; they could not be checked on a real Boca here (the tests use the fake printer in
``tests/helpers/fake_fgl_printer.py``, which follows this description). Receipts and reports, laid out for an
80 mm roll, are drawn scaled to the ticket's width and cut into ticket-length pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPainter

from boxoffice.core.printout import ReceiptPrint, TicketPrint
from boxoffice.core.report_print import ReportPrint
from boxoffice.printing.layouts import RECEIPT_STOCK, STOCKS, Stock, draw_receipt, draw_report, draw_ticket
from boxoffice.printing.pdf import ensure_gui, measure_roll

DPIS = (200, 300, 600)
PRINT_AND_CUT = b"<p>"
PRINT_NO_CUT = b"<q>"
STATUS_REQUEST = b"<S1>"


def dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / 25.4)


@dataclass(frozen=True)
class Raster:
    """A 1-bit image: ``rows[y]`` is ``width_bytes`` bytes, MSB = leftmost dot, 1 = black."""

    width: int
    height: int
    rows: tuple[bytes, ...]

    @property
    def width_bytes(self) -> int:
        return (self.width + 7) // 8


def to_raster(image: QImage) -> Raster:
    """Threshold ``image`` (any format) to black and white, no dithering (dithered barcodes do not scan)."""
    flags = Qt.ImageConversionFlag.MonoOnly | Qt.ImageConversionFlag.ThresholdDither
    mono = image.convertToFormat(QImage.Format.Format_Mono, flags)
    black_is_one = QColor(mono.color(1)).lightness() < 128
    width_bytes = (mono.width() + 7) // 8
    per_line = mono.bytesPerLine()
    data = bytes(mono.constBits())[: per_line * mono.height()]
    spare = width_bytes * 8 - mono.width()
    last_mask = (0xFF << spare) & 0xFF
    invert = bytes((~b) & 0xFF for b in range(256))
    rows = []
    for y in range(mono.height()):
        row = data[y * per_line : y * per_line + width_bytes]
        if not black_is_one:
            row = row.translate(invert)
        if spare:
            row = row[:-1] + bytes([row[-1] & last_mask])  # padding bits are never ink
        rows.append(row)
    return Raster(mono.width(), mono.height(), tuple(rows))


def grey_raster(pixels: bytes, width: int, height: int) -> Raster:
    """:func:`to_raster` of plain 8-bit grey pixels (0 black), for callers without Qt images (tests, logos)."""
    image = QImage(pixels, width, height, width, QImage.Format.Format_Grayscale8)
    return to_raster(image.copy())


def graphics_rows(raster: Raster) -> Iterator[bytes]:
    """``<RCy,x><Gn>`` + data for each row with ink; blank rows and blank ends of rows are not sent."""
    for y, row in enumerate(raster.rows):
        stripped = row.lstrip(b"\x00")
        if not stripped:
            continue
        start = len(row) - len(stripped)
        data = stripped.rstrip(b"\x00")
        yield b"<RC%d,%d><G%d>" % (y, start * 8, len(data)) + data


def raster_command(raster: Raster, cut: bool = True) -> bytes:
    """One ticket: its graphics rows, then print-and-cut (or print without a cut)."""
    return b"".join(graphics_rows(raster)) + (PRINT_AND_CUT if cut else PRINT_NO_CUT)


def _blank(width: int, height: int) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(255, 255, 255))
    return image


def render_ticket(ticket: TicketPrint, paper: Stock, dpi: int, language: str = "es") -> Raster:
    """The ticket exactly as the PDF draws it, at the printer's resolution, in black and white."""
    ensure_gui()
    image = _blank(dots(paper.width_mm, dpi), dots(paper.height_mm, dpi))
    painter = QPainter(image)
    try:
        draw_ticket(painter, ticket, paper, dpi, language)
    finally:
        painter.end()
    return to_raster(image)


def ticket_command(ticket: TicketPrint, paper: Stock, dpi: int, language: str = "es") -> bytes:
    return raster_command(render_ticket(ticket, paper, dpi, language))


def _roll_commands(draw: Callable[[QPainter, float], float], paper: Stock, dpi: int) -> list[bytes]:
    """An 80 mm roll layout scaled to the ticket's width, cut into ticket-length pages (the last one cut)."""
    ensure_gui()
    scale = paper.width_mm / STOCKS[RECEIPT_STOCK].width_mm
    layout_dpi = dpi * scale  # the layout's millimetres shrink so 80 mm fill the ticket's width
    length_mm = measure_roll(draw, layout_dpi) * scale + paper.margin_mm
    width, page_height = dots(paper.width_mm, dpi), dots(paper.height_mm, dpi)
    total = max(1, dots(length_mm, dpi))
    image = _blank(width, total)
    painter = QPainter(image)
    try:
        draw(painter, layout_dpi)
    finally:
        painter.end()
    raster = to_raster(image)
    pages = [raster.rows[top : top + page_height] for top in range(0, total, page_height)]
    return [raster_command(Raster(width, len(rows), rows), cut=index == len(pages) - 1)
            for index, rows in enumerate(pages)]


def receipt_commands(receipt: ReceiptPrint, paper: Stock, dpi: int, language: str = "es") -> list[bytes]:
    return _roll_commands(lambda painter, d: draw_receipt(painter, receipt, d, language), paper, dpi)


def report_commands(report: ReportPrint, paper: Stock, dpi: int, language: str = "es") -> list[bytes]:
    return _roll_commands(lambda painter, d: draw_report(painter, report, d, language), paper, dpi)
