"""First start with no configuration: the installer pairs the window with the central platform.

:class:`FirstRunWizard` has three steps on one stacked dialog (styled like sign-in, sized for 1024x768):

1. *Connect*: address, office id, office name, API token (hidden), optional CA file, optional event ids (for a
   platform that implements only the spec and cannot list the office's events; then they are asked for).
   "Test connection" asks the platform in the background; a failure is shown under the field it concerns (see
   :mod:`boxoffice.pairing`). Next is enabled only once the values on screen have passed the test.
2. *Pair and fetch*: the token goes to the OS keyring, the config is saved, the inventory is pulled, each with its
   line in a checklist. A failed pull can be retried or skipped (the app pulls again at every start).
3. *Supervisor*: the :class:`~boxoffice.ui.signin.FirstSupervisorDialog` form, embedded; skipped when this
   database already has clerks.

There is no "set up later": an unpaired window has no inventory to sell, so the installer closes the wizard and
it opens again at the next start (or pairs from a shell with ``boxoffice pair``). Once step 2 has saved the
pairing, ``self.paired`` holds the new context even if the wizard is then closed.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from boxoffice import pairing
from boxoffice.core.errors import BoxOfficeError, CredentialsError
from boxoffice.services.clerks import ClerkInfo
from boxoffice.ui.error_text import describe
from boxoffice.ui.file_dialogs import choose_file
from boxoffice.ui.qt import (
    QDialog,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QKeyEvent,
    QLabel,
    QLineEdit,
    QObject,
    QPushButton,
    QStackedWidget,
    Qt,
    QVBoxLayout,
    QWidget,
)
from boxoffice.ui.signin import FirstSupervisorDialog, _busy_bar, _set_message

log = logging.getLogger(__name__)

FIELD_HEIGHT = 48
DETAIL_CHARS = 100  # the technical detail under the test result: one line at 1024 pixels
CONNECT, PAIR, SUPERVISOR = range(3)


def _message_label(parent: QWidget, name: str) -> QLabel:
    label = QLabel(parent)
    label.setObjectName("signInMessage")  # the stylesheet's red (error) and blue (info) messages
    label.setProperty("role", name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class FirstRunWizard(QDialog):
    """Pair, pull, create the first supervisor. Accepts at the end with ``paired`` and ``supervisor`` set."""

    def __init__(self, ctx: Any, setup: Any, parent: QWidget | None = None) -> None:
        """``ctx``: the :class:`~boxoffice.ui.window_context.WindowContext` (runner, facades);
        ``setup``: the :class:`~boxoffice.facades.pairing.PairingFacade` of this unpaired terminal."""
        super().__init__(parent)
        self.setObjectName("firstRunWizard")
        self.setWindowTitle(self.tr("Set up this box office"))
        self.setModal(True)
        self.setMinimumSize(900, 700)
        self._ctx = ctx
        self._setup = setup
        self._has_clerks: bool | None = None  # read on the read pool; None until known
        self.busy = False
        self.office: pairing.OfficeInfo | None = None  # what the last successful test found
        self._tested: tuple[str, str, str, str, str] | None = None  # the values that passed the test
        self.paired: Any = None  # boxoffice.app.Context once the pairing is saved
        self.pulled: list | None = None  # the pull's MergeReports once it succeeded
        self.supervisor: ClerkInfo | None = None

        outer = QVBoxLayout(self)
        outer.setContentsMargins(32, 20, 32, 20)
        outer.setSpacing(10)
        title = QLabel(self.tr("Set up this box office"), self)
        title.setObjectName("panelTitle")
        outer.addWidget(title)
        self.step_label = QLabel(self)
        self.step_label.setObjectName("subtitle")
        self.step_label.setWordWrap(True)
        outer.addWidget(self.step_label)

        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._build_connect_page())
        self.pages.addWidget(self._build_pair_page())
        self.pages.addWidget(self._build_supervisor_page())
        outer.addWidget(self.pages, 1)

        self.busy_bar = _busy_bar(self)
        outer.addWidget(self.busy_bar)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        self.close_button = self._button(self.tr("Close"), "closeButton")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        self.back_button = self._button(self.tr("Back"), "backButton")
        self.back_button.clicked.connect(self._back)
        buttons.addWidget(self.back_button)
        self.retry_button = self._button(self.tr("Try again"), "retryButton")
        self.retry_button.clicked.connect(self._start_pull)
        buttons.addWidget(self.retry_button)
        self.next_button = self._button(self.tr("Next"), "nextButton")
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self._next)
        buttons.addWidget(self.next_button)
        # The supervisor form's own button joins this row, so every step ends in the same place.
        buttons.addWidget(self.supervisor_form.create_button)
        outer.addLayout(buttons)

        self._show_page(CONNECT)
        self.url_field.setFocus()
        self._read_clerks()

    # --- building -------------------------------------------------------------------------------------

    def _button(self, text: str, name: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.setMinimumWidth(150)
        return button

    def _field(self, parent: QWidget, name: str, placeholder: str, *, tested: bool = True) -> QLineEdit:
        field = QLineEdit(parent)
        field.setObjectName(name)
        field.setMinimumHeight(FIELD_HEIGHT)
        field.setPlaceholderText(placeholder)
        if tested:  # editing it invalidates the last connection test
            field.textEdited.connect(self._values_changed)
        return field

    def _build_connect_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        form = QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.field_errors: dict[str, QLabel] = {}

        self.url_field = self._field(page, "urlField", self.tr("e.g. https://central.example"))
        self.url_field.setInputMethodHints(Qt.InputMethodHint.ImhUrlCharactersOnly)
        self._add_row(form, page, self.tr("Platform address"), self.url_field, pairing.URL)
        self.office_field = self._field(page, "officeField", self.tr("e.g. office_taquilla_norte"))
        self._add_row(form, page, self.tr("Office id"), self.office_field, pairing.OFFICE)
        self.name_field = self._field(page, "officeNameField", self.tr("optional: shown on tickets"), tested=False)
        self._add_row(form, page, self.tr("Office name"), self.name_field, None)

        self.token_field = self._field(page, "tokenField", self.tr("paste the office's API token"))
        self.token_field.setEchoMode(QLineEdit.EchoMode.Password)
        self.token_field.setInputMethodHints(Qt.InputMethodHint.ImhSensitiveData
                                             | Qt.InputMethodHint.ImhNoPredictiveText)
        self.show_token = QPushButton(self.tr("Show"), page)
        self.show_token.setObjectName("showToken")
        self.show_token.setCheckable(True)
        self.show_token.setAutoDefault(False)
        self.show_token.toggled.connect(self._toggle_token)
        self._add_row(form, page, self.tr("API token"), self._pair_with(page, self.token_field, self.show_token),
                      pairing.TOKEN)

        self.ca_field = self._field(page, "caField", self.tr("optional: only for a private certificate"))
        self.ca_browse = QPushButton(self.tr("Choose…"), page)
        self.ca_browse.setObjectName("chooseCaFile")
        self.ca_browse.setAutoDefault(False)
        self.ca_browse.clicked.connect(self._choose_ca_file)
        self._add_row(form, page, self.tr("CA file"), self._pair_with(page, self.ca_field, self.ca_browse),
                      pairing.CA_FILE)
        self.events_field = self._field(page, "eventsField",
                                        self.tr("optional: only if the platform cannot list the office's events"))
        self._add_row(form, page, self.tr("Event ids"), self.events_field, pairing.EVENTS)
        layout.addLayout(form)
        for button in (self.show_token, self.ca_browse):
            button.setStyleSheet("min-width: 110px;")  # the same width: the two fields end level

        test_row = QHBoxLayout()
        test_row.setSpacing(16)
        self.test_button = QPushButton(self.tr("Test connection"), page)
        self.test_button.setObjectName("testConnection")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test_connection)
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        self.test_result = _message_label(page, "testResult")
        self.test_result.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.test_result.setMinimumHeight(self.test_button.sizeHint().height())
        test_row.addWidget(self.test_result, 1)
        layout.addSpacing(6)
        layout.addLayout(test_row)
        self.test_detail = QLabel(page)
        self.test_detail.setObjectName("testDetail")
        self.test_detail.setWordWrap(False)
        self.test_detail.setTextFormat(Qt.TextFormat.PlainText)
        self.test_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.test_detail.setStyleSheet("font-size: 12pt; color: #4a5560;")
        layout.addWidget(self.test_detail)
        layout.addStretch(1)
        for field in (self.url_field, self.office_field, self.name_field, self.token_field, self.ca_field):
            field.returnPressed.connect(self.test_connection)
        return page

    def _pair_with(self, parent: QWidget, field: QLineEdit, button: QPushButton) -> QWidget:
        box = QWidget(parent)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(field, 1)
        row.addWidget(button)
        button.ensurePolished()  # the stylesheet's button height, so neither is squeezed nor taller
        height = max(button.sizeHint().height(), FIELD_HEIGHT)
        field.setMinimumHeight(height)
        box.setMinimumHeight(height)
        return box

    def _add_row(self, form: QFormLayout, parent: QWidget, text: str, field: QWidget, key: str | None) -> None:
        label = QLabel(text, parent)
        label.setMinimumHeight(max(FIELD_HEIGHT, field.minimumHeight()))
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        form.addRow(label, field)
        if key is not None:
            error = _message_label(parent, f"{key}Error")
            form.addRow("", error)
            form.setRowVisible(error, False)  # shown with its message: no empty gaps between the fields
            self.field_errors[key] = error
            self._form = form

    def _build_pair_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(14)
        self.steps: dict[str, QLabel] = {}
        for key in ("connection", "keyring", "config", "inventory"):
            label = _message_label(page, f"{key}Step")
            label.setMinimumHeight(40)
            layout.addWidget(label)
            self.steps[key] = label
        self.pair_message = _message_label(page, "pairMessage")
        self.pair_message.setMinimumHeight(56)
        layout.addWidget(self.pair_message)
        layout.addStretch(1)
        return page

    def _build_supervisor_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.supervisor_form = FirstSupervisorDialog(self._ctx, page)
        self.supervisor_form.setWindowFlags(Qt.WindowType.Widget)  # a page of this dialog, not a window
        self.supervisor_form.setMinimumSize(0, 0)
        for title in self.supervisor_form.findChildren(QLabel, "title"):
            title.hide()  # "Welcome": the wizard has its own title
        self.supervisor_form.cancel_button.hide()  # the wizard's Close does that
        self.supervisor_form.layout().setContentsMargins(0, 0, 0, 0)
        self.supervisor_form.accepted.connect(self._supervisor_created)
        self.supervisor_form.installEventFilter(self)  # Esc would reject (hide) the embedded form
        form = self.supervisor_form
        for field in (form.name_field, form.pin_field, form.repeat_field, form.badge_field):
            field.returnPressed.connect(form.submit)  # its default button now sits in the wizard's row
        layout.addWidget(self.supervisor_form)
        return page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.supervisor_form and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape):
            return True
        return super().eventFilter(watched, event)

    # --- navigation -----------------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.pages.currentIndex()

    def _show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        titles = {
            CONNECT: self.tr("Step 1 of 3: connect to the central platform"),
            PAIR: self.tr("Step 2 of 3: pair this window and fetch the inventory"),
            SUPERVISOR: self.tr("Step 3 of 3: create the supervisor"),
        }
        self.step_label.setText(titles[index])
        self._update_buttons()

    def _update_buttons(self) -> None:
        page = self.current_page()
        self.back_button.setVisible(page == PAIR and self.paired is None)
        self.retry_button.setVisible(page == PAIR and self.paired is not None and self.pulled is None)
        self.next_button.setVisible(page != SUPERVISOR)
        self.supervisor_form.create_button.setVisible(page == SUPERVISOR)
        if page == CONNECT:
            self.next_button.setText(self.tr("Next"))
            self.next_button.setEnabled(not self.busy and self._tested == self._values())
        elif page == PAIR:
            last = not self._needs_supervisor()
            self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
            self.next_button.setEnabled(not self.busy and self.paired is not None)
        for button in (self.back_button, self.retry_button, self.close_button):
            button.setEnabled(not self.busy)

    def _next(self) -> None:
        if self.busy:
            return
        page = self.current_page()
        if page == CONNECT and self._tested == self._values():
            self._show_page(PAIR)
            self._start_pairing()
        elif page == PAIR and self.paired is not None:
            if self._needs_supervisor():
                self._show_page(SUPERVISOR)
                self.supervisor_form.name_field.setFocus()
            else:
                self.accept()

    def _back(self) -> None:
        if not self.busy and self.paired is None:
            self._show_page(CONNECT)

    def _needs_supervisor(self) -> bool:
        return not self._has_clerks  # unknown yet: the supervisor step (it refuses if clerks turn out to exist)

    def _read_clerks(self) -> None:
        """Whether this store has clerks already (a re-paired window skips the supervisor step)."""
        def known(found: bool) -> None:
            self._has_clerks = found
            self._update_buttons()

        self._ctx.runner.read(self, self._setup.has_clerks, success=known, failure=lambda exc: log.warning(
            "could not read whether clerks exist: %s", type(exc).__name__))

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        for widget in (self.url_field, self.office_field, self.name_field, self.token_field, self.ca_field,
                       self.events_field):
            widget.setReadOnly(busy)
        self.test_button.setEnabled(not busy)
        self.ca_browse.setEnabled(not busy)
        self._update_buttons()

    def reject(self) -> None:
        if not self.busy:  # a check or a save in flight finishes first
            super().reject()

    # --- step 1: connect ------------------------------------------------------------------------------

    def _values(self) -> tuple[str, str, str, str, str]:
        return (self.url_field.text().strip(), self.office_field.text().strip(), self.token_field.text().strip(),
                self.ca_field.text().strip(), self.events_field.text().strip())

    def _values_changed(self, _text: str = "") -> None:
        """Edited after a test: that test no longer speaks for these values."""
        if self._tested is not None and self._tested != self._values():
            self._tested = None
            self.office = None
            _set_message(self.test_result, "", "")
            self.test_detail.clear()
        self._update_buttons()

    def _toggle_token(self, shown: bool) -> None:
        self.token_field.setEchoMode(QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password)
        self.show_token.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _choose_ca_file(self) -> None:
        path = choose_file(self, self.tr("The platform's CA certificate"), "",
                           self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"), save=False)
        if path:
            self.ca_field.setText(path)
            self._values_changed()

    def _clear_errors(self) -> None:
        for label in self.field_errors.values():
            _set_message(label, "", "")
            self._form.setRowVisible(label, False)
        _set_message(self.test_result, "", "")
        self.test_detail.clear()
        self.test_detail.setToolTip("")

    def test_connection(self) -> None:
        """Ask the platform (in the background) whether these values work; saves nothing."""
        if self.busy or self.current_page() != CONNECT:
            return
        self._clear_errors()
        values = self._values()
        url, office_id, token, ca_file, events = values
        event_ids = pairing.clean_event_ids(events)
        self._set_busy(True)
        _set_message(self.test_result, self.tr("Testing the connection…"), "info")
        setup = self._setup
        self._ctx.runner.network(self, lambda: (values, setup.check_connection(url, office_id, token, ca_file or None,
                                                                              event_ids)),
                                 success=self._test_passed, failure=self._test_failed)

    def _test_passed(self, outcome: tuple[tuple[str, str, str, str, str], pairing.OfficeInfo]) -> None:
        values, office = outcome
        self._set_busy(False)
        if values != self._values():  # edited while the test ran (fields are read-only, but be sure)
            return
        self._tested, self.office = values, office
        if office.events:
            names = ", ".join(e.name for e in office.events[:3]) + ("…" if len(office.events) > 3 else "")
            text = self.tr("Connected. %n event(s) assigned to this office: {names}", "", len(office.events)).format(
                names=names)
        else:
            text = self.tr("Connected. No events are assigned to this office yet.")
        _set_message(self.test_result, "✓ " + text, "info")
        self._update_buttons()
        self.next_button.setFocus()

    def _test_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        self._show_error(exc)

    def _show_error(self, exc: Exception) -> None:
        """The message under the field it concerns (or under the test button), details below."""
        text = self.error_text(exc)
        field = getattr(exc, "field", "")
        target = self.field_errors.get(field)
        if target is not None:
            self._form.setRowVisible(target, True)
            _set_message(target, text, "error")
            _set_message(self.test_result, self.tr("The connection test failed; see above."), "error")
            {pairing.URL: self.url_field, pairing.OFFICE: self.office_field, pairing.TOKEN: self.token_field,
             pairing.CA_FILE: self.ca_field, pairing.EVENTS: self.events_field}[field].setFocus()
        else:
            _set_message(self.test_result, text, "error")
        detail = getattr(exc, "detail", "")
        self.test_detail.setToolTip(detail)  # whole, for IT; one line on screen
        short = detail if len(detail) <= DETAIL_CHARS else detail[:DETAIL_CHARS - 1] + "…"
        self.test_detail.setText(self.tr("Details: {detail}").format(detail=short) if detail else "")

    def error_text(self, exc: Exception) -> str:
        """What to tell the installer, by error type (the pairing module's English text is for the CLI)."""
        url = self.url_field.text().strip()
        parts = urlsplit(url if "://" in url else "")
        host = parts.hostname or url
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            port = 0
        office = self.office_field.text().strip()
        if isinstance(exc, pairing.PairingError):  # texts by code in ui/error_text.py, filled from the fields
            return describe(exc, context={"host": host, "port": port, "office": office, "address": url})
        if isinstance(exc, CredentialsError):
            return self.tr("The token cannot be kept in this computer's keyring: {error}").format(error=str(exc))
        if isinstance(exc, BoxOfficeError):
            return str(exc)
        log.error("first-run step failed unexpectedly: %s", type(exc).__name__)
        return self.tr("Something went wrong ({error}). Try again; if it keeps failing, call IT.").format(
            error=type(exc).__name__)

    # --- step 2: pair and pull ------------------------------------------------------------------------

    def _start_pairing(self) -> None:
        url, office_id, token, ca_file, events = self._tested or self._values()
        event_ids = pairing.clean_event_ids(events)
        name = self.name_field.text().strip() or None
        setup = self._setup
        office = self.office
        for label in self.steps.values():
            _set_message(label, "", "")
        _set_message(self.pair_message, "", "")
        if office is not None:
            _set_message(self.steps["connection"], "✓ " + self.tr("Connection tested: %n event(s) assigned", "",
                                                                         len(office.events)), "info")
        _set_message(self.steps["keyring"], self.tr("Saving the token in the keyring and the settings…"), "info")
        self._set_busy(True)
        self._ctx.runner.network(self, lambda: setup.pair(url, office_id, token, office_name=name, ca_file=ca_file,
                                                          event_ids=event_ids),
                                 success=self._pairing_saved, failure=self._pairing_failed)

    def _pairing_saved(self, result: pairing.Paired) -> None:
        self.paired = result.context
        self.office = result.office
        self.token_field.clear()  # not kept in the widget longer than needed
        self._tested = None
        _set_message(self.steps["keyring"], "✓ " + self.tr("Token stored in the keyring"), "info")
        _set_message(self.steps["config"], "✓ " + self.tr("Settings saved: {url}, office {office}").format(
            url=result.context.config.central.url, office=result.context.config.central.office_id), "info")
        self.busy = False
        self._start_pull()

    def _pairing_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        _set_message(self.steps["keyring"], "", "")
        _set_message(self.pair_message, self.tr("Nothing was saved: {error}").format(error=self.error_text(exc)),
                     "error")
        self._show_error(exc)  # also under the field, for when the installer goes back

    def _start_pull(self) -> None:
        if self.paired is None or self.busy:
            return
        setup, paired = self._setup, self.paired
        event_ids = self.office.event_ids if self.office is not None else ()
        _set_message(self.steps["inventory"], self.tr("Fetching the inventory…"), "info")
        _set_message(self.pair_message, "", "")
        self._set_busy(True)

        # whether clerks exist is read again with it: a re-paired window may have them (then no supervisor step)
        self._ctx.runner.network(self, lambda: (*setup.pull(paired, event_ids), setup.has_clerks()),
                                 success=self._pulled, failure=self._pull_failed)

    def _pulled(self, outcome: tuple[list, list[str], bool]) -> None:
        reports, refused, self._has_clerks = outcome
        self.pulled = reports
        self._set_busy(False)
        tickets = sum(r.available for r in reports)
        text = self.tr("Inventory fetched: {tickets} for sale in {events}").format(
            tickets=self.tr("%n ticket(s)", "", tickets), events=self.tr("%n event(s)", "", len(reports)))
        if refused:
            text += " " + self.tr("(%n ticket type(s) left out: their price is not valid; see the log)", "",
                                  len(refused))
        _set_message(self.steps["inventory"], "✓ " + text, "info")
        if self._needs_supervisor():
            _set_message(self.pair_message, self.tr("Paired. Next, create the supervisor."), "info")
        else:
            _set_message(self.pair_message, self.tr("Paired. This window already has clerks: Finish to sign in."),
                         "info")
        self._update_buttons()
        self.next_button.setFocus()

    def _pull_failed(self, exc: Exception) -> None:
        self._set_busy(False)
        _set_message(self.steps["inventory"], self.tr("Could not fetch the inventory: {error}").format(
            error=self.error_text(exc)), "error")
        _set_message(self.pair_message, self.tr("The pairing is saved. Try again, or go on: the window fetches "
                                                "the inventory again at every start."), "info")
        self._update_buttons()

    # --- step 3: the supervisor -----------------------------------------------------------------------

    def _supervisor_created(self) -> None:
        self.supervisor = self.supervisor_form.clerk
        self.accept()

    def badge_scanned(self, code: str) -> None:
        """The app routes scans here while the wizard is open: a badge becomes the supervisor's."""
        if self.current_page() == SUPERVISOR:
            self.supervisor_form.badge_scanned(code)
