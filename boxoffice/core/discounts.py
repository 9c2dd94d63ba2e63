"""The discount rule (issue #14): how much of a line's list price may be taken off, and by whom.

A clerk may take off up to a configured percentage of a line's list price (``[permissions]
clerk_max_discount_percent``, default :data:`DEFAULT_CLERK_MAX_DISCOUNT_PERCENT`); above it the sale needs a
role allowed :attr:`~boxoffice.core.permissions.Action.discount_over_limit` (a supervisor), either selling or
approving. The whole price off is never a discount, whoever gives it: that is a comp, issued by a supervisor
with a reason and a recipient, so it is counted and printed as one. Pure functions: the sale service enforces
them, the window asks them first so the clerk is told before paying.
"""

from __future__ import annotations

from enum import StrEnum

from boxoffice.core.errors import SaleRejected
from boxoffice.core.permissions import Action, allowed

DEFAULT_CLERK_MAX_DISCOUNT_PERCENT = 10


class DiscountCheck(StrEnum):
    """What a discount needs."""

    ok = "ok"  # the seller may give it
    needs_supervisor = "needs_supervisor"  # above the seller's limit: a supervisor approves it
    is_comp = "is_comp"  # the whole price: use Comp, never a discount


class DiscountRefused(SaleRejected):
    """A discount the rule does not allow as asked; ``code`` says why, nothing was written."""


def percent_of(list_cents: int, percent: int) -> int:
    """``percent`` of ``list_cents`` in whole cents, rounded down (so a limit is never exceeded by rounding)."""
    return list_cents * percent // 100


def limit_cents(list_cents: int, limit_percent: int) -> int:
    """The most a clerk may take off a line of ``list_cents``; never the whole price."""
    return min(percent_of(list_cents, limit_percent), max(list_cents - 1, 0))


def check_discount(discount_cents: int, list_cents: int, role: str | None, limit_percent: int) -> DiscountCheck:
    """What a discount of ``discount_cents`` on a line listed at ``list_cents`` needs when ``role`` sells it.

    The range (0 to the list price) is checked by the caller; an unknown or missing role sells as a clerk does.
    """
    if discount_cents <= 0:
        return DiscountCheck.ok
    if discount_cents >= list_cents:
        return DiscountCheck.is_comp
    if discount_cents <= limit_cents(list_cents, limit_percent) or allowed(role, Action.discount_over_limit):
        return DiscountCheck.ok
    return DiscountCheck.needs_supervisor


def may_approve(role: str | None) -> bool:
    """Whether a clerk of ``role`` may approve a discount above the limit."""
    return allowed(role, Action.discount_over_limit)


def require_discount(discount_cents: int, list_cents: int, role: str | None, limit_percent: int, *,
                     product: str, approved: bool = False) -> DiscountCheck:
    """Raise :class:`DiscountRefused` unless the discount may be given (``approved``: a supervisor approved it).

    Returns the check, so the caller knows whether the approval was used.
    """
    verdict = check_discount(discount_cents, list_cents, role, limit_percent)
    if verdict is DiscountCheck.is_comp:
        raise DiscountRefused(f"the whole price of {product} off is a comp, not a discount: a supervisor issues "
                              "it with Comp, giving a reason and a recipient",
                              code="discount_is_comp", params={"product": product})
    if verdict is DiscountCheck.needs_supervisor and not approved:
        limit = limit_cents(list_cents, limit_percent)
        raise DiscountRefused(f"a discount on {product} above {limit_percent}% of its price ({limit} cents) needs "
                              "a supervisor's approval",
                              code="discount_needs_supervisor",
                              params={"product": product, "percent": limit_percent, "limit_cents": limit})
    return verdict

