"""The central client: typed results, and a clear error (endpoint + excerpt) for every bad answer."""

from __future__ import annotations

import json
import ssl
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import (
    AnswerCutOff,
    CentralAuthError,
    CentralRejected,
    CentralServerError,
    CentralTLSError,
    CentralUnreachable,
    ForeignAnswer,
    ProtocolError,
)
from tests.helpers.canned_http import Canned, CannedServer

LIST_OK = {
    "message": "Tickets Encontrado para la Taquilla Offline",
    "status": 200,
    "data": {"valido": True, "response": [
        {"ticket_id": "EV1-a", "seat_id": "GEN5", "zone": "General", "color": "#4A90D9", "status": True,
         "event_id": "EV1", "seat_row": "A"},
        {"ticket_id": "EV1-b", "seat_id": "GEN6", "zone": "General", "color": "#4A90D9", "status": False,
         "event_id": "EV1"},
    ]},
}


def js(obj: object) -> bytes:
    return json.dumps(obj).encode()


@pytest.fixture
def server():
    with CannedServer() as srv:
        yield srv


@pytest.fixture
def client(server: CannedServer):
    c = CentralClient(server.url, "tok-abcdef-123456", "office_taquilla_norte", timeout=(2, 2))
    yield c
    c.close()


def test_list_sends_the_spec_request_and_reads_the_specs_rows(server: CannedServer, client: CentralClient) -> None:
    server.answer(Canned(body=js(LIST_OK)))  # a platform that knows only the spec ignores the layout
    tickets = client.list_office_tickets("EV1")
    assert [(t.ticket_id, t.seat_id, t.available, t.row) for t in tickets] == [
        ("EV1-a", "GEN5", True, "A"), ("EV1-b", "GEN6", False, None)]
    seen = server.seen[0]
    assert seen.path == "/offline_office_tickets_list_sales"
    # the spec's fields, and the extension asking for columns
    assert json.loads(seen.body) == {"data": {"event_id": "EV1", "office_id": "office_taquilla_norte",
                                              "layout": "columns"}}
    assert seen.headers["Authorization"] == "Bearer tok-abcdef-123456"


LIST_COLUMNS = {
    "message": "Tickets Encontrado para la Taquilla Offline",
    "status": 200,
    "data": {"valido": True, "event_id": "EV1", "event_name": "Festival", "columns": {
        "ticket_id": ["EV1-a", "EV1-b"], "seat_id": ["GEN5", "GEN6"], "zone": ["General", "General"],
        "color": ["#4A90D9", "#4A90D9"], "status": [True, False], "seat_row": ["A", None]}},
}


def test_list_reads_the_columns_as_the_same_tickets_as_rows(server: CannedServer, client: CentralClient) -> None:
    server.answer(Canned(body=js(LIST_COLUMNS)))
    server.answer(Canned(body=js(LIST_OK)))
    as_columns = client.list_office_tickets("EV1")
    as_rows = client.list_office_tickets("EV1")
    assert [t._replace(event_name=None) for t in as_columns] == as_rows
    assert {t.event_name for t in as_columns} == {"Festival"}


def _columns(**changed: object) -> Canned:
    body = json.loads(js(LIST_COLUMNS))
    body["data"]["columns"].update(changed)
    return Canned(body=js(body))


@pytest.mark.parametrize(("canned", "words"), [
    (_columns(zone="General"), ["data.columns.zone must be a list"]),
    (_columns(seat_id=["GEN5"]), ["data.columns.seat_id has 1 values", "ticket_id 2"]),
    (_columns(status=[True, "no"]), ["data.columns.status[1] must be a bool", "'no'"]),
    (_columns(seat_row=["A", 7]), ["data.columns.seat_row[1] must be a str or null", "7"]),
    (_columns(ticket_id=[None, "EV1-b"]), ["data.columns.ticket_id[0] must be a str"]),
    (Canned(body=js({"message": "ok", "data": {"valido": True, "columns": [["EV1-a"]]}})), ["columns"]),
])
def test_malformed_columns_say_which_column_and_value(server: CannedServer, client: CentralClient,
                                                      canned: Canned, words: list[str]) -> None:
    server.answer(canned)
    with pytest.raises(ProtocolError) as caught:
        client.list_office_tickets("EV1")
    for word in words:
        assert word in str(caught.value)


