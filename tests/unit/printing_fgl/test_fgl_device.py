"""A serial/USB FGL printer is a device file: a pty stands for the port (raw 8N1 set with termios when a speed is
given), the fake printer answers on its other side, and a ticket prints and is confirmed as over the network."""

from __future__ import annotations

import os
import sys

import pytest

from boxoffice.printing.fgl_output import FglConnection, FglPrinter, TicketsNotPrinted
from tests.helpers.fake_fgl_printer import FakeFglPrinter
from tests.unit.printing.printing_helpers import decode, ticket

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="ptys are POSIX")


@pytest.fixture
def port():
    master, slave = os.openpty()
    fake = FakeFglPrinter()
    fake.serve_device(master)
    yield fake, os.ttyname(slave)
    fake.close()
    os.close(slave)


def test_a_serial_printer_prints_and_confirms_each_ticket(qapp: object, port) -> None:
    fake, device = port
    connection = FglConnection("serial", f"{device}@19200", ack_timeout=5.0)
    printer = FglPrinter("serial", connection.address, "fanfold-2x5.5", 200, "es", connection=connection)
    assert printer.print_tickets([ticket(1), ticket(2)]) == 2
    assert [decode(*p.grey())["QRCODE"] for p in fake.printouts] == [[ticket(1).barcode], [ticket(2).barcode]]
    fake.answers = {3: b"\x1d"}
    with pytest.raises(TicketsNotPrinted) as caught:
        printer.print_tickets([ticket(3)])
    assert caught.value.code == "fgl_cutter_jam" and caught.value.params["printer_kind"] == "fgl-serial"


def test_a_device_that_is_not_there_is_unreachable(tmp_path) -> None:
    from boxoffice.printing.pdf import PrintError

    printer = FglPrinter("usb", str(tmp_path / "lp9"), "fanfold-2x5.5", 200)
    with pytest.raises(PrintError) as caught:
        printer.print_tickets([ticket(1)])
    assert caught.value.code == "printer_unreachable" and "lp9" in str(caught.value)
