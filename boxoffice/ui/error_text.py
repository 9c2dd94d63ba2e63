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
from boxoffice.ui.qt import (
    QT_TRANSLATE_NOOP,
    QApplication,
    QCoreApplication,
    QDateTime,
    QLocale,
    QMessageBox,
    QObject,
    Qt,
    QWidget,
)

log = logging.getLogger(__name__)

#: code -> English template with named ``{params}``; lupdate reads the literals, :func:`describe` translates them
#: when shown (so the current translator applies)
TEMPLATES: dict[str, str] = {
    "cart_empty":
        QT_TRANSLATE_NOOP("ErrorText", "The cart is empty."),
    "event_not_assigned":
        QT_TRANSLATE_NOOP("ErrorText", "This event is not assigned to this office; fetch the inventory."),
    "clerk_inactive":
        QT_TRANSLATE_NOOP("ErrorText", "This clerk is no longer active here; sign in again."),
    "comp_reason_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Give the reason for the comp tickets."),
    "comp_recipient_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Give the name of who receives the comp tickets."),
    "comp_paid":
        QT_TRANSLATE_NOOP("ErrorText", "Comp tickets are free: take no payment."),
    "product_not_on_sale":
        QT_TRANSLATE_NOOP("ErrorText", "That ticket type is no longer on sale for {event}."),
    "ticket_type_not_yet_on_sale":
        QT_TRANSLATE_NOOP("ErrorText", "{product} is not on sale yet: its sale opens on {opens_at}."),
    "ticket_type_sale_closed":
        QT_TRANSLATE_NOOP("ErrorText", "{product} is no longer on sale: its sale closed on {closed_at}."),
    "ticket_type_not_public":
        QT_TRANSLATE_NOOP("ErrorText", "{product} is not for public sale; a supervisor can issue it as a comp."),
    "batches_not_paired":
        QT_TRANSLATE_NOOP("ErrorText", "This terminal is not paired with a central platform; batches need it."),
    "activation_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "{code} is not a pre-generated ticket of an event here; refresh the door list."),
    "activation_done":
        QT_TRANSLATE_NOOP("ErrorText", "Ticket {code} is already activated."),
    "activation_method_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Take the payment in cash or by card."),
    "activation_price_negative":
        QT_TRANSLATE_NOOP("ErrorText", "The price cannot be negative."),
    "activation_reference_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Type the card slip's reference."),
    "quantity_out_of_range":
        QT_TRANSLATE_NOOP("ErrorText", "The quantity of {product} must be between 1 and {max}."),
    "discount_out_of_range":
        QT_TRANSLATE_NOOP("ErrorText", "The discount on {product} must be between zero and its price."),
    "discount_needs_supervisor":
        QT_TRANSLATE_NOOP("ErrorText", "A discount on {product} above {percent}% of its price "
                          "({limit_cents}) needs a supervisor's approval."),
    "discount_is_comp":
        QT_TRANSLATE_NOOP("ErrorText", "The whole price of {product} off is not a discount: a "
                          "supervisor issues free tickets with Comp, with the reason and the "
                          "recipient."),
    "discount_approver_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "The discount's approver is not an active supervisor here; "
                          "ask a supervisor again."),
    "seat_not_available":
        QT_TRANSLATE_NOOP("ErrorText", "A seat in the cart is no longer available; pick another."),
    "seat_just_taken":
        QT_TRANSLATE_NOOP("ErrorText", "Another sale just took one of these seats; nothing was sold."),
    "seat_taken_at_hub":
        QT_TRANSLATE_NOOP("ErrorText", "Another window of this office just took one of these seats; "
                          "nothing was sold. Pick another seat."),
    "seat_not_in_lease":
        QT_TRANSLATE_NOOP("ErrorText", "The office hub cannot be reached: this window may sell only the "
                          "seats reserved for it, and {seats} is not one of them. Sell by zone, or pick a "
                          "reserved seat."),
    "payment_short":
        QT_TRANSLATE_NOOP("ErrorText", "The payments are {missing_cents} short of the total."),
    "payment_method_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Take cash or card."),
    "cash_twice":
        QT_TRANSLATE_NOOP("ErrorText", "Take cash once per sale: add the notes together."),
    "card_amount_missing":
        QT_TRANSLATE_NOOP("ErrorText", "A card payment needs an amount above zero."),
    "card_reference_missing":
        QT_TRANSLATE_NOOP("ErrorText", "A card payment needs the reference on the card slip."),
    "card_over_total":
        QT_TRANSLATE_NOOP("ErrorText", "The card payments are {excess_cents} over the total."),
    "cash_amount_missing":
        QT_TRANSLATE_NOOP("ErrorText", "A cash payment needs the amount handed over."),
    # shifts, returns and voids (boxoffice/services/shifts.py, boxoffice/services/returns.py)
    "shift_already_open":
        QT_TRANSLATE_NOOP("ErrorText", "Shift {shift_id} is still open on this terminal: close it "
                          "before opening a new one."),
    "shift_not_open":
        QT_TRANSLATE_NOOP("ErrorText", "This shift is already closed."),
    "sale_in_progress":
        QT_TRANSLATE_NOOP("ErrorText", "A sale is half-done: finish or cancel it before closing the "
                          "shift."),
    "shift_count_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "Check the amounts: whole notes and coins, nothing negative."),
    "shift_float_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "The float is an amount of zero or more."),
    "no_open_shift":
        QT_TRANSLATE_NOOP("ErrorText", "No shift is open at this window: open one with the cash float "
                          "first (Supervisor ▸ Shift and Z report…, or start a sale)."),
    "shift_open_needs_supervisor":
        QT_TRANSLATE_NOOP("ErrorText", "{name} may not open a shift: ask a supervisor to open it."),
    "return_choice_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Choose a zone, a seat range or all unsold tickets."),
    "return_nothing_unsold":
        QT_TRANSLATE_NOOP("ErrorText", "There are no unsold tickets of this event to return."),
    "return_not_unsold":
        QT_TRANSLATE_NOOP("ErrorText", "Only unsold tickets can be returned: {seats}."),
    "return_sold_meanwhile":
        QT_TRANSLATE_NOOP("ErrorText", "A ticket was sold while the return was being prepared; try "
                          "again."),
    "return_zone_empty":
        QT_TRANSLATE_NOOP("ErrorText", "This office holds no tickets in zone {zone} for this event."),
    "seat_range_backwards":
        QT_TRANSLATE_NOOP("ErrorText", "The seat range runs backwards: from {first} to {last}."),
    "void_reason_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Give a reason for the void."),
    "sale_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "No sale with code {code} on this terminal."),
    "sale_already_voided":
        QT_TRANSLATE_NOOP("ErrorText", "Sale {code} is already voided."),
    "refund_method_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Refund in cash or to a card, not {method}."),
    "refund_reference_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Type the card slip's reference for a refund to a card."),
    "refund_reason_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Give a reason for the refund."),
    "refund_sale_voided":
        QT_TRANSLATE_NOOP("ErrorText", "Sale {code} is voided: there is nothing to refund."),
    "refund_nothing_left":
        QT_TRANSLATE_NOOP("ErrorText", "Every ticket of sale {code} was refunded already."),
    "refund_choice_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Choose the tickets to refund."),
    "refund_ticket_not_open":
        QT_TRANSLATE_NOOP("ErrorText", "Not a ticket of sale {code} still to refund: {tickets}."),
    "void_after_refund":
        QT_TRANSLATE_NOOP("ErrorText", "Sale {code} has refunded tickets: refund the others instead of voiding."),
    "state_transition_refused":
        QT_TRANSLATE_NOOP("ErrorText", "Nothing was recorded: {machine} {subject} cannot go from {old} to {new} "
                          "(it changed meanwhile). Refresh and try again."),
    # amounts typed at the payment panel (boxoffice/core/money.py) and the cart (boxoffice/services/cart.py)
    "amount_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Type an amount, for example {example_cents}."),
    "amount_not_a_number":
        QT_TRANSLATE_NOOP("ErrorText", "'{text}' is not an amount: type digits, for example "
                          "{example_cents}."),
    "amount_two_separators":
        QT_TRANSLATE_NOOP("ErrorText", "'{text}' has more than one decimal separator."),
    "amount_too_many_decimals":
        QT_TRANSLATE_NOOP("ErrorText", "'{text}' has more than two decimals: amounts are in whole "
                          "cents."),
    "cart_product_mismatch":
        QT_TRANSLATE_NOOP("ErrorText", "{product} cannot replace {row} on this row."),
    # clerks and sign-in (boxoffice/services/clerks.py)
    "clerk_name_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Give the clerk a name."),
    "clerk_name_too_long":
        QT_TRANSLATE_NOOP("ErrorText", "A clerk's name has at most {max} characters."),
    "clerk_name_unprintable":
        QT_TRANSLATE_NOOP("ErrorText", "A clerk's name cannot contain control characters."),
    "badge_unusable":
        QT_TRANSLATE_NOOP("ErrorText", "That badge code cannot be used (too long or unreadable); "
                          "scan it again."),
    "clerk_name_taken":
        QT_TRANSLATE_NOOP("ErrorText", "Another clerk already has that name."),
    "clerk_badge_taken":
        QT_TRANSLATE_NOOP("ErrorText", "That badge already belongs to another clerk."),
    "badge_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "That badge does not belong to any clerk here."),
    "sign_in_clerk_gone":
        QT_TRANSLATE_NOOP("ErrorText", "That clerk cannot sign in here any more; choose your name "
                          "again."),
    "clerk_locked":
        QT_TRANSLATE_NOOP("ErrorText", "Too many wrong PINs: this clerk is locked for a few minutes."),
    "clerks_already_exist":
        QT_TRANSLATE_NOOP("ErrorText", "The first supervisor already exists; sign in and add clerks "
                          "from there."),
    "pin_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "The PIN must be {low} to {high} digits."),
    # who may do what (boxoffice/core/permissions.py) and staff changes (services/clerks.py, #14)
    "permission_refused":
        QT_TRANSLATE_NOOP("ErrorText", "Your role does not allow you to {action}; ask a supervisor."),
    "actor_inactive":
        QT_TRANSLATE_NOOP("ErrorText", "You are no longer an active clerk here; sign in again."),
    "clerk_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "That clerk is no longer in this terminal's list; reopen it."),
    "clerk_role_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Choose a role: clerk, supervisor or door."),
    "clerk_last_supervisor":
        QT_TRANSLATE_NOOP("ErrorText", "{name} is the last active supervisor here: make another "
                          "clerk a supervisor first."),
    "clerk_deactivate_self":
        QT_TRANSLATE_NOOP("ErrorText", "You cannot deactivate yourself; another supervisor can."),
    "clerk_not_active":
        QT_TRANSLATE_NOOP("ErrorText", "{name} is deactivated; reactivate them first."),
    "badge_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Swipe the badge to enrol it."),
    # printing (boxoffice/printing/): {printer} is filled from printer_kind/printer_address (printer_text)
    "print_nothing":
        QT_TRANSLATE_NOOP("ErrorText", "There are no tickets to print."),
    "no_drawer":
        QT_TRANSLATE_NOOP("ErrorText", "The cash drawer opens through an ESC/POS receipt printer; "
                          "{printer} cannot open it."),
    "pdf_folder_unwritable":
        QT_TRANSLATE_NOOP("ErrorText", "The PDF folder {folder} cannot be created or written: choose "
                          "another in the settings."),
    "printer_address_missing":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} has no address: set it in the printer settings."),
    "printer_kind_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Unknown printer type '{kind}': choose one in the settings."),
    "printer_timeout":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} did not answer within {seconds} s: check it is "
                          "switched on, connected and not jammed. The sale is kept and can be "
                          "reprinted."),
    "printer_unreachable":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} cannot be reached: check it is switched on and "
                          "connected. The sale is kept and can be reprinted."),
    "printer_out_of_paper":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} is out of paper: load a new roll, then reprint. The "
                          "sale is kept."),
    "printer_none_installed":
        QT_TRANSLATE_NOOP("ErrorText", "Printing is not set up: no printer is installed on this "
                          "computer. Add the printer to the system first."),
    "printer_no_default":
        QT_TRANSLATE_NOOP("ErrorText", "No printer is chosen and the system has no default printer: "
                          "choose one in the settings."),
    "printer_not_installed":
        QT_TRANSLATE_NOOP("ErrorText", "The printer '{name}' is not installed (installed: {installed}); "
                          "choose another in the settings."),
    # the disk and the data folder (boxoffice/store/write_failures.py, boxoffice/paths.py, #12)
    "database_empty_while_paired":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} is empty ({size} bytes) although this "
                          "terminal is paired: its sales are not in it. Restore the last copy from "
                          "{backups}, or, only if this terminal has never sold anything, delete the "
                          "empty file to start a fresh one."),
    "database_read_only":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} cannot be written: the file or its folder "
                          "is read-only (or the disk is mounted read-only). Fix the permissions or "
                          "choose another data folder."),
    "disk_full":
        QT_TRANSLATE_NOOP("ErrorText", "The disk holding the database {path} is full; nothing more "
                          "can be recorded. Every sale already confirmed is kept. Free some space on "
                          "that disk, then try again."),
    "disk_failing":
        QT_TRANSLATE_NOOP("ErrorText", "The disk holding the database {path} failed to read or write. "
                          "Check the disk and its free space, then start again."),
    "folder_not_writable":
        QT_TRANSLATE_NOOP("ErrorText", "The folder {folder} cannot be created: the disk is read-only "
                          "or full, or its permissions do not allow it."),
    "argument_not_utf8":
        QT_TRANSLATE_NOOP("ErrorText", "'{value}' is not valid text (not UTF-8); rename that folder "
                          "or file, or type it again."),
    # misread or mistyped codes (boxoffice/core/codes.py): what the window and the door check say
    "code_empty":
        QT_TRANSLATE_NOOP("ErrorText", "The code is empty: scan it or type it again."),
    "code_bad_characters":
        QT_TRANSLATE_NOOP("ErrorText", "The code has characters no code has ({characters}): only digits and "
                          "letters A to Z. Scan it or type it again."),
    "code_wrong_length":
        QT_TRANSLATE_NOOP("ErrorText", "The code has {length} characters; a purchase code has {purchase}, an "
                          "item code {item} and a ticket code {ticket}. Check none is missing."),
    "code_check_failed":
        QT_TRANSLATE_NOOP("ErrorText", "The code {code} was mistyped or misread (its check character does not "
                          "match). Scan it or type it again."),
    "code_item_counter_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "The code {code} is not valid: an item code ends in four digits."),
    "code_not_issued":
        QT_TRANSLATE_NOOP("ErrorText", "The code {code} was not issued for purchase {purchase}: it is not one "
                          "of our tickets."),
    "code_not_purchase":
        QT_TRANSLATE_NOOP("ErrorText", "{code} is not a purchase code."),
    "code_item_out_of_range":
        QT_TRANSLATE_NOOP("ErrorText", "Item number {position} is out of range: at most {max}."),
    "code_ticket_out_of_range":
        QT_TRANSLATE_NOOP("ErrorText", "Ticket number {number} is out of range: at most {max}."),
    # amounts the program reads (boxoffice/core/money.py, boxoffice/core/payments.py)
    "amount_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "'{value}' is not an amount of money."),
    "amount_not_cents":
        QT_TRANSLATE_NOOP("ErrorText", "'{value}' is not a whole number of cents."),
    "amount_too_large":
        QT_TRANSLATE_NOOP("ErrorText", "That amount is too large: at most {limit_cents}."),
    "money_format_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Amounts cannot be shown for the language '{locale}'."),
    # the sale's seats and products (boxoffice/services/sales.py, boxoffice/services/catalog.py)
    "seats_or_zone_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Choose seats, or a zone and a quantity."),
    "seats_or_zone_missing_for":
        QT_TRANSLATE_NOOP("ErrorText", "Choose seats or a zone for {product}."),
    "zone_not_priced":
        QT_TRANSLATE_NOOP("ErrorText", "No ticket type is priced for zone {zone} of this event; fetch the "
                          "inventory."),
    "product_wrong_zone":
        QT_TRANSLATE_NOOP("ErrorText", "{product} is sold for seats in {zones}, not in {zone}."),
    "seat_wrong_zone":
        QT_TRANSLATE_NOOP("ErrorText", "{product} is for seats in zone {zone}; these seats are in another zone: "
                          "{seats}."),
    "seat_count_mismatch":
        QT_TRANSLATE_NOOP("ErrorText", "{product} needs {needed} seats; {chosen} are chosen."),
    "seat_chosen_twice":
        QT_TRANSLATE_NOOP("ErrorText", "The same seat is chosen twice in this sale."),
    "pass_component_missing":
        QT_TRANSLATE_NOOP("ErrorText", "{product} includes a ticket type that is not on sale here; fetch the "
                          "inventory."),
    "pass_empty":
        QT_TRANSLATE_NOOP("ErrorText", "{product} has no tickets in it; it cannot be sold."),
    "sale_tickets_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "Sale {code} was voided: its tickets are no longer valid."),
    # the sync queue (boxoffice/services/sync_queue.py)
    "queue_actor_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Sign in as a supervisor first: every queue action records who did it."),
    "queue_nothing_chosen":
        QT_TRANSLATE_NOOP("ErrorText", "Choose the items to retry."),
    "queue_item_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Queue item {item} is no longer there: refresh the list."),
    "queue_item_not_retryable":
        QT_TRANSLATE_NOOP("ErrorText", "{subject} cannot be retried: only parked or waiting items can."),
    "conflict_none":
        QT_TRANSLATE_NOOP("ErrorText", "Sale {code} has no conflict to decide."),
    "conflict_already_decided":
        QT_TRANSLATE_NOOP("ErrorText", "The conflict of sale {code} was already decided by {name}."),
    "conflict_decision_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Choose what happens to the sale: keep it or void it."),
    "conflict_reason_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Give a reason for the decision."),
    "conflict_keep_voided":
        QT_TRANSLATE_NOOP("ErrorText", "Sale {code} is voided: its customer no longer holds the seats, so it "
                          "cannot keep them."),
    "report_note_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Write a note: what was done about it, or who was told."),
    "report_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "Conflict report {report} is no longer there: refresh the list."),
    "report_already_seen":
        QT_TRANSLATE_NOOP("ErrorText", "Conflict report {report} was already seen by {name}."),
    # printing (boxoffice/printing/): addresses, the PDF file, the system printer
    "printer_port_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "The printer address {address} has no valid port after the colon (for "
                          "example 9100): fix it in the printer settings."),
    "printer_usb_address_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "The USB printer address {address} must be vendor:product in "
                          "hexadecimal, for example 04b8:0202: fix it in the printer settings."),
    "printer_baud_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "The serial printer address {address} has no valid speed after the @ (for "
                          "example COM3@19200): fix it in the printer settings."),
    "printer_kind_unsupported":
        QT_TRANSLATE_NOOP("ErrorText", "This computer cannot drive {printer} (a library is missing): use a "
                          "network printer, or ask IT to install it."),
    "printing_needs_gui":
        QT_TRANSLATE_NOOP("ErrorText", "Printing cannot start in this program: restart Box office."),
    "pdf_unwritable":
        QT_TRANSLATE_NOOP("ErrorText", "The PDF file {path} cannot be written: check that its folder exists and "
                          "can be written."),
    "pdf_page_failed":
        QT_TRANSLATE_NOOP("ErrorText", "Page {page} could not be added to {path}; the disk may be full."),
    "printer_reported_error":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} reported an error while printing: check it is on, has paper and "
                          "is not paused. The sale is kept and can be reprinted."),
    "printer_cannot_start":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} cannot start printing: it may be off or paused. The sale is "
                          "kept and can be reprinted."),
    "printer_stopped":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} stopped before ticket {ticket}. The sale is kept and can be "
                          "reprinted."),
    # FGL ticket printers (boxoffice/printing/fgl_output.py): the condition; the window adds which tickets
    "fgl_out_of_paper":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} is out of tickets: load ticket stock. The sale is kept."),
    "fgl_paper_jam":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} has a ticket jam: open it and clear the jam. The sale is kept."),
    "fgl_cutter_jam":
        QT_TRANSLATE_NOOP("ErrorText", "The cutter of {printer} is jammed: switch the printer off and clear it. "
                          "The sale is kept."),
    "fgl_not_taken":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} is holding a ticket nobody took: take it out. The sale is "
                          "kept."),
    "fgl_illegal_data":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} refused the ticket data: check that its resolution (dpi) and "
                          "ticket stock match the settings. The sale is kept."),
    "fgl_fault":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} reports a fault (status {status}): switch it off and on. The "
                          "sale is kept."),
    "fgl_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} sent a status it does not document ({status}): look at its "
                          "display. The sale is kept."),
    "fgl_no_confirmation":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} did not confirm ticket {first}; it may have printed: check "
                          "before reprinting. The sale is kept."),
    "fgl_not_ready":
        QT_TRANSLATE_NOOP("ErrorText", "{printer} is not ready (out of tickets, jammed or open?): check it. The "
                          "sale is kept."),
    "fgl_lost":
        QT_TRANSLATE_NOOP("ErrorText", "The connection to {printer} was lost while printing. The sale is kept."),
    # the database at start-up (boxoffice/store/engine.py, shown by ui/startup_failure.py)
    "database_not_sqlite":
        QT_TRANSLATE_NOOP("ErrorText", "{path} is not a Box office database (not an SQLite file). Move it away "
                          "or choose another data folder."),
    "database_foreign":
        QT_TRANSLATE_NOOP("ErrorText", "{path} is an SQLite database but not a Box office one (tables: {tables}). "
                          "Move it away or choose another data folder."),
    "database_is_folder":
        QT_TRANSLATE_NOOP("ErrorText", "{path} is a folder, not a Box office database. Choose another data "
                          "folder."),
    "database_too_new":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} was made by a newer version of Box office (revision "
                          "{revision}). Install that version to use it."),
    "database_unreadable":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} cannot be read ({reason})."),
    "database_damaged":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} cannot be read ({reason}). If it is damaged, "
                          "restore a copy from the backups folder or move it away."),
    "database_create_failed":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} could not be created ({reason}); no tables were "
                          "created."),
    "database_upgrade_failed":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} could not be upgraded ({reason}). It is left as it "
                          "was; a copy taken before the upgrade is at {backup}."),
    "database_upgrade_incomplete":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} is at revision {revision} after upgrading, not "
                          "{head}. Call IT."),
    "database_backup_failed":
        QT_TRANSLATE_NOOP("ErrorText", "The database {path} could not be backed up to {backups} before upgrading "
                          "it ({reason}), so it was not upgraded. Free some disk space or check the folder's "
                          "permissions, then start again."),
    # the configuration file (boxoffice/config.py); {source} is the file, {key} the setting in it
    "config_not_utf8":
        QT_TRANSLATE_NOOP("ErrorText", "The settings file {source} is not UTF-8 text: save it as UTF-8."),
    "config_not_toml":
        QT_TRANSLATE_NOOP("ErrorText", "The settings file {source} is not valid TOML ({detail}): fix that line "
                          "or delete the file to start over."),
    "config_unreadable":
        QT_TRANSLATE_NOOP("ErrorText", "The settings file {source} cannot be read ({reason})."),
    "config_unknown_section":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: unknown section [{section}]; the sections are {expected}."),
    "config_not_a_table":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: {key} must be a section ([{key}])."),
    "config_unknown_key":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: unknown setting {key}; the settings there are {expected}."),
    "config_not_whole_number":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: {key} must be a whole number, not {value}."),
    "config_not_text":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: {key} must be text in quotes, not {value}."),
    "config_not_true_false":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: {key} must be true or false, not {value}."),
    "config_url_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: the platform's address must start with http:// or https:// "
                          "({value})."),
    "config_office_missing":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: the office id is missing; the platform's address needs it."),
    "config_ca_file_missing":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: the CA file {path} does not exist."),
    "config_terminal_id_empty":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: the terminal id is empty."),
    "config_not_one_of":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: {key} must be one of {allowed}, not {value}."),
    "config_out_of_range":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: {key} must be between {low} and {high}, not {value}."),
    "fiscal_export_unwritable":
        QT_TRANSLATE_NOOP("ErrorText", "Cannot write {path}: {reason}."),
    "fiscal_submission_disabled":
        QT_TRANSLATE_NOOP("ErrorText", "Submission is disabled: set [fiscal] submission_url in the config to send "
                          "records."),
    "config_fiscal_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: the invoicing setting {key} is not valid: {reason}."),
    "config_scanner_prefix_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "{source}: the scanner prefix must be at most {max} printable characters, "
                          "without spaces at the ends, not {value}."),
    # pairing with the platform (boxoffice/pairing.py); the first-run wizard fills {host}, {port} and {office}
    # from what was typed
    "pairing_url_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Type the platform's address, e.g. https://central.example"),
    "pairing_office_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Type the office id the platform gave this window."),
    "pairing_token_missing":
        QT_TRANSLATE_NOOP("ErrorText", "Paste the API token the platform gave this office."),
    "pairing_url_no_scheme":
        QT_TRANSLATE_NOOP("ErrorText", "Write the whole address, starting with https://, e.g. https://{address}"),
    "pairing_url_invalid":
        QT_TRANSLATE_NOOP("ErrorText", "This is not a valid address. It should look like https://central.example"),
    "pairing_ca_file_missing":
        QT_TRANSLATE_NOOP("ErrorText", "This file does not exist. Choose the platform's certificate file."),
    "pairing_host_not_found":
        QT_TRANSLATE_NOOP("ErrorText", "The name {host} cannot be found. Check the address, and that this "
                          "computer is connected to the network."),
    "pairing_connection_refused":
        QT_TRANSLATE_NOOP("ErrorText", "Nothing answers at {host} port {port}. Check the address and the port, "
                          "and that the platform is running."),
    "pairing_no_network":
        QT_TRANSLATE_NOOP("ErrorText", "{host} does not answer. Check the network cable or Wi-Fi, and any "
                          "firewall between this computer and the platform."),
    "pairing_unreachable":
        QT_TRANSLATE_NOOP("ErrorText", "Cannot reach the platform. Check the address and the network, then try "
                          "again."),
    "pairing_certificate_host":
        QT_TRANSLATE_NOOP("ErrorText", "The platform's certificate was made for another name, not {host}. Check "
                          "the address: use the name the certificate was made for."),
    "pairing_events_needed":
        QT_TRANSLATE_NOOP("ErrorText", "This platform cannot list the office's events. Type the ids of the "
                          "events to sell in Event ids (separated by commas), then test again."),
    "pairing_event_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "The platform has no event {event}. Check the event ids."),
    "pairing_tls_not_this_ca":
        QT_TRANSLATE_NOOP("ErrorText", "The platform's certificate is not signed by this CA file. Choose the "
                          "platform's CA file, or check the address."),
    "pairing_tls_untrusted":
        QT_TRANSLATE_NOOP("ErrorText", "The platform's certificate is not trusted (TLS). If it uses a private "
                          "certificate, choose its CA file below; otherwise check the address."),
    "pairing_token_malformed":
        QT_TRANSLATE_NOOP("ErrorText", "This is not a token: it has spaces, accents or control characters. Paste "
                          "it again exactly as the platform gave it."),
    "pairing_token_refused":
        QT_TRANSLATE_NOOP("ErrorText", "The platform does not accept this token. Paste it again exactly as the "
                          "platform gave it; it may have been revoked."),
    "pairing_office_refused":
        QT_TRANSLATE_NOOP("ErrorText", "This token may not act for office {office}. Check the office id, or "
                          "paste the token made for this office."),
    "pairing_office_unknown":
        QT_TRANSLATE_NOOP("ErrorText", "The platform has no office {office}. Check the office id."),
    "pairing_not_a_platform":
        QT_TRANSLATE_NOOP("ErrorText", "Something answers at this address, but it is not the central platform. "
                          "Check the address, including any path after the host."),
    "pairing_platform_unavailable":
        QT_TRANSLATE_NOOP("ErrorText", "The platform cannot answer right now. Try again in a few minutes."),
    "pairing_refused":
        QT_TRANSLATE_NOOP("ErrorText", "The platform refused the check: {detail}"),
}


