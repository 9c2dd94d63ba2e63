"""Journal anchors over real HTTP on SQLite and PostgreSQL: the heads a terminal sends with its deliveries are
kept append-only, never lowered, and what no untouched journal could send is recorded as evidence."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest

from boxoffice.central import journal_anchors
from tests.integration.central.conftest import NORTE, SUR, Api, sale_entry

SYNC = "offline_office_tickets_synchronization"
ANCHOR = "offline_office_journal_anchor"
TERMINAL = "norte-1"


def digest(label: str) -> str:
    return hashlib.sha256(label.encode()).hexdigest()


def head(seq: int, label: str | None = None, *, office: str = NORTE, terminal: str = TERMINAL) -> dict[str, Any]:
    return {"office_id": office, "terminal_id": terminal, "seq": seq, "hash": digest(label or f"entry {seq}")}


def deliver(api: Api, journal_head: dict[str, Any] | None, seats: tuple[str, ...] = (), *,
            who: str = NORTE, key: str | None = None) -> httpx.Response:
    entries = [sale_entry(api.central.event_id, NORTE, api.ids(*seats))] if seats else []
    data: dict[str, Any] = {"ticket_sold": entries}
    if journal_head is not None:
        data["journal_head"] = journal_head
    return api.call(SYNC, data, who=who, key=key)


def anchors(api: Api, terminal: str = TERMINAL, who: str = NORTE, **extra: Any) -> dict[str, Any]:
    response = api.call(ANCHOR, {"office_id": NORTE, "terminal_id": terminal, **extra}, who=who)
    assert response.status_code == 200, response.text
    return dict(response.json()["data"])


def seqs(rows: list[dict[str, Any]]) -> list[int]:
    return [row["seq"] for row in rows]


def test_a_delivery_without_a_head_is_accepted_and_anchors_nothing(any_api: Api) -> None:
    response = deliver(any_api, None, ("GEN5",))
    assert response.status_code == 200, response.text
    assert response.json()["data"]["results"][0]["order_id"]
    data = anchors(any_api)
    assert data["anchor"] is None and data["anchors"] == [] and data["evidence_count"] == 0


def test_heads_are_anchored_never_lowered_and_contradictions_kept_as_evidence(any_api: Api) -> None:
    assert deliver(any_api, head(3), ("GEN5",)).status_code == 200
    assert deliver(any_api, head(3)).status_code == 200  # a retry: nothing new
    assert deliver(any_api, head(5), ("GEN6",)).status_code == 200
    assert deliver(any_api, head(3)).status_code == 200  # a late request overtaken by a later one: fine
    assert deliver(any_api, head(4, "rewritten 4")).status_code == 200  # below the anchor, never anchored
    assert deliver(any_api, head(5, "rewritten 5")).status_code == 200  # the anchored sequence, another hash
    assert deliver(any_api, head(5, "rewritten 5")).status_code == 200  # the same evidence is kept once
    data = anchors(any_api)
    assert data["anchor"]["seq"] == 5 and data["anchor"]["hash"] == digest("entry 5")
    assert data["anchor"]["anchored_at"].endswith("Z")
    assert [(row["seq"], row["hash"]) for row in data["anchors"]] == [(3, digest("entry 3")), (5, digest("entry 5"))]
    assert data["more"] is False and data["evidence_count"] == 2
    assert [(e["seq"], e["hash"], e["verdict"], e["anchored_seq"]) for e in data["evidence"]] == [
        (5, digest("rewritten 5"), "fork", 5), (4, digest("rewritten 4"), "lower", 5)]
    assert deliver(any_api, head(6)).status_code == 200  # an honest terminal goes on from its anchor
    assert seqs(anchors(any_api)["anchors"]) == [3, 5, 6]


def test_each_terminal_has_its_own_anchor(any_api: Api) -> None:
    deliver(any_api, head(7))
    deliver(any_api, head(2, terminal="norte-2"))
    assert anchors(any_api)["anchor"]["seq"] == 7
    other = anchors(any_api, "norte-2")
    assert other["anchor"]["seq"] == 2 and other["evidence_count"] == 0
    assert anchors(any_api, "norte-3")["anchor"] is None


def test_a_replayed_request_anchors_once(any_api: Api) -> None:
    data = {"ticket_sold": [sale_entry(any_api.central.event_id, NORTE, any_api.ids("GEN7"))],
            "journal_head": head(4)}
    first = any_api.call(SYNC, data, who=NORTE, key="batch-journal-1")
    again = any_api.call(SYNC, data, who=NORTE, key="batch-journal-1")
    assert first.status_code == again.status_code == 200 and again.content == first.content
    assert seqs(anchors(any_api)["anchors"]) == [4]


def test_anchors_come_in_pages_oldest_first(any_api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal_anchors, "PAGE", 2)
    for seq in (1, 2, 4, 8, 9):
        deliver(any_api, head(seq))
    first = anchors(any_api)
    assert seqs(first["anchors"]) == [1, 2] and first["more"] is True and first["anchor"]["seq"] == 9
    second = anchors(any_api, after_seq=2)
    assert seqs(second["anchors"]) == [4, 8] and second["more"] is True
    assert seqs(anchors(any_api, after_seq=8)["anchors"]) == [9]
    assert anchors(any_api, after_seq=9)["anchors"] == []


@pytest.mark.parametrize(("change", "field"), [
    ({"seq": 0}, "data.journal_head.seq"),
    ({"seq": "12"}, "data.journal_head.seq"),
    ({"seq": 2**63}, "data.journal_head.seq"),
    ({"hash": "ABC"}, "data.journal_head.hash"),
    ({"hash": "G" * 64}, "data.journal_head.hash"),
    ({"terminal_id": ""}, "data.journal_head.terminal_id"),
    ({"office_id": None}, "data.journal_head.office_id"),
    ({"office_id": "office_nowhere"}, "data.journal_head.office_id"),
])
def test_a_malformed_head_is_one_clear_400_and_stores_nothing(any_api: Api, change: dict[str, Any],
                                                              field: str) -> None:
    response = deliver(any_api, {**head(3), **change}, ("GEN8",), who="admin")
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["data"]["field"] == field and field in body["message"]
    view = any_api.event_view()
    assert view["GEN8"]["status_real"] is True  # the sale in the same request was not stored either


def test_a_head_that_is_not_an_object_is_refused(any_api: Api) -> None:
    response = any_api.call(SYNC, {"ticket_sold": [], "journal_head": [3, "abc"]}, who=NORTE)
    assert response.status_code == 400 and response.json()["data"]["field"] == "data.journal_head"


def test_an_office_can_neither_anchor_nor_read_another_offices_terminal(any_api: Api) -> None:
    response = deliver(any_api, head(3, office=SUR))
    assert response.status_code == 403 and response.json()["data"]["field"] == "data.journal_head.office_id"
    read = any_api.call(ANCHOR, {"office_id": SUR, "terminal_id": "sur-1"}, who=NORTE)
    assert read.status_code == 403
    assert any_api.call(ANCHOR, {"office_id": SUR, "terminal_id": "sur-1"}, who=SUR).status_code == 200
    assert any_api.call(ANCHOR, {"office_id": NORTE, "terminal_id": TERMINAL}, who="admin").status_code == 200


@pytest.mark.parametrize(("data", "field"), [
    ({"terminal_id": TERMINAL}, "data.office_id"),
    ({"office_id": NORTE}, "data.terminal_id"),
    ({"office_id": NORTE, "terminal_id": TERMINAL, "after_seq": -1}, "data.after_seq"),
    ({"office_id": "office_nowhere", "terminal_id": TERMINAL}, "data.office_id"),
])
def test_a_malformed_anchor_question_is_one_clear_400(any_api: Api, data: dict[str, Any], field: str) -> None:
    response = any_api.call(ANCHOR, data, who="admin")
    assert response.status_code == 400, response.text
    assert response.json()["data"]["field"] == field


def test_the_extension_is_documented(any_api: Api) -> None:
    schema = httpx.get(f"{any_api.central.url}/openapi.json").json()
    assert f"/{ANCHOR}" in schema["paths"]
    sync_body = schema["paths"][f"/{SYNC}"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert "journal_head" in sync_body["properties"]["data"]["properties"]
