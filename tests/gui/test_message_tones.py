"""Success, progress and refusal look different (#14: "success messages in dark red"): messages carry a tone
(ui/tone.py) and the app stylesheet paints done in green, in progress in blue, refused in red."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.config import PrinterConfig
from boxoffice.ui.application import _stylesheet
from boxoffice.ui.qt import QApplication, QLabel
from boxoffice.ui.settings_dialog import SettingsDialog
from boxoffice.ui.tone import ERROR, INFO, OK, set_tone
from boxoffice.ui.window_context import window_context
from tests.helpers.demo_inventory import backend_for, seed_store

WAIT_MS = 10_000
GREEN, BLUE, RED = "#0f5c2e", "#0b3d91", "#8a1c12"


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[QApplication]:
    """The app's own stylesheet, as the window runs with it; the previous one back afterwards."""
    before = qapp.styleSheet()
    qapp.setStyleSheet(_stylesheet())
    yield qapp
    qapp.setStyleSheet(before)


def colour(label: QLabel) -> str:
    return label.palette().color(label.foregroundRole()).name()


def test_each_tone_has_its_own_colour(qtbot, styled: QApplication) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    label.show()
    for tone, expected in ((OK, GREEN), (INFO, BLUE), (ERROR, RED)):
        set_tone(label, "x", tone)
        assert label.property("tone") == tone and colour(label) == expected, tone
    with pytest.raises(ValueError):
        set_tone(label, "x", "success")


def test_a_test_page_that_printed_is_green_and_one_that_failed_is_red(qtbot, styled: QApplication,
                                                                         tmp_path: Path) -> None:
    store = seed_store(tmp_path / "t.sqlite3")
    try:
        ctx = window_context(backend_for(store, data_dir=tmp_path))
        folder = tmp_path / "pdf"
        dialog = SettingsDialog(PrinterConfig(kind="pdf", pdf_dir=str(folder)), "es", tmp_path,
                                lambda *_: None, ctx=ctx)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.test_page()
        assert dialog.message.property("tone") == INFO  # printing…
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        assert "Test page sent" in dialog.message.text()
        assert dialog.message.property("tone") == OK and colour(dialog.message) == GREEN

        (tmp_path / "not-a-folder").write_text("a file where the folder should be")
        dialog.pdf_dir.setText(str(tmp_path / "not-a-folder"))
        dialog.test_page()
        qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
        assert "Test page failed" in dialog.message.text()
        assert dialog.message.property("tone") == ERROR and colour(dialog.message) == RED
    finally:
        store.close()
