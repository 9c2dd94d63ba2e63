"""Qt's standard buttons fit their text under the app's stylesheet, in Spanish and English (#14): an explicit
``min-width`` made a four-button message box squeeze "Aceptar" and "Cancelar" below their text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boxoffice.ui.application import _stylesheet, install_translations
from boxoffice.ui.qt import QApplication, QMessageBox


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    qapp.setStyleSheet(_stylesheet())
    yield qapp
    qapp.setStyleSheet("")


@pytest.mark.parametrize("language", ["es", "en"])
def test_four_standard_buttons_are_not_clipped(qtbot, styled: QApplication, language: str) -> None:
    translators = install_translations(styled, language)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "Box office", "¿Guardar los cambios antes de salir?",
                          QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel
                          | QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        qtbot.addWidget(box)
        box.show()
        qtbot.waitExposed(box)
        texts = {button.text().replace("&", "") for button in box.buttons()}
        assert texts == ({"Aceptar", "Cancelar", "Sí", "No"} if language == "es" else {"OK", "Cancel", "Yes", "No"})
        for button in box.buttons():
            assert button.width() >= button.sizeHint().width(), button.text()
            assert button.width() >= 60 and button.height() >= 52, button.text()  # still a touch target
    finally:
        for translator in translators:
            styled.removeTranslator(translator)
