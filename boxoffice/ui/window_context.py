"""What every screen works with: the typed facades, the operation runner and the change hub (issue #13).

One :class:`WindowContext` exists per backend (the real store, or the training copy) and is made on first use,
after the QApplication exists. Screens read and write only through ``ctx.runner`` calling ``ctx.facades``, and
update from ``ctx.hub``'s signals.

The facades come from the composition root (``backend.facades``, replaced there after pairing or a new printer
in Settings). For a backend built without them (tests that hand the window a bare store), they are built here
from the backend's session factories, their sync view and printing following the backend's fields at call time.
"""

from __future__ import annotations

from typing import Any

from boxoffice.core.money import MoneyFormat
from boxoffice.facades import Facades, PrintingFacade, SyncView, build_facades
from boxoffice.ui.change_hub import ChangeHub
from boxoffice.ui.error_text import present_error
from boxoffice.ui.operations import OperationRunner
from boxoffice.ui.qt import QCoreApplication

_ATTRIBUTE = "_window_context"


class WindowContext:
    """The facades (the composition root's, read at each use: pairing or Settings may replace them), the
    runner and the hub."""

    def __init__(self, backend: Any, runner: OperationRunner, hub: ChangeHub, money: MoneyFormat) -> None:
        self._backend = backend
        self._bridge: Facades | None = None
        self.runner = runner
        self.hub = hub
        self.money = money

    @property
    def facades(self) -> Facades:
        given = getattr(self._backend, "facades", None)
        if given is not None:
            return given
        if self._bridge is None:
            self._bridge = _facades_of(self._backend)
        return self._bridge


def window_context(backend: Any, *, share: WindowContext | None = None) -> WindowContext:
    """The backend's context, made on first use (the runner and hub live as long as the application).

    ``share``: the training copy's backend keeps the window's runner and hub (one writer thread, one place the
    views listen to) and gets facades of its own, over the scratch store.
    """
    found = getattr(backend, _ATTRIBUTE, None)
    if found is not None:
        return found
    money = backend.money
    if share is not None:
        hub, runner = share.hub, share.runner
    else:
        hub = ChangeHub(QCoreApplication.instance())
        runner = OperationRunner(hub, presenter=lambda parent, exc: present_error(parent, exc, money),
                                 parent=QCoreApplication.instance())
    context = WindowContext(backend, runner, hub, money)
    object.__setattr__(backend, _ATTRIBUTE, context)
    follow = getattr(backend, "follow_sync", None)
    if follow is not None and share is None:
        follow(lambda changes, status: (hub.publish(changes), hub.publish_sync_status(status)))
    return context


def shutdown(backend: Any) -> None:  # the runner is shared with training: shut down the real one only
    """Finish the writes in flight (a sale being committed) and stop the runner's threads."""
    found = getattr(backend, _ATTRIBUTE, None)
    if found is not None:
        found.runner.shutdown(wait=True)


class _Store:
    """The two session factories, shaped like a Store for :func:`build_facades`."""

    def __init__(self, backend: Any) -> None:
        self.session_factory = backend.session_factory
        self.read_session_factory = backend.read_session_factory


class _BackendPrinting(PrintingFacade):
    """Printing that follows the backend's printer fields at call time (Settings may swap the printer)."""

    def __init__(self, backend: Any) -> None:
        object.__setattr__(self, "_backend", backend)

    def __getattribute__(self, name: str) -> Any:
        if name in ("ready", "print_sale", "no_sale", "print_report", "unconfirmed", "dismiss_unconfirmed"):
            backend = object.__getattribute__(self, "_backend")
            if name == "ready":
                return bool(backend.printing_ready())
            return getattr(backend, name)
        return object.__getattribute__(self, name)


class _BackendSync(SyncView):
    """The sync view over the backend's status, wake-up and pull (pairing sets the pull later)."""

    def __init__(self, backend: Any) -> None:
        super().__init__(backend.session_factory, backend.read_session_factory, backend.terminal,
                         status=lambda: backend.sync_status(), wake=lambda: backend.wake_sync())
        self._backend = backend

    @property
    def pull_now(self) -> Any:
        return self._backend.pull


def _facades_of(backend: Any) -> Facades:
    return build_facades(_Store(backend), backend.terminal, sync=_BackendSync(backend),
                         printing=_BackendPrinting(backend), central=getattr(backend, "central_client", None))
