"""Trace points: named places in a process where a test can see it pass, or make it stop and wait to be killed.

Why: a chaos test that kills a process at a random moment proves only what the dice happened to hit. With a
trace point the test names the place ("the sale's transaction is written but not committed") and the process
stops exactly there, so the kill lands there by construction, on any machine, at any load.

Off unless ``BOXOFFICE_TRACEPOINTS`` names a folder (read once, at import): then :func:`reach` costs one global
lookup and returns. Enabled, every point reached is appended to ``<folder>/trace.log`` (one name a line), and
when ``BOXOFFICE_TRACE_STOP`` is ``NAME`` or ``NAME#N`` the N-th time (default 1) ``NAME`` is reached the
process writes the name to ``<folder>/stopped`` (atomically) and waits there, in the thread that reached it,
for the test to kill it (SIGKILL, or ``Popen.kill`` on Windows). A process nobody kills gives up after
``BOXOFFICE_TRACE_HOLD`` seconds (default 300) and exits with :data:`HOLD_EXPIRED_EXIT`, so a failed test leaves
no process behind for ever. Imports nothing of ours, so services, sync and commands may all call it.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

ENV_FOLDER = "BOXOFFICE_TRACEPOINTS"
ENV_STOP = "BOXOFFICE_TRACE_STOP"
ENV_HOLD = "BOXOFFICE_TRACE_HOLD"
TRACE_LOG = "trace.log"
STOPPED_MARKER = "stopped"
HOLD_EXPIRED_EXIT = 75  # nobody killed the stopped process in time


@dataclass
class _Plan:
    folder: Path
    stop_name: str | None
    stop_at: int
    hold_seconds: float
    seen: int = 0


def _plan_from(environ: os._Environ[str] | dict[str, str]) -> _Plan | None:
    folder = environ.get(ENV_FOLDER)
    if not folder:
        return None
    stop = environ.get(ENV_STOP) or None
    name, _, nth = (stop or "").partition("#")
    return _Plan(Path(folder), name or None, int(nth) if nth else 1, float(environ.get(ENV_HOLD) or 300))


_plan = _plan_from(os.environ)
_lock = threading.Lock()


def reach(name: str) -> None:
    """This process is at ``name``: log it and, if the test asked, stop here until killed."""
    if _plan is None:
        return
    with _lock:
        _append(_plan.folder / TRACE_LOG, name + "\n")
        if name != _plan.stop_name:
            return
        _plan.seen += 1
        if _plan.seen != _plan.stop_at:
            return
        partial = _plan.folder / (STOPPED_MARKER + ".tmp")
        partial.write_text(name, encoding="utf-8")
        os.replace(partial, _plan.folder / STOPPED_MARKER)
        # still holding the lock: any other thread reaching a trace point waits too, so nothing moves on
        threading.Event().wait(_plan.hold_seconds)
        os._exit(HOLD_EXPIRED_EXIT)


def _append(path: Path, text: str) -> None:
    """Unbuffered, so a killed process leaves every line it wrote."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
