"""WAL checkpoints while the window is idle, not inside a sale's commit.

With SQLite's default (``wal_autocheckpoint`` = 1,000 pages) the commit that pushes the WAL past the limit copies
every page back into the database file and fsyncs it before it returns. A sale writes about 30 pages, so one
sale in ~30 paid for a checkpoint: that was the sale commit's p99. The store's connections therefore checkpoint
on their own only far later (:data:`SAFETY_NET_PAGES`, so the WAL stays bounded even if this thread is stopped),
and :class:`IdleCheckpointer` runs a PASSIVE checkpoint on its own connection once no transaction has committed
for :data:`IDLE_S`: at a window that is the pause between two customers. PASSIVE never blocks a writer or a
reader; a sale that starts during it appends to the WAL as usual. Durability is unchanged: every commit is still
fsynced in the WAL (``synchronous=FULL``); a checkpoint only moves committed pages into the main file.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from pathlib import Path

from sqlalchemy import Engine, event

log = logging.getLogger(__name__)

#: The store's connections checkpoint inline only when the WAL has grown this far (about 40 MB).
SAFETY_NET_PAGES = 10_000
#: Quiet time after the last commit before the background checkpoint runs.
IDLE_S = 0.5
_BUSY_TIMEOUT_MS = 100  # a checkpoint that meets a lock gives up and tries again after the next commit


class IdleCheckpointer:
    """One daemon thread per open store: after commits, once the store has been quiet for ``idle_s``, one PASSIVE
    checkpoint. It sleeps on an event between commits (no polling) and stops with :meth:`stop`."""

    def __init__(self, engine: Engine, path: Path, idle_s: float = IDLE_S) -> None:
        self._engine, self._path, self._idle_s = engine, Path(path), idle_s
        self._wake = threading.Event()
        self._stopping = False
        self._last_commit = 0.0
        self.checkpoints = 0  # completed checkpoints, for tests and diagnostics
        self.checkpointed = threading.Event()  # set after each completed checkpoint
        event.listen(engine, "commit", self._committed)
        self._thread = threading.Thread(target=self._run, name="wal-checkpoint", daemon=True)
        self._thread.start()

    def _committed(self, _connection: object) -> None:
        self._last_commit = time.monotonic()
        self._wake.set()

    def _run(self) -> None:
        connection: sqlite3.Connection | None = None
        try:
            while True:
                self._wake.wait()
                if self._stopping:
                    return
                quiet = time.monotonic() - self._last_commit
                if quiet < self._idle_s:
                    time.sleep(self._idle_s - quiet)  # a commit in the meantime moves the deadline on
                    continue
                self._wake.clear()
                connection = connection or self._connect()
                self._checkpoint(connection)
        finally:
            if connection is not None:
                connection.close()

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        connection.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA synchronous=FULL")
        return connection

    def _checkpoint(self, connection: sqlite3.Connection) -> None:
        try:
            connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
            self.checkpoints += 1
            self.checkpointed.set()
        except sqlite3.Error as exc:  # a full disk or a lock: the next quiet moment tries again
            log.info("background WAL checkpoint skipped: %s", exc)

    def stop(self) -> None:
        """Stop the thread (before the engine is disposed: the last connection's close checkpoints fully)."""
        if self._stopping:
            return
        self._stopping = True
        event.remove(self._engine, "commit", self._committed)
        self._wake.set()
        self._thread.join(timeout=5)
