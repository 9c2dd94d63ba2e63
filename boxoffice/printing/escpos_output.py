"""ESC/POS thermal printers (network port 9100, USB, serial) through python-escpos.

Tickets and receipts are laid out as text for an 80 mm roll (42 columns of font A, the common denominator of
80 mm printers), with the printer's own Code128 (``{B`` code set prefix, PLATFORM.md) and native QR commands, so
no raster images are sent. Each ticket is rendered into a :class:`~escpos.printer.Dummy` buffer and sent over one
connection; the paper is cut after every ticket and after the receipt. :func:`open_drawer` kicks the cash drawer
wired to the printer's RJ11 port.

Every failure (address not valid, printer refused, timed out, out of paper, USB/serial support not installed)
becomes a :class:`PrintError` whose message a clerk can act on.
"""

from __future__ import annotations

import contextlib
import io
import socket
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from escpos.escpos import Escpos
from escpos.exceptions import Error as EscposError
from escpos.printer import Dummy

from boxoffice.core.money import money_format
from boxoffice.core.printout import ReceiptPrint, TicketPrint
from boxoffice.core.report_print import ReportPrint, format_when
from boxoffice.printing.layouts import (
    format_event_date,
    format_receipt_date,
    invoice_lines,
    payment_label,
    place_words,
    product_words,
    text,
)
from boxoffice.printing.pdf import PrintError

DEFAULT_PORT = 9100
#: Characters per line of font A on an 80 mm roll (72 mm printable).
COLUMNS = 42
#: Printable dots across the head (512 at 180 dpi, 576 at 203 dpi): the Code128 module width is fitted to this.
DOTS = 512
CODE128_QUIET = 10
QR_SIZE = 6  # dots per QR module
#: ESC/POS real-time status request for the paper roll sensor (DLE EOT 4) and its answer bits.
PAPER_STATUS_REQUEST = b"\x10\x04\x04"
PAPER_NEAR_END = 0x0C
PAPER_OUT = 0x60


@dataclass(frozen=True)
class Connection:
    """Where the printer is: ``kind`` is "network", "usb" or "serial" (the part after ``escpos-`` in the config)."""

    kind: str
    address: str
    timeout: float = 10.0
    #: Ask the printer for its paper sensor before printing; ``status_timeout`` seconds without an answer means
    #: "the printer does not report status" and printing goes ahead.
    check_paper: bool = True
    status_timeout: float = 1.5

    @property
    def label(self) -> str:
        return {"network": "network", "usb": "USB", "serial": "serial"}.get(self.kind, self.kind) + (
            f" printer at {self.address}"
        )


def parse_network(address: str) -> tuple[str, int]:
    """``host`` or ``host:port`` (default port 9100)."""
    host, _, port = address.strip().partition(":")
    if not host:
        raise PrintError("the network printer has no address: set host or host:port in the printer settings",
                         code="printer_address_missing",
                         params={"printer_kind": "escpos-network", "printer_address": ""})
    if not port:
        return host, DEFAULT_PORT
    if not port.isdigit() or not 0 < int(port) < 65536:
        raise PrintError(f"the printer address {address!r} has no valid port after the colon (e.g. 9100)",
                         code="printer_port_invalid", params={"address": address.strip()})
    return host, int(port)


def parse_usb(address: str) -> tuple[int, int]:
    """``vendor:product`` in hexadecimal, as ``lsusb`` shows it (e.g. ``04b8:0202``)."""
    vendor, _, product = address.strip().partition(":")
    try:
        return int(vendor, 16), int(product, 16)
    except ValueError:
        raise PrintError(
            f"the USB printer address {address!r} must be vendor:product in hexadecimal, e.g. 04b8:0202",
            code="printer_usb_address_invalid", params={"address": address.strip()},
        ) from None


def parse_serial(address: str) -> tuple[str, int]:
    """``device`` or ``device@baudrate`` (default 9600), e.g. ``/dev/ttyUSB0`` or ``COM3@19200``."""
    device, _, baud = address.strip().partition("@")
    if not device:
        raise PrintError("the serial printer has no device: set e.g. /dev/ttyUSB0 or COM3 in the printer settings",
                         code="printer_address_missing",
                         params={"printer_kind": "escpos-serial", "printer_address": ""})
    if baud and not baud.isdigit():
        raise PrintError(f"the serial printer address {address!r} has no valid baud rate after @",
                         code="printer_baud_invalid", params={"address": address.strip()})
    return device, int(baud) if baud else 9600


