"""No English on a Spanish screen (issue #14 Deliver 5): every screen and dialog is built in Spanish and every
text it can show is read (labels, buttons, group boxes, tabs, table headers, combo items, placeholders,
tooltips, window titles, menu actions), and the test fails listing each one that is still English.

A text is English when it is an English source string whose Spanish translation differs (the translator did not
apply: a missing ``tr()``, a string built outside Qt), or when it contains common English words. Proper names,
codes, numbers and amounts pass. To cover a new screen, add a factory to ``SCREENS``: it gets the :class:`Env`
and returns the widgets to walk (it may open them from the main window, as a clerk would).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton  # not re-exported by ui/qt.py: only the walker needs it

from boxoffice.config import PrinterConfig
from boxoffice.core.payments import PaymentRequest
from boxoffice.paths import resource_dir
from boxoffice.services import catalog
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.services.shifts import current_shift
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk
from boxoffice.ui.application import install_translations
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    Qt,
    QTabWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)
from boxoffice.ui.window_context import window_context
from tests.gui.window_helpers import settle
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store

SUPERVISOR = ClerkInfo(1, "Marta López", "supervisor", None)
TS = resource_dir() / "translations" / "boxoffice_es.ts"

#: Words that are English and not Spanish (matched whole, any case). Words Spanish shares or borrows ("no",
#: "total", "local", "error", "supervisor", "ticket", "token", "terminal") are left out.
ENGLISH_WORDS = frozenset("""
    the and with without for from this that these those is are was were be been not your you please
    cancel close save open print printer printing reprint sale sales sold tickets seat seats event events
    shift clerk clerks settings failed waiting sync online offline card change back next finish help yes
    choose enter scan scanned badge amount paid pay payment refund void voided return returns returned
    zone row rows free left report reports hour day today date time name reason note notes what who why when
    queue parked delivered pending retry decide decided mark seen unsold selling sell issue issued comp comps
    discount discounts price prices connection connected office test page sent file files folder
    cash drawer float count counted expected difference sign signed out exit kiosk training door
    look type all none other more less than only here there now new edit add remove delete role active
