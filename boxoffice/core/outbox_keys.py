"""Idempotency keys of outbox items: unique for good, and in the order they were made.

A key travels with its item and is kept in two unique indexes: the outbox's own, and the platform's per office
(``sync_entries``). A random key (``uuid4``) lands anywhere in them, so every item dirtied an index page of its
own, which each commit writes to the write-ahead log again, more pages the more sales the indexes hold. These
keys start with the time (48 bits of milliseconds, as RFC 9562's UUIDv7 does) followed by 80 random bits: new
keys go to the end of the indexes. Written as 32 hex characters, the length of the ``uuid4`` hex they replace;
the spec asks only for a string.
"""

from __future__ import annotations

import secrets
import time

_CLOCK_MASK = (1 << 48) - 1  # milliseconds: until the year 10889


def new_outbox_key(now_ms: int | None = None) -> str:
    """A fresh key; ``now_ms`` (milliseconds since 1970) fixes its time part, for tests."""
    clock = time.time_ns() // 1_000_000 if now_ms is None else now_ms
    return f"{clock & _CLOCK_MASK:012x}{secrets.token_hex(10)}"
