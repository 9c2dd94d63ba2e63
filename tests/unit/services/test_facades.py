"""The typed facades report what each mutation changed, read through read-only sessions, and wake delivery."""

from __future__ import annotations

import pytest
from sqlalchemy import event

from boxoffice.core.changes import changes_of
from boxoffice.facades import PrintingFacade, SyncView, build_facades
from boxoffice.store.engine import Store
from tests.helpers.supervisors import SUPERVISOR
from tests.unit.services.services_helpers import (
    EVENT,
    GENERAL,
    P_GEN,
    PRICES,
    TERMINAL,
    cash,
    request,
    seats,
    states,
    ticket_id,
)


@pytest.fixture
def woken() -> list[int]:
    return []


@pytest.fixture
def facades(store: Store, woken: list[int]):
    sync = SyncView(store.session_factory, store.read_session_factory, TERMINAL, wake=lambda: woken.append(1))
    return build_facades(store, TERMINAL, sync=sync)


def test_a_sale_reports_exactly_its_seats_and_wakes_delivery(facades, woken: list[int], store: Store) -> None:
    chosen = [ticket_id(GENERAL, 1), ticket_id(GENERAL, 2)]
    done = facades.sales.sell(request(seats(*chosen), payments=[cash(2 * PRICES[P_GEN])]))
    changes = changes_of(done)
    assert changes.event_id == EVENT
    assert dict(changes.seats) == dict.fromkeys(chosen, "sold")
    assert changes.sales == (done.value.purchase_code,) and changes.outbox
    assert woken == [1]
    assert states(store, chosen) == dict.fromkeys(chosen, "sold")


def test_a_void_before_delivery_reports_the_seats_free_again(facades, store: Store) -> None:
    chosen = [ticket_id(GENERAL, 3)]
    sold = facades.sales.sell(request(seats(*chosen), payments=[cash(PRICES[P_GEN])])).value
    voided = facades.sales.void(sold.purchase_code, "customer changed their mind", actor=SUPERVISOR)
    assert dict(changes_of(voided).seats) == states(store, chosen)
    assert changes_of(voided).outbox


def test_a_return_reports_its_seats_returning(facades) -> None:
    chosen = [ticket_id(GENERAL, 5), ticket_id(GENERAL, 6)]
    done = facades.sales.return_tickets(EVENT, chosen, actor=SUPERVISOR)
    assert dict(changes_of(done).seats) == dict.fromkeys(chosen, "returning")


def test_reads_never_take_the_write_lock(facades, store: Store) -> None:
    begins: list[str] = []

    def on_begin(conn) -> None:
        begins.append(conn.get_execution_options().get("boxoffice_begin", "IMMEDIATE"))

    event.listen(store.engine, "begin", on_begin)
    try:
        view = facades.sales.event_view(EVENT)
        facades.sales.events()
        facades.shifts.current()
        facades.sync.counts()
    finally:
        event.remove(store.engine, "begin", on_begin)
    assert {s.zone for s in view.seats} >= {GENERAL}
    assert begins and set(begins) == {"DEFERRED"}


def test_training_printing_never_opens_the_drawer() -> None:
    calls: list[tuple[str, bool]] = []
    real = PrintingFacade(True, lambda code, reprint=False, cash=False: calls.append((code, cash)),
                          no_sale=lambda actor: calls.append(("drawer", True)))
    practice = real.without_drawer()
    assert practice.no_sale is None
    assert practice.print_sale is not None
    practice.print_sale("CODE", cash=True)
    assert calls == [("CODE", False)]
