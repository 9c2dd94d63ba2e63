"""Comps reach the platform like sales; a training copy never reaches it and never touches the real store."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from boxoffice.central.models import Order, OrderTicket, Ticket
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.catalog import lines_for
from boxoffice.services.sales import SaleRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry, Outbox, Sale
from boxoffice.training import start_training
from tests.helpers.central_server import CentralServer
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    central_session,
    journal_ok,
    local_view,
    make_worker,
    ticket_states,
)
from tests.integration.sync.sync_helpers import (
    Clerk as SellingClerk,
)


def add_supervisor(store: Store) -> int:
    with store.session_factory.begin() as session:
        supervisor = Clerk(name="Bea", role="supervisor", pin_hash="scrypt$x")
        session.add(supervisor)
        session.flush()
        return supervisor.id


def test_a_comp_is_delivered_as_a_zero_amount_order(central: CentralServer, terminal: TestTerminal,
                                                    store: Store, clerk: SellingClerk) -> None:
    seats = clerk.available("VIP")[:2]
    request = SaleRequest(central.event_id, tuple(lines_for(store.session_factory, central.event_id, seats=seats)),
                          (), clerk_id=add_supervisor(store), customer_name="Pat Lee", comp_reason="Prensa")
    comp = sell(store.session_factory, terminal.terminal, request)
    paid = clerk.sell_zone("General", 1)
    assert make_worker(store, terminal, central.url).drain().delivered == 2
    assert local_view(store).outbox == {"delivered": 2}
    with central_session(central) as session:
        order = session.scalars(select(Order).where(Order.purchase_code == comp.purchase_code)).one()
        assert (order.status, order.office_id, order.client_name) == ("completed", NORTE, "Pat Lee")
        assert order.amount_cents == 0
        sold = set(session.scalars(select(OrderTicket.ticket_id).where(OrderTicket.order_id == order.id)))
        assert sold == set(seats)
        assert set(session.scalars(select(Ticket.sold_order_id).where(Ticket.id.in_(seats)))) == {order.id}
        assert session.scalar(select(func.count()).select_from(Order)
                              .where(Order.purchase_code == paid.purchase_code)) == 1
    assert journal_ok(store).ok


def test_training_sells_on_a_scratch_copy_that_never_syncs(central: CentralServer, terminal: TestTerminal,
                                                           store: Store, clerk: SellingClerk, tmp_path: Path) -> None:
    real = clerk.sell_zone("General", 1)
    with store.read_session_factory() as session:
        journal_before = session.scalar(select(func.count()).select_from(JournalEntry))
    training = start_training(store.path, tmp_path / "data", terminal.terminal)
    assert training.terminal.training and training.path.exists()
    seats = clerk.available("VIP")[:3]
    lines = tuple(lines_for(training.store.session_factory, central.event_id, seats=seats))
    total = sum(clerk.prices[line.product_id] * line.quantity for line in lines)
    practice = sell(training.store.session_factory, training.terminal,
                    SaleRequest(central.event_id, lines, (PaymentRequest("cash", tendered_cents=total),)))
    with training.store.read_session_factory() as session:
        assert session.scalars(select(Sale.training).where(Sale.purchase_code == practice.purchase_code)).one()
        assert session.scalar(select(func.count()).select_from(Outbox).where(Outbox.state == "pending")) == 2
    # the real store never saw the practice sale: its seats are free, its journal is as it was
    assert ticket_states(store, seats) == dict.fromkeys(seats, "available")
    with store.read_session_factory() as session:
        assert session.scalar(select(func.count()).select_from(JournalEntry)) == journal_before
        assert session.scalar(select(func.count()).select_from(Sale)
                              .where(Sale.purchase_code == practice.purchase_code)) == 0
    # the real worker delivers the real sale only; the platform never hears of the practice one
    assert make_worker(store, terminal, central.url).drain().delivered == 1
    with central_session(central) as session:
        codes = set(session.scalars(select(Order.purchase_code)))
    assert real.purchase_code in codes and practice.purchase_code not in codes
    training.discard()
    assert not training.path.exists() and not list(training.path.parent.glob("training-*"))
    assert journal_ok(store).ok


def test_a_training_copy_left_by_a_crash_is_removed_next_time(store: Store, terminal: TestTerminal,
                                                             tmp_path: Path) -> None:
    first = start_training(store.path, tmp_path / "data", terminal.terminal)
    first.store.close()  # the app died: nobody discarded it
    second = start_training(store.path, tmp_path / "data", terminal.terminal)
    assert not first.path.exists() and second.path.exists()
    second.discard()
