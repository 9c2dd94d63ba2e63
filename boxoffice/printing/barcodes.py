"""Vector Code128 and QR drawing on a QPainter.

The module patterns come from python-barcode (Code128) and qrcode (QR); the bars and modules are drawn here with
``fillRect`` because python-barcode's SVG renders as a solid block in QSvgRenderer (PLATFORM.md). Every module is
a whole number of device dots wide, so a 300 dpi printer or PDF raster gets crisp, equal bars that scan.
"""

from __future__ import annotations

from functools import lru_cache

import barcode as python_barcode
import qrcode
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QPainter
from qrcode.constants import ERROR_CORRECT_M

#: Quiet zones required by the symbologies, in modules.
CODE128_QUIET = 10
QR_QUIET = 4

_BLACK = QColor(0, 0, 0)


@lru_cache(maxsize=256)
def code128_modules(data: str) -> str:
    """The Code128 module pattern ("1" bar, "0" space) for ``data``, without quiet zones."""
    if not data or not data.isascii():
        raise ValueError(f"Code128 needs ASCII text, not {data!r}")
    return python_barcode.get("code128", data).build()[0]


@lru_cache(maxsize=256)
def qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    """The QR module matrix for ``data`` (error correction M), without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(cell) for cell in row) for row in code.get_matrix())


def _runs(cells: str | tuple[bool, ...]) -> list[tuple[int, int]]:
    """(start, length) of each run of dark cells, so adjacent bars are one rectangle with no hairline seams."""
    runs: list[tuple[int, int]] = []
    start = -1
    for index, cell in enumerate(cells):
        dark = cell == "1" if isinstance(cell, str) else bool(cell)
        if dark and start < 0:
            start = index
        elif not dark and start >= 0:
            runs.append((start, index - start))
            start = -1
    if start >= 0:
        runs.append((start, len(cells) - start))
    return runs


def code128_width(data: str, module: int) -> int:
    """Total width in device units of the symbol with both quiet zones, at ``module`` units per module."""
    return (len(code128_modules(data)) + 2 * CODE128_QUIET) * module


def fit_module(total_modules: int, available: float, minimum: int = 1) -> int:
    """The largest whole module size that fits ``total_modules`` into ``available`` device units."""
    return max(minimum, int(available // total_modules))


def draw_code128(painter: QPainter, data: str, rect: QRectF, min_module: int = 2) -> QRectF:
    """Draw ``data`` as Code128 centred horizontally in ``rect`` (quiet zones included), bars as tall as ``rect``.

    Returns the rectangle the symbol (with quiet zones) occupies.
    """
    pattern = code128_modules(data)
    module = fit_module(len(pattern) + 2 * CODE128_QUIET, rect.width(), min_module)
    width = (len(pattern) + 2 * CODE128_QUIET) * module
    left = round(rect.left() + (rect.width() - width) / 2)
    top = round(rect.top())
    height = round(rect.height())
    x0 = left + CODE128_QUIET * module
    for start, length in _runs(pattern):
        painter.fillRect(x0 + start * module, top, length * module, height, _BLACK)
    return QRectF(left, top, width, height)


def draw_qr(painter: QPainter, data: str, rect: QRectF, min_module: int = 2) -> QRectF:
    """Draw ``data`` as a QR code centred in ``rect`` (4-module quiet zone included, as a square).

    Returns the square the symbol (with quiet zone) occupies.
    """
    matrix = qr_matrix(data)
    count = len(matrix) + 2 * QR_QUIET
    module = fit_module(count, min(rect.width(), rect.height()), min_module)
    side = count * module
    left = round(rect.left() + (rect.width() - side) / 2)
    top = round(rect.top() + (rect.height() - side) / 2)
    x0 = left + QR_QUIET * module
    y0 = top + QR_QUIET * module
    for y, row in enumerate(matrix):
        for start, length in _runs(row):
            painter.fillRect(x0 + start * module, y0 + y * module, length * module, module, _BLACK)
    return QRectF(left, top, side, side)
