"""Reading request bodies strictly: every wrong shape is a 400 that names the field, checked before any write.

Values no field may hold (NUL, lone surrogates, numbers out of range) are refused before this, for the whole
body at once, by :mod:`boxoffice.central.request_body`.

JSON numbers with a fraction arrive as :class:`~decimal.Decimal` (never ``float``), so ``25.00`` converts to
2500 cents exactly.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from json.encoder import encode_basestring as _encode_string  # C, what json.dumps(ensure_ascii=False) uses
from typing import Any

from boxoffice.central.envelope import BadInput
from boxoffice.central.json_text import one_shot
from boxoffice.core.errors import InvalidMoney
from boxoffice.core.money import api_to_cents

MAX_IDS = 10_000
"""Largest id array accepted (the pretix offline batches' limit, too)."""
MAX_ENTRIES = 10_000
MAX_ID_LENGTH = 128
MAX_TEXT = 10_000


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


#: isinstance's tuples, made once (``str | int`` in the call builds a union on every call of a hot reader)
_TEXT_OR_INTEGER = (str, int)
_NUMBER = (int, Decimal)


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
        value = self.raw.get(key)
        if value.__class__ is str and len(value) <= max_length:  # the usual case, read once (a batch: 200,000)
            return value
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
        value = self.raw.get(key)
        if value.__class__ is str and len(value) <= max_length:  # the usual case (see string)
            return value
        value = self._get(key, required, "a string or an integer")
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, _TEXT_OR_INTEGER):
            raise BadInput(self.at(key), f"{self.at(key)} must be a string or an integer, not {_type_name(value)}")
        text = str(value)
        if len(text) > max_length:
            raise BadInput(self.at(key), f"{self.at(key)} is longer than {max_length} characters")
        return text

    def integer(self, key: str, *, required: bool = True, nullable: bool = False, minimum: int | None = None,
                maximum: int | None = None, what: str = "an integer") -> int | None:
        value = self.raw.get(key)
        if value.__class__ is int and (minimum is None or value >= minimum) and (maximum is None or value <= maximum):
            return value  # the usual case (see string); bool is not int's class
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
        if isinstance(value, bool) or not isinstance(value, _NUMBER):
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
        at = self.at(key)
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise BadInput(f"{at}[{index}]", f"{at}[{index}] must be an object, not {_type_name(item)}")
            items.append(Fields(item, f"{at}[{index}]"))
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


def canonical_default(value: Any) -> str:
    """How :func:`canonical` writes what JSON has no type for: a Decimal as its normalised digits (a string)."""
    return format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)


_CANONICAL = one_shot(json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                                      default=canonical_default))


def canonical(value: Any) -> str:
    """Stable text of a parsed request, to tell a true replay from a reused idempotency key.

    :func:`boxoffice.central.request_body.parse_body` hashes the same text of a whole body in pieces.
    """
    return _CANONICAL(value)


def canonical_members(obj: dict[str, Any]) -> dict[str, str]:
    """The canonical text of each member's value of ``obj``, so that several texts made of its members (the
    whole object, a subset, one nested value) cost one encoding between them (:func:`canonical_of`)."""
    texts = {}
    for key, value in obj.items():
        kind = type(value)
        if kind is str:
            texts[key] = _encode_string(value)
        elif kind is int:
            texts[key] = int.__repr__(value)
        else:
            texts[key] = _CANONICAL(value)
    return texts


def canonical_of(texts: dict[str, str], keys: Iterable[str]) -> str:
    """``canonical`` of the object made of the ``keys`` members whose texts ``canonical_members`` gave."""
    return "{" + ",".join(_encode_string(key) + ":" + texts[key] for key in sorted(keys)) + "}"
