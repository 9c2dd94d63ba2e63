"""A delivery worker that tells listeners what each round changed (the window's change hub listens).

Listeners run on the worker's thread and must only hand the news on (the change hub queues it to the GUI
thread). A listener that raises is logged and never stops delivery.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from boxoffice.core.changes import Changes
from boxoffice.sync.worker import DeliveryWorker, RoundResult, SyncStatus

log = logging.getLogger(__name__)

Listener = Callable[[Changes, SyncStatus], None]


def round_changes(result: RoundResult) -> Changes:
    """What a round changed: the outbox moved when anything was delivered, parked or failed; the sales the
    platform answered for may have changed seats."""
    moved = bool(result.delivered or result.parked or result.conflicts or result.failed)
    settled = tuple(dict.fromkeys([*result.conflicts, *result.settled]))
    return Changes(outbox=moved, platform=settled)


class ReportingWorker(DeliveryWorker):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._listeners: list[Listener] = []
        self._last_connection: str | None = None

    def follow(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def run_once(self) -> RoundResult:
        result = super().run_once()
        changes = round_changes(result)
        status_moved = self._connection != self._last_connection
        if self._listeners and (not changes.empty or status_moved):
            self._last_connection = self._connection
            status = self.status()
            for listener in list(self._listeners):
                try:
                    listener(changes, status)
                except Exception:  # the window's trouble must never stop delivery
                    log.exception("a delivery listener failed")
        return result