""".split())
#: Whole texts that pass although they look English: names and codes shared by both languages.
ALLOWED = frozenset({"PIN", "PDF", "CSV", "ESC/POS", "USB", "OK", "Z", "VIP", "Box office"})
#: Names in the test data, taken out of a text before its words are looked at.
NAMES = ("(test till)",)


@dataclass
class Env:
    qtbot: object
    store: Store
    tmp_path: Path

    def backend(self, **overrides):
        return backend_for(self.store, "es", data_dir=self.tmp_path, apply_settings=lambda *_: None, **overrides)

    def window(self) -> MainWindow:
        window = MainWindow(self.backend(), clerk=SUPERVISOR)
        self.qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        settle(self.qtbot, window)
        return window

    def shown(self, widget: QWidget, runner_of: QWidget | None = None) -> QWidget:
        self.qtbot.addWidget(widget)
        widget.show()
        ctx = getattr(runner_of or widget, "ctx", None)
        if ctx is not None:
            self.qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=10_000)
        return widget


def _sale_code(env: Env) -> str:
    return sell(env.store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-pre", 2, ("EVDEMO-PRE1", "EVDEMO-PRE2")),),
        (PaymentRequest("cash", tendered_cents=10000),), clerk_id=SUPERVISOR.id)).purchase_code


# --- the screens --------------------------------------------------------------------------------------------

def main_window(env: Env) -> list[QWidget]:
    window = env.window()
    return [window, window.supervisor_menu]


def sale_dialog(env: Env) -> list[QWidget]:
    window = env.window()
    sale = catalog.find_sale(env.store.read_session_factory, _sale_code(env))
    return [env.shown(window.open_sale(sale), window)]


def payment(env: Env) -> list[QWidget]:
    from boxoffice.ui.payment import PaymentDialog

    return [env.shown(PaymentDialog(2500, env.backend().money))]


def comp(env: Env) -> list[QWidget]:
    from boxoffice.ui.comp_dialog import CompDialog

    return [env.shown(CompDialog(2, "32,00 €"))]


def discount(env: Env) -> list[QWidget]:
    from boxoffice.ui.discount_dialog import DiscountDialog

    return [env.shown(DiscountDialog("General", 2500, 0, env.backend().money, 10, "clerk"))]


def returns(env: Env) -> list[QWidget]:
    window = env.window()
    return [env.shown(window.open_returns(), window)]


def shift_close(env: Env) -> list[QWidget]:
    from boxoffice.ui.shift_dialogs import CloseShiftDialog

    window = env.window()
    shift = current_shift(env.store.read_session_factory)
    return [env.shown(CloseShiftDialog(window.backend, SUPERVISOR, shift, window), window)]


def shift_open(env: Env) -> list[QWidget]:
    from boxoffice.ui.shift_dialogs import OpenShiftDialog

    window = env.window()
    return [env.shown(OpenShiftDialog(window.backend, SUPERVISOR, window), window)]


def z_reports(env: Env) -> list[QWidget]:
    window = env.window()
    return [env.shown(window.open_z_reports(), window)]


def reports(env: Env) -> list[QWidget]:
    _sale_code(env)
    window = env.window()
    return [env.shown(window.open_reports(), window)]


def sync_queue(env: Env) -> list[QWidget]:
    _sale_code(env)
    window = env.window()
    return [env.shown(window.open_sync_queue(), window)]


def settings(env: Env) -> list[QWidget]:
    from boxoffice.ui.settings_dialog import SettingsDialog

    window = env.window()
    dialog = SettingsDialog(PrinterConfig(), "es", env.tmp_path, lambda *_: None, window, ctx=window.ctx)
    return [env.shown(dialog, window)]


def door_check(env: Env) -> list[QWidget]:
    window = env.window()
    return [env.shown(window.open_door_check(), window)]


def supervisor_pin(env: Env) -> list[QWidget]:
    from boxoffice.ui.supervisor_pin import SupervisorPinDialog

    return [env.shown(SupervisorPinDialog(window_context(env.backend()), "Anular la venta P-1"))]


def sign_in(env: Env) -> list[QWidget]:
    from boxoffice.ui.signin import FirstSupervisorDialog, SignInDialog

    ctx = window_context(env.backend())
    return [env.shown(SignInDialog(ctx)), env.shown(FirstSupervisorDialog(ctx))]


def first_run(env: Env) -> list[QWidget]:
    from boxoffice.app import Context
    from boxoffice.config import Config
    from boxoffice.facades.pairing import PairingFacade
    from boxoffice.paths import resolve
    from boxoffice.ui.first_run import FirstRunWizard

    paths = resolve(None, env.tmp_path / "terminal")
    paths.ensure()
    backend = env.backend()
    wizard = FirstRunWizard(window_context(backend), PairingFacade(Context(paths=paths, config=Config(),
                                                                             log_file=None), env.store))
    return [env.shown(wizard)]


def kiosk_guard(env: Env) -> list[QWidget]:
    from boxoffice.ui.kiosk import KioskGuard

    window = env.window()
    guard = KioskGuard(window, window.ctx)
    guard.allowed = True  # the test closes the window at teardown
    return [window]


#: name -> factory; other engineers' new screens go here (a staff dialog, ...)
SCREENS: dict[str, Callable[[Env], list[QWidget]]] = {
    "main window": main_window, "sale dialog": sale_dialog, "payment": payment, "comp": comp,
    "discount": discount, "returns": returns, "shift open": shift_open, "shift close": shift_close,
    "z reports": z_reports, "reports": reports, "sync queue": sync_queue, "settings": settings,
    "door check": door_check, "supervisor pin": supervisor_pin, "sign in": sign_in, "first run": first_run,
    "kiosk guard": kiosk_guard,
}


# --- reading every text -------------------------------------------------------------------------------------

def _item_texts(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return
    for column in range(model.columnCount()):
        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = model.headerData(column, Qt.Orientation.Horizontal, role)
            yield value if isinstance(value, str) else ""
    for row in range(min(model.rowCount(), 50)):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.data(index, role)
                yield value if isinstance(value, str) else ""


def texts_of(widget: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for everything ``widget`` and its children can show."""
    for child in [widget, *widget.findChildren(QWidget)]:
        where = f"{type(child).__name__}({child.objectName() or '-'})"
        if child.isWindow():
            yield where + ".windowTitle", child.windowTitle()
        yield where + ".toolTip", child.toolTip()
        if isinstance(child, QLabel | QAbstractButton):
            yield where + ".text", child.text()
        if isinstance(child, QLineEdit | QPlainTextEdit | QTextEdit):
            yield where + ".placeholder", child.placeholderText()
        if isinstance(child, QGroupBox):
            yield where + ".title", child.title()
        if isinstance(child, QTabWidget):
            for i in range(child.count()):
                yield f"{where}.tab[{i}]", child.tabText(i)
                yield f"{where}.tabToolTip[{i}]", child.tabToolTip(i)
        if isinstance(child, QComboBox):
            for i in range(child.count()):
                yield f"{where}.item[{i}]", child.itemText(i)
        if isinstance(child, QAbstractItemView) and not isinstance(child, QComboBox | QListWidget | QTreeWidget):
            for text in _item_texts(child):
                yield where + ".cell", text
        if isinstance(child, QListWidget):
            for i in range(child.count()):
                yield f"{where}.item[{i}]", child.item(i).text()
        if isinstance(child, QTreeWidget):
            header = child.headerItem()
            for i in range(header.columnCount()):
                yield f"{where}.header[{i}]", header.text(i)
        for action in child.actions():
            yield where + ".action", action.text()
            yield where + ".actionToolTip", action.toolTip() if action.toolTip() != action.text().replace(
                "&", "") else ""
        if isinstance(child, QMenu):
            yield where + ".title", child.title()


