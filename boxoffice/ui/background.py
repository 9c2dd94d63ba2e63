"""Retired: the first-run wizard (``first_run.py``) is its last user; every other screen runs its work through
:class:`boxoffice.ui.operations.OperationRunner` (``ctx.runner``). Delete this module when the wizard moves.

``run_in_background(parent, fn, on_done, on_error)`` runs ``fn`` in Qt's global thread pool; the callbacks run
on the GUI thread (queued signal), and never after ``parent`` is destroyed. Widgets are never touched from
the worker thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from boxoffice.ui.qt import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives on the GUI thread; its slots receive the worker's signals queued onto that thread."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject, on_done: Callable[[Any], None],
                 on_error: Callable[[Exception], None] | None) -> None:
        super().__init__(parent)
        self._on_done: Callable[[Any], None] | None = on_done
        self._on_error: Callable[[Exception], None] | None = on_error
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_error)

    @Slot(object)
    def _deliver_done(self, value: Any) -> None:
        on_done, _ = self._finish()
        if on_done is not None:
            on_done(value)

    @Slot(object)
    def _deliver_error(self, exc: Exception) -> None:
        _, on_error = self._finish()
        if on_error is not None:
            on_error(exc)
        else:
            log.error("background task failed: %s", exc)

    def _finish(self) -> tuple[Callable[[Any], None] | None, Callable[[Exception], None] | None]:
        """Drop our references to the callbacks before the deferred delete: if they held the last reference
        to a parentless dialog, that dialog would otherwise be freed inside this object's destructor and
        delete this object a second time (a segfault seen under load)."""
        callbacks = (self._on_done, self._on_error)
        self._on_done = self._on_error = None
        _alive.discard(self)
        self.deleteLater()
        return callbacks


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as exc:  # delivered to on_error on the GUI thread
            log.debug("background task failed", exc_info=True)
            self._emit(self.relay.failed, exc)
            return
        self._emit(self.relay.done, result)

    @staticmethod
    def _emit(signal: Any, value: Any) -> None:
        """The widget that asked may be gone by now (a dialog closed mid-task): the work is done and kept, there
        is just nobody left to tell."""
        try:
            signal.emit(value)
        except RuntimeError as error:
            log.debug("background result not delivered, its window is closed: %s", error)


_alive: set[_Relay] = set()


def run_in_background(parent: QObject, fn: Callable[[], Any], on_done: Callable[[Any], None],
                      on_error: Callable[[Exception], None] | None = None) -> None:
    relay = _Relay(parent, on_done, on_error)  # child of parent: dropped with it
    _alive.add(relay)
    QThreadPool.globalInstance().start(_Task(fn, relay))
