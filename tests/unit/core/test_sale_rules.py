"""The ticket types' sale window and visibility as the window judges them (core/sale_rules.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from boxoffice.core.errors import InvalidSale
from boxoffice.core.sale_rules import TypeRules, check

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize("rules", [
    TypeRules("General", None, None, "public"),
    TypeRules("General", NOW - HOUR, NOW + HOUR, "public"),
    TypeRules("General", NOW, NOW, "public"),  # both ends belong to the window
])
def test_inside_the_window_a_public_type_sells(rules: TypeRules) -> None:
    check(rules, NOW)


@pytest.mark.parametrize(("rules", "code", "param"), [
    (TypeRules("Preventa", NOW + HOUR, None, "public"), "ticket_type_not_yet_on_sale", "opens_at"),
    (TypeRules("Preventa", None, NOW - HOUR, "public"), "ticket_type_sale_closed", "closed_at"),
    (TypeRules("Invitación", None, None, "invite-only"), "ticket_type_not_public", "product"),
    (TypeRules("Staff", None, None, "private"), "ticket_type_not_public", "product"),
])
def test_past_a_rule_the_sale_is_refused_with_its_reason(rules: TypeRules, code: str, param: str) -> None:
    with pytest.raises(InvalidSale) as refused:
        check(rules, NOW)
    assert refused.value.code == code and refused.value.params["product"] == rules.name
    assert param in refused.value.params


def test_a_comp_may_issue_a_type_that_is_not_public_but_not_outside_its_window() -> None:
    check(TypeRules("Invitación", None, None, "invite-only"), NOW, comp=True)
    with pytest.raises(InvalidSale, match="no longer on sale"):
        check(TypeRules("Invitación", None, NOW - HOUR, "invite-only"), NOW, comp=True)
