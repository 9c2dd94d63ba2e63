"""FGL raster encoding: 1-bit rows MSB-first, blank rows and ends not sent, and a ticket rebuilt from the stream
decodes (QR and Code128) to its barcode at each resolution."""

from __future__ import annotations

import pytest

from boxoffice.printing import fgl
from boxoffice.printing.layouts import STOCKS
from tests.helpers.fake_fgl_printer import Printout
from tests.unit.printing.printing_helpers import decode, ticket


def _parse(stream: bytes) -> list[Printout]:
    """The fake printer's parser, fed the bytes directly (no socket)."""
    import re

    out, rows, pos = [], {}, 0
    y = x = 0
    token = re.compile(rb"<([^<>]*)>")
    while pos < len(stream):
        match = token.match(stream, pos)
        assert match, stream[pos : pos + 20]
        command, pos = match.group(1), match.end()
        if command.startswith(b"RC"):
            y, x = (int(v) for v in command[2:].split(b","))
        elif command.startswith(b"G"):
            n = int(command[1:])
            rows[y] = (x, stream[pos : pos + n])
            pos += n
        else:
            assert command in (b"p", b"q"), command
            out.append(Printout(rows, cut=command == b"p"))
            rows = {}
    return out


def test_rows_are_msb_first_black_is_one_and_trimmed(qapp: object) -> None:
    pixels = bytearray(b"\xff" * 24 * 3)
    pixels[24 + 8] = pixels[24 + 15] = 0  # second row: the second byte's leftmost and rightmost dots
    raster = fgl.grey_raster(bytes(pixels), 24, 3)
    assert raster.rows == (b"\x00\x00\x00", b"\x00\x81\x00", b"\x00\x00\x00")
    assert fgl.raster_command(raster) == b"<RC1,8><G1>\x81<p>"  # blank rows and blank bytes are not sent
    assert fgl.raster_command(raster, cut=False).endswith(b"<q>")


def test_a_pale_grey_is_white_and_a_dark_colour_black(qapp: object) -> None:
    pixels = bytes([95] + [0xDD] * 9)  # 95: the grey of a red zone band (#c0392b): black on paper; #dddddd white
    assert fgl.grey_raster(pixels, 10, 1).rows == (b"\x80\x00",)  # no dithering: the padding bits stay white too


@pytest.mark.parametrize(("stock", "dpi"), [("fanfold-2x5.5", 200), ("fanfold-3.25x8", 300)])
def test_a_rebuilt_ticket_decodes_to_its_barcode(qapp: object, stock: str, dpi: int) -> None:
    paper = STOCKS[stock]
    sold = ticket(3)
    stream = fgl.ticket_command(sold, paper, dpi, "es")
    (printout,) = _parse(stream)
    assert printout.cut
    width, height = printout.size()
    assert width <= fgl.dots(paper.width_mm, dpi) and height <= fgl.dots(paper.height_mm, dpi)
    found = decode(*printout.grey())
    assert found.get("QRCODE") == [sold.barcode]
    assert found.get("CODE128") == [sold.barcode]


def test_a_receipt_is_cut_once_after_its_last_page(qapp: object) -> None:
    from tests.unit.printing.printing_helpers import receipt

    pages = fgl.receipt_commands(receipt(), STOCKS["fanfold-2x5.5"], 200, "en")
    assert pages and pages[-1].endswith(b"<p>") and all(page.endswith(b"<q>") for page in pages[:-1])
