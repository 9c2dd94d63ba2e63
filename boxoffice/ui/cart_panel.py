"""The cart: rows with product, seats, price and discount; the total; Pay and Clear.

A discount above the clerk's limit (``[permissions] clerk_max_discount_percent``, enforced again by the sale
service) is applied only after a supervisor's PIN; the approval rides on the cart into the sale request.
"""

from __future__ import annotations

from boxoffice.core.discounts import DEFAULT_CLERK_MAX_DISCOUNT_PERCENT, DiscountCheck, limit_cents
from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.money import MoneyFormat
from boxoffice.services.cart import Cart
from boxoffice.services.catalog import ProductInfo
from boxoffice.ui.discount_dialog import DiscountDialog
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.supervisor_pin import ask_supervisor
from boxoffice.ui.window_context import WindowContext


class CartPanel(QWidget):
    pay_requested = Signal()
    comp_requested = Signal()
    cleared = Signal()
    changed = Signal()

    def __init__(self, money: MoneyFormat, parent: QWidget | None = None, ctx: WindowContext | None = None
                 ) -> None:
        super().__init__(parent)
        self.setObjectName("cartPanel")
        self.setMinimumWidth(400)  # room for the row buttons in Spanish at 1024x768
        self.money = money
        self.ctx = ctx  # for the supervisor PIN prompt; without it a discount above the limit cannot be approved
        self.seller_role: str | None = None
        self.cart: Cart | None = None
        self.products: list[ProductInfo] = []
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Cart"), self)
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("cartTable")
        self.table.setHorizontalHeaderLabels([self.tr("Ticket"), self.tr("Seats"), self.tr("Price")])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        layout.addWidget(self.table, 1)

        row_buttons = QHBoxLayout()
        self.child_button = QPushButton(self.tr("Child ↔ Adult"), self)
        self.child_button.setObjectName("toggleChild")
        self.discount_button = QPushButton(self.tr("Discount"), self)
        self.discount_button.setObjectName("discount")
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeRow")
        for button in (self.child_button, self.discount_button, self.remove_button):
            button.setAutoDefault(False)
            row_buttons.addWidget(button)
        layout.addLayout(row_buttons)

        self.total = QLabel(self)
        self.total.setObjectName("cartTotal")
        self.total.setWordWrap(True)  # "12 tickets · Total 1.234,00 €" on two lines in a narrow window
        self.total.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.total)
        buttons = QHBoxLayout()
        self.clear_button = QPushButton(self.tr("Clear"), self)
        self.clear_button.setObjectName("clearCart")
        self.pay_button = QPushButton(self.tr("Pay (F12)"), self)
        self.pay_button.setObjectName("primary")
        self.comp_button = QPushButton(self.tr("Comp"), self)
        self.comp_button.setObjectName("compCart")
        self.comp_button.setToolTip(self.tr("Supervisor: issue the cart free of charge"))
        self.comp_button.setAutoDefault(False)
        self.comp_button.hide()
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.comp_button)
        buttons.addWidget(self.pay_button, 2)
        layout.addLayout(buttons)

        self.pay_button.clicked.connect(self.pay_requested)
        self.comp_button.clicked.connect(self.comp_requested)
        self.clear_button.clicked.connect(self._clear)
        self.remove_button.clicked.connect(self._remove)
        self.child_button.clicked.connect(self._toggle_child)
        self.discount_button.clicked.connect(self._discount)
        self.refresh()

    def set_seller_role(self, role: str | None) -> None:
        """The signed-in clerk's role: it decides whether a discount above the limit needs a supervisor's PIN."""
        self.seller_role = role

    @property
    def limit_percent(self) -> int:
        """The clerk discount limit of the terminal the sales go to (the facades' terminal: training's too)."""
        if self.ctx is None:
            return DEFAULT_CLERK_MAX_DISCOUNT_PERCENT
        return self.ctx.facades.sales.terminal.clerk_max_discount_percent

    def set_comp_allowed(self, allowed: bool) -> None:
        """Only a supervisor issues comps; the button is not even shown to a clerk."""
        self.comp_button.setVisible(allowed)

    def set_cart(self, cart: Cart, products: list[ProductInfo]) -> None:
        self.cart = cart
        self.products = products
        self.refresh()

    def refresh(self) -> None:
        rows = self.cart.rows if self.cart else []
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            label = row.product.name if row.quantity == 1 else f"{row.quantity} × {row.product.name}"
            if row.discount_cents:
                label += self.tr(" (−{amount})").format(amount=self.money.format(row.discount_cents))
            seats = ", ".join(row.seat_labels) if row.seat_labels else self.tr("best available")
            if row.zone and not row.seat_labels:
                seats = f"{row.zone}: {seats}"
            for col, text in enumerate((label, seats, self.money.format(row.total_cents))):
                item = QTableWidgetItem(text)
                if col == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(i, col, item)
        total = self.cart.total_cents if self.cart else 0
        count = self.cart.ticket_count if self.cart else 0
        amount = self.money.format(total)
        self.total.setText(self.tr("%n tickets · Total {amount}", "", count).format(amount=amount))
        has_rows = bool(rows)
        self.pay_button.setEnabled(has_rows)
        self.comp_button.setEnabled(has_rows)
        self.clear_button.setEnabled(has_rows)
        for button in (self.child_button, self.discount_button, self.remove_button):
            button.setEnabled(has_rows)

    def _selected_index(self) -> int | None:
        if not self.cart or not self.cart.rows:
            return None
        index = self.table.currentRow()
        return index if 0 <= index < len(self.cart.rows) else len(self.cart.rows) - 1

    def _clear(self) -> None:
        if self.cart:
            self.cart.clear()
        self.refresh()
        self.cleared.emit()

    def _remove(self) -> None:
        index = self._selected_index()
        if index is None or self.cart is None:
            return
        self.cart.remove(index)
        self.refresh()
        self.changed.emit()

    def _toggle_child(self) -> None:
        """Switch the row between the zone's adult ticket and the child product (same number of tickets)."""
        index = self._selected_index()
        if index is None or self.cart is None:
            return
        row = self.cart.rows[index]
        if row.product.kind == "child":
            options = [p for p in self.products if p.kind == "ticket" and p.zone == row.zone]
        else:
            options = [p for p in self.products if p.kind == "child" and p.zone in (None, row.zone)]
        if not options:
            self.window().statusBar().showMessage(self.tr("No child price for this zone"), 4000)
            return
        try:
            self.cart.set_product(index, options[0])
        except BoxOfficeError as exc:
            self.window().statusBar().showMessage(describe(exc, self.money), 4000)
        self.refresh()
        self.table.selectRow(index)
        self.changed.emit()

    def _discount(self) -> None:
        """Ask for the amount off the row; above the limit a supervisor's PIN, the whole price points to Comp."""
        index = self._selected_index()
        if index is None or self.cart is None:
            return
        row = self.cart.rows[index]
        limit = self.limit_percent
        dialog = DiscountDialog(row.product.name, row.gross_cents, row.discount_cents, self.money, limit,
                                self.seller_role, self)
        try:
            accepted = dialog.exec() == DiscountDialog.DialogCode.Accepted
            cents, check, wants_comp = dialog.discount_cents, dialog.check, dialog.wants_comp
        finally:
            dialog.deleteLater()
        if wants_comp:
            self.comp_requested.emit()
            return
        if not accepted:
            return
        approver = None
        if check is DiscountCheck.needs_supervisor:
            approver = self._approval(row.product.name, cents, row.gross_cents, limit)
            if approver is None:
                self._tell(self.tr("Discount not applied: no supervisor approved it."))
                return
        try:
            self.cart.set_discount(index, cents)
        except BoxOfficeError as exc:
            self._tell(describe(exc, self.money))
            return
        if approver is not None:
            self.cart.discount_approved_by = approver
        self.refresh()
        self.table.selectRow(index)
        self.changed.emit()

    def _approval(self, product: str, cents: int, gross_cents: int, limit: int) -> int | None:
        """The id of the supervisor who approves this discount with their PIN, or None (cancelled)."""
        if self.ctx is None:
            return None
        reason = self.tr("Discount of {amount} on {row}, above the clerks' limit of {limit} ({percent}%).").format(
            amount=self.money.format(cents), row=product, limit=self.money.format(limit_cents(gross_cents, limit)),
            percent=limit)
        supervisor = ask_supervisor(self, self.ctx, reason)
        return supervisor.id if supervisor is not None else None

    def _tell(self, text: str) -> None:
        bar = getattr(self.window(), "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 5000)
