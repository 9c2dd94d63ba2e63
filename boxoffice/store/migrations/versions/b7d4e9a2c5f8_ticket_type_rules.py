"""The ticket types' sale rules at the window (#16 point 3): a product's sale window and visibility.

Revision ID: b7d4e9a2c5f8
Revises: a4c8e2f6b9d3
Create Date: 2026-12-02 13:00:00

``products`` gains ``sale_start`` and ``sale_end`` (the type's saleStart/saleEnd, aware UTC text; NULL: no
limit) and ``visibility`` (public | private | invite-only, as the platform lists it; existing rows are public,
which is what the window assumed until now). The next pull fills them in.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "b7d4e9a2c5f8"
down_revision: str | Sequence[str] | None = "a4c8e2f6b9d3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored (a snapshot, like the initial schema's).
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    op.add_column("products", sa.Column("sale_start", UTC_TEXT, nullable=True))
    op.add_column("products", sa.Column("sale_end", UTC_TEXT, nullable=True))
    op.add_column("products", sa.Column("visibility", sa.String(length=16), nullable=False,
                                        server_default="public"))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch_op:
        batch_op.drop_column("visibility")
        batch_op.drop_column("sale_end")
        batch_op.drop_column("sale_start")
