"""Column types for the local store.

Timestamps are timezone-aware UTC in storage and in Python (docs/ARCHITECTURE.md "Local data"). SQLite has no date
type, so `UTCDateTime` stores fixed-width ISO-8601 text ending in "Z": readable in the sqlite3 shell,
unambiguous, and sorting/comparing the text in SQL gives chronological order. Money is plain `Integer` cents
(column names end in `_cents`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

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


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetime <-> sortable UTC text (`format_utc`); reads back as aware UTC datetimes."""

    impl = String(UTC_TEXT_LENGTH)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return None if value is None else format_utc(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return None if value is None else parse_utc(value)


def canonical_json(value: Any) -> str:
    """One deterministic JSON text per value (sorted keys, no spaces, UTF-8 kept).

    Deterministic so an outbox payload is byte-identical on every retry and the journal's hash chain can be
    recomputed from what is stored. NaN/Infinity are refused: they are not JSON and money is never a float.
    """
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)


class JSONText(TypeDecorator[Any]):
    """A JSON document stored as canonical text (`canonical_json`); Python None is SQL NULL.

    Changes inside a loaded dict/list are not tracked: assign a new value to the attribute to save a change.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else canonical_json(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)
