"""Kiosk mode: frameless full screen; closing is refused without a supervisor's PIN; an allowed exit is journaled."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.services import clerks, journal
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.kiosk import KIOSK_EXIT
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry
from boxoffice.ui import application
from boxoffice.ui.kiosk import KioskGuard
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QApplication, Qt, QTimer
from boxoffice.ui.signin import SignInDialog
from boxoffice.ui.supervisor_pin import SupervisorPinDialog
from tests.helpers.demo_inventory import backend_for, seed_store

WAIT_MS = 10_000


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = seed_store(tmp_path / "t.sqlite3")
    yield s
    s.close()


@pytest.fixture
def team(store: Store) -> dict[str, ClerkInfo]:
    sf = store.session_factory
    return {"ana": clerks.create_clerk(sf, "Ana", "1234"),
            "marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor")}


@pytest.fixture
def kiosk(qtbot, store: Store, team: dict[str, ClerkInfo]) -> Iterator[tuple[MainWindow, KioskGuard]]:
    window = MainWindow(backend_for(store), clerk=team["ana"])
    qtbot.addWidget(window)
    guard = KioskGuard(window, window.ctx)
    guard.show()
    qtbot.waitExposed(window)
    yield window, guard
    guard.allowed = True  # let qtbot close it at teardown


def exits(store: Store) -> list[JournalEntry]:
    with store.read_session_factory() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.kind == KIOSK_EXIT)))


def when_prompted(act: Callable[[SupervisorPinDialog], None]) -> list[SupervisorPinDialog]:
    """Run ``act`` on the supervisor prompt once it is up and has read its supervisors (off the GUI thread);
    returns the list the prompt is put in."""
    seen: list[SupervisorPinDialog] = []

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, SupervisorPinDialog) and widget.isVisible() and widget.loaded:
            seen.append(widget)
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def type_pin(qtbot, dialog: SupervisorPinDialog, pin: str) -> None:
    qtbot.keyClicks(dialog.pin_field, pin)
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def ask_to_close(qtbot, window: MainWindow, guard: KioskGuard, prompts: list[SupervisorPinDialog]) -> None:
    """The window manager's close (Alt+F4 or its button): refused at once, then the prompt runs."""
    assert window.close() is False
    assert guard.refusals == 1
    qtbot.waitUntil(lambda: bool(prompts) and not guard.asking, timeout=WAIT_MS)


def test_full_screen_and_frameless(kiosk) -> None:
    window, _guard = kiosk
    assert window.isFullScreen()
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint


def test_close_cancelled_without_a_pin_keeps_the_window(qtbot, kiosk, store: Store) -> None:
    window, guard = kiosk
    prompts = when_prompted(lambda dialog: dialog.cancel_button.click())
    ask_to_close(qtbot, window, guard, prompts)
    assert len(prompts) == 1 and "Leave kiosk mode" in prompts[0].reason_label.text()
    assert window.isVisible() and window.isFullScreen() and not guard.allowed
    assert exits(store) == []


def test_wrong_pin_keeps_the_window(qtbot, kiosk, store: Store, team: dict[str, ClerkInfo]) -> None:
    window, guard = kiosk

    def wrong(dialog: SupervisorPinDialog) -> None:
        dialog.select_supervisor(team["marta"].id)
        type_pin(qtbot, dialog, "1111")
        assert "Wrong PIN" in dialog.message.text()
        dialog.cancel_button.click()

    prompts = when_prompted(wrong)
    ask_to_close(qtbot, window, guard, prompts)
    assert prompts and window.isVisible() and exits(store) == []


def test_a_clerk_cannot_authorise_the_exit(qtbot, kiosk, store: Store, team: dict[str, ClerkInfo]) -> None:
    window, guard = kiosk

    def clerk_tries(dialog: SupervisorPinDialog) -> None:
        names = [dialog.supervisor_combo.itemText(i) for i in range(dialog.supervisor_combo.count())]
        assert names == ["Marta"]  # Ana, the signed-in clerk, is not offered
        type_pin(qtbot, dialog, "1234")  # Ana's own PIN, typed for Marta
        assert "Wrong PIN" in dialog.message.text()
        dialog.cancel_button.click()

    prompts = when_prompted(clerk_tries)
    ask_to_close(qtbot, window, guard, prompts)
    assert prompts and window.isVisible() and exits(store) == []


def test_supervisor_pin_closes_and_journals(qtbot, kiosk, store: Store, team: dict[str, ClerkInfo]) -> None:
    window, guard = kiosk
    when_prompted(lambda dialog: type_pin(qtbot, dialog, "8642"))
    with qtbot.waitSignal(guard.exit_authorised, timeout=WAIT_MS) as authorised:
        window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=WAIT_MS)
    assert authorised.args[0].name == "Marta"
    [entry] = exits(store)
    assert entry.actor == "Marta"
    assert json.loads(entry.payload) == {"clerk_id": team["marta"].id, "name": "Marta", "where": "main window"}
    with store.read_session_factory() as session:
        assert journal.verify(session).ok


def test_escape_is_swallowed(qtbot, kiosk) -> None:
    window, guard = kiosk
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.wait(50)
    assert window.isVisible() and window.isFullScreen()
    assert guard.refusals == 0 and QApplication.activeModalWidget() is None


def test_leaving_full_screen_is_undone(qtbot, kiosk) -> None:
    window, _guard = kiosk
    window.showNormal()
    qtbot.waitUntil(window.isFullScreen, timeout=WAIT_MS)


def test_exit_shortcut_asks_for_the_supervisor(qtbot, kiosk) -> None:
    window, guard = kiosk
    prompts = when_prompted(lambda dialog: dialog.cancel_button.click())
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bool(prompts) and not guard.asking, timeout=WAIT_MS)
    assert window.isVisible()


def test_kiosk_sign_in_closes_only_for_a_supervisor(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    """At start-up in kiosk mode the sign-in dialog is the kiosk: closing it needs the PIN too."""
    backend = backend_for(store)
    router = application._ScanRouter()

    polls = []

    def close_sign_in() -> None:
        widget = QApplication.activeModalWidget()
        # the names are read off the GUI thread; a dialog they widen past this small offscreen screen drops out of
        # full screen, and the guard puts it back (a queued call)
        if not isinstance(widget, SignInDialog) or not widget.loaded or (not widget.isFullScreen()
                                                                          and len(polls) < 100):
            polls.append(1)
            QTimer.singleShot(20, close_sign_in)
            return
        assert widget.isFullScreen()
        when_prompted(lambda dialog: dialog.cancel_button.click())
        assert widget.close() is False  # refused; the prompt is cancelled

        def then_supervisor() -> None:
            if not widget.isVisible():
                return
            guard = widget.findChild(KioskGuard)
            if guard.asking or guard.refusals < 1:
                QTimer.singleShot(20, then_supervisor)
                return
            when_prompted(lambda dialog: type_pin(qtbot, dialog, "8642"))
            widget.close()

        QTimer.singleShot(20, then_supervisor)

    QTimer.singleShot(0, close_sign_in)
    assert application.sign_in(backend, router, kiosk=True) is None
    [entry] = exits(store)
    assert entry.actor == "Marta" and json.loads(entry.payload)["where"] == "sign-in"
