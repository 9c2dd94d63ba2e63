"""Screenshots of the supervisor's screens, in Spanish and English, at 1280x800 and 1024x768.

Called by ``scripts/screenshots.py`` after the clerk's screens (same folder, same application). On a local demo
inventory with no network: the supervisor menu, comp, returns, sync queue (with a parked sale), shift open (refused
while one is open) and close with the count and its Z report, sales reports with the hourly chart, a scanned sale
(sold, voided waiting for the platform's confirmation, and one with a ticket refunded), the refund dialog (a ticket
refunded before, one chosen, by card; and after a refund), door check, training mode. The screens read through the
operation runner: each shot waits until it has answered.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select, update

from boxoffice.core.payments import PaymentRequest
from boxoffice.facades.batches import BatchesFacade, BatchRow, TicketTypeChoice
from boxoffice.services import catalog
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.refunds import RefundResult, refund
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.services.shifts import close_shift, current_shift, open_shift
from boxoffice.store.models import Outbox, Sale, SaleTicket
from boxoffice.sync.batches_client import JobState
from boxoffice.sync.errors import CentralUnreachable
from boxoffice.training import training_starter
from boxoffice.ui.batches_dialog import BatchesDialog
from boxoffice.ui.comp_dialog import CompDialog
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.refund_dialog import RefundDialog
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog
from boxoffice.ui.window_context import window_context
from tests.helpers.demo_inventory import TERMINAL, backend_for

#: A three-ticket card sale with its first ticket refunded (the refund dialog's shot).
REFUND_SEATS = ("EVDEMO-PRE7", "EVDEMO-PRE8", "EVDEMO-PRE9")

#: A sale the platform has, voided here: its cancellation waits for the platform (the sale dialog's shot).
VOIDED_SEAT = "EVDEMO-GEN30"


def prepare(store, supervisor: ClerkInfo) -> None:
    """A closed shift (its Z report kept), then an open one with a few sales (cash, card, a comp), one sale
    the platform refused (parked) and one it has that was voided here (its cancellation queued)."""
    f = store.session_factory
    first = open_shift(f, supervisor.id, 10000, actor=supervisor.name)
    sell(f, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-vip", 1, ("EVDEMO-VIP9",)),),
                                  (PaymentRequest("cash", tendered_cents=10000),), clerk_id=supervisor.id))
    close_shift(f, first.id, {5000: 3, 2000: 2, 500: 2}, supervisor.name)
    open_shift(f, supervisor.id, 15000, actor=supervisor.name)
    sell(f, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-gen", 2, ("EVDEMO-GEN1", "EVDEMO-GEN2")),),
                                  (PaymentRequest("cash", tendered_cents=6000),), clerk_id=supervisor.id))
    sell(f, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-pre", 1, ("EVDEMO-PRE1",)),),
                                  (PaymentRequest("card", amount_cents=4000, reference="SLIP-0042"),),
                                  clerk_id=supervisor.id))
    sell(f, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-vip", 1, ("EVDEMO-VIP3",)),), (),
                                  clerk_id=supervisor.id, customer_name="Pat Lee", comp_reason="Prensa"))
    with f.begin() as session:
        first = session.scalar(Outbox.__table__.select().with_only_columns(Outbox.id).order_by(Outbox.id).limit(1))
        session.execute(update(Outbox).where(Outbox.id == first).values(
            state="parked", attempts=3, last_error="400 ticket EVDEMO-GEN1 is not assigned to this office"))
    delivered = sell(f, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-gen", 1, (VOIDED_SEAT,)),),
                                              (PaymentRequest("cash", tendered_cents=2500),), clerk_id=supervisor.id))
    with f.begin() as session:
        session.execute(update(Outbox).where(Outbox.kind == "sale", Outbox.subject == delivered.purchase_code)
                        .values(state="delivered"))
    void_sale(f, TERMINAL, delivered.purchase_code, "Cliente cambió de fecha", actor=supervisor.name)
    card = sell(f, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-pre", 3, REFUND_SEATS),),
                                         (PaymentRequest("card", amount_cents=12000, reference="SLIP-0057"),),
                                         clerk_id=supervisor.id))
    refund(f, TERMINAL, card.purchase_code, [card.tickets[0].ticket_id], method="card", reason="Cliente enfermo",
           card_reference="SLIP-0061", actor=supervisor.name)


def settle(app, backend, timeout_s: float = 15) -> None:
    """Let the operation runner answer every read and write the screens asked for, then paint."""
    runner = window_context(backend).runner
    deadline = time.monotonic() + timeout_s
    while runner.pending and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def shoot(app, store, work: Path, out: Path, suffix: str, size: tuple[int, int], language: str,
          supervisor: ClerkInfo, save: Callable[[object, Path], Path]) -> list[Path]:
    from boxoffice.ui.qt import QPoint

    saved: list[Path] = []
    backend = backend_for(store, language, data_dir=work, apply_settings=lambda *_: None)
    backend.start_training = training_starter(backend, store.path, work, lambda _s: _NoPrinter())
    window = MainWindow(backend, clerk=supervisor)
    window.resize(*size)
    window.show()
    settle(app, backend)  # events, seats and prices are read in the background

    window.supervisor_menu.popup(window.supervisor_button.mapToGlobal(QPoint(0, window.supervisor_button.height())))
    app.processEvents()
    saved.append(save(window.supervisor_menu, out / f"sup-menu-{suffix}.png"))
    window.supervisor_menu.hide()

    window.seat_map.set_selected({"EVDEMO-VIP5", "EVDEMO-VIP6"})
    window._seats_selected(["EVDEMO-VIP5", "EVDEMO-VIP6"])
    comp = CompDialog(window.cart.ticket_count, window.money.format(window.cart.total_cents), window)
    comp.reason.setCurrentIndex(2)
    comp.recipient.setText("Pat Lee")
    comp.show()
    app.processEvents()
    saved.append(save(comp, out / f"sup-comp-{suffix}.png"))
    comp.close()
    window.cart_panel._clear()

    def grab(dialog, name: str, prepare_dialog: Callable[[object], None] | None = None, natural: bool = False) -> None:
        if not natural:  # big screens fill the window; small dialogs keep their own size
            dialog.resize(min(size[0] - 40, max(dialog.width(), 900)), size[1] - 60)
        settle(app, backend)
        if prepare_dialog:
            prepare_dialog(dialog)
        settle(app, backend)
        saved.append(save(dialog, out / f"sup-{name}-{suffix}.png"))

    returns = window.open_returns()
    grab(returns, "returns", lambda d: d.choose_range("General", "A", 3, 9))
    returns.reject()
    queue = window.open_sync_queue()
    grab(queue, "queue")
    queue.reject()
    for name, online in (("batches", True), ("batches-offline", False)):
        batches = BatchesDialog(window.ctx, window, facade=_ShotBatches(store, language, online), event_id="EVDEMO")
        batches.show()
        grab(batches, name, (lambda d: _batch_done(d, language)) if online else None)
        batches.reject()
    opening = OpenShiftDialog(backend, supervisor, window)  # a shift is open: refused, and said why
    opening.show()
    grab(opening, "open-shift", natural=True)
    opening.reject()
    shift = current_shift(store.read_session_factory)
    assert shift is not None
    closing = CloseShiftDialog(backend, supervisor, shift, window)
    closing.show()
    for cents, pieces in ((5000, 2), (2000, 3), (1000, 1), (200, 4), (50, 3)):
        closing.set_count(cents, pieces)
    grab(closing, "close-shift")
    closing.reject()
    ctx = window_context(backend)
    for name, seat in (("sale", "EVDEMO-PRE1"), ("sale-voided", VOIDED_SEAT), ("sale-refunded", REFUND_SEATS[0])):
        sale = catalog.find_sale(store.read_session_factory, _sale_of(store, seat))
        dialog = SaleDialog(sale, ctx, reprint=lambda _code: None, parent=window,
                            session_factory=store.session_factory)
        dialog.show()
        grab(dialog, name, natural=True)
        dialog.reject()
    refund_code = _sale_of(store, REFUND_SEATS[0])
    words = {"es": ("Entrada defectuosa", "SLIP-0063"), "en": ("Faulty ticket", "SLIP-0063")}[language]
    for name, done in (("refund", False), ("refund-done", True)):
        dialog = RefundDialog(refund_code, ctx, parent=window, authorise=lambda _prompt: supervisor)
        dialog.show()
        settle(app, backend)
        dialog.set_chosen([REFUND_SEATS[1]])
        dialog.set_method("cash" if done else "card")
        dialog.reason.setText(words[0])
        dialog.reference.setText(words[1])
        if done:  # the banner after a refund, without giving back another ticket on every run
            dialog._refund_done(RefundResult(refund_code, "shot", (REFUND_SEATS[1],), 4000, "cash", False))
        grab(dialog, name, natural=True)
        dialog.reject()
    history = window.open_z_reports()
    grab(history, "z-reports")
    history.reject()
    reports = window.open_reports()
    grab(reports, "reports")
    reports.reject()
    door = window.open_door_check()
    door.check("NOT-A-TICKET")
    grab(door, "door")
    door.reject()

    window.enter_training()
    deadline = time.monotonic() + 15
    while not window.training and time.monotonic() < deadline:  # the copy is made in the background
        app.processEvents()
        time.sleep(0.02)
    window.seat_map.set_selected({"EVDEMO-GEN9"})
    window._seats_selected(["EVDEMO-GEN9"])
    app.processEvents()
    saved.append(save(window, out / f"sup-training-{suffix}.png"))
    window.cart_panel._clear()
    window.leave_training()
    window.close()
    assert current_shift(store.read_session_factory) is not None
    return saved


def _sale_of(store, ticket_id: str) -> str:
    """The purchase code of the sale holding a ticket."""
    with store.read_session_factory() as session:
        return session.scalar(select(Sale.purchase_code).join(SaleTicket, SaleTicket.sale_id == Sale.id)
                              .where(SaleTicket.ticket_id == ticket_id))


class _ShotBatches(BatchesFacade):
    """The platform's batches of the demo event, without a platform (``online=False``: it cannot be reached)."""

    COMMENTS = {"es": ("Colegio San José", "Librería Central (reventa)", "Prueba de impresión"),
                "en": ("St Joseph's School", "Central Bookshop (reseller)", "Print test")}

    def __init__(self, store, language: str, online: bool) -> None:
        super().__init__(store.read_session_factory, lambda: None)
        self.language, self.online = language, online

    def events(self):
        def types(event_id: str) -> tuple[TicketTypeChoice, ...]:
            tickets = [p for p in catalog.products(self._read, event_id) if p.kind != "family_pass"]
            return tuple(TicketTypeChoice(101 + i, p.name, p.price_cents) for i, p in enumerate(tickets))

        return [dataclasses.replace(e, ticket_types=types(e.id)) for e in super().events()]

    def list(self, event_id: str) -> list[BatchRow]:
        if not self.online:
            raise CentralUnreachable("offlinesalesbatches", "cannot reach the platform")
        school, shop, test = self.COMMENTS[self.language]
        when = datetime(2026, 11, 28, 10, 15, tzinfo=UTC)
        return [BatchRow(3, 103, 30, school, False, when + timedelta(days=4)),
                BatchRow(2, 102, 200, shop, False, when + timedelta(days=1)),
                BatchRow(1, 103, 2, test, True, when)]


def _batch_done(dialog: BatchesDialog, language: str) -> None:
    """The message after batch 3 was made, and it chosen (what a supervisor sees before Save PDF…)."""
    dialog.item.setCurrentIndex(dialog.item.findData(103))
    dialog.amount.setValue(30)
    dialog._batch_done("EVDEMO", JobState("done", body={"id": 3, "amount": 30}))


class _NoPrinter:
    """Screenshots print nothing."""

    def apply(self, backend) -> None:
        backend.printing_ready, backend.print_sale, backend.no_sale, backend.print_report = (
            lambda: False), None, None, None
