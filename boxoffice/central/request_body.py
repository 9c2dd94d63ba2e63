"""The one door every request body goes through: decode, check every value, fingerprint, in one pass.

No endpoint can forget a check because none does its own: not UTF-8 or not JSON is ``BadInput("body")``; a NUL
character (PostgreSQL text cannot hold it), a lone surrogate (not Unicode: encoding it fails far from here) or a
number out of range (``1E+999999999``, ``NaN``, 5,000 digits, past 64 bits) anywhere, keys included, is a
``BadInput`` naming its path (``data.ticket_sold[1].client_name``).

The same walk writes the request's canonical text (:func:`~boxoffice.central.validation.canonical`, byte for
byte) into its SHA-256 piece by piece. One ``json.dumps`` of a big body is a single C call that holds the GIL
for a second or more, stalling the event loop even from a worker thread; pieces let the loop run in between.

A body of at most :data:`ONE_CALL_CHARS` that cannot hold a bad value skips the walk (a catch-up batch of 500
sales is about 0.5 MB: the walk was a sixth of the platform's time per sale): NUL and lone surrogates can only
reach a string through a ``\\u`` escape (raw control characters are not JSON, and UTF-8 cannot encode a
surrogate), so a text without such an escape has none; the parser lists every number it marked out of range.
Then the canonical text is one C call, the same text the walk writes. Anything else takes the walk, which names
the bad value's path.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from json.encoder import encode_basestring as _encode_string  # C, what json.dumps(ensure_ascii=False) uses
from typing import Any

from boxoffice.central.envelope import BadInput
from boxoffice.central.validation import canonical, canonical_default
from boxoffice.core import decimal_json

_SURROGATE = re.compile("[\ud800-\udfff]")
_STRING_PIECE = 1 << 20
"""Characters of one string encoded per call (JSON escapes are per character, so pieces join exactly)."""
_FLUSH_PIECES = 4096
ONE_CALL_CHARS = 1 << 20
"""Longest body text whose canonical form is written by one C call (a few milliseconds holding the GIL)."""
_MAYBE_BAD_ESCAPE = re.compile(r"\\u(?:0000|[dD][89abcdefABCDEF])")
"""A ``\\u`` escape of NUL or of a surrogate (or an escaped backslash before such letters: the walk decides)."""



@dataclass(frozen=True)
class ParsedBody:
    payload: Any
    fingerprint: str | None
    """SHA-256 (hex) of ``prefix + canonical(payload)``: tells a true replay from a reused idempotency key. None:
    left to the caller, who makes the same text from its own pieces (``parse_body(composed=True)``)."""


class _Refused(Exception):
    """A bad value deep in the walk; each level adds its key while unwinding, so success builds no paths."""

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem
        self.steps: list[Any] = []


def parse_body(body: bytes, prefix: str = "", *, composed: bool = False) -> ParsedBody:
    """Parse and check a request body; CPU-heavy for big bodies: call it off the event loop. ``composed``: the
    caller can make the canonical text itself, so a body that needs no walk gets no fingerprint here."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise BadInput("body", "the request body must be UTF-8 encoded JSON") from None
    marked: list[decimal_json.UnsafeNumber] = []
    try:
        payload = decimal_json.loads(text, mark_unsafe=True, marked=marked)
    except ValueError as exc:
        raise BadInput("body", f"the request body is not valid JSON: {exc}") from None
    if not marked and len(text) <= ONE_CALL_CHARS and not _MAYBE_BAD_ESCAPE.search(text):
        if composed:
            return ParsedBody(payload, None)
        try:
            return ParsedBody(payload, hashlib.sha256((prefix + canonical(payload)).encode("utf-8")).hexdigest())
        except RecursionError:
            pass  # the walk says so in the envelope
    digest = hashlib.sha256(prefix.encode("utf-8"))
    out: list[str] = []
    try:
        _walk(payload, out, digest)
    except _Refused as refused:
        name = _format_path(refused.steps[::-1])
        raise BadInput(name, f"{name} {refused.problem}") from None
    except RecursionError:
        raise BadInput("body", "the request body is nested too deeply") from None
    digest.update("".join(out).encode("utf-8"))
    return ParsedBody(payload, digest.hexdigest())


def require_clean_text(text: str, field_path: str) -> str:
    """``text`` unchanged, or ``BadInput`` when it holds a NUL or a lone surrogate (for text not from JSON)."""
    problem = _text_problem(text)
    if problem:
        raise BadInput(field_path, f"{field_path} {problem}")
    return text


def _text_problem(text: str) -> str | None:
    if "\x00" in text:
        return "contains a NUL character (\\u0000), which cannot be stored; remove it"
    if not text.isascii() and _SURROGATE.search(text):
        return "contains a lone UTF-16 surrogate (like \\udfff), which is not valid Unicode text"
    return None


def _string(text: str) -> str:
    problem = _text_problem(text)
    if problem:
        raise _Refused(problem)
    if len(text) <= _STRING_PIECE:
        return _encode_string(text)
    pieces = (_encode_string(text[i:i + _STRING_PIECE])[1:-1] for i in range(0, len(text), _STRING_PIECE))
    return '"' + "".join(pieces) + '"'


def _key(key: str) -> str:
    problem = _text_problem(key)
    if problem:
        refused = _Refused(f"the name {problem}")
        refused.steps.append(key)
        raise refused
    return _encode_string(key)


def _scalar(value: Any) -> str:
    """null, true/false, an integer or a Decimal, as ``canonical`` writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    if isinstance(value, decimal_json.UnsafeNumber):
        raise _Refused(f"is the number {value}, out of range: {decimal_json.RANGE}")
    return _encode_string(canonical_default(value))


def _walk(value: Any, out: list[str], digest: Any) -> None:
    """Check every value and write the canonical text (recursion depth: the parser already bounded it).

    Dict members are visited in sorted key order, as ``canonical`` writes them; the first bad value in that
    order is the one named. ``out`` goes into ``digest`` every few thousand pieces.
    """
    if type(value) is dict:
        if not value:
            out.append("{}")
            return
        separator = "{"
        for key in sorted(value):
            out.append(separator + _key(key) + ":")
            separator = ","
            try:
                _walk(value[key], out, digest)
            except _Refused as refused:
                refused.steps.append(key)
                raise
        out.append("}")
    elif type(value) is list:
        if not value:
            out.append("[]")
            return
        separator = "["
        for index, item in enumerate(value):
            out.append(separator)
            separator = ","
            try:
                _walk(item, out, digest)
            except _Refused as refused:
                refused.steps.append(index)
                raise
            if len(out) >= _FLUSH_PIECES:
                digest.update("".join(out).encode("utf-8"))
                out.clear()
        out.append("]")
    elif type(value) is str:
        out.append(_string(value))
    else:
        out.append(_scalar(value))


def _format_path(steps: list[Any]) -> str:
    """``data.ticket_sold[0].client_name`` under a callable function's ``data``, ``body.notes`` elsewhere."""
    text = "" if steps[:1] == ["data"] else "body"
    for step in steps:
        # a key is written as JSON escapes (ASCII): a bad one is named without repeating what made it bad
        text += f"[{step}]" if isinstance(step, int) else f".{json.dumps(step)[1:-1]}"
    return text.lstrip(".")
