"""The clerk's main window.

Until the selling screens land (issue 5) it shows who this terminal is and whether it is paired, so an
installer can see at a glance that the install works.
"""

from __future__ import annotations

from boxoffice.ui.qt import QLabel, QMainWindow, QStatusBar, Qt, QVBoxLayout, QWidget


class MainWindow(QMainWindow):
    def __init__(self, office_name: str, terminal_id: str, paired: bool, database_revision: str) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("Box office"))
        self.setMinimumSize(1024, 700)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(48, 48, 48, 48)
        title = QLabel(self.tr("Box office"), central)
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        if paired:
            subtitle_text = self.tr("{office} · terminal {terminal}").format(office=office_name,
                                                                             terminal=terminal_id)
        else:
            subtitle_text = self.tr("This terminal is not paired with a central platform yet.")
        self.subtitle = QLabel(subtitle_text, central)
        self.subtitle.setObjectName("subtitle")
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle.setWordWrap(True)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(self.subtitle)
        layout.addStretch(2)
        self.setCentralWidget(central)
        status = QStatusBar(self)
        status.showMessage(self.tr("Database revision {rev}").format(rev=database_revision))
        self.setStatusBar(status)
