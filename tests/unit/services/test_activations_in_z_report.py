"""A pre-generated ticket sold at the window brings its money into the shift: the Z report counts the
activations by method, and the cash expected in the drawer includes theirs (services/shifts.py)."""

from __future__ import annotations

from boxoffice.core.money import money_format
from boxoffice.core.report_print import z_report_print
from boxoffice.services.activations import activate
from boxoffice.services.shifts import close_shift, current_shift
from boxoffice.store.engine import Store
from boxoffice.store.models_door import DoorTicket
from tests.helpers.supervisors import SUPERVISOR
from tests.unit.services.services_helpers import EVENT, TERMINAL


def _pregenerated(store: Store, *barcodes: str) -> None:
    with store.session_factory.begin() as session:
        for n, barcode in enumerate(barcodes):
            session.add(DoorTicket(event_id=EVENT, barcode=barcode, ticket_key=f"k{n}", ticket_id=f"PG-{n}",
                                   ticket_type="General", holder=None, status="pregenerated", reentry_limit=1,
                                   scan_points=[]))


def test_activations_count_in_the_z_report_and_their_cash_in_the_drawer(store: Store) -> None:
    _pregenerated(store, "LOTE-0001", "LOTE-0002", "LOTE-0003")
    shift = current_shift(store.session_factory)
    activate(store.session_factory, TERMINAL, "LOTE-0001", 1200, method="cash", actor=SUPERVISOR)
    activate(store.session_factory, TERMINAL, "LOTE-0002", 1500, method="card", reference="S-9", actor=SUPERVISOR)
    expected = shift.float_cents + 1200
    closed = close_shift(store.session_factory, shift.id, expected, SUPERVISOR)
    report = closed.report
    assert report["activations"] == {"count": 2, "cash_cents": 1200, "card_cents": 1500}
    assert report["cash"]["expected_cents"] == expected and report["cash"]["difference_cents"] == 0
    printed = z_report_print(report, "Taquilla Norte", "test-1", None, "es")
    money = money_format("es")
    assert printed.value("Ventas", "Entradas de lote activadas") == f"2 · {money.format(2700)}"
    assert printed.value("Efectivo", "Cobrado por activaciones") == money.format(1200)
