"""Supervisor settings: printer choice with a test page, saved to the config and used at once.

The dialog asks for the printers and prints on the operation runner's device thread and saves on its writer
thread (the GUI-thread I/O guard is active): tests wait for the message or the dialog's result."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.app import Context, settings_applier
from boxoffice.config import Config, PrinterConfig, load_config
from boxoffice.paths import resolve
from boxoffice.printing.system_output import installed_printers
from boxoffice.services.clerks import ClerkInfo
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.settings_dialog import SettingsDialog
from boxoffice.ui.window_context import window_context
from tests.helpers.demo_inventory import backend_for, seed_store
from tests.helpers.supervisors import add_supervisors

WAIT_MS = 10_000

SUPERVISOR = ClerkInfo(-1, "Marta López", "supervisor", None)  # add_supervisors' first id
CLERK = ClerkInfo(2, "Javier Ruiz", "clerk", None)


def _setup(tmp_path: Path):
    store = seed_store(tmp_path / "t.sqlite3")
    paths = resolve(data_dir=tmp_path / "data")
    paths.ensure()
    context = Context(paths=paths, config=Config(), log_file=None)
    backend = backend_for(store, printer_config=PrinterConfig(), data_dir=paths.data_dir)
    backend.apply_settings = settings_applier(context, store, backend)
    add_supervisors(store.session_factory, (SUPERVISOR.name,))
    return store, paths, backend


def _as(backend, actor):
    """The dialog's apply as the window hands it over: the actor bound in."""
    return lambda printer, language: backend.apply_settings(printer, language, actor)


def test_only_a_supervisor_sees_settings_and_no_sale(qtbot, tmp_path: Path) -> None:
    store, _paths, backend = _setup(tmp_path)
    window = MainWindow(backend, clerk=CLERK)
    qtbot.addWidget(window)
    window.show()
    assert not window.supervisor_button.isVisible() and window.menu_action("settings") is None
    assert window.open_settings() is None
    window.set_clerk(SUPERVISOR)
    assert window.supervisor_button.isVisible() and window.menu_action("settings") is not None
    store.close()


def test_supervisor_sets_a_pdf_printer_tests_it_and_saves(qtbot, tmp_path: Path) -> None:
    store, paths, backend = _setup(tmp_path)
    window = MainWindow(backend, clerk=SUPERVISOR)
    qtbot.addWidget(window)
    window.show()
    assert not backend.printing_ready()
    dialog = window.open_settings()
    assert isinstance(dialog, SettingsDialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("pdf"))
    dialog.pdf_dir.setText(str(tmp_path / "out"))
    dialog.test_page()
    qtbot.waitUntil(lambda: "Test page sent" in dialog.message.text(), timeout=WAIT_MS)
    assert list((tmp_path / "out").glob("*.pdf"))
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
        dialog.save()
    saved = load_config(paths.config_file)
    assert saved.printer.kind == "pdf" and saved.printer.pdf_dir == str(tmp_path / "out")
    assert saved.terminal.language == "en"
    assert backend.printing_ready()
    store.close()


def test_a_bad_printer_address_is_refused_with_the_reason(qtbot, tmp_path: Path) -> None:
    store, paths, backend = _setup(tmp_path)
    dialog = SettingsDialog(PrinterConfig(), "es", paths.data_dir, _as(backend, SUPERVISOR),
                            ctx=window_context(backend))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("escpos-network"))
    dialog.address.setText("127.0.0.1:9")
    dialog.test_page()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert "Test page failed" in dialog.message.text()
    store.close()


def test_no_system_printer_says_printing_is_not_set_up(qtbot, tmp_path: Path) -> None:
    store, paths, backend = _setup(tmp_path)
    dialog = SettingsDialog(PrinterConfig(kind="system"), "es", paths.data_dir, _as(backend, SUPERVISOR),
                            ctx=window_context(backend))
    qtbot.addWidget(dialog)
    dialog.test_page()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    if installed_printers():
        pytest.skip("this machine has printers installed; the no-printer path cannot be shown")
    assert "not set up" in dialog.message.text()
    store.close()


def test_a_save_that_cannot_be_written_keeps_the_dialog_open_with_one_line(qtbot, tmp_path: Path) -> None:
    """The config is written on the writer thread; when it cannot be (here a folder stands where the file goes)
    the dialog stays open and says so in one line, never a traceback."""
    store, paths, backend = _setup(tmp_path)
    paths.config_file.mkdir(parents=True)
    dialog = SettingsDialog(PrinterConfig(), "es", paths.data_dir, _as(backend, SUPERVISOR),
                            ctx=window_context(backend))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.printers_read, timeout=WAIT_MS)  # the installed printers, asked off the GUI
    dialog.kind.setCurrentIndex(dialog.kind.findData("pdf"))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.isVisible() and dialog.result() == 0
    assert dialog.message.text() == "Something went wrong; nothing was recorded. The details are in the log."
    assert not backend.printing_ready()  # the printer was not switched either
    store.close()


def test_settings_refused_to_a_clerk_by_the_applier_not_only_hidden(tmp_path: Path) -> None:
    """The window hides Settings from a clerk; the applier refuses one too (a stale window, a script), and
    writes nothing."""
    from boxoffice.core.permissions import PermissionRefused

    store, paths, backend = _setup(tmp_path)
    from boxoffice.services.clerks import ScryptCost, create_clerk

    clerk = create_clerk(store.session_factory, CLERK.name, "1357", "clerk", cost=ScryptCost(log_n=4))
    with pytest.raises(PermissionRefused):
        backend.apply_settings(PrinterConfig(kind="pdf", pdf_dir=str(tmp_path)), "en", clerk)
    with pytest.raises(PermissionRefused):
        backend.apply_settings(PrinterConfig(kind="pdf", pdf_dir=str(tmp_path)), "en", None)
    assert not paths.config_file.exists()
    backend.apply_settings(PrinterConfig(kind="pdf", pdf_dir=str(tmp_path)), "en", SUPERVISOR)
    assert load_config(paths.config_file).printer.kind == "pdf"
    store.close()
