"""The window and an FGL printer that runs out of paper on ticket 3 of 5 (#19): the clerk is offered tickets 3–5
and reprinting them puts them on paper; at the next start, tickets never confirmed are offered again.
``BOXOFFICE_SHOTS=folder`` saves the offer's screenshots (es and en)."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from boxoffice.app import make_printer
from boxoffice.config import Config, PrinterConfig
from boxoffice.core.payments import PaymentRequest
from boxoffice.services import print_jobs
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.ui.application import install_translations
from boxoffice.ui.qt import QApplication, QMessageBox
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store
from tests.helpers.fake_fgl_printer import FakeFglPrinter

SEATS = tuple(f"EVDEMO-GEN{n}" for n in range(11, 16))


@pytest.fixture
def store(tmp_path: Path):
    with seed_store(tmp_path / "terminal.sqlite3") as seeded:  # closed after the test
        yield seeded


@pytest.fixture
def fake():
    printer = FakeFglPrinter()
    yield printer
    printer.close()


def _backend(store, fake: FakeFglPrinter, tmp_path: Path, language: str = "en"):
    config = Config(printer=PrinterConfig(kind="fgl-network", address=fake.address, stock="fanfold-2x5.5"))
    hooks = make_printer(SimpleNamespace(config=config, paths=SimpleNamespace(data_dir=tmp_path)), store)
    return backend_for(store, language, printing_ready=hooks.printing_ready, print_sale=hooks.print_sale,
                       unconfirmed=hooks.unconfirmed, dismiss_unconfirmed=hooks.dismiss_unconfirmed)


def _offer(qtbot) -> QMessageBox:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QMessageBox)
                    and QApplication.activeWindow().objectName() == "unprintedOffer", timeout=15000)
    return QApplication.activeWindow()


def _shot(box: QMessageBox, name: str) -> None:
    folder = os.environ.get("BOXOFFICE_SHOTS")
    if folder:
        box.grab().save(str(Path(folder) / f"{name}.png"))


def _button(box: QMessageBox, name: str):
    return next(b for b in box.buttons() if b.objectName() == name)


@pytest.mark.parametrize("language", ["en", "es"])
def test_out_of_paper_on_ticket_3_offers_3_to_5_and_reprints_them(qtbot, store, fake, tmp_path: Path,
                                                                  language: str) -> None:
    if language == "es":
        install_translations(QApplication.instance(), "es")
    window = ready_window(qtbot, _backend(store, fake, tmp_path, language))
    fake.answers = {3: b"\x10"}
    result = sell(store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-gen", 5, SEATS),), (PaymentRequest("cash", tendered_cents=15000),)))
    with qtbot.waitSignal(window.printed, timeout=15000) as printed:
        window._print_sale(window.ctx.facades.printing.print_sale, result, "Sold")
    box = _offer(qtbot)
    again = _button(box, "reprintUnprinted")
    if language == "en":
        assert "out of tickets" in printed.args[1] and box.text().startswith("The ticket printer at 127.0.0.1")
        assert "Tickets 3–5 of 5" in box.text() and result.purchase_code in box.text()
        assert again.text() == "Reprint tickets 3–5"
    else:
        assert "Las entradas 3–5 de 5" in box.text() and again.text() == "Reimprimir las entradas 3–5"
    _shot(box, f"fgl-offer-after-failure-{language}")
    fake.reload()
    again.click()
    settle(qtbot, window)
    assert len(fake.printouts) == 2 + 3 + 1  # tickets 1-2, then 3-5 and the receipt
    assert print_jobs.unconfirmed(store.read_session_factory) == []


@pytest.mark.parametrize("language", ["es", "en"])
def test_tickets_never_confirmed_are_offered_at_start(qtbot, store, fake, tmp_path: Path, language: str) -> None:
    result = sell(store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-gen", 2, SEATS[:2]),), (PaymentRequest("cash", tendered_cents=6000),)))
    print_jobs.start(store.session_factory, result.purchase_code, [t.barcode for t in result.tickets])
    print_jobs.confirm(store.session_factory, [result.tickets[0].barcode])
    if language == "es":
        install_translations(QApplication.instance(), "es")  # the autouse english_again fixture removes it
    window = ready_window(qtbot, _backend(store, fake, tmp_path, language))
    box = _offer(qtbot)
    assert ("2 de 2" if language == "es" else "Ticket 2 of 2") in box.text()
    _shot(box, f"fgl-offer-at-start-{language}")
    _button(box, "unprintedPrinted").click()
    settle(qtbot, window)
    assert print_jobs.unconfirmed(store.read_session_factory) == []
    assert fake.printouts == []  # "they printed": nothing is printed again


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_supervisors_test_page_prints_on_fgl(qtbot, store, fake, tmp_path: Path, language: str) -> None:
    from boxoffice.ui.settings_dialog import SettingsDialog
    from boxoffice.ui.window_context import window_context
    from tests.unit.printing.printing_helpers import decode

    if language == "es":
        install_translations(QApplication.instance(), "es")
    backend = backend_for(store, language, printer_config=PrinterConfig(), data_dir=tmp_path)
    dialog = SettingsDialog(PrinterConfig(), language, tmp_path, lambda _printer, _language: None,
                            ctx=window_context(backend))
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("fgl-network"))
    dialog.address.setText(fake.address)
    dialog.stock.setCurrentIndex(dialog.stock.findData("fanfold-3.25x8"))
    dialog.dpi.setCurrentIndex(dialog.dpi.findData(300))
    assert dialog.dpi.isEnabled() and dialog.address.isEnabled()
    dialog.test_page()
    qtbot.waitUntil(lambda: not dialog.busy, timeout=15000)
    sent = "Test page sent to the ticket printer at" if language == "en" else "la impresora de entradas en"
    assert sent in dialog.message.text()
    (page,) = fake.printouts
    assert decode(*page.grey())["CODE128"] == ["TEST-0123456789"]
    dialog.show()
    qtbot.waitExposed(dialog)
    folder = os.environ.get("BOXOFFICE_SHOTS")
    if folder:
        dialog.grab().save(str(Path(folder) / f"fgl-settings-test-page-{language}.png"))
