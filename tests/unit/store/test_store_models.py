"""The models match the migrated schema, and the database itself refuses bad rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import CheckConstraint, Connection, delete, inspect, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from boxoffice.store import migrate
from boxoffice.store.engine import Store, open_store
from boxoffice.store.models import (
    Base,
    Clerk,
    Event,
    JournalEntry,
    Outbox,
    Payment,
    Sale,
    SaleItem,
    SaleTicket,
    Ticket,
)
from tests.unit.store.store_helpers import migrate_to

NOW = datetime(2025, 3, 1, 18, 30, tzinfo=UTC)


def schema_diffs(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    return list(compare_metadata(context, Base.metadata))


def test_models_match_a_database_migrated_from_scratch(db_path: Path) -> None:
    """The replayed chain, not open_store (which builds a new store from the models themselves)."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    migrate_to(db_path, migrate.head_revision())
    with open_store(db_path) as store, store.engine.connect() as connection:
        assert schema_diffs(connection) == []


def test_models_match_a_database_upgraded_from_the_first_revision(rev1_db: Callable[[], Path]) -> None:
    with open_store(rev1_db()) as store, store.engine.connect() as connection:
        assert schema_diffs(connection) == []


def test_check_constraints_and_partial_index_match(store: Store) -> None:
    """compare_metadata skips CHECK constraints and index WHERE clauses; compare those by hand."""
    inspector = inspect(store.engine)
    for table in Base.metadata.sorted_tables:
        declared = {check.name for check in table.constraints if isinstance(check, CheckConstraint)}
        found = {constraint["name"] for constraint in inspector.get_check_constraints(table.name)}
        assert found == declared, table.name
    with store.engine.connect() as connection:
        index_sql = connection.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'uq_sale_tickets_ticket_id_completed'")
        ).scalar_one()
    assert "WHERE sale_status = 'completed'" in index_sql


# --- a sale through the ORM ---------------------------------------------------------------------------------


def add_catalogue(session: Session) -> None:
    session.add(Clerk(id=1, name="Ana", role="clerk", pin_hash="scrypt$x", rfid="R1"))
    session.add(Event(id="EV1", name="Concierto"))
    for n in (1, 2):
        session.add(Ticket(id=f"EV1-{n:04d}", event_id="EV1", seat_id=f"S{n}", zone="GEN", color="#FF0000"))


def make_sale(code: str, ticket_id: str, suffix: str = "XJX01") -> Sale:
    sale = Sale(purchase_code=code, event_id="EV1", clerk_id=1, total_cents=2500, created_at=NOW)
    item = SaleItem(
        item_code=f"{code}0000", position=0, product_id="P", description="General", unit_cents=2500,
        total_cents=2500,
    )
    sale.items.append(item)
    ticket = SaleTicket(
        ticket_id=ticket_id, product_id="P", description="General", barcode=f"{code}{suffix}",
        price_cents=2500,
    )
    sale.tickets.append(ticket)
    item.tickets.append(ticket)
    sale.payments.append(Payment(method="cash", amount_cents=2500, tendered_cents=3000, change_cents=500))
    return sale


@pytest.fixture
def catalogue(store: Store) -> Store:
    with store.session_factory.begin() as session:
        add_catalogue(session)
    return store


def test_a_whole_sale_is_written_through_the_orm(catalogue: Store) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("GJXS0LM6RYG37", "EV1-0001"))
    with catalogue.session_factory.begin() as session:
        sale = session.scalars(select(Sale)).one()
        assert (sale.status, sale.delivery_state, sale.training) == ("completed", "pending", False)
        assert [item.item_code for item in sale.items] == ["GJXS0LM6RYG370000"]
        assert [(t.ticket_id, t.sale_status, t.sale_item_id) for t in sale.tickets] == [
            ("EV1-0001", "completed", sale.items[0].id)
        ]
        assert sale.payments[0].change_cents == 500


def test_a_ticket_cannot_be_in_two_completed_sales(catalogue: Store) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("AAAAAAAAAAAA1", "EV1-0001"))
    with pytest.raises(IntegrityError, match=r"sale_tickets\.ticket_id"):
        with catalogue.session_factory.begin() as session:
            session.add(make_sale("BBBBBBBBBBBB2", "EV1-0001"))
    with catalogue.session_factory.begin() as session:
        assert session.scalars(select(Sale.purchase_code)).all() == ["AAAAAAAAAAAA1"]


def test_voiding_frees_the_ticket_for_a_new_sale(catalogue: Store) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("AAAAAAAAAAAA1", "EV1-0001"))
    with catalogue.session_factory.begin() as session:
        session.execute(
            update(Sale).where(Sale.purchase_code == "AAAAAAAAAAAA1").values(status="voided", voided_at=NOW)
        )
        assert session.scalars(select(SaleTicket.sale_status)).all() == ["voided"]  # ON UPDATE CASCADE
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("BBBBBBBBBBBB2", "EV1-0001"))
    # Un-voiding the first sale would put the ticket in two completed sales.
    with pytest.raises(IntegrityError), catalogue.session_factory.begin() as session:
        session.execute(
            update(Sale)
            .where(Sale.purchase_code == "AAAAAAAAAAAA1")
            .values(status="completed", voided_at=None)
        )


