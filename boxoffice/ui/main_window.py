"""The clerk's main window: event picker, seat map, zone quick-sell, cart, payment, sync status.

Everything slow (selling commits, pulls) runs through :func:`run_in_background`; the window never waits on the
network. After a sale the cart is empty and the focus is back where the next customer starts.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

from boxoffice.config import PrinterConfig
from boxoffice.core.errors import BoxOfficeError, InvalidCode, SeatNotAvailable
from boxoffice.services import catalog
from boxoffice.services.cart import Cart
from boxoffice.services.catalog import EventSummary, ProductInfo, ZoneInfo
from boxoffice.services.checkin import check_ticket
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import SaleRequest, SaleResult, sell
from boxoffice.ui.backend import Backend
from boxoffice.ui.background import run_in_background
from boxoffice.ui.cart_panel import CartPanel
from boxoffice.ui.comp_dialog import CompDialog
from boxoffice.ui.door_check import DoorCheckDialog
from boxoffice.ui.payment import PaymentDialog
from boxoffice.ui.qt import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenu,
    QPushButton,
    QShortcut,
    QSpinBox,
    QSplitter,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.seat_map import SeatMap
from boxoffice.ui.settings_dialog import SettingsDialog
from boxoffice.ui.status_bar import SyncStatusBar, local_time

log = logging.getLogger(__name__)


class ZoneQuickSell(QFrame):
    """One zone: price, live availability, a quantity and Add (best available seats)."""

    add = Signal(str, int)

    def __init__(self, zone: ZoneInfo, product: ProductInfo | None, money, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("zoneQuickSell")
        self.zone = zone.zone
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        swatch = QLabel(self)
        swatch.setFixedSize(18, 36)
        swatch.setStyleSheet(f"background: {zone.color}; border-radius: 4px;")
        layout.addWidget(swatch)
        price = money.format(product.price_cents) if product else self.tr("no price")
        self.label = QLabel(self)
        self.label.setObjectName("zoneLabel")
        layout.addWidget(self.label, 1)
        self.quantity = QSpinBox(self)
        self.quantity.setObjectName(f"qty_{zone.zone}")
        self.quantity.setRange(1, 50)
        self.quantity.setMinimumWidth(72)
        layout.addWidget(self.quantity)
        self.button = QPushButton(self.tr("Add"), self)
        self.button.setObjectName(f"add_{zone.zone}")
        self.button.setAutoDefault(False)
        self.button.setEnabled(product is not None and zone.available > 0)
        layout.addWidget(self.button)
        self.button.clicked.connect(lambda: self.add.emit(self.zone, self.quantity.value()))
        self._price = price
        self.set_available(zone.available)

    def set_available(self, available: int) -> None:
        self.available = available
        detail = self.tr("{price} · {n} left").format(price=self._price, n=available)
        self.label.setText(f"<b>{html.escape(self.zone)}</b><br>{html.escape(detail)}")
        self.quantity.setMaximum(max(1, min(50, available)))


class MainWindow(QMainWindow):
    sale_completed = Signal(object)  # SaleResult
    sale_failed = Signal(str)
    sign_out_requested = Signal()
    door_check_opened = Signal(object)  # the DoorCheckDialog, so scans can be routed to it

    def __init__(self, backend: Backend, clerk=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.clerk = clerk
        self.money = backend.money
        self.events: list[EventSummary] = []
        self.products: list[ProductInfo] = []
        self.cart = Cart(event_id="")
        self._busy = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Box office — {office}").format(office=backend.terminal.office_name))
        self.setMinimumSize(1000, 700)

        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 10, 10, 6)
        top = QHBoxLayout()
        self.event_picker = QComboBox(central)
        self.event_picker.setObjectName("eventPicker")
        self.event_picker.setMinimumWidth(280)
        top.addWidget(self.event_picker, 1)
        self.zoom_out = QPushButton("−", central)
        self.zoom_in = QPushButton("+", central)
        self.zoom_fit = QPushButton(self.tr("Fit"), central)
        for button in (self.zoom_out, self.zoom_in, self.zoom_fit):
            button.setObjectName("zoomButton")
            button.setAutoDefault(False)
            top.addWidget(button)
        self.switch_button = QPushButton(central)  # shows who is signed in; pressing it changes the clerk
        self.switch_button.setObjectName("switchClerk")
        self.switch_button.setAutoDefault(False)
        self.switch_button.setToolTip(self.tr("Change clerk"))
        self.switch_button.clicked.connect(self.sign_out_requested)
        top.addWidget(self.switch_button)
        self.supervisor_button = QToolButton(central)
        self.supervisor_button.setObjectName("supervisorMenu")
        self.supervisor_button.setText(self.tr("Supervisor"))
        self.supervisor_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.supervisor_menu = QMenu(self.supervisor_button)
        self.supervisor_menu.setObjectName("supervisorActions")
        self.supervisor_button.setMenu(self.supervisor_menu)
        top.addWidget(self.supervisor_button)
        outer.addLayout(top)

        self.training_bar = QLabel(self.tr("TRAINING / FORMACIÓN · practice only: nothing is sold for real, "
                                           "nothing is synced, and it is all discarded when training ends"), central)
        self.training_bar.setObjectName("trainingBar")
        self.training_bar.setWordWrap(True)
        self.training_bar.hide()
        outer.addWidget(self.training_bar)

        self.banner = QLabel(central)
        self.banner.setObjectName("banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        outer.addWidget(self.banner)

        split = QSplitter(Qt.Orientation.Horizontal, central)
        left = QWidget(split)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.seat_map = SeatMap(left)
        left_layout.addWidget(self.seat_map, 1)
        self.zone_box = QVBoxLayout()
        left_layout.addLayout(self.zone_box)
        self.family_button = QPushButton(left)
        self.family_button.setObjectName("familyPass")
        self.family_button.setAutoDefault(False)
        self.family_button.hide()
        left_layout.addWidget(self.family_button)
        self.cart_panel = CartPanel(self.money, split)
        split.addWidget(left)
        split.addWidget(self.cart_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)
        self.setCentralWidget(central)

        self.status = SyncStatusBar(backend.sync_status, backend.terminal.office_name, self)
        self.setStatusBar(self.status)

        self.event_picker.currentIndexChanged.connect(self._event_changed)
        self.seat_map.selection_changed.connect(self._seats_selected)
        self.cart_panel.pay_requested.connect(self.pay)
        self.cart_panel.comp_requested.connect(self.comp)
        self.cart_panel.cleared.connect(lambda: self.seat_map.set_selected(set()))
        self.cart_panel.changed.connect(self._cart_changed)
        self.zoom_in.clicked.connect(lambda: self.seat_map.zoom_by(1.25))
        self.zoom_out.clicked.connect(lambda: self.seat_map.zoom_by(0.8))
        self.zoom_fit.clicked.connect(self.seat_map.fit)
        self.family_button.clicked.connect(self._add_family_pass)
        QShortcut(QKeySequence(Qt.Key.Key_F12), self, activated=self.pay)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.reload)
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, activated=lambda: self.seat_map.zoom_by(1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, activated=lambda: self.seat_map.zoom_by(0.8))
        self._real_backend: Backend | None = None  # while training: the real one, back when training ends
        self._leave_training = None
        self.set_clerk(clerk)
        self.reload_events()

    # -- data ------------------------------------------------------------------------------------------------

    def set_clerk(self, clerk) -> None:
        self.clerk = clerk
        self.switch_button.setText(self.tr("{name} ⇄").format(name=clerk.name) if clerk else self.tr("Sign in"))
        self._build_supervisor_menu()

    @property
    def is_supervisor(self) -> bool:
        return getattr(self.clerk, "role", None) == "supervisor"

    @property
    def training(self) -> bool:
        return self._real_backend is not None

    def _build_supervisor_menu(self) -> None:
        """What a supervisor may do; a clerk does not see the menu at all (and every action checks again)."""
        menu = self.supervisor_menu
        menu.clear()
        supervisor = self.is_supervisor
        self.supervisor_button.setVisible(supervisor or self.training)
        self.cart_panel.set_comp_allowed(supervisor)
        if self.training:
            menu.addAction(self.tr("Leave training"), self.leave_training).setObjectName("leaveTraining")
            if not supervisor:
                return
            menu.addSeparator()
        if not supervisor:
            return
        entries = [
            ("door", self.tr("Door check…"), self.open_door_check),
            ("returns", self.tr("Return unsold tickets…"), self.open_returns),
            ("syncQueue", self.tr("Sync queue…"), self.open_sync_queue),
            ("shift", self.tr("Shift and Z report…"), self.open_shift),
            ("zReports", self.tr("Past Z reports…"), self.open_z_reports),
            ("reports", self.tr("Sales reports…"), self.open_reports),
        ]
        for name, text, slot in entries:
            menu.addAction(text, slot).setObjectName(name)
        menu.addSeparator()
        if not self.training and self.backend.start_training is not None:
            menu.addAction(self.tr("Training mode"), self.enter_training).setObjectName("training")
        if self.backend.no_sale is not None:
            menu.addAction(self.tr("No sale (open drawer)"), self.open_drawer_no_sale).setObjectName("noSale")
        if self.backend.apply_settings is not None:
            menu.addAction(self.tr("Settings…"), self.open_settings).setObjectName("settings")

    def menu_action(self, name: str):
        """The supervisor menu's action called ``name`` (None when this clerk does not have it)."""
        return next((a for a in self.supervisor_menu.actions() if a.objectName() == name), None)

    def _open(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.reload())
        dialog.open()
        return dialog

    def open_returns(self) -> QDialog | None:
        """Return unsold tickets of the current event to the central platform."""
        event_id = self.current_event_id()
        if not self.is_supervisor or not event_id:
            return None
        from boxoffice.ui.returns_dialog import ReturnsDialog

        return self._open(ReturnsDialog(self.backend, self.clerk.name, event_id, self))

    def open_sync_queue(self) -> QDialog | None:
        if not self.is_supervisor:
            return None
        from boxoffice.ui.sync_queue import SyncQueueDialog

        return self._open(SyncQueueDialog(self.backend, self.clerk.name, self))

    def open_shift(self) -> QDialog | None:
        """Open a shift with a float, or close the open one with the cash count and its Z report."""
        if not self.is_supervisor:
            return None
        from boxoffice.services.shifts import current_shift
        from boxoffice.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog

        shift = current_shift(self.backend.read_session_factory)
        if shift is None:
            return self._open(OpenShiftDialog(self.backend, self.clerk, self))
        return self._open(CloseShiftDialog(self.backend, self.clerk, shift, self,
                                           sale_in_progress=self.sale_in_progress))

    def open_z_reports(self) -> QDialog | None:
        """The Z reports of closed shifts, kept in the database, to view, print or save again."""
        if not self.is_supervisor:
            return None
        from boxoffice.ui.shift_dialogs import ShiftHistoryDialog

        return self._open(ShiftHistoryDialog(self.backend, self, actor=self.clerk.name))

    def open_reports(self) -> QDialog | None:
        if not self.is_supervisor:
            return None
        from boxoffice.ui.reports_view import ReportsDialog

        return self._open(ReportsDialog(self.backend, self))

    def sale_in_progress(self) -> bool:
        """A sale is half-done while it is being committed or a cart is waiting to be paid."""
        return self._busy or not self.cart.is_empty()

    # -- training ---------------------------------------------------------------------------------------------

    def enter_training(self) -> None:
        """Supervisor: switch this window to a scratch copy of the store (made in the background)."""
        if not self.is_supervisor or self.training or self.backend.start_training is None:
            return
        if self.sale_in_progress():
            self._show_error(self.tr("Finish or clear the cart before starting training."))
            return
        self.statusBar().showMessage(self.tr("Preparing the training copy…"), 5000)
        run_in_background(self, self.backend.start_training, self._training_ready,
                          lambda exc: self._show_error(self.tr("Could not start training: {error}").format(error=exc)))

    def _training_ready(self, started) -> None:
        training_backend, leave = started
        self._real_backend, self._leave_training = self.backend, leave
        self._switch_backend(training_backend)
        self.banner.hide()
        self.statusBar().showMessage(self.tr("Training started. Practise freely: these sales are not real."), 8000)

    def leave_training(self) -> None:
        """Back to the real store; the training copy and everything sold in it are discarded."""
        if not self.training:
            return
        if self._busy:
            self._show_error(self.tr("Wait for the sale to finish before leaving training."))
            return
        real, leave = self._real_backend, self._leave_training
        self._real_backend = self._leave_training = None
        self.cart = Cart(event_id="")
        self._switch_backend(real)
        try:
            leave()
        except OSError as exc:
            log.warning("training copy not removed: %s", exc)
        self._show_banner(self.tr("Training ended; its practice sales were discarded."), ok=True)

    def _switch_backend(self, backend: Backend) -> None:
        self.backend = backend
        self.status.read_status = backend.sync_status
        self.training_bar.setVisible(backend.training)
        self.setWindowTitle((self.tr("TRAINING") + " · " if backend.training else "") +
                            self.tr("Box office — {office}").format(office=backend.terminal.office_name))
        self.cart.clear()
        self.set_clerk(self.clerk)
        self.reload_events()
        self.status.refresh()

    def open_settings(self) -> SettingsDialog | None:
        """Supervisor only: language and printer, with a test page."""
        backend = self.backend
        if getattr(self.clerk, "role", None) != "supervisor" or backend.apply_settings is None:
            return None
        dialog = SettingsDialog(backend.printer_config or PrinterConfig(), backend.language,
                                backend.data_dir or Path("."), backend.apply_settings, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self) -> None:
        self._build_supervisor_menu()
        self._show_banner(self.tr("Settings saved. A new language shows at the next start."), ok=True)

    def open_door_check(self) -> DoorCheckDialog | None:
        """Supervisor: check tickets at the door, offline, from local data."""
        event_id = self.current_event_id()
        if not event_id or not self.is_supervisor:
            return None
        backend = self.backend
        actor = getattr(self.clerk, "name", None)
        name = self.event_picker.currentText()
        dialog = DoorCheckDialog(name, lambda code: check_ticket(backend.session_factory, code, event_id,
                                                                 actor=actor), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.door_check_opened.emit(dialog)
        dialog.open()
        return dialog

    def open_drawer_no_sale(self) -> None:
        if getattr(self.clerk, "role", None) != "supervisor" or self.backend.no_sale is None:
            return
        try:
            self.backend.no_sale(self.clerk.name)
        except BoxOfficeError as exc:
            self._show_error(self.tr("Could not open the drawer: {error}").format(error=exc))
            return
        self._show_banner(self.tr("Drawer opened (no sale), recorded."), ok=True)

    def reload_events(self) -> None:
        current = self.cart.event_id
        self.events = catalog.list_events(self.backend.read_session_factory)
        self.event_picker.blockSignals(True)
        self.event_picker.clear()
        for event in self.events:
            when = local_time(event.starts_at) if event.starts_at else ""
            self.event_picker.addItem(f"{event.name}  {when}".strip(), event.id)
        self.event_picker.blockSignals(False)
        if not self.events:
            self.event_picker.addItem(self.tr("No events assigned to this office yet"), "")
            self.event_picker.setEnabled(False)
        else:
            self.event_picker.setEnabled(True)
            ids = [e.id for e in self.events]
            self.event_picker.setCurrentIndex(ids.index(current) if current in ids else 0)
        self._event_changed()

    def start_pull(self) -> None:
        """Fetch the inventory from the platform in the background; selling goes on from local data."""
        if self.backend.pull is None:
            return
        self.statusBar().showMessage(self.tr("Fetching the inventory…"), 5000)
        run_in_background(self, self.backend.pull, lambda _reports: self.reload_events(),
                          lambda exc: self.statusBar().showMessage(
                              self.tr("Could not fetch the inventory ({error}); selling from local data.").format(
                                  error=exc), 8000))

    def current_event_id(self) -> str:
        return self.event_picker.currentData() or ""

    def _event_changed(self) -> None:
        event_id = self.current_event_id()
        if event_id != self.cart.event_id:
            self.cart = Cart(event_id=event_id)
        self.reload()
        self.seat_map.fit()

    def reload(self) -> None:
        """Re-read seats, zones and prices of the current event (after a sale, a pull, a scan)."""
        event_id = self.current_event_id()
        rf = self.backend.read_session_factory
        self.products = catalog.products(rf, event_id) if event_id else []
        seats = catalog.seat_map(rf, event_id) if event_id else []
        self.seat_map.show_seats(seats, keep_selected=self.cart.seat_ids)
        available = {s.ticket_id for s in seats if s.state == "available"}
        taken = self.cart.seat_ids - available
        for ticket_id in taken:
            self.cart.remove_seat(ticket_id)
        self._rebuild_zones(catalog.zones(rf, event_id) if event_id else [])
        self.cart_panel.set_cart(self.cart, self.products)

    def seats_changed(self, changes: dict[str, str]) -> None:
        """Seats whose state an operation changed (ticket id -> state): repaint those, no reload."""
        self.seat_map.update_seats(changes)
        for zone, (free, _total) in self.seat_map.zone_counts().items():
            if zone in self.zone_rows:
                self.zone_rows[zone].set_available(free)
        self.cart_panel.set_cart(self.cart, self.products)

    def _rebuild_zones(self, zones: list[ZoneInfo]) -> None:
        while self.zone_box.count():
            widget = self.zone_box.takeAt(0).widget()
            if widget is not None:
                widget.hide()  # gone from sight now; deleted when the event loop comes round
                widget.deleteLater()
        self.zone_rows: dict[str, ZoneQuickSell] = {}
        for zone in zones:
            row = ZoneQuickSell(zone, self._zone_product(zone.zone), self.money, self)
            row.add.connect(self._add_zone_quantity)
            self.zone_box.addWidget(row)
            self.zone_rows[zone.zone] = row
        family = next((p for p in self.products if p.kind == "family_pass"), None)
        self.family_button.setVisible(family is not None)
        if family is not None:
            self.family_button.setText(self.tr("{name} ({n} tickets) · {price}").format(
                name=family.name, n=family.tickets_per_unit, price=self.money.format(family.price_cents)))

    def _zone_product(self, zone: str) -> ProductInfo | None:
        return next((p for p in self.products if p.kind == "ticket" and p.zone == zone), None)

    # -- cart ------------------------------------------------------------------------------------------------

    def _seats_selected(self, ticket_ids: list[str]) -> None:
        selected = set(ticket_ids)
        for ticket_id in self.cart.seat_ids - selected:
            self.cart.remove_seat(ticket_id)
        for ticket_id in sorted(selected - self.cart.seat_ids):
            seat = self.seat_map.seat(ticket_id)
            product = self._zone_product(seat.zone)
            if product is None:
                self.statusBar().showMessage(self.tr("Zone {zone} has no price; pull the inventory").format(
                    zone=seat.zone), 5000)
                continue
            label = f"{seat.row}-{seat.seat_id}" if seat.row else seat.seat_id
            self.cart.add_seat(product, ticket_id, label)
        self.cart_panel.refresh()

    def _cart_changed(self) -> None:
        self.seat_map.set_selected(self.cart.seat_ids)

    def _add_zone_quantity(self, zone: str, quantity: int) -> None:
        product = self._zone_product(zone)
        if product is None:
            return
        already = sum(r.quantity for r in self.cart.rows if r.zone == zone and not r.ticket_ids)
        if already + quantity > self.zone_rows[zone].available:
            self.statusBar().showMessage(self.tr("Only {n} left in {zone}").format(
                n=self.zone_rows[zone].available, zone=zone), 5000)
            return
        self.cart.add_quantity(product, zone, quantity)
        self.cart_panel.refresh()

    def _add_family_pass(self) -> None:
        family = next((p for p in self.products if p.kind == "family_pass"), None)
        if family is None:
            return
        self.cart.add_quantity(family, family.zone, 1)
        self.cart_panel.refresh()

    # -- paying ----------------------------------------------------------------------------------------------

    def pay(self) -> None:
        if self._busy or self.cart.is_empty():
            return
        dialog = PaymentDialog(self.cart.total_cents, self.money, self)
        if dialog.exec() != PaymentDialog.DialogCode.Accepted:
            return
        self.complete_sale(dialog.payments)

    def complete_sale(self, payments) -> None:
        """Commit the sale in the background; the window stays responsive."""
        try:
            request = SaleRequest(event_id=self.cart.event_id, lines=self.cart.lines(), payments=tuple(payments),
                                  clerk_id=getattr(self.clerk, "id", None))
        except BoxOfficeError as exc:
            self._show_error(str(exc))
            return
        self._busy = True
        self.cart_panel.pay_button.setEnabled(False)
        backend = self.backend
        run_in_background(self, lambda: sell(backend.session_factory, backend.terminal, request),
                          self._sale_done, self._sale_failed)

    def comp(self) -> None:
        """Supervisor: issue the cart free of charge, with a reason and a recipient."""
        if self._busy or self.cart.is_empty() or not self.is_supervisor:
            return
        dialog = CompDialog(self.cart.ticket_count, self.money.format(self.cart.total_cents), self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        reason, recipient = dialog.values
        self.complete_comp(reason, recipient)

    def complete_comp(self, reason: str, recipient: str) -> None:
        try:
            request = SaleRequest(event_id=self.cart.event_id, lines=self.cart.lines(), payments=(),
                                  clerk_id=getattr(self.clerk, "id", None), customer_name=recipient,
                                  comp_reason=reason)
        except BoxOfficeError as exc:
            self._show_error(str(exc))
            return
        self._busy = True
        self.cart_panel.pay_button.setEnabled(False)
        self.cart_panel.comp_button.setEnabled(False)
        backend = self.backend
        run_in_background(self, lambda: sell(backend.session_factory, backend.terminal, request),
                          self._sale_done, self._sale_failed)

    def _sale_done(self, result: SaleResult) -> None:
        self._busy = False
        self.cart.clear()
        self.seats_changed({t.ticket_id: "sold" for t in result.tickets})
        self.backend.wake_sync()
        change = self.tr(" · Change {amount}").format(amount=self.money.format(result.change_cents)) \
            if result.change_cents else ""
        if result.total_cents == 0 and not result.payments:
            message = self.tr("Comp {code}: {n} tickets issued free of charge.").format(
                code=result.purchase_code, n=len(result.tickets))
        else:
            message = self.tr("Sold {code}: {n} tickets, {total}{change}.").format(
                code=result.purchase_code, n=len(result.tickets), total=self.money.format(result.total_cents),
                change=change)
        if self.backend.printing_ready() and self.backend.print_sale is not None:
            try:
                self.backend.print_sale(result.purchase_code,
                                        cash=any(p.method == "cash" for p in result.payments))
            except BoxOfficeError as exc:
                message += " " + self.tr("Printing failed ({error}); the sale is kept, reprint it later.").format(
                    error=exc)
        else:
            message += " " + self.tr("Printing is not set up yet; the tickets can be printed later.")
        self._show_banner(message, ok=True)
        self.sale_completed.emit(result)
        self.seat_map.setFocus()

    def _sale_failed(self, exc: Exception) -> None:
        self._busy = False
        if isinstance(exc, SeatNotAvailable):
            self.reload()  # drops the taken seats from the cart and shows them sold
            text = self.tr("Seat just taken by another sale; nothing was sold. Pick other seats. ({error})").format(
                error=exc)
        elif isinstance(exc, BoxOfficeError):
            text = self.tr("Not sold: {error}").format(error=exc)
        else:
            log.error("sale failed unexpectedly: %r", exc)
            text = self.tr("Not sold: unexpected error ({error}); nothing was recorded.").format(error=exc)
        self._show_error(text)
        self.sale_failed.emit(text)

    def _show_banner(self, text: str, ok: bool) -> None:
        self.banner.setText(text)
        self.banner.setProperty("kind", "ok" if ok else "error")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def _show_error(self, text: str) -> None:
        self._show_banner(text, ok=False)
        self.cart_panel.refresh()

    # -- scanner ---------------------------------------------------------------------------------------------

    def handle_scan(self, code: str) -> None:
        """A ticket or purchase code opens that sale (reprint and void come with supervisor tools); anything
        else is taken as a clerk's badge and signs that clerk in."""
        try:
            sale = catalog.find_sale(self.backend.read_session_factory, code)
        except InvalidCode:
            self._badge_sign_in(code)
            return
        if sale is None:
            self._show_error(self.tr("Code {code} was not sold at this terminal").format(code=code))
            return
        self.open_sale(sale)

    def open_sale(self, sale) -> SaleDialog:
        backend = self.backend
        reprint = None
        if backend.printing_ready() and backend.print_sale is not None:
            print_sale = backend.print_sale

            def reprint(code: str) -> None:
                print_sale(code, reprint=True)

        def void(code: str, reason: str, actor: str | None = None) -> object:
            result = void_sale(backend.session_factory, backend.terminal, code, reason,
                               actor=actor or getattr(self.clerk, "name", None))
            backend.wake_sync()  # a delivered sale's cancellation goes out now, not at the next poll
            return result

        dialog = SaleDialog(sale, self.money, reprint=reprint, void=void, parent=self,
                            session_factory=backend.session_factory)
        dialog.voided.connect(lambda _code: self.reload())
        dialog.seats_freed.connect(lambda _code: self.reload())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _badge_sign_in(self, code: str) -> None:
        from boxoffice.services.clerks import sign_in_badge

        factory = self.backend.session_factory
        run_in_background(self, lambda: sign_in_badge(factory, code), self._badge_done, self._badge_failed)

    def _badge_done(self, clerk) -> None:
        self.set_clerk(clerk)
        self._show_banner(self.tr("{name} signed in").format(name=clerk.name), ok=True)

    def _badge_failed(self, exc: Exception) -> None:
        self._show_error(self.tr("Scanned code is neither a ticket nor a known badge: {error}").format(error=exc))
