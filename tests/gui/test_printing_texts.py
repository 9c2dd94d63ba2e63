"""Printing says where and why in the window's language (issue #14: "Página de prueba enviada a PDF files in…"):
printers name their destination as data, PrintError carries a code and params, ui/error_text translates both."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from boxoffice.config import PrinterConfig
from boxoffice.printing.outputs import EscposPrinter, PrintError, printer_for
from boxoffice.ui.application import install_translations
from boxoffice.ui.error_text import describe, known_codes, printer_text
from boxoffice.ui.qt import QApplication


@pytest.fixture
def spanish(qapp) -> None:
    install_translations(QApplication.instance(), "es")


def test_destinations_in_spanish(spanish, tmp_path: Path) -> None:
    pdf = printer_for(PrinterConfig(kind="pdf", pdf_dir=str(tmp_path)), tmp_path)
    assert printer_text(pdf.destination) == f"archivos PDF en {tmp_path}"
    assert printer_text(printer_for(PrinterConfig(kind="system"), tmp_path).destination) == \
        "la impresora predeterminada del sistema"
    network = printer_for(PrinterConfig(kind="escpos-network", address="10.0.0.5:9100"), tmp_path)
    assert printer_text(network.destination) == "la impresora de red en 10.0.0.5:9100"


def test_an_unreachable_printer_is_told_in_spanish(spanish) -> None:
    with socket.socket() as probe:  # a port nobody listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    printer = EscposPrinter("network", f"127.0.0.1:{port}", timeout=2)
    with pytest.raises(PrintError) as caught:
        printer.test_page()
    assert caught.value.code == "printer_unreachable"
    assert describe(caught.value) == (f"No se puede contactar con la impresora de red en 127.0.0.1:{port}: compruebe "
                                      "que está encendida y conectada. La venta se conserva y se puede reimprimir.")


def test_no_drawer_and_bad_settings_are_spanish(spanish, tmp_path: Path) -> None:
    pdf = printer_for(PrinterConfig(kind="pdf", pdf_dir=str(tmp_path)), tmp_path)
    with pytest.raises(PrintError) as caught:
        pdf.open_drawer()
    assert describe(caught.value) == ("El cajón se abre a través de una impresora de tiques ESC/POS; archivos PDF en "
                                      f"{tmp_path} no puede abrirlo.")
    with pytest.raises(PrintError) as caught:
        printer_for(PrinterConfig(kind="escpos-usb", address=" "), tmp_path)
    assert describe(caught.value) == ("Falta la dirección de la impresora USB: indíquela en los ajustes de la "
                                      "impresora.")
    with pytest.raises(PrintError) as caught:
        printer_for(PrinterConfig(kind="laser"), tmp_path)
    assert "Tipo de impresora desconocido «laser»" in describe(caught.value)


def test_badge_and_sign_in_refusals_have_codes() -> None:
    from boxoffice.services.clerks import ClerkLocked, ClerksAlreadyExist, UnknownBadge, UnknownClerk

    for refusal in (UnknownBadge, UnknownClerk, ClerkLocked, ClerksAlreadyExist):
        assert refusal.code in known_codes(), refusal
