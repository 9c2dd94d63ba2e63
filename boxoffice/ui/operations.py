"""The one runner for background work (the shape of Anki's ``aqt.operations`` CollectionOp / QueryOp).

* :meth:`OperationRunner.write` — a mutation: all of them run, in order, on one writer thread, so two writes
  never race for SQLite's lock.
* :meth:`OperationRunner.read` — a query on a small read pool (the callable uses read-only sessions); reads
  never wait behind a write (WAL).
* :meth:`OperationRunner.device` — printing and the cash drawer, in order, on a device thread of their own: a
  printer that is off holds its own queue for its timeout, never the next sale's commit.
* :meth:`OperationRunner.network` — long network work that writes through its own short transactions (the
  inventory pull): a slow platform never delays a sale either.
* The result comes back on the GUI thread: first the change hub is told what the operation changed
  (:func:`boxoffice.core.changes.changes_of`), so every view updates even if the widget that asked is gone;
  then ``success(result)``. A failure goes to ``failure(exc)`` or, when none is given, to the one presenter that
  shows translated text (:mod:`boxoffice.ui.error_text`).
* Callbacks are dropped safely when their ``parent`` widget is destroyed before the work finishes; the work
  itself is done and kept.

Call ``write``/``read`` from the GUI thread only; the callables must not touch widgets.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from boxoffice.core.changes import changes_of
from boxoffice.ui.change_hub import ChangeHub
from boxoffice.ui.qt import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)

WRITER_THREAD = "boxoffice-writer"
READER_THREAD = "boxoffice-read"
DEVICE_THREAD = "boxoffice-device"
NETWORK_THREAD = "boxoffice-network"
_WORKER_THREADS = (WRITER_THREAD, READER_THREAD, DEVICE_THREAD, NETWORK_THREAD)

Success = Callable[[Any], None]
Failure = Callable[[Exception], None]
Presenter = Callable[[QObject | None, Exception], None]


def is_worker_thread() -> bool:
    """True on one of the runner's threads (tests use it to tell GUI-thread I/O apart)."""
    return threading.current_thread().name.startswith(_WORKER_THREADS)


class Newest:
    """Only the answer of a view's latest read reaches the screen: two reads on the pool may finish out of
    order, and an older answer must not replace a newer one (nor a status the hub pushed meanwhile).

    ``newest.only(callback)`` wraps the callback of a read being issued now; the answers of reads issued before
    it are dropped. ``newest.accept()`` does the same for a value that arrived otherwise (a push)."""

    def __init__(self) -> None:
        self._latest = 0

    def only(self, callback: Callable[[Any], None]) -> Callable[[Any], None]:
        self._latest += 1
        ticket = self._latest

        def deliver(value: Any) -> None:
            if ticket == self._latest:
                callback(value)
        return deliver

    def accept(self) -> None:
        self._latest += 1


