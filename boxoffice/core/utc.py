"""Aware UTC times and their stored text, without the database: the transport (``sync/``) reads and writes the
platform's times with these, and the store's column type (:mod:`boxoffice.store.types`) stores them.

Kept apart from the store so that a command that talks to the platform first (``boxoffice pull``) need not import
SQLAlchemy before its first request.
"""

from __future__ import annotations

from datetime import UTC, datetime

#: "2025-01-31T12:34:56.123456Z": always 27 characters, so text order is time order.
UTC_TEXT_LENGTH = 27


def utcnow() -> datetime:
    """The current time as an aware UTC datetime: the default for created_at/updated_at columns."""
    return datetime.now(UTC)


def format_utc(value: datetime) -> str:
    """Aware datetime -> the stored text. Naive datetimes are refused: their zone is a guess."""
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}: {value!r}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"naive datetime {value.isoformat()} has no time zone; store aware datetimes "
            "(e.g. datetime.now(UTC)) so the terminal's local zone never leaks into the database"
        )
    # isoformat pads the year to 4 digits (strftime("%Y") does not on every platform).
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_utc(text: str) -> datetime:
    """Stored text -> aware UTC datetime. Text without an offset is UTC by this column's contract."""
    parsed = datetime.fromisoformat(text)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
