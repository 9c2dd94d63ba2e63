"""A catch-up (``DeliveryWorker.drain``) is pipelined: the next batch leaves as soon as the answer before it is in,
while that answer is being recorded. Order and exactly-once hold: each request leaves only after the one before
it was answered, a cancellation still waits until its sale is recorded as delivered, and a request sent ahead
whose answer is lost is sent again and replayed."""

from __future__ import annotations

import gzip
import json
import threading
from typing import Any

from sqlalchemy import select

from boxoffice.central.models import Order, PosTransaction, SyncEntry
from boxoffice.services import delivery
from boxoffice.services.returns import void_sale
from boxoffice.store.engine import Store
from tests.helpers.central_server import CentralServer
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.supervisors import SUPERVISOR
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    SYNC,
    Clerk,
    central_session,
    count,
    journal_ok,
    local_view,
    make_worker,
)


def _codes(request: Request) -> list[tuple[str, str]]:
    """(purchase code, status) of each entry of a synchronisation request, in order."""
    body = gzip.decompress(request.body) if request.headers.get("content-encoding") == "gzip" else request.body
    return [(entry["purchase_code"], entry["status"]) for entry in json.loads(body)["data"]["ticket_sold"]]


def _watch_syncs(proxy: FaultProxy) -> list[list[tuple[str, str]]]:
    """Each synchronisation request the proxy forwards, as :func:`_codes`, in the order they arrive."""
    requests: list[list[tuple[str, str]]] = []

    def watch(request: Request) -> bool:
        if request.path == f"/{SYNC}":
            requests.append(_codes(request))
        return False  # forwarded as it is

    proxy.add_rule(watch, Fault.passthrough())
    return requests


def _cut_first_sync(proxy: FaultProxy) -> None:
    """The first synchronisation request reaches the platform; its answer is cut."""
    first = [True]

    def first_sync(request: Request) -> bool:
        if request.path != f"/{SYNC}" or not first[0]:
            return False
        first[0] = False
        return True

    proxy.add_rule(first_sync, Fault.cut_response())


class _SlowRecording:
    """The delivery book, except that recording an answer waits (up to ``patience`` seconds) until the proxy has
    seen the next synchronisation request (of ``requests`` in all): it only comes in time if it left before this
    answer was recorded."""

    def __init__(self, requests_seen: list[Any], requests: int, patience: float = 20.0) -> None:
        self._seen = requests_seen
        self._requests = requests
        self._patience = patience
        self.next_left_first: list[bool] = []  # per recorded answer: the next request had left already
        self.arrived = threading.Condition()

    def __getattr__(self, name: str) -> Any:
        return getattr(delivery, name)

    def record_sync_results(self, session_factory: Any, batch: Any, results: Any, head: Any = None) -> Any:
        wanted = len(self.next_left_first) + 2  # this answer's request, and the one after it
        with self.arrived:
            self.next_left_first.append(wanted <= self._requests and self.arrived.wait_for(
                lambda: len(self._seen) >= wanted, self._patience))
        return delivery.record_sync_results(session_factory, batch, results, head)


