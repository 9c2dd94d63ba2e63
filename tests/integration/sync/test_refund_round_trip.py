"""Refunds at the window over real HTTP (#16 point 6): sell 3 tickets offline, refund 1 in cash with a
supervisor's PIN (``boxoffice refund``), deliver through the fault proxy with the refund's answer lost, and
again: the central has the sale with 2 tickets live and 1 refunded exactly once; the seat comes back on sale at
the terminal only once the central confirmed; the Z report's cash expected reconciles to the cent."""

from __future__ import annotations

import gzip

from sqlalchemy import select

from boxoffice.central.models import Order, OrderTicket
from boxoffice.central.models import Ticket as CentralTicket
from boxoffice.central.sale_refunds import TicketRefund
from boxoffice.core.permissions import PermissionRefused
from boxoffice.services import refunds, shifts
from boxoffice.services.clerks import ScryptCost, hash_pin
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk as ClerkRow
from boxoffice.store.models import Outbox, Shift
from boxoffice.store.types import utcnow
from boxoffice.sync.wire import ticket_sold_entry
from tests.helpers.central_server import CentralServer
from tests.helpers.cli import run_boxoffice
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.supervisors import SUPERVISOR, SUPERVISOR_PIN
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import Clerk, central_session, make_worker, ticket_states


def _body(request: Request) -> bytes:
    """The request's body as sent by the terminal, gzip or not."""
    if request.headers.get("content-encoding", "").lower() == "gzip":
        return gzip.decompress(request.body)
    return request.body


def _add_plain_clerk(store: Store, name: str = "Pablo") -> None:
    with store.session_factory.begin() as session:
        session.add(ClerkRow(id=-20, name=name, role="clerk", pin_hash=hash_pin(SUPERVISOR_PIN, ScryptCost(log_n=4)),
                             active=True))


def test_a_refund_of_one_ticket_reaches_the_central_once_and_frees_the_seat_on_confirmation(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    sale = clerk.sell_zone("General", 3)  # offline: nothing delivered yet
    code, ids = sale.purchase_code, [t.ticket_id for t in sale.tickets]
    refunded, kept = ids[1], [ids[0], ids[2]]
    _add_plain_clerk(store)

    # a clerk without a supervisor is refused, by the command and by the service
    no_supervisor = run_boxoffice(["refund", code, "--ticket", refunded, "--reason", "ill"], env=terminal.env)
    assert no_supervisor.returncode != 0 and "supervisor" in no_supervisor.stderr
    plain = run_boxoffice(["refund", code, "--ticket", refunded, "--reason", "ill", "--supervisor", "Pablo",
                           "--pin-stdin"], input=SUPERVISOR_PIN + "\n", env=terminal.env)
    assert plain.returncode != 0, plain.stdout
    try:
        refunds.refund(store.session_factory, terminal.terminal, code, [refunded], method="cash", reason="ill",
                       actor="Pablo")
        raise AssertionError("a clerk refunded without a supervisor")
    except PermissionRefused:
        pass

    done = run_boxoffice(["refund", code, "--ticket", refunded, "--reason", "customer ill", "--supervisor",
                          SUPERVISOR, "--pin-stdin", "--json"], input=SUPERVISOR_PIN + "\n", env=terminal.env)
    assert done.returncode == 0, done.stderr
    view = refunds.sale_for_refund(store.read_session_factory, code)
    share = next(t.amount_cents for t in view.tickets if t.ticket_id == refunded)
    assert view.refunded_cents == share > 0
    assert ticket_states(store, ids) == dict.fromkeys(ids, "sold")  # not back on sale before the central says so

    # the refund's answer is lost once: the worker retries under the same key and the central replays
    proxy.add_rule(lambda r: b'"refund"' in _body(r), Fault.cut_response(), times=1)
    worker = make_worker(store, terminal, proxy.url)
    for _ in range(5):
        worker.drain()
        with store.read_session_factory() as session:
            if session.scalar(select(Outbox.state).where(Outbox.kind == "refund")) == "delivered":
                break
    assert proxy.injected == 1  # the refund's answer was cut once
    assert ticket_states(store, ids) == {refunded: "available", kept[0]: "sold", kept[1]: "sold"}

    # delivered again, under its key and under a fresh one: still refunded once
    with store.read_session_factory() as session:
        row = session.scalars(select(Outbox).where(Outbox.kind == "refund")).one()
        payload, key = row.payload, row.idempotency_key
    client = terminal.client()
    try:
        again = client.synchronize([ticket_sold_entry(payload, key)], "again-" + key)
        other = client.synchronize([ticket_sold_entry(payload, "other-" + key)], "other-" + key)
    finally:
        client.close()
    assert again[0].replayed and other[0].error is None

    with central_session(central) as session:
        order = session.scalars(select(Order).where(Order.purchase_code == code)).one()
        assert order.status == "completed"
        lines = set(session.scalars(select(OrderTicket.ticket_id).where(OrderTicket.order_id == order.id)))
        assert lines == set(ids)
        rows = session.scalars(select(TicketRefund).where(TicketRefund.order_id == order.id)).all()
        assert [(r.ticket_id, r.method, r.amount_cents) for r in rows] == [(refunded, "cash", share)]
        live = dict(session.execute(select(CentralTicket.id, CentralTicket.sold_order_id)
                                    .where(CentralTicket.id.in_(ids))).all())
        assert live == {refunded: None, kept[0]: order.id, kept[1]: order.id}

    # the seat sells again here, and the Z report's cash reconciles to the cent
    resale = clerk.sell_seats([refunded])
    with store.read_session_factory() as session:
        shift = session.scalars(select(Shift).where(Shift.closed_at.is_(None))).one()
        report = shifts.z_report(session, shift, utcnow())
    cash = report["cash"]
    assert report["refunds"] == {"count": 1, "cash_cents": share, "card_cents": 0, "total_cents": share}
    assert cash["refunds_cents"] == share
    assert cash["expected_cents"] == (shift.float_cents + sale.total_cents + resale.total_cents - share)
    assert cash["expected_cents"] == (cash["float_cents"] + cash["taken_cents"] - cash["change_cents"]
                                      - cash["refunded_cents"] - cash["refunds_cents"])
