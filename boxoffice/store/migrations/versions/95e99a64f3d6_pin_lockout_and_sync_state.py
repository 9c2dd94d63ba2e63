"""PIN lockout on clerks (failed_pin_attempts, locked_until) and the sync_state key/value table.

Revision ID: 95e99a64f3d6
Revises: 00ba8882726e
Create Date: 2026-11-23 15:40:12

The CHECK on failed_pin_attempts makes batch mode rebuild `clerks` (SQLite cannot add a constraint in
place) while shifts and sales point at it: why migrations run with foreign keys off (boxoffice.store.migrate).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "95e99a64f3d6"
down_revision: str | Sequence[str] | None = "00ba8882726e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: boxoffice.store.types.UTCDateTime as stored: "2025-01-31T12:34:56.123456Z".
UTC_TEXT = sa.String(length=27)


def upgrade() -> None:
    with op.batch_alter_table("clerks") as batch_op:
        batch_op.add_column(
            sa.Column("failed_pin_attempts", sa.Integer(), server_default="0", nullable=False)
        )
        batch_op.add_column(sa.Column("locked_until", UTC_TEXT, nullable=True))
        batch_op.create_check_constraint(op.f("ck_clerks_failed_pin_attempts"), "failed_pin_attempts >= 0")
    op.create_table(
        "sync_state",
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("updated_at", UTC_TEXT, nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_sync_state")),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    with op.batch_alter_table("clerks") as batch_op:
        batch_op.drop_constraint(op.f("ck_clerks_failed_pin_attempts"), type_="check")
        batch_op.drop_column("locked_until")
        batch_op.drop_column("failed_pin_attempts")
