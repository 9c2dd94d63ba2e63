"""Selling a pre-generated ticket at the window (issue #17 point 3): scanned, priced, paid, activated.

A batch's tickets are printed ahead and do not open the door until activated. Scanned at the window (the main
window's ``handle_scan`` asks ``SalesFacade.find_pregenerated``), such a ticket opens this dialog: its type,
barcode and event, the price (prefilled with the event's product of the same name when there is one; typed
otherwise), cash or card (card: the slip's reference), an optional holder's name, and Activate. The price is taken
exactly (no change to count). Activating runs on the operation runner's writer thread (``SalesFacade.activate``:
queued for the central platform exactly once, valid at this terminal's door at once, journaled under the signed-in
clerk), so it works offline; the event's name and the price are read on the read pool when the dialog opens.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from boxoffice.core.errors import BoxOfficeError, InvalidSale
from boxoffice.facades.sales import ActivationOffer
from boxoffice.services.activations import ActivationResult, Pregenerated
from boxoffice.ui.cash_or_card import CashOrCard, level, touch_form
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.signin import _set_message
from boxoffice.ui.window_context import WindowContext

log = logging.getLogger(__name__)

# touch-sized method buttons and fields, the ticket's facts large enough to read at arm's length
_STYLE = """
QRadioButton::indicator { width: 30px; height: 30px; }
QRadioButton { spacing: 10px; min-height: 48px; }
QLineEdit { min-height: 40px; }
QLineEdit#activatePrice { font-size: 18pt; font-weight: bold; }
QLabel#activateFact { font-size: 14pt; }
"""


class ActivateDialog(QDialog):
    """Activate the pre-generated ``ticket`` over the window context ``ctx``, as the clerk ``actor``.

    ``activate(code, amount_cents, method=..., reference=..., holder=..., actor=...)`` runs on the writer thread
    (default ``ctx.facades.sales.activate``, whose ``Changed`` the runner tells the hub). ``activated`` is emitted
    with the barcode once the ticket is activated.
    """

    activated = Signal(str)

    def __init__(self, ticket: Pregenerated, ctx: WindowContext, *, actor: str | None = None,
                 parent: QWidget | None = None, activate: Callable[..., object] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("activateDialog")
        self.setWindowTitle(self.tr("Activate ticket {code}").format(code=ticket.barcode))
        self.setMinimumWidth(640)
        self.setStyleSheet(_STYLE)
        self.ticket = ticket
        self.ctx = ctx
        self.money = ctx.money
        self.actor = actor
        self._activate = activate if activate is not None else ctx.facades.sales.activate
        self.offer: ActivationOffer | None = None
        self.busy = False
        self.result: ActivationResult | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        self.title = QLabel(self.tr("Pre-generated ticket, not activated yet"), self)
        self.title.setObjectName("panelTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.hint = QLabel(self.tr("Take the payment, then activate it: it opens the door from now on."), self)
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)

        form = touch_form()
        self.event_label = self._fact(self.tr("Reading the event…"))
        form.addRow(self.tr("Event"), self.event_label)
        self.type_label = self._fact(ticket.ticket_type or self.tr("Ticket"))
        form.addRow(self.tr("Ticket type"), self.type_label)
        self.barcode_label = self._fact(ticket.barcode)
        self.barcode_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.tr("Barcode"), self.barcode_label)
        self.price = self._field("activatePrice", self.money.format(0))
        self._row(form, self.tr("Price"), self.price)
        self.payment = CashOrCard(self, form, self.tr("Paid in"), "activate")
        self.cash_button, self.card_button = self.payment.cash_button, self.payment.card_button
        self.reference = self.payment.reference
        self.holder = self._field("activateHolder", self.tr("optional: the name for the ticket"))
        self._row(form, self.tr("Holder"), self.holder)
        layout.addLayout(form)

        self.message = self._fact("")
        self.message.setObjectName("banner")  # the window's banner look, hidden until there is news
        self.message.hide()
        layout.addWidget(self.message)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("activateClose")
        self.close_button.setAutoDefault(False)
        self.activate_button = QPushButton(self.tr("Activate"), self)
        self.activate_button.setObjectName("primary")
        self.activate_button.setAutoDefault(False)  # a scanner's Enter never sells the ticket by itself
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.activate_button)
        layout.addLayout(buttons)

        self.activate_button.clicked.connect(self.start_activation)
        self.close_button.clicked.connect(self.accept)
        self._update()
        self.read_offer()

    def _row(self, form: QFormLayout, text: str, field: QWidget) -> None:
        form.addRow(level(QLabel(text, self), field), field)

    def _field(self, name: str, placeholder: str) -> QLineEdit:
        field = QLineEdit(self)
        field.setObjectName(name)
        field.setPlaceholderText(placeholder)
        return field

    def _fact(self, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName("activateFact")
        label.setWordWrap(True)
        return label

    # --- reading ------------------------------------------------------------------------------------------

    def read_offer(self) -> None:
        """The event's name and the suggested price, on the read pool."""
        sales, ticket = self.ctx.facades.sales, self.ticket

        def failed(exc: Exception) -> None:
            log.warning("activation offer for %s not read: %r", ticket.barcode, exc)
            self.event_label.setText(ticket.event_id)

        self.ctx.runner.read(self, lambda: sales.activation_offer(ticket), success=self._offer_read, failure=failed)

    def _offer_read(self, offer: ActivationOffer) -> None:
        self.offer = offer
        self.event_label.setText(offer.event_name)
        if offer.price_cents is not None and not self.price.text().strip():
            self.price.setText(self.money.format(offer.price_cents))
        self.price.setFocus()
        self.price.selectAll()

    # --- choosing -----------------------------------------------------------------------------------------

    def method(self) -> str:
        return self.payment.method()

    def set_method(self, method: str) -> None:
        self.payment.set_method(method)

    def _update(self) -> None:
        self.activate_button.setEnabled(not self.busy and self.result is None)
        self.close_button.setEnabled(not self.busy)
        editable = not self.busy and self.result is None
        self.payment.set_enabled(editable)
        for field in (self.price, self.holder):
            field.setEnabled(editable)

    def _say(self, text: str, kind: str) -> None:
        """``kind``: "ok", "info", "error" or "": the banner's colours."""
        _set_message(self.message, text, kind)
        self.message.setVisible(bool(text))
        layout = self.layout()
        layout.activate()  # a banner of three lines: the dialog grows rather than squeeze the fields
        need = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.minimumHeight()
        if need > self.height():
            self.resize(self.width(), need)

    # --- activating ---------------------------------------------------------------------------------------

    def start_activation(self) -> None:
        """The Activate button: the price and payment are checked here, then the activation is written."""
        if self.busy or self.result is not None:
            return
        try:
            amount = self.money.parse(self.price.text())
        except BoxOfficeError as exc:
            self._say(describe(exc, self.money), "error")
            self.price.setFocus()
            return
        method, reference = self.method(), self.payment.reference_text()
        missing = ("activation_price_negative" if amount < 0 else
                   "activation_reference_missing" if method == "card" and not reference else None)
        if missing is not None:  # the service refuses these too: say it in its words, write nothing
            self._say(describe(InvalidSale(missing, code=missing), self.money), "error")
            (self.price if amount < 0 else self.reference).setFocus()
            return
        self.do_activation(amount, method, reference or None, self.holder.text().strip() or None)

    def do_activation(self, amount_cents: int, method: str, reference: str | None, holder: str | None) -> None:
        """Activate now, on the writer thread, as the signed-in clerk."""
        activate, code, actor = self._activate, self.ticket.barcode, self.actor

        def write() -> object:
            return activate(code, amount_cents, method=method, reference=reference, holder=holder, actor=actor)

        self.busy = True
        self._update()
        self._say(self.tr("Activating…"), "info")
        self.ctx.runner.write(self, write, success=self._activation_done, failure=self._activation_failed)

    def _activation_done(self, done: object) -> None:
        """``done``: the facade's ``Changed`` (the runner told the hub already) or an injected plain result."""
        result: ActivationResult = getattr(done, "value", done)
        self.busy, self.result = False, result
        paid = self.tr("{amount} in cash.") if result.method == "cash" else self.tr("{amount} by card.")
        self._say(paid.format(amount=self.money.format(result.amount_cents)) + " "
                  + self.tr("Activated. It goes to the central platform with the next sync."), "ok")
        self.title.setText(self.tr("Pre-generated ticket, activated"))
        self.hint.hide()  # done: the banner says what happens next
        self._update()
        self.price.deselect()
        self.close_button.setFocus()  # nothing left to do here but close
        self.activated.emit(result.barcode)

    def _activation_failed(self, exc: Exception) -> None:
        self.busy = False
        self._update()
        if not isinstance(exc, BoxOfficeError):
            log.error("activation of %s failed unexpectedly: %r", self.ticket.barcode, exc)
        self._say(self.tr("Not activated. {error}").format(error=describe(exc, self.money)), "error")

    def done(self, result: int) -> None:
        if self.busy:  # the activation is being written: let it finish and report
            return
        super().done(result)
