"""``POST /ticket/transaction`` is always accepted; each inconsistency kind is stored and listed."""

from __future__ import annotations

import copy
from typing import Any

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from boxoffice.central.models import PosItemTicket, PosPayment, PosTransaction
from tests.integration.central.conftest import NORTE, Api, pos_transaction


def _types(api: Api) -> dict[str, Any]:
    return {t["name"]: t for t in api.ticket_types()}


def _record(api: Api, body: dict[str, Any], who: str = NORTE) -> dict[str, Any]:
    response = api.post("/ticket/transaction", body, who=who)
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Transacción registrada"
    return dict(response.json()["data"])


def _kinds(data: dict[str, Any]) -> list[str]:
    return sorted(text.split(":")[0] for text in data["inconsistencies"])


def test_consistent_transaction_has_no_inconsistencies_and_is_stored(api: Api) -> None:
    types = _types(api)
    tickets = api.ids("GEN130", "GEN131")
    body = pos_transaction(api.central.event_id, types["General"]["id"], tickets)
    data = _record(api, body)
    assert data["inconsistencies"] == [] and data["replayed"] is False and data["code"] == body["code"]
    engine = create_engine(api.central.db_url)
    try:
        with Session(engine) as session:
            row = session.get(PosTransaction, data["transaction_id"])
            assert row is not None and row.total_cents == 5000 and row.office_id == NORTE
            assert row.created_at is not None and row.created_at.tzinfo is not None
            assert session.scalars(select(PosPayment.amount_cents)).all() == [5000]
            assert session.scalars(select(PosItemTicket.ticket_id)).all() == tickets
    finally:
        engine.dispose()
    again = _record(api, body)  # posted twice: stored once
    assert again["transaction_id"] == data["transaction_id"] and again["replayed"] is True


def test_family_pass_issues_five_tickets(api: Api) -> None:
    types = _types(api)
    family, general, child = types["Pase Familiar"], types["General"], types["Niño"]
    body = pos_transaction(api.central.event_id, family["id"], api.ids("GEN132", "GEN133", "GEN134", "GEN135",
                                                                       "GEN136"), unit_cents=0)
    item = body["items"][0]
    item.update(quantity=1, unitAmount=8000, totalAmount=8000)
    for n, ticket in enumerate(item["tickets"]):
        ticket["product_id"] = general["id"] if n < 2 else child["id"]
    body["totalAmount"] = 8000
    body["transactions"] = [{"paymentMethod": "card", "amount": 8000, "transactionId": "ref-1"}]
    assert _record(api, body)["inconsistencies"] == []


def _line_total(body: dict[str, Any]) -> None:
    body["items"][0]["totalAmount"] = body["totalAmount"] = body["transactions"][0]["amount"] = 4900


def _items_total(body: dict[str, Any]) -> None:
    body["totalAmount"] = body["transactions"][0]["amount"] = 6000


def _unknown_product(body: dict[str, Any]) -> None:
    body["items"][0]["product_id"] = body["items"][0]["tickets"][0]["product_id"] = 999


def _duplicate_barcode(body: dict[str, Any]) -> None:
    tickets = body["items"][0]["tickets"]
    tickets[1]["barcode"] = tickets[0]["barcode"]


BREAKS: dict[str, Any] = {
    "line_total": _line_total,
    "payment_total": lambda body: body["transactions"][0].update(amount=4000),
    "items_total": _items_total,
    "ticket_count": lambda body: body["items"][0]["tickets"].pop(),
    "malformed_barcode": lambda body: body["items"][0]["tickets"][0].update(barcode="NOT-A-BARCODE"),
    "unknown_product": _unknown_product,
    "duplicate_barcode": _duplicate_barcode,
    "created_at": lambda body: body.update(createdAt="yesterday"),
    "unknown_ticket": lambda body: body["items"][0]["tickets"][0].update(ticket_id="nope"),
    "payment_method": lambda body: body["transactions"][0].update(paymentMethod="voucher"),
    "item_code": lambda body: body["items"][0].update(item_code=body["code"] + "0007"),
}


def test_each_inconsistency_kind_is_listed_never_rejected(api: Api) -> None:
    general = _types(api)["General"]["id"]
    tickets = api.ids("GEN137", "GEN138")
    for n, (kind, breaks) in enumerate(BREAKS.items()):
        # each its own seats of Norte's: a transaction sells the tickets it names
        body = pos_transaction(api.central.event_id, general, api.ids(f"GEN{140 + 2 * n}", f"GEN{141 + 2 * n}"))
        breaks(body)
        data = _record(api, body)
        expected = [kind, kind] if kind == "unknown_product" else [kind]  # the item and its ticket
        assert _kinds(data) == expected, (kind, data["inconsistencies"])

    body = pos_transaction(api.central.event_id, general, tickets)
    body.update(code="BADCODE", event_id="no-event")
    kinds = set(_kinds(_record(api, body)))
    assert {"malformed_code", "unknown_event", "malformed_barcode"} <= kinds


def test_same_code_with_different_content_is_stored_again_and_flagged(api: Api) -> None:
    types = _types(api)
    body = pos_transaction(api.central.event_id, types["General"]["id"], api.ids("GEN139"))
    first = _record(api, body)
    changed = copy.deepcopy(body)
    changed["notes"] = "second device"
    second = _record(api, changed)
    assert second["transaction_id"] != first["transaction_id"]
    assert _kinds(second) == ["duplicate_code", "ticket_unavailable"]  # the first one sold the seat
