"""Column types for the local store.

Timestamps are timezone-aware UTC in storage and in Python (docs/ARCHITECTURE.md "Local data"). SQLite has no date
type, so `UTCDateTime` stores fixed-width ISO-8601 text ending in "Z": readable in the sqlite3 shell,
unambiguous, and sorting/comparing the text in SQL gives chronological order. Money is plain `Integer` cents
(column names end in `_cents`).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from boxoffice.core.utc import UTC_TEXT_LENGTH, format_utc, parse_utc, utcnow

__all__ = ["UTC_TEXT_LENGTH", "JSONText", "UTCDateTime", "canonical_json", "format_utc", "parse_utc", "utcnow"]


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
