"""Start the Qt application: translations, stylesheet, first-run wizard, sign-in, main window, background pull.

An unpaired terminal starts with the first-run wizard (:mod:`boxoffice.ui.first_run`); kiosk mode (``--kiosk`` or
``terminal.kiosk``) puts sign-in and the main window full screen behind a :class:`~boxoffice.ui.kiosk.KioskGuard`.
``--smoke-test`` shows the window and quits after half a second (installers check a bundle with it); it skips
the wizard, sign-in and the kiosk guard.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from boxoffice.paths import resource_dir
from boxoffice.services.clerks import ClerkInfo
from boxoffice.ui.backend import Backend
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import (
    QApplication,
    QLibraryInfo,
    QLocale,
    QTimer,
    QTranslator,
    QWidget,
    pyside_translations_dir,
)

log = logging.getLogger(__name__)


def _stylesheet() -> str:
    try:
        return (resource_dir() / "style.qss").read_text(encoding="utf-8")
    except OSError:
        log.warning("stylesheet missing; using Qt defaults")
        return ""


def install_translations(app: QApplication, language: str) -> list[QTranslator]:
    """Load our strings for ``language`` and Qt's own (``qtbase_<lang>``: standard buttons, file dialogs).

    English is the source language; its file holds only the plural forms ("1 ticket", "2 tickets"). A missing
    file is logged and the text stays English: the window still works.
    """
    loaded = []
    ours = resource_dir() / "translations"
    for name, folders in ((f"boxoffice_{language}", [ours]), (f"qtbase_{language}", _qt_translation_folders())):
        translator = QTranslator(app)
        if any(translator.load(name, str(folder)) for folder in folders):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("no translation %s in %s; showing English", name, ", ".join(map(str, folders)))
    QLocale.setDefault(QLocale(language))
    return loaded


def _qt_translation_folders() -> list[Path]:
    """Where Qt's own translations may be: Qt's configured folder, PySide6's (a PyInstaller bundle keeps
    ``qtbase_es.qm``/``qtbase_en.qm`` there, packaging/hooks/qt_slim.py) and ours."""
    return [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), pyside_translations_dir(),
            resource_dir() / "translations"]


def make_app() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Box office")
    app.setStyleSheet(_stylesheet())
    return app  # type: ignore[return-value]


def show_startup_error(message: str) -> None:
    """The app cannot start (bad config, a database it must not touch, a failed upgrade): tell the person at
    the kiosk what happened and what to do, in a window, before exiting."""
    from boxoffice.ui.qt import QCoreApplication, QMessageBox

    make_app()
    box = QMessageBox(QMessageBox.Icon.Critical, QCoreApplication.translate("Startup", "Box office cannot start"),
                      message)
    box.setInformativeText(QCoreApplication.translate(
        "Startup", "Nothing was changed. Fix the problem above or call support with `boxoffice doctor --bundle "
                   "FILE.zip`."))
    box.setObjectName("startupError")
    box.exec()


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


def first_run(backend: Backend, router: _ScanRouter) -> Any:
    """No configuration yet: the first-run wizard. The paired context, or None when the installer closed it first.

    The pairing counts from the moment it is saved, even if the wizard is closed at the supervisor step (sign-in
    then asks for the supervisor as on any start without clerks).
    """
    from boxoffice.ui.first_run import FirstRunWizard
    from boxoffice.ui.window_context import window_context

    wizard = FirstRunWizard(window_context(backend), backend.pairing)
    wizard.resize(1024, 760)
    router.target = wizard
    try:
        wizard.exec()
        return wizard.paired
    finally:
        router.target = None
        wizard.deleteLater()


def sign_in(backend: Backend, router: _ScanRouter, parent: QWidget | None = None, *,
            kiosk: bool = False) -> ClerkInfo | None:
    """First start: create the supervisor; then the sign-in dialog. None when the person backs out (in kiosk
    mode only a supervisor can back out of the sign-in dialog, and that is journaled).

    Whether any clerk exists, and the names, are read on the operation runner's read pool while a local event
    loop waits: no store access on the GUI thread, and the sign-in dialog opens with its names."""
    from boxoffice.ui.signin import FirstSupervisorDialog, SignInDialog
    from boxoffice.ui.window_context import window_context

    ctx = window_context(backend)
    if not _wait_for(ctx, ctx.facades.clerks.has_clerks):
        first = FirstSupervisorDialog(ctx, parent)
        router.target = first  # a badge scanned now is the supervisor's
        try:
            created = first.exec() == FirstSupervisorDialog.DialogCode.Accepted
        finally:
            router.target = None
        first.deleteLater()
        if not created:
            return None
    dialog = SignInDialog(ctx, parent, clerks=_wait_for(ctx, ctx.facades.clerks.list_clerks))
    dialog.resize(1024, 720)
    if kiosk:
        from boxoffice.ui.kiosk import KioskGuard

        KioskGuard(dialog, ctx, where="sign-in").show()
    router.target = dialog
    try:
        accepted = dialog.exec() == SignInDialog.DialogCode.Accepted
    finally:
        router.target = None
        dialog.deleteLater()
    return dialog.clerk if accepted else None


def _wait_for(ctx: Any, read: Callable[[], Any]) -> Any:
    """Run ``read`` on the read pool and wait for it in a local event loop (the GUI keeps painting); a failure
    is raised here, as if the read had been called directly."""
    from boxoffice.ui.qt import QEventLoop

    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def finish(key: str, value: Any) -> None:
        outcome[key] = value
        loop.quit()

    ctx.runner.read(None, read, success=lambda value: finish("value", value),
                    failure=lambda exc: finish("error", exc))
    if not outcome:
        loop.exec()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def run(context, backend: Backend, *, kiosk: bool = False, smoke_test: bool = False,
        on_paired: Callable[[Any], None] | None = None) -> int:
    """The GUI from start to exit. ``on_paired(context)`` wires the backend to the platform once the first-run
    wizard has paired the terminal (the composition root starts the delivery worker and the pull there)."""
    from boxoffice.ui.scanner import ScanDetector

    app = make_app()
    translators = install_translations(app, context.config.terminal.language)
    scanner = ScanDetector.from_config(context.config.scanner, app)
    scanner.install(app)
    try:
        return _run_window(app, context, backend, scanner, translators, kiosk=kiosk, smoke_test=smoke_test,
                           on_paired=on_paired)
    finally:
        scanner.uninstall()  # the app may live on (tests, a second start): the scanner goes with this run
        scanner.deleteLater()
        for translator in translators:
            QApplication.removeTranslator(translator)


def _run_window(app: QApplication, context, backend: Backend, scanner, translators: list[QTranslator], *,
                kiosk: bool, smoke_test: bool, on_paired: Callable[[Any], None] | None) -> int:
    router = _ScanRouter()
    scanner.scanned.connect(router)
    if not smoke_test and not context.config.paired:
        paired = first_run(backend, router)
        if paired is None:
            log.info("first-run wizard closed before pairing; exiting")
            return 0
        context = paired
        if on_paired is not None:
            on_paired(context)
    kiosk = kiosk or context.config.terminal.kiosk
    clerk = None
    if not smoke_test:
        clerk = sign_in(backend, router, kiosk=kiosk)
        if clerk is None:
            return 0
    window = MainWindow(backend, clerk=clerk)
    window._translators = translators  # keep them alive with the window
    router.window = window
    window.door_check_opened.connect(lambda dialog: _route_scans_to(router, dialog))
    window.staff_dialog_opened.connect(lambda dialog: _route_scans_to(router, dialog))  # badges to enrol
    window.sign_out_requested.connect(lambda: _switch_clerk(window, backend, router))
    window.start_pull()
    if kiosk and not smoke_test:
        from boxoffice.ui.kiosk import KioskGuard

        KioskGuard(window, window.ctx).show()
    elif kiosk:
        window.showFullScreen()  # a smoke test must be able to quit on its own
    else:
        window.resize(1280, 800)
        window.show()
    if smoke_test:
        QTimer.singleShot(500, app.quit)
    code = app.exec()
    router.window = None
    from boxoffice.ui.window_context import shutdown

    shutdown(backend)  # a sale being committed or a ticket being printed finishes before the process ends
    log.info("window closed (exit %s)", code)
    return int(code)


def _route_scans_to(router: _ScanRouter, dialog: QWidget) -> None:
    """While the door check (or the staff screen) is open, every scan is a ticket to check (a badge to enrol)
    there."""
    router.target = dialog
    dialog.finished.connect(lambda _result: setattr(router, "target", None))


def _switch_clerk(window: MainWindow, backend: Backend, router: _ScanRouter) -> None:
    clerk = sign_in(backend, router, window)
    if clerk is not None:
        window.set_clerk(clerk)
