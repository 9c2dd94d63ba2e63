"""The delivery worker: drains the outbox in order, in one background thread, exactly once per item.

* Consecutive sales and voids go together in one synchronisation request (``batch_size``, default 100); an
  unassign goes alone. Each item keeps its idempotency key forever, and the request key is derived from the
  item keys, so a retry of the same batch replays the server's first answer.
* Network errors, timeouts, 5xx, 429 and garbled answers: the items stay pending, backoff with full jitter
  (``Retry-After`` honoured); after 5 straight failures the server is probed about once a minute.
* A business rejection (4xx): a batch is split and retried one item at a time, and only the item the server
  refuses on its own is parked, with the server's message, for the supervisor. Nothing is deleted.
* Conflicts the server reports (seat sold elsewhere, no longer assigned) are recorded on the sale.
* ``stop()`` interrupts a request in flight by closing the HTTP client (which cuts its open connections); the
  item simply stays pending. A round the stopping thread has not sent yet is not sent at all.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, exists, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice import tracepoints
from boxoffice.store.journal_head import read_head, record_acknowledged
from boxoffice.store.models import Outbox, Sale, SaleTicket, Ticket
from boxoffice.store.types import format_utc, parse_utc, utcnow
from boxoffice.sync import state
from boxoffice.sync.backoff import Backoff
from boxoffice.sync.client import CentralClient, SyncResult
from boxoffice.sync.errors import CentralAuthError, CentralError, CentralRejected, CentralServerError
from boxoffice.sync.wire import ticket_sold_entry

log = logging.getLogger(__name__)

_SYNC_KINDS = ("sale", "void")
IDLE_POLL_SECONDS = 5.0  # another process (boxoffice sell) may have queued a sale


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and ``boxoffice status`` show."""

    connection: str  # "online" | "offline" | "syncing" | "unknown"
    pending: int
    parked: int
    conflicts: int
    last_success: datetime | None
    last_error: str | None
    oldest_pending_age_seconds: float | None
    horizon_exceeded: bool
    auth_problem: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "connection": self.connection,
            "pending": self.pending,
            "parked": self.parked,
            "conflicts": self.conflicts,
            "last_success": format_utc(self.last_success) if self.last_success else None,
            "last_error": self.last_error,
            "oldest_pending_age_seconds": self.oldest_pending_age_seconds,
            "horizon_exceeded": self.horizon_exceeded,
            "auth_problem": self.auth_problem,
        }


@dataclass
class RoundResult:
    """What one delivery round did (for ``sync --once``, tests and logs)."""

    delivered: int = 0
    parked: int = 0
    failed: bool = False
    error: str | None = None
    retry_in: float | None = None
    idle: bool = False
    conflicts: list[str] = field(default_factory=list)


def read_status(session_factory: sessionmaker[Session], horizon_hours: int = 20,
                connection: str = "unknown", auth_problem: bool = False) -> SyncStatus:
    """Status from the database alone (what a separate process such as ``boxoffice status`` can see)."""
    with session_factory() as session:
        pending = session.scalar(select(func.count()).select_from(Outbox).where(Outbox.state == "pending")) or 0
        parked = session.scalar(select(func.count()).select_from(Outbox).where(Outbox.state == "parked")) or 0
        conflicts = session.scalar(select(func.count()).select_from(Sale)
                                   .where(Sale.delivery_state == "conflict")) or 0
        oldest = session.scalar(select(func.min(Outbox.created_at)).where(Outbox.state == "pending"))
        last_success = state.get_time(session, state.LAST_SUCCESS)
        last_error = state.get(session, state.LAST_ERROR)
    age = None
    if oldest is not None:
        oldest_dt = parse_utc(oldest) if isinstance(oldest, str) else oldest
        age = max(0.0, (utcnow() - oldest_dt).total_seconds())
    exceeded = age is not None and age > horizon_hours * 3600
    return SyncStatus(connection, pending, parked, conflicts, last_success, last_error, age, exceeded,
                      auth_problem)


