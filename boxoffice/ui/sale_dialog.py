"""A sale opened by scanning one of its codes: what was sold, and Reprint / Void.

Void asks for a reason and goes through the same service as the supervisor tools: a sale not yet sent is
cancelled before it leaves, a sent one gets a cancellation queued.
"""

from __future__ import annotations

from collections.abc import Callable

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.money import MoneyFormat
from boxoffice.services.catalog import SaleSummary
from boxoffice.ui.qt import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.status_bar import local_time


class SaleDialog(QDialog):
    voided = Signal(str)

    def __init__(self, sale: SaleSummary, money: MoneyFormat, *, reprint: Callable[[str], None] | None,
                 void: Callable[[str, str], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saleDialog")
        self.setWindowTitle(self.tr("Sale {code}").format(code=sale.purchase_code))
        self.sale = sale
        self._reprint = reprint
        self._void = void
        layout = QVBoxLayout(self)
        title = QLabel(f"{sale.event_name}", self)
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        status = self.tr("voided") if sale.status == "voided" else self.tr("sold")
        layout.addWidget(QLabel(self.tr("{code} · {when} · {total} · {status}").format(
            code=sale.purchase_code, when=local_time(sale.created_at), total=money.format(sale.total_cents),
            status=status), self))
        tickets = QLabel("\n".join(f"{seat} · {product} · {barcode}" for seat, product, barcode in sale.tickets), self)
        tickets.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(tickets)
        self.message = QLabel(self)
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("Reprint"), self)
        self.reprint_button.setObjectName("reprint")
        self.reprint_button.setEnabled(reprint is not None and sale.status != "voided")
        if reprint is None:
            self.reprint_button.setToolTip(self.tr("Printing is not set up yet"))
        self.void_button = QPushButton(self.tr("Void sale"), self)
        self.void_button.setObjectName("voidSale")
        self.void_button.setEnabled(sale.status != "voided")
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("primary")
        for button in (self.reprint_button, self.void_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reprint_button.clicked.connect(self.do_reprint)
        self.void_button.clicked.connect(self.ask_void)
        close.clicked.connect(self.accept)

    def do_reprint(self) -> None:
        if self._reprint is None:
            return
        try:
            self._reprint(self.sale.purchase_code)
        except BoxOfficeError as exc:
            self.message.setText(self.tr("Could not print: {error}").format(error=exc))
            return
        self.message.setText(self.tr("Reprinted."))

    def ask_void(self) -> None:
        reason, ok = QInputDialog.getText(self, self.tr("Void sale"), self.tr("Reason for the void:"))
        if ok:
            self.do_void(reason)

    def do_void(self, reason: str) -> None:
        try:
            result = self._void(self.sale.purchase_code, reason)
        except BoxOfficeError as exc:
            self.message.setText(str(exc))
            return
        self.void_button.setEnabled(False)
        self.reprint_button.setEnabled(False)
        if getattr(result, "delivered", True):
            self.message.setText(self.tr("Voided. The seats go back on sale once the central platform confirms."))
        else:
            self.message.setText(self.tr("Voided before it was sent; the seats are on sale again."))
        self.voided.emit(self.sale.purchase_code)
