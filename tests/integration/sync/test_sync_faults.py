"""The delivery worker against single, chosen faults: replays never duplicate, business rejections park only the
culprit, Retry-After and dead servers slow it down, and stop() ends a hanging request at once."""

from __future__ import annotations

import email.utils
import random
import threading
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from boxoffice.central.models import IdempotencyRecord, Order, PosTransaction, SyncEntry
from boxoffice.store.engine import Store
from boxoffice.store.models import Outbox
from boxoffice.store.types import utcnow
from boxoffice.sync.backoff import Backoff
from boxoffice.sync.worker import RoundResult
from tests.helpers.central_server import CentralServer
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    SYNC,
    Clerk,
    central_session,
    count,
    fast_backoff,
    journal_ok,
    local_view,
    make_worker,
    outbox_row,
    sale_row,
)


def _central_codes(central: CentralServer) -> list[str]:
    with central_session(central) as session:
        return sorted(c for c in session.scalars(select(Order.purchase_code).where(Order.office_id == NORTE)) if c)


def _sync_requests(proxy: FaultProxy) -> list[str | None]:
    """The X-Idempotency-Key of every synchronisation request the proxy saw, in order."""
    return [seen.idempotency_key for seen in proxy.seen if seen.path == f"/{SYNC}"]


@pytest.mark.parametrize("fault", [Fault.cut_response(), Fault.cut_response(fraction=0.02)],
                         ids=["cut-in-body", "cut-in-head"])
def test_answer_lost_after_the_server_stored_the_batch_no_second_order(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        fault: Fault) -> None:
    sales = [clerk.sell_zone("General", 2), clerk.sell_seats([central.seat_ids["PRE10"]], pay="split"),
             clerk.sell_zone("VIP", 1, pay="card")]
    worker = make_worker(store, terminal, proxy.url)
    proxy.fail_next(fault)

    first = worker.run_once()
    assert first.failed and first.delivered == 0
    codes = sorted(s.purchase_code for s in sales)
    assert _central_codes(central) == codes  # the platform stored them; only the answer was lost
    assert local_view(store).outbox == {"pending": 3}

    second = worker.run_once()
    assert (second.failed, second.delivered) == (False, 3)
    keys = _sync_requests(proxy)
    assert len(keys) == 2 and keys[0] == keys[1]  # the retry is the same request, under the same key
    with central_session(central) as session:
        assert count(session, Order) == 3 and count(session, SyncEntry) == 3
        assert count(session, PosTransaction) == 3 and count(session, IdempotencyRecord) == 1
    view = local_view(store)
    assert view.outbox == {"delivered": 3} and view.delivery == {"delivered": 3}
    assert journal_ok(store).ok