def _device(connection: Connection) -> Escpos:
    """A python-escpos printer for the connection (not yet opened)."""
    try:
        if connection.kind == "network":
            from escpos.printer import Network

            host, port = parse_network(connection.address)
            return Network(host, port=port, timeout=connection.timeout)
        if connection.kind == "usb":
            from escpos.printer import Usb

            vendor, product = parse_usb(connection.address)
            if not Usb.is_usable():
                raise PrintError("USB receipt printers need the pyusb library, which is not installed on this "
                                 "computer: install python-escpos[usb] or use a network printer",
                                 code="printer_kind_unsupported", params=_where(connection))
            return Usb(vendor, product, timeout=int(connection.timeout * 1000))
        if connection.kind == "serial":
            from escpos.printer import Serial

            device, baud = parse_serial(connection.address)
            if not Serial.is_usable():
                raise PrintError("serial receipt printers need the pyserial library, which is not installed on "
                                 "this computer: install python-escpos[serial] or use a network printer",
                                 code="printer_kind_unsupported", params=_where(connection))
            return Serial(device, baudrate=baud, timeout=connection.timeout)
    except RuntimeError as error:  # python-escpos: the optional pyusb / pyserial is not installed
        raise PrintError(f"{connection.kind} printers are not supported on this computer: {error}",
                         code="printer_kind_unsupported", params=_where(connection)) from error
    raise PrintError(f"unknown ESC/POS connection {connection.kind!r}; use network, usb or serial",
                     code="printer_kind_unknown", params={"kind": f"escpos-{connection.kind}"})


def _failure(connection: Connection, error: BaseException) -> PrintError:
    if isinstance(error, PrintError):
        return error
    if isinstance(error, (TimeoutError, socket.timeout)):
        return PrintError(
            f"the {connection.label} did not answer within {connection.timeout:g} s: check it is switched on, "
            "connected and not jammed; the sale is kept and can be reprinted", code="printer_timeout",
            params={**_where(connection), "seconds": f"{connection.timeout:g}"})
    cause = error.__cause__ or error.__context__ or error
    if isinstance(cause, ConnectionRefusedError) or isinstance(error, ConnectionRefusedError):
        why = "refused the connection"
    elif isinstance(cause, (TimeoutError, socket.timeout)):
        why = f"did not answer within {connection.timeout:g} s"
    else:
        why = f"cannot be reached ({str(cause).strip() or type(cause).__name__})"
    return PrintError(
        f"the {connection.label} {why}: check it is switched on and connected; "
        "the sale is kept and can be reprinted", code="printer_unreachable", params=_where(connection))


def _where(connection: Connection) -> dict[str, str]:
    """The printer as the window names it (ui/error_text.py translates the kind)."""
    return {"printer_kind": f"escpos-{connection.kind}", "printer_address": connection.address}


def _paper_status(device: Escpos, connection: Connection) -> int | None:
    """The paper sensor byte, or None when the printer does not answer within ``status_timeout``."""
    raw = getattr(device, "device", None)
    settimeout = getattr(raw, "settimeout", None)
    if callable(settimeout):
        settimeout(connection.status_timeout)
    try:
        device._raw(PAPER_STATUS_REQUEST)
        answer = device._read()
    except (TimeoutError, NotImplementedError):
        return None
    except EscposError:
        return None
    finally:
        if callable(settimeout):
            settimeout(connection.timeout)
    return answer[0] if answer else None


def _open(device: Escpos, connection: Connection) -> None:
    if connection.kind == "network":
        # python-escpos' Network.open leaks its socket when the connection fails; connect here instead.
        host, port = parse_network(connection.address)
        device.device = socket.create_connection((host, port), timeout=connection.timeout)
    else:
        device.open()


def send(connection: Connection, jobs: Iterable[bytes]) -> int:
    """Open the printer, check its paper, send each job's bytes, close. Returns the number of jobs sent."""
    device = _device(connection)
    sent = 0
    try:
        _open(device, connection)
        if connection.check_paper:
            status = _paper_status(device, connection)
            if status is not None and status & PAPER_OUT == PAPER_OUT:
                raise PrintError(
                    f"the {connection.label} is out of paper: load a new roll, then reprint; the sale is kept",
                    code="printer_out_of_paper", params=_where(connection))
        for job in jobs:
            device._raw(job)
            sent += 1
    except PrintError:
        raise
    except (OSError, EscposError, ValueError, RuntimeError) as error:
        raise _failure(connection, error) from error
    finally:
        with contextlib.suppress(Exception):
            device.close()
    return sent


