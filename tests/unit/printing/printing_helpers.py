"""Sample tickets/receipts and the external tools the printing tests use (poppler, zbar), skipping when absent."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from boxoffice.core.printout import ReceiptDiscount, ReceiptLine, ReceiptPayment, ReceiptPrint, TicketPrint

MADRID = timezone(timedelta(hours=1))
PURCHASE = "K7M2QX9P4R1TZ"


def ticket(number: int = 1, **changes: object) -> TicketPrint:
    values: dict[str, object] = {
        "event_name": "Cascanueces — Ballet Nacional",
        "event_start": datetime(2026, 12, 5, 20, 30, tzinfo=MADRID),
        "zone": "Platea",
        "zone_colour": "#c0392b",
        "row": "F",
        "seat": "12",
        "product": "Adulto",
        "price_cents": 2500,
        "office": "Taquilla Centro",
        "clerk": "Ana García",
        "purchase_code": PURCHASE,
        "barcode": f"{PURCHASE}{number:04d}A",
    }
    values.update(changes)
    return TicketPrint(**values)  # type: ignore[arg-type]


def receipt(**changes: object) -> ReceiptPrint:
    values: dict[str, object] = {
        "purchase_code": PURCHASE,
        "date": datetime(2026, 11, 23, 17, 5, tzinfo=MADRID),
        "office": "Taquilla Centro",
        "clerk": "Ana García",
        "lines": (
            ReceiptLine("Cascanueces · Platea · Adulto", 2, 2500, 5000),
            ReceiptLine("Cascanueces · Platea · Niño", 1, 1250, 1250),
        ),
        "subtotal_cents": 6250,
        "total_cents": 5625,
        "discounts": (ReceiptDiscount("Descuento familia 10%", 625),),
        "payments": (ReceiptPayment("Efectivo", 6000, 375),),
    }
    values.update(changes)
    return ReceiptPrint(**values)  # type: ignore[arg-type]


def need_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        print(f"skipping: {name} not installed (Debian package {package})")
        pytest.skip(f"{name} not installed (Debian package {package})")
    return path


def pdf_text(pdf: Path) -> str:
    """The PDF's text through pdftotext (poppler-utils)."""
    tool = need_tool("pdftotext", "poppler-utils")
    return subprocess.run([tool, "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True).stdout.decode()


def pdf_pages(pdf: Path) -> int:
    tool = need_tool("pdfinfo", "poppler-utils")
    out = subprocess.run([tool, str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))


def render_gray(pdf: Path, page: int, out_dir: Path, dpi: int = 300) -> tuple[bytes, int, int]:
    """Rasterise one page with pdftoppm into 8-bit grey pixels: (pixels, width, height)."""
    tool = need_tool("pdftoppm", "poppler-utils")
    stem = out_dir / f"page{page}"
    subprocess.run(
        [tool, "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem)],
        check=True,
        capture_output=True,
    )
    return _read_pgm((stem.with_suffix(".pgm")).read_bytes())


def _read_pgm(data: bytes) -> tuple[bytes, int, int]:
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        if data[pos : pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5" and fields[3] == b"255", fields
    width, height = int(fields[1]), int(fields[2])
    pixels = data[pos + 1 : pos + 1 + width * height]
    assert len(pixels) == width * height
    return pixels, width, height


def decode(pixels: bytes, width: int, height: int) -> dict[str, list[str]]:
    """Every symbol zbar finds, by type: {"QRCODE": [...], "CODE128": [...]}."""
    try:
        from pyzbar import pyzbar
    except ImportError as error:  # pyzbar missing, or libzbar0 missing (ImportError from the ctypes loader)
        print(f"skipping: zbar decoder unavailable ({error}); pip install pyzbar, apt-get install libzbar0")
        pytest.skip(f"zbar decoder unavailable: {error}")
    found: dict[str, list[str]] = {}
    for symbol in pyzbar.decode((pixels, width, height)):
        found.setdefault(symbol.type, []).append(symbol.data.decode("ascii"))
    return found
