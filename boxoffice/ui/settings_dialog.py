"""Terminal settings a supervisor changes at the window: language and printer, with a test page.

The dialog only edits values; ``apply`` (from the composition root) validates, writes the config file and
switches the printer, so a bad value is refused with the same message the config file would give.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from boxoffice.config import LANGUAGES, PRINTER_KINDS, TICKET_STOCKS, PrinterConfig
from boxoffice.core.errors import BoxOfficeError
from boxoffice.printing.outputs import printer_for
from boxoffice.printing.system_output import installed_printers
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


class SettingsDialog(QDialog):
    def __init__(self, printer: PrinterConfig, language: str, data_dir: Path,
                 apply: Callable[[PrinterConfig, str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
                  "escpos-usb": self.tr("Thermal printer (USB)"), "escpos-serial": self.tr("Thermal printer (serial)")}
        for kind in PRINTER_KINDS:
            self.kind.addItem(labels.get(kind, kind), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(printer.kind)))
        form.addRow(self.tr("Printer"), self.kind)
        self.system_name = QComboBox(self)
        self.system_name.setObjectName("systemPrinter")
        self.system_name.setEditable(True)
        self.system_name.addItems(installed_printers())
        self.system_name.setCurrentText(printer.name)
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
                             ("fanfold-2x5.5", self.tr('2" × 5.5" fanfold'))):
            if stock in TICKET_STOCKS:
                self.stock.addItem(label, stock)
        self.stock.setCurrentIndex(max(0, self.stock.findData(printer.stock)))
        form.addRow(self.tr("Ticket stock"), self.stock)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("paymentMessage")
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

    def printer_config(self) -> PrinterConfig:
        return PrinterConfig(kind=self.kind.currentData(), name=self.system_name.currentText().strip(),
                             address=self.address.text().strip(), pdf_dir=self.pdf_dir.text().strip(),
                             stock=self.stock.currentData())

    def _kind_changed(self) -> None:
        kind = self.kind.currentData()
        self.system_name.setEnabled(kind == "system")
        self.address.setEnabled(kind.startswith("escpos"))
        self.pdf_dir.setEnabled(kind == "pdf")
        self.test_button.setEnabled(kind != "none")

    def test_page(self) -> None:
        try:
            printer = printer_for(self.printer_config(), self.data_dir, self.language.currentData())
            if printer is None:
                return
            printer.test_page()
        except BoxOfficeError as exc:
            self.message.setText(self.tr("Test page failed: {error}").format(error=exc))
            return
        self.message.setText(self.tr("Test page sent to {printer}.").format(printer=printer.description))

    def save(self) -> None:
        try:
            self._apply(self.printer_config(), self.language.currentData())
        except BoxOfficeError as exc:
            self.message.setText(str(exc))
            return
        self.accept()

    @property
    def language_changed(self) -> bool:
        return self.language.currentData() != self._original_language