# ---------------------------------------------------------------------------------------------------- layout


class _Job:
    """Builds one job's bytes on a python-escpos Dummy (same command set as the real printer)."""

    def __init__(self, columns: int = COLUMNS, dots: int = DOTS) -> None:
        self.p = Dummy()
        self.columns = columns
        self.dots = dots
        self.p.hw("INIT")

    def line(self, value: str = "", *, bold: bool = False, align: str = "left", big: bool = False) -> None:
        self.p.set(align=align, bold=bold, double_height=big)
        for part in textwrap.wrap(value, self.columns) or [""]:
            self.p.textln(part)
        if big:
            self.p.set(normal_textsize=True)
        if bold:
            self.p.set(bold=False)

    def pair(self, left: str, right: str, *, bold: bool = False) -> None:
        self.p.set(align="left", bold=bold)
        room = self.columns - len(right) - 1
        parts = textwrap.wrap(left, max(room, 1)) or [""]
        if len(parts[-1]) > room:
            parts.append("")
        for part in parts[:-1]:
            self.p.textln(part)
        self.p.textln(parts[-1].ljust(room) + " " + right)
        if bold:
            self.p.set(bold=False)

    def rule(self, char: str = "-") -> None:
        self.p.set(align="left")
        self.p.textln(char * self.columns)

    def banner(self, value: str) -> None:
        self.p.set(align="center", bold=True, invert=True)
        self.p.textln(f" {value} ")
        self.p.set(bold=False, invert=False)

    def code128(self, data: str) -> None:
        escaped = data.replace("{", "{{")
        modules = 11 * (len(escaped) + 3) + 2 + 2 * CODE128_QUIET  # start, data, check, stop (13), quiet zones
        width = max(2, min(6, self.dots // modules))
        with contextlib.redirect_stdout(io.StringIO()):  # python-escpos prints which renderer it used
            self.p.barcode("{B" + escaped, "CODE128", height=80, width=width, pos="BELOW", font="A",
                           align_ct=True, function_type="B")

    def qr(self, data: str) -> None:
        from escpos.constants import QR_ECLEVEL_M

        self.p.set(align="center")
        self.p.qr(data, ec=QR_ECLEVEL_M, size=QR_SIZE, native=True)
        self.p.ln()

    def cut(self) -> None:
        self.p.cut()

    @property
    def output(self) -> bytes:
        return self.p.output


def ticket_bytes(ticket: TicketPrint, language: str = "es", columns: int = COLUMNS, dots: int = DOTS) -> bytes:
    """One ticket as ESC/POS bytes, ending with a cut."""
    job = _Job(columns, dots)
    if ticket.training:
        job.banner(text("training", language))
    if ticket.reprint:
        job.banner(text("reprint", language))
    if ticket.comp:
        job.banner(text("comp", language))
    job.line(ticket.event_name, bold=True, align="center", big=True)
    job.line(format_event_date(ticket.event_start, language), align="center")
    job.rule()
    job.line(f"{text('zone', language)}: {ticket.zone}", bold=True)
    parts = place_words(ticket, language)
    place = " · ".join(parts)
    for line in [place] if len(place) <= job.columns else parts:  # a seat is never split mid-word
        job.line(line, big=True, bold=True)
    product, price, detail = product_words(ticket, language)
    job.pair(product, price, bold=True)
    if detail:
        job.line(detail)
    job.rule()
    job.code128(ticket.barcode)
    job.qr(ticket.barcode)
    job.rule()
    job.line(f"{text('purchase', language)} {ticket.purchase_code}", bold=True)
    job.line(f"{text('office', language)}: {ticket.office} · {text('clerk', language)}: {ticket.clerk}")
    job.cut()
    return job.output


def receipt_bytes(receipt: ReceiptPrint, language: str = "es", columns: int = COLUMNS) -> bytes:
    """The receipt as ESC/POS bytes, ending with a cut."""
    money = money_format(language)
    job = _Job(columns)
    if receipt.training:
        job.banner(text("training", language))
    if receipt.reprint:
        job.banner(text("reprint", language))
    job.line(receipt.office, bold=True, align="center", big=True)
    job.line(text("receipt", language), align="center")
    job.line(f"{text('purchase', language)} {receipt.purchase_code}", bold=True)
    job.pair(format_receipt_date(receipt.date, language), f"{text('clerk', language)}: {receipt.clerk}")
    job.rule()
    for item in receipt.lines:
        label = item.description if item.quantity == 1 else (
            f"{item.quantity} x {item.description} ({money.format(item.unit_cents)})")
        job.pair(label, money.format(item.total_cents))
    job.rule()
    job.pair(text("subtotal", language), money.format(receipt.subtotal_cents))
    for discount in receipt.discounts:
        job.pair(discount.description or text("discount", language), money.format(-discount.amount_cents))
    job.pair(text("total", language), money.format(receipt.total_cents), bold=True)
    for invoice in receipt.invoices:
        job.rule()
        head, rows = invoice_lines(invoice, language)
        for number, line in enumerate(head.split("\n")):
            job.line(_plain(line), bold=number == 0)
        for label, value in rows:
            job.pair(_plain(label), value)
        job.qr(invoice.qr)
        job.line(_plain(text("qr_note", language)), align="center")
    job.rule("=")
    for payment in receipt.payments:
        job.pair(payment_label(payment.method, language), money.format(payment.amount_cents))
        if payment.change_cents:
            job.pair(f"  {text('change', language)}", money.format(payment.change_cents))
    job.rule()
    job.line(text("thanks", language), align="center")
    job.cut()
    return job.output


def _plain(value: str) -> str:
    """Characters many printer code pages lack, as the receipt writes them ("2 x", "-")."""
    return value.replace("×", "x").replace("—", "-")


def report_bytes(report: ReportPrint, language: str = "es", columns: int = COLUMNS) -> bytes:
    """A report (Z report) as ESC/POS text lines, ending with a cut."""
    job = _Job(columns)
    if report.training:
        job.banner(text("training", language))
    job.line(report.title, bold=True, align="center", big=True)
    job.line(report.office, bold=True, align="center")
    job.pair(f"{text('terminal', language)} {report.terminal}", "")
    job.pair(text("printed", language), format_when(report.printed_at, language))
    for section in report.sections:
        job.rule("-" if section.title else "=")
        if section.title:
            job.line(section.title, bold=True)
        for label, value in section.rows:
            job.pair(_plain(label), _plain(value))
    job.rule("=")
    job.cut()
    return job.output


def test_page_bytes(description: str) -> bytes:
    """A short page proving text, Code128, QR and the cutter work."""
    job = _Job()
    job.line("Box office", bold=True, align="center", big=True)
    job.line("Test page / Página de prueba", align="center")
    job.line(description, align="center")
    job.rule()
    job.code128("TEST-0123456789")
    job.qr("TEST-0123456789")
    job.cut()
    return job.output


def drawer_bytes(pin: int = 2) -> bytes:
    """ESC p: the cash drawer pulse on pin 2 (the usual RJ11 drawer) or pin 5."""
    dummy = Dummy()
    dummy.cashdraw(pin)
    return dummy.output


# ---------------------------------------------------------------------------------------------------- outputs


def _lazy(items: Iterable[TicketPrint], render: Callable[[TicketPrint], bytes]) -> Iterator[bytes]:
    for item in items:
        yield render(item)


def print_tickets(connection: Connection, tickets: Iterable[TicketPrint], language: str = "es") -> int:
    """Print each ticket (cut after each); returns how many were sent. Tickets are rendered as they are sent."""
    count = send(connection, _lazy(tickets, lambda t: ticket_bytes(t, language)))
    if count == 0:
        raise PrintError("there are no tickets to print", code="print_nothing")
    return count


def print_receipt(connection: Connection, receipt: ReceiptPrint, language: str = "es") -> None:
    send(connection, [receipt_bytes(receipt, language)])


def print_report(connection: Connection, report: ReportPrint, language: str = "es") -> None:
    send(connection, [report_bytes(report, language)])


def print_test_page(connection: Connection) -> None:
    send(connection, [test_page_bytes(connection.label)])


def open_drawer(connection: Connection, pin: int = 2) -> None:
    """Kick the cash drawer connected to the printer's RJ11 port (no paper is used, so no paper check)."""
    send(Connection(connection.kind, connection.address, connection.timeout, check_paper=False), [drawer_bytes(pin)])
