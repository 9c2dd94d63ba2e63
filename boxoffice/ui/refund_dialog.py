"""Refunds at the window (#16 point 6): give back one ticket, several or all of a sale, with the money.

One row per ticket: a check box, zone, row, seat number, the ticket and what giving it back returns; a ticket
refunded before is greyed, says "refunded" and cannot be chosen. "Select all" chooses every ticket still open;
the amount to give back follows the boxes. The money goes back in cash (from the open shift's drawer) or to the
card whose slip reference is typed (the field shows only for card); the method starts as the sale was paid.
A reason is needed. "Refund…" asks a supervisor's PIN (:func:`boxoffice.ui.supervisor_pin.ask_supervisor`, or
an injected ``authorise(prompt)`` like :class:`boxoffice.ui.sale_dialog.SaleDialog`), then refunds on the
operation runner's writer thread (``SalesFacade.refund``: journaled, queued for the central exactly once). The
seats stay sold until the central platform confirms; the banner says so. The sale is read on the read pool when
the dialog opens and again after the refund.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from boxoffice.core.errors import InvalidSale
from boxoffice.core.seats import Place, seat_number
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.refunds import RefundResult, SaleForRefund
from boxoffice.ui.cash_or_card import CashOrCard, level, touch_form
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QColor,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.signin import _set_message
from boxoffice.ui.supervisor_pin import ask_supervisor
from boxoffice.ui.window_context import WindowContext

log = logging.getLogger(__name__)

_GREY = QColor("#6b747d")  # a refunded row: greyed, still readable (4.7:1 on white)

# touch-sized check boxes and method buttons; the table takes the sales screen's look
_STYLE = """
QTableWidget#refundTickets { background: #ffffff; gridline-color: #e1e5ea; font-size: 14pt; }
QTableWidget#refundTickets::indicator, QCheckBox#refundSelectAll::indicator,
QRadioButton::indicator { width: 30px; height: 30px; }
QCheckBox#refundSelectAll, QRadioButton { spacing: 10px; min-height: 48px; }
QLabel#refundTotal { font-size: 18pt; font-weight: bold; }
"""


class RefundDialog(QDialog):
    """Refund tickets of the sale ``purchase_code`` over the window context ``ctx``.

    ``refund(code, ticket_ids, method=..., reason=..., card_reference=..., actor=...)`` runs on the writer thread
    (default ``ctx.facades.sales.refund``, whose ``Changed`` the runner tells the hub). A PIN is asked with
    ``session_factory`` present, or through ``authorise(prompt) -> ClerkInfo | None``; with neither, Refund stays
    disabled. ``refunded`` is emitted with the purchase code after each refund.
    """

    refunded = Signal(str)

    def __init__(self, purchase_code: str, ctx: WindowContext, *, parent: QWidget | None = None,
                 refund: Callable[..., object] | None = None, session_factory: Any = None,
                 authorise: Callable[[str], ClerkInfo | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refundDialog")
        self.setWindowTitle(self.tr("Refund, sale {code}").format(code=purchase_code))
        self.setMinimumWidth(760)
        self.setStyleSheet(_STYLE)
        self.code = purchase_code
        self.ctx = ctx
        self.money = ctx.money
        self._refund = refund if refund is not None else ctx.facades.sales.refund
        self._session_factory = session_factory
        self._authorise = authorise
        self.view: SaleForRefund | None = None
        self.places: dict[str, Place] = {}
        self.busy = False
        self.result: RefundResult | None = None
        self._method_chosen = False  # the clerk picked one: a re-read keeps it

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        title = QLabel(self.tr("Refund tickets of sale {code}").format(code=purchase_code), self)
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        self.summary = QLabel(self.tr("Reading the sale…"), self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tickets = self._tickets_table()
        layout.addWidget(self.tickets, 1)

        totals = QHBoxLayout()
        self.select_all = QCheckBox(self.tr("Select all"), self)
        self.select_all.setObjectName("refundSelectAll")
        totals.addWidget(self.select_all)
        totals.addStretch(1)
        self.total_label = QLabel(self)
        self.total_label.setObjectName("refundTotal")
        totals.addWidget(self.total_label)
        layout.addLayout(totals)

        form = touch_form()
        self.payment = CashOrCard(self, form, self.tr("Give back in"), "refund")
        # the choice's widgets, by the names the rest of the dialog (and its tests) use
        self.cash_button, self.card_button = self.payment.cash_button, self.payment.card_button
        self.reference, self.reference_label = self.payment.reference, self.payment.reference_label
        self.reason = QLineEdit(self)
        self.reason.setObjectName("refundReason")
        self.reason.setPlaceholderText(self.tr("why the customer is given the money back"))
        form.addRow(level(QLabel(self.tr("Reason"), self), self.reason), self.reason)
        layout.addLayout(form)

        self.message = QLabel(self)
        self.message.setObjectName("banner")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.refund_button = QPushButton(self.tr("Refund…"), self)
        self.refund_button.setObjectName("primary")
        self.refund_button.setAutoDefault(False)
        if not self._can_authorise():
            self.refund_button.setToolTip(self.tr("Refunds need a supervisor's PIN, which cannot be asked here"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("refundClose")
        self.close_button.setAutoDefault(False)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.refund_button)
        layout.addLayout(buttons)

        self.tickets.itemChanged.connect(lambda _item: self._boxes_changed())
        self.select_all.clicked.connect(self._select_all_clicked)
        self.cash_button.toggled.connect(lambda _on: self._method_changed())
        self.refund_button.clicked.connect(self.start_refund)
        self.close_button.clicked.connect(self.accept)
        self._update()
        self.read_sale()

    # --- reading and showing ------------------------------------------------------------------------------

    def _tickets_table(self) -> QTableWidget:
        table = QTableWidget(0, 6, self)
        table.setObjectName("refundTickets")
        table.setHorizontalHeaderLabels([self.tr("Refund"), self.tr("Zone"), self.tr("Row"), self.tr("Seat"),
                                         self.tr("Ticket"), self.tr("Amount")])
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(48)  # a finger-sized row for its check box
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        for column in range(table.columnCount()):  # nothing elided; the ticket's name takes what is left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == 4
                                        else QHeaderView.ResizeMode.ResizeToContents)
        return table

    def read_sale(self) -> None:
        """The sale's tickets, what each returns and where each sits (one read on the read pool)."""
        sales, code = self.ctx.facades.sales, self.code

        def read() -> tuple[SaleForRefund, dict[str, Place]]:
            view = sales.sale_for_refund(code)
            return view, sales.places_of([t.ticket_id for t in view.tickets])

        def failed(exc: Exception) -> None:
            self.summary.setText(self.tr("Could not read the sale: {error}").format(
                error=describe(exc, self.money)))

        self.ctx.runner.read(self, read, success=self._sale_read, failure=failed)

    def _sale_read(self, found: tuple[SaleForRefund, dict[str, Place]]) -> None:
        self.view, self.places = found
        view = self.view
        if not self._method_chosen:
            (self.card_button if view.paid_by == "card" else self.cash_button).setChecked(True)
            self._method_chosen = False  # set by the sale, not the clerk
        if view.status != "completed":
            self.summary.setText(self.tr("Sale {code} is voided: there is nothing to refund.").format(
                code=view.purchase_code))
        elif view.refunded_cents:
            self.summary.setText(self.tr("Paid {total} · refunded before {refunded}").format(
                total=self.money.format(view.total_cents), refunded=self.money.format(view.refunded_cents)))
        else:
            self.summary.setText(self.tr("Paid {total} · %n tickets", "", len(view.tickets)).format(
                total=self.money.format(view.total_cents)))
        self._show_tickets(view)
        self._update()

    def _show_tickets(self, view: SaleForRefund) -> None:
        table = self.tickets
        table.blockSignals(True)
        table.setRowCount(len(view.tickets))
        open_sale = view.status == "completed"
        for row, ticket in enumerate(view.tickets):
            place = self.places.get(ticket.ticket_id) or Place("", None, seat_number(ticket.seat))
            check = QTableWidgetItem(self.tr("refunded") if ticket.refunded else "")
            check.setData(Qt.ItemDataRole.UserRole, ticket.ticket_id)
            if ticket.refunded or not open_sale:
                check.setFlags(Qt.ItemFlag.NoItemFlags)
            else:
                check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
                check.setCheckState(Qt.CheckState.Unchecked)
            cells = [check] + [QTableWidgetItem(text) for text in (
                place.zone, place.row or "—",
                self.tr("General admission") if place.general_admission else place.seat,
                ticket.description, self.money.format(ticket.amount_cents))]
            cells[5].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            for column, item in enumerate(cells):
                if ticket.refunded:
                    item.setForeground(_GREY)
                    if column:
                        item.setFlags(Qt.ItemFlag.NoItemFlags)
                table.setItem(row, column, item)
        table.blockSignals(False)
        rows_shown = min(len(view.tickets), 6)  # a big sale scrolls; the form stays on a 768 px screen
        table.setMinimumHeight(table.horizontalHeader().height() + rows_shown * table.verticalHeader()
                               .defaultSectionSize() + 2 * table.frameWidth())

    def ticket_rows(self) -> list[tuple[str, bool, bool]]:
        """(seat, checkable, checked) per row, as shown (for tests and screenshots)."""
        out = []
        for row in range(self.tickets.rowCount()):
            item = self.tickets.item(row, 0)
            checkable = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
            out.append((self.tickets.item(row, 3).text(), checkable,
                        checkable and item.checkState() == Qt.CheckState.Checked))
        return out

    def chosen(self) -> list[str]:
        """The ticket ids whose boxes are checked."""
        out = []
        for row in range(self.tickets.rowCount()):
            item = self.tickets.item(row, 0)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable and item.checkState() == Qt.CheckState.Checked:
                out.append(item.data(Qt.ItemDataRole.UserRole))
        return out

    def set_chosen(self, ticket_ids: Sequence[str]) -> None:
        """Check exactly these tickets' boxes (the open ones among them)."""
        wanted = set(ticket_ids)
        for row in range(self.tickets.rowCount()):
            item = self.tickets.item(row, 0)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                                   else Qt.CheckState.Unchecked)

    def _open_ids(self) -> list[str]:
        return [t.ticket_id for t in self.view.open_tickets] if self.view and self.view.status == "completed" else []

    def amount_cents(self) -> int:
        chosen = set(self.chosen())
        return sum(t.amount_cents for t in self.view.tickets if t.ticket_id in chosen) if self.view else 0

    def _select_all_clicked(self, on: bool) -> None:
        self.set_chosen(self._open_ids() if on else [])

    def _boxes_changed(self) -> None:
        self._update()

    def method(self) -> str:
        return self.payment.method()

    def set_method(self, method: str) -> None:
        self.payment.set_method(method)
        self._method_chosen = True

    def _method_changed(self) -> None:
        self._method_chosen = True

    def _can_authorise(self) -> bool:
        return self._authorise is not None or self._session_factory is not None

    def _update(self) -> None:
        open_ids = self._open_ids()
        chosen = self.chosen()
        self.select_all.blockSignals(True)
        self.select_all.setChecked(bool(open_ids) and len(chosen) == len(open_ids))
        self.select_all.blockSignals(False)
        self.select_all.setEnabled(bool(open_ids) and not self.busy)
        self.total_label.setText(self.tr("To give back: {amount}").format(
            amount=self.money.format(self.amount_cents())))
        self.refund_button.setEnabled(not self.busy and bool(chosen) and self._can_authorise())
        self.close_button.setEnabled(not self.busy)

    def _say(self, text: str, kind: str) -> None:
        """``kind``: "ok", "info", "error" or "": the banner's colours."""
        _set_message(self.message, text, kind)
        self.message.setVisible(bool(text))

    # --- refunding ----------------------------------------------------------------------------------------

    def start_refund(self) -> None:
        """The Refund button: the choice is checked here, then a supervisor authorises, then the refund runs."""
        if self.busy or self.view is None:
            return
        chosen = self.chosen()
        amount = self.money.format(self.amount_cents())
        method, reason, reference = self.method(), self.reason.text().strip(), self.reference.text().strip()
        missing = ("refund_choice_missing" if not chosen else
                   "refund_reference_missing" if method == "card" and not reference else
                   "refund_reason_missing" if not reason else None)
        if missing is not None:  # the service refuses these too: say it in its words before asking a PIN
            self._say(describe(InvalidSale(missing, code=missing), self.money), "error")
            return
        way = self.tr("in cash") if method == "cash" else self.tr("to the card {reference}").format(
            reference=reference)
        prompt = self.tr("Refund %n tickets of sale {code}: {amount} {way}.\nReason: {reason}", "",
                         len(chosen)).format(code=self.code, amount=amount, way=way, reason=reason)
        if self._authorise is not None:
            supervisor = self._authorise(prompt)
        elif self._session_factory is not None:
            supervisor = ask_supervisor(self, self.ctx, prompt)
        else:
            supervisor = None
        if supervisor is None:
            self._say(self.tr("Not refunded: no supervisor authorised it."), "error")
            return
        if not supervisor.is_supervisor:
            self._say(self.tr("Not refunded: {name} is not a supervisor.").format(name=supervisor.name), "error")
            return
        self.do_refund(chosen, method, reason, reference or None, supervisor.name)

    def do_refund(self, ticket_ids: Sequence[str], method: str, reason: str, reference: str | None,
                  actor: str | None) -> None:
        """Refund now, on the writer thread (after the authorisation; ``actor`` goes to the journal)."""
        refund, code, ids = self._refund, self.code, list(ticket_ids)
        self.busy = True
        self._update()
        self._say(self.tr("Refunding…"), "info")
        self.ctx.runner.write(self, lambda: refund(code, ids, method=method, reason=reason,
                                                   card_reference=reference, actor=actor),
                              success=self._refund_done, failure=self._refund_failed)

    def _refund_done(self, result: object) -> None:
        result = getattr(result, "value", result)  # a facade's Changed: the runner told the hub already
        self.busy = False
        self.result = result if isinstance(result, RefundResult) else None
        amount = self.money.format(getattr(result, "amount_cents", 0))
        if getattr(result, "method", "cash") == "card":
            text = self.tr("Refunded {amount} to the card. The seats go back on sale when the central platform "
                           "confirms.").format(amount=amount)
        else:
            text = self.tr("Refunded {amount} in cash. The seats go back on sale when the central platform "
                           "confirms.").format(amount=amount)
        self._say(text, "ok")
        self.reason.clear()
        self.reference.clear()
        self._update()
        self.refunded.emit(self.code)
        self.read_sale()

    def _refund_failed(self, exc: Exception) -> None:
        self.busy = False
        self._update()
        self._say(self.tr("Not refunded. {error}").format(error=describe(exc, self.money)), "error")

    def done(self, result: int) -> None:
        if self.busy:  # the refund is being written: let it finish and report
            return
        super().done(result)
