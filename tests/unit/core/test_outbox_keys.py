"""Outbox idempotency keys: 32 hex characters, in the order they were made, never repeated."""

from __future__ import annotations

import re

from boxoffice.core.outbox_keys import new_outbox_key


def test_a_key_is_32_hex_characters_led_by_its_milliseconds() -> None:
    key = new_outbox_key(1_796_000_000_123)
    assert re.fullmatch(r"[0-9a-f]{32}", key)
    assert int(key[:12], 16) == 1_796_000_000_123


def test_later_keys_sort_later_and_none_repeats() -> None:
    times = [0, 1, 15, 16, 1_796_000_000_000, 1_796_000_000_001, 2**48 - 1]
    keys = [new_outbox_key(ms) for ms in times]
    assert keys == sorted(keys)
    made = [new_outbox_key() for _ in range(5_000)]
    assert len(set(made)) == len(made)
    assert [k[:12] for k in made] == sorted(k[:12] for k in made)
