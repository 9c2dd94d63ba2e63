"""An FGL ticket printer over real TCP (the fake Boca in tests/helpers/fake_fgl_printer.py): every ticket is
rebuilt from its raster rows and decoded with zbar; the printer's status bytes decide what printed."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boxoffice.printing.fgl_output import FglConnection, FglPrinter, TicketsNotPrinted
from tests.helpers.fake_fgl_printer import FakeFglPrinter
from tests.unit.printing.printing_helpers import decode, ticket

OUT_OF_PAPER, PAPER_JAM, CUTTER_JAM, LOW_PAPER, ACK = b"\x10", b"\x18", b"\x1d", b"\x0f", b"\x06"


@pytest.fixture
def fake() -> Iterator[FakeFglPrinter]:
    printer = FakeFglPrinter()
    yield printer
    printer.close()


def _printer(fake: FakeFglPrinter, **timeouts: float) -> FglPrinter:
    connection = FglConnection("network", fake.address, timeout=5.0, **timeouts)
    return FglPrinter("network", fake.address, "fanfold-2x5.5", 200, "es", connection=connection)


def _decoded(fake: FakeFglPrinter) -> list[tuple[str, str]]:
    out = []
    for printout in fake.printouts:
        found = decode(*printout.grey())
        assert len(found.get("QRCODE", [])) == 1 and len(found.get("CODE128", [])) == 1, found
        out.append((found["QRCODE"][0], found["CODE128"][0]))
    return out


def test_five_tickets_print_one_cut_each_and_decode_to_their_barcodes(qapp: object, fake: FakeFglPrinter) -> None:
    tickets = [ticket(n) for n in range(1, 6)]
    assert _printer(fake).print_tickets(tickets) == 5
    assert [p.cut for p in fake.printouts] == [True] * 5 and fake.unknown == []
    assert _decoded(fake) == [(t.barcode, t.barcode) for t in tickets]


def test_out_of_paper_on_ticket_3_of_5_names_tickets_3_to_5_and_their_reprint_prints_them(
        qapp: object, fake: FakeFglPrinter) -> None:
    tickets = [ticket(n) for n in range(1, 6)]
    fake.answers = {2: LOW_PAPER + ACK, 3: OUT_OF_PAPER}
    printer = _printer(fake)
    with pytest.raises(TicketsNotPrinted) as caught:
        printer.print_tickets(tickets)
    error = caught.value
    assert error.code == "fgl_out_of_paper"
    assert error.printed == tuple(t.barcode for t in tickets[:2])
    assert error.not_printed == tuple(t.barcode for t in tickets[2:])
    assert error.params["first"] == 3 and error.params["last"] == 5 and error.params["status"] == "0x10"
    assert "job 3 of 5" in str(error) and "jobs 3-5 did not print" in str(error)
    assert len(fake.printouts) == 2  # nothing after the fault was sent

    with pytest.raises(TicketsNotPrinted) as still:  # paper not loaded yet: S1 gets no X-ON, nothing is sent
        _printer(fake, ready_timeout=0.3).print_tickets(tickets[2:])  # (0.3 s of a silence that is certain)
    assert still.value.code == "fgl_not_ready" and still.value.not_printed == error.not_printed

    fake.reload()
    assert printer.print_tickets([t for t in tickets if t.barcode in error.not_printed]) == 3
    assert [qr for qr, _ in _decoded(fake)] == [t.barcode for t in tickets]  # nothing lost, nothing twice


@pytest.mark.parametrize(("answer", "code"), [(PAPER_JAM, "fgl_paper_jam"), (CUTTER_JAM, "fgl_cutter_jam"),
                                              (b"\x7e", "fgl_unknown")])
def test_faults_on_the_first_ticket_name_all(qapp: object, fake: FakeFglPrinter, answer: bytes, code: str) -> None:
    fake.answers = {1: answer}
    with pytest.raises(TicketsNotPrinted) as caught:
        _printer(fake).print_tickets([ticket(1), ticket(2)])
    assert caught.value.code == code and caught.value.failed_at == 0 and len(caught.value.not_printed) == 2


def test_a_ticket_never_confirmed_is_named_as_maybe_printed(qapp: object, fake: FakeFglPrinter) -> None:
    fake.silent_after = 1  # the first ticket is swallowed (0.3 s of a silence that is certain)
    with pytest.raises(TicketsNotPrinted) as caught:
        _printer(fake, ack_timeout=0.3).print_tickets([ticket(1), ticket(2), ticket(3)])
    assert caught.value.code == "fgl_no_confirmation" and caught.value.failed_at == 0
    assert caught.value.not_printed == (ticket(1).barcode, ticket(2).barcode, ticket(3).barcode)
    assert "may have printed" in str(caught.value)


def test_test_page_and_receipt(qapp: object, fake: FakeFglPrinter) -> None:
    from tests.unit.printing.printing_helpers import receipt

    printer = _printer(fake)
    printer.test_page()
    assert decode(*fake.printouts[0].grey())["QRCODE"] == ["TEST-0123456789"]
    printer.print_receipt(receipt())
    assert fake.printouts[-1].cut and len(fake.printouts) >= 2


def test_a_printer_that_is_off_is_unreachable(qapp: object) -> None:
    import socket

    from boxoffice.printing.pdf import PrintError

    with socket.socket() as held:  # bound, never listening: the port refuses and no other program can take it
        held.bind(("127.0.0.1", 0))
        address = f"127.0.0.1:{held.getsockname()[1]}"
        printer = FglPrinter("network", address, "fanfold-2x5.5", 200, connection=FglConnection("network", address))
        with pytest.raises(PrintError) as caught:
            printer.print_tickets([ticket(1)])
    assert caught.value.code == "printer_unreachable"
