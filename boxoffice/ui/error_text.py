"""Domain errors as text a clerk can read, in the window's language (issue #13 point 5).

Services raise :class:`~boxoffice.core.errors.BoxOfficeError` subclasses with a ``code`` and ``params``; this is
the one place that turns a code into translated text. Parameters named ``*_cents`` are shown as money. An error
whose code has no text here falls back to its English message (still readable, and logged so the gap is seen);
an unexpected exception is never shown raw: the clerk is told nothing was recorded and where the details are.
"""

from __future__ import annotations

import logging
import string
from collections.abc import Mapping

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.money import MoneyFormat, money_format
from boxoffice.ui.qt import QApplication, QCoreApplication, QMessageBox, QObject, Qt, QWidget

log = logging.getLogger(__name__)

def _texts() -> dict[str, str]:
    """Code -> translated template. Built per call so the current translator applies (literal strings for
    lupdate)."""
    return {
        "cart_empty":
            QCoreApplication.translate("ErrorText", "The cart is empty."),
        "event_not_assigned":
            QCoreApplication.translate("ErrorText", "This event is not assigned to this office; fetch the inventory."),
        "clerk_inactive":
            QCoreApplication.translate("ErrorText", "This clerk is no longer active here; sign in again."),
        "comp_reason_missing":
            QCoreApplication.translate("ErrorText", "Give the reason for the comp tickets."),
        "comp_recipient_missing":
            QCoreApplication.translate("ErrorText", "Give the name of who receives the comp tickets."),
        "comp_paid":
            QCoreApplication.translate("ErrorText", "Comp tickets are free: take no payment."),
        "product_not_on_sale":
            QCoreApplication.translate("ErrorText", "That ticket type is no longer on sale for {event}."),
        "quantity_out_of_range":
            QCoreApplication.translate("ErrorText", "The quantity of {product} must be between 1 and {max}."),
        "discount_out_of_range":
            QCoreApplication.translate("ErrorText", "The discount on {product} must be between zero and its price."),
        "discount_needs_supervisor":
            QCoreApplication.translate("ErrorText", "A discount on {product} above {percent}% of its price "
                                       "({limit_cents}) needs a supervisor's approval."),
        "discount_is_comp":
            QCoreApplication.translate("ErrorText", "The whole price of {product} off is not a discount: a "
                                       "supervisor issues free tickets with Comp, with the reason and the "
                                       "recipient."),
        "discount_approver_invalid":
            QCoreApplication.translate("ErrorText", "The discount's approver is not an active supervisor here; "
                                       "ask a supervisor again."),
        "seat_not_available":
            QCoreApplication.translate("ErrorText", "A seat in the cart is no longer available; pick another."),
        "seat_just_taken":
            QCoreApplication.translate("ErrorText", "Another sale just took one of these seats; nothing was sold."),
        "payment_short":
            QCoreApplication.translate("ErrorText", "The payments are {missing_cents} short of the total."),
        "payment_method_unknown":
            QCoreApplication.translate("ErrorText", "Take cash or card."),
        "cash_twice":
            QCoreApplication.translate("ErrorText", "Take cash once per sale: add the notes together."),
        "card_amount_missing":
            QCoreApplication.translate("ErrorText", "A card payment needs an amount above zero."),
        "card_reference_missing":
            QCoreApplication.translate("ErrorText", "A card payment needs the reference on the card slip."),
        "card_over_total":
            QCoreApplication.translate("ErrorText", "The card payments are {excess_cents} over the total."),
        "cash_amount_missing":
            QCoreApplication.translate("ErrorText", "A cash payment needs the amount handed over."),
        # shifts, returns and voids (boxoffice/services/shifts.py, boxoffice/services/returns.py)
        "shift_already_open":
            QCoreApplication.translate("ErrorText", "Shift {shift_id} is still open on this terminal: close it "
                                       "before opening a new one."),
        "shift_not_open":
            QCoreApplication.translate("ErrorText", "This shift is already closed."),
        "sale_in_progress":
            QCoreApplication.translate("ErrorText", "A sale is half-done: finish or cancel it before closing the "
                                       "shift."),
        "shift_count_invalid":
            QCoreApplication.translate("ErrorText", "Check the amounts: whole notes and coins, nothing negative."),
        "shift_float_invalid":
            QCoreApplication.translate("ErrorText", "The float is an amount of zero or more."),
        "no_open_shift":
            QCoreApplication.translate("ErrorText", "No shift is open at this window: open one with the cash float "
                                       "first (Supervisor ▸ Shift and Z report…, or start a sale)."),
        "shift_open_needs_supervisor":
            QCoreApplication.translate("ErrorText", "{name} may not open a shift: ask a supervisor to open it."),
        "return_choice_missing":
            QCoreApplication.translate("ErrorText", "Choose a zone, a seat range or all unsold tickets."),
        "return_nothing_unsold":
            QCoreApplication.translate("ErrorText", "There are no unsold tickets of this event to return."),
        "return_not_unsold":
            QCoreApplication.translate("ErrorText", "Only unsold tickets can be returned: {seats}."),
        "return_sold_meanwhile":
            QCoreApplication.translate("ErrorText", "A ticket was sold while the return was being prepared; try "
                                       "again."),
        "return_zone_empty":
            QCoreApplication.translate("ErrorText", "This office holds no tickets in zone {zone} for this event."),
        "seat_range_backwards":
            QCoreApplication.translate("ErrorText", "The seat range runs backwards: from {first} to {last}."),
        "void_reason_missing":
            QCoreApplication.translate("ErrorText", "Give a reason for the void."),
        "sale_unknown":
            QCoreApplication.translate("ErrorText", "No sale with code {code} on this terminal."),
        "sale_already_voided":
            QCoreApplication.translate("ErrorText", "Sale {code} is already voided."),
        # amounts typed at the payment panel (boxoffice/core/money.py) and the cart (boxoffice/services/cart.py)
        "amount_missing":
            QCoreApplication.translate("ErrorText", "Type an amount, for example {example_cents}."),
        "amount_not_a_number":
            QCoreApplication.translate("ErrorText", "'{text}' is not an amount: type digits, for example "
                                       "{example_cents}."),
        "amount_two_separators":
            QCoreApplication.translate("ErrorText", "'{text}' has more than one decimal separator."),
        "amount_too_many_decimals":
            QCoreApplication.translate("ErrorText", "'{text}' has more than two decimals: amounts are in whole "
                                       "cents."),
        "cart_product_mismatch":
            QCoreApplication.translate("ErrorText", "{product} cannot replace {row} on this row."),
        # clerks and sign-in (boxoffice/services/clerks.py)
        "clerk_name_missing":
            QCoreApplication.translate("ErrorText", "Give the clerk a name."),
        "clerk_name_too_long":
            QCoreApplication.translate("ErrorText", "A clerk's name has at most {max} characters."),
        "clerk_name_unprintable":
            QCoreApplication.translate("ErrorText", "A clerk's name cannot contain control characters."),
        "badge_unusable":
            QCoreApplication.translate("ErrorText", "That badge code cannot be used (too long or unreadable); "
                                       "scan it again."),
        "clerk_name_taken":
            QCoreApplication.translate("ErrorText", "Another clerk already has that name."),
        "clerk_badge_taken":
            QCoreApplication.translate("ErrorText", "That badge already belongs to another clerk."),
        "badge_unknown":
            QCoreApplication.translate("ErrorText", "That badge does not belong to any clerk here."),
        "sign_in_clerk_gone":
            QCoreApplication.translate("ErrorText", "That clerk cannot sign in here any more; choose your name "
                                       "again."),
        "clerk_locked":
            QCoreApplication.translate("ErrorText", "Too many wrong PINs: this clerk is locked for a few minutes."),
        "clerks_already_exist":
            QCoreApplication.translate("ErrorText", "The first supervisor already exists; sign in and add clerks "
                                       "from there."),
        "pin_invalid":
            QCoreApplication.translate("ErrorText", "The PIN must be {low} to {high} digits."),
        # who may do what (boxoffice/core/permissions.py) and staff changes (services/clerks.py, #14)
        "permission_refused":
            QCoreApplication.translate("ErrorText", "Your role does not allow you to {action}; ask a supervisor."),
        "actor_inactive":
            QCoreApplication.translate("ErrorText", "You are no longer an active clerk here; sign in again."),
        "clerk_unknown":
            QCoreApplication.translate("ErrorText", "That clerk is no longer in this terminal's list; reopen it."),
        "clerk_role_unknown":
            QCoreApplication.translate("ErrorText", "Choose a role: clerk, supervisor or door."),
        "clerk_last_supervisor":
            QCoreApplication.translate("ErrorText", "{name} is the last active supervisor here: make another "
                                       "clerk a supervisor first."),
        "clerk_deactivate_self":
            QCoreApplication.translate("ErrorText", "You cannot deactivate yourself; another supervisor can."),
        "clerk_not_active":
            QCoreApplication.translate("ErrorText", "{name} is deactivated; reactivate them first."),
        "badge_missing":
            QCoreApplication.translate("ErrorText", "Swipe the badge to enrol it."),
        # printing (boxoffice/printing/): {printer} is filled from printer_kind/printer_address (printer_text)
        "print_nothing":
            QCoreApplication.translate("ErrorText", "There are no tickets to print."),
        "no_drawer":
            QCoreApplication.translate("ErrorText", "The cash drawer opens through an ESC/POS receipt printer; "
                                       "{printer} cannot open it."),
        "pdf_folder_unwritable":
            QCoreApplication.translate("ErrorText", "The PDF folder {folder} cannot be created or written: choose "
                                       "another in the settings."),
        "printer_address_missing":
            QCoreApplication.translate("ErrorText", "{printer} has no address: set it in the printer settings."),
        "printer_kind_unknown":
            QCoreApplication.translate("ErrorText", "Unknown printer type '{kind}': choose one in the settings."),
        "printer_timeout":
            QCoreApplication.translate("ErrorText", "{printer} did not answer within {seconds} s: check it is "
                                       "switched on, connected and not jammed. The sale is kept and can be "
                                       "reprinted."),
        "printer_unreachable":
            QCoreApplication.translate("ErrorText", "{printer} cannot be reached: check it is switched on and "
                                       "connected. The sale is kept and can be reprinted."),
        "printer_out_of_paper":
            QCoreApplication.translate("ErrorText", "{printer} is out of paper: load a new roll, then reprint. The "
                                       "sale is kept."),
        "printer_none_installed":
            QCoreApplication.translate("ErrorText", "Printing is not set up: no printer is installed on this "
                                       "computer. Add the printer to the system first."),
        "printer_no_default":
            QCoreApplication.translate("ErrorText", "No printer is chosen and the system has no default printer: "
                                       "choose one in the settings."),
        "printer_not_installed":
            QCoreApplication.translate("ErrorText", "The printer '{name}' is not installed (installed: {installed}); "
                                       "choose another in the settings."),
        # the disk and the data folder (boxoffice/store/write_failures.py, boxoffice/paths.py, #12)
        "database_empty_while_paired":
            QCoreApplication.translate("ErrorText", "The database {path} is empty ({size} bytes) although this "
                                       "terminal is paired: its sales are not in it. Restore the last copy from "
                                       "{backups}, or, only if this terminal has never sold anything, delete the "
                                       "empty file to start a fresh one."),
        "database_read_only":
            QCoreApplication.translate("ErrorText", "The database {path} cannot be written: the file or its folder "
                                       "is read-only (or the disk is mounted read-only). Fix the permissions or "
                                       "choose another data folder."),
        "disk_full":
            QCoreApplication.translate("ErrorText", "The disk holding the database {path} is full; nothing more "
                                       "can be recorded. Every sale already confirmed is kept. Free some space on "
                                       "that disk, then try again."),
        "disk_failing":
            QCoreApplication.translate("ErrorText", "The disk holding the database {path} failed to read or write. "
                                       "Check the disk and its free space, then start again."),
        "folder_not_writable":
            QCoreApplication.translate("ErrorText", "The folder {folder} cannot be created: the disk is read-only "
                                       "or full, or its permissions do not allow it."),
        "argument_not_utf8":
            QCoreApplication.translate("ErrorText", "'{value}' is not valid text (not UTF-8); rename that folder "
                                       "or file, or type it again."),
    }


