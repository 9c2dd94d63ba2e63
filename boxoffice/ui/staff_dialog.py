"""The staff screen (a supervisor's): every clerk with their role, badge and state; add, edit, deactivate or
reactivate, reset a PIN, enrol a badge by swiping it: :class:`StaffDialog`.

Everything goes through the clerks facade on the operation runner: the list is read on the read pool (again
whenever the change hub says a clerk changed), every change runs on the writer thread with the supervisor who
opened the screen as actor, and the service checks that supervisor again (role and active) in its transaction.
Refusals (a name or badge taken, the last supervisor, a bad PIN) are shown in the form that asked, through
``error_text.describe``, and the form stays open to fix them. PINs are typed twice and never leave the form
except to the service. A badge reader is a keyboard wedge: its swipe lands in the focused "swipe now" field and
ends with Enter, or, when the app's scan detector takes the burst, arrives as :meth:`StaffDialog.badge_scanned`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from boxoffice.services.clerks import ClerkInfo, StaffMember
from boxoffice.ui.error_text import describe
from boxoffice.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QCoreApplication,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from boxoffice.ui.signin import _pin_field, _weakly
from boxoffice.ui.tone import ERROR, INFO, OK, set_tone
from boxoffice.ui.window_context import WindowContext

ROLES = ("clerk", "supervisor", "door")


def role_text(role: str) -> str:
    return {
        "clerk": QCoreApplication.translate("StaffDialog", "Clerk"),
        "supervisor": QCoreApplication.translate("StaffDialog", "Supervisor"),
        "door": QCoreApplication.translate("StaffDialog", "Door only"),
    }.get(role, role)


class _Form(QDialog):
    """A small form whose OK runs ``submit(values)`` on the writer thread; a refusal keeps it open."""

    def __init__(self, ctx: WindowContext, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(640)
        self.outer = QVBoxLayout(self)
        self.outer.setContentsMargins(24, 16, 24, 16)
        self.outer.setSpacing(12)
        heading = QLabel(title, self)
        heading.setObjectName("panelTitle")
        self.outer.addWidget(heading)
        self.form = QFormLayout()
        self.form.setVerticalSpacing(12)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.outer.addLayout(self.form)
        self.message = QLabel(self)
        self.message.setObjectName("staffFormMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(40)
        self.outer.addWidget(self.message)
        row = QHBoxLayout()
        row.addStretch(1)
        self.ok_button = QPushButton(QCoreApplication.translate("StaffForm", "Save"), self)
        self.ok_button.setObjectName("primary")
        self.cancel_button = QPushButton(QCoreApplication.translate("StaffForm", "Cancel"), self)
        for button in (self.ok_button, self.cancel_button):
            button.setMinimumHeight(48)
            button.setAutoDefault(False)
            row.addWidget(button)
        self.outer.addLayout(row)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.work: Callable[[], Any] | None = None

    def line(self, name: str, label: str, text: str = "") -> QLineEdit:
        field = QLineEdit(text, self)
        field.setObjectName(name)
        field.setMinimumHeight(44)
        field.returnPressed.connect(self.submit)
        self.form.addRow(self.label(label), field)
        return field

    def label(self, text: str) -> QLabel:
        """A form label as tall as its field, its text centred beside it."""
        label = QLabel(text, self)
        label.setMinimumHeight(44)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return label

    def pins(self) -> tuple[QLineEdit, QLineEdit]:
        first, again = _pin_field(self, "newPin"), _pin_field(self, "newPinAgain")
        labels = (QCoreApplication.translate("StaffForm", "New PIN"),
                  QCoreApplication.translate("StaffForm", "New PIN again"))
        for field, label in zip((first, again), labels, strict=True):
            field.returnPressed.connect(self.submit)
            field.setMinimumHeight(44)
            self.form.addRow(self.label(label), field)
        return first, again

    def error(self, text: str, focus: QWidget | None = None) -> None:
        set_tone(self.message, text, ERROR)
        if focus is not None:
            focus.setFocus()

    def check(self) -> Callable[[], Any] | None:
        """The work to run, or None after showing what is missing (subclasses)."""
        raise NotImplementedError

    def submit(self) -> None:
        if self.busy:
            return
        work = self.check()
        if work is None:
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        set_tone(self.message, QCoreApplication.translate("StaffForm", "Saving…"), INFO)
        self.ctx.runner.write(self, work, success=_weakly(self._done), failure=_weakly(self._refused))

    def _done(self, _result: object) -> None:
        self.busy = False
        self.accept()

    def _refused(self, exc: Exception) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.error(describe(exc, self.ctx.money))

    def reject(self) -> None:
        if not self.busy:  # a change in flight finishes first (its journal entry is being written)
            super().reject()


def _pins_match(form: _Form, first: QLineEdit, again: QLineEdit) -> str | None:
    pin = first.text()
    if not pin:
        form.error(QCoreApplication.translate("StaffForm", "Type the new PIN."), first)
        return None
    if again.text() != pin:
        again.clear()
        form.error(QCoreApplication.translate("StaffForm", "The two PINs differ; type the new PIN again."), again)
        return None
    return pin


class ClerkForm(_Form):
    """Add a clerk (name, role, PIN twice) or edit one (name, role)."""

    def __init__(self, ctx: WindowContext, actor: ClerkInfo, parent: QWidget,
                 member: StaffMember | None = None) -> None:
        super().__init__(ctx, self.tr("Edit clerk") if member else self.tr("Add a clerk"), parent)
        self.setObjectName("clerkForm")
        self.actor = actor
        self.member = member
        self.name_field = self.line("clerkName", self.tr("Name"), member.name if member else "")
        self.role_combo = QComboBox(self)
        self.role_combo.setObjectName("clerkRole")
        self.role_combo.setMinimumHeight(44)
        for role in ROLES:
            self.role_combo.addItem(role_text(role), role)
        self.role_combo.setCurrentIndex(ROLES.index(member.role) if member and member.role in ROLES else 0)
        self.form.addRow(self.label(self.tr("Role")), self.role_combo)
        self.pin_fields = self.pins() if member is None else None
        hint = QLabel(self.tr("Clerk: sells and checks tickets. Supervisor: everything. Door only: checks "
                              "tickets at the door."), self)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        self.outer.insertWidget(self.outer.indexOf(self.message), hint)
        self.name_field.setFocus()

    def check(self) -> Callable[[], Any] | None:
        name = self.name_field.text().strip()
        if not name:
            self.error(self.tr("Give the clerk a name."), self.name_field)
            return None
        role = self.role_combo.currentData()
        facade, actor = self.ctx.facades.clerks, self.actor
        if self.member is not None:
            clerk_id = self.member.id
            return lambda: facade.edit_clerk(actor, clerk_id, name=name, role=role)
        assert self.pin_fields is not None
        pin = _pins_match(self, *self.pin_fields)
        if pin is None:
            return None
        return lambda: facade.add_clerk(actor, name, pin, role)


class PinForm(_Form):
    """A new PIN for a clerk, typed twice (lifts a lockout)."""

    def __init__(self, ctx: WindowContext, actor: ClerkInfo, member: StaffMember, parent: QWidget) -> None:
        super().__init__(ctx, self.tr("New PIN for {name}").format(name=member.name), parent)
        self.setObjectName("pinForm")
        self.actor, self.member = actor, member
        self.pin_fields = self.pins()
        self.pin_fields[0].setFocus()

    def check(self) -> Callable[[], Any] | None:
        pin = _pins_match(self, *self.pin_fields)
        if pin is None:
            return None
        facade, actor, clerk_id = self.ctx.facades.clerks, self.actor, self.member.id
        return lambda: facade.reset_pin(actor, clerk_id, pin)


class BadgeForm(_Form):
    """Enrol a badge: the focused field takes the swipe (a keyboard wedge types it and presses Enter)."""

    def __init__(self, ctx: WindowContext, actor: ClerkInfo, member: StaffMember, parent: QWidget) -> None:
        super().__init__(ctx, self.tr("Badge for {name}").format(name=member.name), parent)
        self.setObjectName("badgeForm")
        self.actor, self.member = actor, member
        prompt = QLabel(self.tr("Swipe the badge now.") if not member.has_badge else
                        self.tr("Swipe the new badge now: it replaces the one {name} has.").format(name=member.name),
                        self)
        prompt.setObjectName("swipePrompt")
        prompt.setWordWrap(True)
        self.outer.insertWidget(1, prompt)
        self.badge_field = self.line("badgeSwipe", self.tr("Badge"))
        self.badge_field.setEchoMode(QLineEdit.EchoMode.Password)  # a badge signs in on its own: keep it unread
        self.badge_field.setPlaceholderText(self.tr("waiting for the swipe…"))
        self.ok_button.setText(self.tr("Enrol"))
        self.badge_field.setFocus()

    def badge_scanned(self, code: str) -> None:
        """The app's scan detector took the swipe: use it as if it had been typed here."""
        if not self.busy and code.strip():
            self.badge_field.setText(code.strip())
            self.submit()

    def check(self) -> Callable[[], Any] | None:
        code = self.badge_field.text().strip()
        if not code:
            self.error(self.tr("Swipe the badge to enrol it."), self.badge_field)
            return None
        facade, actor, clerk_id = self.ctx.facades.clerks, self.actor, self.member.id
        self.badge_field.clear()
        return lambda: facade.enrol_badge(actor, clerk_id, code)


