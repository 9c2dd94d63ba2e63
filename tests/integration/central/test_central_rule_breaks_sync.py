"""Issue #16 point 3: an offline sale past a ticket type's rules (sale window, visibility, capacity) is still
accepted, the always-accept rule, and flagged in its result for the operator (SQLite and PostgreSQL, real HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from tests.integration.central.conftest import NORTE, Api, sale_entry
from tests.integration.central.trust_helpers import SYNC


def _kinds(inconsistencies: list[str]) -> list[str]:
    return [text.split(":")[0] for text in inconsistencies]


def _type(api: Api, **fields: Any) -> int:
    response = api.post("/data/event_ticket_type/create", {"data": {
        "event": api.central.event_id, "price": 25, "currency": "EUR", **fields}})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _sync(api: Api, *entries: dict[str, Any]) -> list[dict[str, Any]]:
    response = api.call(SYNC, {"ticket_sold": list(entries)}, who=NORTE)
    assert response.status_code == 200, response.text
    return list(response.json()["data"]["results"])


def test_a_sale_after_the_sale_window_or_of_a_private_type_is_accepted_and_flagged(any_api: Api) -> None:
    api = any_api
    closed = _type(api, name="Preventa 2020", zone="General", saleStart="2020-01-01T00:00:00Z",
                   saleEnd="2020-02-01T00:00:00Z")
    private = _type(api, name="Invitación", zone="General", visibility="invite-only")
    late, hidden = _sync(api, sale_entry(api.central.event_id, NORTE, api.ids("GEN250"), pos_product=closed),
                         sale_entry(api.central.event_id, NORTE, api.ids("GEN251"), pos_product=private))
    assert late["error"] is None and late["tickets"][0]["taken"] is True
    assert _kinds(late["inconsistencies"]) == ["after_sale_end"]
    assert "'Preventa 2020'" in late["inconsistencies"][0] and "2020-02-01T00:00:00Z" in late["inconsistencies"][0]
    assert hidden["error"] is None and _kinds(hidden["inconsistencies"]) == ["not_public"]
    assert api.event_view()["GEN250"]["status_real"] is False  # both stored and sold all the same


def test_the_sale_that_finds_its_type_sold_out_is_flagged_within_one_batch(any_api: Api) -> None:
    api = any_api
    one_place = _type(api, name="Foso " + datetime.now(UTC).strftime("%H%M%S%f"), capacity=1)  # general admission
    first, second = _sync(api, sale_entry(api.central.event_id, NORTE, api.ids("GEN252"), pos_product=one_place),
                          sale_entry(api.central.event_id, NORTE, api.ids("GEN253"), pos_product=one_place))
    assert "over_capacity" not in _kinds(first["inconsistencies"])
    assert "over_capacity" in _kinds(second["inconsistencies"]) and second["tickets"][0]["taken"] is True
