"""The supervisor PIN prompt: right PIN, wrong PIN with tries left, lockout, a non-supervisor, cancel.

The prompt reads the supervisors and checks the PIN through the window context's operation runner (the GUI-thread
I/O guard is active): tests wait for the list before they pick a supervisor."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.services import clerks
from boxoffice.services.clerks import MAX_WRONG_PINS, ClerkInfo
from boxoffice.store.engine import Store, open_store
from boxoffice.store.models import Clerk, JournalEntry
from boxoffice.ui.qt import QApplication, QDialog, Qt, QTimer
from boxoffice.ui.signin import local_clock
from boxoffice.ui.supervisor_pin import SupervisorPinDialog, ask_supervisor
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
        "ana": clerks.create_clerk(sf, "Ana", "1234"),
        "marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor"),
        "luis": clerks.create_clerk(sf, "Luis", "9753", role="supervisor"),
    }


def open_dialog(qtbot, ctx: WindowContext, reason: str = "Void sale P-1: customer changed mind"
                ) -> SupervisorPinDialog:
    dialog = SupervisorPinDialog(ctx, reason)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.loaded, timeout=WAIT_MS)
    return dialog


def type_pin(qtbot, dialog: SupervisorPinDialog, pin: str) -> None:
    qtbot.keyClicks(dialog.pin_field, pin)
    qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)


def test_lists_only_supervisors_and_shows_the_reason(qtbot, store: Store, ctx: WindowContext,
                                                     team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    names = [dialog.supervisor_combo.itemText(i) for i in range(dialog.supervisor_combo.count())]
    assert names == ["Luis", "Marta"]
    assert dialog.reason_label.text() == "Void sale P-1: customer changed mind"
    assert dialog.pin_field.echoMode() == dialog.pin_field.EchoMode.Password
    qtbot.keyClicks(dialog.pin_field, "12ab34")
    assert dialog.pin_field.text() == "1234"  # digits only


def test_right_pin_authorises(qtbot, store: Store, ctx: WindowContext, team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.select_supervisor(team["marta"].id)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        qtbot.keyClicks(dialog.pin_field, "8642")
        qtbot.keyClick(dialog.pin_field, Qt.Key.Key_Return)
    assert dialog.supervisor == team["marta"]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_wrong_pin_says_tries_left_then_lockout_until(qtbot, store: Store, ctx: WindowContext,
                                                      team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.select_supervisor(team["marta"].id)
    type_pin(qtbot, dialog, "1234")  # Ana's PIN, not Marta's
    assert dialog.message.text() == f"Wrong PIN, {MAX_WRONG_PINS - 1} tries left"
    assert dialog.isVisible() and dialog.supervisor is None
    assert dialog.pin_field.text() == ""
    for _ in range(MAX_WRONG_PINS - 1):
        type_pin(qtbot, dialog, "0000")
    with store.session_factory() as session:
        locked_until = session.get(Clerk, team["marta"].id).locked_until
    assert locked_until is not None
    assert dialog.message.text() == f"Too many wrong PINs. Marta is locked until {local_clock(locked_until)}"
    type_pin(qtbot, dialog, "8642")  # the right PIN while locked: still refused
    assert dialog.supervisor is None and "locked until" in dialog.message.text()
    # the other supervisor is not locked
    dialog.select_supervisor(team["luis"].id)
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        type_pin(qtbot, dialog, "9753")
    assert dialog.supervisor == team["luis"]


def test_a_clerk_who_is_no_longer_a_supervisor_is_refused(qtbot, store: Store, ctx: WindowContext,
                                                          team: dict[str, ClerkInfo]) -> None:
    dialog = open_dialog(qtbot, ctx)
    dialog.select_supervisor(team["marta"].id)
    with store.session_factory.begin() as session:  # demoted at another window while the dialog is open
        session.get(Clerk, team["marta"].id).role = "clerk"
    type_pin(qtbot, dialog, "8642")
    assert dialog.supervisor is None and dialog.isVisible()
    assert dialog.message.text() == "Marta is not a supervisor and cannot authorise this."


def test_no_supervisor_at_all(qtbot, store: Store, ctx: WindowContext) -> None:
    clerks.create_clerk(store.session_factory, "Ana", "1234")
    dialog = open_dialog(qtbot, ctx)
    assert dialog.supervisor_combo.count() == 0
    assert not dialog.ok_button.isEnabled()
    assert dialog.message.text() == "There is no active supervisor at this window."


def _on_loaded_prompt(act) -> None:
    """Run ``act`` on the visible prompt once it has read its supervisors (queued before the modal loop)."""
    def poll() -> None:
        found = [w for w in QApplication.topLevelWidgets()
                 if isinstance(w, SupervisorPinDialog) and w.isVisible() and w.loaded]
        if found:
            act(found[0])
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)


def test_ask_supervisor_cancel_and_accept(qtbot, store: Store, ctx: WindowContext,
                                          team: dict[str, ClerkInfo]) -> None:
    _on_loaded_prompt(lambda dialog: dialog.cancel_button.click())
    assert ask_supervisor(None, ctx, "Return tickets") is None

    def authorise(dialog: SupervisorPinDialog) -> None:
        dialog.select_supervisor(team["luis"].id)
        dialog.pin_field.setText("9753")
        dialog.submit()

    _on_loaded_prompt(authorise)
    assert ask_supervisor(None, ctx, "Return tickets") == team["luis"]
    with store.session_factory() as session:
        last = session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc()).limit(1)).one()
    assert (last.kind, last.actor) == ("clerk_sign_in", "Luis")  # the authorisation is journaled
