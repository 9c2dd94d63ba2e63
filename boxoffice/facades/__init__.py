"""Typed facades: what the window may do, built by the composition root from one store (issue #13 point 4).

Each facade binds the store's session factories (reads on read-only sessions, writes in one transaction each)
and the terminal to the service functions, and returns plain results; a mutation returns a
:class:`~boxoffice.facades.results.Changed` whose ``changes`` tell the change hub what to update. Nothing here
imports Qt, and nothing in ``ui/`` opens a session itself: it calls a facade through the operation runner.

:func:`build_facades` is used for the real store and, unchanged, for the training copy: what training may touch
is the list of facades it is given (no sync, a printer that never opens the real drawer), not fields switched
off one by one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from boxoffice.facades.batches import BatchesFacade
from boxoffice.facades.clerks import ClerksFacade
from boxoffice.facades.printing import PrintingFacade
from boxoffice.facades.results import Changed
from boxoffice.facades.sales import SalesFacade, SeatKeeper
from boxoffice.facades.shifts import ShiftsFacade
from boxoffice.facades.sync_view import SyncView
from boxoffice.services.context import Terminal

__all__ = ["BatchesFacade", "Changed", "ClerksFacade", "Facades", "PrintingFacade", "SalesFacade", "ShiftsFacade",
           "SyncView", "build_facades"]


@dataclass(frozen=True)
class Facades:
    """Everything the window may do against one store."""

    terminal: Terminal
    sales: SalesFacade
    clerks: ClerksFacade
    shifts: ShiftsFacade
    sync: SyncView
    printing: PrintingFacade
    batches: BatchesFacade


def build_facades(store, terminal: Terminal, *, sync: SyncView, printing: PrintingFacade | None = None,
                  wake_sync: Callable[[], None] | None = None,
                  central: Callable[[], object] | None = None, seats: SeatKeeper | None = None) -> Facades:
    """The facades over ``store`` (a :class:`boxoffice.store.engine.Store`) for ``terminal``; ``central`` makes
    a platform client for one call (the batch screen's; None, e.g. training or unpaired: no batches); ``seats``:
    the office hub's hold-or-lease rule for sales (a window behind a hub, issue #18)."""
    wake = wake_sync or sync.wake
    return Facades(
        terminal=terminal,
        sales=SalesFacade(store.session_factory, store.read_session_factory, terminal, wake, seats),
        clerks=ClerksFacade(store.session_factory, store.read_session_factory),
        shifts=ShiftsFacade(store.session_factory, store.read_session_factory),
        sync=sync,
        printing=printing or PrintingFacade.not_set_up(),
        batches=BatchesFacade(store.read_session_factory, central),
    )
