"""Issue #12 at the terminal, over real HTTP to the reference central on SQLite and PostgreSQL: a void reaches the
platform once a delivery was attempted (1) and never before its sale (11); one bad entry does not block the
queue, an outage parks nothing (2); answers that are not the platform's are transport trouble (9); a round that
goes through clears the last error."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from boxoffice.central.models import Order, SyncEntry, Ticket
from boxoffice.services.returns import void_confirmation, void_sale
from boxoffice.store.engine import Store
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.central_server import CentralServer
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.supervisors import SUPERVISOR
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    SYNC,
    Clerk,
    both_backends,
    central_session,
    count,
    local_view,
    make_worker,
    outbox_row,
    sale_row,
    ticket_states,
)

NOT_THE_PLATFORM = "not the platform's answer"


def _central_orders(central: CentralServer) -> dict[str, str]:
    """purchase code -> order status, for Norte's orders on the platform."""
    with central_session(central) as session:
        return dict(session.execute(select(Order.purchase_code, Order.status).where(Order.office_id == NORTE)).all())


def _is_sync(request: Request) -> bool:
    return request.path == f"/{SYNC}"


def _names(code: str):
    def match(request: Request) -> bool:
        return _is_sync(request) and code.encode() in request.body
    return match


def _record_sync_bodies(proxy: FaultProxy) -> list[bytes]:
    bodies: list[bytes] = []

    def record(request: Request) -> bool:
        if _is_sync(request):
            bodies.append(request.body)
        return False

    proxy.add_rule(record, Fault.passthrough())
    return bodies


def _drain_until(worker: DeliveryWorker, done, rounds: int = 12) -> None:
    """Run rounds (each may fail and would back off in the background thread) until ``done()`` holds."""
    for _ in range(rounds):
        if done():
            return
        worker.run_once()
    assert done(), worker.status()


# -- point 1 and 11: a void after an attempted delivery ---------------------------------------------------------


