"""Comps: the reason a supervisor gave for tickets issued at zero price (NULL on every paid sale).

Revision ID: c0a1e5d2b7f4
Revises: 95e99a64f3d6
Create Date: 2026-11-23 18:20:00

A plain nullable column: SQLite adds it in place, no table rebuild.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c0a1e5d2b7f4"
down_revision: str | Sequence[str] | None = "95e99a64f3d6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sales") as batch_op:
        batch_op.add_column(sa.Column("comp_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sales") as batch_op:
        batch_op.drop_column("comp_reason")
