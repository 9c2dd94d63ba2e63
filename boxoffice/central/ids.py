"""Random ids shaped like the spec's (20 characters of ``A-Za-z0-9``, e.g. ``JAOTIiQrtU1fMWZZY2IZ``)."""

from __future__ import annotations

import random
import secrets
import string

ID_ALPHABET = string.ascii_letters + string.digits
ID_LENGTH = 20


def new_id(rng: random.Random | None = None) -> str:
    """A fresh id; ``rng`` makes it reproducible (demo data), otherwise it comes from the OS CSPRNG."""
    if rng is not None:
        return "".join(rng.choices(ID_ALPHABET, k=ID_LENGTH))
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