def test_retry_in_a_different_batch_is_replayed_entry_by_entry(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    early = [clerk.sell_zone("General", 1), clerk.sell_zone("General", 3)]
    worker = make_worker(store, terminal, proxy.url)
    proxy.fail_next(Fault.cut_response())
    assert worker.run_once().failed
    late = clerk.sell_zone("Preferente", 2)  # the retry now carries three sales: a new request key

    result = worker.run_once()
    assert (result.failed, result.delivered) == (False, 3)
    keys = _sync_requests(proxy)
    assert len(keys) == 2 and keys[0] != keys[1]
    for sale in early:  # the platform recognised these by their own idempotency keys
        assert outbox_row(store, sale.purchase_code).response["replayed"] is True
    assert outbox_row(store, late.purchase_code).response["replayed"] is False
    assert _central_codes(central) == sorted(s.purchase_code for s in [*early, late])
    with central_session(central) as session:
        assert count(session, SyncEntry) == 3 and count(session, PosTransaction) == 3


def test_client_gave_up_but_the_server_did_the_work(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    sale = clerk.sell_zone("General", 2)
    worker = make_worker(store, terminal, proxy.url, timeout=(1.0, 0.3))
    proxy.fail_next(Fault.after_hangup())  # held until the client gave up, then forwarded anyway

    timed_out = worker.run_once()
    assert timed_out.failed and "no answer" in (timed_out.error or "")
    assert proxy.wait_for(lambda counts: counts["answered"] >= 1, timeout=30)
    assert _central_codes(central) == [sale.purchase_code]

    assert worker.run_once().delivered == 1
    assert _central_codes(central) == [sale.purchase_code]
    assert sale_row(store, sale.purchase_code).delivery_state == "delivered"


def test_business_rejection_parks_only_the_culprit_with_the_servers_message(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    sales = [clerk.sell_zone("General", 1) for _ in range(5)]
    culprit = sales[2].purchase_code
    message = "Tickets no disponibles"

    def names_culprit(request: Request) -> bool:
        return culprit.encode() in request.body

    proxy.add_rule(names_culprit, Fault.http(400, message))
    worker = make_worker(store, terminal, proxy.url)
    result = worker.drain()
    assert (result.failed, result.delivered, result.parked) == (False, 4, 1)
    # split in halves: the five fail, then [1, 2] go through, [3, 4, 5] fail, [3] alone fails, [4, 5] go through
    assert proxy.counts["http_400"] == 3

    parked = outbox_row(store, culprit)
    assert (parked.state, parked.last_error) == ("parked", message)
    assert sale_row(store, culprit).delivery_state == "parked"
    others = [s.purchase_code for s in sales if s.purchase_code != culprit]
    assert _central_codes(central) == sorted(others)

    later = [clerk.sell_zone("VIP", 1), clerk.sell_zone("Preferente", 2)]  # later sales are not held up
    assert worker.drain().delivered == 2
    assert _central_codes(central) == sorted(others + [s.purchase_code for s in later])
    status = worker.status()
    assert (status.pending, status.parked) == (0, 1)
    assert status.last_error is None  # the last round went through; the parked item keeps its own message
    requests_so_far = proxy.counts["requests"]
    again = worker.drain()  # nothing retries a parked item
    assert again.idle and proxy.counts["requests"] == requests_so_far


@pytest.mark.parametrize("retry_after", ["7", "date"])
def test_retry_after_is_honoured(central: CentralServer, proxy: FaultProxy, terminal: TestTerminal,
                                 store: Store, clerk: Clerk, retry_after: str) -> None:
    sale = clerk.sell_zone("General", 1)
    worker = make_worker(store, terminal, proxy.url, backoff=Backoff(base=0.01, cap=30, rng=random.Random(1)))
    if retry_after == "date":
        when = email.utils.formatdate(time.time() + 30, usegmt=True)
        proxy.fail_next(Fault.http(503, retry_after=when))
        least = 25.0  # an HTTP date has whole seconds, and the round itself takes a moment on a busy machine
    else:
        proxy.fail_next(Fault.http(429, retry_after=retry_after))
        least = 7.0
    before = utcnow()
    result = worker.run_once()
    assert result.failed and result.retry_in is not None
    assert least <= result.retry_in <= 60  # without Retry-After the first delay would be at most 0.01 s
    row = outbox_row(store, sale.purchase_code)
    assert row.state == "pending" and row.next_attempt_at is not None
    assert row.next_attempt_at >= before + timedelta(seconds=least)
    assert worker.status().connection == "offline"


def test_a_dead_server_is_probed_about_once_a_minute_not_hammered(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        workers: list) -> None:
    sale = clerk.sell_zone("General", 1)
    backoff = fast_backoff(seed=3, probe_interval=60.0)
    worker = make_worker(store, terminal, proxy.url, backoff=backoff)
    workers.append(worker)
    proxy.randomize(1.0, [Fault.refuse()])  # nobody answers

    delays = [worker.run_once().retry_in for _ in range(6)]
    assert all(d is not None and d <= 0.05 for d in delays[:4]), delays  # quick retries at first
    assert all(d is not None and 54 <= d <= 66 for d in delays[4:]), delays  # from the 5th failure: probes
    assert proxy.counts["refuse"] == 6
    status = worker.status()
    assert status.connection == "offline" and "cannot reach" in (status.last_error or "")
    row = outbox_row(store, sale.purchase_code)
    assert row.attempts == 6 and row.next_attempt_at is not None
    assert row.next_attempt_at >= utcnow() + timedelta(seconds=30)  # a probe away (54+ s), not a quick retry

    # the background thread probes once, then waits for the next probe instead of retrying
    worker.start()
    assert proxy.wait_for(lambda counts: counts["refuse"] >= 7, timeout=30)
    assert worker.stop(timeout=30)  # it was waiting a minute; stop() still ends it at once
    assert proxy.counts["refuse"] == 7

    proxy.clear()  # the server is back
    assert worker.run_once().delivered == 1
    assert backoff.failures == 0 and worker.status().connection == "online"


def test_stop_while_a_request_hangs_returns_at_once_and_keeps_the_item(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        workers: list) -> None:
    sale = clerk.sell_zone("General", 2)
    proxy.fail_next(Fault.delay(120_000))  # far beyond the read timeout
    worker = make_worker(store, terminal, proxy.url, timeout=(3.05, 20.0))
    workers.append(worker)
    worker.start()
    worker.wake()
    assert proxy.wait_for(lambda counts: counts["delay"] >= 1, timeout=30)
    assert worker.status().connection == "syncing"

    assert worker.stop(timeout=15)  # before the 20 s read timeout: stop() cut the request
    row = outbox_row(store, sale.purchase_code)
    assert (row.state, row.attempts) == ("pending", 0)  # a shutdown is not a failed attempt
    assert sale_row(store, sale.purchase_code).delivery_state == "pending"
    assert _central_codes(central) == []
    assert proxy.counts["forwarded"] == 0

    proxy.clear()
    assert worker.drain().delivered == 1  # the same worker delivers it after the restart
    assert _central_codes(central) == [sale.purchase_code]


def test_stop_during_a_round_in_a_thread_never_loses_the_round(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    """A round cut by stop() from another thread ends failed, with the items still pending."""
    sale = clerk.sell_zone("VIP", 1)
    proxy.fail_next(Fault.delay(120_000))
    worker = make_worker(store, terminal, proxy.url, timeout=(3.05, 20.0))
    results: list[RoundResult] = []
    runner = threading.Thread(target=lambda: results.append(worker.run_once()))
    runner.start()
    assert proxy.wait_for(lambda counts: counts["delay"] >= 1, timeout=30)
    worker.stop(timeout=1)  # no thread of its own: this only cuts the request in flight
    runner.join(15)  # before the 20 s read timeout: stop() cut the request
    assert not runner.is_alive()
    assert results[0].failed and results[0].delivered == 0
    assert outbox_row(store, sale.purchase_code).state == "pending"
    proxy.clear()
    assert worker.drain().delivered == 1
    with store.session_factory() as session:
        assert session.scalar(select(Outbox.state)) == "delivered"
