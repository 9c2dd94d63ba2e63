"""Fail a GUI test when window code does database or network I/O on the GUI thread (issue #13 point 3).

The guard listens to every SQLAlchemy cursor execution, every raw ``sqlite3.connect`` and every socket connect.
A call counts as GUI-thread I/O when it runs on the main thread (the GUI thread in these tests) and a frame of
``boxoffice/ui/`` is on the stack: a test body that sets data up through services is fine, a widget that reads
the store itself is not. Work the operation runner sends to its writer and reader threads is never on the main
thread, so it passes.

A test's own frame nearer the I/O than the application's event loop (``application.py``) means the test did it
(set-up through services from a timer inside a full ``run_gui`` start). ``LEGACY_SCREENS`` would name ui modules
not yet moved onto the operation runner (I/O with one on the stack recorded, not failed); it is empty.
"""

from __future__ import annotations

import logging
import socket
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine

import boxoffice.ui

UI_DIR = str(Path(boxoffice.ui.__file__).resolve().parent)
log = logging.getLogger(__name__)

#: Screens that still read or write on the GUI thread (to be moved onto boxoffice.ui.operations). Empty: every
#: screen is on the runner; the list stays so a screen moved back would have to be named here, in review.
LEGACY_SCREENS: frozenset[str] = frozenset()
TESTS_DIR = str(Path(__file__).resolve().parent.parent)
APP_LOOP = "application.py"  # runs app.exec(): the only ui frame a run_gui test's own timer callback sits under


@dataclass
class Violation:
    kind: str
    what: str
    ui_frame: str

    def __str__(self) -> str:
        return f"{self.kind} on the GUI thread from {self.ui_frame}: {self.what}"


@dataclass
class GuiThreadIO:
    violations: list[Violation] = field(default_factory=list)
    tolerated: list[Violation] = field(default_factory=list)

    def check(self, kind: str, what: str) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        frame = _innermost_ui_frame(sys._getframe(2))
        if frame is None:
            return
        where = f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} ({frame.f_code.co_name})"
        found = Violation(kind, what[:120], where)
        if _legacy_on_stack(frame):
            self.tolerated.append(found)
        else:
            self.violations.append(found)


def _innermost_ui_frame(frame: FrameType | None) -> FrameType | None:
    """The ui frame nearest the I/O. None when test code is nearer and that ui frame is the application's event
    loop (``application.py``): a full ``run_gui`` test setting data up through services from a timer inside
    ``app.exec()`` is the test doing I/O, not the window. A test's callable that a screen calls (a fake backend
    field) is still the screen's I/O."""
    test_code_nearer = False
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(UI_DIR):
            return None if test_code_nearer and Path(name).name == APP_LOOP else frame
        if name.startswith(TESTS_DIR):
            test_code_nearer = True
        frame = frame.f_back
    return None


def _legacy_on_stack(frame: FrameType | None) -> bool:
    """A legacy screen anywhere up the stack (it may call a closure the window handed it) is tolerated."""
    while frame is not None:
        name = frame.f_code.co_filename
        if name.startswith(UI_DIR) and Path(name).name in LEGACY_SCREENS:
            return True
        frame = frame.f_back
    return False


@contextmanager
def guarding() -> Iterator[GuiThreadIO]:
    """Install the guard for the duration of one test."""
    guard = GuiThreadIO()

    def on_sql(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        guard.check("SQL", statement)

    real_connect = socket.socket.connect
    real_sqlite_connect = sqlite3.connect

    def socket_connect(self: socket.socket, address: Any) -> Any:
        guard.check("socket connect", repr(address))
        return real_connect(self, address)

    def sqlite_connect(*args: Any, **kwargs: Any) -> Any:
        guard.check("sqlite3.connect", repr(args[:1]))
        return real_sqlite_connect(*args, **kwargs)

    event.listen(Engine, "before_cursor_execute", on_sql)
    socket.socket.connect = socket_connect  # type: ignore[method-assign]
    sqlite3.connect = sqlite_connect  # type: ignore[assignment]
    try:
        yield guard
    finally:
        event.remove(Engine, "before_cursor_execute", on_sql)
        socket.socket.connect = real_connect  # type: ignore[method-assign]
        sqlite3.connect = real_sqlite_connect  # type: ignore[assignment]
