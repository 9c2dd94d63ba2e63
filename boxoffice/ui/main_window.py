"""The clerk's main window: event picker, seat map, zone quick-sell, cart, payment, sync status.

The window never waits: every read, sale, print and pull goes through the operation runner
(:mod:`boxoffice.ui.operations`) calling the typed facades, and the window updates from the change hub — a sale
repaints its seats, a pull re-reads the event, nothing reloads every seat and nothing polls. After a sale the cart
is empty and the focus is back where the next customer starts.
"""

from __future__ import annotations

import dataclasses
import html
import logging
from pathlib import Path

from boxoffice.config import PrinterConfig
from boxoffice.core.errors import BoxOfficeError, InvalidCode, SeatNotAvailable
from boxoffice.core.permissions import Action, allowed
from boxoffice.core.seats import seat_number
from boxoffice.facades.sales import EventView, event_timing
from boxoffice.services.best_available import NoSeatsTogether
from boxoffice.services.cart import Cart
from boxoffice.services.catalog import EventSummary, ProductInfo, ZoneInfo
from boxoffice.services.checkin import check_ticket
from boxoffice.services.sales import SaleRequest, SaleResult
from boxoffice.ui.activate_dialog import ActivateDialog
from boxoffice.ui.backend import Backend
from boxoffice.ui.cart_panel import CartPanel
from boxoffice.ui.comp_dialog import CompDialog
from boxoffice.ui.door_check import DoorCheckDialog
from boxoffice.ui.error_text import describe, modal_in_front, present_text
from boxoffice.ui.payment import PaymentDialog
from boxoffice.ui.qt import (
    QComboBox,
    QDateTime,
    QDialog,
    QFrame,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLocale,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QShortcut,
    QSpinBox,
    QSplitter,
    Qt,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.seat_map import SeatMap
from boxoffice.ui.settings_dialog import SettingsDialog
from boxoffice.ui.shift_status import ShiftGate
from boxoffice.ui.status_bar import SyncStatusBar, local_time
from boxoffice.ui.unprinted_offer import UnprintedOffer
from boxoffice.ui.window_context import WindowContext, window_context

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
        self._has_product = product is not None
        layout.addWidget(self.button)
        self.button.clicked.connect(lambda: self.add.emit(self.zone, self.quantity.value()))
        self._price = price
        self.set_available(zone.available)

    def set_available(self, available: int) -> None:
        self.available = available
        self.button.setEnabled(self._has_product and available > 0)
        detail = self.tr("{price} · %n left", "", available).format(price=self._price)
        self.label.setText(f"<b>{html.escape(self.zone)}</b><br>{html.escape(detail)}")
        self.quantity.setMaximum(max(1, min(50, available)))


class MainWindow(QMainWindow):
    sale_completed = Signal(object)  # SaleResult
    event_shown = Signal(str)  # the event whose seats, zones and prices are now on screen
    printed = Signal(str, str)  # purchase code, "" when printed or the error text
    sale_failed = Signal(str)
    sign_out_requested = Signal()
    door_check_opened = Signal(object)  # the DoorCheckDialog, so scans can be routed to it
    shift_dialog_opened = Signal(object)  # the open- or close-shift dialog, once the open shift is read
    staff_dialog_opened = Signal(object)  # the StaffDialog, so badge swipes can be routed to it

    def __init__(self, backend: Backend, clerk=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.backend = backend
        self.ctx: WindowContext = window_context(backend)
        self.clerk = clerk
        self.money = backend.money
        self.events: list[EventSummary] = []
        self.products: list[ProductInfo] = []
        self.cart = Cart(event_id="")
        self._busy = False
        self._door_events: set[str] = set()  # events whose door entries sync in the background
        self._door_timer: QTimer | None = None
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
        self.cart_panel = CartPanel(self.money, split, ctx=self.ctx)
        split.addWidget(left)
        split.addWidget(self.cart_panel)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        outer.addWidget(split, 1)
        self.sale_area = split
        self.door_area = self._door_area(central)  # what a door clerk sees instead of the seats and the cart
        outer.addWidget(self.door_area, 1)
        self.setCentralWidget(central)

        self.status = SyncStatusBar(lambda: self.ctx.facades.sync.status(), backend.terminal.office_name, self,
                                    hub=self.ctx.hub, runner=self.ctx.runner)
        self.setStatusBar(self.status)
        self.shift_gate = ShiftGate(self)  # the open shift in the status bar; asked for at the first sale

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
        self.zone_rows: dict[str, ZoneQuickSell] = {}
        self._shown_event = ""  # the event whose seats the map shows
        hub = self.ctx.hub
        hub.seats_changed.connect(self._hub_seats_changed)
        hub.inventory_changed.connect(self.reload_events)
        hub.platform_changed.connect(self._platform_answered)
        self.set_clerk(clerk)
        self.reload_events()
        # tickets no printer confirmed (#19): offered for reprint now, and again whenever a printer stops part way
        self.unprinted = UnprintedOffer(self, self.ctx, done=lambda text: text and self._show_error(text))
        self.unprinted.at_start()

    # -- data ------------------------------------------------------------------------------------------------

    def set_clerk(self, clerk) -> None:
        self.clerk = clerk
        self.switch_button.setText(self.tr("{name} ⇄").format(name=clerk.name) if clerk else self.tr("Sign in"))
        self._build_supervisor_menu()
        sells = self.may(Action.sell) or clerk is None  # no clerk: the smoke test's window
        for widget in (self.sale_area, self.zoom_out, self.zoom_in, self.zoom_fit):
            widget.setVisible(sells)
        self.door_area.setVisible(not sells)

    def may(self, action: Action) -> bool:
        """Whether the signed-in clerk's role allows ``action`` (core/permissions; the services check again)."""
        return allowed(getattr(self.clerk, "role", None), action)

    def _door_area(self, parent: QWidget) -> QWidget:
        area = QFrame(parent)
        area.setObjectName("doorArea")
        layout = QVBoxLayout(area)
        layout.addStretch(1)
        text = QLabel(self.tr("You are signed in for the door: scan the tickets, or open the door check."), area)
        text.setObjectName("panelTitle")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(text)
        self.door_button = QPushButton(self.tr("Door check…"), area)
        self.door_button.setObjectName("doorCheckButton")
        self.door_button.setMinimumHeight(72)
        self.door_button.setAutoDefault(False)
        self.door_button.clicked.connect(self.open_door_check)
        layout.addWidget(self.door_button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        area.hide()
        return area

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
        self.cart_panel.set_seller_role(getattr(self.clerk, "role", None))
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
            ("staff", self.tr("Staff…"), self.open_staff),
        ]
        if self.may(Action.batches):
            entries.insert(2, ("batches", self.tr("Offline sales batches…"), self.open_batches))
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
        dialog.open()  # what it changes reaches the window through the change hub
        return dialog

    def open_returns(self) -> QDialog | None:
        """Return unsold tickets of the current event to the central platform."""
        event_id = self.current_event_id()
        if not self.is_supervisor or not event_id:
            return None
        from boxoffice.ui.returns_dialog import ReturnsDialog

        return self._open(ReturnsDialog(self.backend, self.clerk.name, event_id, self))

    def open_batches(self) -> QDialog | None:
        """Ask the platform for pre-generated tickets to print ahead, follow the job, save a batch's PDF."""
        if not self.may(Action.batches):
            return None
        from boxoffice.ui.batches_dialog import BatchesDialog

        return self._open(BatchesDialog(self.ctx, self, event_id=self.current_event_id()))

    def open_sync_queue(self) -> QDialog | None:
        if not self.is_supervisor:
            return None
        from boxoffice.ui.sync_queue import SyncQueueDialog

        return self._open(SyncQueueDialog(self.backend, self.clerk.name, self))

    def open_shift(self) -> None:
        """Open a shift with a float, or close the open one with the cash count and its Z report (the open
        shift is read first, off the GUI thread; ``shift_dialog_opened`` gives the dialog)."""
        if not self.is_supervisor:
            return
        self.ctx.runner.read(self, self.ctx.facades.shifts.current, success=self._show_shift_dialog)

    def _show_shift_dialog(self, shift) -> None:
        from boxoffice.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog

        if shift is None:
            dialog = self._open(OpenShiftDialog(self.backend, self.clerk, self))
        else:
            dialog = self._open(CloseShiftDialog(self.backend, self.clerk, shift, self,
                                                 sale_in_progress=self.sale_in_progress))
        self.shift_dialog_opened.emit(dialog)

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
        self.ctx.runner.write(self, self.backend.start_training, success=self._training_ready,
                              failure=lambda exc: self._show_error(self.tr("Could not start training: {error}").format(
                                  error=describe(exc, self.money))))

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
        # training keeps the window's runner and hub, with facades over the scratch store
        real = self._real_backend or backend
        self.backend = backend
        self.ctx = window_context(backend, share=window_context(real) if backend is not real else None)
        self.cart_panel.ctx = self.ctx  # discount approvals are checked against this store's supervisors
        self.training_bar.setVisible(backend.training)
        self.setWindowTitle((self.tr("TRAINING") + " · " if backend.training else "") +
                            self.tr("Box office — {office}").format(office=backend.terminal.office_name))
        self.cart.clear()
        self.set_clerk(self.clerk)
        self.reload_events()
        self.status.refresh()  # reads through self.ctx: the training copy's queue while training
        self.shift_gate.refresh()

    def open_settings(self) -> SettingsDialog | None:
        """Supervisor only: language and printer, with a test page."""
        backend = self.backend
        if getattr(self.clerk, "role", None) != "supervisor" or backend.apply_settings is None:
            return None
        apply, actor = backend.apply_settings, self.clerk  # the service checks the actor's role again

        def save(printer: PrinterConfig, language: str) -> None:
            apply(printer, language, actor)

        dialog = SettingsDialog(backend.printer_config or PrinterConfig(), backend.language,
                                backend.data_dir or Path("."), save, self, ctx=self.ctx)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._settings_saved)
        dialog.open()
        return dialog

    def _settings_saved(self) -> None:
        self._build_supervisor_menu()
        self._show_banner(self.tr("Settings saved. A new language shows at the next start."), ok=True)

    def open_door_check(self) -> DoorCheckDialog | None:
        """Check tickets at the door, offline, from local data (every role may; a door clerk only this)."""
        event_id = self.current_event_id()
        if not event_id or not self.may(Action.door_check):
            return None
        backend = self.backend
        actor = getattr(self.clerk, "name", None)
        name = self.event_picker.currentText()
        door_sync, scan_point = backend.door_sync, backend.door_scan_point or None
        dialog = DoorCheckDialog(name, lambda code: check_ticket(backend.session_factory, code, event_id,
                                                                 actor=actor, scan_point=scan_point),
                                 self.ctx.runner, self, scan_point=scan_point or "",
                                 refresh=(lambda: door_sync(event_id)) if door_sync is not None else None,
                                 refresh_seconds=backend.door_sync_seconds)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if door_sync is not None:  # the entries admitted go up even once the door check is closed
            dialog.finished.connect(lambda *_: self._door_sync_in_background(event_id))
        self.door_check_opened.emit(dialog)
        dialog.open()
        return dialog

    def _door_sync_in_background(self, event_id: str) -> None:
        """After a door check closes: one door sync round now, then every ``[door] sync_seconds`` while the
        window is up, on the network thread (entries admitted offline reach the central and the other doors'
        come down without the dialog being open). A failed round is logged and retried at the next tick."""
        door_sync = self.backend.door_sync
        if door_sync is None:
            return
        self._door_events.add(event_id)
        timer = self._door_timer
        if timer is None:
            timer = self._door_timer = QTimer(self)
            timer.timeout.connect(self._door_sync_round)
        timer.start(max(5, int(self.backend.door_sync_seconds)) * 1000)
        self._door_sync_round()

    def _door_sync_round(self) -> None:
        door_sync = self.backend.door_sync
        for event_id in sorted(self._door_events):
            if door_sync is not None:
                self.ctx.runner.network(self, lambda event_id=event_id: door_sync(event_id),
                                        failure=lambda exc: log.warning("door sync in the background: %s", exc))

    def open_staff(self) -> QDialog | None:
        """The staff screen, after the supervisor's PIN again (staff changes are journaled under whoever typed
        it); ``staff_dialog_opened`` gives the screen once it is open."""
        if not self.may(Action.staff):
            return None
        from boxoffice.ui.supervisor_pin import SupervisorPinDialog

        prompt = SupervisorPinDialog(self.ctx, self.tr("Manage the staff: add, edit and deactivate clerks, reset "
                                                       "PINs, enrol badges."), self)
        prompt.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        prompt.accepted.connect(lambda: self._show_staff(prompt.supervisor))
        prompt.open()
        return prompt

    def _show_staff(self, supervisor) -> QDialog | None:
        if supervisor is None:
            return None
        from boxoffice.ui.staff_dialog import StaffDialog

        dialog = self._open(StaffDialog(self.ctx, supervisor, self))
        self.staff_dialog_opened.emit(dialog)
        return dialog

    def open_drawer_no_sale(self) -> None:
        if getattr(self.clerk, "role", None) != "supervisor" or self.backend.no_sale is None:
            return
        no_sale, actor = self.backend.no_sale, self.clerk.name
        self.ctx.runner.device(
            self, lambda: no_sale(actor),
            success=lambda _r: self._show_banner(self.tr("Drawer opened (no sale), recorded."), ok=True),
            failure=lambda exc: self._show_error(self.tr("Could not open the drawer: {error}").format(
                error=describe(exc, self.money))))

    def reload_events(self) -> None:
        """Read the events (off the GUI thread), then show them and the chosen one's seats."""
        self.ctx.runner.read(self, self.ctx.facades.sales.events, success=self._show_events)

    def _show_events(self, events: list[EventSummary]) -> None:
        current = self.cart.event_id
        self.events = events
        self.event_picker.blockSignals(True)
        self.event_picker.clear()
        for event in self.events:
            when = local_time(event.starts_at) if event.starts_at else ""
            timing = event_timing(event.starts_at)
            mark = {"started": self.tr(" · started"), "held": self.tr(" · already held")}.get(timing, "")
            self.event_picker.addItem(f"{event.name}  {when}".strip() + mark, event.id)
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
        # the hub's inventory_changed re-reads the events when the pull is merged
        self.ctx.runner.network(self, self.ctx.facades.sync.pull, failure=lambda exc: self.statusBar().showMessage(
            self.tr("Could not fetch the inventory ({error}); selling from local data.").format(
                error=describe(exc, self.money)), 8000))

    def current_event_id(self) -> str:
        return self.event_picker.currentData() or ""

    def _event_changed(self) -> None:
        event_id = self.current_event_id()
        if event_id != self.cart.event_id:
            self.cart = Cart(event_id=event_id)
        self.reload()

    def reload(self) -> None:
        """Read seats, zones and prices of the current event off the GUI thread (a new event, F5, a pull); a
        sale, void or return updates only its seats through the hub instead."""
        event_id = self.current_event_id()
        self.ctx.runner.read(self, lambda: self.ctx.facades.sales.event_view(event_id), success=self._show_event)

    def _show_event(self, view: EventView) -> None:
        if view.event_id != self.current_event_id():
            return  # the clerk picked another event meanwhile; its own read is on its way
        fresh = view.event_id != self._shown_event
        self._shown_event = view.event_id
        self.products = view.products
        self.seat_map.show_seats(view.seats, keep_selected=self.cart.seat_ids)
        available = {s.ticket_id for s in view.seats if s.state == "available"}
        for ticket_id in self.cart.seat_ids - available:
            self.cart.remove_seat(ticket_id)
        self._rebuild_zones(view.zones)
        self.cart_panel.set_cart(self.cart, self.products)
        if fresh:  # a new event opens at touch-sized seats; a reload keeps the clerk's view
            self.seat_map.reset_view()
        self.event_shown.emit(view.event_id)

    def _platform_answered(self, codes: tuple[str, ...]) -> None:
        """The platform confirmed a void or refused a seat: re-read just those sales' seats."""
        sales = self.ctx.facades.sales
        for code in codes:
            self.ctx.runner.read(self, lambda code=code: sales.seat_states(code),
                                 success=lambda changes: self._hub_seats_changed(changes.event_id or "",
                                                                                 dict(changes.seats)))

    def _hub_seats_changed(self, event_id: str, seats: dict[str, str]) -> None:
        if event_id == self._shown_event:
            self.seats_changed(seats)

    def seats_changed(self, changes: dict[str, str]) -> None:
        """Seats whose state an operation changed (ticket id -> state): repaint those, no reload."""
        self.seat_map.update_seats(changes)
        for ticket_id, state in changes.items():
            if state != "available" and ticket_id in self.cart.seat_ids:
                self.cart.remove_seat(ticket_id)  # taken meanwhile (another window, a return)
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
            self.family_button.setText(self.tr("{name} (%n tickets) · {price}", "", family.tickets_per_unit).format(
                name=family.name, price=self.money.format(family.price_cents)))

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
            number = seat_number(seat.seat_id)  # "Fila A butaca 6", never the platform's code "A-PRE6"
            label = (self.tr("Row {row} seat {seat}").format(row=seat.row, seat=number) if seat.row
                     else self.tr("Seat {seat}").format(seat=number))
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
            self.statusBar().showMessage(self.tr("Only %n left in {zone}", "", self.zone_rows[zone].available).format(
                zone=zone), 5000)
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
        if not self.may(Action.sell) and self.clerk is not None:
            return
        if self._busy or self.cart.is_empty() or self.shift_gate.ask_first(self.pay):
            return
        self._confirm_event_date(self._pay_now)

    def _pay_now(self) -> None:
        dialog = PaymentDialog(self.cart.total_cents, self.money, self)
        if dialog.exec() != PaymentDialog.DialogCode.Accepted:
            return
        self.complete_sale(dialog.payments)

    def complete_sale(self, payments) -> None:
        """Commit the sale in the background; the window stays responsive."""
        try:
            request = SaleRequest(event_id=self.cart.event_id, lines=self.cart.lines(), payments=tuple(payments),
                                  clerk_id=getattr(self.clerk, "id", None),
                                  discount_approved_by=self.cart.discount_approved_by)
        except BoxOfficeError as exc:
            self._show_error(describe(exc, self.money))
            return
        self._busy = True
        self.cart_panel.pay_button.setEnabled(False)
        self._submit_sale(request)

    def comp(self) -> None:
        """Supervisor: issue the cart free of charge, with a reason and a recipient."""
        if self._busy or self.cart.is_empty() or not self.is_supervisor or self.shift_gate.ask_first(self.comp):
            return
        self._confirm_event_date(self._comp_now)

    def _comp_now(self) -> None:
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
            self._show_error(describe(exc, self.money))
            return
        self._busy = True
        self.cart_panel.pay_button.setEnabled(False)
        self.cart_panel.comp_button.setEnabled(False)
        self._submit_sale(request)

    def _submit_sale(self, request: SaleRequest) -> None:
        """Commit on the writer thread; the hub repaints the sold seats before ``_sale_done`` runs."""
        sales = self.ctx.facades.sales
        self.ctx.runner.write(self, lambda: sales.sell(request), success=lambda done: self._sale_done(done.value),
                              failure=lambda exc: self._sale_failed(exc, request))

    def _sale_done(self, result: SaleResult) -> None:
        self._busy = False
        self.cart.clear()
        self.cart_panel.set_cart(self.cart, self.products)
        change = self.tr(" · Change {amount}").format(amount=self.money.format(result.change_cents)) \
            if result.change_cents else ""
        if result.total_cents == 0 and not result.payments:
            message = self.tr("Comp {code}: %n tickets issued free of charge.", "", len(result.tickets)).format(
                code=result.purchase_code)
        else:
            message = self.tr("Sold {code}: %n tickets, {total}{change}.", "", len(result.tickets)).format(
                code=result.purchase_code, total=self.money.format(result.total_cents),
                change=change)
        printing = self.ctx.facades.printing
        if printing.ready and printing.print_sale is not None:
            self._print_sale(printing.print_sale, result, message)
            message += " " + self.tr("Printing…")
        else:
            message += " " + self.tr("Printing is not set up yet; the tickets can be printed later.")
        self._show_banner(message, ok=True)
        self.sale_completed.emit(result)
        self.seat_map.setFocus()

    def _print_sale(self, print_sale, result: SaleResult, sold_text: str) -> None:
        """Tickets and receipt on the device thread: a printer that is off never holds the window or the next
        sale; the clerk is told when it printed or why it did not."""
        code, cash = result.purchase_code, any(p.method == "cash" for p in result.payments)

        def printed(_result: object) -> None:
            if self.banner.text().startswith(sold_text):
                self._show_banner(sold_text + " " + self.tr("Printed."), ok=True)
            self.printed.emit(code, "")

        def failed(exc: Exception) -> None:
            text = self.tr("Printing {code} failed ({error}); the sale is kept, reprint it later.").format(
                code=code, error=describe(exc, self.money))
            self._show_error(text)
            self.printed.emit(code, text)
            self.unprinted.after_failure(code, exc)  # a printer that stopped at ticket 3: reprint 3-5

        self.ctx.runner.device(self, lambda: print_sale(code, cash=cash), success=printed, failure=failed)

    def _sale_failed(self, exc: Exception, request: SaleRequest | None = None) -> None:
        self._busy = False
        if request is not None and self.shift_gate.offer(exc, lambda: self._submit_again(request)):
            return  # no shift open after all: the clerk opens one, then the same sale goes again
        if isinstance(exc, NoSeatsTogether) and request is not None and not request.allow_split:
            self._offer_split(exc, request)
            return
        if isinstance(exc, SeatNotAvailable):
            if exc.ticket_ids:  # only those seats: the cart drops them now, the map shows what took them
                for ticket_id in exc.ticket_ids:
                    self.cart.remove_seat(ticket_id)
                self.cart_panel.set_cart(self.cart, self.products)
                self.ctx.runner.read(self, lambda: self.ctx.facades.sales.states_of(exc.ticket_ids),
                                     success=self.seats_changed)
            else:
                self.reload()
            text = self.tr("Seat just taken by another sale; nothing was sold. Pick other seats. ({error})").format(
                error=describe(exc, self.money))
        elif isinstance(exc, BoxOfficeError):
            text = self.tr("Not sold: {error}").format(error=describe(exc, self.money))
        else:
            log.error("sale failed unexpectedly: %r", exc)
            text = self.tr("Not sold: unexpected error ({error}); nothing was recorded.").format(error=exc)
        self._show_error(text)
        self.sale_failed.emit(text)

    def _confirm_event_date(self, proceed) -> None:
        """An event that began or took place already: the clerk confirms, seeing the date, before paying."""
        event = next((e for e in self.events if e.id == self.cart.event_id), None)
        timing = event_timing(event.starts_at) if event is not None else "upcoming"
        if timing == "upcoming":
            proceed()
            return
        start = QDateTime.fromSecsSinceEpoch(int(event.starts_at.timestamp())).toLocalTime()
        locale = QLocale()
        date = locale.toString(start.date(), QLocale.FormatType.LongFormat)
        time = locale.toString(start.time(), "HH:mm")
        told = self.tr("{event} began on {date} at {time}.") if timing == "started" else \
            self.tr("{event} took place on {date} at {time}.")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Event already started") if timing == "started"
                          else self.tr("Past event"),
                          told.format(event=event.name, date=date, time=time) + "\n"
                          + self.tr("Sell tickets for it anyway?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("pastEvent")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._busy = True  # one question at a time: F12 again does not open a second one

        def answered() -> None:
            self._busy = False
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                proceed()

        box.finished.connect(lambda _result: answered())
        box.open()

    def _submit_again(self, request: SaleRequest) -> None:
        self._busy = True
        self._submit_sale(request)

    def _offer_split(self, exc: NoSeatsTogether, request: SaleRequest) -> None:
        """No row has the party side by side: the clerk is told and may sell the same cart with seats apart."""
        told = self.tr("No %n seats together in {zone}.", "", exc.count).format(zone=exc.zone)
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Seats not together"),
                          told + "\n" + self.tr("Sell them apart, in different places?"),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("splitSeats")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._busy = True  # the same cart is still on its way: no second sale while the clerk decides

        def answered() -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self._submit_sale(dataclasses.replace(request, allow_split=True))
                return
            self._busy = False
            text = told + " " + self.tr("Nothing was sold: choose seats on the map, or fewer tickets.")
            self._show_error(text)
            self.sale_failed.emit(text)

        box.finished.connect(lambda _result: answered())
        box.open()

    def _show_banner(self, text: str, ok: bool) -> None:
        self.banner.setText(text)
        self.banner.setProperty("kind", "ok" if ok else "error")
        self.banner.style().unpolish(self.banner)
        self.banner.style().polish(self.banner)
        self.banner.show()

    def _show_error(self, text: str) -> None:
        self._show_banner(text, ok=False)
        self.cart_panel.refresh()
        if modal_in_front(self) is not None:  # the banner is behind a dialog: say it over the dialog too
            present_text(self, text)

    # -- scanner ---------------------------------------------------------------------------------------------

    def handle_scan(self, code: str) -> None:
        """A ticket or purchase code opens that sale (reprint and void come with supervisor tools); anything
        else is taken as a clerk's badge and signs that clerk in. A door clerk's scan is checked at the door."""
        if self.clerk is not None and not self.may(Action.sell):
            dialog = self.open_door_check()
            if dialog is not None:
                dialog.check(code)
            return
        def found(sale) -> None:
            if sale is None:
                self._offer_activation(code, lambda: self._show_error(
                    self.tr("Code {code} was not sold at this terminal").format(code=code)))
            else:
                self.open_sale(sale)

        def not_a_ticket(exc: Exception) -> None:
            if isinstance(exc, InvalidCode):  # another scheme's barcode may be a batch's ticket, else a badge
                self._offer_activation(code, lambda: self._badge_sign_in(code))
            else:
                self._show_error(describe(exc, self.money))

        self.ctx.runner.read(self, lambda: self.ctx.facades.sales.find_sale(code), success=found,
                             failure=not_a_ticket)

    def _offer_activation(self, code: str, otherwise) -> None:
        """A pre-generated ticket not yet activated opens the activate dialog (clerks who sell); else ``otherwise``."""
        if not self.may(Action.sell):
            otherwise()
            return
        sales = self.ctx.facades.sales

        def failed(exc: Exception) -> None:
            log.warning("pre-generated ticket lookup of %s failed: %r", code, exc)
            otherwise()

        self.ctx.runner.read(self, lambda: sales.find_pregenerated(code),
                             success=lambda ticket: self.open_activation(ticket) if ticket else otherwise(),
                             failure=failed)

    def open_activation(self, ticket) -> ActivateDialog:
        dialog = ActivateDialog(ticket, self.ctx, actor=getattr(self.clerk, "name", None), parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def open_sale(self, sale) -> SaleDialog:
        backend = self.backend
        ctx = self.ctx
        reprint = None
        printing = ctx.facades.printing
        if printing.ready and printing.print_sale is not None:
            print_sale = printing.print_sale

            def reprint(code: str) -> None:
                print_sale(code, reprint=True)

        def void(code: str, reason: str, actor: str | None = None) -> object:
            """Runs off the GUI thread: the void (which wakes delivery), then its seats to the hub."""
            done = ctx.facades.sales.void(code, reason, actor=actor or getattr(self.clerk, "name", None))
            ctx.hub.publish(done.changes)
            return done.value

        dialog = SaleDialog(sale, ctx, reprint=reprint, void=void, parent=self,
                            session_factory=backend.session_factory)
        # a platform-confirmed void frees the seats: re-read just that sale's seats
        dialog.seats_freed.connect(lambda code: ctx.runner.read(
            self, lambda: ctx.facades.sales.seat_states(code), success=lambda changes: ctx.hub.publish(changes)))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def _badge_sign_in(self, code: str) -> None:
        clerks = self.ctx.facades.clerks
        self.ctx.runner.write(self, lambda: clerks.sign_in_badge(code), success=self._badge_done,
                              failure=self._badge_failed)

    def _badge_done(self, clerk) -> None:
        self.set_clerk(clerk)
        self._show_banner(self.tr("{name} signed in").format(name=clerk.name), ok=True)

    def _badge_failed(self, exc: Exception) -> None:
        if getattr(exc, "code", None) == "badge_unknown":  # a misread ticket or a stranger's badge: one sentence
            self._show_error(self.tr("Scanned code is neither a ticket nor a known badge."))
            return
        self._show_error(self.tr("Scanned code is neither a ticket nor a known badge: {error}").format(
            error=describe(exc, self.money)))
