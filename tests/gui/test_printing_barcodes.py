"""Barcodes drawn with QPainter on an image decode with a real decoder (zbar); Qt, so it lives in tests/gui."""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from boxoffice.printing.barcodes import CODE128_QUIET, QR_QUIET, code128_modules, draw_code128, draw_qr, qr_matrix
from tests.unit.printing.printing_helpers import decode

BARCODE = "K7M2QX9P4R1TZ0001A"


def _image(width: int, height: int) -> tuple[QImage, QPainter]:
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(QColor(255, 255, 255))
    return image, QPainter(image)


def _pixels(image: QImage) -> bytes:
    stride = image.bytesPerLine()
    raw = bytes(image.constBits())
    return b"".join(raw[y * stride : y * stride + image.width()] for y in range(image.height()))


def test_drawn_code128_keeps_quiet_zone_whole_modules_and_decodes(qapp: object) -> None:
    image, painter = _image(900, 200)
    box = draw_code128(painter, BARCODE, QRectF(10, 20, 880, 120))
    painter.end()
    module = box.width() / (len(code128_modules(BARCODE)) + 2 * CODE128_QUIET)
    assert module == int(module) >= 2
    # The quiet zone on both sides stays white.
    row = 80
    for x in range(int(box.left()), int(box.left() + CODE128_QUIET * module)):
        assert image.pixelColor(x, row).lightness() == 255
    for x in range(int(box.right() - CODE128_QUIET * module), int(box.right())):
        assert image.pixelColor(x, row).lightness() == 255
    assert decode(_pixels(image), image.width(), image.height()).get("CODE128") == [BARCODE]


def test_drawn_qr_decodes(qapp: object) -> None:
    image, painter = _image(400, 400)
    box = draw_qr(painter, BARCODE, QRectF(0, 0, 400, 400))
    painter.end()
    assert box.width() == box.height() <= 400
    assert box.width() % (len(qr_matrix(BARCODE)) + 2 * QR_QUIET) == 0
    assert decode(_pixels(image), image.width(), image.height()).get("QRCODE") == [BARCODE]
