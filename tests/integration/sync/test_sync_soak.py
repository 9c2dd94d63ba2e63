"""500 sales made while a background worker delivers them through a proxy that breaks a third of the requests:
the platform ends with exactly those 500 purchases, each ticket sold once, and the terminal's outbox is empty."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from boxoffice.central.models import Order, OrderTicket, PosTransaction, SyncEntry, Ticket
from boxoffice.inventory_pull import pull
from boxoffice.store.engine import Store
from boxoffice.store.models import Outbox
from tests.helpers.central_server import CentralServer
from tests.helpers.fault_proxy import FaultProxy, all_kinds
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import (
    ASSIGN,
    NORTE,
    Clerk,
    call,
    central_session,
    count,
    fast_backoff,
    journal_ok,
    local_view,
    make_worker,
    unassigned_seats,
    wait_until,
)

SALES = 500
FAULT_LABELS = {"refuse", "delay", "cut_request", "cut_response", "http_500", "http_503", "http_429"}


def test_500_sales_under_random_faults_reach_the_platform_exactly_once(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, workers: list) -> None:
    # room for 500 sales: every seat no office holds goes to Norte too (about 1,700 seats), then pull again
    assigned = call(central, ASSIGN, {"tickets_offline": unassigned_seats(central), "office_id": NORTE,
                                      "event_id": central.event_id})
    assert assigned.status_code == 200, assigned.text
    client = terminal.client()
    try:
        pull(client, store.session_factory, [central.event_id])
    finally:
        client.close()

    # delays up to 1.5 s against a 1 s read timeout: some requests are processed after the client gave up
    faults = all_kinds(delay_ms=(20, 1500), retry_after=1)
    for fault in faults:  # one of each kind for certain, then about a third of all requests at random
        proxy.fail_next(fault)
    proxy.randomize(0.35, faults, seed=42)
    worker = make_worker(store, terminal, proxy.url, batch_size=5, timeout=(1.0, 1.0),
                         backoff=fast_backoff(seed=7))
    workers.append(worker)
    worker.start()

    clerk = Clerk(store, terminal, central.event_id, seed=2024)
    sold = []
    for _ in range(SALES):
        sold.append(clerk.random_sale())
        worker.wake()
    # the clerk is done; the worker carries on under the same faults until the outbox is empty
    assert wait_until(lambda: worker.status().pending == 0, timeout=120), worker.status()
    assert worker.stop(timeout=10)
    injected, requests_under_faults = proxy.injected, proxy.counts["requests"]

    proxy.clear()  # then a last drain with the faults off finds nothing left to send
    final = worker.drain()
    assert (final.failed, final.idle, final.delivered) == (False, True, 0), final.error
    assert proxy.counts["requests"] == requests_under_faults

    # -- the terminal: nothing pending, nothing parked, every sale delivered, journal intact ------------------
    local = local_view(store)
    assert local.outbox == {"delivered": SALES}
    assert local.delivery == {"delivered": SALES}
    assert journal_ok(store).ok
    with store.session_factory() as session:
        retried = session.scalar(select(Outbox.id).where(Outbox.attempts > 0).limit(1))
    assert retried is not None  # the faults really made the worker retry
    local_tickets = {code: sorted(ids) for code, ids in local.tickets.items()}
    assert set(local_tickets) == {sale.purchase_code for sale in sold}
    assert sum(len(ids) for ids in local_tickets.values()) == sum(len(sale.tickets) for sale in sold)

    # -- the platform: exactly these 500 purchases, one order each, every ticket in exactly one order ----------
    with central_session(central) as session:
        orders = dict(session.execute(select(Order.id, Order.purchase_code).where(Order.office_id == NORTE)).all())
        assert len(orders) == SALES
        assert sorted(orders.values()) == sorted(local_tickets)  # purchase codes match one to one
        assert count(session, Order, Order.status != "completed") == 0
        assert count(session, SyncEntry) == SALES  # no entry was stored twice
        assert count(session, PosTransaction) == SALES
        lines = session.execute(select(OrderTicket.order_id, OrderTicket.ticket_id, OrderTicket.conflict)).all()
        per_ticket = Counter(ticket_id for _, ticket_id, _ in lines)
        assert per_ticket.most_common(1)[0][1] == 1  # no ticket in two orders
        assert len(lines) == sum(len(ids) for ids in local_tickets.values())
        assert all(conflict is None for _, _, conflict in lines)
        central_tickets: dict[str, list[str]] = {}
        for order_id, ticket_id, _ in lines:
            central_tickets.setdefault(orders[order_id], []).append(ticket_id)
        assert {code: sorted(ids) for code, ids in central_tickets.items()} == local_tickets
        sold_centrally = dict(session.execute(select(Ticket.id, Ticket.sold_order_id)
                                              .where(Ticket.sold_order_id.is_not(None))).all())
        assert sold_centrally == {ticket_id: order_id for order_id, ticket_id, _ in lines}

    # -- and the proxy really did break things, of every kind --------------------------------------------------
    assert FAULT_LABELS <= {label for label, n in proxy.counts.items() if n > 0}, proxy.counts
    assert injected >= requests_under_faults // 5, proxy.counts
    print(f"\nsoak: {SALES} sales, {proxy.counts['requests']} requests, {injected} faults injected: "
          f"{dict(proxy.counts)}")