#: ``permission_refused``'s ``{action}``: what the clerk tried, as the end of "does not allow you to …"
ACTIONS: dict[str, str] = {
    "sell": QT_TRANSLATE_NOOP("ErrorText", "sell tickets"),
    "discount_over_limit": QT_TRANSLATE_NOOP("ErrorText", "give a discount above your limit"),
    "comp": QT_TRANSLATE_NOOP("ErrorText", "issue comp tickets"),
    "void": QT_TRANSLATE_NOOP("ErrorText", "void sales"),
    "refund": QT_TRANSLATE_NOOP("ErrorText", "give refunds"),
    "return_tickets": QT_TRANSLATE_NOOP("ErrorText", "return tickets to the platform"),
    "reprint": QT_TRANSLATE_NOOP("ErrorText", "reprint tickets"),
    "no_sale": QT_TRANSLATE_NOOP("ErrorText", "open the drawer without a sale"),
    "settings": QT_TRANSLATE_NOOP("ErrorText", "change the settings"),
    "staff": QT_TRANSLATE_NOOP("ErrorText", "manage the staff"),
    "reports": QT_TRANSLATE_NOOP("ErrorText", "see the reports"),
    "sync_queue": QT_TRANSLATE_NOOP("ErrorText", "decide on the sync queue"),
    "shift_own": QT_TRANSLATE_NOOP("ErrorText", "open or close a shift"),
    "shifts_close": QT_TRANSLATE_NOOP("ErrorText", "close another clerk's shift"),
    "door_check": QT_TRANSLATE_NOOP("ErrorText", "check tickets at the door"),
    "kiosk_exit": QT_TRANSLATE_NOOP("ErrorText", "leave kiosk mode"),
    "training": QT_TRANSLATE_NOOP("ErrorText", "use training mode"),
    "batches": QT_TRANSLATE_NOOP("ErrorText", "request batches of pre-generated tickets"),
}


