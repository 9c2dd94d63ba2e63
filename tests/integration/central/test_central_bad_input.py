"""Bad input: 400 naming the field, never a 500, never a partial write."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from boxoffice.central.envelope import dumps
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


# --- values no database or decimal arithmetic survives (issue #12): one check where every body is decoded ---

Path = tuple[str | int, ...]
NUMBER_SLOT = "@@number@@"
"""A string leaf replaced by a raw number literal after encoding (``1E+999999999`` cannot go through Decimal)."""
HOSTILE_NUMBERS = ("1E+999999999", "-1E+999999999", "1E-999999999", "9e999", "9" * 5000, str(2**63),
                   str(-(2**63) - 1), "NaN", "Infinity", "-Infinity", "1" + "0" * 30 + ".5")
HOSTILE_TEXT = ("a\x00b", "\x00", "Carlos \udfff", "\ud800", "ok \udc00 then")


def valid_bodies(api: Api) -> dict[str, tuple[dict[str, Any], str]]:
    """A valid body of every POST function with the caller allowed to send it (the fuzz starts from these)."""
    event, tickets = api.central.event_id, api.ids("GEN70", "GEN71")
    def data(body: dict[str, Any]) -> dict[str, Any]:
        return {"data": body}
    return {
        "offline_office_tickets": (data({"tickets_offline": tickets, "office_id": NORTE, "event_id": event}),
                                   "admin"),
        "offline_office_tickets_list_sales": (data({"event_id": event, "office_id": NORTE}), NORTE),
        "offline_office_events": (data({"office_id": NORTE}), NORTE),
        "offline_office_tickets_unassign": (data({"tickets_offline": tickets, "office_id": NORTE,
                                                  "event_id": event}), NORTE),
        "offline_tickets_list_event_sales": (data({"event_id": event}), "admin"),
        "tickets_list_event_virtual": (data({"event_id": event}), "admin"),
        "tickets_list_event_sales_virtual": (data({"event_id": event}), "admin"),
        "tickets_lock_virtual": (data({"tickets": tickets, "reserved_time": 60}), "admin"),
        "tickets_unlock_param_virtual": (data({"tickets": tickets}), "admin"),
        "offline_office_tickets_synchronization": (
            data({"ticket_sold": [sale_entry(event, NORTE, tickets, pos_product=1)]}), NORTE),
        "ticket/transaction": (pos_transaction(event, 1, tickets), "admin"),
    }


def _leaves(value: Any, path: Path = ()) -> list[tuple[Path, Any]]:
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in _leaves(item, (*path, key))]
    if isinstance(value, list):
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))]
    return [(path, value)]


def _replaced(body: Any, path: Path, new: Any) -> Any:
    copied = copy.deepcopy(body)
    target = copied
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return copied


def _renamed(body: Any, path: Path, new_key: str) -> Any:
    copied = copy.deepcopy(body)
    target = copied
    for step in path[:-1]:
        target = target[step]
    target[new_key] = target.pop(path[-1])
    return copied


def _field(body: Any, path: Path) -> str:
    """How the platform names ``path``: ``data.x[0].y`` under a callable function's data, ``body.x`` otherwise."""
    text = "" if path[:1] == ("data",) else "body"
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else f".{json.dumps(step)[1:-1]}"
    return text.lstrip(".")


def _encoded(body: Any, number: str | None = None) -> bytes:
    """The body as a client sends it: NUL as ``\\u0000`` and a lone surrogate as its ``\\udfff`` escape."""
    raw = dumps(body)
    assert b"\\u0000" in raw or b"\\ud" in raw or number is not None, raw[:200]
    return raw if number is None else raw.replace(f'"{NUMBER_SLOT}"'.encode(), number.encode())


def _refused_naming(api: Api, function: str, raw: bytes, who: str, field: str, words: str) -> None:
    response = api.post(f"/{function}", raw, who=who, key="hostile-key")
    assert response.status_code == 400, (function, field, response.text)
    payload = response.json()
    assert payload["status"] == 400 and payload["data"]["valido"] is False, payload
    assert payload["data"]["field"] == field, (function, payload)
    assert payload["message"].startswith(field) and words in payload["message"], payload


