"""GUI tests share one QApplication: a test that starts the real app (which installs the Spanish translator and
sets the default locale) must not leave its language to the tests after it. PINs are hashed at a cheap scrypt
cost here (the real cost is tested in tests/unit/services/test_clerks.py): sign-ins take milliseconds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boxoffice.services import clerks
from boxoffice.services.clerks import ScryptCost
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


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clerks, "PIN_COST", ScryptCost(log_n=4))


@pytest.fixture(autouse=True)
def no_gui_thread_io() -> Iterator[None]:
    """Every GUI test fails when window code touches the database, a socket or a file's SQLite on the GUI thread
    (screens not yet on the operation runner are listed in ``io_guard.LEGACY_SCREENS``)."""
    from tests.gui.io_guard import guarding

    with guarding() as guard:
        yield
    assert not guard.violations, "I/O on the GUI thread:\n" + "\n".join(map(str, guard.violations[:10]))
