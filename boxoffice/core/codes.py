"""Satellite Tag codes: purchase codes, purchase item codes and ticket barcodes.

The pos-transaction spec names the convention but publishes no algorithm, so this module defines it.

Alphabet and check
    Codes use the 36 characters ``0-9A-Z`` with values 0..35. A code is *valid* when the weighted sum
    ``sum((i + 1) * value(c_i))`` over all its characters is ``0 mod 37``. 37 is prime and the weights
    1, 2, 3, ... are distinct and non-zero mod 37, so:

    * a single wrong character changes the sum by ``w * d`` with ``0 < |d| < 37``: never 0 mod 37;
    * swapping two neighbours changes it by ``(w_i - w_{i+1}) * (v_{i+1} - v_i) = v_i - v_{i+1}``: never 0
      unless the two characters are equal (then nothing changed).

    The check character is the one value that makes the sum 0. When that value would be 36 (no character
    for it), the generator draws again, so every valid code uses only ``0-9A-Z``.

Purchase code (13 characters)
    12 characters from the OS CSPRNG (``secrets``: 36**12 ~ 4.7e18, about 62 bits, not guessable) plus the
    check character at the end. Terminals need no coordination: among a million codes the chance of any
    collision is about 1e-7 (birthday bound), and the test suite checks a million codes from 50 simulated
    terminals.

Purchase item code (17 characters)
    purchase code + 4-digit zero-padded counter ``0000``..``9999`` (the spec's convention).

Ticket barcode (18 characters)
    purchase code + ``HHCNN``: ``NN`` is the ticket number within the purchase, two base-36 characters
    (``01``..``ZZ``: 1..1295, so ``01``..``09`` read as in the spec's example ``GJXS0LM6RYG37XJX01``);
    ``HH`` are two characters of SHA-256 over the purchase code, the number and an attempt counter; ``C`` is
    the check character that makes the whole 18-character code valid. Everything is derived from the purchase
    code, so a door scanner verifies a barcode offline by recomputing it; a single wrong character or a swap
    of neighbours anywhere in it fails the check.

Worked example (see README): purchase ``GJXS0LM6RYG3`` + check -> ``purchase_code``; its ticket 1 is
``ticket_barcode(code, 1)``.
"""

from __future__ import annotations

import hashlib
import operator
import secrets
from dataclasses import dataclass
from typing import Literal

from boxoffice.core.errors import InvalidCode

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_CHARACTERS = frozenset(ALPHABET)
_MODULUS = 37

PURCHASE_LENGTH = 13
ITEM_LENGTH = PURCHASE_LENGTH + 4
TICKET_LENGTH = PURCHASE_LENGTH + 5
MAX_ITEMS = 10_000
MAX_TICKETS = len(ALPHABET) ** 2 - 1  # "ZZ"

_TICKET_CHECK_POS = PURCHASE_LENGTH + 2  # index of C in purchase + HH C NN


@dataclass(frozen=True)
class ParsedCode:
    """What a code is: a purchase, an item of a purchase, or a ticket of a purchase (number 1-based)."""

    kind: Literal["purchase", "item", "ticket"]
    purchase: str
    number: int | None = None

    def describe(self) -> str:
        if self.kind == "purchase":
            return f"purchase {self.purchase}"
        return f"{self.kind} {self.number} of purchase {self.purchase}"


_WEIGHTS = tuple(range(1, TICKET_LENGTH + 1))


def _weighted_sum(text: str) -> int:
    return sum(map(operator.mul, _WEIGHTS, map(_VALUE.__getitem__, text))) % _MODULUS


def _check_value(text: str, position: int) -> int:
    """The value the character at ``position`` must have so ``text`` sums to 0 mod 37 (may be 36)."""
    weight = position + 1
    rest = (_weighted_sum(text) - weight * _VALUE[text[position]]) % _MODULUS
    return (-rest * pow(weight, -1, _MODULUS)) % _MODULUS


def _with_check(text: str, position: int) -> str | None:
    value = _check_value(text, position)
    if value == len(ALPHABET):
        return None
    return text[:position] + ALPHABET[value] + text[position + 1:]


_BODY_SPACE = len(ALPHABET) ** (PURCHASE_LENGTH - 1)


def _base36(number: int, width: int) -> str:
    chars = []
    for _ in range(width):
        number, digit = divmod(number, len(ALPHABET))
        chars.append(ALPHABET[digit])
    return "".join(reversed(chars))


def new_purchase_code() -> str:
    """A fresh purchase code from the OS CSPRNG; needs no coordination between terminals."""
    while True:
        body = _base36(secrets.randbelow(_BODY_SPACE), PURCHASE_LENGTH - 1)
        code = _with_check(body + "0", PURCHASE_LENGTH - 1)
        if code is not None:
            return code