class ErrorText(QObject):
    """The texts whose wording follows a count ("1 butaca", "2 butacas"): Qt's numerus forms need ``self.tr``
    with the count for lupdate to see them (context "ErrorText", like the table above)."""

    #: code -> the parameter holding the count
    COUNTS = {"too_many_tickets": "max", "no_seats_together": "count", "seats_left": "left",
              "lease_seats_left": "left"}

    def text(self, code: str, n: int) -> str:
        return {
            "too_many_tickets": lambda: self.tr("At most %n tickets in one sale.", "", n),
            "no_seats_together": lambda: self.tr("No %n seats together in {zone}.", "", n),
            "seats_left": lambda: self.tr("Only %n seats left in {zone}; {needed} needed.", "", n),
            "lease_seats_left": lambda: self.tr("The office hub cannot be reached: this window has %n seats of "
                                                "its own left in {zone}; {needed} needed.", "", n),
        }[code]()


def _translated(template: str | None) -> str | None:
    return None if template is None else QCoreApplication.translate("ErrorText", template)


def _counted(code: str, params: Mapping[str, object]) -> str | None:
    """The numerus template for ``code`` (None when its text does not depend on a count)."""
    name = ErrorText.COUNTS.get(code)
    if name is None:
        return None
    count = params.get(name)
    return ErrorText().text(code, count if isinstance(count, int) else 2)


