"""Invoices: simplified invoices, rectificativas and their Verifactu registration records (issue #20).

Revision ID: c8e4f1a7d2b9
Revises: b5e2d8c4a7f3
Create Date: 2026-12-02 07:00:00

A new table only: nothing existing changes, so an upgrade cannot lose a sale.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c8e4f1a7d2b9"
down_revision: str | Sequence[str] | None = "b5e2d8c4a7f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "invoices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(), nullable=False),
        sa.Column("series", sa.String(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=2), nullable=False),
        sa.Column("purchase_code", sa.String(), nullable=False),
        sa.Column("rectifies_id", sa.Integer(), nullable=True),
        sa.Column("shift_id", sa.Integer(), nullable=True),
        sa.Column("issued_at", UTC_TEXT, nullable=False),
        sa.Column("total_cents", sa.BigInteger(), nullable=False),
        sa.Column("quota_cents", sa.BigInteger(), nullable=False),
        sa.Column("record", sa.Text(), nullable=False),
        sa.Column("huella", sa.String(length=64), nullable=False),
        sa.Column("submission", sa.String(length=8), server_default="off", nullable=False),
        sa.Column("submitted_at", UTC_TEXT, nullable=True),
        sa.CheckConstraint("kind IN ('F2', 'R5')", name=op.f("ck_invoices_kind")),
        sa.CheckConstraint("submission IN ('off', 'pending', 'sent')", name=op.f("ck_invoices_submission")),
        sa.ForeignKeyConstraint(["rectifies_id"], ["invoices.id"], name=op.f("fk_invoices_rectifies_id_invoices")),
        sa.ForeignKeyConstraint(["shift_id"], ["shifts.id"], name=op.f("fk_invoices_shift_id_shifts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invoices")),
        sa.UniqueConstraint("number", name=op.f("uq_invoices_number")),
        sa.UniqueConstraint("rectifies_id", name=op.f("uq_invoices_rectifies_id")),
        sa.UniqueConstraint("series", "year", "seq", name=op.f("uq_invoices_series_year_seq")),
    )
    op.create_index(op.f("ix_invoices_purchase_code"), "invoices", ["purchase_code"], unique=False)
    op.create_index(op.f("ix_invoices_shift_id"), "invoices", ["shift_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_invoices_shift_id"), table_name="invoices")
    op.drop_index(op.f("ix_invoices_purchase_code"), table_name="invoices")
    op.drop_table("invoices")
