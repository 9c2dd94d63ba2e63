"""Terminal settings a supervisor changes at the window: language and printer, with a test page.

The dialog only edits values; ``apply`` (from the composition root) validates, writes the config file and
switches the printer, so a bad value is refused with the same message the config file would give. Nothing runs
on the GUI thread: the installed printers are asked for and the test page printed on the operation runner's
device thread, ``apply`` (a file write) runs on its writer thread; refusals are shown in words
(:func:`boxoffice.ui.error_text.describe`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from boxoffice.config import FGL_DPIS, LANGUAGES, PRINTER_KINDS, TICKET_STOCKS, PrinterConfig
from boxoffice.printing.outputs import printer_for
from boxoffice.printing.system_output import installed_printers
from boxoffice.ui.error_text import describe, printer_text
from boxoffice.ui.qt import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.tone import ERROR, INFO, OK, set_tone
from boxoffice.ui.window_context import WindowContext


class SettingsDialog(QDialog):
    def __init__(self, printer: PrinterConfig, language: str, data_dir: Path,
                 apply: Callable[[PrinterConfig, str], None], parent: QWidget | None = None, *,
                 ctx: WindowContext) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumWidth(720)
        self.data_dir = data_dir
        self._apply = apply
        self._original_language = language
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.language = QComboBox(self)
        self.language.setObjectName("language")
        for code, label in (("es", "Español"), ("en", "English")):
            if code in LANGUAGES:
                self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        form.addRow(self.tr("Language"), self.language)
        self.kind = QComboBox(self)
        self.kind.setObjectName("printerKind")
        labels = {"none": self.tr("No printer"), "system": self.tr("Installed printer"),
                  "pdf": self.tr("PDF files in a folder"), "escpos-network": self.tr("Thermal printer (network)"),
                  "escpos-usb": self.tr("Thermal printer (USB)"), "escpos-serial": self.tr("Thermal printer (serial)"),
                  "fgl-network": self.tr("Ticket printer, FGL/Boca (network)"),
                  "fgl-usb": self.tr("Ticket printer, FGL/Boca (USB)"),
                  "fgl-serial": self.tr("Ticket printer, FGL/Boca (serial)")}
        for kind in PRINTER_KINDS:
            self.kind.addItem(labels.get(kind, kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(printer.kind)))
        form.addRow(self.tr("Printer"), self.kind)
        self.system_name = QComboBox(self)
        self.system_name.setObjectName("systemPrinter")
        self.system_name.setEditable(True)
        self.system_name.setCurrentText(printer.name)
        self.printers_read = False  # the installed printers are asked for on the device thread
        form.addRow(self.tr("Installed printer"), self.system_name)
        self.address = QLineEdit(printer.address, self)
        self.address.setObjectName("printerAddress")
        self.address.setPlaceholderText(self.tr("192.168.1.50:9100 · 04b8:0202 · /dev/ttyUSB0"))
        form.addRow(self.tr("Address"), self.address)
        self.pdf_dir = QLineEdit(printer.pdf_dir, self)
        self.pdf_dir.setObjectName("pdfFolder")
        self.pdf_dir.setPlaceholderText(str(data_dir / "printouts"))
        form.addRow(self.tr("PDF folder"), self.pdf_dir)
        self.stock = QComboBox(self)
        self.stock.setObjectName("ticketStock")
        for stock, label in (("thermal-80mm", self.tr("80 mm thermal roll")),
                             ("fanfold-2x5.5", self.tr('2" × 5.5" fanfold')),
                             ("fanfold-3.25x8", self.tr('3.25" × 8" fanfold'))):
            if stock in TICKET_STOCKS:
                self.stock.addItem(label, stock)
        self.stock.setCurrentIndex(max(0, self.stock.findData(printer.stock)))
        form.addRow(self.tr("Ticket stock"), self.stock)
        self.dpi = QComboBox(self)
        self.dpi.setObjectName("printerDpi")
        for dpi in FGL_DPIS:
            self.dpi.addItem(self.tr("{dpi} dpi").format(dpi=dpi), dpi)
        self.dpi.setCurrentIndex(max(0, self.dpi.findData(printer.dpi)))
        form.addRow(self.tr("Print head"), self.dpi)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("settingsMessage")  # toned: ok, info or error (ui/tone.py)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test page"), self)
        self.test_button.setObjectName("testPage")
        cancel = QPushButton(self.tr("Cancel"), self)
        self.save_button = QPushButton(self.tr("Save"), self)
        self.save_button.setObjectName("primary")
        for button in (self.test_button, cancel):
            button.setAutoDefault(False)
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.test_button.clicked.connect(self.test_page)
        cancel.clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        ctx.runner.device(self, installed_printers, success=self._printers_read,
                          failure=lambda _exc: self._printers_read([]))

    def _printers_read(self, names: list[str]) -> None:
        typed = self.system_name.currentText()
        self.system_name.addItems(names)
        self.system_name.setCurrentText(typed)
        self.printers_read = True

    def printer_config(self) -> PrinterConfig:
        return PrinterConfig(kind=self.kind.currentData(), name=self.system_name.currentText().strip(),
                             address=self.address.text().strip(), pdf_dir=self.pdf_dir.text().strip(),
                             stock=self.stock.currentData(), dpi=self.dpi.currentData())

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.system_name.setEnabled(kind == "system")
        self.address.setEnabled(kind.startswith(("escpos", "fgl")))
        self.dpi.setEnabled(kind.startswith("fgl"))
        self.pdf_dir.setEnabled(kind == "pdf")
        self.test_button.setEnabled(kind != "none" and not self.busy)

    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.save_button.setEnabled(not busy)
        self._kind_changed()
        if text:
            set_tone(self.message, text, INFO)

    def test_page(self) -> None:
        """Print a test page with the values on screen (device I/O: on the device thread)."""
        if self.busy:
            return
        config, data_dir, language = self.printer_config(), self.data_dir, self.language.currentData()

        def work() -> dict[str, str] | None:
            printer = printer_for(config, data_dir, language)
            if printer is None:
                return None
            printer.test_page()
            return printer.destination

        self._set_busy(True, self.tr("Printing a test page…"))
        self.ctx.runner.device(self, work, success=self._test_printed, failure=self._test_failed)

    def _test_printed(self, destination: dict[str, str] | None) -> None:
        self._set_busy(False)
        set_tone(self.message, "" if destination is None else
                 self.tr("Test page sent to {printer}.").format(printer=printer_text(destination)), OK)

    def _test_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        set_tone(self.message, self.tr("Test page failed: {error}").format(error=describe(exc, self.ctx.money)),
                 ERROR)

    def save(self) -> None:
        """Validate and write the config, then switch the printer (a file write: on the writer thread)."""
        if self.busy:
            return
        apply, config, language = self._apply, self.printer_config(), self.language.currentData()
        self._set_busy(True, self.tr("Saving…"))
        self.ctx.runner.write(self, lambda: apply(config, language), success=lambda _none: self._saved(),
                              failure=self._not_saved)

    def _saved(self) -> None:
        self._set_busy(False)
        self.accept()

    def _not_saved(self, exc: Exception) -> None:
        self._set_busy(False)
        set_tone(self.message, describe(exc, self.ctx.money), ERROR)

    @property
    def language_changed(self) -> bool:
        return self.language.currentData() != self._original_language



