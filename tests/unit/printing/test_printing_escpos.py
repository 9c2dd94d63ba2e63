"""ESC/POS output sent to a TCP listener on 127.0.0.1 (a fake port-9100 printer), byte-checked."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest

from boxoffice.printing.escpos_output import (
    PAPER_STATUS_REQUEST,
    Connection,
    open_drawer,
    parse_network,
    parse_serial,
    parse_usb,
    print_receipt,
    print_test_page,
    print_tickets,
    send,
    ticket_bytes,
)
from boxoffice.printing.pdf import PrintError
from tests.unit.printing.fake_escpos import PAPER_GONE, FakePrinter
from tests.unit.printing.printing_helpers import receipt, ticket

GS_K = b"\x1dk"  # GS k: print barcode
CODE128_B = b"\x1dkI"  # GS k m=73 (Code128, function B)
QR = b"\x1d(k"  # GS ( k: 2D code
CUT = b"\x1dV"  # GS V: cut
DRAWER = b"\x1bp"  # ESC p: drawer kick pulse


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    fake = FakePrinter()
    yield fake
    fake.close()


def test_tickets_reach_the_printer_with_code128_qr_and_a_cut_each(printer: FakePrinter) -> None:
    tickets = [ticket(1), ticket(2, seat=None, row=None)]
    sent = print_tickets(Connection("network", printer.address), iter(tickets), "es")
    data = printer.wait()
    assert sent == 2
    assert data.startswith(PAPER_STATUS_REQUEST)
    for t in tickets:
        code = t.barcode.encode()
        # GS k 73 n "{B" data: Code128 with the code set B prefix, n = its length
        assert CODE128_B + bytes([len(code) + 2]) + b"{B" + code in data
        # GS ( k pL pH 49 80 48 data: store the QR data (native QR), then 49 81 48: print it
        assert QR + (len(code) + 3).to_bytes(2, "little") + b"1P0" + code in data
    assert data.count(QR + b"\x03\x001Q0") == 2
    assert data.count(CUT) == 2 and data.rstrip(b"\x00").endswith(CUT)
    assert b"Cascanueces" in data and b"Butaca 12" in data and b"General" in data
    assert b"Compra " + t.purchase_code.encode() in data


def test_receipt_and_drawer_pulse(printer: FakePrinter) -> None:
    connection = Connection("network", printer.address)
    print_receipt(connection, receipt(), "en")
    data = printer.wait()
    assert b"Total" in data and b"56.25" in data and data.count(CUT) == 1
    assert GS_K not in data and DRAWER not in data
    open_drawer(connection)
    kick = printer.wait()
    assert kick == b"\x1bp\x0022"  # ESC p m=0 (pin 2) t1 t2: no status request, nothing else


def test_test_page(printer: FakePrinter) -> None:
    print_test_page(Connection("network", printer.address))
    data = printer.wait()
    assert CODE128_B in data and QR in data and CUT in data


def test_a_silent_printer_still_prints_after_the_status_timeout() -> None:
    fake = FakePrinter(status=None)
    try:
        print_tickets(Connection("network", fake.address, status_timeout=0.2), [ticket()])
        assert CUT in fake.wait()
    finally:
        fake.close()


def test_out_of_paper_is_a_clear_error_and_nothing_is_printed() -> None:
    fake = FakePrinter(status=PAPER_GONE)
    try:
        with pytest.raises(PrintError, match="out of paper"):  # a long status wait: the fake answers, however busy
            print_tickets(Connection("network", fake.address, status_timeout=30), [ticket()])
        assert CUT not in fake.wait()
    finally:
        fake.close()


def test_refused_connection_is_a_clear_print_error() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(PrintError, match=rf"network printer at 127.0.0.1:{port} refused the connection.*reprinted"):
        print_tickets(Connection("network", f"127.0.0.1:{port}", timeout=2), [ticket()])
    with pytest.raises(PrintError, match="refused"):
        open_drawer(Connection("network", f"127.0.0.1:{port}", timeout=2))


def test_a_printer_that_never_reads_times_out_with_a_clear_error() -> None:
    # A listener that accepts but is never read from: with a tiny timeout the send times out.
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        big = [ticket_bytes(ticket()) * 2000] * 20  # far more than the socket buffers hold
        with pytest.raises(PrintError, match=r"did not answer within 0\.5 s"):
            send(Connection("network", f"127.0.0.1:{server.getsockname()[1]}", timeout=0.5,
                            status_timeout=0.1), big)
    finally:
        server.close()


def test_addresses() -> None:
    assert parse_network("10.0.0.5") == ("10.0.0.5", 9100)
    assert parse_network("printer.local:9101") == ("printer.local", 9101)
    assert parse_usb("04b8:0202") == (0x04B8, 0x0202)
    assert parse_serial("COM3@19200") == ("COM3", 19200)
    assert parse_serial("/dev/ttyUSB0") == ("/dev/ttyUSB0", 9600)
    for bad in ("", "host:port"):
        with pytest.raises(PrintError):
            parse_network(bad)
    with pytest.raises(PrintError, match="hexadecimal"):
        parse_usb("epson")


def test_ticket_layout_fits_80mm_and_marks_reprints() -> None:
    data = ticket_bytes(ticket(reprint=True, comp=True, training=True), "en")
    assert b"REPRINT" in data and b"COMP" in data and b"TRAINING / FORMACI" in data
    assert b"\x1ba\x00" + b"-" * 42 + b"\n" in data and b"-" * 43 not in data  # rules are one 42-column line
    assert b"\x1dw\x02" in data  # module width 2 dots: the barcode fits the 72 mm head


@pytest.mark.parametrize(("kind", "address", "library"), [("usb", "04b8:0202", "pyusb"),
                                                          ("serial", "/dev/ttyUSB9", "pyserial")])
def test_usb_and_serial_without_their_library_or_device_give_a_print_error(
    kind: str, address: str, library: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from escpos import printer as escpos_printer

    cls = escpos_printer.Usb if kind == "usb" else escpos_printer.Serial
    monkeypatch.setattr(cls, "is_usable", staticmethod(lambda: False))
    with pytest.raises(PrintError, match=library):
        print_tickets(Connection(kind, address), [ticket()])