#: where a printer prints, by kind: (with its address, without one)
PRINTERS: dict[str, tuple[str, str]] = {
    "pdf": (QT_TRANSLATE_NOOP("ErrorText", "PDF files in {address}"), QT_TRANSLATE_NOOP("ErrorText", "PDF files")),
    "system": (QT_TRANSLATE_NOOP("ErrorText", "the printer {address}"),
               QT_TRANSLATE_NOOP("ErrorText", "the system's default printer")),
    "escpos-network": (QT_TRANSLATE_NOOP("ErrorText", "the network printer at {address}"),
                       QT_TRANSLATE_NOOP("ErrorText", "the network printer")),
    "escpos-usb": (QT_TRANSLATE_NOOP("ErrorText", "the USB printer {address}"),
                   QT_TRANSLATE_NOOP("ErrorText", "the USB printer")),
    "escpos-serial": (QT_TRANSLATE_NOOP("ErrorText", "the serial printer at {address}"),
                      QT_TRANSLATE_NOOP("ErrorText", "the serial printer")),
    "fgl-network": (QT_TRANSLATE_NOOP("ErrorText", "the ticket printer at {address}"),
                    QT_TRANSLATE_NOOP("ErrorText", "the network ticket printer")),
    "fgl-usb": (QT_TRANSLATE_NOOP("ErrorText", "the USB ticket printer {address}"),
                QT_TRANSLATE_NOOP("ErrorText", "the USB ticket printer")),
    "fgl-serial": (QT_TRANSLATE_NOOP("ErrorText", "the serial ticket printer at {address}"),
                   QT_TRANSLATE_NOOP("ErrorText", "the serial ticket printer")),
}


