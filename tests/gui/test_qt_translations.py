"""Qt's own texts follow the window's language (issue #14, "Also seen"): standard buttons and the file dialog."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from boxoffice.ui import application
from boxoffice.ui.application import install_translations
from boxoffice.ui.file_dialogs import file_dialog
from boxoffice.ui.qt import QApplication, QDialogButtonBox, QFileDialog, QLabel, QMessageBox, QPushButton


def _texts(widget, kind) -> set[str]:
    return {child.text().replace("&", "") for child in widget.findChildren(kind) if child.text()}


def test_standard_buttons_are_spanish(qtbot) -> None:
    install_translations(QApplication.instance(), "es")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
                      | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert {button.text().replace("&", "") for button in box.buttons()} == {"Aceptar", "Cancelar", "Sí", "No"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
    qtbot.addWidget(buttons)
    assert _texts(buttons, QPushButton) == {"Guardar", "Cerrar"}


@pytest.mark.parametrize("save", [True, False])
def test_qt_file_dialog_is_spanish(qtbot, tmp_path: Path, save: bool) -> None:
    install_translations(QApplication.instance(), "es")
    dialog = file_dialog(None, "Exportar CSV", str(tmp_path / "ventas.csv"), "Archivos CSV (*.csv)", save=save)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)  # the dialog a kiosk without a desktop theme shows
    qtbot.addWidget(dialog)
    labels = _texts(dialog, QLabel)
    assert {"Buscar en:", "Nombre de archivo:", "Tipo de archivo:"} <= labels
    assert not labels & {"Look in:", "File name:", "Files of type:"}
    buttons = _texts(dialog, QPushButton)
    assert ("Guardar" if save else "Abrir") in buttons and "Cancelar" in buttons


def test_english_keeps_qt_english(qtbot, tmp_path: Path) -> None:
    install_translations(QApplication.instance(), "en")
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x",
                      QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert {button.text() for button in box.buttons()} == {"OK", "Cancel"}
    dialog = file_dialog(None, "Export CSV", str(tmp_path), "CSV files (*.csv)", save=True)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    assert {"Look in:", "File name:", "File type:"} <= _texts(dialog, QLabel)


def test_missing_qt_translations_leave_qt_english(qtbot, monkeypatch, tmp_path: Path, caplog) -> None:
    """A bundle without qtbase_es.qm still starts, in Spanish for our texts, and says what is missing."""
    monkeypatch.setattr(application, "_qt_translation_folders", lambda: [tmp_path])
    with caplog.at_level(logging.WARNING, logger=application.log.name):
        translators = install_translations(QApplication.instance(), "es")
    assert len(translators) == 1
    assert "qtbase_es" in caplog.text
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.buttons()[0].text() == "Cancel"


def test_qt_translations_found_beside_pyside_when_qt_looks_elsewhere(monkeypatch) -> None:
    """The frozen bundle: QLibraryInfo may point to a folder that does not exist; PySide6's own folder is next."""
    from boxoffice.ui.qt import pyside_translations_dir

    assert (pyside_translations_dir() / "qtbase_es.qm").is_file()
    monkeypatch.setattr(application.QLibraryInfo, "path", lambda _which: "/nonexistent")
    translators = install_translations(QApplication.instance(), "es")
    assert len(translators) == 2
