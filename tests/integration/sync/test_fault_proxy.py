"""The fault proxy itself: each fault does what it says, per request even on a kept-alive connection, random
plans are reproducible, and stop() leaves no thread behind; and the exactly-once proof through it: an answer
dropped after the platform stored the sales, then a void of one of them."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
import requests
from sqlalchemy import select

from boxoffice.central.models import Order, PosTransaction, SyncEntry, Ticket
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
    both_backends,
    central_session,
    count,
    journal_ok,
    local_view,
    make_worker,
    outbox_row,
    ticket_states,
)

LIST = "offline_office_tickets_list_sales"


def _list_body(central: CentralServer) -> bytes:
    return json.dumps({"data": {"event_id": central.event_id, "office_id": NORTE}}).encode()


def _headers(central: CentralServer) -> dict[str, str]:
    return {"Content-Type": "application/json", **central.office_headers(NORTE)}


def test_faults_are_chosen_per_request_on_a_kept_alive_connection(central: CentralServer,
                                                                   proxy: FaultProxy) -> None:
    proxy.fail_next(Fault.passthrough())
    proxy.fail_next(Fault.http(429, retry_after=3))
    with requests.Session() as http:
        answers = [http.get(f"{proxy.url}/health", timeout=10) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 429, 200]
    assert answers[1].headers["Retry-After"] == "3"
    assert answers[1].json() == {"message": "fault proxy: Too Many Requests", "status": 429,
                                 "data": {"valido": False}}
    assert answers[0].json()["data"]["valido"] is True
    assert (proxy.counts["connections"], proxy.counts["requests"]) == (1, 3)
    assert (proxy.counts["forwarded"], proxy.counts["http_429"], proxy.counts["pass"]) == (2, 1, 2)


def test_each_fault_as_the_client_and_the_server_see_it(central: CentralServer, proxy: FaultProxy) -> None:
    url, body, headers = f"{proxy.url}/{LIST}", _list_body(central), _headers(central)

    proxy.fail_next(Fault.refuse())
    with pytest.raises(requests.ConnectionError):
        requests.post(url, data=body, headers=headers, timeout=10)
    assert (proxy.counts["refuse"], proxy.counts["requests"]) == (1, 0)

    proxy.fail_next(Fault.cut_request(fraction=0.9))  # part of the body went upstream; no answer came back
    with pytest.raises(requests.ConnectionError):
        requests.post(url, data=body, headers=headers, timeout=10)
    assert (proxy.counts["cut_request"], proxy.counts["forwarded"], proxy.counts["answered"]) == (1, 0, 0)

    proxy.fail_next(Fault.cut_response(fraction=0.5))  # the server answered in full; the client got half
    with pytest.raises((requests.exceptions.ChunkedEncodingError, requests.ConnectionError)):
        requests.post(url, data=body, headers=headers, timeout=10).content  # noqa: B018
    assert (proxy.counts["forwarded"], proxy.counts["answered"]) == (1, 1)

    proxy.fail_next(Fault.delay(50))
    delayed = requests.post(url, data=body, headers=headers, timeout=10)
    assert delayed.status_code == 200 and len(delayed.json()["data"]["response"]) == 300

    for status in (500, 503, 400):
        proxy.fail_next(Fault.http(status, "Tickets no disponibles" if status == 400 else None))
        answer = requests.post(url, data=body, headers=headers, timeout=10)
        assert answer.status_code == status and answer.json()["status"] == status
    assert answer.json()["message"] == "Tickets no disponibles"
    assert proxy.counts["answered"] == 2  # the canned answers never reached the server
    assert proxy.injected == 7


def test_a_chunked_request_body_is_framed_and_forwarded(central: CentralServer, proxy: FaultProxy) -> None:
    body = _list_body(central)
    parts = iter([body[:10], body[10:]])  # a generator body: requests sends it chunked
    answer = requests.post(f"{proxy.url}/{LIST}", data=parts, headers=_headers(central), timeout=10)
    assert answer.status_code == 200, answer.text
    assert proxy.counts["forwarded"] == 1


def _labels(central: CentralServer, seed: int) -> list[str]:
    with FaultProxy(central.url) as proxy:
        proxy.randomize(0.4, [Fault.http(500), Fault.http(503), Fault.delay(1), Fault.cut_response()], seed=seed)
        for _ in range(60):
            try:
                requests.get(f"{proxy.url}/health", timeout=10).raise_for_status()
            except requests.RequestException:
                pass
        return [seen.fault for seen in proxy.seen]


def test_random_faults_are_reproducible_from_the_seed(central: CentralServer) -> None:
    first, again, other = _labels(central, 7), _labels(central, 7), _labels(central, 8)
    assert first == again and first != other
    faulty = sum(label != "pass" for label in first)
    assert 10 <= faulty <= 40  # about 40 % of 60
    assert {"http_500", "http_503", "delay", "cut_response"} <= set(first)


@pytest.fixture
def held(central: CentralServer) -> Iterator[tuple[FaultProxy, threading.Thread, list[BaseException]]]:
    """A proxy holding one request for two minutes, plus one idle kept-alive connection."""
    proxy = FaultProxy(central.url).start()
    errors: list[BaseException] = []
    idle = requests.Session()
    idle.get(f"{proxy.url}/health", timeout=10).raise_for_status()
    proxy.fail_next(Fault.delay(120_000))

    def wait_forever() -> None:
        try:
            requests.get(f"{proxy.url}/health", timeout=60)
        except requests.RequestException as exc:
            errors.append(exc)

    client = threading.Thread(target=wait_forever)
    client.start()
    assert proxy.wait_for(lambda counts: counts["delay"] >= 1, timeout=30)
    yield proxy, client, errors
    idle.close()
    proxy.stop()
    client.join(10)


def test_stop_ends_held_and_idle_connections_and_leaves_no_thread(held) -> None:
    proxy, client, errors = held
    assert len(proxy.alive_threads()) == 3  # accept loop, the idle connection, the held request
    proxy.stop()  # raises if any of its threads is still alive
    assert proxy.alive_threads() == []
    client.join(10)
    assert not client.is_alive() and len(errors) == 1  # the held request failed instead of hanging
    assert proxy.counts["forwarded"] == 1  # only the first /health, never the held one


@both_backends
def test_exactly_once_through_a_dropped_answer_and_then_a_void(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    voided_seats = [central.seat_ids["GEN210"], central.seat_ids["GEN211"]]
    voided = clerk.sell_seats(voided_seats, pay="split")
    kept = [clerk.sell_zone("VIP", 1), clerk.sell_zone("Preferente", 2, pay="card")]
    marked_before_sending: list[bool] = []

    def first_sync(request: Request) -> bool:
        if request.path != f"/{SYNC}":
            return False
        # the terminal recorded the attempt before the request left it (read from its database meanwhile)
        marked_before_sending.append(outbox_row(store, voided.purchase_code).attempted_at is not None)
        return True

    proxy.add_rule(first_sync, Fault.cut_response(), times=1)  # the platform stores all three; no answer
    worker = make_worker(store, terminal, proxy.url)
    assert worker.run_once().failed
    assert marked_before_sending == [True]
    assert local_view(store).outbox == {"pending": 3}

    assert void_sale(store.session_factory, terminal.terminal, voided.purchase_code, "wrong day",
                     actor=SUPERVISOR).delivered
    assert worker.drain().delivered == 4  # the three sales replayed, then the cancellation

    with central_session(central) as session:
        orders = dict(session.execute(select(Order.purchase_code, Order.status)).all())
        assert orders == {voided.purchase_code: "cancelled", **{s.purchase_code: "completed" for s in kept}}
        assert count(session, PosTransaction) == 3  # nothing doubled
        assert count(session, SyncEntry) == 4  # three sales once each, one cancellation
        freed = session.execute(select(Ticket.status, Ticket.sold_order_id)
                                .where(Ticket.id.in_(voided_seats))).all()
        assert freed == [(True, None)] * 2
    assert set(ticket_states(store, voided_seats).values()) == {"available"}
    view = local_view(store)
    assert view.outbox == {"delivered": 4}
    assert set(view.tickets) == {s.purchase_code for s in kept}
    assert journal_ok(store).ok
