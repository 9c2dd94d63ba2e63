"""A terminal that cannot start says why in a window, in the terminal's language.

Started from a menu or a kiosk autostart nobody reads stderr, so the start-up error dialog is the message. Coded
errors (an empty database while paired, a read-only or full disk, an argument that is not UTF-8, ...) are shown
through :func:`boxoffice.ui.error_text.describe`, translated with the language of the terminal's config when it
can be read; with no readable config the message stays in English (it is what the log and stderr say).
"""

from __future__ import annotations

import argparse
import logging

from boxoffice.config import LANGUAGES, load_config
from boxoffice.core.errors import BoxOfficeError
from boxoffice.paths import resolve

log = logging.getLogger(__name__)


def configured_language(args: argparse.Namespace) -> str | None:
    """The language the terminal's config names, or None when there is no readable config (a bad config file
    is often why the terminal cannot start)."""
    try:
        paths = resolve(getattr(args, "config", None), getattr(args, "data_dir", None))
        if not paths.config_file.is_file():
            return None
        language = load_config(paths.config_file).terminal.language
    except (BoxOfficeError, OSError, UnicodeError):
        return None
    return language if language in LANGUAGES else None


def show_startup_failure(error: BaseException, args: argparse.Namespace) -> None:
    """The start-up error dialog for ``error``, translated when the config names a language."""
    from boxoffice.ui.application import install_translations, make_app, show_startup_error
    from boxoffice.ui.error_text import describe
    from boxoffice.ui.qt import QApplication

    app = make_app()
    language = configured_language(args)
    translators = install_translations(app, language) if language else []
    try:
        show_startup_error(describe(error))
    finally:
        for translator in translators:
            QApplication.removeTranslator(translator)
