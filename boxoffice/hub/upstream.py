"""The hub's delivery book: the terminal's delivery worker (:mod:`boxoffice.sync.worker`) over ``hub_upstream``.

It mirrors :mod:`boxoffice.services.delivery` (the terminal's book) on the hub's outbox, where every row is what a
window already sent the hub: a ``sale`` row is a synchronisation entry exactly as the window sent it (a sale, a
cancellation or a refund, with the window's own idempotency key), an ``unassign`` row a return
(``{"event_id", "ticket_ids"}``). So the worker runs with ``entry_of=lambda payload, key: payload``.

* Consecutive sale rows go in one request (at most ``batch_size``, and at most :data:`MAX_BATCH_TICKETS`
  tickets); an unassign goes alone.
* An answer for a row no longer pending (two deliveries at once) changes nothing: the first one recorded it.
* A result with an ``error`` is a refusal of that entry: the row is parked with it (and the answer kept);
  conflicts (a seat sold elsewhere) are delivered rows whose kept result says so, and are counted.
* Small facts live in ``hub_state``: last success and error, the conflicts count, the conflict feed's cursor.
  The feed's rows (other offices' sales of our seats) are kept there too, as one JSON list of the latest
  :data:`MAX_KEPT_REPORTS`, and logged: the hub has no supervisor screen of its own yet.

Every public method is one transaction.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.central.models import utcnow
from boxoffice.core.sync_status import SyncStatus
from boxoffice.hub.models import HubState, HubUpstream
from boxoffice.services.delivery import MAX_BATCH_TICKETS, Answer, Recorded
from boxoffice.services.delivery import _answer as _answer  # the answer kept as the terminal keeps it
from boxoffice.store.types import parse_utc

log = logging.getLogger(__name__)

LAST_SUCCESS = "upstream.last_success"
LAST_ERROR = "upstream.last_error"
CONFLICTS = "upstream.conflicts"
FEED_CURSOR = "upstream.conflict_feed_cursor"
FEED_ROWS = "upstream.conflict_feed_rows"
MAX_KEPT_REPORTS = 500

ALONE = ("unassign",)


# -- hub_state ---------------------------------------------------------------------------------------------------


def state_get(session: Session, key: str) -> str | None:
    row = session.get(HubState, key)
    return None if row is None else row.value


def state_put(session: Session, key: str, value: str) -> None:
    row = session.get(HubState, key)
    if row is None:
        session.add(HubState(key=key, value=value))
    else:
        row.value = value


def state_clear(session: Session, key: str) -> None:
    row = session.get(HubState, key)
    if row is not None:
        session.delete(row)


def state_time(session: Session, key: str) -> datetime | None:
    value = state_get(session, key)
    return parse_utc(value) if value else None


def put_now(session: Session, key: str) -> None:
    state_put(session, key, utcnow().isoformat().replace("+00:00", "Z"))


def _subject(kind: str, payload: dict[str, Any]) -> str:
    """What the logs name an item by: a sale's purchase code, a return's event."""
    if kind == "unassign":
        return f"return of {len(payload.get('ticket_ids') or ())} ticket(s) of {payload.get('event_id')}"
    return str(payload.get("purchase_code") or "?")


def _ticket_count(payload: dict[str, Any]) -> int:
    tickets = payload.get("tickets")
    return len(tickets) if isinstance(tickets, list) else 1


class HubBook:
    """The store side of the hub's upstream delivery (:class:`boxoffice.sync.worker.DeliveryBook`)."""

    # -- reading ---------------------------------------------------------------------------------------------

    def next_batch(self, read_session_factory: sessionmaker[Session], batch_size: int,
                   after_id: int | None = None) -> list[dict[str, Any]]:
        """The pending rows in id order: consecutive sale rows, or one unassign alone (``after_id``: only rows
        after that one)."""
        query = select(HubUpstream).where(HubUpstream.state == "pending")
        if after_id is not None:
            query = query.where(HubUpstream.id > after_id)
        with read_session_factory() as session:
            rows = session.scalars(query
                                   .order_by(HubUpstream.id).limit(max(1, batch_size))).all()
            batch: list[dict[str, Any]] = []
            tickets = 0
            for row in rows:
                item = {"id": row.id, "kind": row.kind, "key": row.idempotency_key, "payload": row.payload,
                        "subject": _subject(row.kind, row.payload), "attempted": row.attempted_at is not None,
                        "journal_head": None}
                if row.kind in ALONE:
                    if not batch:
                        batch.append(item)
                    break
                tickets += _ticket_count(row.payload)
                if batch and tickets > MAX_BATCH_TICKETS:
                    break
                batch.append(item)
            return batch

    def mark_attempted(self, session_factory: sessionmaker[Session],
                       batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Record that these rows are about to be sent (committed first); the ones still pending."""
        ids = [item["id"] for item in batch]
        with session_factory.begin() as session:
            if not all(item["attempted"] for item in batch):
                session.execute(update(HubUpstream).where(HubUpstream.id.in_(ids), HubUpstream.state == "pending",
                                                          HubUpstream.attempted_at.is_(None))
                                .values(attempted_at=utcnow()).execution_options(synchronize_session=False))
            live = set(session.scalars(select(HubUpstream.id).where(HubUpstream.id.in_(ids),
                                                                   HubUpstream.state == "pending")))
        for item in batch:
            item["attempted"] = True
        return [item for item in batch if item["id"] in live]

    # -- answers ---------------------------------------------------------------------------------------------

    def record_sync_results(self, session_factory: sessionmaker[Session], batch: Sequence[dict[str, Any]],
                            results: Sequence[Answer], head: Any = None) -> Recorded:
        """The central answered ``batch`` (one result per item, in order): every answer kept on its row."""
        recorded = Recorded()
        answered = list(zip(batch, results, strict=True))
        with session_factory.begin() as session:
            rows = {row.id: row for row in session.scalars(
                select(HubUpstream).where(HubUpstream.id.in_([item["id"] for item, _ in answered])))}
            conflicted = 0
            for item, result in answered:
                row = rows.get(item["id"])
                if row is None or row.state != "pending":  # recorded by another delivery first
                    continue
                answer = _answer(result)
                row.result = answer
                if result.error:
                    row.state, row.error = "parked", f"central: {result.error}"
                    recorded.parked += 1
                    log.warning("upstream entry %s (%s) parked: %s", row.id, item["subject"], result.error)
                    continue
                row.state, row.error, row.next_attempt_at = "delivered", None, None
                recorded.delivered += 1
                if any(t["conflict"] for t in answer["tickets"]):
                    conflicted += 1
                    recorded.conflicts.append(item["subject"])
                if result.status != "completed":
                    recorded.settled.append(item["subject"])
            if conflicted:
                count = int(state_get(session, CONFLICTS) or 0)
                state_put(session, CONFLICTS, str(count + conflicted))
            put_now(session, LAST_SUCCESS)
            state_clear(session, LAST_ERROR)
        return recorded

    def record_unassign_delivered(self, session_factory: sessionmaker[Session], item: dict[str, Any]) -> None:
        """The central took back the returned seats: the row is delivered."""
        with session_factory.begin() as session:
            row = session.get(HubUpstream, item["id"])
            if row is None or row.state != "pending":
                return
            row.state, row.error, row.next_attempt_at = "delivered", None, None
            row.result = {"tickets": list(item["payload"].get("ticket_ids") or ())}
            put_now(session, LAST_SUCCESS)
            state_clear(session, LAST_ERROR)

    def record_activation_delivered(self, session_factory: sessionmaker[Session], item: dict[str, Any],
                                    answer: dict[str, Any]) -> None:
        raise NotImplementedError("the hub queues no activations (its windows activate batch tickets themselves)")

    def park(self, session_factory: sessionmaker[Session], item: dict[str, Any], message: str) -> None:
        """The central refused ``item`` for certain: park it with ``message``."""
        with session_factory.begin() as session:
            row = session.get(HubUpstream, item["id"])
            if row is None or row.state != "pending":
                return
            row.state, row.error = "parked", message
            state_put(session, LAST_ERROR, message)

    def record_failure(self, session_factory: sessionmaker[Session], ids: Sequence[int], message: str,
                       next_attempt_at: datetime) -> None:
        """A round failed with these rows still pending: keep the error and when the worker retries."""
        with session_factory.begin() as session:
            session.execute(update(HubUpstream).where(HubUpstream.id.in_(list(ids)), HubUpstream.state == "pending")
                            .values(error=message, next_attempt_at=next_attempt_at)
                            .execution_options(synchronize_session=False))
            state_put(session, LAST_ERROR, message)

    def note_error(self, session_factory: sessionmaker[Session], message: str) -> None:
        with session_factory.begin() as session:
            state_put(session, LAST_ERROR, message)

    def read_status(self, session_factory: sessionmaker[Session], horizon_hours: int = 20,
                    connection: str = "unknown", auth_problem: bool = False) -> SyncStatus:
        """The upstream queue from the database alone (what ``boxoffice hub status`` shows)."""
        with session_factory() as session:
            counts = dict(session.execute(select(HubUpstream.state, func.count())
                                          .where(HubUpstream.state.in_(("pending", "parked")))
                                          .group_by(HubUpstream.state)).all())
            oldest = session.scalar(select(func.min(HubUpstream.date_created))
                                    .where(HubUpstream.state == "pending"))
            conflicts = int(state_get(session, CONFLICTS) or 0)
            last_success = state_time(session, LAST_SUCCESS)
            last_error = state_get(session, LAST_ERROR)
        age = None
        if oldest is not None:
            oldest = parse_utc(oldest) if isinstance(oldest, str) else oldest
            age = max(0.0, (utcnow() - oldest).total_seconds())
        return SyncStatus(connection, int(counts.get("pending", 0)), int(counts.get("parked", 0)), conflicts,
                          last_success, last_error, age, age is not None and age > horizon_hours * 3600,
                          auth_problem)

    # -- the conflict feed (sync.conflict_feed.ConflictBook) -------------------------------------------------

    def read_cursor(self, session_factory: sessionmaker[Session]) -> int:
        with session_factory() as session:
            return int(state_get(session, FEED_CURSOR) or 0)

    def store_page(self, session_factory: sessionmaker[Session], rows: Sequence[Any], cursor: int) -> int:
        """Keep the page's new rows (the latest :data:`MAX_KEPT_REPORTS`) and the cursor (never back); how many
        were new."""
        with session_factory.begin() as session:
            kept: list[dict[str, Any]] = json.loads(state_get(session, FEED_ROWS) or "[]")
            known = {row.get("conflict_id") for row in kept}
            fresh = [_report(row) for row in rows if row.conflict_id not in known]
            if fresh:
                state_put(session, FEED_ROWS, json.dumps((kept + fresh)[-MAX_KEPT_REPORTS:], ensure_ascii=False))
            stored = int(state_get(session, FEED_CURSOR) or 0)
            state_put(session, FEED_CURSOR, str(max(cursor, stored)))
        for report in fresh:
            log.warning("the central reports a conflict involving this office: %s", report)
        return len(fresh)


def _report(row: Any) -> dict[str, Any]:
    """A feed row (``sync.client.SyncConflict``) as plain JSON values."""
    data = asdict(row)
    if data.get("detected_at") is not None:
        data["detected_at"] = data["detected_at"].isoformat().replace("+00:00", "Z")
    return data


def read_reports(session_factory: sessionmaker[Session]) -> list[dict[str, Any]]:
    """The conflict feed's rows the hub kept (newest last)."""
    with session_factory() as session:
        return list(json.loads(state_get(session, FEED_ROWS) or "[]"))
