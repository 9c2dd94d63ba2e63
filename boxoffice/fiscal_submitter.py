"""Verifactu records sent in the background (issue #20 point 3), the way the delivery worker sends sales.

When ``[fiscal] submission_url`` is set, every invoice record is queued in the sale's own transaction
(``invoices.submission = 'pending'``); this thread sends the pending ones in chain order
(:func:`boxoffice.services.invoices.submit_pending`: one record per request, its *huella* as the idempotency key,
each marked sent in its own transaction once the endpoint said 2xx). It wakes after each sale, void or refund
(:meth:`wake`) and otherwise every :data:`IDLE_S`; a failed round waits with the delivery worker's backoff
(exponential with jitter), so an endpoint that is down is neither hammered nor forgotten. Nothing here can
hold a sale: the records wait in the store until the endpoint answers. ``boxoffice fiscal submit`` sends the
same queue by hand.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.services import invoices
from boxoffice.sync.backoff import Backoff

log = logging.getLogger(__name__)

#: seconds between two rounds when nothing wakes the thread (records queued by another process, a retry)
IDLE_S = 60.0


class FiscalSubmitter:
    """One daemon thread sending the store's pending invoice records to ``url``."""

    def __init__(self, session_factory: sessionmaker[Session], url: str, *, post: invoices.Poster | None = None,
                 backoff: Backoff | None = None, idle_s: float = IDLE_S,
                 on_round: Callable[[invoices.Submission], Any] | None = None) -> None:
        self._session_factory, self._url, self._post = session_factory, url, post
        self._backoff = backoff or Backoff(base=2.0, cap=300.0)
        self._idle_s = idle_s
        self._on_round = on_round
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fiscal-submit", daemon=True)
        self.last: invoices.Submission | None = None  # the latest round's outcome (diagnostics, tests)

    def start(self) -> None:
        self._thread.start()

    def wake(self) -> None:
        """Something was invoiced: send it now (a round waiting out a backoff keeps waiting)."""
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> bool:
        self._stop.set()
        self._wake.set()
        if self._thread.is_alive():
            self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            wait = self._idle_s
            try:
                result = invoices.submit_pending(self._session_factory, self._url, self._post)
            except Exception:  # a bug or a broken store must not end submission for good: log and retry later
                log.exception("fiscal submission round crashed")
                result = invoices.Submission(0, -1, "the round crashed; see the log")
            self.last = result
            if result.error is None:
                self._backoff.success()
            else:
                wait = self._backoff.failure()
                log.warning("fiscal records not sent (%s); %d pending, retry in %.0f s", result.error,
                            result.pending, wait)
            if self._on_round is not None:
                self._on_round(result)
            if result.error is None:
                self._wake.wait(wait)
            else:
                self._stop.wait(wait)