class DeliveryWorker:
    def __init__(self, session_factory: sessionmaker[Session], client_factory: Callable[[], CentralClient], *,
                 batch_size: int = 100, horizon_hours: int = 20, backoff: Backoff | None = None,
                 read_session_factory: sessionmaker[Session] | None = None, terminal_id: str | None = None) -> None:
        self.session_factory = session_factory
        self.terminal_id = terminal_id  # set: every synchronisation carries the journal's head for this terminal
        # reads (the next batch, status) must not take the write lock, or a busy window starves delivery
        self.read_session_factory = read_session_factory or session_factory
        self.client_factory = client_factory
        self.batch_size = batch_size
        self.horizon_hours = horizon_hours
        self.backoff = backoff or Backoff()
        self._client: CentralClient | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._connection = "unknown"
        self._auth_problem = False
        self._horizon_warned = False
        self._lock = threading.Lock()
        self._client_lock = threading.Lock()  # stop() vs. the worker thread making or dropping its client

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="boxoffice-delivery", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop the thread, cutting any request in flight; True when it stopped in time."""
        with self._client_lock:
            self._stop.set()
            client, self._client = self._client, None
        self._wake.set()
        if client is not None:
            client.close()  # aborts a blocked read; the item stays pending and is retried next time
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def wake(self) -> None:
        """A sale was just committed: deliver soon instead of at the next poll (no effect while backing off)."""
        self._wake.set()

    def status(self) -> SyncStatus:
        return read_status(self.read_session_factory, self.horizon_hours, self._connection, self._auth_problem)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                result = self.run_once()
            except Exception:  # a bug must not kill delivery forever: log it and retry later
                log.exception("delivery round crashed")
                result = RoundResult(failed=True, retry_in=self.backoff.failure())
            if self._stop.is_set():
                break
            if result.failed:
                self._stop.wait(result.retry_in if result.retry_in is not None else 1.0)
            elif result.idle:
                self._wake.wait(IDLE_POLL_SECONDS)
                self._wake.clear()
        with self._client_lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    # -- one round -------------------------------------------------------------------------------------------

    def drain(self, max_rounds: int = 10_000) -> RoundResult:
        """Deliver until the outbox is empty or a round fails (``boxoffice sync --once``)."""
        total = RoundResult()
        for _ in range(max_rounds):
            result = self.run_once()
            total.delivered += result.delivered
            total.parked += result.parked
            total.conflicts += result.conflicts
            if result.failed or result.idle:
                total.failed, total.error, total.retry_in = result.failed, result.error, result.retry_in
                total.idle = result.idle
                return total
        return total

    def run_once(self) -> RoundResult:
        with self._lock:
            batch = self._next_batch()
            if not batch:
                self._connection = "online" if self._connection == "syncing" else self._connection
                return RoundResult(idle=True)
            tracepoints.reach("sync.batch_read")
            self._connection = "syncing"
            self._check_horizon()
            client = self._round_client()
            if client is None:  # stop() came first: send nothing, the items stay pending
                return RoundResult(failed=True, error="delivery stopped", retry_in=0.0)
            try:
                if batch[0]["kind"] == "unassign":
                    result = self._deliver_unassign(client, batch[0])
                else:
                    result = self._deliver_sync(client, batch)
            except CentralError as exc:
                return self._failed(client, batch, exc)
            self.backoff.success()
            self._connection = "online"
            self._auth_problem = False
            return result

    def _round_client(self) -> CentralClient | None:
        """The client for this round, made on first use; None when the worker thread is being stopped.

        Under ``_client_lock`` so that ``stop()`` either sees this client (and closes it, cutting the request)
        or has already stopped the thread (and no request is sent): never a request it cannot interrupt.
        """
        with self._client_lock:
            if self._stop.is_set() and threading.current_thread() is self._thread:
                return None
            if self._client is None:
                self._client = self.client_factory()
            return self._client

    def _next_batch(self) -> list[dict[str, Any]]:
        with self.read_session_factory() as session:
            rows = session.scalars(select(Outbox).where(Outbox.state == "pending").order_by(Outbox.id)
                                   .limit(self.batch_size)).all()
            batch = []
            for row in rows:
                item = {"id": row.id, "kind": row.kind, "key": row.idempotency_key, "payload": row.payload,
                        "subject": row.subject}
                if row.kind == "unassign":
                    if not batch:
                        batch.append(item)
                    break
                batch.append(item)
            head = read_head(session)  # in the batch's read: the head covers every sale the batch carries
            for item in batch:
                item["journal_head"] = head
            return batch

    def _check_horizon(self) -> None:
        status = read_status(self.read_session_factory, self.horizon_hours)
        if status.horizon_exceeded and not self._horizon_warned:
            log.warning("the oldest undelivered sale is %.1f h old (horizon %d h): many platforms forget "
                        "idempotency keys after 24 h; get this terminal online",
                        (status.oldest_pending_age_seconds or 0) / 3600, self.horizon_hours)
        self._horizon_warned = status.horizon_exceeded

    # -- sales and voids -------------------------------------------------------------------------------------

    def _deliver_sync(self, client: CentralClient, batch: list[dict[str, Any]]) -> RoundResult:
        entries = [ticket_sold_entry(item["payload"], item["key"]) for item in batch]
        head = batch[0].get("journal_head") if self.terminal_id else None
        # a retry carrying a newer head is a new request (its entries still replay by their own keys)
        keys = [item["key"] for item in batch] + ([f"journal:{head.seq}:{head.hash}"] if head else [])
        request_key = hashlib.sha256("|".join(keys).encode()).hexdigest()[:40]
        try:
            results = client.synchronize(entries, request_key,
                                         head.wire(client.office_id, self.terminal_id) if head else None)
        except CentralRejected as exc:
            if len(batch) == 1:
                return self._park(batch[0], exc.reason)
            log.warning("batch of %d rejected (%s); sending one at a time to find the culprit", len(batch), exc)
            total = RoundResult()
            for item in batch:
                single = self._deliver_sync(client, [item])
                total.delivered += single.delivered
                total.parked += single.parked
                total.conflicts += single.conflicts
            return total
        tracepoints.reach("sync.answer_received")
        outcome = RoundResult()
        with self.session_factory.begin() as session:
            for item, result in zip(batch, results, strict=True):
                self._record(session, item, result, outcome)
            state.put_time(session, state.LAST_SUCCESS)
            if head:
                record_acknowledged(session, head)
        tracepoints.reach("sync.outcome_committed")
        log.info("delivered %d sales/voids (%d conflicts)", outcome.delivered, len(outcome.conflicts))
        return outcome

    def _record(self, session: Session, item: dict[str, Any], result: SyncResult, outcome: RoundResult) -> None:
        row = session.get(Outbox, item["id"])
        assert row is not None
        answer = {"order_id": result.order_id, "status": result.status, "replayed": result.replayed,
                  "tickets": [{"ticket_id": t.ticket_id, "conflict": t.conflict,
                               **({"held_by": t.held_by} if t.held_by else {})} for t in result.tickets],
                  "inconsistencies": list(result.inconsistencies), "error": result.error}
        if result.error:
            row.state, row.last_error, row.response = "parked", f"central: {result.error}", answer
            outcome.parked += 1
            return
        was_cancelled = row.state == "cancelled"
        row.state, row.delivered_at, row.response, row.last_error = "delivered", utcnow(), answer, None
        outcome.delivered += 1
        sale = session.scalars(select(Sale).where(Sale.purchase_code == item["subject"])).first()
        if item["kind"] == "sale":
            if sale is not None:
                conflicts = [t for t in answer["tickets"] if t["conflict"]]
                sale.delivery_state = "conflict" if conflicts else "delivered"
                if conflicts or result.inconsistencies:
                    sale.conflict_json = {"tickets": conflicts, "inconsistencies": list(result.inconsistencies)}
                if conflicts:
                    outcome.conflicts.append(item["subject"])
                if was_cancelled:
                    # voided while this request was in flight: the platform has it now, so cancel it there
                    self._queue_void(session, item, sale)
        elif item["kind"] == "void" and sale is not None:
            ids = [t.ticket_id for t in sale.tickets]
            # a seat freed when the void was made (the sale seemed undelivered) may have been sold again since
            resold = exists().where(SaleTicket.ticket_id == Ticket.id, SaleTicket.sale_status == "completed")
            # a seat the platform no longer offers here (e.g. sold twice and given up) is not put back on sale
            freed = case((Ticket.central_available.is_(True), "available"), else_="withdrawn")
            session.execute(update(Ticket).where(Ticket.id.in_(ids), Ticket.state == "sold", ~resold)
                            .values(state=freed, updated_at=utcnow())
                            .execution_options(synchronize_session=False))

    def _queue_void(self, session: Session, item: dict[str, Any], sale: Sale) -> None:
        payload = dict(item["payload"], status="cancelled")
        exists = session.scalar(select(func.count()).select_from(Outbox)
                                .where(Outbox.kind == "void", Outbox.subject == sale.purchase_code))
        if not exists:
            session.add(Outbox(kind="void", subject=sale.purchase_code, idempotency_key=uuid.uuid4().hex,
                               payload=payload))

    # -- returns ---------------------------------------------------------------------------------------------

    def _deliver_unassign(self, client: CentralClient, item: dict[str, Any]) -> RoundResult:
        payload = item["payload"]
        try:
            client.unassign(payload["event_id"], payload["ticket_ids"], item["key"])
        except CentralRejected as exc:
            return self._park(item, exc.reason)
        with self.session_factory.begin() as session:
            row = session.get(Outbox, item["id"])
            assert row is not None
            row.state, row.delivered_at, row.last_error = "delivered", utcnow(), None
            session.execute(update(Ticket).where(Ticket.id.in_(payload["ticket_ids"]), Ticket.state == "returning")
                            .values(state="returned", updated_at=utcnow())
                            .execution_options(synchronize_session=False))
            state.put_time(session, state.LAST_SUCCESS)
        return RoundResult(delivered=1)

    # -- failures --------------------------------------------------------------------------------------------

    def _park(self, item: dict[str, Any], message: str) -> RoundResult:
        log.warning("outbox item %s (%s %s) parked: %s", item["id"], item["kind"], item["subject"], message)
        with self.session_factory.begin() as session:
            row = session.get(Outbox, item["id"])
            assert row is not None
            row.state, row.last_error = "parked", message
            row.attempts += 1
            if item["kind"] == "sale":
                sale = session.scalars(select(Sale).where(Sale.purchase_code == item["subject"])).first()
                if sale is not None:
                    sale.delivery_state = "parked"
            state.put(session, state.LAST_ERROR, message)
        return RoundResult(parked=1)

    def _failed(self, client: CentralClient, batch: list[dict[str, Any]], exc: CentralError) -> RoundResult:
        if self._stop.is_set() and threading.current_thread() is self._thread:
            # stop() cut this request: a shutdown, not a verdict on the server; the items stay as they were
            log.info("delivery stopped mid-request (%s); %d items stay pending", exc, len(batch))
            client.close()
            return RoundResult(failed=True, error="delivery stopped", retry_in=0.0)
        retry_after = exc.retry_after if isinstance(exc, CentralServerError) else None
        delay = self.backoff.failure(retry_after)
        self._connection = "offline"
        self._auth_problem = isinstance(exc, CentralAuthError)
        if not isinstance(exc, CentralServerError):
            with self._client_lock:  # start from a fresh connection pool after a cut connection
                if self._client is client:
                    self._client = None
            client.close()
        log.warning("delivery failed (%s); retry in %.1f s (failure %d)", exc, delay, self.backoff.failures)
        next_at = utcnow() + timedelta(seconds=delay)
        with self.session_factory.begin() as session:
            session.execute(update(Outbox).where(Outbox.id.in_([i["id"] for i in batch]),
                                                 Outbox.state == "pending")
                            .values(attempts=Outbox.attempts + 1, last_error=str(exc), next_attempt_at=next_at)
                            .execution_options(synchronize_session=False))
            state.put(session, state.LAST_ERROR, str(exc))
        return RoundResult(failed=True, error=str(exc), retry_in=delay)

