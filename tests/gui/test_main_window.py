"""The main window opens and tells the installer whether the terminal is paired."""

from __future__ import annotations

from boxoffice.ui.main_window import MainWindow


def test_unpaired_terminal_says_so(qtbot) -> None:
    window = MainWindow(office_name="", terminal_id="T1", paired=False, database_revision="abc123")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "not paired" in window.subtitle.text()
    assert "abc123" in window.statusBar().currentMessage()


def test_paired_terminal_shows_office_and_terminal(qtbot) -> None:
    window = MainWindow(office_name="Taquilla Norte", terminal_id="norte-1", paired=True,
                        database_revision="abc123")
    qtbot.addWidget(window)
    assert window.subtitle.text() == "Taquilla Norte · terminal norte-1"
    assert window.minimumWidth() <= 1024
