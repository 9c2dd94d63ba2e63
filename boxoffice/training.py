"""Training mode: a clerk practises on a scratch copy of the store that is thrown away afterwards.

The copy is taken with SQLite's online backup (consistent even while the delivery worker writes to the real
store), opened as a store of its own and handed to the same services. Three things keep it apart from real
business: its terminal is marked ``training`` (every sale is flagged, so tickets and receipts print
"TRAINING / FORMACIÓN"), it gets no delivery worker and no pull (nothing reaches the central platform), and the
real store's file, outbox and journal are never opened for writing. Leaving training deletes the copy; a copy
left by a crash is deleted at the next start of training.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boxoffice.services.context import Terminal
from boxoffice.store.engine import Store, open_store

log = logging.getLogger(__name__)

TRAINING_DIR = "training"


@dataclass
class TrainingStore:
    """A scratch store and how to get rid of it."""

    store: Store
    path: Path
    terminal: Terminal

    def discard(self) -> None:
        """Close the copy and delete its files (the WAL and shared-memory files too)."""
        self.store.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        log.info("training copy %s discarded", self.path.name)


def _clear_leftovers(folder: Path) -> None:
    for stale in folder.glob("training-*.sqlite3*"):
        try:
            stale.unlink()
            log.info("removed a training copy left behind: %s", stale.name)
        except OSError as error:  # Windows: still open by a process that crashed and lingers
            log.warning("could not remove old training copy %s: %s", stale, error)


def start_training(live_database: Path, data_dir: Path, terminal: Terminal) -> TrainingStore:
    """Copy the live store into ``data_dir/training`` and open the copy; the live file is only read."""
    folder = data_dir / TRAINING_DIR
    folder.mkdir(parents=True, exist_ok=True)
    _clear_leftovers(folder)
    target = folder / f"training-{uuid.uuid4().hex[:12]}.sqlite3"
    source = sqlite3.connect(f"{live_database.resolve().as_uri()}?mode=ro", uri=True)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()
    store = open_store(target)
    log.info("training started on a copy of %s", live_database.name)
    return TrainingStore(store, target, dataclasses.replace(terminal, training=True))


def training_backend(backend, training: TrainingStore, make_printer: Callable[[Store], Any]):
    """The window's backend pointed at the scratch store: same printer settings, no sync, no pull."""
    from boxoffice.services.sync_status import read_status

    read = training.store.read_session_factory
    scratch = dataclasses.replace(
        backend, terminal=training.terminal, session_factory=training.store.session_factory,
        read_session_factory=read, sync_status=lambda: read_status(read, connection="training"),
        pull=None, wake_sync=lambda: None, apply_settings=None, training=True, start_training=None)
    make_printer(training.store).apply(scratch)  # app.PrinterHooks bound to the scratch store
    # the real cash drawer stays shut: every opening of it is accounted for in the real journal, and practice
    # sales take no real money
    scratch.no_sale = None
    if scratch.print_sale is not None:
        print_sale = scratch.print_sale

        def print_without_drawer(code: str, reprint: bool = False, cash: bool = False) -> None:
            print_sale(code, reprint=reprint, cash=False)

        scratch.print_sale = print_without_drawer
    scratch.facades = training_facades(scratch, training)
    return scratch


def training_facades(scratch, training: TrainingStore):  # -> boxoffice.facades.Facades
    """Exactly what training may touch: the scratch store's sales, clerks and shifts, a sync view with no worker
    behind it, and a printer that never opens the real drawer."""
    from boxoffice.facades import PrintingFacade, SyncView, build_facades

    printing = PrintingFacade(bool(scratch.printing_ready()), scratch.print_sale, None, scratch.print_report)
    return build_facades(training.store, training.terminal, sync=SyncView.training(training.store,
                                                                                   training.terminal),
                         printing=printing.without_drawer())


def training_starter(backend, live_database: Path, data_dir: Path, make_printer: Callable[[Store], Any]
                     ) -> Callable[[], tuple]:
    """What the supervisor's "Training mode" calls: -> (training backend, leave), leave discarding the copy."""

    def start() -> tuple:
        training = start_training(live_database, data_dir, backend.terminal)
        try:
            return training_backend(backend, training, make_printer), training.discard
        except Exception:
            training.discard()
            raise

    return start
