"""The central's random ids: the spec's shape, from the OS CSPRNG, every character equally likely."""

from __future__ import annotations

import random
from collections import Counter

from boxoffice.central.ids import ID_ALPHABET, ID_LENGTH, new_id


def test_ids_have_the_spec_shape_and_do_not_repeat() -> None:
    ids = [new_id() for _ in range(5_000)]
    assert all(len(i) == ID_LENGTH and set(i) <= set(ID_ALPHABET) for i in ids)
    assert len(set(ids)) == len(ids)


def test_every_character_is_equally_likely() -> None:
    """62 characters from bytes: a byte of 248 or more is dropped, so none is favoured. 124,000 characters give
    2,000 of each expected; a modulo bias (the first 8 characters 5/4 as likely) would show as ~2,400."""
    counts = Counter("".join(new_id() for _ in range(6_200)))
    assert set(counts) == set(ID_ALPHABET)
    assert max(counts.values()) < 2_250 and min(counts.values()) > 1_750


def test_a_seeded_generator_gives_the_same_ids() -> None:
    assert new_id(random.Random(7)) == new_id(random.Random(7))
