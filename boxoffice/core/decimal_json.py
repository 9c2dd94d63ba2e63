"""JSON with exact decimal numbers: ``Decimal("25.00")`` goes on the wire as the number ``25.00``.

The stdlib encoder knows no Decimal and turning amounts into floats is exactly what money code must not do,
so Decimals are written as unique placeholders and swapped for their digits after encoding. Reading parses
every non-integer number as Decimal.

Reading is also where hostile numbers are stopped: ``NaN``/``Infinity`` are not JSON, and a number such as
``1E+999999999`` or a 5,000-digit integer is valid JSON that blows up later (``decimal.Overflow`` on the first
multiplication, a 500 or a traceback far from the input). :func:`loads` refuses them, or with
``mark_unsafe=True`` leaves an :class:`UnsafeNumber` in their place so a caller can name the field.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
MAX_NUMBER_TEXT = 64
"""Longest number literal read as a number: a 64-bit integer has 20 characters, an amount far fewer."""
MAX_DECIMAL_MAGNITUDE = 18
"""Largest decimal exponent (``adjusted()``): 10^19 units is beyond any 64-bit amount in cents."""
MAX_DECIMAL_DIGITS = 28
"""Significant digits of the default decimal context: within it, ``amount * 100`` is exact, not rounded."""
MIN_DECIMAL_EXPONENT = -MAX_NUMBER_TEXT
"""Smallest exponent: ``1E-999999999 * 100`` underflows to zero cents inside Decimal arithmetic."""


RANGE = ("numbers must be finite, integers must fit in 64 bits; decimals must be below 10^19, with at most 28 "
         "significant digits and 64 decimal places")


@dataclass(frozen=True)
class UnsafeNumber:
    """A JSON number outside what money code can compute with safely, kept as (the start of) its text."""

    text: str

    def __str__(self) -> str:
        return self.text if len(self.text) <= 24 else self.text[:20] + "..."


def dumps(obj: Any) -> str:
    marker = "DEC" + secrets.token_hex(8)  # unguessable, so no customer text can impersonate a placeholder

    def default(value: Any) -> Any:
        if isinstance(value, Decimal):
            if not value.is_finite():
                raise ValueError(f"cannot send non-finite amount {value}")
            return f"{marker}:{value}"
        raise TypeError(f"{type(value).__name__} is not JSON serializable")

    text = json.dumps(obj, default=default, ensure_ascii=False, separators=(",", ":"))
    return re.sub(rf'"{marker}:(-?[0-9.E+-]+)"', r"\1", text)


def _refuse(number: UnsafeNumber) -> Any:
    raise ValueError(f"the number {number} is out of range: {RANGE}")


def _integer(text: str) -> int | UnsafeNumber:
    if len(text) > MAX_NUMBER_TEXT:  # int() of thousands of digits is slow, and refused past 4,300
        return UnsafeNumber(text[:MAX_NUMBER_TEXT])
    value = int(text)
    return value if INT64_MIN <= value <= INT64_MAX else UnsafeNumber(text)


def _decimal(text: str) -> Decimal | UnsafeNumber:
    if len(text) > MAX_NUMBER_TEXT:
        return UnsafeNumber(text[:MAX_NUMBER_TEXT])
    value = Decimal(text)
    digits = value.as_tuple()
    if value.adjusted() > MAX_DECIMAL_MAGNITUDE or len(digits.digits) > MAX_DECIMAL_DIGITS \
            or not isinstance(digits.exponent, int) or digits.exponent < MIN_DECIMAL_EXPONENT:
        return UnsafeNumber(text)
    return value


def loads(text: str | bytes, *, mark_unsafe: bool = False, marked: list[UnsafeNumber] | None = None) -> Any:
    """Parse JSON; non-integers as ``Decimal``. ``ValueError`` for anything that is not JSON or too deep.

    Numbers out of range and ``NaN``/``Infinity`` raise ``ValueError`` too, unless ``mark_unsafe`` puts an
    :class:`UnsafeNumber` there (each one also appended to ``marked``, when given: a caller learns whether
    there are any without walking the result).
    """
    def keep(number: UnsafeNumber) -> UnsafeNumber:
        if marked is not None:
            marked.append(number)
        return number

    on_unsafe: Any = keep if mark_unsafe else _refuse

    def integer(literal: str) -> Any:
        value = _integer(literal)
        return on_unsafe(value) if isinstance(value, UnsafeNumber) else value

    def decimal(literal: str) -> Any:
        value = _decimal(literal)
        return on_unsafe(value) if isinstance(value, UnsafeNumber) else value

    def constant(name: str) -> Any:  # NaN, Infinity, -Infinity: Python's json reads them, JSON has no such thing
        if mark_unsafe:
            return keep(UnsafeNumber(name))
        raise ValueError(f"{name} is not a JSON number")

    try:
        return json.loads(text, parse_float=decimal, parse_int=integer, parse_constant=constant)
    except RecursionError:
        raise ValueError("the JSON is nested too deeply") from None