def test_the_next_batch_leaves_while_the_answer_before_it_is_recorded(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    codes = [clerk.sell_zone("General", 1).purchase_code for _ in range(6)]
    requests: list[list[tuple[str, str]]] = []
    book = _SlowRecording(requests, 3)

    def watch(request: Request) -> bool:
        if request.path == f"/{SYNC}":
            with book.arrived:
                requests.append(_codes(request))
                book.arrived.notify_all()
        return False  # forwarded as it is

    proxy.add_rule(watch, Fault.passthrough())
    worker = make_worker(store, terminal, proxy.url, batch_size=2)
    worker.book = book  # type: ignore[assignment]
    result = worker.drain()

    assert result.delivered == 6 and not result.failed
    assert requests == [[(c, "completed") for c in codes[i:i + 2]] for i in (0, 2, 4)]  # in order, each once
    # the 2nd and 3rd requests were at the platform before the answer before them was recorded; the last had none
    assert book.next_left_first == [True, True, False]
    assert local_view(store).outbox == {"delivered": 6}
    with central_session(central) as session:
        assert sorted(session.scalars(select(Order.purchase_code).where(Order.office_id == NORTE))) == sorted(codes)
        assert count(session, PosTransaction) == 6


def test_a_cancellation_waits_for_its_sale_even_when_batches_are_sent_ahead(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    sales = [clerk.sell_zone("General", 1).purchase_code for _ in range(4)]
    _cut_first_sync(proxy)  # the platform stores the first three; the answer is lost
    worker = make_worker(store, terminal, proxy.url, batch_size=3)
    assert worker.run_once().failed
    # the first sale was attempted, so its void queues a cancellation behind it (the last item of the outbox)
    assert void_sale(store.session_factory, terminal.terminal, sales[0], "wrong day", actor=SUPERVISOR).delivered
    requests = _watch_syncs(proxy)

    result = worker.drain()

    assert result.delivered == 5 and not result.failed
    # the batch after the first was read while the first sale was in flight: the cancellation was not in it
    assert requests == [[(c, "completed") for c in sales[:3]], [(sales[3], "completed")],
                        [(sales[0], "cancelled")]]
    with central_session(central) as session:
        orders = dict(session.execute(select(Order.purchase_code, Order.status)
                                      .where(Order.office_id == NORTE)).all())
        assert orders == {sales[0]: "cancelled", **{code: "completed" for code in sales[1:]}}
        assert count(session, PosTransaction) == 4 and count(session, SyncEntry) == 5
    assert local_view(store).outbox == {"delivered": 5}
    assert journal_ok(store).ok


def test_a_request_sent_ahead_whose_answer_is_lost_is_sent_again_and_replayed(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    codes = [clerk.sell_zone("General", 1).purchase_code for _ in range(6)]
    syncs = [0]

    def second_sync(request: Request) -> bool:
        if request.path != f"/{SYNC}":
            return False
        syncs[0] += 1
        return syncs[0] == 2

    proxy.add_rule(second_sync, Fault.cut_response())  # the batch sent ahead is stored; its answer never comes
    worker = make_worker(store, terminal, proxy.url, batch_size=2)

    first = worker.drain()
    assert first.failed and first.delivered == 2  # the first batch; the pipeline stopped at the lost answer
    assert local_view(store).outbox == {"delivered": 2, "pending": 4}
    with central_session(central) as session:  # the platform holds the batch sent ahead
        assert len(session.scalars(select(Order.purchase_code).where(Order.office_id == NORTE)).all()) == 4

    second = worker.drain()
    assert second.delivered == 4 and not second.failed
    with central_session(central) as session:
        assert sorted(session.scalars(select(Order.purchase_code).where(Order.office_id == NORTE))) == sorted(codes)
        assert count(session, PosTransaction) == 6 and count(session, SyncEntry) == 6  # replayed, not doubled
    assert local_view(store).outbox == {"delivered": 6}
    assert journal_ok(store).ok


class _VoidAfterRead:
    """The delivery book, except that the first read of a following batch (``after_id``: while the batch before
    it is in flight) is followed at once by the void of its first sale, before the batch is marked attempted."""

    def __init__(self, store: Store, terminal: TestTerminal) -> None:
        self._store, self._terminal = store, terminal
        self.voided: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(delivery, name)

    def next_batch(self, read_session_factory: Any, batch_size: int, after_id: int | None = None) -> Any:
        batch = delivery.next_batch(read_session_factory, batch_size, after_id=after_id)
        if after_id is not None and batch and not self.voided:
            code = batch[0]["subject"]
            void_sale(self._store.session_factory, self._terminal.terminal, code, "wrong seat", actor=SUPERVISOR)
            self.voided.append(code)
        return batch


def test_a_sale_voided_after_the_next_batch_was_read_ahead_is_not_sent(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    codes = [clerk.sell_zone("General", 1).purchase_code for _ in range(4)]
    requests = _watch_syncs(proxy)
    worker = make_worker(store, terminal, proxy.url, batch_size=2)
    book = _VoidAfterRead(store, terminal)
    worker.book = book  # type: ignore[assignment]
    result = worker.drain()

    assert book.voided == [codes[2]] and not result.failed
    # never attempted when it was voided: not sent (nor any cancellation), the rest as read
    assert requests == [[(codes[0], "completed"), (codes[1], "completed")], [(codes[3], "completed")]]
    with central_session(central) as session:
        assert sorted(session.scalars(select(Order.purchase_code).where(Order.office_id == NORTE))) == \
            sorted([codes[0], codes[1], codes[3]])
    assert local_view(store).outbox == {"delivered": 3, "cancelled": 1}
    assert journal_ok(store).ok


def test_a_batch_read_ahead_of_a_lost_answer_stays_attempted_and_its_void_follows_its_sale(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    """The following batch is marked attempted while the one before is in flight. When that answer is lost it is
    not sent, but it may be at the platform for all the terminal can tell: a void of one of its sales queues a
    cancellation behind the sale, which goes first."""
    codes = [clerk.sell_zone("General", 1).purchase_code for _ in range(4)]
    _cut_first_sync(proxy)
    worker = make_worker(store, terminal, proxy.url, batch_size=2)
    assert worker.drain().failed
    assert void_sale(store.session_factory, terminal.terminal, codes[2], "wrong seat", actor=SUPERVISOR).delivered
    requests = _watch_syncs(proxy)

    result = worker.drain()

    assert not result.failed
    assert requests == [[(codes[0], "completed"), (codes[1], "completed")],
                        [(codes[2], "completed"), (codes[3], "completed")], [(codes[2], "cancelled")]]
    with central_session(central) as session:
        orders = dict(session.execute(select(Order.purchase_code, Order.status)
                                      .where(Order.office_id == NORTE)).all())
    assert orders == {codes[2]: "cancelled", **{code: "completed" for code in codes if code != codes[2]}}
    assert local_view(store).outbox == {"delivered": 5}
    assert journal_ok(store).ok
