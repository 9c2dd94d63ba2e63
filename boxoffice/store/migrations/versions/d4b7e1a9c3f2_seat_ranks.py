"""Best available: natural sort ranks on tickets (row_rank, seat_rank) and the index that serves the pick.

Revision ID: d4b7e1a9c3f2
Revises: c0a1e5d2b7f4
Create Date: 2026-12-01 21:40:00

Two integer columns SQLite adds in place, filled here for the tickets already pulled (the pull keeps them up
to date from now on), then ix_tickets_best_available (event_id, zone, state, row_rank, seat_rank). The ranking
is copied from boxoffice.services.best_available as it is today: a migration is a snapshot.
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "d4b7e1a9c3f2"
down_revision: str | Sequence[str] | None = "c0a1e5d2b7f4"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DIGITS = re.compile(r"(\d+)")


def _natural(label: str | None) -> tuple[str | int, ...]:
    parts = _DIGITS.split((label or "").strip().casefold())
    return tuple(int(part) if i % 2 else part for i, part in enumerate(parts))


def _ranks(rows: list[tuple[str, str, str, str | None, str]]) -> list[dict[str, object]]:
    """(id, event, zone, row, seat) -> the update parameters: rows ranked per event, seats per zone and row."""
    events: dict[str, dict[tuple[str, str | None], list[tuple[str, str]]]] = {}
    for ticket_id, event_id, zone, row, seat in rows:
        events.setdefault(event_id, {}).setdefault((zone, row), []).append((ticket_id, seat))
    out: list[dict[str, object]] = []
    for by_row in events.values():
        labels = sorted({row for _, row in by_row}, key=lambda r: (r is not None, _natural(r), r or ""))
        row_ranks = {row: rank for rank, row in enumerate(labels, start=1)}
        for (_, row), seats in by_row.items():
            seats.sort(key=lambda s: (_natural(s[1]), s[1], s[0]))
            out.extend({"tid": ticket_id, "rr": row_ranks[row], "sr": seat_rank}
                       for seat_rank, (ticket_id, _) in enumerate(seats, start=1))
    return out


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.add_column(sa.Column("row_rank", sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(sa.Column("seat_rank", sa.Integer(), server_default="0", nullable=False))
    bind = op.get_bind()
    rows = bind.execute(sa.text('SELECT id, event_id, zone, "row", seat_id FROM tickets')).all()
    params = _ranks([tuple(row) for row in rows])
    if params:
        bind.execute(sa.text("UPDATE tickets SET row_rank = :rr, seat_rank = :sr WHERE id = :tid"), params)
    op.create_index("ix_tickets_best_available", "tickets", ["event_id", "zone", "state", "row_rank", "seat_rank"])


def downgrade() -> None:
    op.drop_index("ix_tickets_best_available", table_name="tickets")
    with op.batch_alter_table("tickets") as batch_op:
        batch_op.drop_column("seat_rank")
        batch_op.drop_column("row_rank")
