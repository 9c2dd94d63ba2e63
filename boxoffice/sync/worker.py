"""The delivery worker: drains the outbox in order, in one background thread, exactly once per item.

* Consecutive sales and voids go together in one synchronisation request (``batch_size``, default 100); an
  unassign goes alone. Each item keeps its idempotency key forever, and the request key is derived from the
  item keys, so a retry of the same batch replays the server's first answer.
* Before a request is sent, its items are marked attempted (``Outbox.attempted_at``, committed first): from
  then on the platform may hold them, so a void of such a sale queues a cancellation instead of dropping the
  delivery. A cancellation is only sent once its sale was delivered (the platform cannot cancel what it has
  not stored: it would remember the cancel as ``unknown_order``).
* Network errors, timeouts, 429/502/503/504 and answers cut off: the items stay pending, backoff with full
  jitter (``Retry-After`` honoured); after 5 straight failures the server is probed about once a minute.
* A failure the content may cause (another 5xx, a 4xx refusal, an answer that is not the platform's): the batch
  is split in halves until the failing entry is alone; the rest are delivered. Only that entry is parked, with
  its error, for the supervisor, and only when it is certain (:mod:`boxoffice.sync.culprits`): an answer that
  is not the platform's never counts as a business refusal. Nothing is deleted.
* ``last_error`` is the last round's trouble: a round that goes through clears it.
* After delivering (once the queue is empty, or a round failed after the platform took part of it), the
  platform's conflict list for this office is fetched
  (:mod:`boxoffice.sync.conflict_feed`: another office's sale of our seat reaches our supervisor); that fetch
  never fails the round.
* Conflicts the server reports (seat sold elsewhere, no longer assigned) are recorded on the sale.
* The worker reads and writes no table itself: the batch is read, every answer recorded, the conflict feed
  stored and the status read by the delivery book (:mod:`boxoffice.services.delivery`, handed in by whoever
  builds the worker), which owns every state change through the machines of :mod:`boxoffice.core.ticket_states`.
  This module only moves requests and answers.
* ``stop()`` interrupts a request in flight by closing the HTTP client (which cuts its open connections); the
  item simply stays pending. A round the stopping thread has not sent yet is not sent at all.
* Delivery is pipelined (:meth:`DeliveryWorker.drain`, which the thread and ``boxoffice sync --once`` run):
  while the platform works on one request, the next batch is read and made into entries, and it is sent
  (marked attempted first) as soon as that answer is in, before the answer is recorded. Order holds: a request
  leaves only once the one before it was answered, a cancellation still waits until its sale is recorded as
  delivered, and only a batch that went through whole is followed so (a failure ends the pipeline; the split
  and the backoff work as in any round). The conflict list is fetched once the queue is empty. A request sent
  ahead and never recorded (a crash, a cut answer) is simply sent again: its entries replay by their keys.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from boxoffice import tracepoints
from boxoffice.core.sync_status import SyncStatus
from boxoffice.core.utc import utcnow
from boxoffice.sync import conflict_feed
from boxoffice.sync.background import in_background
from boxoffice.sync.backoff import Backoff
from boxoffice.sync.batch_size import batch_sizer
from boxoffice.sync.batches_client import BatchesClient
from boxoffice.sync.client import CentralClient, PreparedBody
from boxoffice.sync.culprits import Strikes, is_refusal, may_be_the_entries
from boxoffice.sync.errors import CentralAuthError, CentralError, CentralRejected, CentralServerError, ForeignAnswer
from boxoffice.sync.wire import ticket_sold_entry

log = logging.getLogger(__name__)

_SYNC_KINDS = ("sale", "void")
IDLE_POLL_SECONDS = 5.0  # another process (boxoffice sell) may have queued a sale
HORIZON_CHECK_SECONDS = 60.0  # the age of the oldest undelivered sale is read at most this often


class DeliveryBook(conflict_feed.ConflictBook, Protocol):
    """The store side of delivery (:mod:`boxoffice.services.delivery` is one): reads batches and the status,
    records answers and stores the conflict feed."""

    def next_batch(self, read_session_factory: sessionmaker[Session], batch_size: int,
                   after_id: int | None = None) -> list[dict[str, Any]]: ...

    def mark_attempted(self, session_factory: sessionmaker[Session],
                       batch: list[dict[str, Any]]) -> list[dict[str, Any]]: ...

    def record_sync_results(self, session_factory: sessionmaker[Session], batch: Sequence[dict[str, Any]],
                            results: Sequence[Any], head: Any = None) -> Any: ...

    def record_unassign_delivered(self, session_factory: sessionmaker[Session], item: dict[str, Any]) -> None: ...

    def record_activation_delivered(self, session_factory: sessionmaker[Session], item: dict[str, Any],
                                    answer: dict[str, Any]) -> None: ...

    def park(self, session_factory: sessionmaker[Session], item: dict[str, Any], message: str) -> None: ...

    def record_failure(self, session_factory: sessionmaker[Session], ids: Sequence[int], message: str,
                       next_attempt_at: datetime) -> None: ...

    def note_error(self, session_factory: sessionmaker[Session], message: str) -> None: ...

    def read_status(self, session_factory: sessionmaker[Session], horizon_hours: int = 20,
                    connection: str = "unknown", auth_problem: bool = False) -> SyncStatus: ...


class GzipMemory(Protocol):
    """Whether a platform took gzip bodies, kept across runs (the store's, :class:`boxoffice.services.delivery.
    GzipMemory`): a ``boxoffice sync --once`` from a timer is a new client each time, and its first batch of a
    catch-up, sent plain, is ten times the size (seconds on a box office's uplink)."""

    def knows(self, url: str) -> bool: ...

    def note(self, url: str, accepted: bool) -> None: ...


@dataclass
class _Ahead:
    """The next round's request, sent while the round before it is recorded (a pipelined drain)."""

    batch: list[dict[str, Any]]
    answer: Future[Any]  # of client.synchronize: its results, or the CentralError it raised


@dataclass
class _Following:
    """The batch after the one in flight, read, marked attempted and its request body encoded while the
    platform works."""

    items: list[tuple[dict[str, Any], dict[str, Any]]]  # (outbox item, its entry)
    body: PreparedBody  # of all of them


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
    #: purchase codes whose cancellation the platform confirmed this round (their seats are free again)
    settled: list[str] = field(default_factory=list)
    #: new conflicts the platform reported for this office after the round (its conflict list)
    reported: int = 0


class DeliveryWorker:
    def __init__(self, session_factory: sessionmaker[Session], client_factory: Callable[[], CentralClient], *,
                 book: DeliveryBook, batch_size: int = 100, horizon_hours: int = 20, backoff: Backoff | None = None,
                 read_session_factory: sessionmaker[Session] | None = None, terminal_id: str | None = None,
                 entry_of: Callable[[Any, str], dict[str, Any]] = ticket_sold_entry,
                 gzip_memory: GzipMemory | None = None) -> None:
        self.session_factory = session_factory
        self.gzip_memory = gzip_memory
        self._gzip_noted: bool | None = None  # what gzip_memory holds for the current client's platform
        # how an outbox payload becomes a wire entry: a terminal's snapshot by default; the office hub's payloads
        # are already the entries its windows sent (boxoffice/hub/upstream.py)
        self.entry_of = entry_of
        self.book = book  # the services' delivery module (services/delivery.py): sync/ never imports services
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
        self._horizon_checked: float | None = None  # time.monotonic() of the last check
        self._pipelined = False  # while a drain runs: requests go out ahead (in_background)
        self._ahead: _Ahead | None = None  # the request sent ahead, answer not taken yet
        self._conflicts_due = False  # a pipelined drain fetches the conflict feed once, at its end
        self._lock = threading.Lock()
        self._strikes = Strikes()
        self._client_lock = threading.Lock()  # stop() vs. the worker thread making or dropping its client
        self.fetch_conflicts = True  # after a round that reached the platform (tests of other things may not)

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
        return self.book.read_status(self.read_session_factory, self.horizon_hours, self._connection,
                                     self._auth_problem)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                result = self.drain()  # until the queue is empty or a round fails, pipelined
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
        """Deliver until the outbox is empty or a round fails (the thread's loop, ``boxoffice sync --once``),
        pipelined (see the module's docstring): the platform does not wait for this terminal's bookkeeping between
        requests. The conflict list is fetched at the end, after a drain the platform took part in."""
        total = RoundResult()
        self._pipelined = True
        try:
            rounds = 0
            while rounds < max_rounds or self._ahead is not None:  # a request sent ahead is always answered
                rounds += 1
                result = self.run_once()
                total.delivered += result.delivered
                total.parked += result.parked
                total.conflicts += result.conflicts
                total.settled += result.settled
                total.reported += result.reported
                if result.failed or result.idle:
                    total.failed, total.error, total.retry_in = result.failed, result.error, result.retry_in
                    total.idle = result.idle
                    break
        finally:
            self._pipelined, self._ahead = False, None  # an unanswered request sent ahead is sent again later
        if self._conflicts_due:
            self._conflicts_due = False
            client = self._round_client()
            if client is not None:
                self._fetch_conflicts(client, total)
        return total

    def run_once(self) -> RoundResult:
        with self._lock:
            ahead, self._ahead = self._ahead, None  # sent during the round before (a pipelined drain)
            batch = ahead.batch if ahead is not None else self._next_batch()
            if not batch:
                self._connection = "online" if self._connection == "syncing" else self._connection
                return RoundResult(idle=True)
            tracepoints.reach("sync.batch_read")
            self._connection = "syncing"
            self._check_horizon()
            client = self._round_client()
            if client is None:  # stop() came first: send nothing, the items stay pending
                return RoundResult(failed=True, error="delivery stopped", retry_in=0.0)
            if ahead is None:
                batch = self._mark_attempted(batch)
                if not batch:  # all voided meanwhile, before anything was sent: the next round takes what is left
                    return RoundResult()
            try:
                if batch[0]["kind"] == "unassign":
                    result = self._deliver_unassign(client, batch[0])
                elif batch[0]["kind"] == "activate":
                    result = self._deliver_activation(client, batch[0])
                else:
                    result = self._deliver_sync(client, batch, ahead)
            except CentralError as exc:
                return self._failed(client, batch, exc)
            if result.failed:  # part of the round failed; _failed already did the bookkeeping
                if result.delivered or result.parked:
                    self._fetch_conflicts(client, result)
                return result
            self.backoff.success()
            self._connection = "online"
            self._auth_problem = False
            self._fetch_conflicts(client, result)
            return result

    def _fetch_conflicts(self, client: CentralClient, result: RoundResult) -> None:
        """The platform answered this round: fetch its new conflicts for this office (never fails the round).
        A pipelined drain fetches them once, at its end (a request of its own may be in flight meanwhile)."""
        if self._pipelined:
            self._conflicts_due = True
        elif self.fetch_conflicts and not self._stop.is_set():
            result.reported = conflict_feed.fetch_new(client, self.session_factory, self.book)

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
                self._recall_gzip(self._client)
            return self._client

    def _recall_gzip(self, client: CentralClient) -> None:
        self._gzip_noted = None
        if self.gzip_memory is not None:
            self._gzip_noted = self.gzip_memory.knows(client.base_url)
            if self._gzip_noted:
                client.remember_gzip()

    def _note_gzip(self, client: CentralClient) -> None:
        """Keep what the platform's answers said of gzip, once it changed (a write only then)."""
        if self.gzip_memory is not None and self._gzip_noted is not None \
                and client.gzip_accepted != self._gzip_noted:
            self.gzip_memory.note(client.base_url, client.gzip_accepted)
            self._gzip_noted = client.gzip_accepted

    def _next_batch(self) -> list[dict[str, Any]]:
        # how many items one request carries: at most batch_size, fewer while rounds are slow (sync/batch_size.py)
        return batch_sizer(self).next_batch(lambda size: self.book.next_batch(self.read_session_factory, size))

    def _mark_attempted(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Record that these items are about to be sent (committed before sending); what is still pending."""
        return self.book.mark_attempted(self.session_factory, batch)

    def _check_horizon(self) -> None:
        """Warn once when the oldest undelivered sale nears the platforms' idempotency horizon (read at most
        every :data:`HORIZON_CHECK_SECONDS`: a catch-up makes a round every fraction of a second)."""
        now = time.monotonic()
        if self._horizon_checked is not None and now - self._horizon_checked < HORIZON_CHECK_SECONDS:
            return
        self._horizon_checked = now
        status = self.book.read_status(self.read_session_factory, self.horizon_hours)
        if status.horizon_exceeded and not self._horizon_warned:
            log.warning("the oldest undelivered sale is %.1f h old (horizon %d h): many platforms forget "
                        "idempotency keys after 24 h; get this terminal online",
                        (status.oldest_pending_age_seconds or 0) / 3600, self.horizon_hours)
        self._horizon_warned = status.horizon_exceeded

    # -- sales and voids -------------------------------------------------------------------------------------

    def _deliver_sync(self, client: CentralClient, batch: list[dict[str, Any]],
                      ahead: _Ahead | None = None) -> RoundResult:
        """Send ``batch`` (``ahead``: it was sent already); if it fails in a way its content may cause, split it
        in halves (depth first, within this round) down to the entry it fails on, delivering the rest
        (:mod:`boxoffice.sync.culprits`)."""
        self._strikes.new_round()
        outcome = RoundResult()
        parts: list[list[dict[str, Any]]] = [batch]
        held: list[dict[str, Any]] = []  # entries that failed alone and stay pending
        held_exc: CentralError | None = None
        answered, failures = False, 0
        budget = 2 * len(batch).bit_length() + 2  # failed requests before a round with no answer gives up
        park_message: str | None = None
        while parts:
            part = parts.pop(0)
            sent, ahead = ahead, None  # only the whole batch was sent ahead
            try:
                self._send(client, part, outcome, sent, whole=part is batch)
            except CentralError as exc:
                failures += 1
                if not may_be_the_entries(exc) or (not answered and failures > budget):
                    rest = [*held, *part, *(item for later in parts for item in later)]
                    return _merged(outcome, self._failed(client, rest, exc, answered=answered))
                if len(part) > 1:
                    log.warning("batch of %d failed (%s); splitting it to find the entry", len(part), exc)
                    middle = len(part) // 2
                    parts[:0] = [part[:middle], part[middle:]]
                    continue
                message = self._failed_alone(part[0], exc)
                if message is None:
                    held.append(part[0])
                    held_exc = exc
                else:
                    outcome.parked += 1
                    park_message = message
                continue
            answered = True
            self._strikes.answered()
        if held_exc is not None:
            return _merged(outcome, self._failed(client, held, held_exc, answered=answered))
        if park_message is not None:  # the round went through, but it parked something
            self.book.note_error(self.session_factory, park_message)
        return outcome

    def _send(self, client: CentralClient, batch: list[dict[str, Any]], outcome: RoundResult,
              sent: _Ahead | None = None, *, whole: bool = False) -> None:
        """One synchronisation request for ``batch`` (``sent``: already on its way), its answer recorded in one
        transaction. In a pipelined drain (``whole``: the round's whole batch) the next batch is read while the
        platform works, and sent once this answer is in, before it is recorded."""
        head = batch[0].get("journal_head") if self.terminal_id else None
        if sent is None and self._pipelined and whole:
            sent = _Ahead(batch, in_background(self._synchronize, client, batch, self._entries(batch),
                                               name="boxoffice-send"))
        following = None
        if sent is None:
            results = self._synchronize(client, batch, self._entries(batch))
        else:
            following = self._following(client, batch)  # read, marked and encoded while the platform works
            results = sent.answer.result()
        tracepoints.reach("sync.answer_received")
        if following and not self._stop.is_set():
            self._ahead = self._send_ahead(client, following)
        delivered = outcome.delivered
        recorded = self.book.record_sync_results(self.session_factory, batch, results, head)
        self._note_gzip(client)
        for item in batch:
            self._strikes.forget(item["id"])
        outcome.delivered += recorded.delivered
        outcome.parked += recorded.parked
        outcome.conflicts += recorded.conflicts
        outcome.settled += recorded.settled
        tracepoints.reach("sync.outcome_committed")
        log.info("delivered %d sales/voids (%d conflicts so far)", outcome.delivered - delivered,
                 len(outcome.conflicts))

    def _entries(self, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [self.entry_of(item["payload"], item["key"]) for item in batch]

    def _synchronize(self, client: CentralClient, batch: list[dict[str, Any]],
                     entries: list[dict[str, Any]], body: PreparedBody | None = None) -> Any:
        """``body``: the request's body encoded already (of these entries and this journal head)."""
        head = batch[0].get("journal_head") if self.terminal_id else None
        # a retry carrying a newer head is a new request (its entries still replay by their own keys)
        keys = [item["key"] for item in batch] + ([f"journal:{head.seq}:{head.hash}"] if head else [])
        request_key = hashlib.sha256("|".join(keys).encode()).hexdigest()[:40]
        return client.synchronize(entries, request_key, self._head_wire(client, batch), prepared=body)

    def _head_wire(self, client: CentralClient, batch: list[dict[str, Any]]) -> dict[str, Any] | None:
        head = batch[0].get("journal_head") if self.terminal_id else None
        return head.wire(client.office_id, self.terminal_id) if head else None

    def _following(self, client: CentralClient, batch: list[dict[str, Any]]) -> _Following | None:
        """The sales and voids after ``batch`` (still pending here while it is in flight), marked attempted
        (committed before they can be sent, as for any round) with their entries and their request's body; None
        when nothing follows or what follows goes alone (a return, an activation: its own round). All of it is
        done while the platform works: only the send is left for when the answer is in. If that answer never
        comes, they stay marked and go in a later round: a void of one meanwhile queues a cancellation behind
        it, as for any sale that may be at the platform."""
        after = max(item["id"] for item in batch)
        following = batch_sizer(self).next_batch(
            lambda size: self.book.next_batch(self.read_session_factory, size, after_id=after))
        if not following or following[0]["kind"] not in _SYNC_KINDS:
            return None
        live = {item["id"] for item in self._mark_attempted(following)}
        kept = [item for item in following if item["id"] in live]  # voided since it was read: not sent
        if not kept:
            return None
        entries = self._entries(kept)
        return _Following(list(zip(kept, entries, strict=True)),
                          client.prepare_synchronize(entries, self._head_wire(client, kept)))

    def _send_ahead(self, client: CentralClient, following: _Following) -> _Ahead:
        batch = [item for item, _entry in following.items]
        return _Ahead(batch, in_background(self._synchronize, client, batch, [e for _i, e in following.items],
                                           following.body, name="boxoffice-send"))

    # -- returns ---------------------------------------------------------------------------------------------

    def _deliver_unassign(self, client: CentralClient, item: dict[str, Any]) -> RoundResult:
        payload = item["payload"]
        try:
            client.unassign(payload["event_id"], payload["ticket_ids"], item["key"])
        except CentralRejected as exc:
            if isinstance(exc, ForeignAnswer):
                raise  # not the platform's answer: transport trouble, retried
            self._park(item, exc.reason)
            return RoundResult(parked=1)
        self.book.record_unassign_delivered(self.session_factory, item)
        return RoundResult(delivered=1)

    def _deliver_activation(self, client: CentralClient, item: dict[str, Any]) -> RoundResult:
        """A pre-generated ticket sold at the window: the spec's activate call (the same activation sent again
        answers the same ticket; another payment for it is a refusal, parked for the supervisor)."""
        payload = item["payload"]
        try:
            ticket = BatchesClient(client).activate(payload["ticket_id"], payload["amount_cents"], payload["method"],
                                                    payload.get("reference"), holder_name=payload.get("holder"))
        except CentralRejected as exc:
            if isinstance(exc, ForeignAnswer):
                raise  # not the platform's answer: transport trouble, retried
            self._park(item, exc.reason)
            return RoundResult(parked=1)
        self.book.record_activation_delivered(self.session_factory, item, ticket)
        return RoundResult(delivered=1)

    # -- failures --------------------------------------------------------------------------------------------

    def _park(self, item: dict[str, Any], message: str) -> None:
        log.warning("outbox item %s (%s %s) parked: %s", item["id"], item["kind"], item["subject"], message)
        self._strikes.forget(item["id"])
        self.book.park(self.session_factory, item, message)

    def _failed_alone(self, item: dict[str, Any], exc: CentralError) -> str | None:
        """An entry sent alone failed: park it (its message) when that is certain, else None (it stays)."""
        if is_refusal(exc):
            message = exc.reason
        else:
            strikes = self._strikes.strike(item["id"], exc)
            if strikes is None:
                log.warning("%s %s failed alone (%s); kept pending", item["kind"], item["subject"], exc)
                return None
            message = (f"{exc.reason} (the platform answered this {strikes} times in a row, for this entry "
                       "alone, while it took other sales)")
        self._park(item, message)
        return message

    def _failed(self, client: CentralClient, batch: list[dict[str, Any]], exc: CentralError, *,
                answered: bool = False) -> RoundResult:
        """The round ends with ``batch`` still pending; ``answered``: the platform took part of the round."""
        if self._stop.is_set() and threading.current_thread() is self._thread:
            # stop() cut this request: a shutdown, not a verdict on the server; the items stay as they were
            log.info("delivery stopped mid-request (%s); %d items stay pending", exc, len(batch))
            client.close()
            return RoundResult(failed=True, error="delivery stopped", retry_in=0.0)
        self._note_gzip(client)  # a remembered gzip the platform did not confirm is forgotten, sent or not
        retry_after = exc.retry_after if isinstance(exc, CentralServerError) else None
        if answered:
            self.backoff.success()  # the server is up (it took the rest): retry soon, not as a dead server
        delay = self.backoff.failure(retry_after)
        self._connection = "online" if answered else "offline"
        self._auth_problem = isinstance(exc, CentralAuthError)
        if not isinstance(exc, CentralServerError):
            with self._client_lock:  # start from a fresh connection pool after a cut connection
                if self._client is client:
                    self._client = None
            client.close()
        log.warning("delivery failed (%s); retry in %.1f s (failure %d)", exc, delay, self.backoff.failures)
        next_at = utcnow() + timedelta(seconds=delay)
        self.book.record_failure(self.session_factory, [i["id"] for i in batch], str(exc), next_at)
        return RoundResult(failed=True, error=str(exc), retry_in=delay)


def _merged(done: RoundResult, failed: RoundResult) -> RoundResult:
    """A failed round's result that still counts what the round delivered and parked before it failed."""
    failed.delivered += done.delivered
    failed.parked += done.parked
    failed.conflicts = done.conflicts + failed.conflicts
    failed.settled = done.settled + failed.settled
    return failed

