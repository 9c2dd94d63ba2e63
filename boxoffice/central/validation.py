"""Reading request bodies strictly: every wrong shape is a 400 that names the field, checked before any write.

JSON numbers with a fraction arrive as :class:`~decimal.Decimal` (never ``float``), so ``25.00`` converts to
2500 cents exactly.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from boxoffice.central.envelope import BadInput
from boxoffice.core import decimal_json
from boxoffice.core.errors import InvalidMoney
from boxoffice.core.money import api_to_cents

MAX_IDS = 10_000
"""Largest id array accepted (the pretix offline batches' limit, too)."""
MAX_ENTRIES = 10_000
MAX_ID_LENGTH = 128
MAX_TEXT = 10_000


def parse_json(body: bytes) -> Any:
    """Parse a request body and check that every value in it can be stored and computed with.

    The one door every request body goes through, so no endpoint can forget a check: not UTF-8 or not JSON is
    ``BadInput("body")``; a NUL character (PostgreSQL text cannot hold it), a lone surrogate (not Unicode:
    encoding it fails far from here) or a number out of range (``1E+999999999``, 5,000 digits) anywhere, keys
    included, is a ``BadInput`` naming its path (``data.ticket_sold[1].client_name``). CPU-heavy for big
    bodies: call it off the event loop.
    """
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput("body", "the request body must be UTF-8 encoded JSON") from None
    try:
        payload = decimal_json.loads(text, mark_unsafe=True)
    except ValueError as exc:
        raise BadInput("body", f"the request body is not valid JSON: {exc}") from None
    _check_values(payload)
    return payload


_SURROGATE = re.compile("[\ud800-\udfff]")
_Path = tuple[Any, ...] | None
"""A JSON path as a linked list ``(parent, key)``: cheap to build for every value, formatted only on error."""


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character (\\u0000), which cannot be stored; remove it"
    if not text.isascii() and _SURROGATE.search(text):
        return "contains a lone UTF-16 surrogate (like \\udfff), which is not valid Unicode text"
    return None


def require_clean_text(text: str, field_path: str) -> str:
    """``text`` unchanged, or ``BadInput`` when it holds a NUL or a lone surrogate (for text not from JSON)."""
    problem = _text_problem(text)
    if problem:
        raise BadInput(field_path, f"{field_path} {problem}")
    return text


def _format_path(path: _Path) -> str:
    """``data.ticket_sold[0].client_name`` under a callable function's ``data``, ``body.notes`` elsewhere."""
    steps: list[Any] = []
    while path is not None:
        path, key = path
        steps.append(key)
    steps.reverse()
    text = "" if steps[:1] == ["data"] else "body"
    for step in steps:
        # a key is written as JSON escapes (ASCII): a bad one is named without repeating what made it bad
        text += f"[{step}]" if isinstance(step, int) else f".{json.dumps(step)[1:-1]}"
    return text.lstrip(".")


def _check_values(payload: Any) -> None:
    """Walk the whole parsed body (iteratively: depth is bounded by the parser, not by our stack)."""
    stack: list[tuple[Any, _Path]] = [(payload, None)]
    while stack:
        value, path = stack.pop()
        problem: str | None = None
        children: list[tuple[Any, _Path]] = []
        if isinstance(value, str):
            problem = _text_problem(value)
        elif isinstance(value, dict):
            for key, item in value.items():
                key_problem = _text_problem(key)
                if key_problem:
                    raise _bad((path, key), f"the name {key_problem}")
                children.append((item, (path, key)))
        elif isinstance(value, list):
            children = [(item, (path, index)) for index, item in enumerate(value)]
        elif isinstance(value, decimal_json.UnsafeNumber):
            problem = f"is the number {value}, out of range: {decimal_json.RANGE}"
        if problem:
            raise _bad(path, problem)
        stack.extend(reversed(children))  # popped in document order: the first bad value is the one named


def _bad(path: _Path, problem: str) -> BadInput:
    name = _format_path(path)
    return BadInput(name, f"{name} {problem}")


def callable_data(payload: Any) -> Fields:
    """The ``data`` object of a callable-function request ``{"data": {...}}``."""
    if not isinstance(payload, dict):
        raise BadInput("body", 'the request body must be a JSON object like {"data": {...}}')
    if "data" not in payload:
        raise BadInput("data", 'data is required: the request body must look like {"data": {...}}')
    if not isinstance(payload["data"], dict):
        raise BadInput("data", "data must be a JSON object")
    return Fields(payload["data"], "data")


def _type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


class Fields:
    """A JSON object being read, with the path that names its fields in error messages."""

    def __init__(self, raw: dict[str, Any], path: str) -> None:
        self.raw = raw
        self.path = path

    def at(self, key: str) -> str:
        return f"{self.path}.{key}"

    def _get(self, key: str, required: bool, what: str) -> Any:
        if key not in self.raw:
            if required:
                raise BadInput(self.at(key), f"{self.at(key)} is required: {what}")
            return None
        return self.raw[key]

    def string(self, key: str, *, required: bool = True, nullable: bool = False,
               max_length: int = 255, what: str = "a string") -> str | None:
        value = self._get(key, required, what)
        if value is None:
            if key in self.raw and not nullable:
                raise BadInput(self.at(key), f"{self.at(key)} must be {what}, not null")
            return None
        if not isinstance(value, str):
            raise BadInput(self.at(key), f"{self.at(key)} must be {what}, not {_type_name(value)}")
        if len(value) > max_length:
            raise BadInput(self.at(key), f"{self.at(key)} is longer than {max_length} characters")
        return value

    def identifier(self, key: str, *, required: bool = True, nullable: bool = False,
                   what: str = "an id") -> str | None:
        """A non-empty id string (event, office, ticket, idempotency key)."""
        value = self.string(key, required=required, nullable=nullable, max_length=MAX_ID_LENGTH,
                            what=f"{what} (a string)")
        if value is not None and not value.strip():
            raise BadInput(self.at(key), f"{self.at(key)} must not be empty")
        return value

    def scalar_text(self, key: str, *, required: bool = False, max_length: int = 255) -> str | None:
        """A string or an integer kept as text (the pos spec shows ids both ways: ``3`` and ``"3"``)."""
        value = self._get(key, required, "a string or an integer")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise BadInput(self.at(key), f"{self.at(key)} must be a string or an integer, not {_type_name(value)}")
        text = str(value)
        if len(text) > max_length:
            raise BadInput(self.at(key), f"{self.at(key)} is longer than {max_length} characters")
        return text

    def integer(self, key: str, *, required: bool = True, nullable: bool = False, minimum: int | None = None,
                maximum: int | None = None, what: str = "an integer") -> int | None:
        value = self._get(key, required, what)
        if value is None:
            if key in self.raw and not nullable:
                raise BadInput(self.at(key), f"{self.at(key)} must be {what}, not null")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise BadInput(self.at(key), f"{self.at(key)} must be {what}, not {_type_name(value)}")
        if minimum is not None and value < minimum:
            raise BadInput(self.at(key), f"{self.at(key)} must be at least {minimum}")
        if maximum is not None and value > maximum:
            raise BadInput(self.at(key), f"{self.at(key)} must be at most {maximum}")
        return value

    def cents(self, key: str, *, required: bool = True, nullable: bool = False) -> int | None:
        """An amount already in cents (pos-transaction spec): a JSON integer."""
        return self.integer(key, required=required, nullable=nullable,
                            minimum=-(10**13), maximum=10**13, what="an integer amount in cents")

    def decimal_amount(self, key: str, *, required: bool = True) -> int | None:
        """An amount in decimal units (offline-office spec, ``25.00``) converted to cents exactly."""
        value = self._get(key, required, "a number like 25.00")
        if value is None:
            if key in self.raw:
                raise BadInput(self.at(key), f"{self.at(key)} must be a number like 25.00, not null")
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            raise BadInput(self.at(key), f"{self.at(key)} must be a number like 25.00, not {_type_name(value)}")
        try:
            return api_to_cents(value)
        except InvalidMoney as exc:
            raise BadInput(self.at(key), f"{self.at(key)}: {exc}") from None

    def id_list(self, key: str, *, required: bool = True, allow_empty: bool = False,
                what: str = "ticket ids") -> list[str] | None:
        """A list of up to :data:`MAX_IDS` id strings, duplicates removed (first occurrence kept)."""
        message = f"{self.at(key)} must be a list of {what}"
        value = self._get(key, required, f"a list of {what}")
        if value is None:
            if key in self.raw:
                raise BadInput(self.at(key), f"{message}, not null")
            return None
        if not isinstance(value, list):
            raise BadInput(self.at(key), f"{message}, not {_type_name(value)}")
        if len(value) > MAX_IDS:
            raise BadInput(self.at(key), f"{message}; at most {MAX_IDS} per request, got {len(value)}")
        if not value and not allow_empty:
            raise BadInput(self.at(key), f"{message}; the list is empty")
        ids: dict[str, None] = {}
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip() or len(item) > MAX_ID_LENGTH:
                raise BadInput(f"{self.at(key)}[{index}]",
                               f"{self.at(key)}[{index}] must be a non-empty id string of at most "
                               f"{MAX_ID_LENGTH} characters ({message})")
            ids[item] = None
        return list(ids)

    def objects(self, key: str, *, required: bool = True, max_items: int = MAX_ENTRIES,
                what: str = "objects") -> list[Fields] | None:
        value = self._get(key, required, f"a list of {what}")
        if value is None:
            if key in self.raw:
                raise BadInput(self.at(key), f"{self.at(key)} must be a list of {what}, not null")
            return None
        if not isinstance(value, list):
            raise BadInput(self.at(key), f"{self.at(key)} must be a list of {what}, not {_type_name(value)}")
        if len(value) > max_items:
            raise BadInput(self.at(key), f"{self.at(key)} has {len(value)} items; at most {max_items} allowed")
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise BadInput(f"{self.at(key)}[{index}]",
                               f"{self.at(key)}[{index}] must be an object, not {_type_name(item)}")
            items.append(Fields(item, f"{self.at(key)}[{index}]"))
        return items

    def object(self, key: str, *, required: bool = True) -> Fields | None:
        value = self._get(key, required, "an object")
        if value is None:
            if key in self.raw:
                raise BadInput(self.at(key), f"{self.at(key)} must be an object, not null")
            return None
        if not isinstance(value, dict):
            raise BadInput(self.at(key), f"{self.at(key)} must be an object, not {_type_name(value)}")
        return Fields(value, self.at(key))


def canonical(value: Any) -> str:
    """Stable text of a parsed request, to tell a true replay from a reused idempotency key."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=lambda d: format(d.normalize(), "f") if isinstance(d, Decimal) else str(d))
