"""The staff screen (a supervisor's) and a door clerk's window: add a clerk, reset a PIN, deactivate, enrol a
badge by swiping it, refusals in the form that asked; the door clerk sees only the door check.

Every read and write goes through the operation runner (the GUI-thread I/O guard is on): tests wait for the
list (``refreshed``) and for each form to finish.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.services import clerks
from boxoffice.services.clerks import ClerkInfo, ScryptCost
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry
from boxoffice.ui.door_check import DoorCheckDialog
from boxoffice.ui.qt import QLabel, Qt
from boxoffice.ui.staff_dialog import BadgeForm, ClerkForm, PinForm, StaffDialog
from boxoffice.ui.window_context import WindowContext, shutdown, window_context
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import backend_for, seed_store

WAIT_MS = 10_000


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clerks, "PIN_COST", ScryptCost(log_n=4))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = seed_store(tmp_path / "db.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def team(store: Store) -> dict[str, ClerkInfo]:
    sf = store.session_factory
    return {"marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor"),
            "ana": clerks.create_clerk(sf, "Ana", "1234"),
            "pep": clerks.create_clerk(sf, "Pep", "1357", role="door")}


@pytest.fixture
def ctx(qapp, store: Store) -> Iterator[WindowContext]:
    backend = backend_for(store, language="en")
    yield window_context(backend)
    shutdown(backend)


def open_staff(qtbot, ctx: WindowContext, actor: ClerkInfo) -> StaffDialog:
    dialog = StaffDialog(ctx, actor)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
        dialog.show()
    # a re-read the hub asked for meanwhile (the fixture's own changes) must not answer a test's later wait
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=WAIT_MS)
    return dialog


def rows(dialog: StaffDialog) -> list[tuple[str, ...]]:
    return [tuple(dialog.table.item(r, c).text() for c in range(4)) for r in range(dialog.table.rowCount())]


def choose(dialog: StaffDialog, name: str) -> None:
    dialog.select(next(m.id for m in dialog.members if m.name == name))


def finish(qtbot, dialog: StaffDialog, form) -> None:
    """Press the form's OK and wait until it closed and the list was read again."""
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS), qtbot.waitSignal(form.finished, timeout=WAIT_MS):
        form.submit()


def entries(store: Store, kind: str) -> list[JournalEntry]:
    with store.read_session_factory() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.kind == kind)))


