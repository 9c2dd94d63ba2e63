"""Role ``door`` for clerks who only check tickets at the door (#14): the CHECK on clerks.role widened.

Revision ID: a9d4c2e7b1f6
Revises: f3a8b2c6d1e4
Create Date: 2026-11-25 10:00:00

SQLite cannot alter a CHECK in place, so batch mode rebuilds `clerks` (foreign keys are off while migrations
run, boxoffice.store.migrate). A downgrade turns door clerks into inactive plain clerks: the older schema has no
such role, and giving a door clerk the till would grant more than they had.
"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "a9d4c2e7b1f6"
down_revision: str | Sequence[str] | None = "f3a8b2c6d1e4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("clerks") as batch_op:
        batch_op.drop_constraint(op.f("ck_clerks_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_clerks_role"), "role IN ('clerk', 'supervisor', 'door')")


def downgrade() -> None:
    op.execute("UPDATE clerks SET active = 0, role = 'clerk' WHERE role = 'door'")
    with op.batch_alter_table("clerks") as batch_op:
        batch_op.drop_constraint(op.f("ck_clerks_role"), type_="check")
        batch_op.create_check_constraint(op.f("ck_clerks_role"), "role IN ('clerk', 'supervisor')")
