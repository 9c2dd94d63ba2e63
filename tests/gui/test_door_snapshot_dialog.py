"""The door check with a door snapshot (#16 point 5), in English and Spanish: another system's barcode is green,
a ticket another door admitted is red with the time and the door, a re-entry says how many are left, a ticket
for the main door only is red at the side door; the dialog refreshes the snapshot in the background at open.
``BOXOFFICE_SHOTS=folder`` saves the dialog at 1280x800 and 1024x768."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boxoffice.core.door_rules import DoorTicketInfo, SeenScan
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.door_snapshot import replace_snapshot
from boxoffice.ui import application
from boxoffice.ui.application import install_translations
from boxoffice.ui.door_check import DoorCheckDialog, hh_mm
from boxoffice.ui.qt import QApplication
from tests.gui.window_helpers import ready_window
from tests.helpers.demo_inventory import backend_for, seed_store

DOOR = ClerkInfo(3, "Luis Gil", "door", None)
ENTERED = datetime.now(UTC) - timedelta(minutes=20)


def _ticket(barcode: str, *, limit: int = 1, points: tuple[str, ...] = (), holder: str | None = None):
    return DoorTicketInfo(barcode, f"key-{barcode}", f"id-{barcode}", "General", holder, "valid", limit, points)


@pytest.fixture
def store(tmp_path: Path):
    with seed_store(tmp_path / "door.sqlite3") as seeded:
        replace_snapshot(seeded.session_factory, "EVDEMO", [
            _ticket("TKM-0004417-Q", holder="Alex Reyes"), _ticket("PASS2", limit=2), _ticket("INSIDE"),
            _ticket("MAINONLY", points=("main-door",)),
        ], [SeenScan("central-1", "INSIDE", ENTERED, "main-door")])
        yield seeded


def _dialog(qtbot, store, language: str) -> tuple[DoorCheckDialog, list[str]]:
    if language == "es":
        install_translations(QApplication.instance(), "es")
    synced: list[str] = []
    backend = backend_for(store, language, door_scan_point="side-door", door_sync=synced.append)
    window = ready_window(qtbot, backend, clerk=DOOR)
    dialog = window.open_door_check()
    assert dialog is not None
    qtbot.waitUntil(lambda: synced == ["EVDEMO"], timeout=10_000)  # refreshed in the background at open
    return dialog, synced


def _check(qtbot, dialog: DoorCheckDialog, code: str) -> str:
    with qtbot.waitSignal(dialog.checked, timeout=10_000):
        dialog.check(code)
    return dialog.light.text()


def _shots(dialog: DoorCheckDialog, language: str) -> None:
    folder = os.environ.get("BOXOFFICE_SHOTS")
    if not folder:
        return
    app = QApplication.instance()
    plain = app.styleSheet()
    app.setStyleSheet(application._stylesheet())  # as the window shows it (big green/red light)
    for width, height in ((1280, 800), (1024, 768)):
        dialog.resize(width, height)
        QApplication.processEvents()
        dialog.grab().save(str(Path(folder) / f"door-check-{language}-{width}x{height}.png"))
    app.setStyleSheet(plain)


@pytest.mark.parametrize("language", ["en", "es"])
def test_door_dialog_judges_by_the_snapshot(qtbot, store, language: str) -> None:
    dialog, _ = _dialog(qtbot, store, language)
    english = language == "en"
    door = "Door: side-door" if english else "Puerta: side-door"
    qtbot.waitUntil(lambda: dialog.snapshot_note.text().startswith(door), timeout=10_000)
    assert ("Tickets of the event as of" if english else "Entradas del evento a las") in dialog.snapshot_note.text()

    green = _check(qtbot, dialog, "tkm-0004417-q")  # another system's barcode, typed in lower case
    assert dialog.last.green and dialog.light.property("kind") == "green" and "Alex Reyes" in green
    assert green.startswith("VALID — first entry" if english else "VÁLIDA — primera entrada")

    inside = _check(qtbot, dialog, "INSIDE")
    expected = (f"NOT VALID — already entered at {hh_mm(ENTERED)} at door main-door" if english
                else f"NO VÁLIDA — ya entró a las {hh_mm(ENTERED)} por la puerta main-door")
    assert inside.startswith(expected) and dialog.light.property("kind") == "red"
    assert len(hh_mm(ENTERED)) in (5, 11)  # HH:MM (with the day only when not today)

    _check(qtbot, dialog, "PASS2")
    again = _check(qtbot, dialog, "PASS2")
    assert again.startswith("VALID — re-entry (0 left)" if english else "VÁLIDA — reentrada (quedan 0)")
    over = _check(qtbot, dialog, "PASS2")
    assert over.startswith("NOT VALID — no entries left (2 used)" if english
                           else "NO VÁLIDA — no le quedan accesos (2 usados)")
    assert "side-door" in over

    wrong = _check(qtbot, dialog, "MAINONLY")
    assert wrong.startswith("NOT VALID — not accepted at this door" if english
                            else "NO VÁLIDA — no se admite por esta puerta")
    _check(qtbot, dialog, "INSIDE")
    _shots(dialog, language)
    dialog.accept()
