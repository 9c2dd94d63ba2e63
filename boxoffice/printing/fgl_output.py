"""Sending FGL jobs to a ticket printer and reading its status after each one.

Connections (``[printer] kind``):

* ``fgl-network``: TCP to ``host[:9100]`` (the raw port of Boca's Ethernet interface);
* ``fgl-usb``: the printer's device file, e.g. ``/dev/usb/lp0`` (Linux usblp, bidirectional, so status is read);
* ``fgl-serial``: the serial device, ``/dev/ttyS0`` or ``/dev/ttyUSB0@19200``. pyserial is not a dependency of
  this project, so the port is opened as a file; on POSIX its speed is set with termios (8N1, no flow control),
  otherwise the port keeps the speed the system gave it.

On Windows a device address is a port name (``COM3``, opened as ``\\\\.\\COM3``); Windows files cannot be waited
on with a timeout, so there the status is not read and a ticket counts as printed once sent
(:func:`_can_wait` is the one OS switch).

The exchange (see :mod:`boxoffice.printing.fgl_status` for the bytes): ``<S1>`` first, reading until X-ON (bytes
before it are stale news of the past: a fault seen there with no X-ON means the printer is not ready, and nothing
is printed); then each job, and after each the bytes until its ACK or a fault, within ``ack_timeout``. Printing
stops at the first job that is not confirmed: :class:`TicketsNotPrinted` names it and every job after it, so the
caller can reprint just those. The sale is never touched here.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

from boxoffice.core.printout import ReceiptPrint, TicketPrint
from boxoffice.core.report_print import ReportPrint
from boxoffice.printing import fgl_status
from boxoffice.printing.escpos_output import parse_network  # host[:port], 9100 by default: the same rule
from boxoffice.printing.fgl import STATUS_REQUEST
from boxoffice.printing.pdf import PrintError

KINDS = ("network", "usb", "serial")


class TicketsNotPrinted(PrintError):
    """Printing stopped at job ``failed_at`` (0-based): it and all after it did not print; those before did."""

    def __init__(self, message: str, *, code: str, params: dict[str, object], labels: Sequence[str],
                 failed_at: int) -> None:
        super().__init__(message, code=code, params=params)
        self.labels = tuple(labels)
        self.failed_at = failed_at

    @property
    def printed(self) -> tuple[str, ...]:
        return self.labels[: self.failed_at]

    @property
    def not_printed(self) -> tuple[str, ...]:
        """The labels (ticket barcodes) of the jobs that did not print, in order."""
        return self.labels[self.failed_at :]


@dataclass(frozen=True)
class FglConnection:
    """Where the printer is: ``kind`` is "network", "usb" or "serial" (the part after ``fgl-`` in the config)."""

    kind: str
    address: str
    timeout: float = 10.0  # connecting and writing
    ack_timeout: float = 20.0  # one ticket's ACK (a 600 dpi ticket takes a few seconds to print)
    ready_timeout: float = 3.0  # the answer to <S1>

    @property
    def label(self) -> str:
        return {"network": "network", "usb": "USB", "serial": "serial"}.get(self.kind, self.kind) + (
            f" ticket printer at {self.address}")

    @property
    def where(self) -> dict[str, str]:
        return {"printer_kind": f"fgl-{self.kind}", "printer_address": self.address}


class _Link(Protocol):
    def write(self, data: bytes) -> None: ...

    def read(self, timeout: float) -> bytes | None:
        """Bytes that arrived within ``timeout`` (b"" for none); None when this link cannot read status."""

    def close(self) -> None: ...


class _SocketLink:
    def __init__(self, connection: FglConnection) -> None:
        host, port = parse_network(connection.address)
        self.sock = socket.create_connection((host, port), timeout=connection.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.timeout = connection.timeout

    def write(self, data: bytes) -> None:
        self.sock.settimeout(self.timeout)
        self.sock.sendall(data)

    def read(self, timeout: float) -> bytes | None:
        self.sock.settimeout(max(timeout, 0.001))
        try:
            data = self.sock.recv(256)
        except TimeoutError:
            return b""
        if not data:
            raise ConnectionResetError("the printer closed the connection")
        return data

    def close(self) -> None:
        self.sock.close()


def _can_wait() -> bool:
    """POSIX can wait for a device file to be readable (select); Windows cannot, so it reads no status."""
    return sys.platform != "win32"


def _device_path(address: str) -> str:
    name = address.strip()
    if sys.platform == "win32" and not name.startswith("\\\\"):
        return "\\\\.\\" + name  # COM3 -> \\.\COM3
    return name


def _set_serial_speed(fd: int, baud: int) -> None:
    """8N1 raw at ``baud`` (POSIX termios); elsewhere the port keeps the speed the system set."""
    try:
        import termios
    except ImportError:
        return
    speed = getattr(termios, f"B{baud}", None)
    if speed is None:
        raise PrintError(f"the serial speed {baud} is not one this computer supports (e.g. 9600, 19200, 38400)",
                         code="printer_baud_invalid", params={"address": str(baud)})
    attrs = termios.tcgetattr(fd)
    attrs[0] = 0  # iflag: no translation, no software flow control
    attrs[1] = 0  # oflag: raw output
    attrs[2] = termios.CS8 | termios.CREAD | termios.CLOCAL
    attrs[3] = 0  # lflag: no echo, not canonical
    attrs[4] = attrs[5] = speed
    termios.tcsetattr(fd, termios.TCSANOW, attrs)


class _DeviceLink:
    def __init__(self, connection: FglConnection) -> None:
        device, _, baud = connection.address.strip().partition("@")
        if baud and not baud.isdigit():
            raise PrintError(f"the serial printer address {connection.address!r} has no valid baud rate after @",
                             code="printer_baud_invalid", params={"address": connection.address.strip()})
        flags = os.O_RDWR | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
        self.fd = os.open(_device_path(device), flags)
        if connection.kind == "serial" and baud and os.isatty(self.fd):
            _set_serial_speed(self.fd, int(baud))

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view):]

    def read(self, timeout: float) -> bytes | None:
        if not _can_wait():
            return None
        import select

        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        return os.read(self.fd, 256) if ready else b""

    def close(self) -> None:
        os.close(self.fd)


def _open(connection: FglConnection) -> _Link:
    if connection.kind not in KINDS:
        raise PrintError(f"unknown FGL connection {connection.kind!r}; use network, usb or serial",
                         code="printer_kind_unknown", params={"kind": f"fgl-{connection.kind}"})
    if not connection.address.strip().partition(":" if connection.kind == "network" else "@")[0]:
        raise PrintError(f"the fgl-{connection.kind} printer has no address: set it in the printer settings",
                         code="printer_address_missing", params=connection.where)
    try:
        return _SocketLink(connection) if connection.kind == "network" else _DeviceLink(connection)
    except PrintError:
        raise
    except TimeoutError as error:
        raise PrintError(f"the {connection.label} did not answer within {connection.timeout:g} s: check it is "
                         "switched on and connected; the sale is kept and can be reprinted", code="printer_timeout",
                         params={**connection.where, "seconds": f"{connection.timeout:g}"}) from error
    except OSError as error:
        raise PrintError(f"the {connection.label} cannot be reached ({error.strerror or error}): check it is "
                         "switched on and connected; the sale is kept and can be reprinted",
                         code="printer_unreachable", params=connection.where) from error


def _outcome(link: _Link, timeout: float, until_ready: bool = False) -> fgl_status.Outcome | None:
    """Read until the ticket's ACK or a fault (or, ``until_ready``, until X-ON); None when time ran out first.

    A link that cannot read status answers "printed" (the bytes were sent; nothing more can be known)."""
    deadline = time.monotonic() + timeout
    seen = b""
    while True:
        chunk = link.read(deadline - time.monotonic())
        if chunk is None:
            return fgl_status.Outcome(printed=True)
        seen += chunk
        if until_ready:
            if fgl_status.XON in seen:
                return fgl_status.Outcome(printed=True, byte=fgl_status.XON)
        else:
            outcome = fgl_status.interpret(seen)
            if outcome is not None:
                return outcome
        if time.monotonic() >= deadline:
            if until_ready:  # a fault before the missing X-ON says why the printer is not ready
                faults = [b for b in seen if b not in fgl_status.INFORMATIONAL and b != fgl_status.ACK]
                if faults:
                    byte = faults[-1]
                    return fgl_status.Outcome(fault=fgl_status.FAULTS.get(byte, "unknown"), byte=byte)
            return None


def _stopped(connection: FglConnection, condition: str, labels: Sequence[str], index: int,
             byte: int | None = None) -> TicketsNotPrinted:
    count = len(labels)
    first, last = index + 1, count
    which = f"job {first}" if count == 1 else f"job {first} of {count}"
    rest = "it did not print" if first == last else f"jobs {first}-{last} did not print"
    maybe = "; it may have printed: check before reprinting" if condition == "no_confirmation" else ""
    params: dict[str, object] = {**connection.where, "first": first, "last": last, "count": count,
                                 "printed": index, "status": f"0x{byte:02X}" if byte is not None else ""}
    return TicketsNotPrinted(
        f"the {connection.label} {fgl_status.ENGLISH.get(condition, condition)} at {which}: {rest}{maybe}; "
        "the sale is kept and they can be reprinted", code=f"fgl_{condition}", params=params, labels=labels,
        failed_at=index)


def send_jobs(connection: FglConnection, labels: Sequence[str], render: Callable[[int], bytes]) -> int:
    """Send job ``i`` (``render(i)``, drawn only when its turn comes) for each label, confirming each by the
    printer's status; returns how many printed. Raises :class:`TicketsNotPrinted` naming the first job that did
    not print (and so every later one)."""
    link = _open(connection)
    try:
        try:
            link.write(STATUS_REQUEST)
            ready = _outcome(link, connection.ready_timeout, until_ready=True)
        except OSError as error:
            raise _stopped(connection, "lost", labels, 0) from error
        if ready is None:
            raise _stopped(connection, "not_ready", labels, 0)
        if ready.fault:
            raise _stopped(connection, ready.fault, labels, 0, ready.byte)
        for index in range(len(labels)):
            data = render(index)
            try:
                link.write(data)
                outcome = _outcome(link, connection.ack_timeout)
            except OSError as error:
                raise _stopped(connection, "lost", labels, index) from error
            if outcome is None:
                raise _stopped(connection, "no_confirmation", labels, index)
            if outcome.fault:
                raise _stopped(connection, outcome.fault, labels, index, outcome.byte)
        return len(labels)
    finally:
        with contextlib.suppress(OSError):
            link.close()


class FglPrinter:
    """A Boca (or compatible) FGL ticket printer: tickets as raster rows, each confirmed by the printer."""

    can_open_drawer = False

    def __init__(self, kind: str, address: str, stock_name: str, dpi: int, language: str = "es",
                 connection: FglConnection | None = None) -> None:
        from boxoffice.printing.layouts import stock

        self.connection = connection or FglConnection(kind, address)
        self.paper = stock(stock_name)
        self.dpi = dpi
        self.language = language
        self.description = self.connection.label
        self.destination = self.connection.where

    def print_tickets(self, tickets: Iterable[TicketPrint]) -> int:
        from boxoffice.printing.fgl import ticket_command

        batch = list(tickets)
        if not batch:
            raise PrintError("there are no tickets to print", code="print_nothing")
        return send_jobs(self.connection, [t.barcode for t in batch],
                         lambda i: ticket_command(batch[i], self.paper, self.dpi, self.language))

    def _pages(self, what: str, pages: list[bytes]) -> None:
        labels = [what] if len(pages) == 1 else [f"{what} {n}/{len(pages)}" for n in range(1, len(pages) + 1)]
        send_jobs(self.connection, labels, pages.__getitem__)

    def print_receipt(self, receipt: ReceiptPrint) -> None:
        from boxoffice.printing.fgl import receipt_commands

        self._pages("receipt", receipt_commands(receipt, self.paper, self.dpi, self.language))

    def print_report(self, report: ReportPrint) -> None:
        from boxoffice.printing.fgl import report_commands

        self._pages(report.name, report_commands(report, self.paper, self.dpi, self.language))

    def open_drawer(self) -> None:
        raise PrintError(f"the cash drawer opens through an ESC/POS receipt printer; {self.description} cannot "
                         "open it", code="no_drawer", params=self.destination)

    def test_page(self) -> None:
        from boxoffice.printing.outputs import sample_ticket

        self.print_tickets([sample_ticket()])
