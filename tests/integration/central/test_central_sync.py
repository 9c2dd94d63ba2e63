"""Synchronisation: always accepted, per-ticket conflicts, cancel, and idempotent replays."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from boxoffice.central.models import Order, PosTransaction
from tests.integration.central.conftest import NORTE, SUR, Api, sale_entry

SYNC = "offline_office_tickets_synchronization"


def _general_id(api: Api) -> int:
    return next(t["id"] for t in api.ticket_types() if t["zone"] == "General")


def _pairs(tickets: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """(ticket id, conflict) of a result's tickets, without the extension fields."""
    return [(t["ticket_id"], t["conflict"]) for t in tickets]


def _count(api: Api, model: type) -> int:
    engine = create_engine(api.central.db_url)
    try:
        with Session(engine) as session:
            return int(session.scalar(select(func.count()).select_from(model)) or 0)
    finally:
        engine.dispose()


def test_many_purchases_with_conflicts_are_all_stored(api: Api) -> None:
    event = api.central.event_id
    view = api.event_view()
    own = [api.seat["GEN106"], api.seat["GEN107"]]
    theirs = api.seat["GEN282"]          # assigned to Sur
    online = api.seat["GEN13"]           # not assigned to anybody
    unknown = f"{event}-unknownTicket0000000"
    first = sale_entry(event, NORTE, own, pos_product=_general_id(api))
    second = sale_entry(event, NORTE, [own[0], theirs, online, unknown])
    response = api.call(SYNC, {"ticket_sold": [first, second]}, who=NORTE)
    assert response.status_code == 200
    body = response.json()
    assert body["message"] == "Sincronizado" and body["data"]["valido"] is True
    one, two = body["data"]["results"]
    assert (one["purchase_code"], one["status"], one["replayed"], one["error"]) == (
        first["purchase_code"], "completed", False, None)
    assert one["idempotency_key"] == first["idempotency_key"] and one["order_id"]
    assert one["tickets"] == [{"ticket_id": t, "conflict": None, "taken": True} for t in own]
    assert one["inconsistencies"] == [] and one["order_status"] == "completed"
    holder = two["tickets"][0].pop("held_by")  # the other side: the order that holds the seat
    assert (holder["order_id"], holder["purchase_code"], holder["office_id"]) == (
        one["order_id"], first["purchase_code"], NORTE)
    assert holder["source"] == "offline_sync" and holder["sold_at"].endswith("Z")
    assert _pairs(two["tickets"]) == [
        (own[0], "already_sold"), (theirs, "not_assigned_to_office"), (online, "not_assigned_to_office"),
        (unknown, "unknown_ticket"),
    ]
    assert [t["taken"] for t in two["tickets"]] == [False] * 4
    assert [(t.get("other_channel"), t.get("other_office_id")) for t in two["tickets"][1:3]] == [
        ("office", SUR), ("online", None)]
    assert two["order_id"] and two["order_id"] != one["order_id"]
    view = api.event_view()
    # stored and flagged, but an office never takes another office's ticket or a free online one
    assert (view["GEN282"]["status_real"], view["GEN282"]["office_id"]) == (True, SUR)
    assert (view["GEN13"]["status_real"], view["GEN13"]["office_id"]) == (True, None)
    assert _count(api, Order) == 2 and _count(api, PosTransaction) == 1


def test_amount_mismatch_is_an_inconsistency_not_a_rejection(api: Api) -> None:
    ticket = api.ids("GEN108")[0]
    entry = sale_entry(api.central.event_id, NORTE, [ticket])
    entry["amount"] = Decimal("30.00")
    result = api.call(SYNC, {"ticket_sold": [entry]}, who=NORTE).json()["data"]["results"][0]
    assert _pairs(result["tickets"]) == [(ticket, None)]
    assert [text.split(":")[0] for text in result["inconsistencies"]] == ["amount_mismatch", ]


def test_cancel_returns_tickets_to_the_office_and_is_harmless_twice(api: Api) -> None:
    event = api.central.event_id
    tickets = api.ids("GEN109", "GEN110")
    sale = sale_entry(event, NORTE, tickets)
    api.call(SYNC, {"ticket_sold": [sale]}, who=NORTE)
    assert {r["ticket_id"]: r["status"] for r in api.office_list(NORTE)}[tickets[0]] is False

    cancel = sale_entry(event, NORTE, tickets, code=sale["purchase_code"], status="cancelled", key="void-1")
    result = api.call(SYNC, {"ticket_sold": [cancel]}, who=NORTE).json()["data"]["results"][0]
    assert (result["status"], result["error"], result["replayed"]) == ("cancelled", None, False)
    rows = {r["ticket_id"]: r["status"] for r in api.office_list(NORTE)}
    assert rows[tickets[0]] is True and rows[tickets[1]] is True  # still assigned offline to Norte, sellable
    assert api.event_view()["GEN109"]["office_id"] == NORTE

    twice = dict(cancel, idempotency_key="void-2")
    again = api.call(SYNC, {"ticket_sold": [twice]}, who=NORTE).json()["data"]["results"][0]
    assert (again["status"], again["error"], again["order_id"]) == ("cancelled", None, result["order_id"])

    unknown = sale_entry(event, NORTE, [], code="ZZZZZZZZZZZZZ", status="cancelled", key="void-3")
    missing = api.call(SYNC, {"ticket_sold": [unknown]}, who=NORTE)
    assert missing.status_code == 200
    early = missing.json()["data"]["results"][0]  # remembered for a sale still to come (issue #12 point 11)
    assert (early["error"], early["order_id"], early["cancelled_before_sale"]) == (None, None, True)
    # the cancelled tickets can be sold again
    resold = api.call(SYNC, {"ticket_sold": [sale_entry(event, NORTE, tickets)]}, who=NORTE).json()
    assert resold["data"]["results"][0]["tickets"][0]["conflict"] is None


