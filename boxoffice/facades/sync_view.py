"""What the window sees of delivery: the status, the queue, retries, conflict decisions and reports seen.

The training copy gets :meth:`SyncView.training`: the same reads on the scratch store, no worker to wake.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.changes import Changes
from boxoffice.core.sync_status import SyncStatus
from boxoffice.facades.results import Changed
from boxoffice.services import sync_queue
from boxoffice.services.context import Terminal
from boxoffice.services.sync_status import read_status


class SyncView:
    def __init__(self, session_factory: sessionmaker[Session], read_session_factory: sessionmaker[Session],
                 terminal: Terminal, *, status: Callable[[], SyncStatus] | None = None,
                 wake: Callable[[], None] = lambda: None, pull: Callable[[], object] | None = None) -> None:
        self._write = session_factory
        self._read = read_session_factory
        self.terminal = terminal
        self._status = status or (lambda: read_status(read_session_factory))
        self.wake = wake
        self._pull = pull

    @classmethod
    def training(cls, store, terminal: Terminal) -> SyncView:
        read = store.read_session_factory
        return cls(store.session_factory, read, terminal, status=lambda: read_status(read, connection="training"))

    @property
    def pull_now(self) -> Callable[[], object] | None:
        """Fetch the inventory now (network); None when the terminal is not paired or in training."""
        return self._pull

    def status(self) -> SyncStatus:
        return self._status()

    def pull(self) -> Changed[object]:
        if self.pull_now is None:
            raise RuntimeError("this terminal does not pull (not paired, or training)")
        # the pull also fetched the platform's conflict reports, which the sync queue lists
        return Changed(self.pull_now(), Changes(inventory=True, outbox=True))

    def items(self, states: Sequence[str] | None = None) -> list[sync_queue.QueueItem]:
        return sync_queue.list_items(self._read, states)

    def counts(self) -> dict[str, int]:
        return sync_queue.count_states(self._read)

    def retry(self, ids: Sequence[int] | None, actor: str) -> Changed[sync_queue.RetryResult]:
        result = sync_queue.retry_now(self._write, ids, actor)
        self.wake()
        return Changed(result, Changes(outbox=True))

    def decide(self, purchase_code: str, decision: str, note: str, actor: str) -> Changed[sync_queue.Decision]:
        result = sync_queue.decide_conflict(self._write, self.terminal, purchase_code, decision, note, actor)
        self.wake()
        return Changed(result, Changes(sales=(purchase_code,), outbox=True))

    def mark_seen(self, conflict_id: int, note: str, actor: str) -> Changed[sync_queue.Seen]:
        """A supervisor saw the platform's conflict report (nothing to deliver: the worker is not woken)."""
        return Changed(sync_queue.mark_report_seen(self._write, conflict_id, note, actor), Changes(outbox=True))
