"""GUI tests share one QApplication: a test that starts the real app (which installs the Spanish translator and
sets the default locale) must not leave its language to the tests after it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boxoffice.ui.qt import QApplication, QLocale, QTranslator


@pytest.fixture(autouse=True)
def english_again() -> Iterator[None]:
    locale = QLocale()
    yield
    app = QApplication.instance()
    if app is not None:
        for translator in app.findChildren(QTranslator):
            QApplication.removeTranslator(translator)
            translator.deleteLater()
    QLocale.setDefault(locale)
