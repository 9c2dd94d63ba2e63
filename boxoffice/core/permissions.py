"""Who may do what: the roles and their actions as one table, checked by the services (not only the window).

The window hides what a role may not use (``allowed``), but the rule lives here and every service that does one
of these actions calls :func:`require` with the acting clerk's role, so a script, the CLI or a stale window is
refused the same way. A supervisor may do everything; a clerk sells, checks tickets at the door and opens and
closes their own shift; a ``door`` clerk only checks tickets. The clerk discount limit (a percentage from the
config) is decided next to this in ``core/discounts.py``; above it a sale needs ``Action.discount_over_limit``.
"""

from __future__ import annotations

from enum import StrEnum

from boxoffice.core.errors import BoxOfficeError

ROLES: tuple[str, ...] = ("clerk", "supervisor", "door")


class Action(StrEnum):
    """One thing a clerk may be allowed to do. The value is what journals, errors and params carry."""

    sell = "sell"
    discount_over_limit = "discount_over_limit"
    comp = "comp"
    void = "void"
    refund = "refund"
    return_tickets = "return_tickets"
    reprint = "reprint"
    no_sale = "no_sale"
    settings = "settings"
    staff = "staff"
    reports = "reports"
    sync_queue = "sync_queue"
    shift_own = "shift_own"          # open and close one's own shift
    shifts_close = "shifts_close"    # close another clerk's shift, Z reports of every shift
    door_check = "door_check"
    kiosk_exit = "kiosk_exit"
    training = "training"
    batches = "batches"              # ask the platform for pre-generated tickets (offline sales batches)


PERMISSIONS: dict[str, frozenset[Action]] = {
    "door": frozenset({Action.door_check}),
    "clerk": frozenset({Action.sell, Action.door_check, Action.shift_own, Action.reprint}),
    "supervisor": frozenset(Action),
}


class PermissionRefused(BoxOfficeError):
    """The acting clerk's role may not do ``action``; nothing was written."""

    code = "permission_refused"

    def __init__(self, role: str | None, action: Action) -> None:
        what = action.value.replace("_", " ")
        message = (f"the {role} role does not allow {what}; ask a supervisor" if role
                   else f"{what} needs a supervisor, and nobody was named as the one acting")
        super().__init__(message, params={"action": action.value, "role": role or ""})
        self.role = role
        self.action = action


def allowed(role: str | None, action: Action) -> bool:
    """True when ``role`` may do ``action``; an unknown or missing role may do nothing."""
    return action in PERMISSIONS.get(role or "", frozenset())


def require(role: str | None, action: Action) -> None:
    """Raise :class:`PermissionRefused` unless ``role`` may do ``action``."""
    if not allowed(role, action):
        raise PermissionRefused(role, action)
