"""Bad input: 400 naming the field, never a 500, never a partial write."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from boxoffice.central.models import (
    IdempotencyRecord,
    LedgerEntry,
    Order,
    PosTransaction,
    TicketBlocked,
    TicketOffline,
)
from tests.integration.central.conftest import NORTE, Api, pos_transaction, sale_entry

FUNCTIONS = ("offline_office_tickets", "offline_office_tickets_list_sales", "offline_office_tickets_synchronization",
             "offline_office_tickets_unassign", "offline_tickets_list_event_sales", "tickets_list_event_virtual",
             "tickets_list_event_sales_virtual", "tickets_lock_virtual", "tickets_unlock_param_virtual",
             "ticket/transaction")
WEIRD_VALUES: list[Any] = [None, True, 7, Decimal("1.005"), "x", "", [], [1], {}, {"a": 1}, "x" * 300]


def _snapshot(api: Api) -> dict[str, int]:
    engine = create_engine(api.central.db_url)
    try:
        with Session(engine) as session:
            return {model.__tablename__: int(session.scalar(select(func.count()).select_from(model)) or 0)
                    for model in (TicketOffline, TicketBlocked, LedgerEntry, Order, PosTransaction,
                                  IdempotencyRecord)}
    finally:
        engine.dispose()


def _bad(api: Api, function: str, body: Any, field: str, who: str = "admin") -> str:
    response = api.post(f"/{function}", body, who=who, key="same-key-every-time")
    assert response.status_code == 400, response.text
    payload = response.json()
    assert payload["status"] == 400 and payload["data"]["valido"] is False
    assert payload["data"]["field"] == field, payload
    assert field == "body" or field in payload["message"], payload
    return str(payload["message"])


def test_malformed_json_is_400_naming_the_body(api: Api) -> None:
    before = _snapshot(api)
    for function in FUNCTIONS:
        for raw in (b"{bad json", b"", b"\xff\xfe", b"NaN", b"[1, 2]", b'"text"'):
            _bad(api, function, raw, "body")
        if function != "ticket/transaction":
            _bad(api, function, {"nodata": 1}, "data")
            _bad(api, function, {"data": [1]}, "data")
    assert _snapshot(api) == before


def test_missing_and_mistyped_fields_name_the_field_and_write_nothing(api: Api) -> None:
    event = api.central.event_id
    tickets = api.ids("GEN50", "GEN51")
    before = _snapshot(api)
    assign = {"tickets_offline": tickets, "office_id": NORTE, "event_id": event}
    for field in ("tickets_offline", "office_id", "event_id"):
        message = _bad(api, "offline_office_tickets", {"data": {k: v for k, v in assign.items() if k != field}},
                       f"data.{field}")
        assert "required" in message
    message = _bad(api, "offline_office_tickets", {"data": {**assign, "tickets_offline": "GEN50"}},
                   "data.tickets_offline")
    assert message == "data.tickets_offline must be a list of ticket ids, not a string"
    _bad(api, "offline_office_tickets", {"data": {**assign, "tickets_offline": [tickets[0], 5]}},
         "data.tickets_offline[1]")
    _bad(api, "offline_office_tickets", {"data": {**assign, "office_id": 3}}, "data.office_id")
    _bad(api, "offline_office_tickets", {"data": {**assign, "office_id": "office_nowhere"}}, "data.office_id")
    _bad(api, "tickets_lock_virtual", {"data": {"tickets": tickets}}, "data.reserved_time")
    _bad(api, "tickets_lock_virtual", {"data": {"tickets": tickets, "reserved_time": -5}}, "data.reserved_time")
    _bad(api, "tickets_lock_virtual", {"data": {"tickets": tickets, "reserved_time": "60"}}, "data.reserved_time")

    good = sale_entry(event, NORTE, tickets, pos_product=1)
    for field, value in (("amount", "25.00"), ("amount", Decimal("25.001")), ("tickets", "x"),
                         ("status", "sold"), ("transactions", {}), ("client_name", 5)):
        broken = {**copy.deepcopy(good), field: value}
        _bad(api, "offline_office_tickets_synchronization", {"data": {"ticket_sold": [good, broken]}},
             f"data.ticket_sold[1].{field}", who=NORTE)
    missing = {k: v for k, v in good.items() if k != "client_id"}
    _bad(api, "offline_office_tickets_synchronization", {"data": {"ticket_sold": [good, missing]}},
         "data.ticket_sold[1].client_id", who=NORTE)
    broken_pos = copy.deepcopy(good)
    broken_pos["pos_transaction"]["items"][0]["quantity"] = "2"
    _bad(api, "offline_office_tickets_synchronization", {"data": {"ticket_sold": [good, broken_pos]}},
         "data.ticket_sold[1].pos_transaction.items[0].quantity", who=NORTE)

    pos = pos_transaction(event, 1, tickets)
    _bad(api, "ticket/transaction", {**pos, "totalAmount": "50.00"}, "body.totalAmount")
    _bad(api, "ticket/transaction", {k: v for k, v in pos.items() if k != "items"}, "body.items")
    assert _snapshot(api) == before


def test_more_than_10000_ids_is_400(api: Api) -> None:
    before = _snapshot(api)
    event = api.central.event_id
    ids = [f"{event}-t{n:08d}" for n in range(10_001)]
    message = _bad(api, "offline_office_tickets", {"data": {"tickets_offline": ids, "office_id": NORTE,
                                                            "event_id": event}}, "data.tickets_offline")
    assert "10000" in message
    _bad(api, "tickets_lock_virtual", {"data": {"tickets": ids, "reserved_time": 5}}, "data.tickets")
    _bad(api, "offline_office_tickets_synchronization",
         {"data": {"ticket_sold": [sale_entry(event, NORTE, ids)]}}, "data.ticket_sold[0].tickets", who=NORTE)
    halves = [sale_entry(event, NORTE, ids[:5001]), sale_entry(event, NORTE, ids[5001:])]
    _bad(api, "offline_office_tickets_synchronization", {"data": {"ticket_sold": halves}}, "data.ticket_sold",
         who=NORTE)
    # exactly 10,000 is fine (and all unknown here, so nothing is assigned)
    response = api.call("offline_office_tickets", {"tickets_offline": ids[:10_000], "office_id": NORTE,
                                                   "event_id": event})
    assert response.status_code == 400 and len(response.json()["data"]["nodisponible"]) == 10_000
    after = _snapshot(api)
    assert {k: v for k, v in after.items() if k != "idempotency_records"} == {
        k: v for k, v in before.items() if k != "idempotency_records"}


def test_no_field_of_any_function_can_cause_a_500(api: Api) -> None:
    """Every top-level field of every example body, and every field of a sale entry, set to odd values."""
    event = api.central.event_id
    tickets = api.ids("GEN60")
    examples = {
        "offline_office_tickets": {"tickets_offline": tickets, "office_id": NORTE, "event_id": event},
        "offline_office_tickets_list_sales": {"event_id": event, "office_id": NORTE},
        "offline_office_tickets_unassign": {"tickets_offline": tickets, "office_id": NORTE, "event_id": event},
        "offline_tickets_list_event_sales": {"event_id": event},
        "tickets_lock_virtual": {"tickets": tickets, "reserved_time": 1},
        "tickets_unlock_param_virtual": {"tickets": tickets},
    }
    for function, data in examples.items():
        for field in data:
            for value in WEIRD_VALUES:
                response = api.call(function, {**data, field: value})
                assert response.status_code < 500, (function, field, value, response.text)
    entry = sale_entry(event, NORTE, tickets, pos_product=1)
    for field in entry:
        for value in WEIRD_VALUES:
            response = api.call("offline_office_tickets_synchronization", {"ticket_sold": [{**entry, field: value}]},
                                who=NORTE)
            assert response.status_code < 500, (field, value, response.text)
    pos = pos_transaction(event, 1, tickets)
    for field in pos:
        for value in WEIRD_VALUES:
            response = api.post("/ticket/transaction", {**pos, field: value})
            assert response.status_code < 500, (field, value, response.text)
