"""A pull's requests go out ahead of their use (sync.pull.InventoryFetch): the first event's as soon as the fetch
is made (``boxoffice pull`` opens the store meanwhile), each next one while the caller merges the last. The
requests' order and answers are those of a pull made one request at a time, and a failed request's error reaches
the caller where it takes that answer."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import CentralRejected
from boxoffice.sync.pull import InventoryFetch
from tests.helpers.canned_http import Canned, CannedServer

TOKEN, OFFICE = "tok-1234567890", "office_taquilla_norte"


def tickets(event: str) -> Canned:
    return Canned(body=json.dumps({"message": "ok", "status": 200, "data": {"valido": True, "response": [
        {"ticket_id": f"{event}-T1", "seat_id": "GEN1", "zone": "General", "color": "#4A90D9", "status": True,
         "event_id": event, "event_name": f"Evento {event}"}]}}).encode())


def types(event: str) -> Canned:
    return Canned(body=json.dumps([{"id": 1, "name": f"General {event}", "price": "25.00",
                                    "zone": "General"}]).encode())


def events(*ids: str) -> Canned:
    return Canned(body=json.dumps({"message": "ok", "status": 200, "data": {"valido": True, "response": [
        {"event_id": e, "event_name": f"Evento {e}", "assigned": 1} for e in ids]}}).encode())


Platform = tuple[CannedServer, CentralClient]


@pytest.fixture
def platform() -> Iterator[tuple[CannedServer, CentralClient]]:
    """A canned platform and a client of it."""
    with CannedServer() as server:
        client = CentralClient(server.url, TOKEN, OFFICE)
        try:
            yield server, client
        finally:
            client.close()


def test_the_first_event_is_asked_for_as_soon_as_the_fetch_is_made(platform: Platform) -> None:
    server, client = platform
    server.answer(tickets("EV1"), types("EV1"))
    fetch = InventoryFetch(client, ["EV1"])
    assert server.wait_seen(2), "the fetch waited for its caller before asking the platform"
    assert [s.path for s in server.seen] == ["/offline_office_tickets_list_sales", "/client/events/EV1/ticket-types"]
    events_listed, wanted = fetch.plan()
    assert (events_listed, wanted) == ({}, ["EV1"])  # one event by id: no list asked for
    [answers] = fetch.answers(wanted)
    assert answers.event_id == "EV1" and [t.ticket_id for t in answers.tickets] == ["EV1-T1"]
    assert [t.name for t in answers.types] == ["General EV1"]
    assert len(server.seen) == 2  # nothing asked twice


def test_the_next_event_is_asked_for_while_the_caller_holds_the_last(platform: Platform) -> None:
    server, client = platform
    server.answer(events("EV1", "EV2"), tickets("EV1"), types("EV1"), tickets("EV2"), types("EV2"))
    fetch = InventoryFetch(client)
    listed, wanted = fetch.plan()
    assert list(listed) == ["EV1", "EV2"] and wanted == ["EV1", "EV2"]
    taken = []
    for answers in fetch.answers(wanted):
        if answers.event_id == "EV1":  # the merge of EV1 would run now: EV2's requests go out meanwhile
            assert server.wait_seen(5), "the next event waited for the merge of the last"
        taken.append((answers.event_id, [t.ticket_id for t in answers.tickets]))
    assert taken == [("EV1", ["EV1-T1"]), ("EV2", ["EV2-T1"])]
    assert [s.path for s in server.seen] == [
        "/offline_office_events", "/offline_office_tickets_list_sales", "/client/events/EV1/ticket-types",
        "/offline_office_tickets_list_sales", "/client/events/EV2/ticket-types"]


def test_a_platform_without_the_event_list_leaves_the_choice_to_the_caller(platform: Platform) -> None:
    server, client = platform
    server.answer(Canned(status=404, body=b'{"detail": "Not Found"}'), tickets("EV9"), types("EV9"))
    fetch = InventoryFetch(client)
    assert fetch.plan() == ({}, None)  # the caller pulls the events its store holds
    [answers] = fetch.answers(["EV9"])
    assert answers.event_id == "EV9" and [t.ticket_id for t in answers.tickets] == ["EV9-T1"]


def test_a_refused_request_reaches_the_caller_where_it_takes_that_answer(platform: Platform) -> None:
    server, client = platform
    refused = Canned(status=404, body=json.dumps({"message": "event EV2 not found", "status": 404,
                                                  "data": {"field": "event_id"}}).encode())
    server.answer(events("EV1", "EV2"), tickets("EV1"), types("EV1"), refused)
    fetch = InventoryFetch(client)
    _listed, wanted = fetch.plan()
    answers = fetch.answers(wanted)
    assert next(answers).event_id == "EV1"  # the first event's answers are whole
    with pytest.raises(CentralRejected) as raised:
        next(answers)
    assert raised.value.status == 404 and "EV2" in str(raised.value)
