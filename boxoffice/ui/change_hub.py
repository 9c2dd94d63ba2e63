"""The change hub: what operations and the delivery worker changed, as Qt signals on the GUI thread.

The model is Electrum's ``QtEventListener`` and Anki's ``operation_did_execute``: producers (the operation
runner, the delivery worker's callback) call :meth:`ChangeHub.publish` from any thread with a
:class:`~boxoffice.core.changes.Changes`; the hub re-emits it on its own (GUI) thread as one signal per kind
of change, and each view updates only what it shows. Nothing reloads everything, nothing polls.
"""

from __future__ import annotations

from typing import Any

from boxoffice.core.changes import Changes
from boxoffice.ui.qt import QObject, Qt, Signal, Slot


class ChangeHub(QObject):
    """Lives on the GUI thread; :meth:`publish` and :meth:`publish_sync_status` may be called from any thread."""

    #: (event id, {ticket id: new state})
    seats_changed = Signal(str, dict)
    #: purchase codes created, voided or confirmed
    sales_changed = Signal(tuple)
    #: the outbox moved: waiting/parked counts and the queue view are stale
    outbox_changed = Signal()
    #: events, products or zones changed (a pull)
    inventory_changed = Signal()
    shift_changed = Signal()
    #: purchase codes the platform answered for this round (their seats may have changed)
    platform_changed = Signal(tuple)
    #: a clerk was added, edited, deactivated or reactivated
    clerks_changed = Signal()
    #: the delivery worker's latest boxoffice.core.sync_status.SyncStatus
    sync_status_changed = Signal(object)
    #: every Changes, whole, for views that care about several kinds at once
    changed = Signal(object)

    _incoming = Signal(object)
    _incoming_status = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # queued: a publish from a worker thread is delivered on the hub's thread, in order
        self._incoming.connect(self._dispatch, Qt.ConnectionType.QueuedConnection)
        self._incoming_status.connect(self.sync_status_changed, Qt.ConnectionType.QueuedConnection)

    def publish(self, changes: Changes) -> None:
        if not changes.empty:
            self._incoming.emit(changes)

    def publish_sync_status(self, status: Any) -> None:
        self._incoming_status.emit(status)

    def dispatch_now(self, changes: Changes) -> None:
        """On the hub's own thread: tell the views at once (the operation runner, which then calls the asking
        widget back: the views always hear of a change before the widget that caused it)."""
        self._dispatch(changes)

    @Slot(object)
    def _dispatch(self, changes: Changes) -> None:
        if changes.seats and changes.event_id is not None:
            self.seats_changed.emit(changes.event_id, dict(changes.seats))
        if changes.sales:
            self.sales_changed.emit(tuple(changes.sales))
        if changes.outbox:
            self.outbox_changed.emit()
        if changes.inventory:
            self.inventory_changed.emit()
        if changes.shift:
            self.shift_changed.emit()
        if changes.platform:
            self.platform_changed.emit(tuple(changes.platform))
        if changes.clerks:
            self.clerks_changed.emit()
        self.changed.emit(changes)
