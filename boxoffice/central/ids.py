"""Random ids shaped like the spec's (20 characters of ``A-Za-z0-9``, e.g. ``JAOTIiQrtU1fMWZZY2IZ``)."""

from __future__ import annotations

import random
import secrets
import string

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
