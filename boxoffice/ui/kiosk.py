"""Kiosk mode: the window fills the screen, has no frame, and only a supervisor can close it.

:class:`KioskGuard` wraps a top-level window from the outside (an event filter; the window's own code is not
changed). A close request (the window manager's Alt+F4 or close, or Alt+F4 / Ctrl+Shift+Q caught by the app
itself on a bare X session with no window manager) is refused and a supervisor is asked for their PIN
(:func:`boxoffice.ui.supervisor_pin.ask_supervisor`); an Escape that reaches the window is swallowed, and the
window goes back to full screen if something takes it out. Only after the supervisor's PIN is accepted and the
exit is written to the journal (kind ``kiosk_exit``, the supervisor as actor, on the operation runner's writer
thread through the clerks facade) does the window close.

The OS still owns keys like Ctrl+Alt+Del or the Windows key: lock those down in the kiosk's OS profile
(packaging/ has the Linux autostart session).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from boxoffice.services.clerks import ClerkInfo
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QEvent,
    QKeyEvent,
    QKeySequence,
    QMessageBox,
    QObject,
    QShortcut,
    Qt,
    QTimer,
    QWidget,
    Signal,
    isValid,
)
from boxoffice.ui.window_context import WindowContext

log = logging.getLogger(__name__)

EXIT_SHORTCUTS = ("Alt+F4", "Ctrl+Shift+Q")

AskSupervisor = Callable[[QWidget | None, WindowContext, str], ClerkInfo | None]


def _default_ask(parent: QWidget | None, ctx: WindowContext, reason: str) -> ClerkInfo | None:
    from boxoffice.ui.supervisor_pin import ask_supervisor

    return ask_supervisor(parent, ctx, reason)


class KioskGuard(QObject):
    """Keeps ``window`` full screen and frameless; closing it needs a supervisor's PIN, and is journaled."""

    exit_authorised = Signal(object)  # the supervisor's ClerkInfo, after the journal entry is written

    def __init__(self, window: QWidget, ctx: WindowContext, *, where: str = "main window",
                 ask: AskSupervisor | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self._where = where
        self._ask = ask or _default_ask
        self.allowed = False  # True once a supervisor authorised the exit and it was journaled
        self.asking = False
        self.refusals = 0  # close requests refused so far (for tests and the log)
        window.installEventFilter(self)
        self.shortcuts = [QShortcut(QKeySequence(keys), window, activated=self.request_exit)
                          for keys in EXIT_SHORTCUTS]

    def show(self) -> None:
        """Show the window frameless and full screen (flags must be set before it is shown)."""
        self.window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.window.showFullScreen()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        kind = event.type()
        if kind == QEvent.Type.Close and not self.allowed:
            event.ignore()
            self.refusals += 1
            log.info("kiosk: close refused; asking for a supervisor")
            QTimer.singleShot(0, self.request_exit)  # not inside the close event: the prompt runs its own loop
            return True
        if (kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.key() == Qt.Key.Key_Escape):
            return True  # nothing leaves full screen or closes on Escape
        # a resize can drop full screen too (content that arrives later and widens the window's minimum)
        if kind in (QEvent.Type.WindowStateChange, QEvent.Type.Resize) and not self.allowed \
                and self.window.isVisible() and not self.window.isFullScreen():
            QTimer.singleShot(0, self.window.showFullScreen)
        return False

    def request_exit(self) -> None:
        """Ask for a supervisor's PIN; on success journal the exit, then close the window."""
        if self.asking or self.allowed:
            return
        self.asking = True
        try:
            supervisor = self._ask(self.window, self.ctx, self.tr("Leave kiosk mode and close the box office?"))
        except RuntimeError:
            if isValid(self.window):
                raise
            log.info("kiosk: the window was destroyed while the supervisor prompt was up")
            return
        finally:
            if isValid(self):
                self.asking = False
        if supervisor is None:
            log.info("kiosk: exit cancelled")
            return
        facade, where = self.ctx.facades.clerks, self._where
        self.ctx.runner.write(self, lambda: facade.record_kiosk_exit(supervisor, where),
                              success=lambda _seq: self._exit(supervisor), failure=self._not_recorded)

    def _exit(self, supervisor: ClerkInfo) -> None:
        log.info("kiosk: exit authorised by %s", supervisor.name)
        self.allowed = True
        self.exit_authorised.emit(supervisor)
        self.window.close()

    def _not_recorded(self, exc: Exception) -> None:
        """No journal entry, no exit: the record of who closed the window is the point of the PIN."""
        log.error("kiosk: the exit could not be journaled: %s", exc)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Kiosk"),
                          self.tr("The exit could not be recorded ({error}); the window stays open.").format(
                              error=describe(exc, self.ctx.money)), QMessageBox.StandardButton.Ok, self.window)
        box.setObjectName("kioskExitNotRecorded")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