class _Relay(QObject):
    """Created on the GUI thread as a child of the asking widget: dies with it, and with it the callbacks. A
    success is delivered by the runner (:meth:`OperationRunner._settle`), a failure through ``failed``."""

    failed = Signal(object)

    def __init__(self, parent: QObject | None, runner: OperationRunner, success: Success | None,
                 failure: Failure | None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._success = success
        self._failure = failure
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def _on_done(self, result: Any) -> None:
        success, _ = self._release()
        if success is not None:
            success(result)

    @Slot(object)
    def _on_failed(self, exc: Exception) -> None:
        _, failure = self._release()
        if failure is not None:
            failure(exc)
        else:
            self._runner.present_failure(self.parent(), exc)

    def _release(self) -> tuple[Success | None, Failure | None]:
        # drop the callbacks before the deferred delete: a callback holding the last reference to a parentless
        # dialog must not free it inside this object's destructor
        callbacks = (self._success, self._failure)
        self._success = self._failure = None
        self._runner._finished(self)
        self.deleteLater()
        return callbacks


class OperationRunner(QObject):
    """One writer thread and a small read pool; results delivered on the GUI thread."""

    #: the number of operations submitted and not yet delivered changed (tests wait on it)
    pending_changed = Signal(int)
    #: a worker finished an operation: (relay, result, its changes), one queued event for both steps
    _settled = Signal(object, object, object)

    def __init__(self, hub: ChangeHub | None = None, *, readers: int = 2, presenter: Presenter | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.hub = hub
        self._presenter = presenter
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix=WRITER_THREAD)
        self._readers = ThreadPoolExecutor(max_workers=max(1, readers), thread_name_prefix=READER_THREAD)
        self._device = ThreadPoolExecutor(max_workers=1, thread_name_prefix=DEVICE_THREAD)
        self._network = _DaemonLane(NETWORK_THREAD)
        self._relays: set[_Relay] = set()
        self._closed = False
        self._settled.connect(self._settle, Qt.ConnectionType.QueuedConnection)

    @property
    def pending(self) -> int:
        return len(self._relays)

    def write(self, parent: QObject | None, fn: Callable[[], Any], *, success: Success | None = None,
              failure: Failure | None = None) -> Future[Any]:
        """Run a mutation, print job or device call on the writer thread (in submission order)."""
        return self._submit(self._writer, parent, fn, success, failure)

    def read(self, parent: QObject | None, fn: Callable[[], Any], *, success: Success | None = None,
             failure: Failure | None = None) -> Future[Any]:
        """Run a query on the read pool."""
        return self._submit(self._readers, parent, fn, success, failure)

    def device(self, parent: QObject | None, fn: Callable[[], Any], *, success: Success | None = None,
               failure: Failure | None = None) -> Future[Any]:
        """Print or drive the cash drawer on the device thread (in submission order)."""
        return self._submit(self._device, parent, fn, success, failure)

    def network(self, parent: QObject | None, fn: Callable[[], Any], *, success: Success | None = None,
                failure: Failure | None = None) -> Future[Any]:
        """Long network work (the inventory pull) on its own thread."""
        return self._submit(self._network, parent, fn, success, failure)

    def present_failure(self, parent: QObject | None, exc: Exception) -> None:
        if self._presenter is not None:
            self._presenter(parent, exc)
            return
        from boxoffice.ui.error_text import present_error

        present_error(parent, exc)

    def shutdown(self, wait: bool = True) -> None:
        """Refuse new work; with ``wait``, finish what was submitted (a sale in flight is committed)."""
        self._closed = True
        self._writer.shutdown(wait=wait)
        self._device.shutdown(wait=wait)
        self._readers.shutdown(wait=wait, cancel_futures=True)
        self._network.shutdown()  # a pull in flight is safe to abandon: it never holds the process at exit

    def _submit(self, pool: ThreadPoolExecutor | _DaemonLane, parent: QObject | None, fn: Callable[[], Any],
                success: Success | None, failure: Failure | None) -> Future[Any]:
        if self._closed:  # the window is closing: a late refresh (a hub signal) has nobody to serve
            log.debug("operation after shutdown dropped: %r", fn)
            dropped: Future[Any] = Future()
            dropped.cancel()
            return dropped
        relay = _Relay(parent, self, success, failure)
        self._relays.add(relay)
        relay.destroyed.connect(lambda *_: self._forget(relay))
        self.pending_changed.emit(self.pending)
        return pool.submit(self._run, fn, relay)

    def _run(self, fn: Callable[[], Any], relay: _Relay) -> Any:
        try:
            result = fn()
        except Exception as exc:  # delivered to the failure callback or the presenter on the GUI thread
            if not isinstance(exc, _expected_errors()):
                log.error("background operation failed", exc_info=True)
            _emit(relay.failed, exc)
            raise
        # one event for the hub and the success callback: posted as two, a read the hub's views start could
        # answer between them on a busy machine, before the success it follows (a view seeing "done" first)
        try:
            self._settled.emit(relay, result, changes_of(result))
        except RuntimeError as error:  # the runner itself is gone (the window closed)
            log.debug("operation result not delivered, the runner is gone: %s", error)
        return result

    @Slot(object, object, object)
    def _settle(self, relay: _Relay, result: Any, changes: Any) -> None:
        """On the GUI thread: tell the hub what changed (every view updates, even if the asking widget is gone),
        then the asking widget's success callback, if it is still there."""
        if self.hub is not None and not changes.empty:
            self.hub.dispatch_now(changes)
        if relay in self._relays:  # not destroyed with its widget (a destroyed relay leaves the set)
            relay._on_done(result)

    def _finished(self, relay: _Relay) -> None:
        self._forget(relay)

    def _forget(self, relay: _Relay) -> None:
        if relay in self._relays:
            self._relays.discard(relay)
            self.pending_changed.emit(self.pending)


class _DaemonLane:
    """One daemon thread running jobs in order: unlike an executor's threads it is not joined at interpreter
    exit, so a pull waiting on a slow platform never keeps a closing window's process alive."""

    def __init__(self, name: str) -> None:
        self._jobs: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = \
            queue.SimpleQueue()
        self._thread = threading.Thread(target=self._work, name=name, daemon=True)
        self._thread.start()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        self._jobs.put((future, fn, args))
        return future

    def shutdown(self) -> None:
        self._jobs.put(None)

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, fn, args = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args))
            except BaseException as exc:  # the job's own failure was delivered already; keep the lane alive
                future.set_exception(exc)


def _emit(signal: Any, value: Any) -> None:
    """The widget that asked may be gone (a dialog closed mid-task): nobody is left to tell."""
    try:
        signal.emit(value)
    except RuntimeError as error:
        log.debug("operation result not delivered, its window is closed: %s", error)


def _expected_errors() -> tuple[type[Exception], ...]:
    from boxoffice.core.errors import BoxOfficeError

    return (BoxOfficeError,)
