"""Start the Qt application: translations, stylesheet, sign-in, main window, background pull.

``--smoke-test`` shows the window and quits after half a second (installers check a bundle with it).
"""

from __future__ import annotations

import logging
import sys

from boxoffice.paths import resource_dir
from boxoffice.ui.backend import Backend
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QApplication, QLocale, QTimer, QTranslator

log = logging.getLogger(__name__)


def _stylesheet() -> str:
    try:
        return (resource_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:
        log.warning("stylesheet missing; using Qt defaults")
        return ""


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load our strings for ``language`` (English is the source language and needs no file)."""
    loaded = []
    if language != "en":
        translator = QTranslator(app)
        path = resource_dir() / "translations"
        if translator.load(f"boxoffice_{language}", str(path)):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("no translation for %s in %s; showing English", language, path)
    QLocale.setDefault(QLocale(language))
    return loaded


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Box office")
    app.setStyleSheet(_stylesheet())
    return app  # type: ignore[return-value]


def run(context, backend: Backend, *, kiosk: bool = False, smoke_test: bool = False) -> int:
    app = make_app()
    translators = install_translations(app, context.config.terminal.language)
    window = MainWindow(backend)
    window._translators = translators  # keep them alive with the window
    window.start_pull()
    if kiosk or context.config.terminal.kiosk:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    if smoke_test:
        QTimer.singleShot(500, app.quit)
    code = app.exec()
    log.info("window closed (exit %s)", code)
    return int(code)
