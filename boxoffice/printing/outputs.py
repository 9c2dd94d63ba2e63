"""One interface over every output: PDF files, installed system printers, ESC/POS thermal printers and FGL ticket
printers (Boca and compatibles, :mod:`boxoffice.printing.fgl_output`).

:func:`printer_for` reads the ``[printer]`` config and returns a :class:`Printer` (or None for ``kind = "none"``).
Every failure is a :class:`PrintError` with an English message (logs, commands) and a code with params the window
translates (``ui/error_text.py``); callers keep the sale and offer a reprint. Each printer names where it prints as
``destination`` (``printer_kind``, ``printer_address``) for the same reason: the window says it in its language.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol, runtime_checkable

from boxoffice.config import PrinterConfig
from boxoffice.core.printout import ReceiptPrint, TicketPrint
from boxoffice.core.report_print import ReportPrint
from boxoffice.printing.pdf import PrintError

__all__ = ["EscposPrinter", "PdfPrinter", "PrintError", "Printer", "SystemPrinter", "printer_for", "sample_ticket"]

KINDS = ("none", "system", "pdf", "escpos-network", "escpos-usb", "escpos-serial", "fgl-network", "fgl-usb",
         "fgl-serial")


@runtime_checkable
class Printer(Protocol):
    #: English, for logs and commands, e.g. "PDF files in /data/printouts" or "network printer at 10.0.0.5".
    description: str
    #: The same for the window to translate: ``{"printer_kind": "pdf", "printer_address": "/data/printouts"}``.
    destination: dict[str, str]
    #: True when :meth:`open_drawer` can kick a cash drawer (ESC/POS only).
    can_open_drawer: bool

    def print_tickets(self, tickets: Iterable[TicketPrint]) -> int: ...

    def print_receipt(self, receipt: ReceiptPrint) -> None: ...

    def print_report(self, report: ReportPrint) -> None: ...

    def open_drawer(self) -> None: ...

    def test_page(self) -> None: ...


def sample_ticket() -> TicketPrint:
    """The ticket a test page prints: obviously not valid for entry."""
    return TicketPrint(
        event_name="Box office — test page", event_start=datetime.now(UTC).astimezone(), zone="Test",
        zone_colour="#3366cc", row="A", seat="1", product="Test", price_cents=0, office="Box office", clerk="",
        purchase_code="TEST", barcode="TEST-0123456789", training=True,
    )


def _no_drawer(printer: Printer) -> PrintError:
    return PrintError(f"the cash drawer opens through an ESC/POS receipt printer; {printer.description} cannot "
                      "open it", code="no_drawer", params=printer.destination)


def _peek(tickets: Iterable[TicketPrint]) -> tuple[TicketPrint, Iterable[TicketPrint]]:
    iterator = iter(tickets)
    first = next(iterator, None)
    if first is None:
        raise PrintError("there are no tickets to print", code="print_nothing")
    return first, itertools.chain([first], iterator)


class PdfPrinter:
    """Writes ``CODE.pdf`` (tickets), ``CODE-receipt.pdf`` and reports (``z-report-12.pdf``).

    Reprints get ``-reprint``, ``-reprint-2`` ... names.
    """

    can_open_drawer = False

    def __init__(self, folder: Path, stock: str = "thermal-80mm", language: str = "es") -> None:
        self.folder = Path(folder)
        self.stock = stock
        self.language = language
        self.description = f"PDF files in {self.folder}"
        self.destination = {"printer_kind": "pdf", "printer_address": str(self.folder)}
        self.last_path: Path | None = None

    def _target(self, stem: str, reprint: bool) -> Path:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise PrintError(f"cannot create the PDF folder {self.folder}: {error.strerror or error}",
                             code="pdf_folder_unwritable", params={"folder": str(self.folder)}) from error
        if not reprint:
            return self.folder / f"{stem}.pdf"
        for n in itertools.count(1):
            path = self.folder / (f"{stem}-reprint.pdf" if n == 1 else f"{stem}-reprint-{n}.pdf")
            if not path.exists():
                return path
        raise AssertionError("unreachable")

    def print_tickets(self, tickets: Iterable[TicketPrint]) -> int:
        from boxoffice.printing.pdf import write_tickets_pdf

        first, tickets = _peek(tickets)
        path = self._target(first.purchase_code, first.reprint)
        pages = write_tickets_pdf(tickets, path, self.stock, self.language)
        self.last_path = path
        return pages

    def print_receipt(self, receipt: ReceiptPrint) -> None:
        from boxoffice.printing.pdf import write_receipt_pdf

        path = self._target(f"{receipt.purchase_code}-receipt", receipt.reprint)
        write_receipt_pdf(receipt, path, self.language)
        self.last_path = path

    def print_report(self, report: ReportPrint) -> None:
        """``z-report-12.pdf``; printing the same report again keeps the first file (``-2``, ``-3`` ...)."""
        from boxoffice.printing.pdf import write_report_pdf

        path = self._target(report.name, False)
        for n in itertools.count(2):
            if not path.exists():
                break
            path = self.folder / f"{report.name}-{n}.pdf"
        write_report_pdf(report, path, self.language)
        self.last_path = path

    def open_drawer(self) -> None:
        raise _no_drawer(self)

    def test_page(self) -> None:
        from boxoffice.printing.pdf import write_tickets_pdf

        path = self._target("test-page", False)
        write_tickets_pdf([sample_ticket()], path, self.stock, self.language)
        self.last_path = path


class SystemPrinter:
    """An installed printer through Qt (CUPS / Windows spooler); ``name`` empty means the system default."""

    can_open_drawer = False

    def __init__(self, name: str = "", stock: str = "thermal-80mm", language: str = "es") -> None:
        self.name = name
        self.stock = stock
        self.language = language
        self.description = f"system printer {name}" if name else "the system's default printer"
        self.destination = {"printer_kind": "system", "printer_address": name}

    def print_tickets(self, tickets: Iterable[TicketPrint]) -> int:
        from boxoffice.printing import system_output

        return system_output.print_tickets(self.name, tickets, self.stock, self.language)

    def print_receipt(self, receipt: ReceiptPrint) -> None:
        from boxoffice.printing import system_output

        system_output.print_receipt(self.name, receipt, self.language)

    def print_report(self, report: ReportPrint) -> None:
        from boxoffice.printing import system_output

        system_output.print_report(self.name, report, self.language)

    def open_drawer(self) -> None:
        raise _no_drawer(self)

    def test_page(self) -> None:
        self.print_tickets([sample_ticket()])


class EscposPrinter:
    """An ESC/POS thermal printer on the network (port 9100), USB or a serial port; it also drives the drawer."""

    can_open_drawer = True

    def __init__(self, kind: str, address: str, language: str = "es", timeout: float = 10.0) -> None:
        from boxoffice.printing.escpos_output import Connection

        self.connection = Connection(kind, address, timeout)
        self.language = language
        self.description = self.connection.label
        self.destination = {"printer_kind": f"escpos-{kind}", "printer_address": address}

    def print_tickets(self, tickets: Iterable[TicketPrint]) -> int:
        from boxoffice.printing import escpos_output

        return escpos_output.print_tickets(self.connection, tickets, self.language)

    def print_receipt(self, receipt: ReceiptPrint) -> None:
        from boxoffice.printing import escpos_output

        escpos_output.print_receipt(self.connection, receipt, self.language)

    def print_report(self, report: ReportPrint) -> None:
        from boxoffice.printing import escpos_output

        escpos_output.print_report(self.connection, report, self.language)

    def open_drawer(self) -> None:
        from boxoffice.printing import escpos_output

        escpos_output.open_drawer(self.connection)

    def test_page(self) -> None:
        from boxoffice.printing import escpos_output

        escpos_output.print_test_page(self.connection)


def printer_for(config: PrinterConfig, data_dir: Path, language: str = "es") -> Printer | None:
    """The printer the config names; None for ``kind = "none"``. Nothing is opened or contacted here."""
    kind = (config.kind or "none").strip().lower()
    if kind == "none":
        return None
    if kind == "pdf":
        folder = Path(config.pdf_dir) if config.pdf_dir else Path(data_dir) / "printouts"
        return PdfPrinter(folder, config.stock, language)
    if kind == "system":
        return SystemPrinter(config.name, config.stock, language)
    if kind.startswith("escpos-") and kind.removeprefix("escpos-") in ("network", "usb", "serial"):
        if not config.address.strip():
            raise PrintError(f"the {kind} printer has no address: set it in the printer settings",
                             code="printer_address_missing", params={"printer_kind": kind, "printer_address": ""})
        return EscposPrinter(kind.removeprefix("escpos-"), config.address, language)
    if kind.startswith("fgl-") and kind.removeprefix("fgl-") in ("network", "usb", "serial"):
        from boxoffice.printing.fgl_output import FglPrinter

        if not config.address.strip():
            raise PrintError(f"the {kind} printer has no address: set it in the printer settings",
                             code="printer_address_missing", params={"printer_kind": kind, "printer_address": ""})
        return FglPrinter(kind.removeprefix("fgl-"), config.address, config.stock, config.dpi, language)
    raise PrintError(f"unknown printer kind {config.kind!r}; use one of {', '.join(KINDS)}",
                     code="printer_kind_unknown", params={"kind": config.kind})
