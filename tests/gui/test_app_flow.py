"""Start-up flow: first supervisor, sign-in, scans routed to the right place."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.ui import application
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QApplication, QTimer
from boxoffice.ui.signin import FirstSupervisorDialog, SignInDialog
from tests.helpers.demo_inventory import backend_for, seed_store


@pytest.fixture
def store(tmp_path: Path):
    s = seed_store(tmp_path / "t.sqlite3")
    yield s
    s.close()


def _when_modal(kind: type, act) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and getattr(widget, "loaded", True):  # a dialog reading its names waits
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_first_start_creates_the_supervisor_then_signs_in(qtbot, tmp_path: Path) -> None:
    store = seed_store(tmp_path / "first.sqlite3", shift=False)  # no clerk at all: not even a test shift's till
    backend = backend_for(store)
    router = application._ScanRouter()

    def create(dialog: FirstSupervisorDialog) -> None:
        dialog.name_field.setText("Marta López")
        dialog.pin_field.setText("2468")
        dialog.repeat_field.setText("2468")
        dialog.submit()

    def sign(dialog: SignInDialog) -> None:
        assert router.target is dialog  # a badge scanned now goes to the sign-in dialog
        dialog.select_clerk(dialog.clerks[0].id)
        for digit in "2468":
            dialog._press_digit(digit)
        dialog.submit()

    _when_modal(FirstSupervisorDialog, create)
    _when_modal(SignInDialog, sign)
    try:
        clerk = application.sign_in(backend, router)
    finally:
        store.close()
    assert clerk is not None and clerk.name == "Marta López" and clerk.role == "supervisor"
    assert router.target is None


def test_scans_go_to_the_main_window_after_sign_in(qtbot, store) -> None:
    window = MainWindow(backend_for(store))
    qtbot.addWidget(window)
    window.show()
    router = application._ScanRouter()
    router.window = window
    router("NOT-A-CODE-AND-NO-BADGE")
    qtbot.waitUntil(lambda: window.banner.isVisible() and "badge" in window.banner.text(), timeout=5000)
