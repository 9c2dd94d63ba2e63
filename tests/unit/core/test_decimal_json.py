"""Exact decimals on the wire: no float ever touches an amount."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from boxoffice.core import decimal_json
from boxoffice.core.money import cents_to_api


def test_amounts_are_json_numbers_with_their_digits() -> None:
    text = decimal_json.dumps({"amount": Decimal("25.00"), "name": "Carlos Martínez", "n": 3})
    assert text == '{"amount":25.00,"name":"Carlos Martínez","n":3}'
    assert decimal_json.loads(text) == {"amount": Decimal("25.00"), "name": "Carlos Martínez", "n": 3}


@given(st.integers(min_value=-(10**12), max_value=10**12), st.text())
def test_round_trip_is_exact_whatever_the_text_around_it(cents: int, text: str) -> None:
    payload = {"amount": cents_to_api(cents), "note": text, "list": [cents_to_api(cents), text]}
    assert decimal_json.loads(decimal_json.dumps(payload)) == payload


def test_non_finite_and_unknown_types_are_refused() -> None:
    with pytest.raises(ValueError):
        decimal_json.dumps({"a": Decimal("NaN")})
    with pytest.raises(TypeError):
        decimal_json.dumps({"a": object()})


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1E+999999999", "-1E+999999999",
                                     "1E-999999999", "9e999", "9" * 5000, str(2**63), str(-(2**63) - 1),
                                     "1" * 29 + ".5", "1" + "0" * 19 + ".0"])
def test_numbers_no_amount_code_survives_are_refused_or_marked(literal: str) -> None:
    """Valid-looking JSON that blows up later (decimal.Overflow, int() of 5,000 digits) stops at reading."""
    text = '{"amount": ' + literal + "}"
    with pytest.raises(ValueError, match=r"out of range|not a JSON number"):
        decimal_json.loads(text)
    marked = decimal_json.loads(text, mark_unsafe=True)["amount"]
    assert isinstance(marked, decimal_json.UnsafeNumber)
    assert len(str(marked)) <= 24  # short enough to quote in an error message


@pytest.mark.parametrize(("literal", "value"), [
    (str(2**63 - 1), 2**63 - 1), (str(-(2**63)), -(2**63)), ("25.00", Decimal("25.00")), ("1E+2", Decimal("100")),
    ("0.000001", Decimal("0.000001")), ("99999999999999999.99", Decimal("99999999999999999.99"))])
def test_numbers_within_range_read_as_before(literal: str, value: object) -> None:
    assert decimal_json.loads('{"n": ' + literal + "}", mark_unsafe=True) == {"n": value}


def test_nesting_too_deep_is_a_value_error_not_a_recursion_error() -> None:
    with pytest.raises(ValueError, match="nested too deeply"):
        decimal_json.loads("[" * 100_000 + "]" * 100_000)