def test_synchronize_sends_exact_decimals_and_the_idempotency_key(server: CannedServer,
                                                                   client: CentralClient) -> None:
    result = {"idempotency_key": "k1", "purchase_code": "GJXS0LM6RYG3R", "order_id": "o-1", "status": "completed",
              "replayed": False, "tickets": [{"ticket_id": "EV1-a", "conflict": "already_sold",
                                              "held_by": {"order_id": "o-0", "office_id": "sur", "client_name": None}}],
              "inconsistencies": [], "error": None}
    server.answer(Canned(body=js({"message": "Sincronizado", "status": 200,
                                  "data": {"valido": True, "results": [result]}})))
    entry = {"ticket": "EV1-a", "amount": Decimal("25.00"), "idempotency_key": "k1"}
    [parsed] = client.synchronize([entry], request_key="batch-1")
    assert parsed.conflicts[0].conflict == "already_sold"
    assert parsed.conflicts[0].held_by == {"order_id": "o-0", "office_id": "sur"}
    assert server.seen[0].headers["X-Idempotency-Key"] == "batch-1"
    assert b'"amount":25.00' in server.seen[0].body


def test_a_malformed_holder_of_a_seat_is_a_protocol_error(server: CannedServer, client: CentralClient) -> None:
    result = {"idempotency_key": "k1", "purchase_code": "GJXS0LM6RYG3R", "order_id": "o-1", "status": "completed",
              "replayed": False, "tickets": [{"ticket_id": "EV1-a", "conflict": "already_sold", "held_by": ["o-0"]}],
              "inconsistencies": [], "error": None}
    server.answer(Canned(body=js({"message": "Sincronizado", "status": 200,
                                  "data": {"valido": True, "results": [result]}})))
    with pytest.raises(ProtocolError, match="held_by should be an object"):
        client.synchronize([{"ticket": "EV1-a", "idempotency_key": "k1"}], request_key="batch-1")


@pytest.mark.parametrize(
    ("canned", "error", "words"),
    [
        (Canned(body=b"<html><body>502 Bad Gateway</body></html>", headers={"Content-Type": "text/html"}),
         ProtocolError, ["not JSON", "Bad Gateway"]),
        (Canned(body=b'{"message": "ok", "data": {"valido": true, "response": [{"ticket_id": 5}]}}'),
         ProtocolError, ["ticket_id", "should be str"]),
        (Canned(body=b'{"message": "ok", "data": {"valido": true}}'), ProtocolError, ["response"]),
        (Canned(body=b'["not", "an", "envelope"]'), ProtocolError, ["no data object"]),
        (Canned(body=b'{"message": "Tickets Encontrado", "data": {"valido": true, "response": [',
                content_length=400), AnswerCutOff, ["cut off"]),
        (Canned(body=js({"message": "Sincronizado", "status": 200, "data": {"valido": False}})), ProtocolError,
         ["not the platform's answer", "valido"]),
        (Canned(status=404, body=b"<html>404 Not Found</html>", headers={"Content-Type": "text/html"}),
         ForeignAnswer, ["not the platform's answer", "HTTP 404", "text/html", "404 Not Found"]),
        (Canned(status=413, body=js({"detail": "too large"})), ForeignAnswer, ["not the platform's answer"]),
        (Canned(status=500, body=b"Internal Server Error", headers={}), CentralServerError, ["HTTP 500"]),
        (Canned(status=401, body=js({"message": "token inválido", "status": 401, "data": {"valido": False}})),
         CentralAuthError, ["token inválido"]),
        (Canned(status=400, body=js({"message": "Tickets no disponibles", "status": 400,
                                     "data": {"valido": False, "nodisponible": ["x"]}})),
         CentralRejected, ["Tickets no disponibles"]),
    ],
)
def test_bad_answers_raise_clear_errors(server: CannedServer, client: CentralClient, canned: Canned,
                                        error: type, words: list[str]) -> None:
    server.answer(canned)
    with pytest.raises(error) as caught:
        client.list_office_tickets("EV1")
    message = str(caught.value)
    assert message.startswith("offline_office_tickets_list_sales: ")
    for word in words:
        assert word in message


def test_429_carries_retry_after(server: CannedServer, client: CentralClient) -> None:
    server.answer(Canned(status=429, body=b"", headers={"Retry-After": "17"}))
    with pytest.raises(CentralServerError) as caught:
        client.list_office_tickets("EV1")
    assert caught.value.retry_after == 17 and caught.value.retryable


def test_rejection_is_not_retryable_and_keeps_the_data(server: CannedServer, client: CentralClient) -> None:
    server.answer(Canned(status=400, body=js({"message": "Tickets no disponibles", "status": 400,
                                              "data": {"valido": False, "nodisponible": ["EV1-a"]}})))
    with pytest.raises(CentralRejected) as caught:
        client.unassign("EV1", ["EV1-a"], "k")
    assert not caught.value.retryable
    assert caught.value.data["nodisponible"] == ["EV1-a"]