def item_code(purchase_code: str, position: int) -> str:
    """Code of item ``position`` (0-based) of a purchase: purchase code + ``0000``..``9999``."""
    _require_purchase(purchase_code)
    if not 0 <= position < MAX_ITEMS:
        raise InvalidCode(f"item counter {position} is outside 0..{MAX_ITEMS - 1}", code="code_item_out_of_range",
                          params={"position": position, "max": MAX_ITEMS - 1})
    return f"{purchase_code}{position:04d}"


def _encode_number(number: int) -> str:
    return ALPHABET[number // len(ALPHABET)] + ALPHABET[number % len(ALPHABET)]


def ticket_barcode(purchase_code: str, number: int) -> str:
    """Barcode of ticket ``number`` (1-based) of a purchase, derived from the purchase code alone."""
    _require_purchase(purchase_code)
    if not 1 <= number <= MAX_TICKETS:
        raise InvalidCode(f"ticket number {number} is outside 1..{MAX_TICKETS}", code="code_ticket_out_of_range",
                          params={"number": number, "max": MAX_TICKETS})
    return _barcode_of(purchase_code, number)


def _barcode_of(purchase_code: str, number: int) -> str:
    """:func:`ticket_barcode` of a purchase code and number known good (:func:`parse_code` checked both)."""
    suffix = _encode_number(number)
    for attempt in range(64):
        digest = hashlib.sha256(f"{purchase_code}:{number}:{attempt}".encode("ascii")).digest()
        tag = ALPHABET[digest[0] % 36] + ALPHABET[digest[1] % 36]
        code = _with_check(f"{purchase_code}{tag}0{suffix}", _TICKET_CHECK_POS)
        if code is not None:
            return code
    raise AssertionError("unreachable: 64 attempts each fail with probability 1/37")  # pragma: no cover


def _require_purchase(code: str) -> None:
    parsed = parse_code(code)
    if parsed.kind != "purchase":
        raise InvalidCode(f"{code!r} is a {parsed.kind} code, not a purchase code", code="code_not_purchase",
                          params={"code": code.strip().upper()})


def parse_code(text: str) -> ParsedCode:
    """Say what ``text`` is, or raise :class:`InvalidCode` with the reason a person can act on."""
    code = text.strip().upper()
    if not code:
        raise InvalidCode("the code is empty", code="code_empty")
    if not _CHARACTERS.issuperset(code):
        bad = sorted({ch for ch in code if ch not in _VALUE})
        raise InvalidCode(f"the code contains characters outside 0-9 and A-Z: {''.join(bad)!r}",
                          code="code_bad_characters", params={"characters": "".join(bad)})
    if len(code) not in (PURCHASE_LENGTH, ITEM_LENGTH, TICKET_LENGTH):
        raise InvalidCode(
            f"a code has {PURCHASE_LENGTH} (purchase), {ITEM_LENGTH} (item) or {TICKET_LENGTH} (ticket) "
            f"characters; this one has {len(code)}", code="code_wrong_length",
            params={"length": len(code), "purchase": PURCHASE_LENGTH, "item": ITEM_LENGTH, "ticket": TICKET_LENGTH},
        )
    purchase = code[:PURCHASE_LENGTH]
    if _weighted_sum(purchase) != 0:
        raise InvalidCode(f"check character mismatch in purchase code {purchase} (mistyped or misread)",
                          code="code_check_failed", params={"code": code})
    if len(code) == PURCHASE_LENGTH:
        return ParsedCode("purchase", purchase)
    if len(code) == ITEM_LENGTH:
        counter = code[PURCHASE_LENGTH:]
        if not counter.isdigit():
            raise InvalidCode(f"item counter {counter!r} must be 4 digits", code="code_item_counter_invalid",
                              params={"code": code})
        return ParsedCode("item", purchase, int(counter))
    suffix = code[-2:]
    number = _VALUE[suffix[0]] * len(ALPHABET) + _VALUE[suffix[1]]
    if number == 0 or _barcode_of(purchase, number) != code:  # an issued barcode's check character is right
        if _weighted_sum(code) != 0:
            raise InvalidCode(f"check character mismatch in ticket barcode {code} (mistyped or misread)",
                              code="code_check_failed", params={"code": code})
        raise InvalidCode(f"{code} is not a barcode issued for purchase {purchase}", code="code_not_issued",
                          params={"code": code, "purchase": purchase})
    return ParsedCode("ticket", purchase, number)


def is_valid(text: str) -> bool:
    try:
        parse_code(text)
    except InvalidCode:
        return False
    return True
