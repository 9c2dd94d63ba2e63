"""Money: integer cents, exact decimal conversion, locale formats (property-based)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.core.errors import InvalidMoney
from boxoffice.core.money import MAX_CENTS, api_to_cents, cents_to_api, money_format

cents_values = st.integers(min_value=-MAX_CENTS, max_value=MAX_CENTS)


@given(cents_values)
def test_api_round_trip_is_exact(cents: int) -> None:
    amount = cents_to_api(cents)
    assert isinstance(amount, Decimal)
    assert amount.as_tuple().exponent == -2
    assert api_to_cents(amount) == cents
    assert api_to_cents(str(amount)) == cents


@given(cents_values, st.sampled_from(["es", "en"]))
def test_display_round_trip(cents: int, locale: str) -> None:
    fmt = money_format(locale)
    assert fmt.parse(fmt.format(cents)) == cents


def test_display_formats() -> None:
    assert money_format("es").format(2500) == "25,00\u00a0€"
    assert money_format("en").format(2500) == "€25.00"
    assert money_format("es_ES").format(123456789) == "1.234.567,89\u00a0€"
    assert money_format("en-US").format(-5) == "-€0.05"


@given(cents_values, st.sampled_from(["es", "en"]))
def test_a_formatted_amount_never_breaks_across_lines(cents: int, locale: str) -> None:
    """No breakable space inside an amount: a label that wraps never puts the "€" on a line of its own (#14)."""
    shown = money_format(locale).format(cents)
    assert " " not in shown


@pytest.mark.parametrize(
    ("locale", "text", "cents"),
    [
        ("es", "25", 2500),
        ("es", "25,5", 2550),
        ("es", "25.50", 2550),  # a dot typed on a Spanish keypad is still a decimal point here
        ("es", "1.234", 123400),  # ... but this is thousands
        ("es", "1.234,56 €", 123456),
        ("en", "€1,234.56", 123456),
        ("en", "0.07", 7),
        ("en", "-3", -300),
    ],
)
def test_parse_what_clerks_type(locale: str, text: str, cents: int) -> None:
    assert money_format(locale).parse(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1,2,3,4.5.6", "25,555", "12e3"])
def test_parse_rejects_nonsense_with_a_hint(text: str) -> None:
    with pytest.raises(InvalidMoney):
        money_format("es").parse(text)


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_floats_are_refused(value: float) -> None:
    with pytest.raises(InvalidMoney, match="float"):
        api_to_cents(value)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", ["25.001", Decimal("0.005"), "NaN", "Infinity", "twenty", "1e20"])
def test_inexact_or_invalid_api_amounts_are_refused(value) -> None:
    with pytest.raises(InvalidMoney):
        api_to_cents(value)


def test_cents_must_be_integers() -> None:
    with pytest.raises(InvalidMoney):
        cents_to_api(25.0)  # type: ignore[arg-type]
    with pytest.raises(InvalidMoney):
        money_format("en").format(True)


def test_unknown_locale_is_named() -> None:
    with pytest.raises(InvalidMoney, match="fr"):
        money_format("fr")
