"""PDF tickets and receipts: the text a person reads, and the barcodes a scanner reads, off the real PDF."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.printing.layouts import STOCKS
from boxoffice.printing.pdf import PrintError, write_receipt_pdf, write_tickets_pdf
from tests.unit.printing.printing_helpers import decode, pdf_pages, pdf_text, receipt, render_gray, ticket


@pytest.mark.parametrize("stock", sorted(STOCKS))
def test_ticket_pdf_text_has_event_seat_price_and_purchase_code(qapp: object, tmp_path: Path, stock: str) -> None:
    pdf = tmp_path / "t.pdf"
    assert (
        write_tickets_pdf(
            [ticket(), ticket(2, row=None, seat=None, product="Niño", price_cents=1250)], pdf, stock, "es"
        )
        == 2
    )
    text = pdf_text(pdf)
    flat = " ".join(text.split())
    assert "Cascanueces" in flat and "Ballet Nacional" in flat
    assert "sáb 5 dic 2026 · 20:30" in flat
    assert "Fila F" in flat and "Butaca 12" in flat
    assert "25,00 €" in flat and "12,50 €" in flat
    assert "General" in flat and "Niño" in flat
    assert "K7M2QX9P4R1TZ" in flat
    assert "Zona Platea" in flat and "Ana García" in flat
    assert pdf_pages(pdf) == 2


def test_english_ticket_and_flags(qapp: object, tmp_path: Path) -> None:
    pdf = tmp_path / "t.pdf"
    write_tickets_pdf([ticket(reprint=True, training=True, comp=True, price_cents=0)], pdf, "thermal-80mm", "en")
    flat = " ".join(pdf_text(pdf).split())
    for expected in (
        "REPRINT",
        "TRAINING / FORMACIÓN",
        "COMP",
        "Row F",
        "Seat 12",
        "€0.00",
        "Sat Dec 5, 2026 · 8:30 PM",
    ):
        assert expected in flat


@pytest.mark.parametrize("stock", sorted(STOCKS))
def test_qr_and_code128_on_the_pdf_decode_to_the_ticket_barcode(qapp: object, tmp_path: Path, stock: str) -> None:
    pdf = tmp_path / "t.pdf"
    tickets = [ticket(1), ticket(2, seat=None, row=None)]
    write_tickets_pdf(tickets, pdf, stock)
    for page, printed in enumerate(tickets, start=1):
        found = decode(*render_gray(pdf, page, tmp_path))
        assert found.get("QRCODE") == [printed.barcode], found
        assert found.get("CODE128") == [printed.barcode], found


def test_two_hundred_tickets_stream_from_a_generator(qapp: object, tmp_path: Path) -> None:
    drawn: list[int] = []

    def tickets() -> Iterator:
        for number in range(1, 201):
            drawn.append(number)
            yield ticket(number)

    pdf = tmp_path / "batch.pdf"
    assert write_tickets_pdf(tickets(), pdf, "fanfold-2x5.5") == 200
    assert drawn == list(range(1, 201))
    assert pdf_pages(pdf) == 200
    # Vector output stays small: well under 10 kB a ticket.
    assert pdf.stat().st_size < 200 * 10_000


def test_no_tickets_unknown_stock_and_unwritable_path_are_clear_errors(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="no tickets"):
        write_tickets_pdf([], tmp_path / "empty.pdf")
    with pytest.raises(ValueError, match="thermal-80mm"):
        write_tickets_pdf([ticket()], tmp_path / "x.pdf", "a4-sheet")
    with pytest.raises(PrintError, match="cannot write"):
        write_tickets_pdf([ticket()], tmp_path / "missing-dir" / "x.pdf")


def test_receipt_pdf_has_lines_discount_payment_change_and_totals(qapp: object, tmp_path: Path) -> None:
    pdf = tmp_path / "r.pdf"
    write_receipt_pdf(receipt(), pdf, "es")
    flat = " ".join(pdf_text(pdf).split())
    for expected in (
        "Taquilla Centro",
        "Recibo",
        "K7M2QX9P4R1TZ",
        "23/11/2026 17:05",
        "Ana García",
        "2 × Cascanueces · Platea · Adulto",
        "50,00 €",
        "12,50 €",
        "Subtotal",
        "62,50 €",
        "Descuento familia 10%",
        "-6,25 €",
        "Total",
        "56,25 €",
        "Efectivo",
        "60,00 €",
        "Cambio",
        "3,75 €",
    ):
        assert expected in flat, expected


def test_receipt_page_grows_with_its_lines(qapp: object, tmp_path: Path) -> None:
    from boxoffice.core.printout import ReceiptLine

    short, long = tmp_path / "short.pdf", tmp_path / "long.pdf"
    write_receipt_pdf(receipt(), short)
    many = tuple(ReceiptLine(f"Entrada {n}", 1, 100, 100) for n in range(60))
    write_receipt_pdf(receipt(lines=many, reprint=True), long)
    _, _, short_height = render_gray(short, 1, tmp_path, dpi=50)
    _, _, long_height = render_gray(long, 1, tmp_path, dpi=50)
    assert long_height > short_height * 3
    assert "Entrada 59" in pdf_text(long) and "DUPLICADO" in pdf_text(long)
