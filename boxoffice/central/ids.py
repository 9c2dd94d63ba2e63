"""Random ids shaped like the spec's (20 characters of ``A-Za-z0-9``, e.g. ``JAOTIiQrtU1fMWZZY2IZ``)."""

from __future__ import annotations

import random
import secrets
import string
import time

ID_ALPHABET = string.ascii_letters + string.digits
ID_LENGTH = 20
_ALPHABET_SIZE = len(ID_ALPHABET)
_UNIFORM = 256 - 256 % _ALPHABET_SIZE  # 248


def new_id(rng: random.Random | None = None) -> str:
    """A fresh id; ``rng`` makes it reproducible (demo data), otherwise it comes from the OS CSPRNG."""
    if rng is not None:
        return "".join(rng.choices(ID_ALPHABET, k=ID_LENGTH))
    # one read of the OS CSPRNG per id, not one per character (a catch-up batch makes two ids per sale); a byte
    # below 248 = 4 x 62 picks a character uniformly, the rest are dropped
    picked: list[str] = []
    while len(picked) < ID_LENGTH:
        picked += [ID_ALPHABET[byte % _ALPHABET_SIZE] for byte in secrets.token_bytes(ID_LENGTH + 4) if byte < _UNIFORM]
    return "".join(picked[:ID_LENGTH])


#: ``ID_ALPHABET``'s characters in their byte order, so that text order is number order
_ORDERED_ALPHABET = string.digits + string.ascii_uppercase + string.ascii_lowercase
_CLOCK_CHARACTERS = 7  # 62**7 milliseconds: about 111 years from 1970


def new_ordered_id(now_ms: int | None = None) -> str:
    """A fresh id like :func:`new_id` whose first 7 characters are the time in milliseconds (base 62, in byte
    order) and the other 13 random (77 bits). Ids made later sort later, so an index on them (orders' key, the
    order lines' key) grows at its end: a catch-up batch of 500 orders dirties a few of its pages instead of one
    page per order, which a central holding every sale of a season writes again at each commit. In byte order
    (SQLite; PostgreSQL under the C collation, which a database made by ``initdb --locale=C`` has)."""
    clock = (time.time_ns() // 1_000_000 if now_ms is None else now_ms) % _ALPHABET_SIZE**_CLOCK_CHARACTERS
    head = []
    for _ in range(_CLOCK_CHARACTERS):
        clock, digit = divmod(clock, _ALPHABET_SIZE)
        head.append(_ORDERED_ALPHABET[digit])
    return "".join(reversed(head)) + new_id()[:ID_LENGTH - _CLOCK_CHARACTERS]