def _action_texts() -> dict[str, str]:
    """``permission_refused``'s ``{action}``: what the clerk tried, as the end of "does not allow you to …"."""
    return {
        "sell": QCoreApplication.translate("ErrorText", "sell tickets"),
        "discount_over_limit": QCoreApplication.translate("ErrorText", "give a discount above your limit"),
        "comp": QCoreApplication.translate("ErrorText", "issue comp tickets"),
        "void": QCoreApplication.translate("ErrorText", "void sales"),
        "refund": QCoreApplication.translate("ErrorText", "give refunds"),
        "return_tickets": QCoreApplication.translate("ErrorText", "return tickets to the platform"),
        "reprint": QCoreApplication.translate("ErrorText", "reprint tickets"),
        "no_sale": QCoreApplication.translate("ErrorText", "open the drawer without a sale"),
        "settings": QCoreApplication.translate("ErrorText", "change the settings"),
        "staff": QCoreApplication.translate("ErrorText", "manage the staff"),
        "reports": QCoreApplication.translate("ErrorText", "see the reports"),
        "sync_queue": QCoreApplication.translate("ErrorText", "decide on the sync queue"),
        "shift_own": QCoreApplication.translate("ErrorText", "open or close a shift"),
        "shifts_close": QCoreApplication.translate("ErrorText", "close another clerk's shift"),
        "door_check": QCoreApplication.translate("ErrorText", "check tickets at the door"),
        "kiosk_exit": QCoreApplication.translate("ErrorText", "leave kiosk mode"),
        "training": QCoreApplication.translate("ErrorText", "use training mode"),
    }


