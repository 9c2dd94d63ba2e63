"""Big request bodies are decoded off the event loop, and bodies over the documented limit (16 MiB) get a 413.

The ordering is made by construction, not by timing: the decoding of the big bodies is held at a gate (the real
parser runs once the gate opens) while ``/health`` is asked. Had the parser run on the event loop, the held
parse would hold the loop and ``/health`` could not answer at all.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from boxoffice.central import app as central_app
from boxoffice.central.envelope import dumps
from tests.integration.central.conftest import NORTE, Api, sale_entry

BIG_POSTS = 3
GATE_TIMEOUT_S = 120.0


class ParseGate:
    """Wraps the platform's body parser: a big body waits until the test opens the gate, then is parsed."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.entered = threading.Event()
        self.open = threading.Event()

    def __call__(self, body: bytes, prefix: str = "", **options: Any) -> Any:
        if len(body) >= central_app.BIG_BODY_BYTES:
            self.entered.set()
            self.open.wait(GATE_TIMEOUT_S)
        return self.real(body, prefix, **options)


@pytest.fixture
def gate(monkeypatch: pytest.MonkeyPatch) -> Iterator[ParseGate]:
    gate = ParseGate(central_app.parse_body)
    monkeypatch.setattr(central_app, "parse_body", gate)
    yield gate
    gate.open.set()


def _big_sale(api: Api, seat: str) -> bytes:
    """A valid synchronisation request padded to just under the body limit (an unknown field is ignored)."""
    head = dumps({"data": {"ticket_sold": [sale_entry(api.central.event_id, NORTE, api.ids(seat))],
                           "padding": ""}})
    assert head.endswith(b'"padding":""}}')
    room = central_app.MAX_BODY_BYTES - len(head)
    return head[:-3] + b"x" * room + b'"}}'  # spliced: dumps of the whole body is slow


def test_health_answers_while_three_big_bodies_are_being_decoded(any_api: Api, gate: ParseGate) -> None:
    bodies = [_big_sale(any_api, f"GEN{200 + n}") for n in range(BIG_POSTS)]
    answers: dict[int, httpx.Response | BaseException] = {}

    def post(n: int) -> None:
        try:
            with httpx.Client(base_url=any_api.central.url, timeout=GATE_TIMEOUT_S + 60) as client:
                answers[n] = client.post("/offline_office_tickets_synchronization", content=bodies[n],
                                         headers={"Content-Type": "application/json",
                                                  **any_api.central.office_headers(NORTE)})
        except BaseException as exc:  # reported by the assertions below
            answers[n] = exc

    posts = [threading.Thread(target=post, args=(n,), daemon=True) for n in range(BIG_POSTS)]
    for thread in posts:
        thread.start()
    try:
        assert gate.entered.wait(GATE_TIMEOUT_S), "no big body reached the parser"
        try:
            health = httpx.get(any_api.central.url + "/health", timeout=30)
        except httpx.TimeoutException:
            pytest.fail("/health did not answer while a big body was being decoded: the event loop is blocked")
        assert health.status_code == 200 and health.json()["data"]["valido"] is True
        assert not answers, "a big post was answered while its parse was held"
    finally:
        gate.open.set()
        for thread in posts:
            thread.join(GATE_TIMEOUT_S + 90)
    for n in range(BIG_POSTS):
        response = answers[n]
        assert isinstance(response, httpx.Response), response
        assert response.status_code == 200, response.text[:300]
        assert response.json()["data"]["results"][0]["status"] == "completed"
    sold = any_api.event_view()
    assert all(sold[f"GEN{200 + n}"]["status"] is False for n in range(BIG_POSTS))


@pytest.mark.parametrize("size", [central_app.MAX_BODY_BYTES + 1, 64 * 2**20])
def test_a_body_declared_over_the_limit_is_413_before_it_is_sent(any_api: Api, size: int) -> None:
    """Content-Length says too much (64 MB: the issue's stall): the answer comes at once, without a byte of body."""
    url = urlsplit(any_api.central.url)
    request = (f"POST /offline_office_tickets_synchronization HTTP/1.1\r\nHost: {url.netloc}\r\n"
               f"Authorization: Bearer {any_api.central.office_tokens[NORTE]}\r\n"
               f"Content-Type: application/json\r\nContent-Length: {size}\r\n\r\n")
    with socket.create_connection((url.hostname, url.port), timeout=30) as sock:
        sock.sendall(request.encode("ascii"))
        answer = b""
        while b"\r\n\r\n" not in answer or not answer.rstrip().endswith(b"}"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 413"), head
    payload = httpx.Response(413, content=body).json()
    assert payload["status"] == 413 and payload["data"]["valido"] is False
    assert str(central_app.MAX_BODY_BYTES) in payload["message"]


def test_the_body_limit_is_documented(any_api: Api) -> None:
    description = httpx.get(any_api.central.url + "/openapi.json", timeout=30).json()["info"]["description"]
    assert f"{central_app.MAX_BODY_BYTES // 2**20} MiB (413 beyond)" in description
