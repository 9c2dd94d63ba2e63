"""A sale of 5 printed on an FGL printer that runs out of paper on ticket 3: the sale stays sold, tickets 3-5 are
pending (also for the next start: they are in the store), and printing just those after a reload puts all five
on paper, each once, each decoding to its barcode. Real SQLite store, real TCP to the fake printer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.app import Context, make_printer
from boxoffice.config import Config, PrinterConfig
from boxoffice.paths import Paths
from boxoffice.printing.fgl_output import TicketsNotPrinted
from boxoffice.services import print_jobs
from boxoffice.store.engine import open_store
from boxoffice.store.models import Sale
from tests.helpers.fake_fgl_printer import FakeFglPrinter
from tests.unit.printing.printing_helpers import decode
from tests.unit.services.conftest import db_path, store, templates
from tests.unit.services.services_helpers import GENERAL, sell_seats, ticket_id

__all__ = ["db_path", "store", "templates"]


@pytest.fixture
def fake() -> Iterator[FakeFglPrinter]:
    printer = FakeFglPrinter()
    yield printer
    printer.close()


def _hooks(fake: FakeFglPrinter, store, tmp_path: Path):  # -> app.PrinterHooks
    config = Config(printer=PrinterConfig(kind="fgl-network", address=fake.address, stock="fanfold-2x5.5", dpi=200))
    paths = Paths(tmp_path / "config.toml", tmp_path, tmp_path / "logs")
    return make_printer(Context(paths, config, None), store)


def test_out_of_paper_on_ticket_3_of_5_then_reprint_3_to_5(qapp: object, fake: FakeFglPrinter, store,
                                                         tmp_path: Path) -> None:
    sold = sell_seats(store, *(ticket_id(GENERAL, n) for n in range(1, 6)))
    barcodes = [t.barcode for t in sold.tickets]
    hooks = _hooks(fake, store, tmp_path)
    fake.answers = {3: b"\x10"}
    with pytest.raises(TicketsNotPrinted) as caught:
        hooks.print_sale(sold.purchase_code, cash=True)
    assert caught.value.not_printed == tuple(barcodes[2:])

    with store.read_session_factory() as session:  # the sale stays sold
        assert session.scalar(select(Sale.status).where(Sale.purchase_code == sold.purchase_code)) == "completed"
    (pending,) = hooks.unconfirmed()
    assert pending.purchase_code == sold.purchase_code
    assert pending.positions == (3, 4, 5) and pending.count == 5 and pending.barcodes == tuple(barcodes[2:])

    path = store.path
    store.close()  # the program stops; the next start reads the same file
    with open_store(path) as again:
        (after_restart,) = print_jobs.unconfirmed(again.read_session_factory)
        assert after_restart == pending
        fake.reload()
        _hooks(fake, again, tmp_path).print_sale(sold.purchase_code, only=after_restart.barcodes)
        assert print_jobs.unconfirmed(again.read_session_factory) == []

    tickets = [p for p in fake.printouts if len(p.rows) and decode(*p.grey()).get("QRCODE")]
    assert [decode(*p.grey())["QRCODE"][0] for p in tickets] == barcodes  # all five, in order, once each


def test_a_print_that_never_returned_leaves_all_pending_until_a_person_says_they_printed(
        qapp: object, fake: FakeFglPrinter, store, tmp_path: Path) -> None:
    sold = sell_seats(store, ticket_id(GENERAL, 7), ticket_id(GENERAL, 8))
    hooks = _hooks(fake, store, tmp_path)

    def crash(_batch: object) -> None:
        raise OSError("the program stopped mid-print")

    with pytest.raises(OSError):
        print_jobs.track(store.session_factory, sold.purchase_code, sold.tickets, crash)
    assert [u.positions for u in hooks.unconfirmed()] == [(1, 2)]
    hooks.dismiss_unconfirmed(sold.purchase_code)
    assert hooks.unconfirmed() == []
