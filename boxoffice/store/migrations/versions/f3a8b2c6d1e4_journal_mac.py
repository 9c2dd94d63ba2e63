"""Journal: an optional keyed signature per entry (mac), so recomputing the chain needs the terminal's key
(issue #12, point 7).

Revision ID: f3a8b2c6d1e4
Revises: f3b8d2c6a9e1
Create Date: 2026-12-01 22:20:00

A plain nullable column SQLite adds in place (the table is not rebuilt, so its AUTOINCREMENT counter stays).
Entries written before a key existed stay unsigned; the key records from which entry on it signs.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "f3a8b2c6d1e4"
down_revision: str | Sequence[str] | None = "f3b8d2c6a9e1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("journal") as batch_op:
        batch_op.add_column(sa.Column("mac", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("journal") as batch_op:
        batch_op.drop_column("mac")
