"""The sync queue screen for a supervisor: everything waiting, delivered, parked or in conflict, and what to do.

It reads the queue through the sync view facade on the read pool, again whenever the change hub says the outbox
moved or the delivery worker reported (no polling), and writes only through the facade on the writer thread:
"Retry now" puts parked items back and wakes
the delivery worker; "Decide…" records the supervisor's decision on a conflict (a seat sold twice across
channels). Both sides of a conflict are shown side by side before anyone decides. The platform's own conflict
reports (another office sold one of our seats, or our sale ran into another side's ticket) are listed too, and
"Mark seen…" records, with a note, that a supervisor took notice. Every action carries ``actor``, the signed-in
supervisor, into the journal; who may open this screen is the caller's business.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from boxoffice.facades.results import Changed
from boxoffice.services.sync_queue import QueueItem, Report
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QAbstractItemView,
    QAbstractTableModel,
    QBrush,
    QButtonGroup,
    QColor,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QItemSelectionModel,
    QLabel,
    QLineEdit,
    QModelIndex,
    QObject,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    Qt,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.signin import _set_message
from boxoffice.ui.status_bar import local_time
from boxoffice.ui.window_context import window_context

_TABLE_STYLE = """
QTableView#syncQueueTable { background: #ffffff; gridline-color: #e1e5ea; font-size: 13pt;
    selection-background-color: #0b3d91; selection-color: #ffffff; }
QTextBrowser#syncQueueDetail { background: #ffffff; border: 1px solid #cfd6dd; border-radius: 6px;
    font-size: 13pt; }
QLabel#syncQueueEmpty { font-size: 18pt; color: #333333; background: #ffffff; border: 1px solid #cfd6dd;
    border-radius: 8px; padding: 24px; }
