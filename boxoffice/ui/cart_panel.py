"""The cart: rows with product, seats, price and discount; the total; Pay and Clear."""

from __future__ import annotations

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.money import MoneyFormat
from boxoffice.services.cart import Cart
from boxoffice.services.catalog import ProductInfo
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)


class CartPanel(QWidget):
    pay_requested = Signal()
    comp_requested = Signal()
    cleared = Signal()
    changed = Signal()

    def __init__(self, money: MoneyFormat, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("cartPanel")
        self.setMinimumWidth(400)  # room for the row buttons in Spanish at 1024x768
        self.money = money
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
        self.total.setText(self.tr("1 ticket · Total {amount}").format(amount=amount) if count == 1 else
                           self.tr("{n} tickets · Total {amount}").format(n=count, amount=amount))
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
        index = self._selected_index()
        if index is None or self.cart is None:
            return
        row = self.cart.rows[index]
        text, ok = QInputDialog.getText(self, self.tr("Discount"),
                                        self.tr("Discount on {row} (max {max})").format(
                                            row=row.product.name, max=self.money.format(row.gross_cents)))
        if not ok:
            return
        try:
            self.cart.set_discount(index, self.money.parse(text) if text.strip() else 0)
        except BoxOfficeError as exc:
            self.window().statusBar().showMessage(str(exc), 5000)
            return
        self.refresh()
        self.changed.emit()
