"""Start the Qt application: translations, stylesheet, sign-in, main window, background pull.

``--smoke-test`` shows the window and quits after half a second (installers check a bundle with it).
"""

from __future__ import annotations

import logging
import sys

from boxoffice.paths import resource_dir
from boxoffice.services.clerks import ClerkInfo
from boxoffice.ui.backend import Backend
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QApplication, QLocale, QTimer, QTranslator, QWidget

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


class _ScanRouter:
    """Sends a scan to whoever is waiting for one: the sign-in dialog (a badge) or the main window."""

    def __init__(self) -> None:
        self.target = None
        self.window = None

    def __call__(self, code: str) -> None:
        if self.target is not None:
            self.target.badge_scanned(code)
        elif self.window is not None:
            self.window.handle_scan(code)


def sign_in(backend: Backend, router: _ScanRouter, parent: QWidget | None = None) -> ClerkInfo | None:
    """First start: create the supervisor; then the sign-in dialog. None when the person backs out."""
    from boxoffice.services.clerks import has_clerks
    from boxoffice.ui.signin import FirstSupervisorDialog, SignInDialog

    if not has_clerks(backend.read_session_factory):
        first = FirstSupervisorDialog(backend.session_factory, parent)
        created = first.exec() == FirstSupervisorDialog.DialogCode.Accepted
        first.deleteLater()
        if not created:
            return None
    dialog = SignInDialog(backend.session_factory, parent)
    dialog.resize(1024, 720)
    router.target = dialog
    try:
        accepted = dialog.exec() == SignInDialog.DialogCode.Accepted
    finally:
        router.target = None
        dialog.deleteLater()
    return dialog.clerk if accepted else None


def run(context, backend: Backend, *, kiosk: bool = False, smoke_test: bool = False) -> int:
    from boxoffice.ui.scanner import ScanDetector

    app = make_app()
    translators = install_translations(app, context.config.terminal.language)
    scanner = ScanDetector(app)
    scanner.install(app)
    router = _ScanRouter()
    scanner.scanned.connect(router)
    clerk = None
    if not smoke_test:
        clerk = sign_in(backend, router)
        if clerk is None:
            return 0
    window = MainWindow(backend, clerk=clerk)
    window._translators = translators  # keep them alive with the window
    router.window = window
    window.door_check_opened.connect(lambda dialog: _route_scans_to(router, dialog))
    window.sign_out_requested.connect(lambda: _switch_clerk(window, backend, router))
    window.start_pull()
    if kiosk or context.config.terminal.kiosk:
        window.showFullScreen()
    else:
        window.resize(1280, 800)
        window.show()
    if smoke_test:
        QTimer.singleShot(500, app.quit)
    code = app.exec()
    router.window = None
    log.info("window closed (exit %s)", code)
    return int(code)


def _route_scans_to(router: _ScanRouter, dialog: QWidget) -> None:
    """While the door check is open, every scan is a ticket to check there."""
    router.target = dialog
    dialog.finished.connect(lambda _result: setattr(router, "target", None))


def _switch_clerk(window: MainWindow, backend: Backend, router: _ScanRouter) -> None:
    clerk = sign_in(backend, router, window)
    if clerk is not None:
        window.set_clerk(clerk)
