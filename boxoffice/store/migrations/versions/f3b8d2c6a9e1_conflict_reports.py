"""Conflict reports: the platform's conflicts involving this office, fetched for the supervisor (issue #12,
point 4: "the conflict goes to both sides' supervisors").

Revision ID: f3b8d2c6a9e1
Revises: e7a3c9d1f5b2
Create Date: 2026-12-01 22:30:00

A new table only: nothing existing changes, so an upgrade cannot lose a sale.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "f3b8d2c6a9e1"
down_revision: str | Sequence[str] | None = "e7a3c9d1f5b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "conflict_reports",
        sa.Column("conflict_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("event_id", sa.String(), nullable=True),
        sa.Column("ticket_id", sa.String(), nullable=True),
        sa.Column("purchase_code", sa.String(), nullable=True),
        sa.Column("office_id", sa.String(), nullable=True),
        sa.Column("other_channel", sa.String(), nullable=True),
        sa.Column("other_office_id", sa.String(), nullable=True),
        sa.Column("order_id", sa.String(), nullable=True),
        sa.Column("detected_at", UTC_TEXT, nullable=True),
        sa.Column("fetched_at", UTC_TEXT, nullable=False),
        sa.Column("seen_at", UTC_TEXT, nullable=True),
        sa.Column("seen_by", sa.String(), nullable=True),
        sa.Column("seen_note", sa.Text(), nullable=True),
        sa.CheckConstraint("role IN ('seller', 'holder')", name=op.f("ck_conflict_reports_role")),
        sa.PrimaryKeyConstraint("conflict_id", name=op.f("pk_conflict_reports")),
    )
    op.create_index(op.f("ix_conflict_reports_seen_at"), "conflict_reports", ["seen_at"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_conflict_reports_seen_at"), table_name="conflict_reports")
    op.drop_table("conflict_reports")
