"""Reports (the Z report) on every output: PDF (read back with pdftotext), a QPrinter, ESC/POS bytes."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from boxoffice.config import PrinterConfig
from boxoffice.core.report_print import ReportPrint, ReportSection
from boxoffice.printing import system_output
from boxoffice.printing.escpos_output import Connection, print_report, report_bytes
from boxoffice.printing.outputs import PdfPrinter, Printer, printer_for
from boxoffice.printing.pdf import PrintError, write_report_pdf
from tests.unit.printing.fake_escpos import FakePrinter
from tests.unit.printing.printing_helpers import need_tool, pdf_pages


def report(training: bool = False, products: int = 3) -> ReportPrint:
    rows = tuple((f"Producto {n} × {n}", f"{n * 25},00 €") for n in range(1, products + 1))
    return ReportPrint(
        title="Informe Z", office="Taquilla Norte", terminal="test-1",
        printed_at=datetime(2026, 11, 23, 17, 5, tzinfo=UTC), training=training, name="z-report-7",
        sections=(ReportSection("", (("Turno", "7"),)),
                  ReportSection("Efectivo", (("Esperado en caja", "190,00 €"), ("Contado", "187,00 €"),
                                             ("Diferencia", "-3,00 €"))),
                  ReportSection("Por producto", rows)))


def flat(pdf: Path) -> str:
    """The PDF's text in reading order, label and value of a row side by side (pdftotext -layout)."""
    tool = need_tool("pdftotext", "poppler-utils")
    out = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode().split())


def test_report_pdf_is_one_80mm_page_with_every_row(qapp: object, tmp_path: Path) -> None:
    path = tmp_path / "z.pdf"
    write_report_pdf(report(training=True), path, "es")
    assert pdf_pages(path) == 1
    text = flat(path)
    for expected in ("Informe Z", "Taquilla Norte", "Terminal test-1", "Impreso", "FORMACIÓN",
                     "Esperado en caja 190,00 €", "Contado 187,00 €", "Diferencia -3,00 €", "Producto 3 × 3 75,00 €"):
        assert expected in text
    # a long report makes a longer page, never a second page or clipped rows
    long = tmp_path / "long.pdf"
    write_report_pdf(report(products=60), long, "en")
    assert pdf_pages(long) == 1 and "Producto 60 × 60 1500,00 €" in flat(long) and "Printed" in flat(long)


def test_pdf_printer_keeps_every_printed_report(qapp: object, tmp_path: Path) -> None:
    pdf = PdfPrinter(tmp_path / "printouts")
    assert isinstance(pdf, Printer)
    pdf.print_report(report())
    first = pdf.last_path
    pdf.print_report(report())
    assert first == tmp_path / "printouts" / "z-report-7.pdf"
    assert pdf.last_path == tmp_path / "printouts" / "z-report-7-2.pdf"
    assert "Diferencia -3,00 €" in flat(first) and "Diferencia -3,00 €" in flat(pdf.last_path)


def test_report_draws_on_a_qprinter_and_without_printers_says_not_set_up(
        qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "system.pdf"
    qprinter.setOutputFileName(str(out))
    system_output.report_on(qprinter, report(), "es")
    assert "Contado 187,00 €" in flat(out)
    monkeypatch.setattr(system_output.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    printer = printer_for(PrinterConfig(kind="system"), tmp_path)
    assert printer is not None
    with pytest.raises(PrintError, match="printing is not set up"):
        printer.print_report(report())


def test_report_on_escpos_is_text_lines_and_a_cut(tmp_path: Path) -> None:
    data = report_bytes(report(), "es")
    assert b"Informe Z" in data and b"Esperado en caja" in data and b"Producto 2 x 2" in data
    assert b"190,00" in data and b"-3,00" in data
    assert b"\x1dV" in data[-8:]  # GS V: the cut ends the job
    fake = FakePrinter()
    try:
        printer = printer_for(PrinterConfig(kind="escpos-network", address=fake.address), tmp_path, "es")
        assert printer is not None
        printer.print_report(report())
        received = fake.wait()
        assert b"Diferencia" in received and b"187,00" in received
        print_report(Connection("network", fake.address), report(training=True), "en")
        assert b"TRAINING" in fake.wait()
    finally:
        fake.close()
