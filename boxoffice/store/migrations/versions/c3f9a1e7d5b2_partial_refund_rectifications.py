"""Several rectificativas per invoice (#20 point 2): each partial refund issues its own R5 naming the sale's F2.

Revision ID: c3f9a1e7d5b2
Revises: b7d4e9a2c5f8
Create Date: 2026-12-02 13:30:00

``invoices.rectifies_id`` was unique (a void issues one R5); a sale refunded in parts has one R5 per refund, so
the unique constraint becomes a plain index. SQLite cannot drop a constraint in place: batch mode rebuilds the
table, keeping every row (and so the chain) as it was.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c3f9a1e7d5b2"
down_revision: str | Sequence[str] | None = "b7d4e9a2c5f8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("invoices") as batch_op:
        batch_op.drop_constraint(op.f("uq_invoices_rectifies_id"), type_="unique")
        batch_op.create_index(op.f("ix_invoices_rectifies_id"), ["rectifies_id"])


def downgrade() -> None:
    with op.batch_alter_table("invoices") as batch_op:
        batch_op.drop_index(op.f("ix_invoices_rectifies_id"))
        batch_op.create_unique_constraint(op.f("uq_invoices_rectifies_id"), ["rectifies_id"])
