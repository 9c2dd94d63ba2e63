"""JSON with exact decimal numbers: ``Decimal("25.00")`` goes on the wire as the number ``25.00``.

The stdlib encoder knows no Decimal and turning amounts into floats is exactly what money code must not do,
so Decimals are written as unique placeholders and swapped for their digits after encoding. Reading parses
every non-integer number as Decimal.
"""

from __future__ import annotations

import json
import re
import secrets
from decimal import Decimal
from typing import Any


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


def loads(text: str | bytes) -> Any:
    return json.loads(text, parse_float=Decimal)
