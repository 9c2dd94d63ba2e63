"""Opening the main window in a test: everything it shows is read off the GUI thread, so wait for it."""

from __future__ import annotations

from typing import Any

from boxoffice.ui.main_window import MainWindow


def settle(qtbot: Any, window: MainWindow, timeout: int = 10_000) -> None:
    """Wait until every operation the window started has delivered its result (and started none after it)."""
    qtbot.waitUntil(lambda: window.ctx.runner.pending == 0, timeout=timeout)


def ready_window(qtbot: Any, backend: Any, *, clerk: Any = None, show: bool = True) -> MainWindow:
    """A main window with its events, seats, zones and prices on screen."""
    window = MainWindow(backend, clerk=clerk)
    qtbot.addWidget(window)
    if show:
        window.show()
    settle(qtbot, window)
    return window
