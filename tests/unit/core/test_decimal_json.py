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
