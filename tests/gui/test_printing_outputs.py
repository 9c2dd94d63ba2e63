"""System printer output (QtPrintSupport): the no-printer path, and the drawing path on a PDF-format QPrinter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from boxoffice.printing import system_output
from boxoffice.printing.layouts import STOCKS
from boxoffice.printing.pdf import PrintError
from tests.unit.printing.printing_helpers import pdf_pages, pdf_text, receipt, ticket


@pytest.fixture
def no_printers(monkeypatch: pytest.MonkeyPatch) -> None:
    # This machine has no CUPS, but a developer's might: pin the "nothing installed" answer either way.
    monkeypatch.setattr(system_output.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))


def test_without_printers_printing_says_it_is_not_set_up(qapp: object, no_printers: None) -> None:
    assert system_output.installed_printers() == []
    with pytest.raises(PrintError, match=r"no printer is installed.*printing is not set up"):
        system_output.print_tickets("", [ticket()])
    with pytest.raises(PrintError, match="not set up"):
        system_output.print_receipt("Star TSP100", receipt())


def test_real_no_cups_machine_lists_nothing_or_names(qapp: object) -> None:
    names = system_output.installed_printers()
    assert all(isinstance(name, str) and name for name in names)
    if not names:
        with pytest.raises(PrintError, match="not set up"):
            system_output.find_printer("anything")


def _pdf_printer(path: Path) -> QPrinter:
    qprinter = QPrinter(QPrinter.PrinterMode.HighResolution)
    qprinter.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    qprinter.setOutputFileName(str(path))
    return qprinter


def test_tickets_and_receipt_draw_on_a_qprinter(qapp: object, tmp_path: Path) -> None:
    pdf = tmp_path / "tickets.pdf"
    pages = system_output.tickets_on(_pdf_printer(pdf), [ticket(1), ticket(2, seat=None, row=None)],
                                     STOCKS["fanfold-2x5.5"], "es")
    assert pages == 2 and pdf_pages(pdf) == 2
    flat = " ".join(pdf_text(pdf).split())
    assert "Cascanueces" in flat and "Butaca 12" in flat and "25,00 €" in flat and "K7M2QX9P4R1TZ" in flat
    out = tmp_path / "receipt.pdf"
    system_output.receipt_on(_pdf_printer(out), receipt(), "en")
    flat = " ".join(pdf_text(out).split())
    assert "Receipt" in flat and "Total" in flat and "56.25" in flat


def test_no_tickets_is_an_error(qapp: object, tmp_path: Path) -> None:
    with pytest.raises(PrintError, match="no tickets"):
        system_output.tickets_on(_pdf_printer(tmp_path / "x.pdf"), [], STOCKS["thermal-80mm"])