def test_the_list_shows_role_badge_and_state(qtbot, ctx, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    assert ("(test till)", "Supervisor", "No", "Deactivated") in rows(dialog)  # the test shift's opener
    assert rows(dialog)[:3] == [("Ana", "Clerk", "No", "Active"), ("Marta", "Supervisor", "No", "Active"),
                                ("Pep", "Door only", "No", "Active")]
    assert not dialog.edit_button.isEnabled()
    choose(dialog, "Ana")
    assert dialog.edit_button.isEnabled() and dialog.active_button.text() == "Deactivate"


def test_add_a_clerk(qtbot, ctx, store, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    form = dialog.add_clerk()
    assert isinstance(form, ClerkForm)
    qtbot.keyClicks(form.name_field, "Javier Ruiz")
    form.role_combo.setCurrentIndex(form.role_combo.findData("door"))
    first, again = form.pin_fields
    qtbot.keyClicks(first, "2468")
    qtbot.keyClicks(again, "2460")
    form.submit()
    assert "differ" in form.message.text() and form.isVisible()  # nothing sent
    qtbot.keyClicks(again, "2468")
    finish(qtbot, dialog, form)
    assert ("Javier Ruiz", "Door only", "No", "Active") in rows(dialog)
    assert dialog.message.text() == "Clerk added."
    [added] = entries(store, "clerk_added")
    assert (added.actor, added.subject) == ("Marta", "Javier Ruiz") and "2468" not in added.payload


def test_a_taken_name_keeps_the_form_open_with_the_reason(qtbot, ctx, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    form = dialog.add_clerk()
    qtbot.keyClicks(form.name_field, "ana")
    for field in form.pin_fields:
        qtbot.keyClicks(field, "1111")
    form.submit()
    qtbot.waitUntil(lambda: not form.busy, timeout=WAIT_MS)
    assert form.isVisible() and form.message.text() == "Another clerk already has that name."


def test_reset_a_pin(qtbot, ctx, store, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    choose(dialog, "Ana")
    form = dialog.reset_pin()
    assert isinstance(form, PinForm)
    first, again = form.pin_fields
    qtbot.keyClicks(first, "975310")
    qtbot.keyClicks(again, "975310")
    with qtbot.waitSignal(form.finished, timeout=WAIT_MS):
        qtbot.keyClick(again, Qt.Key.Key_Return)
    assert dialog.message.text() == "New PIN saved for Ana."
    assert clerks.sign_in_pin(store.session_factory, team["ana"].id, "975310").name == "Ana"
    assert [e.actor for e in entries(store, "pin_reset")] == ["Marta"]


def test_deactivate_and_reactivate(qtbot, ctx, store, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    choose(dialog, "Ana")
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
        dialog.toggle_active()
    assert ("Ana", "Clerk", "No", "Deactivated") in rows(dialog)
    assert dialog.message.text() == "Ana is deactivated and can no longer sign in."
    assert dialog.active_button.text() == "Reactivate" and not dialog.pin_button.isEnabled()
    assert "Ana" not in [c.name for c in clerks.list_clerks(store.read_session_factory)]
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS):
        dialog.toggle_active()
    assert ("Ana", "Clerk", "No", "Active") in rows(dialog)


def test_a_supervisor_cannot_deactivate_themselves(qtbot, ctx, store, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    choose(dialog, "Marta")
    dialog.toggle_active()
    qtbot.waitUntil(lambda: "yourself" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.message.text() == "You cannot deactivate yourself; another supervisor can."
    assert entries(store, "clerk_deactivated") == []


def test_enrol_a_badge_by_swiping_it(qtbot, ctx, store, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    choose(dialog, "Pep")
    form = dialog.enrol_badge()
    assert isinstance(form, BadgeForm)
    qtbot.waitExposed(form)
    assert form.focusWidget() is form.badge_field  # the wedge types into it
    with qtbot.waitSignal(dialog.refreshed, timeout=WAIT_MS), qtbot.waitSignal(form.finished, timeout=WAIT_MS):
        qtbot.keyClicks(form.badge_field, "0004455667")
        qtbot.keyClick(form.badge_field, Qt.Key.Key_Return)
    assert ("Pep", "Door only", "Yes", "Active") in rows(dialog)
    assert clerks.sign_in_badge(store.session_factory, "0004455667").name == "Pep"
    [enrolled] = entries(store, "badge_enrolled")
    assert enrolled.actor == "Marta" and "0004455667" not in enrolled.payload
    assert json.loads(enrolled.payload)["replaced"] is False


def test_a_swipe_the_scanner_took_reaches_the_badge_form(qtbot, ctx, store, team) -> None:
    dialog = open_staff(qtbot, ctx, team["marta"])
    dialog.badge_scanned("NOBODY-YET")  # no badge form open: nothing happens but a hint
    assert "Enrol badge" in dialog.message.text()
    choose(dialog, "Ana")
    form = dialog.enrol_badge()
    with qtbot.waitSignal(form.finished, timeout=WAIT_MS):
        dialog.badge_scanned(" ANA-77 \n")
    assert clerks.sign_in_badge(store.session_factory, "ANA-77").name == "Ana"
    choose(dialog, "Pep")
    taken = dialog.enrol_badge()
    dialog.badge_scanned("ANA-77")
    qtbot.waitUntil(lambda: not taken.busy and bool(taken.message.text()), timeout=WAIT_MS)
    assert taken.isVisible() and taken.message.text() == "That badge already belongs to another clerk."


def test_the_supervisor_menu_opens_the_staff_screen_after_the_pin(qtbot, store, team) -> None:
    window = ready_window(qtbot, backend_for(store, language="en"), clerk=team["marta"])
    assert window.menu_action("staff") is not None
    prompt = window.open_staff()
    qtbot.waitUntil(lambda: prompt.loaded, timeout=WAIT_MS)
    prompt.select_supervisor(team["marta"].id)
    with qtbot.waitSignal(window.staff_dialog_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClicks(prompt.pin_field, "8642")
        qtbot.keyClick(prompt.pin_field, Qt.Key.Key_Return)
    staff = opened.args[0]
    assert isinstance(staff, StaffDialog) and staff.actor.name == "Marta"
    qtbot.waitUntil(lambda: len(staff.members) == 4, timeout=WAIT_MS)
    staff.close()
    settle(qtbot, window)


def test_a_clerk_has_no_staff_screen(qtbot, store, team) -> None:
    window = ready_window(qtbot, backend_for(store, language="en"), clerk=team["ana"])
    assert not window.supervisor_button.isVisible() and window.open_staff() is None
    assert window.sale_area.isVisible() and not window.door_area.isVisible()


def test_a_door_clerk_sees_only_the_door_check(qtbot, store, team) -> None:
    window = ready_window(qtbot, backend_for(store, language="en"), clerk=team["pep"])
    assert not window.sale_area.isVisible() and window.door_area.isVisible()
    assert not window.supervisor_button.isVisible() and window.menu_action("returns") is None
    assert window.open_staff() is None and window.open_returns() is None
    window.pay()  # the F12 shortcut: nothing to pay, nothing opens
    assert window.door_button.isVisible()
    opened: list[DoorCheckDialog] = []
    window.door_check_opened.connect(opened.append)
    window.handle_scan("NOT-A-TICKET")  # a door clerk's scan goes to the door check, never to a sale
    assert len(opened) == 1 and opened[0].isVisible()
    settle(qtbot, window)  # the check answered before the dialog goes
    qtbot.waitUntil(lambda: bool(opened[0].findChild(QLabel, "doorLight").text()), timeout=WAIT_MS)
    opened[0].close()
