"""JSON texts made by the C encoder directly, without the set-up ``json.dumps`` and ``JSONEncoder.encode`` do for
every value.

``JSONEncoder.encode`` builds a new C encoder, through two Python frames, for each value it writes. A catch-up
batch writes about eight small values per sale (each entry's canonical texts, its order's and POS transaction's
JSON columns), and that set-up was most of their cost (measured here: ``[]`` 2.2 -> 0.7 µs, a sale's payment
list 7.8 -> 5.2 µs). :func:`one_shot` builds the C encoder once. Its text is byte for byte the text of the
encoder it stands for; the values are parsed JSON or the central's own rows, never circular, so it does not look
for circular references (as ``check_circular=False``: a circular value would fail with ``RecursionError``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json.encoder import c_make_encoder, encode_basestring, encode_basestring_ascii  # type: ignore[attr-defined]
from typing import Any


class _OneShot:
    """The call of :func:`one_shot`: an object, not a closure, because psycopg keys the JSON dumpers it makes by
    the function (a closure it cannot key, and says so in a warning)."""

    __slots__ = ("_make",)

    def __init__(self, make: Callable[[Any, int], Any]) -> None:
        self._make = make

    def __call__(self, value: Any) -> str:
        return "".join(self._make(value, 0))


def one_shot(encoder: json.JSONEncoder) -> Callable[[Any], str]:
    """``encoder.encode``, with its C encoder made once (``encoder.encode`` itself where Python has none, or for
    an indented encoder, which the C encoder does not write)."""
    if c_make_encoder is None or encoder.indent is not None:
        return encoder.encode
    strings = encode_basestring_ascii if encoder.ensure_ascii else encode_basestring
    return _OneShot(c_make_encoder(None, encoder.default, strings, None, encoder.key_separator,
                                   encoder.item_separator, encoder.sort_keys, encoder.skipkeys, encoder.allow_nan))


#: ``json.dumps(value)`` with its defaults, for the JSON columns (the engines' ``json_serializer``)
dumps = one_shot(json.JSONEncoder())
