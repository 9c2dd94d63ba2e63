"""Offline sales batches at the box office (issue #17 point 3): :class:`BatchesDialog`, a supervisor screen.

A batch is a set of tickets the central platform pre-generates to be printed ahead and sold outside the system
(a school, a reseller, a dead terminal); each is valid only once activated when sold. Left, the request: event
and ticket type (the ones this terminal holds), how many, an internal comment, test mode; Request asks the
platform and follows the job (waiting, running, done or failed) with one look about every second. Right, the
event's batches as the platform lists them; "Save PDF…" renders the chosen one, follows that job the same way and
saves the file where the supervisor says.

Every platform call runs on the runner's network lane; the local events on its read pool. Without the platform
(down, not paired, training) the screen says so and the local form still shows.

The caller gates it: open it only for a signed-in supervisor (``Action.batches``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from boxoffice.facades.batches import AMOUNT_MAX, BatchesFacade, BatchEvent, BatchRow, JobState, unreachable
from boxoffice.ui.error_text import describe
from boxoffice.ui.file_dialogs import choose_file
from boxoffice.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.status_bar import local_time
from boxoffice.ui.tone import ERROR, INFO, OK, set_tone


class BatchesDialog(QDialog):
    """Request a batch, follow it, list the event's batches and save one's PDF."""

    POLL_MS = 1000
    """The spec asks clients to wait at least a second between two looks at a job."""

    def __init__(self, ctx: Any, parent: QWidget | None = None, *, facade: BatchesFacade | None = None,
                 event_id: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.facade = facade or ctx.facades.batches
        self.setObjectName("batchesDialog")
        self.setWindowTitle(self.tr("Offline sales batches"))
        self.events: list[BatchEvent] = []
        self.batches: list[BatchRow] = []
        self._wanted_event = event_id
        self._job: tuple[str, Callable[[JobState], None]] | None = None  # (URL, what to do when it ends)
        self._looking = False
        self.poll = QTimer(self)
        self.poll.setSingleShot(True)
        self.poll.timeout.connect(self._look)

        outer = QVBoxLayout(self)
        intro = QLabel(self.tr("Tickets the platform pre-generates to print ahead and sell outside the system "
                               "(a school, a reseller). Each one is valid only once it is activated when sold."),
                       self)
        intro.setWordWrap(True)
        outer.addWidget(intro)
        self.offline = QLabel(self)
        self.offline.setObjectName("batchesOffline")
        self.offline.setWordWrap(True)
        self.offline.hide()
        outer.addWidget(self.offline)

        request = QGroupBox(self.tr("New batch"), self)
        form = QGridLayout(request)
        self.event = QComboBox(request)
        self.event.setObjectName("batchEvent")
        self.item = QComboBox(request)
        self.item.setObjectName("batchItem")
        self.amount = QSpinBox(request)
        self.amount.setObjectName("batchAmount")
        self.amount.setRange(1, AMOUNT_MAX)
        self.amount.setValue(10)
        self.comment = QLineEdit(request)
        self.comment.setObjectName("batchComment")
        self.comment.setPlaceholderText(self.tr("school or reseller"))
        self.comment.setMaxLength(255)
        for row, (left, right) in enumerate(((self.tr("Event:"), self.event), (self.tr("Tickets:"), self.amount))):
            form.addWidget(QLabel(left, request), row, 0)
            form.addWidget(right, row, 1)
        for row, (left, right) in enumerate(((self.tr("Ticket type:"), self.item),
                                             (self.tr("Comment:"), self.comment))):
            form.addWidget(QLabel(left, request), row, 2)
            form.addWidget(right, row, 3)
        self.testmode = QCheckBox(self.tr("Test batch (its tickets are for trying out only)"), request)
        self.testmode.setObjectName("batchTestmode")
        form.addWidget(self.testmode, 2, 1, 1, 2)
        self.request_button = QPushButton(self.tr("Request"), request)
        self.request_button.setObjectName("batchRequest")
        self.request_button.setAutoDefault(False)
        self.request_button.clicked.connect(self.request)
        form.addWidget(self.request_button, 2, 3)
        self.progress = QProgressBar(request)
        self.progress.setObjectName("batchProgress")
        self.progress.setRange(0, 0)  # busy: the platform says waiting or running, never how far
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.progress.hide()
        form.addWidget(self.progress, 3, 0, 1, 4)
        self.message = QLabel(request)
        self.message.setObjectName("batchMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addWidget(self.message, 4, 0, 1, 4)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        outer.addWidget(request)

        listing = QGroupBox(self.tr("Batches of this event"), self)
        right = QVBoxLayout(listing)
        self.table = QTableWidget(0, 5, listing)
        self.table.setObjectName("batchTable")
        self.table.setHorizontalHeaderLabels([self.tr("No."), self.tr("Ticket type"), self.tr("Tickets"),
                                              self.tr("Comment"), self.tr("Created")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        right.addWidget(self.table, 1)
        self.empty = QLabel(listing)
        self.empty.setObjectName("batchListNote")
        self.empty.setWordWrap(True)
        right.addWidget(self.empty)
        row = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("Refresh"), listing)
        self.refresh_button.setObjectName("batchRefresh")
        self.refresh_button.setAutoDefault(False)
        self.refresh_button.clicked.connect(self.reload_batches)
        row.addWidget(self.refresh_button)
        row.addStretch(1)
        self.pdf_button = QPushButton(self.tr("Save PDF…"), listing)
        self.pdf_button.setObjectName("batchSavePdf")
        self.pdf_button.setAutoDefault(False)
        self.pdf_button.clicked.connect(self.save_pdf)
        row.addWidget(self.pdf_button)
        right.addLayout(row)
        outer.addWidget(listing, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        self.resize(980, 560)

        self.event.currentIndexChanged.connect(self._event_changed)
        self._update_buttons()
        ctx.runner.read(self, self.facade.events, success=self._show_events)

    # -- what is shown ----------------------------------------------------------------------------------------

    @property
    def event_id(self) -> str:
        return self.event.currentData() or ""

    @property
    def busy(self) -> bool:
        """A job is being followed (a batch being made or a PDF rendered)."""
        return self._job is not None

    def _show_events(self, events: list[BatchEvent]) -> None:
        self.events = events
        self.event.blockSignals(True)
        self.event.clear()
        for event in events:
            when = local_time(event.starts_at, seconds=False) if event.starts_at else ""
            self.event.addItem(f"{event.name}  {when}".strip(), event.id)
        self.event.blockSignals(False)
        if not events:
            self.event.addItem(self.tr("No events at this office yet"), "")
        ids = [e.id for e in events]
        self.event.setCurrentIndex(ids.index(self._wanted_event) if self._wanted_event in ids else 0)
        self._event_changed()

    def _event_changed(self) -> None:
        event = next((e for e in self.events if e.id == self.event_id), None)
        self.item.clear()
        for choice in event.ticket_types if event else ():
            self.item.addItem(f"{choice.name} · {self.ctx.money.format(choice.price_cents)}", choice.item)
        if event is not None and not event.ticket_types:
            self.item.addItem(self.tr("No ticket types for batches"), None)
        self.batches = []
        self._show_batches()
        self.reload_batches()

    def _item_name(self, item: int) -> str:
        event = next((e for e in self.events if e.id == self.event_id), None)
        found = next((t.name for t in event.ticket_types if t.item == item), None) if event else None
        return found or self.tr("type {item}").format(item=item)

    def _show_batches(self) -> None:
        self.table.setRowCount(len(self.batches))
        for row, batch in enumerate(self.batches):
            comment = batch.comment + (" " + self.tr("(test)") if batch.testmode else "")
            cells = (str(batch.id), self._item_name(batch.item), str(batch.amount), comment.strip(),
                     local_time(batch.created, seconds=False))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column in (0, 2):
                    cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                cell.setData(Qt.ItemDataRole.UserRole, batch.id)
                self.table.setItem(row, column, cell)
        self.empty.setVisible(not self.batches and self.offline.isHidden())
        set_tone(self.empty, self.tr("No batches for this event yet.") if self.event_id else "", "")
        self._update_buttons()

    def chosen_batch(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.batches[rows[0].row()].id if rows else None

    def choose_batch(self, batch_id: int) -> None:
        ids = [b.id for b in self.batches]
        if batch_id in ids:
            self.table.selectRow(ids.index(batch_id))

    def _update_buttons(self) -> None:
        idle = not self.busy
        self.request_button.setEnabled(idle and self.item.currentData() is not None and bool(self.event_id))
        self.pdf_button.setEnabled(idle and self.chosen_batch() is not None)
        for widget in (self.event, self.item, self.amount, self.comment, self.testmode):
            widget.setEnabled(idle)

    def _say(self, text: str, tone: str) -> None:
        set_tone(self.message, text, tone)

    def _failed(self, exc: Exception) -> None:
        """A platform call failed: unreachable says so in the banner; anything else is the platform's reason."""
        self._end_job()
        if unreachable(exc):
            self._set_offline(True)
            self._say("", "")
        else:
            self._say(describe(exc, self.ctx.money), ERROR)

    def _set_offline(self, offline: bool) -> None:
        if offline:
            text = self.tr("The central platform cannot be reached; batches need it. Try again when it is back.")
            if not self.facade.available:
                text = self.tr("This terminal has no central platform to ask (not paired, or training); "
                               "batches need it.")
            set_tone(self.offline, text, ERROR)
        self.offline.setVisible(offline)
        self.empty.setVisible(not self.batches and not offline)

    # -- the platform -----------------------------------------------------------------------------------------

    def reload_batches(self) -> None:
        event_id = self.event_id
        if not event_id:
            return
        self.ctx.runner.network(self, lambda: self.facade.list(event_id),
                                success=lambda rows: self._batches_read(event_id, rows), failure=self._list_failed)

    def _batches_read(self, event_id: str, rows: list[BatchRow], select: int | None = None) -> None:
        if event_id != self.event_id:
            return  # another event was chosen meanwhile
        chosen = select or self.chosen_batch()
        self._set_offline(False)
        self.batches = rows
        self._show_batches()
        if chosen is not None:
            self.choose_batch(chosen)

    def _list_failed(self, exc: Exception) -> None:
        if unreachable(exc):
            self._set_offline(True)
        else:
            self.empty.show()
            set_tone(self.empty, describe(exc, self.ctx.money), ERROR)

    def request(self) -> None:
        """Ask the platform for the batch in the form, then follow the job."""
        item, event_id = self.item.currentData(), self.event_id
        if self.busy or item is None or not event_id:
            return
        amount, comment, testmode = self.amount.value(), self.comment.text().strip(), self.testmode.isChecked()
        self._begin(self.tr("Asking the platform for %n ticket(s)…", "", amount))
        self.ctx.runner.network(self, lambda: self.facade.request(event_id, item, amount, comment, testmode),
                                success=lambda url: self._follow(url, lambda state: self._batch_done(event_id,
                                                                                                     state)),
                                failure=self._failed)

    def _begin(self, text: str) -> None:
        self._job = ("", lambda _state: None)
        self.progress.show()
        self._say(text, INFO)
        self._update_buttons()

    def _follow(self, url: str, done: Callable[[JobState], None]) -> None:
        self._set_offline(False)
        self._job = (url, done)
        self._say(self.tr("Waiting for the platform…"), INFO)
        self.poll.start(self.POLL_MS)

    def _look(self) -> None:
        if self._job is None or self._looking:
            return
        url = self._job[0]
        self._looking = True
        self.ctx.runner.network(self, lambda: self.facade.state(url), success=self._state_read,
                                failure=self._look_failed)

    def _look_failed(self, exc: Exception) -> None:
        self._looking = False
        self._failed(exc)

    def _state_read(self, state: JobState) -> None:
        self._looking = False
        if self._job is None:
            return
        if state.status == "done":
            done = self._job[1]
            self._end_job()
            done(state)
        elif state.status == "failed":
            self._end_job()
            reason = state.message or self.tr("no reason given")
            self._say(self.tr("The platform could not do it: {reason}").format(reason=reason), ERROR)
        else:
            self._say(self.tr("The platform is working on it…") if state.status == "running"
                      else self.tr("Waiting for the platform…"), INFO)
            self.poll.start(self.POLL_MS)

    def _end_job(self) -> None:
        self._job = None
        self.poll.stop()
        self.progress.hide()
        self._update_buttons()

    def _batch_done(self, event_id: str, state: JobState) -> None:
        body = state.body or {}
        batch_id, amount = int(body.get("id") or 0), int(body.get("amount") or 0)
        self._say(self.tr("Done: batch {id} with %n ticket(s). Save its PDF to print them.", "", amount)
                  .format(id=batch_id), OK)
        self.comment.clear()
        self.ctx.runner.network(self, lambda: self.facade.list(event_id),
                                success=lambda rows: self._batches_read(event_id, rows, select=batch_id),
                                failure=self._list_failed)

    def save_pdf(self) -> None:
        """Ask where, then render the chosen batch and save its PDF there."""
        batch_id = self.chosen_batch()
        if batch_id is None or self.busy:
            return
        start = str(Path.home() / f"batch-{self.event_id}-{batch_id}.pdf")
        path = choose_file(self, self.tr("Save the batch's PDF"), start, self.tr("PDF files (*.pdf)"), save=True)
        if path:
            self.save_pdf_to(batch_id, Path(path))

    def save_pdf_to(self, batch_id: int, path: Path) -> None:
        event_id = self.event_id
        if self.busy or not event_id:
            return
        self._begin(self.tr("Preparing the PDF of batch {id}…").format(id=batch_id))
        self.ctx.runner.network(self, lambda: self.facade.render(event_id, batch_id),
                                success=lambda url: self._follow(url, lambda _state: self._download(url, path)),
                                failure=self._failed)

    def _download(self, url: str, path: Path) -> None:
        self._begin(self.tr("Saving the PDF…"))
        self.ctx.runner.network(self, lambda: self.facade.download(url, path), success=lambda size: self._saved(
            path, size), failure=self._failed)

    def _saved(self, path: Path, size: int) -> None:
        self._end_job()
        self._say(self.tr("Saved to {path} ({size} KB).").format(path=str(path),
                                                                 size=max(1, round(size / 1024))), OK)

    def reject(self) -> None:
        self.poll.stop()
        self._job = None
        super().reject()
