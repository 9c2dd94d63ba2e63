"""The VAT rate of each ticket type as the platform gives it (#20 point 1).

Revision ID: e9b3d7a1c6f4
Revises: d5a8c2f4e7b3
Create Date: 2026-12-02 13:50:00

``products.tax_rate_bp``: the ticket type's ``taxRate`` in basis points (NULL: the platform does not say, and
``[fiscal] default_tax_rate`` applies, as it did for every product until now). The next pull fills it in.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "e9b3d7a1c6f4"
down_revision: str | Sequence[str] | None = "d5a8c2f4e7b3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("products", sa.Column("tax_rate_bp", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch_op:
        batch_op.drop_column("tax_rate_bp")
