"""Taking the money: cash with tendered and change shown large, card with a reference, or both.

The dialog prices nothing itself: it asks :func:`boxoffice.core.payments.settle`, the same function the sale
service uses, so the change on screen is the change recorded. Enter completes (only once payments cover the
total), Esc backs out.
"""

from __future__ import annotations

from boxoffice.core.errors import InvalidMoney, PaymentShort, SaleRejected
from boxoffice.core.money import MoneyFormat
from boxoffice.core.payments import PaymentRequest, settle
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

QUICK_NOTES_CENTS = (500, 1000, 2000, 5000, 10000)


class PaymentDialog(QDialog):
    def __init__(self, total_cents: int, money: MoneyFormat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paymentDialog")
        self.setWindowTitle(self.tr("Payment"))
        self.total_cents = total_cents
        self.money = money
        self.payments: tuple[PaymentRequest, ...] = ()
        self.setMinimumWidth(640)

        layout = QVBoxLayout(self)
        self.total_label = QLabel(self.tr("Total {amount}").format(amount=money.format(total_cents)), self)
        self.total_label.setObjectName("paymentTotal")
        self.total_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.total_label)

        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Card amount"), self), 0, 0)
        self.card_amount = QLineEdit(self)
        self.card_amount.setObjectName("cardAmount")
        self.card_amount.setPlaceholderText(money.format(0))
        grid.addWidget(self.card_amount, 0, 1)
        self.card_all = QPushButton(self.tr("All by card"), self)
        self.card_all.setObjectName("cardAll")
        self.card_all.setAutoDefault(False)
        grid.addWidget(self.card_all, 0, 2)
        grid.addWidget(QLabel(self.tr("Card reference"), self), 1, 0)
        self.card_ref = QLineEdit(self)
        self.card_ref.setObjectName("cardReference")
        self.card_ref.setPlaceholderText(self.tr("from the card terminal's slip"))
        grid.addWidget(self.card_ref, 1, 1, 1, 2)
        grid.addWidget(QLabel(self.tr("Cash received"), self), 2, 0)
        self.cash = QLineEdit(self)
        self.cash.setObjectName("cashTendered")
        self.cash.setPlaceholderText(money.format(0))
        grid.addWidget(self.cash, 2, 1)
        self.exact = QPushButton(self.tr("Exact"), self)
        self.exact.setObjectName("cashExact")
        self.exact.setAutoDefault(False)
        grid.addWidget(self.exact, 2, 2)
        layout.addLayout(grid)

        notes = QHBoxLayout()
        for cents in QUICK_NOTES_CENTS:
            button = QPushButton(money.format(cents), self)
            button.setObjectName(f"note{cents}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, c=cents: self._add_note(c))
            notes.addWidget(button)
        layout.addLayout(notes)

        self.change_label = QLabel(self)
        self.change_label.setObjectName("changeDue")
        self.change_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.change_label)
        self.message = QLabel(self)
        self.message.setObjectName("paymentMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.back = QPushButton(self.tr("Back (Esc)"), self)
        self.back.setObjectName("paymentBack")
        self.back.setAutoDefault(False)
        self.complete = QPushButton(self.tr("Complete sale (Enter)"), self)
        self.complete.setObjectName("primary")
        self.complete.setDefault(True)
        buttons.addWidget(self.back)
        buttons.addStretch(1)
        buttons.addWidget(self.complete)
        layout.addLayout(buttons)

        for field in (self.card_amount, self.card_ref, self.cash):
            field.textChanged.connect(self._recompute)
            field.returnPressed.connect(self._try_complete)
        self.card_all.clicked.connect(self._all_by_card)
        self.exact.clicked.connect(self._exact_cash)
        self.back.clicked.connect(self.reject)
        self.complete.clicked.connect(self._try_complete)
        self.cash.setFocus()
        self._recompute()

    # -- actions ---------------------------------------------------------------------------------------------

    def _add_note(self, cents: int) -> None:
        current = self._parse(self.cash) or 0
        self.cash.setText(self.money.format(current + cents))

    def _exact_cash(self) -> None:
        card = self._parse(self.card_amount) or 0
        self.cash.setText(self.money.format(max(0, self.total_cents - card)))

    def _all_by_card(self) -> None:
        self.card_amount.setText(self.money.format(self.total_cents))
        self.cash.clear()
        self.card_ref.setFocus()

    def _parse(self, field: QLineEdit) -> int | None:
        text = field.text().strip()
        if not text:
            return None
        return self.money.parse(text)

    def _requests(self) -> tuple[PaymentRequest, ...]:
        requests: list[PaymentRequest] = []
        card = self._parse(self.card_amount)
        if card:
            requests.append(PaymentRequest("card", amount_cents=card, reference=self.card_ref.text().strip()))
        cash = self._parse(self.cash)
        if cash is not None:
            requests.append(PaymentRequest("cash", tendered_cents=cash))
        return tuple(requests)

    def _recompute(self) -> bool:
        """Show change or what is missing; True when the payments settle the total."""
        try:
            requests = self._requests()
            if any(r.method == "card" and not r.reference for r in requests):
                self._show(self.tr("Type the card slip's reference"), ok=False)
                return False
            settled = settle(self.total_cents, requests)
        except InvalidMoney as exc:
            self._show(self.tr("Check the amount: {error}").format(error=describe(exc, self.money)), ok=False)
            return False
        except PaymentShort as exc:
            self._show(self.tr("Missing {amount}").format(amount=self.money.format(exc.missing_cents)), ok=False)
            return False
        except SaleRejected as exc:
            self._show(describe(exc, self.money), ok=False)
            return False
        change = sum(p.change_cents for p in settled)
        self.change_label.setText(self.tr("Change {amount}").format(amount=self.money.format(change)))
        self._show("", ok=True)
        return True

    def _show(self, message: str, ok: bool) -> None:
        self.message.setText(message)
        self.complete.setEnabled(ok)
        if not ok:
            self.change_label.setText(self.tr("Change {amount}").format(amount=self.money.format(0)))

    def _try_complete(self) -> None:
        if self._recompute():
            self.payments = self._requests()
            self.accept()
