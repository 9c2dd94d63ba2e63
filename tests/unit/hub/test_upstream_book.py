"""The hub's delivery book over ``hub_upstream``: batches as the terminal's book makes them, answers recorded
once, refusals parked, the status and the conflict feed kept in ``hub_state``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from boxoffice.central.db import Database
from boxoffice.hub.db import hub_database
from boxoffice.hub.models import HubUpstream
from boxoffice.hub.service import session_factories
from boxoffice.hub.upstream import HubBook, read_reports
from boxoffice.services.delivery import MAX_BATCH_TICKETS
from boxoffice.sync.client import SyncConflict, SyncResult, TicketResult


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = hub_database(f"sqlite:///{tmp_path / 'hub.sqlite3'}")
    yield database
    database.dispose()


@pytest.fixture
def book() -> HubBook:
    return HubBook()


def entry(code: str, tickets: list[str], status: str = "completed") -> dict[str, Any]:
    return {"purchase_code": code, "status": status, "tickets": tickets, "ticket": tickets[0],
            "idempotency_key": f"key-{code}-{status}", "amount": 25.0}


def queue(db: Database, *rows: tuple[str, dict[str, Any]]) -> list[int]:
    def work(session: Any) -> list[int]:
        added = []
        for kind, payload in rows:
            key = payload.get("idempotency_key") or f"unassign-{len(added)}-{payload['event_id']}"
            row = HubUpstream(kind=kind, idempotency_key=key, window_id=1, payload=payload)
            session.add(row)
            session.flush()
            added.append(row.id)
        return added

    return db.write(work)


def result(item: dict[str, Any], error: str | None = None, conflict: str | None = None) -> SyncResult:
    payload = item["payload"]
    return SyncResult(idempotency_key=payload["idempotency_key"], purchase_code=payload["purchase_code"],
                      order_id=None if error else f"order-{payload['purchase_code']}", status=payload["status"],
                      replayed=False, tickets=tuple(TicketResult(t, conflict) for t in payload["tickets"]),
                      inconsistencies=(), error=error)


def rows(db: Database) -> dict[int, HubUpstream]:
    with db.read() as session:
        return {row.id: row for row in session.query(HubUpstream)}


def test_sales_go_together_in_order_and_a_return_goes_alone(db: Database, book: HubBook) -> None:
    write, read = session_factories(db)
    ids = queue(db, ("sale", entry("A", ["t1"])), ("sale", entry("B", ["t2", "t3"])),
                ("unassign", {"event_id": "E", "ticket_ids": ["t9"]}), ("sale", entry("C", ["t4"])))
    batch = book.next_batch(read, 10)
    assert [item["id"] for item in batch] == ids[:2]
    assert batch[0] == {"id": ids[0], "kind": "sale", "key": "key-A-completed", "payload": entry("A", ["t1"]),
                        "subject": "A", "attempted": False, "journal_head": None}
    assert [item["id"] for item in book.next_batch(read, 1)] == ids[:1]
    book.record_sync_results(write, batch, [result(item) for item in batch])
    alone = book.next_batch(read, 10)
    assert [item["kind"] for item in alone] == ["unassign"]
    book.record_unassign_delivered(write, alone[0])
    assert [item["id"] for item in book.next_batch(read, 10)] == ids[3:]


def test_a_batch_stops_before_too_many_tickets(db: Database, book: HubBook) -> None:
    big = [f"t{n}" for n in range(MAX_BATCH_TICKETS)]
    queue(db, ("sale", entry("A", big)), ("sale", entry("B", ["x"])))
    _, read = session_factories(db)
    assert [item["subject"] for item in book.next_batch(read, 10)] == ["A"]


def test_mark_attempted_returns_only_rows_still_pending(db: Database, book: HubBook) -> None:
    write, read = session_factories(db)
    queue(db, ("sale", entry("A", ["t1"])), ("sale", entry("B", ["t2"])))
    batch = book.next_batch(read, 10)
    book.park(write, batch[1], "refused")
    live = book.mark_attempted(write, batch)
    assert [item["subject"] for item in live] == ["A"]
    assert all(item["attempted"] for item in batch)
    assert rows(db)[batch[0]["id"]].attempted_at is not None


def test_answers_deliver_park_refusals_and_count_conflicts_once(db: Database, book: HubBook) -> None:
    write, read = session_factories(db)
    queue(db, ("sale", entry("A", ["t1"])), ("sale", entry("B", ["t2"])), ("sale", entry("C", ["t3"], "cancelled")))
    batch = book.next_batch(read, 10)
    answers = [result(batch[0], conflict="already_sold"), result(batch[1], error="unknown_event"),
               result(batch[2])]
    recorded = book.record_sync_results(write, batch, answers)
    assert (recorded.delivered, recorded.parked, recorded.conflicts, recorded.settled) == (2, 1, ["A"], ["C"])
    again = book.record_sync_results(write, batch, answers)  # a second delivery of the same answers
    assert (again.delivered, again.parked) == (0, 0)
    stored = rows(db)
    a, b, _ = (stored[item["id"]] for item in batch)
    assert a.state == "delivered" and a.result["tickets"] == [{"ticket_id": "t1", "conflict": "already_sold"}]
    assert b.state == "parked" and b.error == "central: unknown_event" and b.result["error"] == "unknown_event"
    status = book.read_status(read)
    assert (status.pending, status.parked, status.conflicts) == (0, 1, 1)
    assert status.last_success is not None and status.last_error is None


def test_a_failed_round_keeps_rows_pending_with_the_error(db: Database, book: HubBook) -> None:
    write, read = session_factories(db)
    ids = queue(db, ("sale", entry("A", ["t1"])))
    retry_at = datetime.now(UTC) + timedelta(seconds=30)
    book.record_failure(write, ids, "cannot reach the central", retry_at)
    row = rows(db)[ids[0]]
    assert (row.state, row.error) == ("pending", "cannot reach the central")
    assert abs((row.next_attempt_at - retry_at).total_seconds()) < 1
    status = book.read_status(read, horizon_hours=1, connection="offline")
    assert (status.connection, status.pending, status.parked) == ("offline", 1, 0)
    assert status.last_error == "cannot reach the central" and status.oldest_pending_age_seconds is not None
    book.note_error(write, "parked something")
    assert book.read_status(read).last_error == "parked something"


def test_activations_are_not_the_hubs(db: Database, book: HubBook) -> None:
    write, _ = session_factories(db)
    with pytest.raises(NotImplementedError):
        book.record_activation_delivered(write, {"id": 1}, {})


def conflict(conflict_id: int) -> SyncConflict:
    return SyncConflict(conflict_id=conflict_id, kind="ticket_conflict", role="holder", event_id="E",
                        ticket_id=f"t{conflict_id}", purchase_code="X", office_id="office_taquilla_sur",
                        other_channel="office", other_office_id="office_taquilla_norte", order_id=None,
                        detected_at=datetime(2026, 7, 1, 18, 0, tzinfo=UTC))


def test_conflict_feed_rows_are_kept_once_and_the_cursor_never_goes_back(db: Database, book: HubBook) -> None:
    write, read = session_factories(db)
    assert book.read_cursor(read) == 0
    assert book.store_page(write, [conflict(1), conflict(2)], 2) == 2
    assert book.store_page(write, [conflict(2), conflict(3)], 3) == 1
    assert book.store_page(write, [], 1) == 0
    assert book.read_cursor(read) == 3
    kept = read_reports(read)
    assert [row["conflict_id"] for row in kept] == [1, 2, 3]
    assert kept[0]["detected_at"] == "2026-07-01T18:00:00Z"
