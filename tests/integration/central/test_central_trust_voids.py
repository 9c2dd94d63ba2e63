"""Issue #12 point 11 (central side): a void that arrives before its sale is remembered, and the sale is then
stored cancelled, taking no seat (SQLite and PostgreSQL, real HTTP)."""

from __future__ import annotations

from boxoffice.central.db import Database
from boxoffice.central.models import Order
from tests.integration.central.conftest import NORTE, SUR, Api, sale_entry
from tests.integration.central.trust_helpers import sync


def _order_status(api: Api, order_id: str) -> str:
    db = Database(api.central.db_url)
    try:
        with db.read() as session:
            order = session.get(Order, order_id)
            assert order is not None
            return order.status
    finally:
        db.dispose()


def test_a_void_before_its_sale_is_accepted_and_the_sale_never_stands(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    tickets = api.ids("GEN180", "GEN181")
    sale = sale_entry(event, NORTE, tickets)
    void = sale_entry(event, NORTE, tickets, code=sale["purchase_code"], status="cancelled", key="void-early")
    [early] = sync(api, NORTE, void)
    assert (early["error"], early["status"], early["order_id"]) == (None, "cancelled", None)
    assert (early["cancelled_before_sale"], early["order_status"], early["replayed"]) == (True, "cancelled", False)
    assert sync(api, NORTE, void)[0] == {**early, "replayed": True}  # a retry: the same answer, not an error

    [late] = sync(api, NORTE, sale)
    assert (late["error"], late["status"], late["order_status"], late["cancelled_before_sale"]) == (
        None, "completed", "cancelled", True)
    assert [(t["ticket_id"], t["conflict"], t["taken"]) for t in late["tickets"]] == [
        (t, None, False) for t in tickets]
    assert _order_status(api, late["order_id"]) == "cancelled"
    assert all(row["status"] for row in api.office_list(NORTE) if row["ticket_id"] in tickets)  # still sellable
    assert sync(api, NORTE, sale)[0] == {**late, "replayed": True}
    # a later void of it finds the order and changes nothing
    [again] = sync(api, NORTE, dict(void, idempotency_key="void-again"))
    assert (again["error"], again["order_id"], again["order_status"]) == (None, late["order_id"], "cancelled")
    # the seats sell again under a new purchase code
    [resold] = sync(api, NORTE, sale_entry(event, NORTE, tickets))
    assert [t["taken"] for t in resold["tickets"]] == [True, True]


def test_void_and_sale_in_one_batch_in_either_order(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    first, second = api.ids("GEN182"), api.ids("GEN183")
    sale_a = sale_entry(event, NORTE, first)
    void_a = sale_entry(event, NORTE, first, code=sale_a["purchase_code"], status="cancelled")
    sale_b = sale_entry(event, NORTE, second)
    void_b = sale_entry(event, NORTE, second, code=sale_b["purchase_code"], status="cancelled")
    results = sync(api, NORTE, void_a, sale_a, sale_b, void_b)
    assert [(r["error"], r["order_status"]) for r in results] == [
        (None, "cancelled"), (None, "cancelled"), (None, "completed"), (None, "cancelled")]
    assert results[1]["tickets"][0]["taken"] is False and results[3]["order_id"] == results[2]["order_id"]
    assert _order_status(api, results[2]["order_id"]) == "cancelled"
    assert all(row["status"] for row in api.office_list(NORTE) if row["ticket_id"] in first + second)


def test_another_offices_early_void_of_a_code_does_not_cancel_this_offices_sale(any_api: Api) -> None:
    api, event = any_api, any_api.central.event_id
    tickets = api.ids("GEN184")
    sale = sale_entry(event, NORTE, tickets)
    [sur_void] = sync(api, SUR, sale_entry(event, SUR, [], code=sale["purchase_code"], status="cancelled"))
    assert sur_void["cancelled_before_sale"] is True
    [stored] = sync(api, NORTE, sale)
    assert (stored["order_status"], stored["tickets"][0]["taken"]) == ("completed", True)
    assert "cancelled_before_sale" not in stored
