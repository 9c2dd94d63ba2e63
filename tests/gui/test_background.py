"""Background work returns on the GUI thread, errors included (the retired helper the first-run wizard still
uses; everything else is on the operation runner)."""

from __future__ import annotations

import threading

from boxoffice.ui.background import run_in_background
from boxoffice.ui.qt import QObject


def test_result_and_error_arrive_on_the_gui_thread(qtbot) -> None:
    parent = QObject()
    gui_thread = threading.get_ident()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker_thread"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"], seen["done_thread"] = value, threading.get_ident()

    run_in_background(parent, work, done)
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["done_thread"] == gui_thread != seen["worker_thread"]

    def boom() -> None:
        raise ValueError("no paper")

    run_in_background(parent, boom, lambda _v: None, lambda exc: seen.update(error=(exc, threading.get_ident())))
    qtbot.waitUntil(lambda: "error" in seen, timeout=5000)
    exc, thread = seen["error"]
    assert isinstance(exc, ValueError) and thread == gui_thread


def test_only_the_first_run_wizard_still_uses_it() -> None:
    """Every other screen runs its work through the operation runner (ctx.runner); the list only shrinks."""
    from pathlib import Path

    import boxoffice.ui

    users = sorted(path.name for path in Path(boxoffice.ui.__file__).parent.glob("*.py")
                   if path.name != "background.py" and "run_in_background" in path.read_text(encoding="utf-8"))
    assert users == ["first_run.py"]
