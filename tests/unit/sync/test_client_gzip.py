"""The client compresses a big body only for a platform that said it takes gzip (Accept-Encoding on an answer)."""

from __future__ import annotations

import gzip
import json

import pytest

from boxoffice.sync.client import GZIP_MIN_BYTES, CentralClient
from boxoffice.sync.errors import CentralRejected
from tests.helpers.canned_http import Canned, CannedServer

EVENTS = json.dumps({"message": "ok", "status": 200, "data": {"valido": True, "response": []}}).encode()


@pytest.fixture
def server():
    with CannedServer() as srv:
        yield srv


def _answer(accepts_gzip: bool) -> Canned:
    headers = {"Content-Type": "application/json", **({"Accept-Encoding": "gzip"} if accepts_gzip else {})}
    return Canned(body=EVENTS, headers=headers)


def _big_call(client: CentralClient) -> None:
    client._call("offline_office_events", {"office_id": client.office_id, "padding": "x" * GZIP_MIN_BYTES})


def test_plain_json_until_the_platform_says_it_takes_gzip_then_big_bodies_are_gzip(server: CannedServer) -> None:
    server.answer(_answer(True), _answer(True), _answer(True))
    client = CentralClient(server.url, "tok-abcdef-123456", "office_taquilla_norte", timeout=(2, 2))
    try:
        _big_call(client)
        _big_call(client)
        client.office_events()  # small: plain even now
    finally:
        client.close()
    first, second, small = server.seen
    assert "Content-Encoding" not in first.headers and json.loads(first.body)["data"]["padding"]
    assert second.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(second.body)) == json.loads(first.body)
    assert "Content-Encoding" not in small.headers


def test_a_spec_only_platform_never_gets_a_gzip_body(server: CannedServer) -> None:
    server.answer(_answer(False), _answer(False))
    client = CentralClient(server.url, "tok-abcdef-123456", "office_taquilla_norte", timeout=(2, 2))
    try:
        _big_call(client)
        _big_call(client)
    finally:
        client.close()
    assert all("Content-Encoding" not in seen.headers for seen in server.seen)


def test_a_body_prepared_before_the_platform_said_gzip_is_sent_gzipped_once_it_has(server: CannedServer) -> None:
    """A pipelined drain encodes the second batch while the first is in flight, before the answer that says the
    platform takes gzip: that body goes compressed all the same (440 KB less on the wire for 500 sales)."""
    ok = {"message": "ok", "status": 200, "data": {"valido": True, "results": []}}
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    server.answer(Canned(body=json.dumps(ok).encode(), headers=headers),
                  Canned(body=json.dumps(ok).encode(), headers=headers))
    client = CentralClient(server.url, "tok-abcdef-123456", "office_taquilla_norte", timeout=(2, 2))
    head = {"padding": "x" * GZIP_MIN_BYTES}
    try:
        early = client.prepare_synchronize([], head)  # before any answer: plain
        assert early.encoding is None
        client.synchronize([], "key-first", head)
        client.synchronize([], "key-second", head, prepared=early)
    finally:
        client.close()
    first, second = server.seen
    assert "Content-Encoding" not in first.headers
    assert second.headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(second.body) == early.data


REFUSED = json.dumps({"message": "the request body must be UTF-8 encoded JSON", "status": 400,
                      "data": {"valido": False}}).encode()


def _remembering(server: CannedServer) -> CentralClient:
    client = CentralClient(server.url, "tok-abcdef-123456", "office_taquilla_norte", timeout=(2, 2))
    client.remember_gzip()  # an earlier run's answers said gzip
    return client


def test_a_remembered_gzip_compresses_the_first_big_body_and_an_answer_saying_gzip_confirms_it(
        server: CannedServer) -> None:
    server.answer(_answer(True), _answer(True))
    client = _remembering(server)
    try:
        _big_call(client)
        _big_call(client)
    finally:
        client.close()
    assert [seen.headers.get("Content-Encoding") for seen in server.seen] == ["gzip", "gzip"]
    assert client.gzip_accepted


def test_a_platform_that_no_longer_takes_gzip_gets_the_same_request_again_as_plain_json(
        server: CannedServer) -> None:
    """Remembered, but the platform changed: its refusal of the compressed body does not say gzip, so the same
    request (same idempotency key) goes again at once as plain JSON, and nothing more is compressed."""
    plain = {"Content-Type": "application/json"}
    server.answer(Canned(status=400, body=REFUSED, headers=plain), _answer(False), _answer(False))
    client = _remembering(server)
    try:
        client._call("offline_office_events", {"office_id": client.office_id, "padding": "x" * GZIP_MIN_BYTES},
                     idempotency_key="key-1")
        _big_call(client)
    finally:
        client.close()
    compressed, again, later = server.seen
    assert compressed.headers["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in again.headers and "Content-Encoding" not in later.headers
    assert json.loads(again.body) == json.loads(gzip.decompress(compressed.body))
    assert again.headers["X-Idempotency-Key"] == compressed.headers["X-Idempotency-Key"] == "key-1"
    assert not client.gzip_accepted


def test_a_refusal_from_a_platform_that_says_it_takes_gzip_is_a_refusal_not_sent_again(
        server: CannedServer) -> None:
    says_gzip = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    server.answer(Canned(status=400, body=REFUSED, headers=says_gzip))
    client = _remembering(server)
    try:
        with pytest.raises(CentralRejected):
            _big_call(client)
    finally:
        client.close()
    assert len(server.seen) == 1 and client.gzip_accepted
