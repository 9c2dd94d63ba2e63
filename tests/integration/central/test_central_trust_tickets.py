"""Issue #12 points 4 and 8: a sale never takes a ticket another side holds, and a POS transaction naming a seat
sells it (SQLite and PostgreSQL, real HTTP)."""

from __future__ import annotations

from typing import Any

from tests.integration.central.conftest import NORTE, SUR, Api, pos_transaction, sale_entry
from tests.integration.central.trust_helpers import CONFLICTS, general_product, sync


def _conflicts(api: Api, office: str, who: str | None = None, after_id: int = 0) -> list[dict[str, Any]]:
    response = api.call(CONFLICTS, {"office_id": office, "after_id": after_id}, who=who or office)
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Conflictos encontrados"
    return list(response.json()["data"]["response"])


def _lock(api: Api, seat: str) -> None:
    response = api.call("tickets_lock_virtual", {"tickets": api.ids(seat), "reserved_time": 600})
    assert response.status_code == 200, response.text


def test_an_office_never_takes_another_offices_free_online_or_held_ticket(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    _lock(api, "GEN20")  # a live online checkout
    theirs, free, held = api.ids("GEN150", "GEN21", "GEN20")
    [result] = sync(api, SUR, sale_entry(event, SUR, [theirs, free, held]))
    assert result["error"] is None and result["order_id"]  # always accepted: the order is stored
    assert [(t["conflict"], t["taken"], t["other_channel"], t["other_office_id"]) for t in result["tickets"]] == [
        ("not_assigned_to_office", False, "office", NORTE),
        ("not_assigned_to_office", False, "online", None),
        ("not_assigned_to_office", False, "online_hold", None)]
    view = api.event_view()
    assert (view["GEN150"]["status_real"], view["GEN150"]["office_id"]) == (True, NORTE)
    assert (view["GEN21"]["status"], view["GEN21"]["office_id"]) == (True, None)
    assert view["GEN20"]["status_real"] is True and view["GEN20"]["locked_up"] is not None  # hold kept
    # the office holding it still sells it cleanly
    [norte] = sync(api, NORTE, sale_entry(event, NORTE, [theirs]))
    assert (norte["tickets"][0]["conflict"], norte["tickets"][0]["taken"]) == (None, True)

    # both supervisors see the conflict on Norte's ticket; only the seller sees its order id
    [victim] = _conflicts(api, NORTE)
    assert (victim["kind"], victim["role"], victim["ticket_id"], victim["office_id"], victim["order_id"]) == (
        "ticket_conflict", "holder", theirs, SUR, None)
    seller = _conflicts(api, SUR)
    assert [(c["role"], c["ticket_id"], c["other_channel"], c["order_id"]) for c in seller] == [
        ("seller", theirs, "office", result["order_id"]), ("seller", free, "online", result["order_id"]),
        ("seller", held, "online_hold", result["order_id"])]
    assert [t["conflict_id"] for t in result["tickets"]] == [c["conflict_id"] for c in seller]
    assert _conflicts(api, SUR, after_id=seller[1]["conflict_id"]) == seller[2:]  # a cursor for polling
    assert _conflicts(api, NORTE, who="admin") == [victim]


def test_a_sale_of_a_seat_another_office_sold_names_only_that_office(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    [ticket] = api.ids("GEN151")
    [first] = sync(api, NORTE, sale_entry(event, NORTE, [ticket]))
    [second] = sync(api, SUR, sale_entry(event, SUR, [ticket]))
    line = second["tickets"][0]
    assert (line["conflict"], line["taken"], line["other_channel"], line["other_office_id"]) == (
        "already_sold", False, "sold", NORTE)
    assert set(line["held_by"]) == {"office_id", "source", "sold_at"}  # no order id, code or customer of Norte's
    assert first["order_id"] not in str(second) and first["purchase_code"] not in str(second)
    assert [c["role"] for c in _conflicts(api, NORTE)] == ["holder"]


def test_conflicts_of_another_office_are_refused(any_api: Api) -> None:
    response = any_api.call(CONFLICTS, {"office_id": NORTE}, who=SUR)
    assert response.status_code == 403 and response.json()["data"]["field"] == "data.office_id"
    bad = any_api.call(CONFLICTS, {"office_id": NORTE, "after_id": "x"}, who=NORTE)
    assert bad.status_code == 400 and bad.json()["data"]["field"] == "data.after_id"


def _post(api: Api, body: dict[str, Any], who: str) -> dict[str, Any]:
    response = api.post("/ticket/transaction", body, who=who)
    assert response.status_code == 200, response.text
    return dict(response.json()["data"])


def test_pos_transaction_sells_the_seats_it_names(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    own, sur_seat = api.ids("GEN170", "GEN300")
    body = pos_transaction(event, general_product(api), [own, sur_seat])
    data = _post(api, body, NORTE)
    assert [text.split(":")[0] for text in data["inconsistencies"]] == ["ticket_unavailable"]
    assert repr(sur_seat) in data["inconsistencies"][0] and "another office" in data["inconsistencies"][0]
    view = api.event_view()
    assert view["GEN170"]["status_real"] is False  # sold: never left free online
    assert (view["GEN300"]["status_real"], view["GEN300"]["office_id"]) == (True, SUR)
    assert {r["ticket_id"]: r["status"] for r in api.office_list(NORTE)}[own] is False
    # a replay sells nothing twice; a synced sale of that seat now conflicts
    assert _post(api, body, NORTE)["replayed"] is True
    [synced] = sync(api, NORTE, sale_entry(event, NORTE, [own]))
    assert synced["tickets"][0]["conflict"] == "already_sold"
    assert [c["other_office_id"] for c in _conflicts(api, SUR)] == [SUR]  # Sur sees Norte's POS try its seat


def test_platform_pos_sells_a_free_seat_and_online_can_no_longer_hold_it(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    free, held = api.ids("GEN22", "GEN23")
    _lock(api, "GEN23")
    data = _post(api, pos_transaction(event, general_product(api), [free, held]), "admin")
    assert [text.split(":")[0] for text in data["inconsistencies"]] == ["ticket_unavailable"]
    assert "online checkout" in data["inconsistencies"][0]
    assert api.event_view()["GEN22"]["status_real"] is False
    refused = api.call("tickets_lock_virtual", {"tickets": [free], "reserved_time": 60})
    assert refused.status_code == 400 and refused.json()["data"]["motivos"] == {free: "sold"}
