"""The supervisor's batch screen against a real reference central: a batch of 3 requested, followed until done
and listed, its PDF saved; the platform down says so and breaks nothing; the menu entry is a supervisor's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.services import clerks
from boxoffice.store.engine import Store
from boxoffice.ui import batches_dialog
from boxoffice.ui.application import install_translations
from boxoffice.ui.batches_dialog import BatchesDialog
from boxoffice.ui.qt import QApplication, Qt
from boxoffice.ui.window_context import window_context
from tests.gui.window_helpers import ready_window
from tests.helpers.central_server import CentralServer
from tests.helpers.demo_inventory import backend_for
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.batches.conftest import EVENT, api, central, events_template, make_ticket_type  # noqa: F401
from tests.integration.central_events.conftest import EventsApi

OFFICE = "office_taquilla_norte"
DEAD = "http://127.0.0.1:9"  # nothing listens there
WAIT_MS = 20_000


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(BatchesDialog, "POLL_MS", 50)


@pytest.fixture
def item(api: EventsApi) -> int:  # noqa: F811
    return make_ticket_type(api, "Colegio", capacity=20)


@pytest.fixture
def terminal(central: CentralServer, item: int, tmp_path: Path) -> TestTerminal:  # noqa: F811
    """Pulled after the ticket type exists, so the terminal offers it."""
    return make_terminal(tmp_path / "terminal", central.url, OFFICE, central.office_tokens[OFFICE], event_id=EVENT)


@pytest.fixture
def store(terminal: TestTerminal) -> Iterator[Store]:
    opened = terminal.open_store()
    yield opened
    opened.close()


def open_dialog(qtbot, store: Store, client) -> BatchesDialog:
    install_translations(QApplication.instance(), "en")  # the plural forms (tests/gui/conftest.py removes it)
    backend = backend_for(store, "en", central_client=client)
    dialog = BatchesDialog(window_context(backend), event_id=EVENT)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: BatchesDialog) -> None:
    qtbot.waitUntil(lambda: dialog.ctx.runner.pending == 0, timeout=WAIT_MS)


def test_request_follow_list_and_save_the_pdf(qtbot, store: Store, terminal: TestTerminal, item: int,
                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = open_dialog(qtbot, store, terminal.client)
    assert dialog.event_id == EVENT and not dialog.offline.isVisible()
    dialog.item.setCurrentIndex(dialog.item.findData(item))
    assert dialog.item.currentText().startswith("Colegio")
    dialog.amount.setValue(3)
    dialog.comment.setText("Colegio San José")
    qtbot.mouseClick(dialog.request_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and not dialog.request_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Done"), timeout=WAIT_MS)
    settle(qtbot, dialog)
    listed = [b for b in dialog.batches if b.comment == "Colegio San José"]
    assert dialog.message.text() == f"Done: batch {listed[0].id} with 3 tickets. Save its PDF to print them."
    assert not dialog.busy
    assert [(b.amount, b.item) for b in listed] == [(3, item)]
    assert dialog.chosen_batch() == listed[0].id  # the new batch is the one chosen
    row = [dialog.table.item(0, c).text() for c in range(dialog.table.columnCount())]
    assert row[:4] == [str(listed[0].id), "Colegio", "3", "Colegio San José"] and row[4] != "—"

    pdf = tmp_path / "colegio.pdf"
    monkeypatch.setattr(batches_dialog, "choose_file", lambda *args, **kwargs: str(pdf))
    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)
    assert dialog.busy and dialog.progress.isVisible()
    qtbot.waitUntil(lambda: dialog.message.text().startswith("Saved"), timeout=WAIT_MS)
    assert str(pdf) in dialog.message.text() and not dialog.progress.isVisible()
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_a_refused_job_says_why(qtbot, store: Store, terminal: TestTerminal, item: int) -> None:
    dialog = open_dialog(qtbot, store, terminal.client)
    dialog.item.setCurrentIndex(dialog.item.findData(item))
    dialog.amount.setValue(25)  # more than the Colegio type's 20
    dialog.request()
    qtbot.waitUntil(lambda: not dialog.busy and bool(dialog.message.text()), timeout=WAIT_MS)
    assert "quota no longer available" in dialog.message.text()
    assert dialog.message.property("tone") == "error" and dialog.request_button.isEnabled()


def test_the_platform_down_is_said_and_nothing_breaks(qtbot, store: Store, terminal: TestTerminal) -> None:
    dialog = open_dialog(qtbot, store, lambda: terminal.client(DEAD, timeout=(0.3, 0.3)))
    assert dialog.offline.isVisible() and "cannot be reached" in dialog.offline.text()
    assert dialog.event_id == EVENT and dialog.item.count() > 0  # the local form still shows
    dialog.request()
    settle(qtbot, dialog)
    assert dialog.offline.isVisible() and not dialog.busy and dialog.request_button.isEnabled()
    assert dialog.batches == [] and not dialog.pdf_button.isEnabled()


def test_only_a_supervisor_has_it_in_the_menu(qtbot, store: Store, terminal: TestTerminal) -> None:
    marta = clerks.create_clerk(store.session_factory, "Marta", "8642", role="supervisor")
    ana = clerks.create_clerk(store.session_factory, "Ana", "1357", role="clerk")
    backend = backend_for(store, "en", central_client=terminal.client)
    window = ready_window(qtbot, backend, clerk=ana)
    assert window.menu_action("batches") is None and window.open_batches() is None
    window.set_clerk(marta)
    window.menu_action("batches").trigger()
    dialog = window.findChild(BatchesDialog)
    assert dialog is not None
    settle(qtbot, dialog)
    assert dialog.event_id == EVENT and not dialog.offline.isVisible()
    dialog.reject()
