"""A batch's tickets as one PDF, written page by page with bounded memory (no Qt on the central).

Each ticket is one 210 x 99 mm page: event, ticket type, price, the batch line, and its QR payload as a vector
QR code and a vector Code128 (rectangles, so they decode at any resolution). The writer is a small streaming
PDF 1.4 writer: every page's content is compressed and handed to ``sink`` as soon as it is drawn; only the byte
offsets of the objects are kept (a few hundred kilobytes for 10,000 pages), so memory does not grow with the
batch. Text uses the standard Helvetica fonts (WinAnsi: characters outside it print as ``?``).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import barcode as python_barcode
import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from qrcode.util import MODE_ALPHA_NUM, QRData

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 99 * MM
QR_MODULE = 4.0
"""Points per QR module: 29 modules with the quiet zone, about 41 mm."""
BAR_MODULE = 1.25
"""Points per Code128 module (0.44 mm: scanners and zbar at 150 dpi read it)."""
QR_QUIET, BAR_QUIET = 4, 10
ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
FIRST_PAGE_OBJECT = 5
"""Objects 1-4: catalog, page tree, the two fonts; then a content stream and a page object per ticket."""


@dataclass(frozen=True)
class TicketFace:
    """What one printed ticket shows."""

    event_name: str
    type_name: str
    price_text: str
    qr_payload: str
    footer: str


def qr_modules(data: str) -> list[str]:
    """The QR matrix (error correction M, no quiet zone) as rows of ``1`` (dark) and ``0``; version 1 and a
    fixed mask for the 18-character codes (no mask search: about 1 ms)."""
    code = qrcode.QRCode(version=1, error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    alphanumeric = all(ch in ALPHANUMERIC for ch in data)
    code.add_data(QRData(data, mode=MODE_ALPHA_NUM) if alphanumeric else data)
    try:
        code.make(fit=False)
    except DataOverflowError:
        code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
        code.add_data(data)
        code.make(fit=True)
    return ["".join(map(_DIGIT.__getitem__, line)) for line in code.modules]


_DIGIT = {True: "1", False: "0", None: "0"}


def bar_pattern(data: str) -> str:
    """The Code128 pattern, ``1`` a dark module."""
    return str(python_barcode.get("code128", data).build()[0])


_INVERT = str.maketrans("01", "10")


def _image(rows: list[str], x: float, y: float, module_w: float, module_h: float) -> bytes:
    """An inline image of ``rows`` (``1`` dark; not interpolated: crisp modules at any zoom) placed at ``x, y``.

    Samples are 1-bit grey (dark = 0), each row padded with white to whole bytes, hex-encoded."""
    width, height = len(rows[0]), len(rows)
    pad = "1" * ((-width) % 8)
    size = (width + len(pad)) // 8
    samples = b"".join(int(row.translate(_INVERT) + pad, 2).to_bytes(size, "big") for row in rows)
    head = (f"q {width * module_w:.2f} 0 0 {height * module_h:.2f} {x:.2f} {y:.2f} cm\n"
            f"BI /W {width} /H {height} /CS /G /BPC 1 /I false /F /AHx ID\n").encode("ascii")
    return head + samples.hex().encode("ascii") + b">\nEI Q\n"


def _text(value: str) -> str:
    raw = value.encode("cp1252", errors="replace").decode("latin-1")
    return raw.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _line(font: str, size: float, x: float, y: float, value: str) -> str:
    return f"BT /{font} {size:g} Tf {x:.2f} {y:.2f} Td ({_text(value)}) Tj ET\n"


def page_content(face: TicketFace) -> bytes:
    """The drawing operators of one ticket page (PDF coordinates: origin bottom left, points)."""
    margin = 12 * MM
    text = [_line("F2", 16, margin, PAGE_H - margin - 8, face.event_name[:60]),
            _line("F1", 12, margin, PAGE_H - margin - 28, face.type_name[:70]),
            _line("F2", 14, margin, PAGE_H - margin - 48, face.price_text),
            _line("F1", 8, margin, margin - 8, face.footer[:110])]
    matrix = qr_modules(face.qr_payload)
    blank, quiet = "0" * (len(matrix) + 2 * QR_QUIET), "0" * QR_QUIET
    qr_rows = [blank] * QR_QUIET + [quiet + line + quiet for line in matrix] + [blank] * QR_QUIET
    side = len(blank) * QR_MODULE
    bars = ["0" * BAR_QUIET + bar_pattern(face.qr_payload) + "0" * BAR_QUIET]
    bar_y = margin + 10
    text.append(_line("F1", 9, margin + BAR_QUIET * BAR_MODULE, bar_y - 10, face.qr_payload))
    return ("".join(text).encode("latin-1")
            + _image(qr_rows, PAGE_W - margin - side, PAGE_H - margin - side, QR_MODULE, QR_MODULE)
            + _image(bars, margin, bar_y, BAR_MODULE, 36.0))


class StreamingPdf:
    """Writes objects to ``sink`` as they are made; :meth:`close` writes the page tree and the xref table."""

    def __init__(self, sink: Callable[[bytes], None]) -> None:
        self._sink = sink
        self._written = 0
        self._offsets: dict[int, int] = {}
        self._pages = 0
        self._emit(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        self._object(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        self._object(3, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        self._object(4, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")

    def _emit(self, data: bytes) -> None:
        self._sink(data)
        self._written += len(data)

    def _object(self, number: int, body: bytes) -> None:
        self._offsets[number] = self._written
        self._emit(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    def add_page(self, content: bytes) -> None:
        stream = zlib.compress(content, 6)
        number = FIRST_PAGE_OBJECT + 2 * self._pages
        self._object(number, b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
                     + b"\nendstream")
        self._object(number + 1, (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_W:.2f} {PAGE_H:.2f}] /Contents {number} 0 R "
            "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>").encode("ascii"))
        self._pages += 1

    def close(self) -> int:
        """Finish the file; returns its size in bytes."""
        kids = " ".join(f"{FIRST_PAGE_OBJECT + 2 * i + 1} 0 R" for i in range(self._pages))
        self._object(2, f"<< /Type /Pages /Count {self._pages} /Kids [{kids}] >>".encode("ascii"))
        size = FIRST_PAGE_OBJECT + 2 * self._pages
        xref = self._written
        self._emit(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            self._emit(b"%010d 00000 n \n" % self._offsets[number])
        self._emit(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, xref))
        return self._written


def render(faces: Iterable[TicketFace], sink: Callable[[bytes], None]) -> tuple[int, int]:
    """Write one page per ticket to ``sink``; returns ``(pages, bytes)``. ``faces`` may be a lazy iterator."""
    pdf = StreamingPdf(sink)
    pages = 0
    for face in faces:
        pdf.add_page(page_content(face))
        pages += 1
    return pages, pdf.close()