class StaffDialog(QDialog):
    """The clerks of this terminal and what a supervisor does with them; ``actor`` signs every change."""

    #: the list on screen was read again (tests wait on it)
    refreshed = Signal()

    def __init__(self, ctx: WindowContext, actor: ClerkInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("staffDialog")
        self.setWindowTitle(self.tr("Staff"))
        self.setMinimumSize(900, 560)
        self.ctx = ctx
        self.actor = actor
        self.members: list[StaffMember] = []
        self.form: _Form | None = None
        self._toggled_text = ""

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        top = QHBoxLayout()
        title = QLabel(self.tr("Staff"), self)
        title.setObjectName("panelTitle")
        top.addWidget(title)
        top.addStretch(1)
        self.close_button = self._button("closeStaff", self.tr("Close"), self.accept, top)  # the action row is full
        layout.addLayout(top)
        intro = QLabel(self.tr("Deactivated clerks stay listed: their sales keep their name. Changes are "
                               "recorded in the journal under {name}.").format(name=actor.name), self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("staffTable")
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Badge"), self.tr("State")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.edit_selected())
        layout.addWidget(self.table, 1)
        self.message = QLabel(self)
        self.message.setObjectName("staffMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(32)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.add_button = self._button("addClerk", self.tr("Add…"), self.add_clerk, buttons)
        self.edit_button = self._button("editClerk", self.tr("Edit…"), self.edit_selected, buttons)
        self.active_button = self._button("toggleActive", self.tr("Deactivate"), self.toggle_active, buttons)
        self.pin_button = self._button("resetPin", self.tr("Reset PIN…"), self.reset_pin, buttons)
        self.badge_button = self._button("enrolBadge", self.tr("Enrol badge…"), self.enrol_badge, buttons)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        ctx.hub.clerks_changed.connect(self.reload)
        self._selection_changed()
        self.reload()

    def _button(self, name: str, text: str, slot: Callable[[], Any], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setMinimumHeight(48)
        button.setAutoDefault(False)
        button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # never clip its text
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # --- the list -------------------------------------------------------------------------------------

    def reload(self) -> None:
        self.ctx.runner.read(self, self.ctx.facades.clerks.staff_list, success=_weakly(self._show),
                             failure=_weakly(self._refused))

    def _show(self, members: list[StaffMember]) -> None:
        chosen = self.selected()
        self.members = members
        self.table.setRowCount(len(members))
        for row, member in enumerate(members):
            cells = (member.name, role_text(member.role), self.tr("Yes") if member.has_badge else self.tr("No"),
                     self.tr("Active") if member.active else self.tr("Deactivated"))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if not member.active:
                    item.setForeground(Qt.GlobalColor.darkGray)
                self.table.setItem(row, column, item)
        if chosen is not None:
            self.select(chosen.id)
        self._selection_changed()
        self.refreshed.emit()

    def selected(self) -> StaffMember | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.members[rows.pop()] if len(rows) == 1 and max(rows) < len(self.members) else None

    def select(self, clerk_id: int) -> None:
        row = next((i for i, m in enumerate(self.members) if m.id == clerk_id), None)
        if row is not None:
            self.table.selectRow(row)

    def _selection_changed(self) -> None:
        member = self.selected()
        for button in (self.edit_button, self.active_button, self.pin_button, self.badge_button):
            button.setEnabled(member is not None)
        if member is not None:
            self.pin_button.setEnabled(member.active)
            self.badge_button.setEnabled(member.active)
        self.active_button.setText(self.tr("Reactivate") if member is not None and not member.active
                                   else self.tr("Deactivate"))

    # --- actions --------------------------------------------------------------------------------------

    def _open_form(self, form: _Form, done: str) -> _Form:
        self.form = form
        form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        form.accepted.connect(lambda: set_tone(self.message, done, OK))
        form.finished.connect(lambda _result: setattr(self, "form", None))
        form.open()
        return form

    def add_clerk(self) -> _Form:
        return self._open_form(ClerkForm(self.ctx, self.actor, self), self.tr("Clerk added."))

    def edit_selected(self) -> _Form | None:
        member = self.selected()
        if member is None:
            return None
        return self._open_form(ClerkForm(self.ctx, self.actor, self, member), self.tr("Changes saved."))

    def reset_pin(self) -> _Form | None:
        member = self.selected()
        if member is None or not member.active:
            return None
        return self._open_form(PinForm(self.ctx, self.actor, member, self),
                               self.tr("New PIN saved for {name}.").format(name=member.name))

    def enrol_badge(self) -> _Form | None:
        member = self.selected()
        if member is None or not member.active:
            return None
        return self._open_form(BadgeForm(self.ctx, self.actor, member, self),
                               self.tr("Badge enrolled for {name}.").format(name=member.name))

    def toggle_active(self) -> None:
        """Deactivate the selected clerk (reversible: nothing is deleted), or reactivate them."""
        member = self.selected()
        if member is None:
            return
        facade, actor, active = self.ctx.facades.clerks, self.actor, not member.active
        done = (self.tr("{name} can sign in again.") if active
                else self.tr("{name} is deactivated and can no longer sign in.")).format(name=member.name)
        self.active_button.setEnabled(False)
        self._toggled_text = done
        self.ctx.runner.write(self, lambda: facade.set_active(actor, member.id, active),
                              success=_weakly(self._toggled), failure=_weakly(self._refused))

    def _toggled(self, _result: object) -> None:
        set_tone(self.message, self._toggled_text, OK)  # the list is read again on the hub's clerks_changed

    def _refused(self, exc: Exception) -> None:
        self._selection_changed()
        set_tone(self.message, describe(exc, self.ctx.money), ERROR)

    def badge_scanned(self, code: str) -> None:
        """A swipe the app's scan detector took while this screen is open: the badge form's, if one is open."""
        if isinstance(self.form, BadgeForm):
            self.form.badge_scanned(code)
        else:
            set_tone(self.message, self.tr("Choose a clerk and press Enrol badge… before swiping."), INFO)
