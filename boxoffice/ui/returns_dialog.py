"""Returning unsold tickets of an event to the central platform (a supervisor tool): :class:`ReturnsDialog`.

Left, the choice: a whole zone, a seat range (zone, optionally a row, seat numbers from/to) or every unsold
ticket of the event, with a live preview "N tickets: seats …" that counts only unsold tickets and says which
sold seats it skips. "Return…" shows a confirmation with the count and the seats; confirming makes them
unsellable at once and queues the unassign (``SalesFacade.return_tickets`` on the operation runner's writer
thread, journaled with the supervisor as actor) and wakes the delivery worker. Right, the returns of the event with
what the platform said: queued, confirmed at HH:MM, or refused with its reason; under them, the one message of the
return just made, which follows that return's row (waiting, then confirmed or refused) as the history is read
again, so it never says "waiting" beside a confirmation. The message and Close sit in the right column: the
choice on the left keeps its full height at 1024x768 whatever the message says.

Every read goes through the runner's read pool; nothing polls: the history is read again when the change hub says
the outbox moved (a delivery round, this dialog's own return), the zones and the preview when seats of the event
changed (a sale at the window, a pull).

The caller gates it: open it only for a signed-in supervisor or after :func:`ask_supervisor`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from boxoffice.core.errors import SeatNotAvailable
from boxoffice.facades.results import Changed
from boxoffice.services.catalog import EventSummary
from boxoffice.services.returns import (
    Confirmation,
    ReturnRecord,
    ReturnResult,
    ReturnSelection,
    SeatRange,
    ZoneSeats,
    describe_seats,
)
from boxoffice.ui.error_text import describe
from boxoffice.ui.operations import Newest
from boxoffice.ui.qt import (
    QAbstractItemView,
    QButtonGroup,
    QColor,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.signin import _set_message
from boxoffice.ui.status_bar import local_time
from boxoffice.ui.window_context import window_context

log = logging.getLogger(__name__)

MODE_ZONE, MODE_RANGE, MODE_ALL = 0, 1, 2
PAGE_CHOOSE, PAGE_CONFIRM = 0, 1
#: The platform column: green confirmed, red refused, blue still queued (the banner colours).
_STATE_COLOURS = {"confirmed": QColor("#0f5c2e"), "refused": QColor("#8a1c12"), "queued": QColor("#0b3d91")}


class ReturnsDialog(QDialog):
    """Choose unsold tickets, confirm, return; follow the platform's confirmation, through the window context of
    ``backend`` (:func:`boxoffice.ui.window_context.window_context`)."""

    def __init__(self, backend: Any, actor: str, event_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("returnsDialog")
        self.setWindowTitle(self.tr("Return unsold tickets"))
        self.setModal(True)
        self.resize(1200, 720)
        self.backend = backend
        self.ctx = window_context(backend)
        self.actor = actor
        self.event_id = event_id
        self.busy = False
        self.selection: ReturnSelection | None = None
        self.confirming: ReturnSelection | None = None  # the choice on the confirmation page
        self.history: list[ReturnRecord] = []
        self._last_return: frozenset[str] | None = None  # the ticket ids of the return made in this dialog
        self.zones: list[ZoneSeats] = []
        self._rows_zone: str | None = None  # the zone the row list and seat range were filled for
        self._asked: dict[str, Newest] = {}  # kind of read -> its answers: only the latest asked is shown
        self._preview_current = False  # the preview shows the choice as it is now (not one being read)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(12)
        title = QLabel(self.tr("Return unsold tickets"), self)
        title.setObjectName("panelTitle")
        outer.addWidget(title)
        self.subtitle = QLabel(self)
        self.subtitle.setWordWrap(True)
        self._show_subtitle(event_id)
        outer.addWidget(self.subtitle)

        body = QHBoxLayout()
        body.setSpacing(24)
        outer.addLayout(body, 1)
        self.pages = QStackedWidget(self)
        self.pages.setMinimumWidth(430)
        body.addWidget(self.pages, 4)
        self.pages.addWidget(self._build_choose_page())
        self.pages.addWidget(self._build_confirm_page())
        body.addWidget(self._build_history_panel(), 6)

        # bound methods: disconnected with the dialog
        self.ctx.hub.outbox_changed.connect(self.refresh_history)
        self.ctx.hub.seats_changed.connect(self._seats_changed)
        self.ctx.hub.inventory_changed.connect(self.reload_zones)  # a pull may add or take back tickets
        self._read("event", self.ctx.facades.sales.events, self._events_read)
        self.reload_zones()
        self.refresh_history()

    def _read(self, kind: str, fn: Any, success: Any, failure: Any = None) -> None:
        """Ask the read pool; only the latest answer of each kind is shown (reads may finish out of order)."""
        newest = self._asked.setdefault(kind, Newest())
        done = newest.only(lambda outcome: outcome[0](outcome[1]))  # one ticket for the answer, either way
        on_failure = failure or (lambda exc: self._say(describe(exc, self.ctx.money), "error"))
        self.ctx.runner.read(self, fn, success=lambda value: done((success, value)),
                             failure=lambda exc: done((on_failure, exc)))

    def _show_subtitle(self, event_name: str) -> None:
        self.subtitle.setText(self.tr("{event} · by {actor}. Returned tickets go back to the central platform and "
                                      "can no longer be sold here.").format(event=event_name, actor=self.actor))

    def _events_read(self, events: list[EventSummary]) -> None:
        event = next((e for e in events if e.id == self.event_id), None)
        if event is not None:
            self._show_subtitle(event.name)

    def _seats_changed(self, event_id: str, _seats: dict) -> None:
        if event_id == self.event_id:
            self.reload_zones()

    # --- building -------------------------------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        heading = QLabel(self.tr("What to return"), page)
        heading.setObjectName("panelTitle")
        layout.addWidget(heading)
        modes = QVBoxLayout()  # one per line: the Spanish labels are long
        modes.setSpacing(0)
        self.mode_group = QButtonGroup(self)
        self.mode_buttons: dict[int, QRadioButton] = {}
        for mode, text in ((MODE_ZONE, self.tr("A zone")), (MODE_RANGE, self.tr("A seat range")),
                           (MODE_ALL, self.tr("All unsold"))):
            button = QRadioButton(text, page)
            button.setMinimumHeight(34)
            self.mode_group.addButton(button, mode)
            self.mode_buttons[mode] = button
            modes.addWidget(button)
        layout.addLayout(modes)

        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.zone_combo = QComboBox(page)
        self.zone_combo.setObjectName("returnZone")
        form.addRow(self._label(self.tr("Zone"), page), self.zone_combo)
        self.row_combo = QComboBox(page)
        self.row_combo.setObjectName("returnRow")
        form.addRow(self._label(self.tr("Row"), page), self.row_combo)
        seats = QHBoxLayout()
        self.first_spin = QSpinBox(page)
        self.first_spin.setObjectName("returnFirstSeat")
        self.last_spin = QSpinBox(page)
        self.last_spin.setObjectName("returnLastSeat")
        for spin in (self.first_spin, self.last_spin):
            spin.setRange(0, 99999)
            spin.setMinimumWidth(130)
        seats.addWidget(self.first_spin)
        seats.addWidget(QLabel(self.tr("to"), page))
        seats.addWidget(self.last_spin)
        seats.addStretch(1)
        self.seats_row = QWidget(page)
        self.seats_row.setLayout(seats)
        seats.setContentsMargins(0, 0, 0, 0)
        form.addRow(self._label(self.tr("Seats"), page), self.seats_row)
        layout.addLayout(form)

        frame = QScrollArea(page)  # the white card the sales screen uses; scrolls when a list is long
        frame.setObjectName("zoneQuickSell")
        frame.setWidgetResizable(True)
        frame.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        frame.setMinimumHeight(80)
        self.preview = QLabel(frame)
        self.preview.setObjectName("returnPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.PlainText)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setContentsMargins(10, 8, 10, 8)
        self.preview.setStyleSheet("background: transparent;")
        frame.setWidget(self.preview)
        frame.viewport().setAutoFillBackground(False)
        layout.addWidget(frame, 1)  # the spare room goes to the preview: long seat lists stay readable
        self.return_button = QPushButton(self.tr("Return…"), page)
        self.return_button.setObjectName("primary")
        self.return_button.setAutoDefault(False)
        self.return_button.clicked.connect(self.ask_confirmation)
        layout.addWidget(self.return_button, 0, Qt.AlignmentFlag.AlignRight)

        self.mode_group.idToggled.connect(self._mode_toggled)
        self.zone_combo.currentIndexChanged.connect(self._zone_changed)
        self.row_combo.currentIndexChanged.connect(self.update_preview)
        self.first_spin.valueChanged.connect(self.update_preview)
        self.last_spin.valueChanged.connect(self.update_preview)
        return page

    def _build_confirm_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        heading = QLabel(self.tr("Confirm the return"), page)
        heading.setObjectName("panelTitle")
        layout.addWidget(heading)
        self.confirm_text = QLabel(page)
        self.confirm_text.setObjectName("returnConfirmText")
        self.confirm_text.setWordWrap(True)
        self.confirm_text.setTextFormat(Qt.TextFormat.PlainText)
        self.confirm_text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.confirm_text, 1)
        buttons = QHBoxLayout()
        self.back_button = QPushButton(self.tr("Back"), page)
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back_to_choice)
        self.confirm_button = QPushButton(self.tr("Confirm return"), page)
        self.confirm_button.setObjectName("primary")
        self.confirm_button.setAutoDefault(False)
        self.confirm_button.clicked.connect(self.confirm)
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        layout.addLayout(buttons)
        return page

    def _build_history_panel(self) -> QWidget:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        heading = QLabel(self.tr("Returns of this event"), panel)
        heading.setObjectName("panelTitle")
        layout.addWidget(heading)
        self.history_table = QTableWidget(0, 4, panel)
        self.history_table.setObjectName("cartTable")  # the sales screen's table look
        self.history_table.setHorizontalHeaderLabels(
            [self.tr("Queued"), self.tr("Tickets"), self.tr("By"), self.tr("Platform")])
        self.history_table.verticalHeader().setVisible(False)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_table.setWordWrap(True)
        header = self.history_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.history_table, 1)
        self.history_empty = QLabel(self.tr("No returns for this event yet."), panel)
        self.history_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.history_empty, 1)
        self.message = QLabel(panel)  # the history shrinks for it, never the choice's fields
        self.message.setObjectName("banner")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        self.close_button = QPushButton(self.tr("Close"), panel)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.accept)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        return panel

    @staticmethod
    def _label(text: str, parent: QWidget) -> QLabel:
        label = QLabel(text, parent)
        label.setMinimumHeight(48)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return label

    def _seats(self, seats: Sequence[str], limit: int = 12) -> str:
        return describe_seats(seats, limit, self.tr("+{n} more"))

    def _say(self, text: str, kind: str) -> None:
        _set_message(self.message, text, kind)
        self.message.setVisible(bool(text))

    # --- choosing -------------------------------------------------------------------------------------

    def reload_zones(self) -> None:
        """Read the zones with their unsold counts (after a return or a sale the counts change)."""
        sales, event_id = self.ctx.facades.sales, self.event_id
        self._read("zones", lambda: sales.return_zones(event_id), self._zones_read)

    def _zones_read(self, zones: list[ZoneSeats]) -> None:
        current = self.zone_combo.currentData()
        self.zones = zones
        self.zone_combo.blockSignals(True)
        self.zone_combo.clear()
        for zone in self.zones:
            self.zone_combo.addItem(self.tr("{zone} ({n} unsold)").format(zone=zone.zone, n=zone.unsold), zone.zone)
        index = self.zone_combo.findData(current)
        self.zone_combo.setCurrentIndex(index if index >= 0 else 0)
        self.zone_combo.blockSignals(False)
        self._zone_changed()
        if self.mode_group.checkedId() < 0:
            self.mode_buttons[MODE_ZONE].setChecked(True)

    def choose_zone(self, zone: str) -> None:
        self.mode_buttons[MODE_ZONE].setChecked(True)
        self.zone_combo.setCurrentIndex(self.zone_combo.findData(zone))

    def choose_range(self, zone: str, row: str | None, first: int, last: int) -> None:
        self.mode_buttons[MODE_RANGE].setChecked(True)
        self.zone_combo.setCurrentIndex(self.zone_combo.findData(zone))
        self.row_combo.setCurrentIndex(max(0, self.row_combo.findData(row)))
        self.first_spin.setValue(first)
        self.last_spin.setValue(last)

    def choose_all(self) -> None:
        self.mode_buttons[MODE_ALL].setChecked(True)

    def _mode_toggled(self, mode: int, checked: bool) -> None:
        if not checked:
            return
        self.zone_combo.setEnabled(mode in (MODE_ZONE, MODE_RANGE))
        for widget in (self.row_combo, self.seats_row):
            widget.setEnabled(mode == MODE_RANGE)
        self.update_preview()

    def _zone_changed(self, _index: int = 0) -> None:
        """A different zone: its rows, and the seat range reset to the whole zone (kept for the same zone)."""
        zone = self._current_zone()
        name = zone.zone if zone is not None else None
        if name != self._rows_zone:
            self._rows_zone = name
            for widget in (self.row_combo, self.first_spin, self.last_spin):
                widget.blockSignals(True)
            self.row_combo.clear()
            self.row_combo.addItem(self.tr("Any row"), None)
            if zone is not None:
                for row in zone.rows:
                    self.row_combo.addItem(self.tr("Row {row}").format(row=row), row)
                self.first_spin.setValue(zone.lowest or 0)
                self.last_spin.setValue(zone.highest or 0)
            for widget in (self.row_combo, self.first_spin, self.last_spin):
                widget.blockSignals(False)
        self.update_preview()

    def _current_zone(self) -> ZoneSeats | None:
        name = self.zone_combo.currentData()
        return next((z for z in self.zones if z.zone == name), None)

    def update_preview(self, *_args: object, then_confirm: bool = False) -> None:
        """Read what the current choice comes to (unsold tickets only) and say it in words; with
        ``then_confirm``, go on to the confirmation with that fresh answer. Return… waits for the answer."""
        mode = self.mode_group.checkedId()
        zone = self.zone_combo.currentData()
        sales, event_id = self.ctx.facades.sales, self.event_id
        if mode == MODE_ALL:
            def fn() -> ReturnSelection | None:
                return sales.select_unsold(event_id, all_unsold=True)
        elif zone is None:
            def fn() -> ReturnSelection | None:
                return None
        elif mode == MODE_RANGE:
            seat_range = SeatRange(zone, self.row_combo.currentData(), self.first_spin.value(),
                                   self.last_spin.value())

            def fn() -> ReturnSelection | None:
                return sales.select_unsold(event_id, seat_range=seat_range)
        else:
            def fn() -> ReturnSelection | None:
                return sales.select_unsold(event_id, zone=zone)
        self._preview_current = False
        self.return_button.setEnabled(False)
        self._read("preview", fn, lambda selection: self._preview_read(selection, then_confirm),
                   self._preview_failed)

    def _preview_read(self, selection: ReturnSelection | None, then_confirm: bool) -> None:
        self.selection = selection
        self._preview_current = True
        self.preview.setText(_unbroken(self._describe(selection)))
        self.return_button.setEnabled(not self.busy and selection is not None and selection.count > 0)
        if then_confirm:
            self._show_confirmation()

    def _preview_failed(self, exc: Exception) -> None:
        self.selection = None
        self._preview_current = True
        self.preview.setText(describe(exc, self.ctx.money))
        self.return_button.setEnabled(False)

    def _describe(self, selection: ReturnSelection | None) -> str:
        if selection is None:
            return self.tr("This office holds no tickets of this event.")
        sold = [seat for seat, state in selection.skipped if state == "sold"]
        pending = [seat for seat, state in selection.skipped if state != "sold"]
        lines = []
        if selection.count == 0:
            lines.append(self.tr("No unsold tickets in this choice: nothing to return."))
        else:
            lines.append(self.tr("%n tickets: seats {seats}", "", selection.count).format(
                seats=self._seats(selection.seats)))
        if sold:
            if len(sold) == 1:
                lines.append(self.tr("{seats} is sold and cannot be returned; it is left out.").format(
                    seats=sold[0]))
            else:
                lines.append(self.tr("{n} sold seats are left out: {seats}").format(
                    n=len(sold), seats=self._seats(sold, limit=6)))
        if pending:
            lines.append(self.tr("{n} already being returned: {seats}").format(
                n=len(pending), seats=self._seats(pending, limit=6)))
        return "\n".join(lines)

    # --- confirming and returning ---------------------------------------------------------------------

    def ask_confirmation(self) -> None:
        """Step two: the choice read afresh, then the count and the seats, and what returning means."""
        if not self.busy:
            self.update_preview(then_confirm=True)

    def _show_confirmation(self) -> None:
        selection = self.selection
        if self.busy or selection is None or selection.count == 0:
            return
        self.confirm_text.setText(self.tr(
            "Return %n tickets of this event to the central platform?\n\nSeats: {seats}\n\n"
            "They can no longer be sold at this window from now on; the central platform confirms the return "
            "when this terminal is online.", "", selection.count).format(seats=self._seats(selection.seats,
                                                                                           limit=40)))
        self.confirm_button.setText(self.tr("Return %n tickets", "", selection.count))
        self.confirming = selection  # what the supervisor reads is what is returned, whatever is read meanwhile
        self.pages.setCurrentIndex(PAGE_CONFIRM)
        self._say("", "")

    def back_to_choice(self) -> None:
        if not self.busy:
            self.pages.setCurrentIndex(PAGE_CHOOSE)

    def confirm(self) -> None:
        """Return exactly the tickets the confirmation shows (a seat sold since then makes the service refuse them
        all), even when the preview was read again meanwhile (the hub told of a sale)."""
        selection = self.confirming
        if self.busy or self.pages.currentIndex() != PAGE_CONFIRM or selection is None or selection.count == 0:
            return
        sales, actor, event_id, ids = self.ctx.facades.sales, self.actor, self.event_id, list(selection.ticket_ids)
        self._set_busy(True)
        self._last_return = None
        self._say(self.tr("Returning %n tickets…", "", len(ids)), "info")
        self.ctx.runner.write(self, lambda: sales.return_tickets(event_id, ids, actor=actor),
                              success=self._returned, failure=self._return_failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        for widget in (self.confirm_button, self.back_button, self.close_button):
            widget.setEnabled(not busy)

    def _returned(self, changed: Changed[ReturnResult]) -> None:
        """Written (the facade woke the delivery worker); the hub already asked for the new zones and history."""
        self._set_busy(False)
        self._last_return = frozenset(changed.value.ticket_ids)
        self._show_return_status(None)
        self.pages.setCurrentIndex(PAGE_CHOOSE)
        self.return_button.setEnabled(self._preview_current and self.selection is not None
                                      and self.selection.count > 0)

    def _return_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self.pages.setCurrentIndex(PAGE_CHOOSE)
        text = self.tr("Nothing was returned. {error}").format(error=describe(exc, self.ctx.money))
        if isinstance(exc, SeatNotAvailable):
            text = self.tr("{text} The choice has been updated; check it and return again.").format(text=text)
        self._say(text, "error")
        self.reload_zones()

    def _show_return_status(self, confirmation: Confirmation | None) -> None:
        """The one message of the return just made: returned here, and where the platform stands on it."""
        n = len(self._last_return or ())
        if confirmation is not None and confirmation.state == "confirmed":
            self._say(self.tr("%n tickets returned: no longer on sale here. The central platform confirmed the "
                              "return at {time}.", "", n).format(time=local_time(confirmation.at)), "ok")
        elif confirmation is not None and confirmation.state == "refused":
            self._say(self.tr("%n tickets returned here, but the central platform refused the return: {error}. "
                              "Tell the supervisor.", "", n).format(error=confirmation.error or "?"), "error")
        else:
            self._say(self.tr("%n tickets returned: no longer on sale here. Waiting for the central platform to "
                              "confirm.", "", n), "ok")

    # --- history --------------------------------------------------------------------------------------

    def refresh_history(self) -> None:
        """Read the returns of the event again (the hub's outbox_changed: a delivery round, a return queued)."""
        sales, event_id = self.ctx.facades.sales, self.event_id

        def failed(exc: Exception) -> None:  # keep the last list; the next change reads again
            log.warning("could not read the returns: %s", type(exc).__name__)

        self._read("history", lambda: sales.return_history(event_id), self._show_history, failed)

    def _show_history(self, records: list[ReturnRecord]) -> None:
        self.history = records
        table = self.history_table
        table.setRowCount(len(records))
        for row, record in enumerate(records):
            confirmation = record.confirmation
            if confirmation.state == "confirmed":
                state = self.tr("Confirmed at {time}").format(time=local_time(confirmation.at))
            elif confirmation.state == "refused":
                state = self.tr("Refused: {error}").format(error=confirmation.error or "?")
            elif confirmation.error:
                state = self.tr("Queued, not reached yet ({error})").format(error=confirmation.error)
            else:
                state = self.tr("Queued")
            cells = (local_time(record.queued_at),
                     self.tr("{n}: {seats}").format(n=len(record.ticket_ids), seats=self._seats(record.seats,
                                                                                                    limit=6)),
                     record.actor or "—", state)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(self._seats(record.seats, limit=200) if column == 1 else text)
                if column == 3:
                    item.setData(Qt.ItemDataRole.UserRole, confirmation.state)
                    item.setForeground(_STATE_COLOURS[confirmation.state])
                table.setItem(row, column, item)
        table.resizeRowsToContents()
        table.setVisible(bool(records))
        self.history_empty.setVisible(not records)
        mine = next((r for r in records if frozenset(r.ticket_ids) == self._last_return), None)
        if mine is not None and not self.busy:
            self._show_return_status(mine.confirmation)

    def history_states(self) -> list[str]:
        """The platform column as shown, newest first (for tests and the screenshot script)."""
        return [self.history_table.item(row, 3).text() for row in range(self.history_table.rowCount())]

    def done(self, result: int) -> None:
        if self.busy:  # a return is being written: let it finish and report
            return
        super().done(result)


def _unbroken(text: str) -> str:
    """Keep "GEN20–GEN22" on one line when the text wraps (word joiners around the dash)."""
    return text.replace("–", "\u2060–\u2060")