def test_results_out_of_order_are_a_protocol_error(server: CannedServer, client: CentralClient) -> None:
    rows = [{"idempotency_key": k, "purchase_code": "P", "order_id": None, "status": "completed", "tickets": []}
            for k in ("b", "a")]
    server.answer(Canned(body=js({"message": "Sincronizado", "data": {"valido": True, "results": rows}})))
    with pytest.raises(ProtocolError, match="request order"):
        client.synchronize([{"idempotency_key": "a"}, {"idempotency_key": "b"}], "r")


def test_nobody_listening_is_unreachable() -> None:
    client = CentralClient("http://127.0.0.1:9", "tok-1234567890", "o", timeout=(1, 1))
    with pytest.raises(CentralUnreachable, match="cannot reach"):
        client.list_office_tickets("EV1")


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def test_self_signed_certificate_is_refused_unless_its_ca_is_configured(tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with CannedServer(tls_context=context) as server:
        refusing = CentralClient(server.url, "tok-1234567890", "o", timeout=(2, 2))
        with pytest.raises(CentralTLSError, match=r"central\.ca_file"):
            refusing.list_office_tickets("EV1")
        server.answer(Canned(body=js(LIST_OK)))
        trusting = CentralClient(server.url, "tok-1234567890", "o", ca_file=str(cert), timeout=(2, 2))
        assert len(trusting.list_office_tickets("EV1")) == 2
        refusing.close()
        trusting.close()


def _sync_answer(**changes: object) -> bytes:
    result = {"idempotency_key": "k1", "purchase_code": "GJXS0LM6RYG3R", "order_id": "o-1", "status": "completed",
              "replayed": False, "tickets": [{"ticket_id": "EV1-a", "conflict": None}], "inconsistencies": [],
              "error": None, **changes}
    return js({"message": "Sincronizado", "status": 200, "data": {"valido": True, "results": [result]}})


@pytest.mark.parametrize(("changes", "words"), [
    ({"tickets": [{"ticket_id": "EV1-z", "conflict": None}]}, "other tickets"),
    ({"tickets": []}, "other tickets"),
    ({"purchase_code": "7EFLP8ZVIMXFD"}, "names purchase"),
    ({"status": "cancelled"}, "says 'cancelled'"),
], ids=["other-ticket", "no-ticket", "other-purchase", "other-status"])
def test_a_result_that_does_not_match_the_sale_sent_is_refused(server: CannedServer, client: CentralClient,
                                                                changes: dict, words: str) -> None:
    server.answer(Canned(body=_sync_answer(**changes)))
    entry = {"idempotency_key": "k1", "purchase_code": "GJXS0LM6RYG3R", "status": "completed",
             "tickets": ["EV1-a"]}
    with pytest.raises(ProtocolError, match=words):
        client.synchronize([entry], "r")
    server.answer(Canned(body=_sync_answer()))
    assert client.synchronize([entry], "r")[0].order_id == "o-1"


def test_an_answer_bigger_than_a_read_is_read_whole_and_the_connection_serves_the_next_request(
        server: CannedServer, client: CentralClient) -> None:
    """Answers are read in BODY_CHUNK_BYTES pieces (requests' 10 KB pieces made a pull's answer three times slower
    beside a busy thread): one of several pieces arrives whole, and the connection goes back to the pool."""
    from boxoffice.sync import client as client_module

    seats = [f"GEN{n}" for n in range(3 * client_module.BODY_CHUNK_BYTES // 8)]  # about three pieces of text
    columns = {"ticket_id": [f"EV1-{s}" for s in seats], "seat_id": seats, "zone": ["General"] * len(seats),
               "color": ["#4A90D9"] * len(seats), "status": [True] * len(seats), "seat_row": [None] * len(seats)}
    big = js({"message": "ok", "status": 200, "data": {"valido": True, "event_id": "EV1", "event_name": "Grande",
                                                        "columns": columns}})
    assert len(big) > 2 * client_module.BODY_CHUNK_BYTES
    server.answer(Canned(body=big), Canned(body=js(LIST_OK)))
    tickets = client.list_office_tickets("EV1")
    assert len(tickets) == len(seats) and tickets[-1].seat_id == seats[-1]
    assert len(client.list_office_tickets("EV1")) == 2
    assert server.seen[0].peer == server.seen[1].peer  # the same connection: the first was read to its end