QLabel#syncQueueSummary { font-size: 13pt; color: #333333; }
"""

#: Row colours by state: (background, text); parked and conflicts stand out, history is quiet.
_ROW_COLOURS = {"parked": ("#fdecea", "#8a1c12"), "conflict": ("#fdecea", "#8a1c12"),
                "decided": ("#fff7e6", "#5c3d00"), "pending": ("#ffffff", "#111111"),
                "delivered": ("#ffffff", "#3d4852"), "cancelled": ("#f4f5f7", "#5f6b76"),
                "reported": ("#fdecea", "#8a1c12"), "seen": ("#f4f5f7", "#3d4852")}


class _Strings(QObject):
    """Translated names shared by the model and the dialogs (one translation context)."""

    def state(self, state: str) -> str:
        return {"pending": self.tr("Waiting"), "parked": self.tr("Parked"), "conflict": self.tr("Conflict"),
                "decided": self.tr("Decided"), "delivered": self.tr("Delivered"),
                "cancelled": self.tr("Cancelled"), "reported": self.tr("Reported"),
                "seen": self.tr("Seen")}.get(state, state)

    def kind(self, kind: str) -> str:
        return {"sale": self.tr("Sale"), "void": self.tr("Void"), "unassign": self.tr("Return"),
                "report": self.tr("Platform report")}.get(kind, kind)

    def channel(self, channel: str | None) -> str:
        return {"office": self.tr("another office"), "online": self.tr("the online channel (free there)"),
                "online_hold": self.tr("an online checkout holding it"),
                "sold": self.tr("an order that sold it first")}.get(channel or "", channel or "?")

    def row(self, row: str) -> str:
        return self.tr("row {row}").format(row=row)

    def report(self, report: Report, seat: str) -> str:
        """One line: what the platform reports, from our side."""
        other = report.other_office or self.channel(report.other_channel)
        if report.kind == "purchase_code_reused":
            if report.role == "holder":
                return self.tr("Another office ({office}) used our purchase code {code}").format(
                    office=other, code=report.purchase_code or "?")
            return self.tr("Our purchase code {code} was used before by {office}").format(
                code=report.purchase_code or "?", office=other)
        if report.role == "holder":
            return self.tr("Another office ({office}) sold our seat {seat}; the platform kept it ours").format(
                office=other, seat=seat)
        return self.tr("Our sale {code} named seat {seat}, held by {other}; the platform did not give it to us").format(
            code=report.purchase_code or "?", seat=seat, other=other)

    def conflict(self, code: str) -> str:
        return {"already_sold": self.tr("already sold by another channel (online or another office)"),
                "not_assigned_to_office": self.tr("no longer assigned to this office (taken back centrally)"),
                "unknown_ticket": self.tr("not a ticket of this event on the platform")}.get(code, code)

    def decision(self, decision: str) -> str:
        return {"keep": self.tr("our customer keeps the seats"),
                "void_ours": self.tr("our sale voided, our customer refunded")}.get(decision, decision)


_shared: list[_Strings] = []


def _strings() -> _Strings:
    """One instance, made after the QApplication (a QObject needs it for translations)."""
    if not _shared:
        _shared.append(_Strings())
    return _shared[0]


def _problem(item: QueueItem) -> str:
    words = _strings()
    if item.report is not None:
        return words.report(item.report, item.subject)
    if item.state == "conflict" and item.platform is not None:
        return "; ".join(f"{c.seat}: {words.conflict(c.conflict)}" for c in item.platform.conflicts)
    if item.state == "decided" and item.decision is not None:
        return words.tr("Decided by {actor}: {decision}").format(actor=item.decision.actor,
                                                                 decision=words.decision(item.decision.decision))
    if item.state == "parked":
        return item.last_error or ""
    if item.state == "pending" and item.last_error:
        return words.tr("Will try again: {error}").format(error=item.last_error)
    if item.state == "cancelled":
        return words.tr("Voided before it was sent")
    return ""


class QueueModel(QAbstractTableModel):
    """The listed items, one row each; rows are replaced only when the read differs (keeps the scroll)."""

    COLUMNS = ("state", "kind", "subject", "tickets", "total", "problem", "when")

    def __init__(self, money: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.money = money
        self.items: list[QueueItem] = []

    def set_items(self, items: Sequence[QueueItem]) -> bool:
        items = list(items)
        if items == self.items:
            return False
        self.beginResetModel()
        self.items = items
        self.endResetModel()
        return True

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (self.tr("State"), self.tr("Kind"), self.tr("Code / event"), self.tr("Tickets"), self.tr("Total"),
                self.tr("Problem"), self.tr("When"))[section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == "problem":
            return _problem(item) or None
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole):
            background, text = _ROW_COLOURS.get(item.state, ("#ffffff", "#111111"))
            return QBrush(QColor(background if role == Qt.ItemDataRole.BackgroundRole else text))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("tickets", "total"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return item.id
        return None

    def _text(self, item: QueueItem, column: str) -> str:
        words = _strings()
        if column == "state":
            return words.state(item.state)
        if column == "kind":
            return words.kind(item.kind)
        if column == "subject":
            return item.subject if item.kind != "unassign" else item.event_name
        if column == "tickets":
            return str(item.ticket_count)
        if column == "total":
            return self.money.format(item.sale.total_cents) if item.sale is not None else ""
        if column == "problem":
            return _problem(item)
        if item.state == "pending" and item.next_attempt_at is not None:
            return self.tr("next try {time}").format(time=local_time(item.next_attempt_at))
        return local_time(item.delivered_at if item.delivered_at and item.state != "pending" else item.created_at)


class ConflictDecisionDialog(QDialog):
    """Both choices spelled out, and a reason; OK only with a choice and a reason."""

    def __init__(self, item: QueueItem, money: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictDecision")
        self.setWindowTitle(self.tr("Decide the conflict of {code}").format(code=item.subject))
        self.setMinimumWidth(720)
        self.item = item
        layout = QVBoxLayout(self)
        seats = ", ".join(c.seat for c in item.platform.conflicts) if item.platform else ""
        intro = QLabel(self.tr("Seats {seats} were sold twice. What happens to sale {code}?").format(
            seats=seats, code=item.subject), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        total = money.format(item.sale.total_cents) if item.sale else ""
        self.keep = QRadioButton(self.tr("Keep: our customer keeps the seats"), self)
        self.keep.setObjectName("decisionKeep")
        keep_help = self.tr("Nothing changes here. The other channel's sale must be refunded or moved on the "
                            "central platform.")
        self.void_ours = QRadioButton(self.tr("Void ours: refund our customer {total}").format(total=total), self)
        self.void_ours.setObjectName("decisionVoid")
        void_help = self.tr("Our sale is voided (the reason names the conflict) and the cancellation is sent; the "
                            "other channel's sale stands.")
        self.choices = QButtonGroup(self)
        for button, text in ((self.keep, keep_help), (self.void_ours, void_help)):
            self.choices.addButton(button)
            layout.addWidget(button)
            help_label = QLabel(text, self)
            help_label.setWordWrap(True)
            help_label.setStyleSheet("QLabel { color: #3d4852; font-size: 13pt; margin-left: 30px; }")
            layout.addWidget(help_label)
        if item.sale is not None and item.sale.status == "voided":
            self.keep.setEnabled(False)
            self.keep.setToolTip(self.tr("The sale is voided already"))
        layout.addWidget(QLabel(self.tr("Reason (goes into the journal):"), self))
        self.reason = QLineEdit(self)
        self.reason.setObjectName("decisionReason")
        layout.addWidget(self.reason)
        self.ok = _cancel_and_ok(self, layout, self.tr("Cancel"), self.tr("Record decision"))
        self.reason.textChanged.connect(self._update)
        self.choices.buttonToggled.connect(self._update)

    def decision(self) -> str | None:
        if self.keep.isChecked():
            return "keep"
        if self.void_ours.isChecked():
            return "void_ours"
        return None

    def _update(self, *_args: Any) -> None:
        self.ok.setEnabled(self.decision() is not None and bool(self.reason.text().strip()))


class ReportSeenDialog(QDialog):
    """What the platform reported, and the supervisor's note; OK only with a note."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportSeen")
        self.setWindowTitle(self.tr("Mark the report as seen"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(what, self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(QLabel(self.tr("Note (what was done, who was told; goes into the journal):"), self))
        self.note = QLineEdit(self)
        self.note.setObjectName("seenNote")
        layout.addWidget(self.note)
        self.ok = _cancel_and_ok(self, layout, self.tr("Cancel"), self.tr("Mark seen"))
        self.note.textChanged.connect(lambda text: self.ok.setEnabled(bool(text.strip())))


class SyncQueueDialog(QDialog):
    """Filter, table, detail of the selected item, Retry now / Decide…; ``actor`` signs every action."""

    FILTERS = (("all", None), ("attention", ("parked", "conflict", "reported")), ("pending", ("pending",)),
               ("parked", ("parked",)), ("conflict", ("conflict",)), ("reported", ("reported",)),
               ("decided", ("decided",)), ("seen", ("seen",)), ("delivered", ("delivered",)),
               ("cancelled", ("cancelled",)))

    #: the queue on screen was read again (tests wait on it)
    refreshed = Signal()

    def __init__(self, backend: Any, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncQueue")
        self.setWindowTitle(self.tr("Sync queue"))
        self.setMinimumSize(1000, 640)
        self.setStyleSheet(_TABLE_STYLE)
        self.backend = backend
        self.ctx = window_context(backend)
        self.actor = actor
        self.busy = False
        self.counts: dict[str, int] = {}
        self.decision_dialog: ConflictDecisionDialog | None = None
        self.seen_dialog: ReportSeenDialog | None = None
        _strings()

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        title = QLabel(self.tr("Sync queue"), self)
        title.setObjectName("panelTitle")
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(QLabel(self.tr("Show:"), self))
        self.filter = QComboBox(self)
        self.filter.setObjectName("queueFilter")
        self.filter.setMinimumWidth(300)
        for key, _states in self.FILTERS:
            self.filter.addItem(key, key)
        top.addWidget(self.filter)
        layout.addLayout(top)
        self.status = QLabel(self)
        self.status.setObjectName("syncQueueSummary")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.summary = QLabel(self)
        self.summary.setObjectName("syncQueueSummary")
        layout.addWidget(self.summary)

        self.model = QueueModel(backend.money, self)
        self.table = QTableView(self)
        self.table.setObjectName("syncQueueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(QueueModel.COLUMNS.index("problem"), QHeaderView.ResizeMode.Stretch)
        self.empty = QLabel(self)
        self.empty.setObjectName("syncQueueEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.empty)
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("syncQueueDetail")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.pages)
        splitter.addWidget(self.detail)
        splitter.setSizes([420, 240])
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout.addWidget(splitter, 1)

        self.message = QLabel(self)
        self.message.setObjectName("banner")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.retry_selected = QPushButton(self.tr("Retry selected"), self)
        self.retry_selected.setObjectName("retrySelected")
        self.retry_parked = QPushButton(self.tr("Retry all parked"), self)
        self.retry_parked.setObjectName("retryParked")
        self.decide_button = QPushButton(self.tr("Decide…"), self)
        self.decide_button.setObjectName("decideConflict")
        self.seen_button = QPushButton(self.tr("Mark seen…"), self)
        self.seen_button.setObjectName("markReportSeen")
        close = QPushButton(self.tr("Close"), self)
        close.setObjectName("primary")
        for button in (self.retry_selected, self.retry_parked, self.decide_button, self.seen_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)

        self._label_filters()
        self.filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.retry_selected.clicked.connect(lambda: self.retry([i.id for i in self.selected_items()]))
        self.retry_parked.clicked.connect(lambda: self.retry(None))
        self.decide_button.clicked.connect(self.open_decision)
        self.seen_button.clicked.connect(self.open_seen)
        close.clicked.connect(self.accept)
        self.ctx.hub.outbox_changed.connect(self.refresh)
        self.ctx.hub.sync_status_changed.connect(lambda _status: self.refresh())
        self.refresh()

    # -- reading ---------------------------------------------------------------------------------------------

    def _label_filters(self) -> None:
        names = {"all": self.tr("All"), "attention": self.tr("Needs attention"), "pending": self.tr("Waiting"),
                 "parked": self.tr("Parked"), "conflict": self.tr("Conflicts"), "decided": self.tr("Decided"),
                 "delivered": self.tr("Delivered"), "cancelled": self.tr("Cancelled"),
                 "reported": self.tr("Reported by the platform"), "seen": self.tr("Reports seen")}
        for row, (key, states) in enumerate(self.FILTERS):
            if states is None or not self.counts:
                text = names[key]
            else:
                text = self.tr("{name} ({n})").format(name=names[key], n=sum(self.counts.get(s, 0) for s in states))
            self.filter.setItemText(row, text)

    def set_filter(self, key: str) -> None:
        self.filter.setCurrentIndex(self.filter.findData(key))

    def refresh(self) -> None:
        """Read the queue again on the read pool; keep the selection and scroll when nothing changed."""
        states = dict(self.FILTERS)[self.filter.currentData()]
        sync = self.ctx.facades.sync
        self.ctx.runner.read(self, lambda: (states, sync.items(states), sync.counts(), sync.status()),
                             success=self._show_queue)

    def _show_queue(self, read: tuple) -> None:
        states, items, counts, status = read
        if states != dict(self.FILTERS)[self.filter.currentData()]:
            return  # the filter changed meanwhile; its own read is on its way
        selected = {item.id for item in self.selected_items()}
        self.counts = counts
        self._label_filters()
        if self.model.set_items(items):
            self._select_ids(selected)
        self._show_status(status)
        self.detail.setVisible(bool(items))
        if items:
            self.pages.setCurrentWidget(self.table)
        else:
            self.pages.setCurrentWidget(self.empty)
            if states is None:
                self.empty.setText(self.tr("The sync queue is empty: nothing has been sold here yet, or every "
                                           "sale has reached the central platform."))
            else:
                self.empty.setText(self.tr("Nothing to show here. Choose \"All\" to see the whole queue."))
        self._selection_changed()
        self.refreshed.emit()

    def _show_status(self, status: Any) -> None:
        connection = {"online": self.tr("Online"), "syncing": self.tr("Syncing"), "offline": self.tr("Offline"),
                      "connecting": self.tr("Connecting…")}
        parts = [connection.get(status.connection, self.tr("Not connected yet")),
                 self.tr("last sync {time}").format(time=local_time(status.last_success))]
        if status.auth_problem:
            parts.append(self.tr("the platform refuses our token: re-pair the terminal"))
        if status.horizon_exceeded:
            parts.append(self.tr("the oldest waiting item is too old: get this terminal online"))
        if status.last_error and status.connection != "online":
            parts.append(self.tr("last error: {error}").format(error=status.last_error))
        self.status.setText(self.tr("Delivery: {parts}").format(parts=" · ".join(parts)))
        c = self.counts
        self.summary.setText(self.tr("Parked: {parked} · Conflicts to decide: {conflict} · Reported: {reported} · "
                                     "Waiting: {pending} · Decided: {decided} · Delivered: {delivered} · "
                                     "Cancelled: {cancelled}").format(
            parked=c.get("parked", 0), conflict=c.get("conflict", 0), reported=c.get("reported", 0),
            pending=c.get("pending", 0), decided=c.get("decided", 0), delivered=c.get("delivered", 0),
            cancelled=c.get("cancelled", 0)))

    def selected_items(self) -> list[QueueItem]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.items[row] for row in rows if row < len(self.model.items)]

    def select_subject(self, subject: str, kind: str = "sale") -> bool:
        """Select the row of ``subject`` (a purchase code); False when it is not listed."""
        for item in self.model.items:
            if item.subject == subject and item.kind == kind:
                self._select_ids({item.id})
                return True
        return False

    def _select_ids(self, ids: set[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for row, item in enumerate(self.model.items):
            if item.id in ids:
                selection.select(self.model.index(row, 0), flags)
                self.table.scrollTo(self.model.index(row, 0))

    def _selection_changed(self) -> None:
        items = self.selected_items()
        retryable = [i for i in items if i.state in ("parked", "pending")]
        self.retry_selected.setEnabled(not self.busy and bool(retryable) and len(retryable) == len(items))
        self.retry_parked.setEnabled(not self.busy and self.counts.get("parked", 0) > 0)
        self.decide_button.setEnabled(not self.busy and len(items) == 1 and items[0].state == "conflict")
        self.seen_button.setEnabled(not self.busy and len(items) == 1 and items[0].state == "reported")
        # one slot for both (the row must fit 1024 px in Spanish): Mark seen… while a report is selected
        report = len(items) == 1 and items[0].report is not None
        self.seen_button.setVisible(report)
        self.decide_button.setVisible(not report)
        self.detail.setHtml(self._detail_html(items[0]) if len(items) == 1 else self._hint_html(len(items)))

    # -- the detail pane -------------------------------------------------------------------------------------

    def _hint_html(self, selected: int) -> str:
        if selected:
            text = self.tr("Selected: {n}").format(n=selected)
        else:
            text = self.tr("Select an item to see its error, or both sides of a conflict.")
        return f"<p style='color:#5f6b76'>{html.escape(text)}</p>"

    def _detail_html(self, item: QueueItem) -> str:
        if item.report is not None:
            return self._report_html(item, item.report)
        e = html.escape
        words = _strings()
        out = [f"<h3>{e(words.kind(item.kind))} {e(item.subject)} · {e(words.state(item.state))}</h3>"]
        facts = [(self.tr("queued"), local_time(item.created_at)), (self.tr("attempts"), str(item.attempts))]
        if item.delivered_at:
            facts.append((self.tr("delivered"), local_time(item.delivered_at)))
        if item.next_attempt_at and item.state == "pending":
            facts.append((self.tr("next try"), local_time(item.next_attempt_at)))
        if item.kind == "unassign":
            facts.append((self.tr("return of unsold tickets:"), self.tr("{n} of {event}").format(
                n=item.ticket_count, event=item.event_name)))
        out.append("<p style='color:#3d4852'>{}</p>".format(" · ".join(f"{e(k)} {e(v)}" for k, v in facts)))
        if item.state == "parked":
            out.append(f"<p style='color:#8a1c12'><b>{e(self.tr('The central platform refused it:'))}</b> "
                       f"{e(item.last_error or '')}</p>")
            out.append(f"<p>{e(self.tr('Fix the cause on the central platform (or ask support), then Retry.'))}"
                       "</p>")
        elif item.state == "pending" and item.last_error:
            out.append(f"<p>{e(self.tr('Last try failed:'))} {e(item.last_error)}</p>")
        elif item.state == "cancelled":
            out.append(f"<p>{e(self.tr('Voided before it was sent: nothing went to the central platform.'))}</p>")
        if item.decision is not None:
            decision = item.decision
            out.append("<p style='background:#fff7e6; padding:6px'><b>{}</b> {}</p>".format(
                e(self.tr("Decided by {actor} at {time}:").format(actor=decision.actor,
                                                                  time=local_time(decision.decided_at))),
                e(f"{words.decision(decision.decision)} — {decision.note}")))
        elif item.state == "conflict":
            out.append("<p style='color:#8a1c12'><b>{}</b> {}</p>".format(
                e(self.tr("To decide:")),
                e(self.tr("does our customer keep the seats, or is our sale voided and refunded? Press Decide…"))))
        if item.platform is not None and item.sale is not None:
            out.append(self._sides_html(item))
        elif item.sale is not None:
            out.append(f"<h4>{e(self.tr('Our sale'))}</h4>{self._sale_html(item)}")
        return "".join(out)

    def _report_html(self, item: QueueItem, report: Report) -> str:
        """A platform report: what happened, to which of our seats, who and when; and whether it was seen."""
        e = html.escape
        words = _strings()
        out = [f"<h3>{e(words.kind(item.kind))} · {e(words.state(item.state))}</h3>",
               f"<p style='color:#8a1c12'><b>{e(words.report(report, item.subject))}</b></p>"]
        seat = report.seat
        states = {"available": self.tr("on sale here"), "sold": self.tr("sold here"),
                  "returning": self.tr("being returned"), "returned": self.tr("returned"),
                  "withdrawn": self.tr("not ours to sell")}
        rows = [(self.tr("Event"), item.event_name or "—"),
                (self.tr("Our seat"), _seat_label(seat.seat, seat.zone, seat.row) if seat
                 else report.ticket_id or "—"),
                (self.tr("State here"), states.get(report.seat_state or "", report.seat_state or "—")),
                (self.tr("Our sale"), report.our_sale or "—"),
                (self.tr("Other side"), report.other_office or words.channel(report.other_channel)),
                (self.tr("Their purchase code") if report.role == "holder" else self.tr("Purchase code"),
                 report.purchase_code or "—"),
                (self.tr("Detected at"), local_time(report.detected_at)),
                (self.tr("Learned at"), local_time(report.fetched_at))]
        if report.order_id:
            rows.append((self.tr("Our order there"), report.order_id))
        out.append(_facts(rows))
        if report.seen is not None:
            out.append("<p style='background:#f4f5f7; padding:6px'><b>{}</b> {}</p>".format(
                e(self.tr("Seen by {actor} at {time}:").format(actor=report.seen.actor,
                                                               time=local_time(report.seen.seen_at))),
                e(report.seen.note)))
        elif report.role == "holder":
            out.append("<p>{}</p>".format(e(self.tr(
                "Nothing changed here: the seat is still ours. Tell the other office's supervisor (their customer "
                "holds a ticket the platform did not give them), then press Mark seen…"))))
        else:
            out.append("<p>{}</p>".format(e(self.tr(
                "The platform stored our sale but not this seat for it; see the sale's conflict to decide, then "
                "press Mark seen…"))))
        return "".join(out)

    def _sale_html(self, item: QueueItem) -> str:
        sale = item.sale
        assert sale is not None
        money = self.backend.money
        words = {"cash": self.tr("cash"), "card": self.tr("card")}
        seats = ", ".join(_seat_label(s.seat, s.zone, s.row) for s in sale.seats)
        rows = [(self.tr("Code"), sale.purchase_code), (self.tr("Event"), sale.event_name),
                (self.tr("Seats"), seats), (self.tr("Clerk"), sale.clerk or "—"),
                (self.tr("Sold at"), local_time(sale.created_at)), (self.tr("Total"), money.format(sale.total_cents)),
                (self.tr("Paid"), ", ".join(f"{words.get(m, m)} {money.format(a)}" for m, a in sale.payments))]
        if sale.customer_name:
            rows.append((self.tr("Customer"), sale.customer_name))
        if sale.status == "voided":
            rows.append((self.tr("Voided"), sale.void_reason or ""))
        return _facts(rows)

    def _holder_text(self, conflict) -> str:
        """The other side of a seat sold twice: the order that holds it, where and when it was sold."""
        held = conflict.held_by or {}
        where = held.get("office_id") or held.get("source") or "?"
        text = self.tr("held by order {code} ({where}), sold {when}").format(
            code=held.get("purchase_code") or held.get("order_id") or "?", where=where,
            when=local_time(conflict.held_since))
        if held.get("client_name"):
            text += self.tr(", customer {name}").format(name=held["client_name"])
        return text

    def _sides_html(self, item: QueueItem) -> str:
        e = html.escape
        platform = item.platform
        assert platform is not None
        words = _strings()
        said = [(self.tr("Our order there"), platform.order_id or "—"),
                (self.tr("Answered at"), local_time(platform.answered_at))]
        for c in platform.conflicts:
            said.append((c.seat, words.conflict(c.conflict)))
            if c.held_by:
                said.append(("", self._holder_text(c)))
        said += [(self.tr("Also noted"), i) for i in platform.inconsistencies]
        return ("<table width='100%' cellspacing='0' cellpadding='4'><tr>"
                f"<td width='50%' valign='top' style='background:#f4f7fb'><h4>{e(self.tr('Our sale'))}</h4>"
                f"{self._sale_html(item)}</td>"
                f"<td width='50%' valign='top' style='background:#fdf3f2'><h4>"
                f"{e(self.tr('What the central platform said'))}</h4>{_facts(said)}</td></tr></table>")

    # -- actions ---------------------------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self._selection_changed()

    def _show(self, text: str, kind: str) -> None:
        _set_message(self.message, text, kind)
        self.message.setVisible(bool(text))

    def retry(self, ids: Sequence[int] | None) -> None:
        """Retry the given items (None: every parked one) in the background, then wake the worker."""
        if self.busy:
            return
        self._set_busy(True)
        sync, actor = self.ctx.facades.sync, self.actor
        ids = list(ids) if ids is not None else None
        self.ctx.runner.write(self, lambda: sync.retry(ids, actor), success=lambda done: self._retried(done.value),
                              failure=self._failed)

    def _retried(self, result: Any) -> None:
        self._set_busy(False)
        if result.ids:  # the facade woke the delivery worker
            self._show(self.tr("Back in the queue: {n}; sending now.").format(n=len(result.ids)), "ok")
        else:
            self._show(self.tr("Nothing is parked: nothing to retry."), "ok")
        self.refresh()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._show(describe(exc, self.ctx.money), "error")
        self.refresh()

    def open_decision(self) -> ConflictDecisionDialog | None:
        """Ask what happens to the selected conflict (window-modal, not blocking); decides on OK."""
        items = self.selected_items()
        if len(items) != 1 or items[0].state != "conflict":
            return None
        dialog = ConflictDecisionDialog(items[0], self.backend.money, self)
        self.decision_dialog = dialog
        code = items[0].subject
        dialog.accepted.connect(lambda: self.decide(code, dialog.decision() or "", dialog.reason.text()))
        dialog.open()
        return dialog

    def open_seen(self) -> ReportSeenDialog | None:
        """Ask for the note on the selected report (window-modal, not blocking); marks it seen on OK."""
        items = self.selected_items()
        if len(items) != 1 or items[0].report is None or items[0].state != "reported":
            return None
        report = items[0].report
        dialog = ReportSeenDialog(_strings().report(report, items[0].subject), self)
        self.seen_dialog = dialog
        dialog.accepted.connect(lambda: self.mark_seen(report.conflict_id, dialog.note.text()))
        dialog.open()
        return dialog

    def mark_seen(self, conflict_id: int, note: str) -> None:
        """Record in the background that the report was seen; a refusal (seen already, no note) is shown."""
        if self.busy:
            return
        self._set_busy(True)
        sync, actor = self.ctx.facades.sync, self.actor
        self.ctx.runner.write(self, lambda: sync.mark_seen(conflict_id, note, actor),
                              success=lambda _done: self._marked_seen(), failure=self._failed)

    def _marked_seen(self) -> None:
        self._set_busy(False)
        self._show(self.tr("Marked as seen; the note is in the journal."), "ok")
        self.refresh()

    def decide(self, purchase_code: str, decision: str, note: str) -> None:
        """Record a decision in the background; a refusal (decided already, no reason...) is shown, not raised."""
        if self.busy:
            return
        self._set_busy(True)
        sync, actor = self.ctx.facades.sync, self.actor
        listed = [i for i in self.model.items if i.kind == "sale" and i.subject == purchase_code and i.sale]
        total_cents = listed[0].sale.total_cents if listed and listed[0].sale else 0

        def work() -> Any:
            done = sync.decide(purchase_code, decision, note, actor)
            return Changed((purchase_code, total_cents, done.value), done.changes)

        self.ctx.runner.write(self, work, success=lambda done: self._decided(done.value), failure=self._failed)

    def _decided(self, outcome: tuple[str, int, Any]) -> None:
        self._set_busy(False)
        purchase_code, total_cents, decision = outcome
        if decision.decision == "void_ours" and decision.voided:  # the cancellation is queued, delivery woken
            text = self.tr("Decision recorded: sale {code} is voided. Refund {total} to our customer; the "
                           "cancellation goes to the central platform with the next sync.").format(
                code=purchase_code, total=self.backend.money.format(total_cents))
        elif decision.decision == "void_ours":
            text = self.tr("Decision recorded: the sale was voided already.")
        else:
            text = self.tr("Decision recorded: our customer keeps the seats. Have the other sale refunded or moved "
                           "on the central platform.")
        self._show(text, "ok")
        self.refresh()


def _cancel_and_ok(dialog: QDialog, layout: QVBoxLayout, cancel_text: str, ok_text: str) -> QPushButton:
    """Cancel and a primary OK (off until the dialog says it may be pressed) at the bottom right; the OK."""
    buttons = QHBoxLayout()
    buttons.addStretch(1)
    cancel = QPushButton(cancel_text, dialog)
    cancel.setAutoDefault(False)
    ok = QPushButton(ok_text, dialog)
    ok.setObjectName("primary")
    ok.setEnabled(False)
    buttons.addWidget(cancel)
    buttons.addWidget(ok)
    layout.addLayout(buttons)
    cancel.clicked.connect(dialog.reject)
    ok.clicked.connect(dialog.accept)
    return ok


def _seat_label(seat: str, zone: str | None, row: str | None) -> str:
    """"GEN160 (General, row F)"."""
    where = ", ".join(x for x in (zone, _strings().row(row) if row else None) if x)
    return f"{seat} ({where})" if where else seat


def _facts(rows: Sequence[tuple[str, str]]) -> str:
    e = html.escape
    cells = "".join(f"<tr><td style='color:#5f6b76; padding-right:10px' valign='top'>{e(k)}</td>"
                    f"<td valign='top'>{e(v)}</td></tr>" for k, v in rows)
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"
