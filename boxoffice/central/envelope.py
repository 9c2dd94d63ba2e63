"""The callable-function envelope ``{"message", "status", "data": {"valido", ...}}`` and its JSON encoding.

Every answer, success or failure, goes through here so the HTTP status always equals ``status`` and amounts
leave as exact decimals (``25.00``), never as binary floats: the standard ``json`` module cannot write a
``Decimal`` as a number, so :func:`dumps` marks them and unmarks them after encoding.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from starlette.responses import Response

JSON_MEDIA_TYPE = "application/json"


# Decimals leave json.dumps (fast, in C) as a marked string and are turned into bare numbers afterwards; the
# per-process random nonce means no client-sent text can imitate the mark.
_NONCE = secrets.token_hex(8)
_DECIMAL_MARK = re.compile(r'"\\u0000' + _NONCE + r'(-?[0-9]+(?:\.[0-9]+)?)\\u0000"')


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"cannot encode {value} as JSON")
        return f"\x00{_NONCE}{format(value, 'f')}\x00"
    if isinstance(value, datetime):
        return iso_utc(value)
    raise TypeError(f"cannot encode {type(value).__name__} as JSON")


def dumps(value: Any) -> bytes:
    """Encode ``value`` as compact UTF-8 JSON; ``Decimal`` as a JSON number, datetimes as ISO-8601 UTC."""
    text = json.dumps(value, default=_default, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # backslashreplace: text that is not Unicode (a lone surrogate) becomes its JSON escape, never a 500
    if _NONCE in text:  # only a document with a Decimal in it needs the pass (a 100,000-ticket list has none)
        text = _DECIMAL_MARK.sub(r"\1", text)
    return text.encode("utf-8", "backslashreplace")


def iso_utc(value: datetime) -> str:
    """``2024-07-01T18:00:00Z``-style text (microseconds kept when present)."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def json_response(status: int, body: bytes, headers: dict[str, str] | None = None) -> Response:
    return Response(content=body, status_code=status, media_type=JSON_MEDIA_TYPE, headers=headers)


@dataclass
class ApiResult:
    """An answer in the envelope; business failures (``nodisponible``) are results too, not exceptions."""

    status: int
    message: str
    data: dict[str, Any] = field(default_factory=dict)

    def body(self) -> bytes:
        valid = 200 <= self.status < 300
        return dumps({"message": self.message, "status": self.status, "data": {"valido": valid, **self.data}})

    def response(self) -> Response:
        return json_response(self.status, self.body())


class ApiError(Exception):
    """A failure that ends the request with nothing written (raised before or inside the transaction)."""

    status = 400
    headers: dict[str, str] | None = None

    def __init__(self, message: str, **data: Any) -> None:
        super().__init__(message)
        self.message = message
        self.data = data

    def result(self) -> ApiResult:
        return ApiResult(self.status, self.message, self.data)

    def response(self) -> Response:
        return json_response(self.status, self.result().body(), self.headers)


class BadInput(ApiError):
    """400: the request is malformed; ``field`` names the offending part as a path (``data.tickets[3]``)."""

    def __init__(self, field_path: str, message: str) -> None:
        super().__init__(message, field=field_path)


class Unauthorized(ApiError):
    status = 401
    headers = {"WWW-Authenticate": "Bearer"}


class Forbidden(ApiError):
    status = 403


class NotFound(ApiError):
    status = 404


class Conflict(ApiError):
    """409: the request is well formed but the ticket, booking or ticket type is in a state that forbids it."""

    status = 409


class PaymentRequired(ApiError):
    """402: the gateway did not confirm the payment; the booking stays pending."""

    status = 402


class Gone(ApiError):
    """410: the ticket's QR is void (refunded, cancelled or transferred); the record is kept."""

    status = 410


class IdempotencyMismatch(ApiError):
    """409: an ``X-Idempotency-Key`` was reused for a different request; replaying would lose the new one."""

    status = 409


class PayloadTooLarge(ApiError):
    status = 413
