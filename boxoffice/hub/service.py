"""``boxoffice hub serve``: the hub's app for its windows, its delivery toward the central, and its pull.

* The window-facing app (:func:`boxoffice.hub.app.build_hub_app`, over the same database) runs under uvicorn
  in the main thread; uvicorn turns SIGTERM and Ctrl+C into a graceful shutdown, after which the threads below
  are stopped.
* The terminal's delivery worker (:class:`boxoffice.sync.worker.DeliveryWorker`) drains ``hub_upstream`` with
  :class:`boxoffice.hub.upstream.HubBook`, sending each entry exactly as its window sent it.
* :class:`PullLoop` mirrors the office's inventory from the central (:func:`boxoffice.hub.mirror.pull_upstream`):
  once at start, in its thread (a central that is down never holds up the start), then every ``pull_seconds``;
  while the central does not answer it retries with the worker's backoff, never more often than that interval.
* SIGTERM or Ctrl+C: uvicorn finishes the requests in flight, then the pull and the delivery stop (a request in
  flight is cut; its rows stay pending) and the command ends with status 0.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from typing import Any

from boxoffice.central.db import Database
from boxoffice.core.errors import BoxOfficeError
from boxoffice.hub.config import HubConfig, load_upstream_token
from boxoffice.hub.mirror import pull_upstream
from boxoffice.hub.upstream import HubBook
from boxoffice.sync.backoff import Backoff
from boxoffice.sync.client import CentralClient
from boxoffice.sync.worker import DeliveryWorker

log = logging.getLogger(__name__)

UPSTREAM_BATCH = 100


def upstream_client_factory(config: HubConfig) -> Callable[[], CentralClient]:
    """Clients toward the hub's central as the office (the token read once, here)."""
    token = load_upstream_token(config)
    url, office_id = config.upstream.url, config.upstream.office_id
    return lambda: CentralClient(url, token, office_id)


def session_factories(db: Database) -> tuple[Any, Any]:
    """(write, read) session factories of ``db`` as the delivery book takes them: the database's own, so a
    write opens ``BEGIN IMMEDIATE`` on SQLite and a read does not take the write lock."""
    return db._writer, db._reader  # the Database's own two paths, as the worker expects them


def make_worker(db: Database, client_factory: Callable[[], CentralClient], *, batch_size: int = UPSTREAM_BATCH,
                backoff: Backoff | None = None) -> DeliveryWorker:
    """The terminal's delivery worker over ``hub_upstream``: entries go as the windows sent them."""
    write, read = session_factories(db)
    return DeliveryWorker(write, client_factory, book=HubBook(), batch_size=batch_size, backoff=backoff,
                          read_session_factory=read, entry_of=lambda payload, key: payload)


class PullLoop:
    """Pull the office's inventory now and then every ``seconds`` (backing off while the central is down)."""

    def __init__(self, db: Database, client_factory: Callable[[], CentralClient], seconds: float, *,
                 office_name: str | None = None, backoff: Backoff | None = None) -> None:
        self.db, self.client_factory, self.seconds = db, client_factory, seconds
        self.office_name = office_name
        self.backoff = backoff or Backoff()
        self.pulls = 0  # pulls that went through (tests, status)
        self.last_error: str | None = None
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._client: CentralClient | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="boxoffice-hub-pull", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop, cutting a pull in flight (its transaction is not committed)."""
        with self._lock:
            self._stop.set()
            client, self._client = self._client, None
        if client is not None:
            client.close()
        if self._thread is not None:
            self._thread.join(timeout)
            return not self._thread.is_alive()
        return True

    def pull_once(self) -> bool:
        """One pull; True when it went through (a failure is logged, never raised)."""
        with self._lock:
            if self._stop.is_set():
                return False
            client = self._client = self.client_factory()
        try:
            summary = pull_upstream(self.db, client, office_name=self.office_name)
        except BoxOfficeError as exc:
            if self._stop.is_set():  # stop() cut it: a shutdown, not news about the central
                return False
            self.last_error = str(exc)
            log.warning("pull from the central failed (%s); the hub keeps serving what it has", exc)
            return False
        finally:
            with self._lock:
                self._client = None
            client.close()
        self.pulls += 1
        self.last_error = None
        log.info("pulled %d ticket(s) of %d event(s) from the central", summary.tickets, len(summary.events))
        return True

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                ok = self.pull_once()
            except Exception:  # a bug must not end the pulls for good
                log.exception("pull crashed")
                ok = False
            if ok:
                self.backoff.success()
                wait = self.seconds
            else:
                wait = min(self.seconds, self.backoff.failure())
            self._stop.wait(wait)


def serve(config: HubConfig, *, host: str | None = None, port: int | None = None,
          log_level: str = "info") -> int:
    """Run the hub until SIGTERM or Ctrl+C; 0 when it stopped cleanly."""
    import uvicorn

    from boxoffice.hub.app import build_hub_app
    from boxoffice.hub.db import hub_database
    from boxoffice.hub.settings import HubSettings

    client_factory = upstream_client_factory(config)  # not paired, no token: said before anything starts
    db = hub_database(config.db_url)
    settings = HubSettings(office_id=config.upstream.office_id, hold_seconds=config.hub.hold_seconds,
                           lease_size=config.hub.lease_size, lease_low_water=config.hub.lease_low_water)
    app = build_hub_app(db, settings)  # one database (one pool) for the app, the delivery and the pull
    worker = make_worker(db, client_factory)
    puller = PullLoop(db, client_factory, config.hub.pull_seconds, office_name=config.upstream.office_name or None)
    server = uvicorn.Server(uvicorn.Config(app, host=host or config.hub.host, port=port or config.hub.port,
                                           log_level=log_level.lower(), access_log=False))
    # uvicorn catches SIGTERM and Ctrl+C for its graceful shutdown, then raises the signal again to the handler it
    # found: this one only notes it, so the threads below are stopped and the command ends with status 0
    stopped_by: list[int] = []
    previous = {sig: signal.signal(sig, lambda number, _frame: stopped_by.append(number))
                for sig in (signal.SIGINT, signal.SIGTERM)}
    worker.start()
    puller.start()
    log.info("hub of office %s serving on %s:%s, upstream %s", config.upstream.office_id, server.config.host,
             server.config.port, config.upstream.url)
    try:
        server.run()
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        puller.stop()
        worker.stop()
        db.dispose()
        log.info("hub stopped%s", f" (signal {stopped_by[0]})" if stopped_by else "")
    return 0
