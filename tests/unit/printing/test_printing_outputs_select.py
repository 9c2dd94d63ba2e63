"""printer_for: the [printer] config picks PDF, system or ESC/POS output behind one Printer interface."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.config import PrinterConfig
from boxoffice.printing.outputs import EscposPrinter, PdfPrinter, Printer, SystemPrinter, printer_for
from boxoffice.printing.pdf import PrintError
from tests.unit.printing.fake_escpos import FakePrinter
from tests.unit.printing.printing_helpers import PURCHASE, pdf_pages, receipt, ticket


def test_kinds(tmp_path: Path) -> None:
    assert printer_for(PrinterConfig(), tmp_path) is None
    pdf = printer_for(PrinterConfig(kind="pdf"), tmp_path, "en")
    assert isinstance(pdf, PdfPrinter) and pdf.folder == tmp_path / "printouts" and not pdf.can_open_drawer
    assert isinstance(pdf, Printer)
    chosen = printer_for(PrinterConfig(kind="pdf", pdf_dir=str(tmp_path / "out")), tmp_path)
    assert isinstance(chosen, PdfPrinter) and chosen.folder == tmp_path / "out"
    system = printer_for(PrinterConfig(kind="system", name="Star"), tmp_path)
    assert isinstance(system, SystemPrinter) and system.name == "Star"
    net = printer_for(PrinterConfig(kind="escpos-network", address="10.0.0.5"), tmp_path)
    assert isinstance(net, EscposPrinter) and net.can_open_drawer
    assert net.description == "network printer at 10.0.0.5"
    usb = printer_for(PrinterConfig(kind="escpos-usb", address="04b8:0202"), tmp_path)
    assert isinstance(usb, EscposPrinter) and usb.connection.kind == "usb"
    serial = printer_for(PrinterConfig(kind="escpos-serial", address="/dev/ttyUSB0"), tmp_path)
    assert isinstance(serial, EscposPrinter) and serial.connection.kind == "serial"
    with pytest.raises(PrintError, match="no address"):
        printer_for(PrinterConfig(kind="escpos-network"), tmp_path)
    with pytest.raises(PrintError, match="unknown printer kind"):
        printer_for(PrinterConfig(kind="laser"), tmp_path)


def test_pdf_printer_names_files_and_keeps_reprints(qapp: object, tmp_path: Path) -> None:
    pdf = PdfPrinter(tmp_path / "printouts")
    assert pdf.print_tickets(iter([ticket(1), ticket(2)])) == 2
    assert pdf.last_path == tmp_path / "printouts" / f"{PURCHASE}.pdf" and pdf_pages(pdf.last_path) == 2
    pdf.print_tickets([ticket(1, reprint=True)])
    pdf.print_tickets([ticket(1, reprint=True)])
    assert (tmp_path / "printouts" / f"{PURCHASE}-reprint.pdf").exists()
    assert pdf.last_path == tmp_path / "printouts" / f"{PURCHASE}-reprint-2.pdf"
    pdf.print_receipt(receipt())
    assert pdf.last_path == tmp_path / "printouts" / f"{PURCHASE}-receipt.pdf"
    pdf.test_page()
    assert pdf.last_path is not None and pdf.last_path.name == "test-page.pdf"
    with pytest.raises(PrintError, match="no tickets"):
        pdf.print_tickets([])
    with pytest.raises(PrintError, match="ESC/POS"):
        pdf.open_drawer()


def test_system_printer_without_cups(qapp: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from boxoffice.printing import system_output

    monkeypatch.setattr(system_output.QPrinterInfo, "availablePrinters", staticmethod(lambda: []))
    printer = printer_for(PrinterConfig(kind="system"), tmp_path)
    assert printer is not None
    for action in (lambda: printer.print_tickets([ticket()]), printer.test_page,
                   lambda: printer.print_receipt(receipt())):
        with pytest.raises(PrintError, match="printing is not set up"):
            action()
    with pytest.raises(PrintError, match="ESC/POS"):
        printer.open_drawer()


def test_escpos_printer_prints_and_kicks_the_drawer(tmp_path: Path) -> None:
    fake = FakePrinter()
    try:
        printer = printer_for(PrinterConfig(kind="escpos-network", address=fake.address), tmp_path)
        assert printer is not None
        assert printer.print_tickets([ticket()]) == 1
        assert b"\x1dV" in fake.wait()
        printer.print_receipt(receipt())
        assert b"Total" in fake.wait()
        printer.open_drawer()
        assert fake.wait() == b"\x1bp\x0022"
        printer.test_page()
        assert b"TEST-0123456789" in fake.wait()
    finally:
        fake.close()
