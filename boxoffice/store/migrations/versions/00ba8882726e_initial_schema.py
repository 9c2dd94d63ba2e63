"""Initial schema: events, products, tickets, clerks, shifts, sales and their lines, outbox, journal.

Revision ID: 00ba8882726e
Revises:
Create Date: 2026-11-23 15:27:56

A migration is a snapshot: types and allowed values are literals here, never imported from models.
It runs inside one transaction with foreign keys off (boxoffice.store.migrate.upgrade).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "00ba8882726e"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored: "2025-01-31T12:34:56.123456Z".
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "clerks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=16), server_default="clerk", nullable=False),
        sa.Column("pin_hash", sa.Text(), nullable=False),
        sa.Column("rfid", sa.String(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.CheckConstraint("role IN ('clerk', 'supervisor')", name=op.f("ck_clerks_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_clerks")),
        sa.UniqueConstraint("name", name=op.f("uq_clerks_name")),
        sa.UniqueConstraint("rfid", name=op.f("uq_clerks_rfid")),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("starts_at", UTC_TEXT, nullable=True),
        sa.Column("venue", sa.String(), nullable=True),
        sa.Column("updated_at", UTC_TEXT, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_events")),
    )
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("actor", sa.String(), nullable=True),
        sa.Column("subject", sa.String(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(), nullable=False),
        sa.Column("hash", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_journal")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("subject", sa.String(), nullable=False),
        sa.Column("idempotency_key", sa.String(), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("next_attempt_at", UTC_TEXT, nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.Column("delivered_at", UTC_TEXT, nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.CheckConstraint("kind IN ('sale', 'unassign', 'void')", name=op.f("ck_outbox_kind")),
        sa.CheckConstraint(
            "state IN ('pending', 'delivered', 'parked', 'cancelled')", name=op.f("ck_outbox_state")
        ),
        sa.CheckConstraint("attempts >= 0", name=op.f("ck_outbox_attempts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbox")),
        sa.UniqueConstraint("idempotency_key", name=op.f("uq_outbox_idempotency_key")),
        sqlite_autoincrement=True,
    )
    op.create_index("ix_outbox_state_id", "outbox", ["state", "id"])
    op.create_table(
        "products",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.Column("zone", sa.String(), nullable=True),
        sa.Column("kind", sa.String(length=16), server_default="ticket", nullable=False),
        sa.Column("components", sa.Text(), nullable=True),
        sa.Column("active", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.CheckConstraint("kind IN ('ticket', 'child', 'family_pass')", name=op.f("ck_products_kind")),
        sa.CheckConstraint("price_cents >= 0", name=op.f("ck_products_price_cents")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_products_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
    )
    op.create_index("ix_products_event_id", "products", ["event_id"])
    op.create_table(
        "shifts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=False),
        sa.Column("opened_at", UTC_TEXT, nullable=False),
        sa.Column("closed_at", UTC_TEXT, nullable=True),
        sa.Column("float_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("counted_cents", sa.Integer(), nullable=True),
        sa.Column("counted_json", sa.Text(), nullable=True),
        sa.Column("report_json", sa.Text(), nullable=True),
        sa.CheckConstraint("float_cents >= 0", name=op.f("ck_shifts_float_cents")),
        sa.ForeignKeyConstraint(["clerk_id"], ["clerks.id"], name=op.f("fk_shifts_clerk_id_clerks")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shifts")),
    )
    op.create_index("ix_shifts_clerk_id", "shifts", ["clerk_id"])
    op.create_table(
        "tickets",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("seat_id", sa.String(), nullable=False),
        sa.Column("row", sa.String(), nullable=True),
        sa.Column("zone", sa.String(), nullable=False),
        sa.Column("color", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), server_default="available", nullable=False),
        sa.Column("central_available", sa.Boolean(), server_default=sa.text("1"), nullable=False),
        sa.Column("updated_at", UTC_TEXT, nullable=False),
        sa.CheckConstraint(
            "state IN ('available', 'sold', 'returning', 'returned', 'withdrawn')",
            name=op.f("ck_tickets_state"),
        ),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_tickets_event_id_events")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tickets")),
    )
    op.create_index("ix_tickets_event_id_state", "tickets", ["event_id", "state"])
    op.create_index("ix_tickets_event_id_zone", "tickets", ["event_id", "zone"])
    op.create_table(
        "sales",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("purchase_code", sa.String(length=13), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("clerk_id", sa.Integer(), nullable=True),
        sa.Column("clerk_rfid", sa.String(), nullable=True),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.String(), nullable=True),
        sa.Column("customer_name", sa.String(), nullable=True),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), server_default="completed", nullable=False),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.Column("voided_at", UTC_TEXT, nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.Column("delivery_state", sa.String(length=16), server_default="pending", nullable=False),
        sa.Column("conflict_json", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("training", sa.Boolean(), server_default=sa.text("0"), nullable=False),
        sa.CheckConstraint(
            "(status = 'completed' AND voided_at IS NULL) OR (status = 'voided' AND voided_at IS NOT NULL)",
            name=op.f("ck_sales_voided_at"),
        ),
        sa.CheckConstraint(
            "delivery_state IN ('pending', 'delivered', 'parked', 'conflict', 'cancelled')",
            name=op.f("ck_sales_delivery_state"),
        ),
        sa.CheckConstraint("status IN ('completed', 'voided')", name=op.f("ck_sales_status")),
        sa.CheckConstraint("length(purchase_code) = 13", name=op.f("ck_sales_purchase_code_length")),
        sa.CheckConstraint("total_cents >= 0", name=op.f("ck_sales_total_cents")),
        sa.ForeignKeyConstraint(["clerk_id"], ["clerks.id"], name=op.f("fk_sales_clerk_id_clerks")),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], name=op.f("fk_sales_event_id_events")),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_sales_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sales")),
        # Parent key of sale_tickets (sale_id, sale_status): see boxoffice.store.models.SaleTicket.
        sa.UniqueConstraint("id", "status", name=op.f("uq_sales_id_status")),
        sa.UniqueConstraint("purchase_code", name=op.f("uq_sales_purchase_code")),
    )
    op.create_index("ix_sales_clerk_id", "sales", ["clerk_id"])
    op.create_index("ix_sales_created_at", "sales", ["created_at"])
    op.create_index("ix_sales_event_id", "sales", ["event_id"])
    op.create_index("ix_sales_shift_id", "sales", ["shift_id"])
    op.create_table(
        "payments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("tendered_cents", sa.Integer(), nullable=True),
        sa.Column("change_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("reference", sa.String(), nullable=True),
        sa.CheckConstraint("method IN ('cash', 'card')", name=op.f("ck_payments_method")),
        sa.CheckConstraint("amount_cents >= 0 AND change_cents >= 0", name=op.f("ck_payments_cents")),
        sa.CheckConstraint(
            "tendered_cents IS NULL OR tendered_cents = amount_cents + change_cents",
            name=op.f("ck_payments_change"),
        ),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sales.id"], name=op.f("fk_payments_sale_id_sales"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    op.create_index("ix_payments_sale_id", "payments", ["sale_id"])
    op.create_table(
        "sale_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("item_code", sa.String(length=17), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("quantity", sa.Integer(), server_default="1", nullable=False),
        sa.Column("unit_cents", sa.Integer(), nullable=False),
        sa.Column("discount_cents", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(item_code) = 17", name=op.f("ck_sale_items_item_code_length")),
        sa.CheckConstraint("position >= 0 AND position <= 9999", name=op.f("ck_sale_items_position")),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_sale_items_quantity")),
        sa.CheckConstraint(
            "unit_cents >= 0 AND discount_cents >= 0 AND total_cents >= 0", name=op.f("ck_sale_items_cents")
        ),
        sa.ForeignKeyConstraint(
            ["sale_id"], ["sales.id"], name=op.f("fk_sale_items_sale_id_sales"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_items")),
        sa.UniqueConstraint("item_code", name=op.f("uq_sale_items_item_code")),
        sa.UniqueConstraint("sale_id", "position", name=op.f("uq_sale_items_sale_id_position")),
    )
    op.create_table(
        "sale_tickets",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("sale_status", sa.String(length=16), server_default="completed", nullable=False),
        sa.Column("sale_item_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.String(), nullable=False),
        sa.Column("product_id", sa.String(), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("barcode", sa.String(length=18), nullable=False),
        sa.Column("price_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint("length(barcode) = 18", name=op.f("ck_sale_tickets_barcode_length")),
        sa.CheckConstraint("price_cents >= 0", name=op.f("ck_sale_tickets_price_cents")),
        sa.ForeignKeyConstraint(
            ["sale_id", "sale_status"],
            ["sales.id", "sales.status"],
            name=op.f("fk_sale_tickets_sale_id_sale_status_sales"),
            onupdate="CASCADE",
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["sale_item_id"],
            ["sale_items.id"],
            name=op.f("fk_sale_tickets_sale_item_id_sale_items"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_sale_tickets_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_tickets")),
        sa.UniqueConstraint("barcode", name=op.f("uq_sale_tickets_barcode")),
    )
    op.create_index("ix_sale_tickets_sale_id_sale_status", "sale_tickets", ["sale_id", "sale_status"])
    op.create_index("ix_sale_tickets_sale_item_id", "sale_tickets", ["sale_item_id"])
    op.create_index("ix_sale_tickets_ticket_id", "sale_tickets", ["ticket_id"])
    # A ticket is in at most one completed sale (see boxoffice.store.models.SaleTicket).
    op.create_index(
        "uq_sale_tickets_ticket_id_completed",
        "sale_tickets",
        ["ticket_id"],
        unique=True,
        sqlite_where=sa.text("sale_status = 'completed'"),
    )


def downgrade() -> None:
    children_first = (
        "sale_tickets", "sale_items", "payments", "sales", "tickets", "shifts", "products", "outbox",
        "journal", "events", "clerks",
    )
    for table in children_first:
        op.drop_table(table)
