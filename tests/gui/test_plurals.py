"""Counts read right in both languages (issue #14: "1 entradas", "1 ventas por sincronizar"): Qt's numerus forms,
Spanish and English (the English file holds only the plural forms)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.sync_status import SyncStatus
from boxoffice.paths import resource_dir
from boxoffice.ui.application import install_translations
from boxoffice.ui.change_hub import ChangeHub
from boxoffice.ui.comp_dialog import CompDialog
from boxoffice.ui.error_text import describe
from boxoffice.ui.operations import OperationRunner
from boxoffice.ui.qt import QApplication
from boxoffice.ui.status_bar import SyncStatusBar

FOLDER = resource_dir() / "translations"
#: a count written into the text by str.format instead of Qt's %n (wrong for 1 in one of the languages)
COUNT_BY_FORMAT = re.compile(r"\{(n|count|tickets|left|free)\} (tickets?|seats?|sales?|events?|free|left)\b")


def _numerus(path) -> dict[tuple[str, str], list[str]]:
    root = ET.parse(path).getroot()
    return {(context.findtext("name"), message.findtext("source")):
            [form.text or "" for form in message.iter("numerusform")]
            for context in root.iter("context") for message in context.iter("message")
            if message.get("numerus") == "yes"}


@pytest.fixture
def runner(qtbot) -> Iterator[OperationRunner]:
    runner = OperationRunner(ChangeHub())
    yield runner
    runner.shutdown()


def _status(pending: int) -> SyncStatus:
    return SyncStatus("offline", pending, 0, 0, datetime(2026, 12, 1, 9, 30, tzinfo=UTC), None, None, False)


@pytest.mark.parametrize(("language", "one", "two"), [
    ("es", "1 venta por sincronizar", "2 ventas por sincronizar"),
    ("en", "1 sale waiting to sync", "2 sales waiting to sync"),
])
def test_sales_waiting(qtbot, runner, language: str, one: str, two: str) -> None:
    install_translations(QApplication.instance(), language)
    for pending, expected in ((1, one), (2, two)):
        bar = SyncStatusBar(lambda pending=pending: _status(pending), "Taquilla Norte", runner=runner)
        qtbot.addWidget(bar)
        qtbot.waitUntil(lambda bar=bar, expected=expected: bar.pending.text() == expected, timeout=5000)


@pytest.mark.parametrize(("language", "one", "three"), [
    ("es", "Emitir 1 entrada (precio normal", "Emitir 3 entradas (precio normal"),
    ("en", "Issue 1 ticket (list price", "Issue 3 tickets (list price"),
])
def test_comp_dialog_counts_tickets(qtbot, language: str, one: str, three: str) -> None:
    from boxoffice.ui.qt import QLabel

    install_translations(QApplication.instance(), language)
    for count, expected in ((1, one), (3, three)):
        dialog = CompDialog(count, "16,00 €")
        qtbot.addWidget(dialog)
        assert any(label.text().startswith(expected) for label in dialog.findChildren(QLabel))


def test_error_texts_count_seats(qtbot) -> None:
    install_translations(QApplication.instance(), "es")
    one = BoxOfficeError("x", code="seats_left", params={"left": 1, "zone": "Platea", "needed": 2})
    assert describe(one) == "Solo queda 1 butaca en Platea; se necesitan 2."
    many = BoxOfficeError("x", code="seats_left", params={"left": 3, "zone": "Platea", "needed": 4})
    assert describe(many) == "Solo quedan 3 butacas en Platea; se necesitan 4."
    assert describe(BoxOfficeError("x", code="too_many_tickets", params={"max": 1})) == \
        "Como máximo 1 entrada por venta."


def test_every_plural_has_both_forms_in_both_languages() -> None:
    spanish, english = _numerus(FOLDER / "boxoffice_es.ts"), _numerus(FOLDER / "boxoffice_en.ts")
    assert spanish, "no numerus messages: the plurals are not going through %n"
    assert set(english) == set(spanish), "run scripts/translations and fill boxoffice_en.ts"
    for key in spanish:
        for forms in (spanish[key], english[key]):
            assert len(forms) == 2 and all(form.strip() for form in forms), key
            assert all("%n" in form or "%Ln" in form for form in forms), key


def test_no_count_is_formatted_into_a_noun() -> None:
    """A new "{n} tickets" would read "1 tickets": counts before a noun go through %n."""
    root = ET.parse(FOLDER / "boxoffice_es.ts").getroot()
    offenders = [source for message in root.iter("message")
                 if COUNT_BY_FORMAT.search(source := message.findtext("source") or "")]
    assert not offenders, offenders