def test_nul_and_lone_surrogates_anywhere_are_400_naming_the_field(any_api: Api) -> None:
    """Every string of every function's body, and every key, on SQLite and PostgreSQL: 400, nothing written."""
    before = _snapshot(any_api)
    for function, (body, who) in valid_bodies(any_api).items():
        for n, (path, value) in enumerate(_leaves(body)):
            if not isinstance(value, str):
                continue
            text = HOSTILE_TEXT[n % len(HOSTILE_TEXT)]
            words = "NUL" if "\x00" in text else "surrogate"
            _refused_naming(any_api, function, _encoded(_replaced(body, path, value + text)), who,
                            _field(body, path), words)
        last = _leaves(body)[-1][0]
        key_path = last[:max(i for i, step in enumerate(last) if isinstance(step, str)) + 1]  # its last key
        for text, words in (("\x00", "NUL"), ("\udfff", "surrogate")):
            renamed = (*key_path[:-1], f"extra{text}")
            _refused_naming(any_api, function, _encoded(_renamed(body, key_path, f"extra{text}")), who,
                            _field(body, renamed), words)
    beside_data = {"data": {"office_id": NORTE}, "note": "a\x00"}  # not under data: named from the body
    _refused_naming(any_api, "offline_office_events", _encoded(beside_data), NORTE, "body.note", "NUL")
    assert _snapshot(any_api) == before


def test_hostile_numbers_anywhere_are_400_naming_the_field(any_api: Api) -> None:
    """1E+999999999, NaN, Infinity, 5,000 digits, beyond 64 bits: in every number of every body."""
    before = _snapshot(any_api)
    for function, (body, who) in valid_bodies(any_api).items():
        numbers = [path for path, value in _leaves(body)
                   if isinstance(value, int | Decimal) and not isinstance(value, bool)]
        assert numbers or function not in ("tickets_lock_virtual", "ticket/transaction",
                                           "offline_office_tickets_synchronization"), function
        for n, path in enumerate(numbers):
            literal = HOSTILE_NUMBERS[n % len(HOSTILE_NUMBERS)]
            _refused_naming(any_api, function, _encoded(_replaced(body, path, NUMBER_SLOT), literal), who,
                            _field(body, path), "out of range")
        first_string = next(path for path, value in _leaves(body) if isinstance(value, str))
        for literal in HOSTILE_NUMBERS:  # where a string was expected, too: still the range, not a type error
            _refused_naming(any_api, function, _encoded(_replaced(body, first_string, NUMBER_SLOT), literal),
                            who, _field(body, first_string), "out of range")
    assert _snapshot(any_api) == before


def test_amounts_beyond_the_cents_range_are_400_naming_the_field(any_api: Api) -> None:
    """Within 64 bits but beyond what an amount may be (10^13 cents), or past 2^63 cents as decimal units."""
    event, tickets = any_api.central.event_id, any_api.ids("GEN72")
    entry = sale_entry(event, NORTE, tickets, pos_product=1)
    before = _snapshot(any_api)
    for amount in ("92233720368547758.08", "-92233720368547758.08", "100000000000.01", "1E+18"):
        raw = _encoded({"data": {"ticket_sold": [{**entry, "amount": NUMBER_SLOT}]}}, amount)
        _refused_naming(any_api, "offline_office_tickets_synchronization", raw, NORTE,
                        "data.ticket_sold[0].amount", "amount")
    pos = pos_transaction(event, 1, tickets)
    for cents in (2**63 - 1, -(2**63), 10**13 + 1):
        _refused_naming(any_api, "ticket/transaction", dumps({**pos, "totalAmount": cents}), "admin",
                        "body.totalAmount", "at most" if cents > 0 else "at least")
    assert _snapshot(any_api) == before


def test_an_event_id_in_the_path_with_a_nul_is_400(any_api: Api) -> None:
    response = any_api.http.get("/client/events/ev%00il/ticket-types", headers=any_api.central.admin_headers)
    assert response.status_code == 400, response.text
    assert response.json()["data"]["field"] == "eventId"
    unauthenticated = any_api.http.get("/client/events/ev%00il/ticket-types")  # no token needed (#16)
    assert unauthenticated.status_code == 400 and unauthenticated.json()["data"]["field"] == "eventId"


def test_deep_nesting_is_a_400_at_any_depth(any_api: Api) -> None:
    """Nested past what the parser or the value walk can follow: one 400 naming the body, never a 500."""
    for depth in (50, 900, 995, 100_000):
        raw = b'{"data": {"office_id": ' + b"[" * depth + b"]" * depth + b"}}"
        response = any_api.post("/offline_office_events", raw, who=NORTE)
        assert response.status_code == 400, (depth, response.text[:300])
        field = response.json()["data"]["field"]
        # shallow: office_id is not a string; too deep for the parser (or the walk after it): the body
        expected = {"body"} if depth == 100_000 else {"data.office_id", "body"}
        assert field in expected, (depth, field)
