"""Issue #12 point 3: replays are scoped per office and compare the content (SQLite and PostgreSQL, real HTTP)."""

from __future__ import annotations

import copy
from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from boxoffice.central.db import Database
from boxoffice.central.models import Order, PosTransaction, Ticket
from tests.integration.central.conftest import NORTE, SUR, Api, sale_entry
from tests.integration.central.trust_helpers import CONFLICTS, general_product, sync


@pytest.fixture
def db(any_api: Api) -> Iterator[Database]:
    database = Database(any_api.central.db_url)
    yield database
    database.dispose()


def _orders(db: Database) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(Order)) or 0)


def test_same_key_with_another_sale_is_refused_in_its_entry_and_the_batch_goes_on(any_api: Api,
                                                                                  db: Database) -> None:
    api, event = any_api, any_api.central.event_id
    [first] = sync(api, NORTE, sale_entry(event, NORTE, api.ids("GEN150"), key="key-1"))
    other = sale_entry(event, NORTE, api.ids("GEN151"), key="key-1")  # a different sale under the same key
    fresh = sale_entry(event, NORTE, api.ids("GEN152"))
    refused, stored = sync(api, NORTE, other, fresh)
    assert (refused["error_status"], refused["order_id"], refused["replayed"]) == (422, None, False)
    assert refused["error"].startswith("idempotency_key_reused:") and "'key-1'" in refused["error"]
    assert refused["idempotency_key"] == "key-1" and refused["tickets"] == []
    assert stored["error"] is None and stored["tickets"][0]["taken"] is True
    assert _orders(db) == 2  # the first sale and the fresh one; nothing for the refused entry
    assert {r["ticket_id"]: r["status"] for r in api.office_list(NORTE)}[api.ids("GEN151")[0]] is True
    # the exact first entry is still a replay of its first result
    [again] = sync(api, NORTE, sale_entry(event, NORTE, api.ids("GEN150"), key="key-1",
                                           code=first["purchase_code"]))
    assert again == {**first, "replayed": True}


def test_same_purchase_code_with_another_sale_is_refused_naming_the_code(any_api: Api, db: Database) -> None:
    api, event = any_api, any_api.central.event_id
    [first] = sync(api, NORTE, sale_entry(event, NORTE, api.ids("GEN153")))
    code = first["purchase_code"]
    [refused] = sync(api, NORTE, sale_entry(event, NORTE, api.ids("GEN154"), code=code, key="another-key"))
    assert refused["error_status"] == 422 and refused["error"].startswith("purchase_code_reused:")
    assert repr(code) in refused["error"] and refused["order_id"] is None
    assert _orders(db) == 1


def test_exact_replay_ignores_extension_fields_it_does_not_know(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    entry = sale_entry(event, NORTE, api.ids("GEN155"), pos_product=general_product(api))
    [first] = sync(api, NORTE, entry)
    [again] = sync(api, NORTE, {**entry, "some_future_extension": {"seq": 7}})
    assert again == {**first, "replayed": True}


def test_keys_and_codes_are_per_office(any_api: Api, db: Database) -> None:
    api, event = any_api, any_api.central.event_id
    [norte] = sync(api, NORTE, sale_entry(event, NORTE, api.ids("GEN156"), key="shared-key"))
    [sur] = sync(api, SUR, sale_entry(event, SUR, api.ids("GEN300"), key="shared-key",
                                       code=norte["purchase_code"]))
    assert (sur["replayed"], sur["error"]) == (False, None)
    assert sur["order_id"] != norte["order_id"] and sur["tickets"][0]["taken"] is True
    assert _orders(db) == 2


def test_office_posting_another_offices_printed_code_first_takes_nothing(any_api: Api, db: Database) -> None:
    """The attack: Sur copies the purchase code (and even the POS body) printed on Norte's tickets and posts it
    before Norte syncs. Norte's sale is still stored as Norte's, with a normal result."""
    api, event = any_api, any_api.central.event_id
    tickets = api.ids("GEN160", "GEN161")
    genuine = sale_entry(event, NORTE, tickets, pos_product=general_product(api))
    code = genuine["purchase_code"]
    forged = copy.deepcopy(genuine)
    forged.update(office_id=SUR, office_name="Taquilla Sur", idempotency_key="forged", client_name="Mallory")
    copied_pos = api.post("/ticket/transaction", genuine["pos_transaction"], who=SUR)
    assert copied_pos.status_code == 200
    [attack] = sync(api, SUR, forged)
    assert attack["error"] is None and attack["order_id"]
    assert [(t["conflict"], t["taken"], t["other_office_id"]) for t in attack["tickets"]] == [
        ("not_assigned_to_office", False, NORTE)] * 2

    [result] = sync(api, NORTE, genuine)
    assert (result["replayed"], result["error"], result["inconsistencies"]) == (False, None, [])
    assert result["order_id"] != attack["order_id"] and result["purchase_code"] == code
    assert [(t["conflict"], t["taken"]) for t in result["tickets"]] == [(None, True)] * 2
    with db.read() as session:
        order = session.get(Order, result["order_id"])
        assert order is not None and (order.office_id, order.client_name, order.status) == (
            NORTE, "Carlos Martínez", "completed")
        assert {session.get(Ticket, t).sold_order_id for t in tickets} == {order.id}  # type: ignore[union-attr]
        pos = session.get(PosTransaction, order.pos_transaction_id)
        assert pos is not None and pos.office_id == NORTE  # its own copy, not Sur's replayed
    # each side's replay gives its own first result back
    assert sync(api, SUR, forged)[0] == {**attack, "replayed": True}
    assert sync(api, NORTE, genuine)[0] == {**result, "replayed": True}

    # both supervisors see it; Sur never sees Norte's order id
    norte_view = api.call(CONFLICTS, {"office_id": NORTE}, who=NORTE).json()["data"]["response"]
    sur_response = api.call(CONFLICTS, {"office_id": SUR}, who=SUR)
    sur_view = sur_response.json()["data"]["response"]
    assert {(c["kind"], c["role"], c["ticket_id"]) for c in norte_view} == {
        ("ticket_conflict", "holder", tickets[0]), ("ticket_conflict", "holder", tickets[1]),
        ("purchase_code_reused", "seller", None)}
    assert all(c["order_id"] is None for c in norte_view if c["role"] == "holder")
    assert {(c["kind"], c["role"]) for c in sur_view} == {("ticket_conflict", "seller"),
                                                          ("purchase_code_reused", "holder")}
    assert result["order_id"] not in sur_response.text
