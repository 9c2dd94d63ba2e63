"""Signing in by keyboard, by the on-screen pad and by badge; wrong PIN and lockout messages; first supervisor.

The dialogs read the names and check PINs through the window context's operation runner (the GUI-thread I/O
guard is active): tests wait for the names before they pick one."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.services import clerks
from boxoffice.services.clerks import ClerkInfo
from boxoffice.store.engine import Store, open_store
from boxoffice.store.models import Clerk
from boxoffice.ui.application import install_translations
from boxoffice.ui.qt import QCoreApplication, QDialog, QEvent, Qt
from boxoffice.ui.scanner import ScanDetector
from boxoffice.ui.signin import FirstSupervisorDialog, SignInDialog, local_clock
from boxoffice.ui.window_context import WindowContext, shutdown, window_context
from tests.helpers.demo_inventory import backend_for

WAIT_MS = 10_000


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "db.sqlite3") as opened:
        yield opened


@pytest.fixture
def ctx(qapp, store: Store) -> Iterator[WindowContext]:
    backend = backend_for(store, language="en")
    yield window_context(backend)
    shutdown(backend)


@pytest.fixture
def team(store: Store) -> dict[str, ClerkInfo]:
    sf = store.session_factory
    return {
        "ana": clerks.create_clerk(sf, "Ana", "1234", rfid="0004455667"),
        "bea": clerks.create_clerk(sf, "Bea", "2468"),
        "marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor"),
    }


def open_dialog(qtbot, ctx: WindowContext) -> SignInDialog:
    dialog = SignInDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    return dialog


def wait_idle(qtbot, dialog) -> None:
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def test_sign_in_by_keyboard(qtbot, ctx: WindowContext, team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    assert dialog.selected_clerk() is None
    assert [b.text() for b in dialog.clerk_buttons.values()] == ["Ana", "Bea", "Marta"]
    field = dialog.pin_field
    assert field.echoMode() == field.EchoMode.Password
    qtbot.keyClick(field, "b")  # first letter of the name
    assert dialog.selected_clerk() == team["bea"]
    assert dialog.prompt.text() == "PIN for Bea"
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert dialog.selected_clerk() == team["marta"]
    qtbot.keyClick(field, Qt.Key.Key_Up)
    assert dialog.selected_clerk() == team["bea"]
    qtbot.keyClicks(field, "99x")
    assert field.text() == "99"  # digits only
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # Esc clears, and the dialog stays
    assert field.text() == "" and dialog.isVisible()
    qtbot.keyClicks(field, "2468")
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.clerk == team["bea"] and dialog.result() == QDialog.DialogCode.Accepted


def test_sign_in_by_touch_on_the_pad(qtbot, ctx: WindowContext, team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.clerk_buttons[team["marta"].id], Qt.MouseButton.LeftButton)
    assert dialog.selected_clerk() == team["marta"]
    assert dialog.clerk_buttons[team["marta"].id].text() == "✓ Marta"
    for digit in "86427":
        qtbot.mouseClick(dialog.pad_buttons[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.pad_buttons["back"], Qt.MouseButton.LeftButton)
    assert dialog.pin_field.text() == "8642"
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert dialog.clerk == team["marta"] and dialog.clerk.is_supervisor


def test_digits_typed_anywhere_reach_the_pin(qtbot, ctx: WindowContext, team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.select_clerk(team["ana"].id)
    qtbot.keyClicks(dialog, "12")
    qtbot.keyClick(dialog, Qt.Key.Key_Backspace)
    qtbot.keyClicks(dialog, "234")
    assert dialog.pin_field.text() == "1234"


def test_wrong_pin_says_how_many_tries_are_left(qtbot, ctx: WindowContext, team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    qtbot.mouseClick(dialog.pad_buttons["1"], Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    assert dialog.message.text() == "Choose your name first."
    dialog.select_clerk(team["ana"].id)
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    assert dialog.message.text() == "Type your PIN."
    qtbot.keyClicks(dialog.pin_field, "9999")
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    wait_idle(qtbot, dialog)
    assert dialog.message.text() == "Wrong PIN, 4 tries left"
    assert dialog.message.property("kind") == "error"
    assert dialog.pin_field.text() == "" and dialog.isVisible() and dialog.clerk is None


def test_lockout_message_on_the_sixth_try(qtbot, store: Store, ctx: WindowContext,
                                          team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.select_clerk(team["ana"].id)
    seen = []
    for _ in range(5):
        qtbot.keyClicks(dialog.pin_field, "0000")
        qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
        wait_idle(qtbot, dialog)
        seen.append(dialog.message.text())
    with store.read_session_factory() as session:
        until = session.get(Clerk, team["ana"].id).locked_until
    locked = f"Too many wrong PINs. Locked, try again at {local_clock(until)}"
    assert seen == ["Wrong PIN, 4 tries left", "Wrong PIN, 3 tries left", "Wrong PIN, 2 tries left",
                    "Wrong PIN, 1 try left", locked]
    qtbot.keyClicks(dialog.pin_field, "1234")  # the right PIN, 6th try: still locked
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    wait_idle(qtbot, dialog)
    assert dialog.message.text() == locked
    assert dialog.clerk is None and dialog.isVisible()


def test_busy_while_checking(qtbot, ctx: WindowContext, team: dict[str, ClerkInfo],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = clerks.sign_in_pin

    def slow_sign_in(*args, **kwargs):
        assert release.wait(WAIT_MS / 1000)
        return real(*args, **kwargs)

    monkeypatch.setattr(clerks, "sign_in_pin", slow_sign_in)
    dialog = open_dialog(qtbot, ctx)
    dialog.select_clerk(team["bea"].id)
    qtbot.keyClicks(dialog.pin_field, "2468")
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    assert dialog.busy and dialog.busy_bar.isVisible() and not dialog.pad.isEnabled()
    assert dialog.message.text() == "Checking your PIN…"
    assert dialog.pin_field.text() == ""  # the PIN does not stay in the widget
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)  # a second Enter does not submit twice
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        release.set()
    assert dialog.clerk == team["bea"] and not dialog.busy_bar.isVisible()


def test_badge_signs_in_directly(qtbot, ctx: WindowContext, team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.badge_scanned("NOT-A-BADGE")
    wait_idle(qtbot, dialog)
    assert dialog.message.text() == "This badge does not belong to any clerk here."
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.badge_scanned("0004455667")
    assert dialog.clerk == team["ana"]


def test_a_scanned_badge_signs_in_through_the_scan_detector(qtbot, ctx: WindowContext,
                                                            team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    detector = ScanDetector(clock=lambda: 0.0)  # time stands still: a burst by construction on a busy machine
    detector.install()
    try:
        detector.scanned.connect(dialog.badge_scanned)
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            qtbot.keyClicks(dialog.pin_field, "0004455667")  # a burst: no delay between keys
            qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
        assert dialog.clerk == team["ana"]
        assert dialog.pin_field.text() == ""
    finally:
        detector.uninstall()


@pytest.mark.parametrize("kind", ["signin", "first"])
def test_a_dialog_dropped_right_after_it_finished_is_freed_cleanly(qtbot, store: Store, ctx: WindowContext,
                                                                   kind: str) -> None:
    """The app drops a dialog once it has its clerk; the operation runner's relay must not be what keeps it
    alive, or deleting the relay later frees the dialog inside the relay's destructor (a double delete)."""
    if kind == "signin":
        clerks.create_clerk(store.session_factory, "Ana", "1234", rfid="0004455667")
        dialog = SignInDialog(ctx)
    else:
        dialog = FirstSupervisorDialog(ctx)
        dialog.name_field.setText("Marta")
        dialog.pin_field.setText("1234")
        dialog.repeat_field.setText("1234")
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.badge_scanned("0004455667") if kind == "signin" else dialog.submit()
    assert dialog.clerk is not None
    gone = weakref.ref(dialog)
    dialog.close()
    del dialog
    gc.collect()
    assert gone() is None  # nothing (no relay, no lambda) keeps it alive
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    qtbot.wait(50)


