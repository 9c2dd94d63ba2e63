"""A discount on one cart row, typed as an amount or a whole percentage, with the clerk's limit in sight.

The dialog asks :mod:`boxoffice.core.discounts` (the rule the sale service enforces) while the clerk types, so it
says before OK whether a supervisor's PIN will be needed, and refuses the whole price: that is a comp, which a
supervisor issues with a reason and a recipient, never a discount. A supervisor is offered Comp from here.
"""

from __future__ import annotations

import re

from boxoffice.core.discounts import DiscountCheck, check_discount, limit_cents, percent_of
from boxoffice.core.errors import InvalidMoney
from boxoffice.core.money import MoneyFormat
from boxoffice.core.permissions import Action, allowed
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.signin import _set_message

_PERCENT = re.compile(r"\s*(\d{1,3})\s*%\s*")


class DiscountDialog(QDialog):
    """Amount off one row. On accept ``discount_cents`` and ``check`` hold what was typed and what it needs;
    ``wants_comp`` is set when a supervisor chose Comp instead."""

    def __init__(self, row_name: str, gross_cents: int, current_cents: int, money: MoneyFormat, limit_percent: int,
                 role: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("discountDialog")
        self.setWindowTitle(self.tr("Discount"))
        self.setModal(True)
        self.setMinimumWidth(560)
        self.money = money
        self.gross_cents = gross_cents
        self.limit_percent = limit_percent
        self.role = role
        self.discount_cents = current_cents
        self.check = DiscountCheck.ok
        self.wants_comp = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("Discount on {row}").format(row=row_name), self)
        title.setObjectName("panelTitle")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.limit_label = QLabel(self._limit_text(), self)
        self.limit_label.setObjectName("discountLimit")
        self.limit_label.setWordWrap(True)
        layout.addWidget(self.limit_label)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.amount = QLineEdit(self)
        self.amount.setObjectName("discountAmount")
        self.amount.setMinimumHeight(48)
        self.amount.setPlaceholderText(self.tr("{amount} or {percent}").format(
            amount=money.format(limit_cents(gross_cents, limit_percent)), percent=self._percent(limit_percent)))
        if current_cents:
            self.amount.setText(money.format(current_cents))
        form.addRow(self.tr("Amount off"), self.amount)
        layout.addLayout(form)
        self.message = QLabel(self)
        self.message.setObjectName("discountMessage")
        self.message.setWordWrap(True)
        # three lines from the start: a word-wrapped label does not grow a dialog that is already shown
        self.message.ensurePolished()  # the stylesheet's font
        self.message.setMinimumHeight(3 * self.message.fontMetrics().lineSpacing() + 4)
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(self)
        self.apply_button: QPushButton = buttons.addButton(self.tr("Apply discount"),
                                                           QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setObjectName("primary")
        self.comp_button: QPushButton = buttons.addButton(self.tr("Comp…"), QDialogButtonBox.ButtonRole.ActionRole)
        self.comp_button.setObjectName("discountComp")
        self.comp_button.setAutoDefault(False)
        self.comp_button.hide()
        cancel = buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAutoDefault(False)
        for button in (self.apply_button, self.comp_button, cancel):
            button.setMinimumHeight(48)
        self.apply_button.clicked.connect(self.submit)
        self.comp_button.clicked.connect(self._comp)
        cancel.clicked.connect(self.reject)
        layout.addWidget(buttons)

        self.amount.textChanged.connect(self._recompute)
        self.amount.returnPressed.connect(self.submit)
        self.amount.setFocus()
        self.amount.selectAll()
        self._recompute()

    def _percent(self, value: int) -> str:
        return self.tr("{percent}%").format(percent=value)

    def _limit_text(self) -> str:
        limit = self.money.format(limit_cents(self.gross_cents, self.limit_percent))
        price = self.money.format(self.gross_cents)
        if allowed(self.role, Action.discount_over_limit):
            first = self.tr("List price {price}. Clerks may take off up to {limit} ({percent}); as supervisor "
                            "you may give more.")
        else:
            first = self.tr("List price {price}. You may take off up to {limit} ({percent}); more needs a "
                            "supervisor's PIN.")
        return " ".join((first.format(price=price, limit=limit, percent=self._percent(self.limit_percent)),
                         self.tr("The whole price is never a discount: that is a comp.")))

    def _typed(self) -> int:
        """The typed discount in cents: an amount, or a whole percentage of the row's list price."""
        text = self.amount.text()
        if not text.strip():
            return 0
        match = _PERCENT.fullmatch(text)
        if match is not None:
            return percent_of(self.gross_cents, int(match.group(1)))
        return self.money.parse(text)

    def _recompute(self) -> bool:
        """Say what the typed discount needs; True when it may be applied (perhaps after a supervisor's PIN)."""
        self.comp_button.hide()
        self.apply_button.show()
        try:
            cents = self._typed()
        except InvalidMoney as exc:
            return self._show(describe(exc, self.money), "error", ok=False)
        if not 0 <= cents <= self.gross_cents:
            return self._show(self.tr("The discount must be between zero and the list price, {price}.").format(
                price=self.money.format(self.gross_cents)), "error", ok=False)
        self.discount_cents = cents
        self.check = check_discount(cents, self.gross_cents, self.role, self.limit_percent)
        if self.check is DiscountCheck.is_comp:
            if allowed(self.role, Action.comp):
                self.apply_button.hide()  # Comp takes its place: nothing here to apply
                self.comp_button.show()
                text = self.tr("That is the whole price: not a discount. Use Comp, with the reason and who "
                               "receives the tickets.")
            else:
                text = self.tr("That is the whole price: not a discount. Free tickets are a comp: ask a "
                               "supervisor to issue them with Comp.")
            return self._show(text, "error", ok=False)
        if self.check is DiscountCheck.needs_supervisor:
            return self._show(self.tr("{amount} off is above your limit of {limit}: a supervisor's PIN is asked "
                                      "next.").format(amount=self.money.format(cents),
                                                      limit=self.money.format(limit_cents(self.gross_cents,
                                                                                          self.limit_percent))),
                              "info", ok=True)
        if cents == 0:
            return self._show("", "", ok=True)
        return self._show(self.tr("{amount} off: the row costs {total}.").format(
            amount=self.money.format(cents), total=self.money.format(self.gross_cents - cents)), "", ok=True)

    def _show(self, text: str, kind: str, *, ok: bool) -> bool:
        _set_message(self.message, text, kind)
        if self.apply_button.isEnabled() != ok:
            self.apply_button.setEnabled(ok)
            # in a button box the default button keeps its enabled colours until it is polished again
            self.apply_button.style().unpolish(self.apply_button)
            self.apply_button.style().polish(self.apply_button)
        return ok

    def submit(self) -> None:
        if self._recompute():
            self.accept()

    def _comp(self) -> None:
        self.wants_comp = True
        self.reject()
