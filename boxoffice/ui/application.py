"""Start the Qt application: stylesheet, translations, main window; ``--smoke-test`` exits after showing it."""

from __future__ import annotations

import logging
import sys

from boxoffice.paths import resource_dir
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QApplication, QTimer

log = logging.getLogger(__name__)


def _stylesheet() -> str:
    try:
        return (resource_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:
        log.warning("stylesheet missing; using Qt defaults")
        return ""


def run(context, store, *, kiosk: bool = False, smoke_test: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Box office")
    app.setStyleSheet(_stylesheet())
    config = context.config
    window = MainWindow(
        office_name=config.central.office_name or config.central.office_id,
        terminal_id=config.terminal.id,
        paired=config.paired,
        database_revision=store.revision,
    )
    if kiosk or config.terminal.kiosk:
        window.showFullScreen()
    else:
        window.show()
    if smoke_test:
        QTimer.singleShot(500, app.quit)
    code = app.exec()
    log.info("window closed (exit %s)", code)
    return int(code)
