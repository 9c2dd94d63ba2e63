"""Ticket prints: which tickets of a sale a printer has confirmed (issue #19: a print job survives a restart).

Revision ID: d9f2a6c3e8b1
Revises: c8e4f1a7d2b9
Create Date: 2026-12-02 07:15:00

A new table only: nothing existing changes, so an upgrade cannot lose a sale. Sales made before it have no rows,
so they are never offered for reprint at start.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "d9f2a6c3e8b1"
down_revision: str | Sequence[str] | None = "c8e4f1a7d2b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "ticket_prints",
        sa.Column("barcode", sa.String(), nullable=False),
        sa.Column("purchase_code", sa.String(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=8), nullable=False),
        sa.Column("updated_at", UTC_TEXT, nullable=False),
        sa.CheckConstraint("state IN ('pending', 'printed')", name=op.f("ck_ticket_prints_state")),
        sa.PrimaryKeyConstraint("barcode", name=op.f("pk_ticket_prints")),
    )
    op.create_index(op.f("ix_ticket_prints_state"), "ticket_prints", ["state"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_ticket_prints_state"), table_name="ticket_prints")
    op.drop_table("ticket_prints")