def printer_text(destination: Mapping[str, object]) -> str:
    """Where a printer prints, in the window's language ("archivos PDF en /datos/impresiones"); without an address
    (not set yet) just the kind of printer."""
    kind, address = str(destination.get("printer_kind", "")), str(destination.get("printer_address", "")).strip()
    with_address, without = PRINTERS.get(kind, PRINTERS["system"])
    return (_translated(with_address if address else without) or "").format(address=address)


def known_codes() -> frozenset[str]:
    return frozenset(TEMPLATES) | frozenset(ErrorText.COUNTS)


def describe(exc: BaseException, money: MoneyFormat | None = None, *,
             context: Mapping[str, object] | None = None) -> str:
    """The text to show for ``exc`` in the current language. ``context``: what the screen knows that the error
    does not carry (the first-run wizard's host and office as typed); the error's own params win."""
    if isinstance(exc, BoxOfficeError):
        template = _counted(exc.code, exc.params) or _translated(TEMPLATES.get(exc.code))
        if template is not None:
            params = {**(context or {}), **exc.params}
            if "printer_kind" in params:
                params = {**params, "printer": printer_text(params)}
            if exc.code == "permission_refused":
                action = str(params.get("action", ""))
                params = {**params, "action": _translated(ACTIONS.get(action)) or action}
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
        elif name.endswith("_at") and isinstance(value, str):
            shown[name] = _local_moment(value)
        else:
            shown[name] = value
    return string.Formatter().vformat(template, (), _Defaulting(shown))


def _local_moment(text: str) -> str:
    """An ISO-8601 moment (a parameter named ``*_at``) as this window's local date and time, in its language."""
    moment = QDateTime.fromString(text, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        return text
    return QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat)


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