def test_voiding_through_the_orm_updates_the_copies(catalogue: Store) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("AAAAAAAAAAAA1", "EV1-0001"))
    with catalogue.session_factory.begin() as session:
        sale = session.scalars(select(Sale)).one()
        ticket = sale.tickets[0]
        sale.status, sale.voided_at, sale.void_reason = "voided", NOW, "customer changed their mind"
    assert ticket.sale_status == "voided"
    with catalogue.session_factory.begin() as session:
        assert session.scalars(select(SaleTicket.sale_status)).all() == ["voided"]
        session.add(make_sale("BBBBBBBBBBBB2", "EV1-0001"))


def test_a_savepoint_rolls_back_alone(catalogue: Store) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("AAAAAAAAAAAA1", "EV1-0001"))
        with pytest.raises(IntegrityError), session.begin_nested():
            session.add(make_sale("BBBBBBBBBBBB2", "EV1-0001"))
    with catalogue.session_factory.begin() as session:
        assert session.scalars(select(Sale.purchase_code)).all() == ["AAAAAAAAAAAA1"]


def test_a_sale_ticket_cannot_claim_another_status_than_its_sale(catalogue: Store) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("AAAAAAAAAAAA1", "EV1-0001"))
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), catalogue.session_factory.begin() as session:
        session.execute(text("UPDATE sale_tickets SET sale_status = 'voided'"))


def test_sales_are_never_deleted(catalogue: Store) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("AAAAAAAAAAAA1", "EV1-0001"))
    with pytest.raises(IntegrityError, match="FOREIGN KEY"), catalogue.session_factory.begin() as session:
        session.execute(delete(Sale))


BAD_ROWS = {
    "ticket state": "UPDATE tickets SET state = 'lost'",
    "sale status": "UPDATE sales SET status = 'refunded'",
    "delivery state": "UPDATE sales SET delivery_state = 'maybe'",
    "voided without a time": "UPDATE sales SET status = 'voided'",
    "purchase code length": "UPDATE sales SET purchase_code = 'SHORT'",
    "negative total": "UPDATE sales SET total_cents = -1",
    "payment method": "UPDATE payments SET method = 'bitcoin'",
    "change does not add up": "UPDATE payments SET change_cents = 400",
    "clerk role": "UPDATE clerks SET role = 'boss'",
    "failed attempts": "UPDATE clerks SET failed_pin_attempts = -1",
    "item quantity": "UPDATE sale_items SET quantity = 0",
    "duplicate item position": (
        "INSERT INTO sale_items (sale_id, item_code, position, product_id, description, unit_cents,"
        " total_cents) SELECT sale_id, 'AAAAAAAAAAAA10001', position, product_id, description, unit_cents,"
        " total_cents FROM sale_items"
    ),
    "duplicate barcode": (
        "INSERT INTO sale_tickets (sale_id, sale_item_id, ticket_id, product_id, description, barcode,"
        " price_cents) SELECT sale_id, sale_item_id, 'EV1-0002', product_id, description, barcode,"
        " price_cents FROM sale_tickets"
    ),
    "unknown ticket": "UPDATE sale_tickets SET ticket_id = 'NOPE'",
    "outbox state": "UPDATE outbox SET state = 'lost'",
    "outbox kind": "UPDATE outbox SET kind = 'exchange'",
    "duplicate idempotency key": (
        "INSERT INTO outbox (kind, subject, idempotency_key, payload, created_at)"
        " SELECT kind, subject, idempotency_key, payload, created_at FROM outbox"
    ),
    "duplicate clerk rfid": (
        "INSERT INTO clerks (name, pin_hash, created_at) SELECT 'Otra', pin_hash, created_at FROM clerks;"
        " UPDATE clerks SET rfid = 'R1' WHERE name = 'Otra'"
    ),
}


@pytest.mark.parametrize("statement", BAD_ROWS.values(), ids=BAD_ROWS.keys())
def test_the_database_refuses_bad_rows(catalogue: Store, statement: str) -> None:
    with catalogue.session_factory.begin() as session:
        session.add(make_sale("AAAAAAAAAAAA1", "EV1-0001"))
        session.add(Outbox(kind="sale", subject="AAAAAAAAAAAA1", idempotency_key="k1", payload={}))
    with pytest.raises(IntegrityError), catalogue.session_factory.begin() as session:
        for part in statement.split(";"):
            session.execute(text(part))


def test_outbox_and_journal_numbers_are_never_reused(store: Store) -> None:
    with store.session_factory.begin() as session:
        for n in (1, 2):
            session.add(Outbox(kind="sale", subject=f"S{n}", idempotency_key=f"k{n}", payload={}))
        session.add(JournalEntry(kind="sale", payload="{}", prev_hash="0" * 64, hash="a" * 64))
    with store.session_factory.begin() as session:
        session.execute(delete(Outbox).where(Outbox.id == 2))
        session.execute(delete(JournalEntry))
    with store.session_factory.begin() as session:
        session.add(Outbox(kind="sale", subject="S3", idempotency_key="k3", payload={}))
        session.add(JournalEntry(kind="sale", payload="{}", prev_hash="a" * 64, hash="b" * 64))
    with store.session_factory.begin() as session:
        assert session.scalars(select(Outbox.id).order_by(Outbox.id)).all() == [1, 3]
        assert session.scalars(select(JournalEntry.seq)).all() == [2]
