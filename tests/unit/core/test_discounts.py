"""The discount rule: a clerk up to the configured percentage, a supervisor above it, the whole price never."""

from __future__ import annotations

import pytest

from boxoffice.core.discounts import (
    DEFAULT_CLERK_MAX_DISCOUNT_PERCENT,
    DiscountCheck,
    DiscountRefused,
    check_discount,
    limit_cents,
    may_approve,
    percent_of,
    require_discount,
)
from boxoffice.core.errors import SaleRejected


def test_the_default_limit_is_ten_percent() -> None:
    assert DEFAULT_CLERK_MAX_DISCOUNT_PERCENT == 10
    assert limit_cents(2500, 10) == 250


def test_limits_round_down_to_whole_cents() -> None:
    assert percent_of(3333, 10) == 333
    assert limit_cents(3333, 10) == 333
    assert percent_of(999, 15) == 149


def test_a_limit_never_reaches_the_whole_price() -> None:
    assert limit_cents(2500, 100) == 2499
    assert limit_cents(0, 50) == 0


@pytest.mark.parametrize("role", ["clerk", "door", None, "unknown"])
def test_up_to_the_limit_anyone_selling_may_discount(role: str | None) -> None:
    assert check_discount(0, 2500, role, 10) is DiscountCheck.ok
    assert check_discount(250, 2500, role, 10) is DiscountCheck.ok


@pytest.mark.parametrize("role", ["clerk", "door", None, "unknown"])
def test_above_the_limit_a_clerk_needs_a_supervisor(role: str | None) -> None:
    assert check_discount(251, 2500, role, 10) is DiscountCheck.needs_supervisor
    assert check_discount(2499, 2500, role, 10) is DiscountCheck.needs_supervisor


def test_a_zero_limit_means_every_discount_needs_a_supervisor() -> None:
    assert check_discount(1, 2500, "clerk", 0) is DiscountCheck.needs_supervisor


def test_a_supervisor_discounts_above_the_limit_without_approval() -> None:
    assert check_discount(2499, 2500, "supervisor", 10) is DiscountCheck.ok


@pytest.mark.parametrize("role", ["clerk", "supervisor", None])
@pytest.mark.parametrize("limit", [10, 100])
def test_the_whole_price_off_is_a_comp_for_every_role_and_limit(role: str | None, limit: int) -> None:
    assert check_discount(2500, 2500, role, limit) is DiscountCheck.is_comp


def test_only_a_supervisor_may_approve() -> None:
    assert may_approve("supervisor")
    assert not any(may_approve(role) for role in ("clerk", "door", None, "Supervisor"))


def test_require_refuses_above_the_limit_with_the_limit_in_the_error() -> None:
    with pytest.raises(DiscountRefused) as caught:
        require_discount(500, 2500, "clerk", 10, product="General")
    assert isinstance(caught.value, SaleRejected)
    assert caught.value.code == "discount_needs_supervisor"
    assert caught.value.params == {"product": "General", "percent": 10, "limit_cents": 250}


def test_require_passes_an_approved_discount_and_says_the_approval_was_used() -> None:
    assert require_discount(500, 2500, "clerk", 10, product="General", approved=True) \
        is DiscountCheck.needs_supervisor
    assert require_discount(200, 2500, "clerk", 10, product="General", approved=True) is DiscountCheck.ok


@pytest.mark.parametrize("approved", [False, True])
def test_require_refuses_the_whole_price_even_approved_or_by_a_supervisor(approved: bool) -> None:
    for role in ("clerk", "supervisor"):
        with pytest.raises(DiscountRefused) as caught:
            require_discount(2500, 2500, role, 10, product="VIP", approved=approved)
        assert caught.value.code == "discount_is_comp"
        assert caught.value.params == {"product": "VIP"}
