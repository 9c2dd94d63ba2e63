"""What the customer reads on a ticket (#14): the seat as zone, row and number on one unbroken line that fits
every stock, and a family pass's tickets saying they are the pass's, with the pass's price, not a share of it.
Checked off the real PDF (poppler's pdftotext, with word boxes) and the ESC/POS bytes."""

from __future__ import annotations

import html
import re
import subprocess
from pathlib import Path

import pytest

from boxoffice.core.printout import PassShare
from boxoffice.printing.escpos_output import ticket_bytes
from boxoffice.printing.layouts import STOCKS
from boxoffice.printing.pdf import write_tickets_pdf
from tests.unit.printing.printing_helpers import need_tool, pdf_text, ticket

FAMILY = PassShare("Pase Familiar", 8000, 2, 5)


def _lines(pdf: Path) -> list[str]:
    """The PDF's text lines, spaces (no-break ones too) made plain."""
    return [" ".join(line.split()) for line in pdf_text(pdf).splitlines() if line.strip()]


def _words(pdf: Path) -> tuple[float, list[tuple[str, float, float]]]:
    """The first page's width and every word with its left and right edge (pdftotext -bbox), in points."""
    tool = need_tool("pdftotext", "poppler-utils")
    out = subprocess.run([tool, "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True, capture_output=True,
                         text=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', out).group(1))
    words = [(html.unescape(w), float(x0), float(x1))
             for x0, x1, w in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">'
                                         r'([^<]*)</word>', out)]
    return width, words


@pytest.mark.parametrize("stock", sorted(STOCKS))
def test_the_seat_reads_row_and_seat_number_on_one_line(qapp: object, tmp_path: Path, stock: str) -> None:
    pdf = tmp_path / "t.pdf"
    write_tickets_pdf([ticket(zone="Preferente", row="D", seat="GEN101")], pdf, stock, "es")
    lines = _lines(pdf)
    assert "Fila D · Butaca 101" in lines, lines  # one line: not wrapped, and the number, not the code
    assert "Zona Preferente" in lines
    assert not any("GEN101" in line for line in lines)


@pytest.mark.parametrize("stock", sorted(STOCKS))
@pytest.mark.parametrize("language", ["es", "en"])
def test_long_zone_row_and_seat_fit_the_stock_without_breaking_a_word(qapp: object, tmp_path: Path, stock: str,
                                                                       language: str) -> None:
    pdf = tmp_path / "t.pdf"
    long = ticket(zone="Anfiteatro Principal Izquierdo", row="AA", seat="ANF1234")
    write_tickets_pdf([long], pdf, stock, language)
    width, words = _words(pdf)
    margin = STOCKS[stock].margin_mm * 72 / 25.4
    assert words and all(x0 >= margin - 1 and x1 <= width - margin + 1 for _w, x0, x1 in words), (width, words)
    seat, row = ("Butaca", "Fila") if language == "es" else ("Seat", "Row")
    lines = _lines(pdf)
    assert any(line.endswith(f"{seat} 1234") for line in lines), lines  # "Butaca" and "1234" stay together
    assert any(f"{row} AA" in line for line in lines), lines
    assert not any(line in ("1234", "AA", seat, row) for line in lines), lines  # no word left alone on a line


@pytest.mark.parametrize("stock", sorted(STOCKS))
def test_a_family_pass_ticket_names_the_pass_and_its_whole_price(qapp: object, tmp_path: Path, stock: str) -> None:
    pdf = tmp_path / "t.pdf"
    write_tickets_pdf([ticket(product="General", price_cents=1600, pass_of=FAMILY),
                       ticket(2, product="Niño", price_cents=1600, row=None, seat=None,
                              pass_of=PassShare("Pase Familiar", 8000, 3, 5))], pdf, stock, "es")
    flat = " ".join(pdf_text(pdf).split())
    assert "Pase Familiar — General" in flat and "Pase Familiar — Niño" in flat
    assert "Entrada 2 de 5 · Pase completo: 80,00 €" in flat and "Entrada 3 de 5" in flat
    assert "16,00" not in flat  # no made-up share of the pass on a ticket


def test_a_family_pass_ticket_in_english_and_a_plain_ticket_keeps_its_price(qapp: object, tmp_path: Path) -> None:
    pdf = tmp_path / "t.pdf"
    write_tickets_pdf([ticket(product="General", price_cents=1600, pass_of=FAMILY), ticket(2)], pdf,
                      "thermal-80mm", "en")
    flat = " ".join(pdf_text(pdf).split())
    assert "Pase Familiar — General" in flat and "Ticket 2 of 5 · Whole pass: €80.00" in flat
    assert "Adulto €25.00" in flat and "€16.00" not in flat


def test_escpos_ticket_has_the_seat_in_words_and_the_pass() -> None:
    data = ticket_bytes(ticket(zone="Preferente", row="A", seat="PRE6", product="General", price_cents=1600,
                               pass_of=FAMILY), "es")
    lines = data.split(b"\n")
    assert any(b"Fila A " in line and line.endswith(b"Butaca 6") for line in lines), lines  # one line
    assert b"PRE6" not in data
    assert any(b"Pase Familiar " in line and b" General" in line for line in lines), lines
    assert b"Entrada 2 de 5" in data and b"Pase completo: 80,00" in data and b"16,00" not in data
