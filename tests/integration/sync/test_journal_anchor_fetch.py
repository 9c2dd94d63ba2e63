"""Reading the platform's anchors of this terminal's journal: every page, and a clear error (never a crash) for
answers a correct platform never gives. Canned HTTP answers on 127.0.0.1."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import CentralError, ProtocolError
from boxoffice.sync.journal_anchor import Evidence, fetch
from tests.helpers.canned_http import Canned, CannedServer

H1, H2, H3 = ("1" * 64, "2" * 64, "3" * 64)


def answer(anchors: list[dict[str, Any]], more: bool = False, **data: Any) -> Canned:
    body = {"message": "ok", "status": 200, "data": {"valido": True, "anchor": anchors[-1] if anchors else None,
                                                     "anchors": anchors, "more": more, "evidence_count": 0,
                                                     "evidence": [], **data}}
    return Canned(body=json.dumps(body).encode())


def row(seq: int, digest: str) -> dict[str, Any]:
    return {"seq": seq, "hash": digest, "anchored_at": "2026-07-18T19:02:11.250000Z"}


@pytest.fixture
def server() -> Iterator[CannedServer]:
    with CannedServer() as canned:
        yield canned


@pytest.fixture
def client(server: CannedServer) -> Iterator[CentralClient]:
    opened = CentralClient(server.url, "tok-123456", "office_taquilla_norte", timeout=(2.0, 5.0))
    yield opened
    opened.close()


def test_every_page_is_read_in_order(server: CannedServer, client: CentralClient) -> None:
    server.answer(answer([row(1, H1), row(2, H2)], more=True), answer([row(3, H3)], evidence_count=1, evidence=[
        {"seq": 2, "hash": "f" * 64, "verdict": "fork", "anchored_seq": 3, "received_at": "2026-07-18T20:00:00Z"}]))
    got = fetch(client, "norte-1")
    assert [(h.seq, h.hash) for h in got.anchors] == [(1, H1), (2, H2), (3, H3)]
    assert got.last is not None and got.last.seq == 3 and got.last.at is not None
    assert got.evidence_count == 1
    assert got.evidence == [Evidence(2, "f" * 64, "fork", 3, "2026-07-18T20:00:00Z")]
    asked = [json.loads(seen.body)["data"] for seen in server.seen]
    assert asked == [{"office_id": "office_taquilla_norte", "terminal_id": "norte-1", "after_seq": 0},
                     {"office_id": "office_taquilla_norte", "terminal_id": "norte-1", "after_seq": 2}]
    assert all(seen.path == "/offline_office_journal_anchor" for seen in server.seen)


def test_no_anchor_yet(server: CannedServer, client: CentralClient) -> None:
    server.answer(answer([]))
    got = fetch(client, "norte-1")
    assert got.last is None and got.anchors == [] and got.evidence == []


@pytest.mark.parametrize("canned", [
    answer([row(1, "not-a-hash")]),
    answer([{"seq": "1", "hash": H1}]),
    answer([row(2, H2), row(1, H1)]),
    answer([row(1, H1)], evidence=[{"seq": 1}]),
    Canned(body=json.dumps({"message": "ok", "status": 200, "data": {"valido": True}}).encode()),
    Canned(body=b"<html>502 Bad Gateway</html>", headers={"Content-Type": "text/html"}),
], ids=["bad hash", "text seq", "descending", "evidence without verdict", "no anchors", "html"])
def test_an_answer_no_platform_gives_is_a_protocol_error(server: CannedServer, client: CentralClient,
                                                         canned: Canned) -> None:
    server.answer(canned)
    with pytest.raises(ProtocolError) as caught:
        fetch(client, "norte-1")
    assert "offline_office_journal_anchor" in str(caught.value)


def test_a_platform_without_the_extension_is_a_clear_error(server: CannedServer, client: CentralClient) -> None:
    server.answer(Canned(status=404, body=json.dumps({"message": "Not Found", "status": 404,
                                                      "data": {"valido": False}}).encode()))
    with pytest.raises(CentralError) as caught:
        fetch(client, "norte-1")
    assert "Not Found" in str(caught.value)
