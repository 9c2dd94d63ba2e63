"""Voids name their shift (#14): sales.void_shift_id, the shift a void was made in, so its cash counts in that
shift's Z report whichever shift made the sale.

Revision ID: b5e2d8c4a7f3
Revises: a9d4c2e7b1f6
Create Date: 2026-11-25 12:00:00

A nullable column with a foreign key: SQLite cannot add the constraint in place, so batch mode rebuilds `sales`
(foreign keys are off while migrations run, boxoffice.store.migrate). Voids made before it keep NULL and count by
their time, as they did.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "b5e2d8c4a7f3"
down_revision: str | Sequence[str] | None = "a9d4c2e7b1f6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sales") as batch_op:
        batch_op.add_column(sa.Column("void_shift_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(op.f("fk_sales_void_shift_id_shifts"), "shifts", ["void_shift_id"], ["id"])
        batch_op.create_index("ix_sales_void_shift_id", ["void_shift_id"])


def downgrade() -> None:
    with op.batch_alter_table("sales") as batch_op:
        batch_op.drop_index("ix_sales_void_shift_id")
        batch_op.drop_constraint(op.f("fk_sales_void_shift_id_shifts"), type_="foreignkey")
        batch_op.drop_column("void_shift_id")
