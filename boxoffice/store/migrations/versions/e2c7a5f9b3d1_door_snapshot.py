"""Door snapshot: the event's tickets as the central lists them and the entries doors admitted (#16 point 5).

Revision ID: e2c7a5f9b3d1
Revises: d9f2a6c3e8b1
Create Date: 2026-12-02 07:35:00

New tables only: nothing existing changes. Entries admitted before it are in the journal (``door_entry``) only.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "e2c7a5f9b3d1"
down_revision: str | Sequence[str] | None = "d9f2a6c3e8b1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "door_tickets",
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("barcode", sa.String(), nullable=False),
        sa.Column("ticket_key", sa.String(), nullable=False),
        sa.Column("ticket_id", sa.String(), nullable=False),
        sa.Column("ticket_type", sa.String(), nullable=True),
        sa.Column("holder", sa.String(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reentry_limit", sa.Integer(), nullable=False),
        sa.Column("scan_points", sa.Text(), nullable=False),
        sa.Column("refreshed_at", UTC_TEXT, nullable=False),
        sa.PrimaryKeyConstraint("event_id", "barcode", name=op.f("pk_door_tickets")),
    )
    op.create_table(
        "door_scans",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("barcode", sa.String(), nullable=False),
        sa.Column("scan_point", sa.String(), nullable=True),
        sa.Column("scanned_at", UTC_TEXT, nullable=False),
        sa.Column("origin", sa.String(length=8), nullable=False),
        sa.Column("actor", sa.String(), nullable=True),
        sa.Column("uploaded_at", UTC_TEXT, nullable=True),
        sa.Column("flag", sa.String(), nullable=True),
        sa.CheckConstraint("origin IN ('here', 'central')", name=op.f("ck_door_scans_origin")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_door_scans")),
    )
    op.create_index("ix_door_scans_event_barcode", "door_scans", ["event_id", "barcode"], unique=False)
    op.create_index("ix_door_scans_origin_uploaded", "door_scans", ["origin", "uploaded_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_door_scans_origin_uploaded", table_name="door_scans")
    op.drop_index("ix_door_scans_event_barcode", table_name="door_scans")
    op.drop_table("door_scans")
    op.drop_table("door_tickets")
