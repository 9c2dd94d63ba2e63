"""Refunds at the window (#16 point 6): some tickets of a sale, or all, given back with the money.

Revision ID: a4c8e2f6b9d3
Revises: e2c7a5f9b3d1
Create Date: 2026-12-02 07:55:00

A new table ``refunds``; ``sale_tickets.refund_id`` names the refund a ticket of a sale was given back by, and
the rule "a ticket is in at most one completed sale" now counts only tickets not refunded (a refunded seat can
be sold again once the platform confirmed the refund). The outbox's CHECK on ``kind`` gains ``refund``: SQLite
cannot alter a CHECK in place, so batch mode rebuilds ``outbox`` (keeping AUTOINCREMENT: ids are never reused).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "a4c8e2f6b9d3"
down_revision: str | Sequence[str] | None = "e2c7a5f9b3d1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "refunds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refund_key", sa.String(length=64), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("purchase_code", sa.String(length=13), nullable=False),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("amount_cents", sa.BigInteger(), nullable=False),
        sa.Column("card_reference", sa.String(length=64), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(), nullable=False),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.Column("confirmed_at", UTC_TEXT, nullable=True),
        sa.CheckConstraint("method IN ('cash', 'card')", name=op.f("ck_refunds_method")),
        sa.CheckConstraint("amount_cents >= 0", name=op.f("ck_refunds_amount_cents")),
        sa.ForeignKeyConstraint(["sale_id"], ["sales.id"], name=op.f("fk_refunds_sale_id_sales"),
                                ondelete="RESTRICT"),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_refunds_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refunds")),
        sa.UniqueConstraint("refund_key", name=op.f("uq_refunds_refund_key")),
    )
    op.create_index(op.f("ix_refunds_sale_id"), "refunds", ["sale_id"])
    op.create_index(op.f("ix_refunds_shift_id"), "refunds", ["shift_id"])
    op.add_column("sale_tickets", sa.Column("refund_id", sa.Integer(), nullable=True))
    op.drop_index("uq_sale_tickets_ticket_id_completed", table_name="sale_tickets")
    op.create_index("uq_sale_tickets_ticket_id_completed", "sale_tickets", ["ticket_id"], unique=True,
                    sqlite_where=sa.text("sale_status = 'completed' AND refund_id IS NULL"))
    with op.batch_alter_table("outbox", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_kind"), "kind IN ('sale', 'unassign', 'void', 'refund')")


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE kind = 'refund'")
    with op.batch_alter_table("outbox", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_kind"), "kind IN ('sale', 'unassign', 'void')")
    op.drop_index("uq_sale_tickets_ticket_id_completed", table_name="sale_tickets")
    op.create_index("uq_sale_tickets_ticket_id_completed", "sale_tickets", ["ticket_id"], unique=True,
                    sqlite_where=sa.text("sale_status = 'completed'"))
    with op.batch_alter_table("sale_tickets") as batch_op:
        batch_op.drop_column("refund_id")
    op.drop_index(op.f("ix_refunds_shift_id"), table_name="refunds")
    op.drop_index(op.f("ix_refunds_sale_id"), table_name="refunds")
    op.drop_table("refunds")
