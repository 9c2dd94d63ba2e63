"""Pre-generated tickets sold at the window (#17 point 3): the outbox carries their activations.

Revision ID: d5a8c2f4e7b3
Revises: c3f9a1e7d5b2
Create Date: 2026-12-02 13:40:00

The outbox's CHECK on ``kind`` gains ``activate``. SQLite cannot alter a CHECK in place, so batch mode rebuilds
``outbox`` (keeping AUTOINCREMENT: ids are never reused).
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "d5a8c2f4e7b3"
down_revision: str | Sequence[str] | None = "c3f9a1e7d5b2"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_kind"),
                                         "kind IN ('sale', 'unassign', 'void', 'refund', 'activate')")


def downgrade() -> None:
    op.execute("DELETE FROM outbox WHERE kind = 'activate'")
    with op.batch_alter_table("outbox", table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.drop_constraint(op.f("ck_outbox_kind"), type_="check")
        batch_op.create_check_constraint(op.f("ck_outbox_kind"), "kind IN ('sale', 'unassign', 'void', 'refund')")
