"""Outbox: when a request carrying an item was first about to be sent (attempted_at), so a void knows the
platform may hold the sale (issue #12, point 1).

Revision ID: e7a3c9d1f5b2
Revises: d4b7e1a9c3f2
Create Date: 2026-12-01 22:00:00

A plain nullable column SQLite adds in place. Items that already failed a delivery or went out before this
revision count as attempted (from their creation): the platform may have them.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "e7a3c9d1f5b2"
down_revision: str | Sequence[str] | None = "d4b7e1a9c3f2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.add_column(sa.Column("attempted_at", UTC_TEXT, nullable=True))
    op.execute("UPDATE outbox SET attempted_at = created_at "
               "WHERE attempts > 0 OR state IN ('delivered', 'parked')")


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch_op:
        batch_op.drop_column("attempted_at")
