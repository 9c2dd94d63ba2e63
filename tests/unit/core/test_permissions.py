"""The permissions table: what each role may do, and the refusal the services raise."""

from __future__ import annotations

import pytest

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.permissions import PERMISSIONS, ROLES, Action, PermissionRefused, allowed, require
from boxoffice.store.models import CLERK_ROLES


def test_every_stored_role_has_a_row_and_nothing_else() -> None:
    assert set(PERMISSIONS) == set(ROLES) == set(CLERK_ROLES)


def test_supervisor_may_do_everything() -> None:
    assert all(allowed("supervisor", action) for action in Action)


def test_door_only_checks_tickets() -> None:
    assert [a for a in Action if allowed("door", a)] == [Action.door_check]


@pytest.mark.parametrize("action", [Action.sell, Action.door_check, Action.shift_own])
def test_clerk_sells_checks_and_runs_own_shift(action: Action) -> None:
    assert allowed("clerk", action)


@pytest.mark.parametrize("action", [Action.comp, Action.void, Action.refund, Action.return_tickets, Action.no_sale,
                                    Action.settings, Action.staff, Action.sync_queue, Action.shifts_close,
                                    Action.discount_over_limit, Action.kiosk_exit, Action.reports])
def test_clerk_is_refused_supervisor_actions(action: Action) -> None:
    assert not allowed("clerk", action)
    with pytest.raises(PermissionRefused) as caught:
        require("clerk", action)
    assert isinstance(caught.value, BoxOfficeError)
    assert caught.value.code == "permission_refused"
    assert caught.value.params["action"] == action.value


@pytest.mark.parametrize("role", [None, "", "admin", "Supervisor"])
def test_unknown_role_may_do_nothing(role: str | None) -> None:
    assert not any(allowed(role, a) for a in Action)
    with pytest.raises(PermissionRefused):
        require(role, Action.door_check)


def test_require_passes_silently() -> None:
    require("supervisor", Action.staff)
    require("door", Action.door_check)
