"""Window leases (issue #18): the seats of this window's lease from the office hub, which it alone may sell
while the hub cannot be reached.

Revision ID: a7e2c5f9b1d4
Revises: f1c4a8e2d6b9
Create Date: 2026-12-02 16:00:00

A new table only: nothing existing changes, so an upgrade cannot lose a sale.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "a7e2c5f9b1d4"
down_revision: str | Sequence[str] | None = "f1c4a8e2d6b9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.create_table(
        "window_leases",
        sa.Column("ticket_id", sa.String(), nullable=False),
        sa.Column("event_id", sa.String(), nullable=False),
        sa.Column("recalled", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_at", UTC_TEXT, nullable=False),
        sa.ForeignKeyConstraint(["ticket_id"], ["tickets.id"], name=op.f("fk_window_leases_ticket_id_tickets")),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_window_leases")),
    )
    op.create_index(op.f("ix_window_leases_event_id"), "window_leases", ["event_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_window_leases_event_id"), table_name="window_leases")
    op.drop_table("window_leases")
