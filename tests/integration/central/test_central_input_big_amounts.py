"""Amounts past 2^31 - 1 cents (21,474,836.47) are stored and read back whole, on SQLite and PostgreSQL.

PostgreSQL's ``integer`` is 32-bit: before the amount columns were ``BigInteger`` such a sale was a 500. A
database created by an older server is widened when a new one starts (:mod:`boxoffice.central.column_widening`).
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.models import Order, PosItem, PosPayment, PosTransaction, TicketType
from boxoffice.core.codes import new_purchase_code
from boxoffice.core.money import cents_to_api
from tests.helpers.central_server import central_server
from tests.helpers.postgres import PostgresServer
from tests.integration.central.conftest import NORTE, Api, pos_transaction, sale_entry

BIG_CENTS = 3_000_000_007  # 30,000,000.07: past the 32-bit limit of 2,147,483,647 cents
AMOUNT_COLUMNS = {"orders": ["amount_cents"], "pos_transactions": ["total_cents"],
                  "pos_payments": ["amount_cents", "change_cents"],
                  "pos_items": ["unit_cents", "total_cents", "discount_cents"], "ticket_types": ["price_cents"]}


def _sell_big(api: Api) -> str:
    """Sync one sale worth BIG_CENTS (with its pos_transaction in cents); its purchase code."""
    tickets = api.ids("GEN180")
    code = new_purchase_code()
    entry = sale_entry(api.central.event_id, NORTE, tickets, code=code, amount=cents_to_api(BIG_CENTS))
    entry["pos_transaction"] = pos_transaction(api.central.event_id, 1, tickets, unit_cents=BIG_CENTS, code=code)
    response = api.call("offline_office_tickets_synchronization", {"ticket_sold": [entry]}, who=NORTE)
    assert response.status_code == 200, response.text
    result = response.json()["data"]["results"][0]
    assert result["status"] == "completed" and result.get("error") is None, result
    return code


def _stored(api: Api, code: str) -> dict[str, object]:
    engine = create_engine(api.central.db_url)
    try:
        with Session(engine) as session:
            order = session.scalars(select(Order).where(Order.purchase_code == code)).one()
            tx = session.scalars(select(PosTransaction).where(PosTransaction.code == code)).one()
            payment = session.scalars(select(PosPayment).where(PosPayment.transaction_id == tx.id)).one()
            item = session.scalars(select(PosItem).where(PosItem.transaction_id == tx.id)).one()
            return {"order": order.amount_cents, "total": tx.total_cents, "paid": payment.amount_cents,
                    "unit": item.unit_cents, "line": item.total_cents}
    finally:
        engine.dispose()


def test_a_sale_over_21474836_47_is_stored_and_read_back_whole(any_api: Api) -> None:
    code = _sell_big(any_api)
    assert _stored(any_api, code) == {"order": BIG_CENTS, "total": BIG_CENTS, "paid": BIG_CENTS,
                                      "unit": BIG_CENTS, "line": BIG_CENTS}
    assert any_api.event_view()["GEN180"]["status"] is False  # the seat is sold


def test_a_pos_transaction_over_the_32_bit_range_is_recorded(any_api: Api) -> None:
    body = pos_transaction(any_api.central.event_id, 1, any_api.ids("GEN181"), unit_cents=10**13)
    response = any_api.post("/ticket/transaction", body)
    assert response.status_code == 200, response.text
    again = any_api.post("/ticket/transaction", body)
    assert again.json()["data"]["transaction_id"] == response.json()["data"]["transaction_id"]
    assert again.json()["data"]["replayed"] is True


def test_a_price_over_the_32_bit_range_is_served_exactly(any_api: Api) -> None:
    engine = create_engine(any_api.central.db_url)
    try:
        with Session(engine) as session, session.begin():
            session.add(TicketType(event_id=any_api.central.event_id, name="Palco anual", price_cents=BIG_CENTS))
    finally:
        engine.dispose()
    prices = {row["name"]: row for row in any_api.ticket_types()}
    assert prices["Palco anual"]["price_cents"] == BIG_CENTS
    assert Decimal(str(prices["Palco anual"]["price"])) == cents_to_api(BIG_CENTS)


@pytest.mark.postgres
def test_a_database_from_an_older_server_is_widened_at_start(postgres: PostgresServer) -> None:
    """The old schema had 32-bit amount columns: a new server widens them and then takes the big sale."""
    url = postgres.new_database()
    old = Database(url)
    try:
        old.create_schema()
        with old.engine.begin() as connection:
            for table, columns in AMOUNT_COLUMNS.items():
                for column in columns:
                    connection.execute(text(f"ALTER TABLE {table} ALTER COLUMN {column} TYPE integer"))
    finally:
        old.dispose()
    assert _column_types(url) == {"integer"}
    with central_server(db_url=url) as central:
        api = Api(central)
        try:
            assert _column_types(url) == {"bigint"}
            code = _sell_big(api)
            assert _stored(api, code)["order"] == BIG_CENTS
        finally:
            api.close()


def _column_types(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return {connection.scalar(text(
                "SELECT data_type FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = :table AND column_name = :column"), {"table": table, "column": column})
                for table, columns in AMOUNT_COLUMNS.items() for column in columns}
    finally:
        engine.dispose()
