"""On PostgreSQL every statement of the central is planned for its own values: a statement run again and again
is never prepared on the server, where PostgreSQL would come to plan it once for any value. Such a plan of a
catch-up batch's look-up of its keys among an office's (``key = ANY($2)``) compared each of the office's rows
with each key of the batch, and grew with every sale stored (issue #15)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select, text

from boxoffice.central.bulk_insert import insert_many
from boxoffice.central.db import Database
from boxoffice.central.inventory import among
from boxoffice.central.models import SyncEntry
from tests.helpers.postgres import PostgresServer

pytestmark = pytest.mark.postgres


def _entries(count: int) -> list[dict[str, Any]]:
    return [{"office_id": "norte", "idempotency_key": f"k{n:05d}", "purchase_code": f"P{n:05d}",
             "status": "completed", "fingerprint": None, "order_id": None, "result": {}} for n in range(count)]


def _look_up_again_and_again(session: Any, keys: list[str]) -> tuple[list[set[str]], int]:
    """The batch's key look-up 15 times on one connection; then how many statements the server holds prepared."""
    found = [set(session.scalars(select(SyncEntry.idempotency_key).where(
        SyncEntry.office_id == "norte", among(session, SyncEntry.idempotency_key, keys)))) for _run in range(15)]
    return found, session.execute(text("SELECT count(*) FROM pg_prepared_statements")).scalar_one()


@pytest.mark.parametrize("path", ["read", "write"])
def test_a_look_up_run_again_and_again_is_never_prepared_for_any_value(postgres: PostgresServer,
                                                                        path: str) -> None:
    db = Database(postgres.new_database())
    db.create_schema()
    try:
        db.write(lambda session: insert_many(session.connection(), SyncEntry.__table__, _entries(2000)))
        keys = [f"k{n:05d}" for n in range(0, 2000, 4)] + ["not-stored"]
        if path == "read":
            with db.read() as session:
                found, prepared = _look_up_again_and_again(session, keys)
        else:
            found, prepared = db.write(lambda session: _look_up_again_and_again(session, keys))
        assert found == [set(keys) - {"not-stored"}] * 15
        assert prepared == 0  # psycopg's default prepares it after five runs
    finally:
        db.dispose()