@both_backends
def test_void_of_a_sale_whose_answer_timed_out_is_sent_after_the_sale(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    seats = [central.seat_ids["PRE40"], central.seat_ids["PRE41"]]
    sale = clerk.sell_seats(seats)
    worker = make_worker(store, terminal, proxy.url, timeout=(2.0, 0.3))
    proxy.fail_next(Fault.after_hangup())  # held until the client gave up; the platform stores the sale anyway
    assert worker.run_once().failed
    assert proxy.wait_for(lambda counts: counts["answered"] >= 1, timeout=30)
    assert _central_orders(central) == {sale.purchase_code: "completed"}
    assert outbox_row(store, sale.purchase_code).attempted_at is not None

    voided = void_sale(store.session_factory, terminal.terminal, sale.purchase_code, "customer changed mind",
                       actor=SUPERVISOR)
    assert voided.delivered  # a cancellation is queued: the platform may have the sale
    assert set(ticket_states(store, seats).values()) == {"sold"}  # until the platform confirms
    confirmation = void_confirmation(store.session_factory, sale.purchase_code)
    assert confirmation is not None and confirmation.state == "queued"

    bodies = _record_sync_bodies(proxy)
    worker = make_worker(store, terminal, proxy.url)  # the usual read timeout from now on
    assert worker.drain().delivered == 2
    void_key = outbox_row(store, sale.purchase_code, kind="void").idempotency_key
    [sale_request] = [i for i, body in enumerate(bodies) if sale.purchase_code.encode() in body
                      and void_key.encode() not in body]
    [void_request] = [i for i, body in enumerate(bodies) if void_key.encode() in body]
    assert sale_request < void_request  # the sale is replayed first, alone, then the cancellation

    assert _central_orders(central) == {sale.purchase_code: "cancelled"}
    with central_session(central) as session:
        assert session.execute(select(Ticket.status, Ticket.sold_order_id)
                               .where(Ticket.id.in_(seats))).all() == [(True, None)] * 2
        assert count(session, SyncEntry) == 2  # the sale once, the cancellation once
    assert set(ticket_states(store, seats).values()) == {"available"}
    assert void_confirmation(store.session_factory, sale.purchase_code).state == "confirmed"


@both_backends
def test_a_cancellation_never_reaches_the_platform_before_its_sale(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    """The request was cut on its way: the platform has nothing. The void still queues the cancellation (the
    terminal cannot know), which waits until the platform has accepted the sale."""
    sale = clerk.sell_zone("General", 2)
    worker = make_worker(store, terminal, proxy.url)
    proxy.fail_next(Fault.cut_request(fraction=0.5))
    assert worker.run_once().failed
    assert _central_orders(central) == {}
    assert void_sale(store.session_factory, terminal.terminal, sale.purchase_code, "wrong event",
                     actor=SUPERVISOR).delivered
    later = clerk.sell_zone("VIP", 1)

    bodies = _record_sync_bodies(proxy)
    first = worker.run_once()  # the sale and the later sale; the cancellation is held back
    assert (first.failed, first.delivered) == (False, 2)
    void_key = outbox_row(store, sale.purchase_code, kind="void").idempotency_key
    assert len(bodies) == 1 and void_key.encode() not in bodies[0]
    assert worker.drain().delivered == 1  # now the cancellation
    assert void_key.encode() in bodies[1]

    assert _central_orders(central) == {sale.purchase_code: "cancelled", later.purchase_code: "completed"}
    with central_session(central) as session:
        errors = [r.get("error") for r in session.scalars(select(SyncEntry.result))]
    assert errors == [None, None, None]  # no "unknown_order" remembered for the cancellation
    assert local_view(store).outbox == {"delivered": 3}


def test_a_voided_sale_the_platform_refuses_on_replay_gets_its_seats_back_and_no_cancel(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    seats = [central.seat_ids["GEN260"]]
    sale = clerk.sell_seats(seats)
    worker = make_worker(store, terminal, proxy.url)
    proxy.fail_next(Fault.cut_request())
    assert worker.run_once().failed
    assert void_sale(store.session_factory, terminal.terminal, sale.purchase_code, "mistake",
                     actor=SUPERVISOR).delivered

    proxy.add_rule(_names(sale.purchase_code), Fault.http(400, "Tickets no disponibles"))
    result = worker.drain()
    assert (result.failed, result.parked) == (False, 1)
    # refused, so the platform does not hold it: nothing to cancel there, and the seats are free here
    assert outbox_row(store, sale.purchase_code).state == "cancelled"
    assert outbox_row(store, sale.purchase_code, kind="void").state == "cancelled"
    assert sale_row(store, sale.purchase_code).delivery_state == "cancelled"
    assert ticket_states(store, seats) == {seats[0]: "available"}
    assert void_confirmation(store.session_factory, sale.purchase_code) is None
    assert worker.drain().idle and _central_orders(central) == {}


# -- point 2: one bad entry, and an outage ----------------------------------------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("central", ["postgresql"], indirect=True)
@pytest.mark.parametrize("answer", ["platform", "500"], ids=["as-the-platform-answers", "proxy-500-every-time"])
def test_a_nul_in_a_customer_name_parks_only_that_sale(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        answer: str) -> None:
    """PostgreSQL cannot store a NUL: the platform answers 400 for it (500 before that fix: the proxy plays that
    part in the second run). Either way only that sale is parked, with the error, and the rest go through."""
    good = [clerk.sell_zone("General", 1), clerk.sell_zone("VIP", 1)]
    bad = clerk.sell_zone("General", 1, customer="Ana\x00López")
    good.append(clerk.sell_zone("Preferente", 2))
    if answer == "500":
        proxy.add_rule(_names(bad.purchase_code), Fault.http(500, "internal error: the request was not applied"))
    worker = make_worker(store, terminal, proxy.url)

    _drain_until(worker, lambda: worker.status().parked == 1 and worker.status().pending == 0)
    parked = outbox_row(store, bad.purchase_code)
    assert parked.state == "parked" and parked.last_error
    if answer == "500":
        assert "3 times in a row" in parked.last_error
    assert sale_row(store, bad.purchase_code).delivery_state == "parked"
    assert _central_orders(central) == {sale.purchase_code: "completed" for sale in good}
    later = clerk.sell_zone("General", 1)  # and the queue is not blocked
    assert worker.drain().delivered == 1
    assert later.purchase_code in _central_orders(central)


@both_backends
@pytest.mark.parametrize("garbage", [Fault.raw(200, b"<html><body>Oops</body></html>"),
                                     Fault.raw(400, b"<html><body>Bad Request</body></html>"),
                                     Fault.raw(200, b'{"ok": true}', "application/json")],
                         ids=["html-200", "html-400", "json-not-the-envelope"])
def test_garbage_for_one_entry_parks_only_that_entry(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        garbage: Fault) -> None:
    sales = [clerk.sell_zone("General", 1) for _ in range(5)]
    culprit = sales[3].purchase_code
    proxy.add_rule(_names(culprit), garbage)
    worker = make_worker(store, terminal, proxy.url)

    _drain_until(worker, lambda: worker.status().parked == 1)
    parked = outbox_row(store, culprit)
    assert parked.state == "parked" and NOT_THE_PLATFORM in (parked.last_error or "")
    assert worker.status().pending == 0
    assert _central_orders(central) == {s.purchase_code: "completed" for s in sales if s.purchase_code != culprit}


@pytest.mark.parametrize("outage", [
    Fault.refuse(), Fault.after_hangup(), Fault.http(503), Fault.http(500), Fault.raw(404, b"<html>Not Found</html>"),
    Fault.raw(413, b"<html>Request Entity Too Large</html>"), Fault.raw(502, b"<html>Bad Gateway</html>"),
], ids=["refused", "timeout", "503", "500-for-everything", "html-404", "html-413", "html-502"])
def test_when_every_request_fails_nothing_is_parked(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        outage: Fault) -> None:
    sales = [clerk.sell_zone("General", 1) for _ in range(4)]
    proxy.randomize(1.0, [outage])
    worker = make_worker(store, terminal, proxy.url, timeout=(2.0, 0.3 if outage.kind == "after_hangup" else 5.0))
    for _ in range(6):  # twice the strikes that park an entry the platform keeps failing on
        assert worker.run_once().failed
    status = worker.status()
    assert (status.pending, status.parked, status.connection) == (4, 0, "offline")
    assert status.last_error

    proxy.clear()
    worker = make_worker(store, terminal, proxy.url)  # the usual read timeout: the platform is back
    assert worker.drain().delivered == 4
    status = worker.status()
    assert (status.pending, status.parked, status.last_error) == (0, 0, None)  # a round that went through
    assert set(_central_orders(central)) == {s.purchase_code for s in sales}


# -- point 9: answers that are not the platform's ---------------------------------------------------------------


@both_backends
@pytest.mark.parametrize("answer", [
    Fault.raw(404, b"<html><h1>404 Not Found</h1>nginx</html>"),
    Fault.raw(413, b"<html><h1>413 Request Entity Too Large</h1></html>"),
    Fault.raw(400, b"<html><h1>400 Bad Request</h1></html>"),
    Fault.raw(200, b'{"status": "ok"}', "application/json"),
    Fault.raw(200, b'{"message": "Sincronizado", "status": 200, "data": {"valido": false}}', "application/json"),
], ids=["html-404", "html-413", "html-400", "200-not-the-envelope", "200-valido-false"])
def test_an_answer_that_is_not_the_platforms_is_retried_not_parked(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        answer: Fault) -> None:
    sales = [clerk.sell_zone("General", 1), clerk.sell_zone("VIP", 1, pay="card")]
    proxy.add_rule(_is_sync, answer, times=40)
    worker = make_worker(store, terminal, proxy.url)
    for _ in range(4):
        failed = worker.run_once()
        assert failed.failed and failed.parked == 0 and failed.retry_in is not None
    status = worker.status()
    assert (status.pending, status.parked, status.connection) == (2, 0, "offline")
    assert NOT_THE_PLATFORM in (status.last_error or "")
    assert NOT_THE_PLATFORM in (outbox_row(store, sales[0].purchase_code).last_error or "")

    proxy.clear()
    assert worker.drain().delivered == 2
    assert worker.status().last_error is None
    assert set(_central_orders(central)) == {s.purchase_code for s in sales}


def _other_tickets(request: Request) -> tuple[int, bytes]:
    """A well-formed answer that names other tickets than each sale sent."""
    entries = json.loads(request.body)["data"]["ticket_sold"]
    results: list[dict[str, Any]] = [
        {"idempotency_key": e["idempotency_key"], "purchase_code": e["purchase_code"], "order_id": "X",
         "status": e["status"], "replayed": False, "tickets": [{"ticket_id": "someone-else", "conflict": None}],
         "inconsistencies": [], "error": None} for e in entries]
    return 200, json.dumps({"message": "Sincronizado", "status": 200,
                            "data": {"valido": True, "results": results}}).encode()


@both_backends
def test_a_result_naming_other_tickets_is_not_taken_as_delivered(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    sale = clerk.sell_zone("Preferente", 2)
    proxy.add_rule(_is_sync, Fault.respond(_other_tickets), times=1)
    worker = make_worker(store, terminal, proxy.url)
    result = worker.run_once()
    assert result.failed and result.delivered == 0
    row = outbox_row(store, sale.purchase_code)
    assert row.state == "pending" and "other tickets" in (row.last_error or "")
    assert sale_row(store, sale.purchase_code).delivery_state == "pending"

    assert worker.drain().delivered == 1  # the platform's real answer is taken
    assert outbox_row(store, sale.purchase_code).response["order_id"] != "X"
    assert _central_orders(central) == {sale.purchase_code: "completed"}
