"""The sale dialog lists each ticket with its zone, row and seat number (#14, "no row in the sale dialog"), never
the platform's seat code, and the tickets of a family pass name the pass; read through the operation runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.core.payments import PaymentRequest
from boxoffice.services import catalog, clerks
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.services.shifts import current_shift, open_shift
from boxoffice.store.engine import Store
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.window_context import window_context
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = seed_store(tmp_path / "t.sqlite3")
    if current_shift(opened.read_session_factory) is None:  # every sale belongs to a shift
        boss = clerks.create_clerk(opened.session_factory, "Marta", "8642", role="supervisor")
        open_shift(opened.session_factory, boss.id, 0, actor=boss.name)
    yield opened
    opened.close()


def test_each_ticket_shows_zone_row_and_seat_and_a_pass_names_itself(qtbot, store: Store) -> None:
    code = sell(store.session_factory, TERMINAL, SaleRequest("EVDEMO", (
        LineRequest("tt-pre", 1, ("EVDEMO-PRE15",)), LineRequest("tt-familia", 1, zone="General")),
        (PaymentRequest("cash", tendered_cents=20000),), allow_split=True)).purchase_code
    sale = catalog.find_sale(store.read_session_factory, code)
    dialog = SaleDialog(sale, window_context(backend_for(store, "en")))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ctx.runner.pending == 0 and dialog.ticket_rows()[0][0] != "", timeout=10_000)

    rows = dialog.ticket_rows()
    assert len(rows) == 6 and [r[4] for r in rows] == [barcode for _s, _p, barcode in sale.tickets]
    assert rows[0][:4] == ("Preferente", "B", "15", "Preferente")  # PRE15 is row B's third seat (12 a row)
    passes = rows[1:]
    assert {r[0] for r in passes} == {"General"} and all(r[1] and r[2].isdigit() for r in passes)
    assert [r[3] for r in passes] == [f"Pase Familiar — {p} ({n} of 5)" for n, p in
                                      enumerate(["General", "General", "Niño", "Niño", "Niño"], start=1)]
    assert not any("EVDEMO" in cell or "PRE15" in cell or "GEN" in cell for r in rows for cell in r[:4])