def test_single_clerk_is_preselected_and_empty_list_says_so(qtbot, store: Store, ctx: WindowContext) -> None:
    dialog = open_dialog(qtbot, ctx)
    assert dialog.clerks == [] and dialog.prompt.text() == "Choose your name"
    ana = clerks.create_clerk(store.session_factory, "Ana", "1234")
    dialog.reload_clerks()
    qtbot.waitUntil(lambda: dialog.selected_clerk() == ana, timeout=WAIT_MS)
    assert dialog.prompt.text() == "PIN for Ana"


def test_first_supervisor_dialog_creates_the_supervisor(qtbot, store: Store, ctx: WindowContext) -> None:
    assert not clerks.has_clerks(store.session_factory)
    dialog = FirstSupervisorDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "Type the supervisor's name."
    dialog.name_field.setText("  Marta  López ")  # QTest types ASCII only
    qtbot.keyClicks(dialog.pin_field, "12")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The PIN must be 4 to 8 digits."
    qtbot.keyClicks(dialog.pin_field, "3456")
    qtbot.keyClicks(dialog.repeat_field, "123457")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    assert dialog.message.text() == "The two PINs are different. Type the PIN again."
    assert dialog.repeat_field.text() == ""
    qtbot.keyClicks(dialog.repeat_field, "123456")
    dialog.badge_scanned(" SUP-0001 ")
    assert dialog.badge_field.text() == "SUP-0001"
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClick(dialog.repeat_field, Qt.Key.Key_Return)
    assert dialog.clerk == ClerkInfo(dialog.clerk.id, "Marta López", "supervisor", "SUP-0001")
    assert clerks.list_clerks(store.session_factory) == [dialog.clerk]
    assert clerks.sign_in_pin(store.session_factory, dialog.clerk.id, "123456") == dialog.clerk

    again = FirstSupervisorDialog(ctx)  # a second window tries the same
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    qtbot.keyClicks(again.name_field, "Otra")
    qtbot.keyClicks(again.pin_field, "1111")
    qtbot.keyClicks(again.repeat_field, "1111")
    qtbot.mouseClick(again.create_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, again)
    assert again.message.text() == "A supervisor already exists. Close this window and sign in."
    assert again.clerk is None


def test_a_clerk_removed_meanwhile_reloads_the_names(qtbot, store: Store, ctx: WindowContext,
                                                    team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.select_clerk(team["bea"].id)
    with store.session_factory.begin() as session:  # deactivated at another window while the list is shown
        session.get(Clerk, team["bea"].id).active = False
    qtbot.keyClicks(dialog.pin_field, "2468")
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: team["bea"].id not in dialog.clerk_buttons, timeout=WAIT_MS)
    assert dialog.message.text() == "That name cannot sign in any more. Choose your name again."
    assert [b.text() for b in dialog.clerk_buttons.values()] == ["Ana", "Marta"]


def test_a_refused_supervisor_name_is_told_in_spanish(qtbot, qapp, ctx: WindowContext) -> None:
    """A name the clerks service refuses (a control character) comes back as the error text's Spanish."""
    install_translations(qapp, "es")
    dialog = FirstSupervisorDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.name_field.setText("Marta\x07")
    dialog.pin_field.setText("1234")
    dialog.repeat_field.setText("1234")
    dialog.submit()
    wait_idle(qtbot, dialog)
    assert dialog.message.text() == "El nombre no puede contener caracteres de control."
    assert dialog.clerk is None