class ErrorText(QObject):
    """The texts whose wording follows a count ("1 butaca", "2 butacas"): Qt's numerus forms need ``self.tr``
    with the count for lupdate to see them (context "ErrorText", like the table above)."""

    #: code -> the parameter holding the count
    COUNTS = {"too_many_tickets": "max", "no_seats_together": "count", "seats_left": "left"}

    def text(self, code: str, n: int) -> str:
        return {
            "too_many_tickets": lambda: self.tr("At most %n tickets in one sale.", "", n),
            "no_seats_together": lambda: self.tr("No %n seats together in {zone}.", "", n),
            "seats_left": lambda: self.tr("Only %n seats left in {zone}; {needed} needed.", "", n),
        }[code]()


def _counted(code: str, params: Mapping[str, object]) -> str | None:
    """The numerus template for ``code`` (None when its text does not depend on a count)."""
    name = ErrorText.COUNTS.get(code)
    if name is None:
        return None
    count = params.get(name)
    return ErrorText().text(code, count if isinstance(count, int) else 2)


def printer_text(destination: Mapping[str, object]) -> str:
    """Where a printer prints, in the window's language ("archivos PDF en /datos/impresiones")."""
    kind, address = str(destination.get("printer_kind", "")), str(destination.get("printer_address", ""))
    if kind == "system" and not address:
        return QCoreApplication.translate("ErrorText", "the system's default printer")
    texts = {
        "pdf": QCoreApplication.translate("ErrorText", "PDF files in {address}"),
        "system": QCoreApplication.translate("ErrorText", "the printer {address}"),
        "escpos-network": QCoreApplication.translate("ErrorText", "the network printer at {address}"),
        "escpos-usb": QCoreApplication.translate("ErrorText", "the USB printer {address}"),
        "escpos-serial": QCoreApplication.translate("ErrorText", "the serial printer at {address}"),
    }
    return texts.get(kind, texts["system"]).format(address=address).strip()


