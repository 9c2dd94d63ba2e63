"""A database made before keys and purchase codes were kept per office is upgraded at start, keeping its sales
replayable (SQLite and PostgreSQL; :mod:`boxoffice.central.office_scoping`)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import (
    Column,
    ForeignKey,
    MetaData,
    Table,
    UniqueConstraint,
    create_engine,
    func,
    select,
    text,
    update,
)

from boxoffice.central.app import create_app
from boxoffice.central.db import Database, normalize_url
from boxoffice.central.models import Base, Order, OrderTicket, PosPayment, Ticket
from boxoffice.central.office_scoping import scope_per_office
from boxoffice.central.seed import seed_demo
from tests.helpers.central_server import CentralServer, _seat_ids, serve_app
from tests.integration.central.conftest import NORTE, SUR, Api, sale_entry
from tests.integration.central.trust_helpers import SYNC

OLD_UNIQUE = {"orders": ("purchase_code",), "sync_entries": ("idempotency_key",),
              "pos_transactions": ("code", "fingerprint")}
NEW_COLUMNS = {"sync_entries": {"office_id", "fingerprint"}}


def _legacy_metadata() -> MetaData:
    """The models as they were before issue #12: keys and codes unique across offices."""
    legacy = MetaData()
    for table in Base.metadata.sorted_tables:
        if table.name in ("sync_conflicts", "journal_anchors"):
            continue
        if table.name not in OLD_UNIQUE:
            table.to_metadata(legacy)
            continue
        columns = [Column(c.name, c.type, *[ForeignKey(fk.target_fullname) for fk in c.foreign_keys],
                          primary_key=c.primary_key, nullable=c.nullable, autoincrement=c.autoincrement)
                   for c in table.columns if c.name not in NEW_COLUMNS.get(table.name, set())]
        Table(table.name, legacy, *columns, UniqueConstraint(*OLD_UNIQUE[table.name]))
    return legacy


@pytest.fixture
def legacy_url(database_url: str) -> str:
    return database_url  # made the way the older server made it, below


def _old_sale(db: Database, legacy: MetaData, event_id: str, ticket_id: str) -> dict[str, Any]:
    """A Norte sale stored the way the older server stored it; its entry as the terminal sends it."""
    entry = sale_entry(event_id, NORTE, [ticket_id])
    now = datetime.now(UTC)
    result = {"idempotency_key": entry["idempotency_key"], "purchase_code": entry["purchase_code"],
              "order_id": "oldOrder000000000001", "status": "completed", "replayed": False,
              "tickets": [{"ticket_id": ticket_id, "conflict": None}], "inconsistencies": [], "error": None}
    with db.engine.begin() as connection:
        connection.execute(legacy.tables["pos_transactions"].insert(), {
            "id": 1, "code": entry["purchase_code"], "fingerprint": "0" * 64, "event_id": event_id,
            "office_id": NORTE, "source": "offline_sync", "total_cents": 2500, "inconsistencies": [], "raw": "{}",
            "date_received": now})
        connection.execute(legacy.tables["pos_payments"].insert(), {
            "transaction_id": 1, "position": 0, "payment_method": "cash", "amount_cents": 2500})
        connection.execute(legacy.tables["orders"].insert(), {
            "id": result["order_id"], "purchase_code": entry["purchase_code"], "status": "completed",
            "source": "offline_sync", "event_id": event_id, "office_id": NORTE, "amount_cents": 2500,
            "transactions": [], "inconsistencies": [], "pos_transaction_id": 1, "raw": "", "date_created": now})
        connection.execute(legacy.tables["order_tickets"].insert(), {
            "order_id": result["order_id"], "ticket_id": ticket_id, "position": 0, "conflict": None})
        connection.execute(legacy.tables["sync_entries"].insert(), {
            "idempotency_key": entry["idempotency_key"], "purchase_code": entry["purchase_code"],
            "status": "completed", "order_id": result["order_id"], "result": result, "date_created": now})
        connection.execute(update(Ticket).where(Ticket.id == ticket_id).values(
            status=False, status_sold=now, sold_order_id=result["order_id"]))
    return {"entry": entry, "result": result}


@pytest.fixture
def upgraded(legacy_url: str) -> Iterator[tuple[Api, dict[str, Any]]]:
    legacy = _legacy_metadata()
    engine = create_engine(normalize_url(legacy_url))
    legacy.create_all(engine)
    engine.dispose()
    db = Database(legacy_url)
    try:
        seed = seed_demo(db)
        seats = _seat_ids(db, seed.event_id)
        old = _old_sale(db, legacy, seed.event_id, seats["GEN150"])
    finally:
        db.dispose()
    app = create_app(legacy_url)  # the new server starts on the old database
    with serve_app(app) as url:
        central = CentralServer(url=url, db_url=legacy_url, admin_token=seed.admin_token, event_id=seed.event_id,
                                office_tokens=dict(seed.office_tokens), seat_ids=seats)
        api = Api(central)
        try:
            yield api, old
        finally:
            api.close()


def test_an_old_database_keeps_its_sales_and_scopes_codes_per_office(upgraded: tuple[Api, dict[str, Any]]) -> None:
    api, old = upgraded
    event = api.central.event_id
    [again] = api.call(SYNC, {"ticket_sold": [old["entry"]]}, who=NORTE).json()["data"]["results"]
    assert again == {**old["result"], "replayed": True}  # synchronised before the upgrade: still a replay
    renamed = dict(old["entry"], idempotency_key="re-created")
    [by_code] = api.call(SYNC, {"ticket_sold": [renamed]}, who=NORTE).json()["data"]["results"]
    assert (by_code["replayed"], by_code["order_id"]) == (True, old["result"]["order_id"])

    code = old["entry"]["purchase_code"]
    sur = sale_entry(event, SUR, api.ids("GEN300"), code=code, key=old["entry"]["idempotency_key"])
    response = api.call(SYNC, {"ticket_sold": [sur]}, who=SUR)
    assert response.status_code == 200, response.text  # the old cross-office unique keys are gone
    [stored] = response.json()["data"]["results"]
    assert (stored["replayed"], stored["error"], stored["tickets"][0]["taken"]) == (False, None, True)

    db = Database(api.central.db_url)
    try:
        with db.read() as session:
            assert session.scalar(select(func.count()).select_from(Order)) == 2
            legacy_order = session.get(Order, old["result"]["order_id"])
            assert legacy_order is not None and legacy_order.office_id == NORTE
            assert legacy_order.pos_transaction_id == 1  # children and parents kept, keys intact
            assert session.scalars(select(OrderTicket.ticket_id).where(
                OrderTicket.order_id == legacy_order.id)).all() == [api.seat["GEN150"]]
            assert session.scalars(select(PosPayment.amount_cents).where(PosPayment.transaction_id == 1)).all() == [
                2500]
            if db.dialect == "sqlite":
                assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        db.create_schema()  # a second start changes nothing
        with db.engine.begin() as connection:
            assert scope_per_office(connection) == []
    finally:
        db.dispose()