def _english_sources() -> tuple[frozenset[str], list[re.Pattern[str]]]:
    """Source strings whose Spanish differs: the plain ones, and patterns for those with placeholders."""
    plain: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for message in ET.parse(TS).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        if source in forms:
            continue
        if re.search(r"\{\w*\}|%L?n", source):
            fixed = re.split(r"\{\w*\}|%L?n", source)
            if sum(len(re.findall(r"[A-Za-z]{4,}", part)) for part in fixed) < 2:
                continue  # "{name} ({n})": nothing English in it to see
            body = "".join(re.escape(part) + "(.+?)" for part in fixed[:-1]) + re.escape(fixed[-1])
            patterns.append(re.compile(f"^{body}$", re.DOTALL))
        else:
            plain.add(source)
    return frozenset(plain), patterns


def english(text: str, sources: frozenset[str], patterns: list[re.Pattern[str]]) -> str | None:
    """Why ``text`` reads as English, or None."""
    shown = re.sub(r"<[^>]+>", " ", text).replace("&&", "\0").replace("&", "").replace("\0", "&").strip()
    if not shown or shown in ALLOWED:
        return None
    if shown in sources or text in sources:
        return "an English source string"
    if any(p.match(shown) or p.match(text) for p in patterns):
        return "an English template"
    for name in NAMES:
        shown = shown.replace(name, " ")
    # identifiers ("office_taquilla_norte", "EVDEMO-GEN1") are codes, not words
    words = {w.lower() for w in re.findall(r"[\w'-]+", shown) if w.isascii() and re.fullmatch(r"[A-Za-z']+", w)}
    found = sorted(words & ENGLISH_WORDS)
    if len(found) >= 1 and not re.fullmatch(r"[A-Z0-9\-·/ ]+", shown):
        return "English words: " + ", ".join(found)
    return None


def english_texts(widgets: Iterable[QWidget]) -> list[str]:
    sources, patterns = _english_sources()
    seen: set[tuple[str, str]] = set()
    found = []
    for widget in widgets:
        for where, text in texts_of(widget):
            if not text or (where, text) in seen:
                continue
            seen.add((where, text))
            why = english(text, sources, patterns)
            if why:
                found.append(f"{where}: {text!r} ({why})")
    return found


# --- the test -----------------------------------------------------------------------------------------------

@pytest.fixture
def env(qtbot, tmp_path: Path) -> Iterator[Env]:
    store = seed_store(tmp_path / "es.sqlite3")
    with store.session_factory.begin() as session:
        session.add(Clerk(id=SUPERVISOR.id, name=SUPERVISOR.name, role="supervisor", pin_hash="scrypt$x"))
    install_translations(QApplication.instance(), "es")
    yield Env(qtbot, store, tmp_path)
    store.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_english_on_a_spanish_screen(env: Env, screen: str) -> None:
    widgets = SCREENS[screen](env)
    assert widgets and all(widgets)
    found = english_texts(widgets)
    assert not found, f"{screen}: English text on a Spanish screen:\n" + "\n".join(found)


def test_the_walker_sees_english(qtbot) -> None:
    """The check itself: an untranslated label and a label built from English words are caught; Spanish,
    names, codes and amounts are not."""
    sources, patterns = _english_sources()
    assert english("Sales reports", sources, patterns)  # a source string: tr() did not apply
    assert english("Sold P-1: 2 tickets, 25,00 €.", sources, patterns)  # an English template, filled
    assert english("Printer is off", sources, patterns)  # common English words
    for fine in ("Informes de ventas", "Marta López", "EVDEMO-GEN12", "25,00 €", "12", "PIN", "Festival de Verano",
                 "Vendido P-1: 2 entradas, 25,00 €."):
        assert english(fine, sources, patterns) is None, fine