def known_codes() -> frozenset[str]:
    return frozenset(_texts()) | frozenset(ErrorText.COUNTS)


def describe(exc: BaseException, money: MoneyFormat | None = None) -> str:
    """The text to show for ``exc`` in the current language."""
    if isinstance(exc, BoxOfficeError):
        template = _counted(exc.code, exc.params) or _texts().get(exc.code)
        if template is not None:
            params = exc.params
            if "printer_kind" in params:
                params = {**params, "printer": printer_text(params)}
            if exc.code == "permission_refused":
                action = str(params.get("action", ""))
                params = {**params, "action": _action_texts().get(action, action)}
            return _fill(template, params, money)
        log.info("no translated text for error code %r: showing its message", exc.code)
        return str(exc)
    return QCoreApplication.translate("ErrorText",
                                      "Something went wrong; nothing was recorded. The details are in the log.")


def present_error(parent: QObject | None, exc: BaseException, money: MoneyFormat | None = None) -> None:
    """The default failure presenter: a non-blocking warning over ``parent``'s window, or over the modal dialog
    in front of it (:func:`message_parent`)."""
    present_text(parent, describe(exc, money))


def present_text(parent: QObject | None, text: str) -> QMessageBox:
    """A non-blocking warning the clerk sees: over the modal dialog in front, if one is open."""
    widget = parent if isinstance(parent, QWidget) else None
    title = QCoreApplication.translate("ErrorText", "Not done")
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, message_parent(widget))
    box.setObjectName("operationError")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def modal_in_front(widget: QWidget) -> QWidget | None:
    """The modal dialog open in front of ``widget``'s window (which then sees no input and may be hidden)."""
    modal = QApplication.activeModalWidget()
    if modal is None or not modal.isVisible() or modal is widget.window():
        return None
    return modal


def message_parent(widget: QWidget | None) -> QWidget | None:
    """The window a message about ``widget`` must open over. Not simply ``widget.window()``: while a modal dialog
    is open, a message parented to the window behind it opens behind the dialog, where the clerk neither sees it
    nor can close it (a failed card payment's error hid behind the payment dialog)."""
    if widget is None:
        return QApplication.activeModalWidget()
    return modal_in_front(widget) or widget.window()


def _fill(template: str, params: Mapping[str, object], money: MoneyFormat | None) -> str:
    """Fill ``{name}`` fields; a missing parameter is left visible rather than failing the message."""
    shown: dict[str, object] = {}
    for name, value in params.items():
        if name.endswith("_cents") and isinstance(value, int):
            shown[name] = (money or money_format("es")).format(value)
        else:
            shown[name] = value
    return string.Formatter().vformat(template, (), _Defaulting(shown))


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
