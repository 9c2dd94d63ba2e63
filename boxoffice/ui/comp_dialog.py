"""Comp tickets: the supervisor says why and for whom before the cart is issued at zero price."""

from __future__ import annotations

from boxoffice.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class CompDialog(QDialog):
    """Reason (common ones offered, any text allowed) and recipient; both required."""

    def __init__(self, ticket_count: int, list_price: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compDialog")
        self.setWindowTitle(self.tr("Comp tickets"))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Issue %n tickets (list price {price}) free of charge. They print marked "
                               "as a comp and count apart in the reports.", "", ticket_count).format(price=list_price),
                       self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.reason = QComboBox(self)
        self.reason.setObjectName("compReason")
        self.reason.setEditable(True)
        self.reason.addItems(["", self.tr("Guest"), self.tr("Press"), self.tr("Artist"), self.tr("Staff"),
                              self.tr("Sponsor")])
        self.reason.setCurrentIndex(0)
        form.addRow(self.tr("Reason"), self.reason)
        self.recipient = QLineEdit(self)
        self.recipient.setObjectName("compRecipient")
        self.recipient.setPlaceholderText(self.tr("Who receives them"))
        form.addRow(self.tr("Recipient"), self.recipient)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("paymentMessage")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.issue = buttons.addButton(self.tr("Issue comp tickets"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.issue.setObjectName("primary")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reason.setFocus()

    def submit(self) -> None:
        if not self.reason.currentText().strip():
            self.message.setText(self.tr("Give the reason for the comp."))
            self.reason.setFocus()
            return
        if not self.recipient.text().strip():
            self.message.setText(self.tr("Give the name of who receives the tickets."))
            self.recipient.setFocus()
            return
        self.accept()

    @property
    def values(self) -> tuple[str, str]:
        return self.reason.currentText().strip(), self.recipient.text().strip()