def test_replay_by_header_is_byte_for_byte_and_creates_nothing(api: Api) -> None:
    ticket = api.ids("GEN111")[0]
    body = {"ticket_sold": [sale_entry(api.central.event_id, NORTE, [ticket])]}
    first = api.call(SYNC, body, who=NORTE, key="batch-1")
    again = api.call(SYNC, body, who=NORTE, key="batch-1")
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers.get("Idempotent-Replayed") == "true"
    assert _count(api, Order) == 1
    # the same key for a different request is refused, not answered with the old response
    other = {"ticket_sold": [sale_entry(api.central.event_id, NORTE, api.ids("GEN112"))]}
    reused = api.call(SYNC, other, who=NORTE, key="batch-1")
    assert reused.status_code == 409 and reused.json()["data"]["field"] == "X-Idempotency-Key"
    assert _count(api, Order) == 1


def test_replay_by_entry_key_and_by_purchase_code(api: Api) -> None:
    event = api.central.event_id
    tickets = api.ids("GEN113")
    entry = sale_entry(event, NORTE, tickets, pos_product=_general_id(api))
    first = api.call(SYNC, {"ticket_sold": [entry]}, who=NORTE).json()["data"]["results"][0]
    # same entry in a new batch (new header key): its first result, replayed
    by_key = api.call(SYNC, {"ticket_sold": [entry]}, who=NORTE, key="b2").json()["data"]["results"][0]
    assert by_key == {**first, "replayed": True}
    # same purchase code under a new entry key (e.g. the outbox item was re-created)
    renamed = dict(entry, idempotency_key="a-new-key")
    by_code = api.call(SYNC, {"ticket_sold": [renamed]}, who=NORTE).json()["data"]["results"][0]
    assert by_code == {**first, "idempotency_key": "a-new-key", "replayed": True}  # echoes this entry's key
    assert _pairs(by_code["tickets"]) == [(tickets[0], None)]
    assert _count(api, Order) == 1 and _count(api, PosTransaction) == 1


def test_plain_spec_client_without_keys_or_pos_transaction(api: Api) -> None:
    ticket = api.ids("GEN114")[0]
    entry = sale_entry(api.central.event_id, NORTE, [ticket])
    for field in ("idempotency_key", "purchase_code"):
        del entry[field]
    result = api.call(SYNC, {"ticket_sold": [entry]}, who=NORTE).json()["data"]["results"][0]
    assert _pairs(result["tickets"]) == [(ticket, None)]
    assert (result["idempotency_key"], result["purchase_code"]) == (None, None)


def test_pos_transaction_inconsistencies_come_back_with_the_entry(api: Api) -> None:
    tickets = api.ids("GEN115", "GEN116")
    entry = sale_entry(api.central.event_id, NORTE, tickets, pos_product=_general_id(api))
    entry["pos_transaction"]["items"][0]["totalAmount"] = 4000  # line total no longer qty x unit
    result = api.call(SYNC, {"ticket_sold": [entry]}, who=NORTE).json()["data"]["results"][0]
    kinds = sorted({text.split(":")[0] for text in result["inconsistencies"]})
    assert kinds == ["items_total", "line_total"]
    assert all(t["conflict"] is None for t in result["tickets"])


def test_office_cannot_sync_for_another_office(api: Api) -> None:
    entry = sale_entry(api.central.event_id, SUR, api.ids("GEN281"))
    response = api.call(SYNC, {"ticket_sold": [entry]}, who=NORTE)
    assert response.status_code == 403
    assert response.json()["data"] == {"valido": False, "field": "data.ticket_sold[0].office_id"}
    assert _count(api, Order) == 0


def test_cancelling_an_order_whose_seat_a_conflicting_order_also_sold_keeps_it_sold(api: Api) -> None:
    """A resale flagged already_sold is a customer holding the seat: cancelling the first order must not free it."""
    event = api.central.event_id
    [ticket] = api.ids("GEN120")
    first = sale_entry(event, NORTE, [ticket])
    api.call(SYNC, {"ticket_sold": [first]}, who=NORTE)
    second = sale_entry(event, NORTE, [ticket])
    answer = api.call(SYNC, {"ticket_sold": [second]}, who=NORTE).json()["data"]["results"][0]
    assert answer["tickets"][0]["conflict"] == "already_sold"
    cancel = sale_entry(event, NORTE, [ticket], code=first["purchase_code"], status="cancelled", key="void-heir")
    assert api.call(SYNC, {"ticket_sold": [cancel]}, who=NORTE).json()["data"]["results"][0]["status"] == "cancelled"
    assert {r["ticket_id"]: r["status"] for r in api.office_list(NORTE)}[ticket] is False  # still sold
    cancel_second = sale_entry(event, NORTE, [ticket], code=second["purchase_code"], status="cancelled",
                               key="void-heir-2")
    api.call(SYNC, {"ticket_sold": [cancel_second]}, who=NORTE)
    assert {r["ticket_id"]: r["status"] for r in api.office_list(NORTE)}[ticket] is True  # now nobody holds it
