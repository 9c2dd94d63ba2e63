"""Drop ``ix_tickets_event_id_zone`` (#15: the pull of a big event): ``ix_tickets_best_available`` starts with the
same two columns (event_id, zone), so it serves every lookup the dropped one did; one index less to keep up on
every pulled ticket.

Revision ID: f1c4a8e2d6b9
Revises: e9b3d7a1c6f4
Create Date: 2026-12-02 14:00:00
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "f1c4a8e2d6b9"
down_revision: str | Sequence[str] | None = "e9b3d7a1c6f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_tickets_event_id_zone", table_name="tickets")


def downgrade() -> None:
    op.create_index("ix_tickets_event_id_zone", "tickets", ["event_id", "zone"])
