"""A sale opened by scanning one of its codes: what was sold, and Reprint / Refund / Void.

Void needs a reason and then a supervisor's PIN (:mod:`boxoffice.ui.supervisor_pin`): a clerk can start it,
only a supervisor can authorise it, and the journal names the supervisor. It goes through the same service as
the supervisor tools (:func:`boxoffice.services.returns.void_sale`): a sale not yet sent has its delivery
cancelled and its seats are on sale again at once; a sent one gets a cancellation queued, and its seats come
back only when the central platform confirms it, which the dialog follows and shows. Refund opens
:class:`boxoffice.ui.refund_dialog.RefundDialog` (some or all tickets, the same supervisor's PIN); the summary then
says how much was refunded (read on the read pool when the dialog opens and whenever the hub names this sale), and
a sale with refunds cannot be voided (refund the rest instead).

Each ticket is one row of a table: zone, row, seat number (never the platform's seat code), the ticket (a
family pass's tickets name the pass) and its code; the places are read on the read pool when the dialog opens.

The void runs on the operation runner's writer thread, a reprint on its device thread, and where the
cancellation stands is read on its read pool: when the dialog opens on a voided sale, after the void, and again
whenever the change hub says the outbox moved or the platform answered for this sale (the delivery worker
reports that after every round that changed something). Nothing polls.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from boxoffice.core.changes import Changes
from boxoffice.core.seats import Place, seat_number
from boxoffice.facades.ticket_places import TicketPlace
from boxoffice.services.catalog import SaleSummary
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.returns import Confirmation
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
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
from boxoffice.ui.refund_dialog import RefundDialog
from boxoffice.ui.signin import _set_message
from boxoffice.ui.status_bar import local_time
from boxoffice.ui.supervisor_pin import ask_supervisor
from boxoffice.ui.window_context import WindowContext

log = logging.getLogger(__name__)


class SaleDialog(QDialog):
    """The sale, Reprint and Void, over the window context ``ctx``.

    ``void(code, reason, actor=...)`` voids and returns a ``VoidResult`` (or a ``Changed`` holding one); it runs
    on the writer thread and defaults to ``ctx.facades.sales.void``. ``actor`` is the authorising supervisor's
    name, for the journal (:meth:`do_void` called directly without one calls ``void(code, reason)``).
    ``reprint(code)`` runs on the device thread; None disables Reprint. Voids need ``session_factory`` (the PIN
    prompt checks PINs with it) or an ``authorise(prompt) -> ClerkInfo | None`` callable; with neither, Void is
    disabled. ``voided`` is emitted once the sale is voided; ``seats_freed`` when the seats are on sale again (at
    once for an undelivered sale, on the platform's confirmation otherwise).
    """

    voided = Signal(str)
    seats_freed = Signal(str)

    def __init__(self, sale: SaleSummary, ctx: WindowContext, *, reprint: Callable[[str], None] | None = None,
                 void: Callable[..., object] | None = None, parent: QWidget | None = None,
                 session_factory: Any = None, authorise: Callable[[str], ClerkInfo | None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saleDialog")
        self.setWindowTitle(self.tr("Sale {code}").format(code=sale.purchase_code))
        self.setMinimumWidth(760)
        self.sale = sale
        self.ctx = ctx
        self.money = ctx.money
        self._reprint = reprint
        self._void = void if void is not None else ctx.facades.sales.void
        self._session_factory = session_factory
        self._authorise = authorise
        self.busy = False
        self.supervisor: ClerkInfo | None = None
        self.confirmation: Confirmation | None = None
        self.refunded_cents = 0
        self.refundable = True  # until read: a completed sale has tickets to give back

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        title = QLabel(sale.event_name, self)
        title.setObjectName("panelTitle")
        layout.addWidget(title)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.tickets = self._tickets_table()
        layout.addWidget(self.tickets, 1)
        self._show_tickets([TicketPlace(barcode, _unread_place(seat), product, 0)
                            for seat, product, barcode in sale.tickets])
        self.message = QLabel(self)
        self.message.setObjectName("banner")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.confirmation_label = QLabel(self)
        self.confirmation_label.setObjectName("voidConfirmation")
        self.confirmation_label.setWordWrap(True)
        self.confirmation_label.hide()
        layout.addWidget(self.confirmation_label)
        layout.addStretch(1)

        buttons = QHBoxLayout()
        self.reprint_button = QPushButton(self.tr("Reprint"), self)
        self.reprint_button.setObjectName("reprint")
        if reprint is None:
            self.reprint_button.setToolTip(self.tr("Printing is not set up yet"))
        self.void_button = QPushButton(self.tr("Void sale…"), self)
        self.void_button.setObjectName("voidSale")
        if not self._can_authorise():
            self.void_button.setToolTip(self.tr("Voids need a supervisor's PIN, which cannot be asked here"))
        self.refund_button = QPushButton(self.tr("Refund…"), self)
        self.refund_button.setObjectName("refundSale")
        if not self._can_authorise():
            self.refund_button.setToolTip(self.tr("Refunds need a supervisor's PIN, which cannot be asked here"))
        self.close_button = QPushButton(self.tr("Close"), self)
        self.close_button.setObjectName("primary")
        for button in (self.reprint_button, self.refund_button, self.void_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.reprint_button.clicked.connect(self.do_reprint)
        self.void_button.clicked.connect(self.ask_void)
        self.refund_button.clicked.connect(self.open_refund)
        self.close_button.clicked.connect(self.accept)

        self._following = False  # a cancellation is queued and not final: hub changes re-read it
        ctx.hub.changed.connect(self._hub_changed)  # a bound method: disconnected with the dialog
        self._show_summary(sale.status)
        self._update_buttons()
        self._read_places()
        self._read_refunds()
        if sale.status == "voided":
            self.refresh_confirmation()  # a voided sale scanned again: where its cancellation stands

    # --- display --------------------------------------------------------------------------------------

    def _tickets_table(self) -> QTableWidget:
        table = QTableWidget(0, 5, self)
        table.setObjectName("saleTickets")
        table.setHorizontalHeaderLabels([self.tr("Zone"), self.tr("Row"), self.tr("Seat"), self.tr("Ticket"),
                                         self.tr("Code")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # nothing elided: the dialog widens
        header.setStretchLastSection(True)
        return table

    def _read_places(self) -> None:
        """Zone, row and seat number of each ticket, and its pass (read pool); the codes show until then."""
        sales, code = self.ctx.facades.sales, self.sale.purchase_code
        if not hasattr(sales, "ticket_places"):
            return

        def failed(exc: Exception) -> None:  # the seat codes stay shown
            log.warning("could not read the sale's seats: %s", type(exc).__name__)

        self.ctx.runner.read(self, lambda: sales.ticket_places(code), success=self._places_read, failure=failed)

    def _places_read(self, places: list[TicketPlace]) -> None:
        if places:
            self._show_tickets(places)

    def _show_tickets(self, places: list[TicketPlace]) -> None:
        table = self.tickets
        table.setRowCount(len(places))
        for row, ticket in enumerate(places):
            place, share = ticket.place, ticket.pass_of
            product = ticket.product if share is None else self.tr("{pass_name} — {product} ({n} of {of})").format(
                pass_name=share.name, product=ticket.product, n=share.number, of=share.of)
            cells = (place.zone, place.row or "—",
                     self.tr("General admission") if place.general_admission else place.seat, product, ticket.barcode)
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(text))
        table.resizeColumnsToContents()
        margins = self.layout().contentsMargins()
        wanted = (table.horizontalHeader().length() + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint()
                  .width() + margins.left() + margins.right())
        self.setMinimumWidth(max(760, min(wanted, 984)))  # names read whole; 984: still fits a 1024 px screen
        rows_shown = min(len(places), 8)  # up to 8 rows without scrolling; a bigger sale scrolls
        table.setMinimumHeight(table.horizontalHeader().height() + rows_shown * table.verticalHeader()
                               .defaultSectionSize() + 2 * table.frameWidth())

    def ticket_rows(self) -> list[tuple[str, ...]]:
        """The tickets as shown: (zone, row, seat, ticket, code) per row (for tests and screenshots)."""
        table = self.tickets
        return [tuple(table.item(r, c).text() for c in range(table.columnCount())) for r in range(table.rowCount())]

    def _can_authorise(self) -> bool:
        return self._authorise is not None or self._session_factory is not None

    def _show_summary(self, status: str) -> None:
        shown = self.tr("voided") if status == "voided" else self.tr("sold")
        text = self.tr("{code} · {when} · {total} · {status}").format(
            code=self.sale.purchase_code, when=local_time(self.sale.created_at),
            total=self.money.format(self.sale.total_cents), status=shown)
        if self.refunded_cents:
            text = self.tr("{text} · refunded {amount}").format(text=text,
                                                                amount=self.money.format(self.refunded_cents))
        self.summary.setText(text)

    def _update_buttons(self) -> None:
        voided = self.sale.status == "voided"
        self.reprint_button.setEnabled(not self.busy and self._reprint is not None and not voided)
        self.void_button.setEnabled(not self.busy and not voided and self._can_authorise()
                                    and not self.refunded_cents)
        self.refund_button.setEnabled(not self.busy and not voided and self._can_authorise() and self.refundable)
        self.close_button.setEnabled(not self.busy)

    def _say(self, text: str, kind: str) -> None:
        """``kind``: "ok" (done), "info" (in progress), "error" or "" (neutral): the banner's colours."""
        _set_message(self.message, text, kind)
        self.message.setVisible(bool(text))

    # --- reprint --------------------------------------------------------------------------------------

    def do_reprint(self) -> None:
        """Reprint on the device thread (a printer that does not answer never holds the window)."""
        reprint, code = self._reprint, self.sale.purchase_code
        if reprint is None or self.busy:
            return
        self._say(self.tr("Printing…"), "info")
        self.ctx.runner.device(self, lambda: reprint(code), success=self._reprinted, failure=self._reprint_failed)

    def _reprinted(self, _result: object) -> None:
        self._say(self.tr("Reprinted."), "ok")

    def _reprint_failed(self, exc: Exception) -> None:
        self._say(self.tr("Could not print: {error}").format(error=describe(exc, self.money)), "error")

    # --- refund ---------------------------------------------------------------------------------------

    def _read_refunds(self) -> None:
        """How much of the sale was given back and whether any ticket is left to refund (read pool)."""
        sales, code = self.ctx.facades.sales, self.sale.purchase_code
        if not hasattr(sales, "sale_for_refund"):
            return

        def failed(exc: Exception) -> None:  # the summary stays without the refunds
            log.warning("could not read the sale's refunds: %s", type(exc).__name__)

        self.ctx.runner.read(self, lambda: sales.sale_for_refund(code), success=self._refunds_read, failure=failed)

    def _refunds_read(self, view: Any) -> None:
        self.refunded_cents = view.refunded_cents
        self.refundable = bool(view.open_tickets)
        if self.refunded_cents and self._can_authorise():  # Void is greyed: say why
            self.void_button.setToolTip(self.tr("Tickets of this sale were refunded: refund the others instead of "
                                                "voiding"))
        self._show_summary(self.sale.status)
        self._update_buttons()

    def open_refund(self) -> RefundDialog | None:
        """The Refund button: the refund dialog over this one (the PIN is asked there, once tickets are chosen)."""
        if self.busy or self.sale.status == "voided" or not self._can_authorise():
            return None
        dialog = RefundDialog(self.sale.purchase_code, self.ctx, parent=self, session_factory=self._session_factory,
                              authorise=self._authorise)
        dialog.refunded.connect(lambda _code: self._read_refunds())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # --- void -----------------------------------------------------------------------------------------

    def ask_void(self) -> None:
        """The Void button: the reason, then the supervisor's PIN, then the void."""
        if self.busy:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Void sale"),
                                          self.tr("Reason for voiding sale {code}:").format(
                                              code=self.sale.purchase_code), QLineEdit.EchoMode.Normal)
        if ok:
            self.start_void(reason)

    def start_void(self, reason: str) -> None:
        """A reason is given: ask a supervisor to authorise it, then void with the supervisor as the actor."""
        if self.busy:
            return
        reason = reason.strip()
        if not reason:
            self._say(self.tr("Give a reason for the void."), "error")
            return
        prompt = self.tr("Void sale {code} (%n tickets, {total}).\nReason: {reason}", "",
                         len(self.sale.tickets)).format(
            code=self.sale.purchase_code,
            total=self.money.format(self.sale.total_cents), reason=reason)
        if self._authorise is not None:
            supervisor = self._authorise(prompt)
        elif self._session_factory is not None:
            supervisor = ask_supervisor(self, self.ctx, prompt)
        else:
            supervisor = None
        if supervisor is None:
            self._say(self.tr("Not voided: no supervisor authorised it."), "error")
            return
        if not supervisor.is_supervisor:  # an authorise callable that let a clerk through
            self._say(self.tr("Not voided: {name} is not a supervisor.").format(name=supervisor.name), "error")
            return
        self.supervisor = supervisor
        self.do_void(reason, actor=supervisor.name)

    def do_void(self, reason: str, actor: str | None = None) -> None:
        """Void now, on the writer thread (after the authorisation; ``actor`` goes to the journal)."""
        if self.busy:
            return
        if not reason.strip():
            self._say(self.tr("Give a reason for the void."), "error")
            return
        void, code = self._void, self.sale.purchase_code
        if actor is not None:
            def work() -> object:
                return void(code, reason, actor=actor)
        else:
            def work() -> object:
                return void(code, reason)
        self.busy = True
        self._update_buttons()
        self._say(self.tr("Voiding…"), "info")
        self.ctx.runner.write(self, work, success=self._void_done, failure=self._void_failed)

    def _void_done(self, result: object) -> None:
        result = getattr(result, "value", result)  # a facade's Changed: the runner told the hub already
        self.busy = False
        self.sale = replace(self.sale, status="voided")
        self._show_summary("voided")
        self._update_buttons()
        who = self.supervisor.name if self.supervisor is not None else None
        if getattr(result, "delivered", True):
            text = self.tr("Voided. A cancellation is queued for the central platform; the seats go back on sale "
                           "when it confirms.")
        else:
            text = self.tr("Voided. The sale had not reached the central platform: its delivery is cancelled and "
                           "the seats are on sale again now.")
        if who:
            text = self.tr("{text} Authorised by {name}.").format(text=text, name=who)
        self._say(text, "ok")
        self.voided.emit(self.sale.purchase_code)
        if getattr(result, "delivered", True):
            self.refresh_confirmation()
        else:
            self.seats_freed.emit(self.sale.purchase_code)

    def _void_failed(self, exc: Exception) -> None:
        self.busy = False
        self._update_buttons()
        self._say(self.tr("Not voided. {error}").format(error=describe(exc, self.money)), "error")

    # --- following the cancellation -------------------------------------------------------------------

    def refresh_confirmation(self) -> None:
        """Read where the sale's cancellation stands (on the read pool)."""
        sales, code = self.ctx.facades.sales, self.sale.purchase_code

        def failed(exc: Exception) -> None:  # the next change told by the hub reads again
            log.warning("could not read the void's confirmation: %s", type(exc).__name__)

        self.ctx.runner.read(self, lambda: sales.void_confirmation(code), success=self._show_confirmation,
                             failure=failed)

    def _hub_changed(self, changes: Changes) -> None:
        code = self.sale.purchase_code
        if code in changes.sales and self.sale.status != "voided":  # a refund (here or by the command line)
            self._read_refunds()
        if self._following and (changes.outbox or code in changes.sales or code in changes.platform):
            self.refresh_confirmation()

    def _show_confirmation(self, confirmation: Confirmation | None) -> None:
        previous, self.confirmation = self.confirmation, confirmation
        if confirmation is None:  # nothing was queued: the void freed the seats itself
            self._following = False
            return
        self._following = confirmation.state not in ("confirmed", "refused")
        if confirmation.state == "confirmed":
            text = self.tr("The central platform confirmed the cancellation at {time}; the seats are on sale "
                           "again.").format(time=local_time(confirmation.at))
            if previous is not None and previous.state != "confirmed":
                self.seats_freed.emit(self.sale.purchase_code)
        elif confirmation.state == "refused":
            text = self.tr("The central platform refused the cancellation: {error}. The seats stay sold; tell "
                           "the supervisor.").format(error=confirmation.error or "?")
        else:
            text = self.tr("Waiting for the central platform to confirm the cancellation…")
            if confirmation.error:
                text = self.tr("{text} (not reached yet: {error})").format(text=text, error=confirmation.error)
        self.confirmation_label.setText(text)
        self.confirmation_label.show()

    def done(self, result: int) -> None:
        if self.busy:  # the void is being written: let it finish and report
            return
        super().done(result)


def _unread_place(seat: str) -> Place:
    """Before the places are read: the seat's number from its code, zone and row not known yet."""
    return Place("", None, seat_number(seat) if seat else None)
