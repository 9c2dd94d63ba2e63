"""The central's random ids: the spec's shape, from the OS CSPRNG, every character equally likely; ordered ids
(orders) sort by the time they were made."""

from __future__ import annotations

import random
from collections import Counter

from boxoffice.central.ids import ID_ALPHABET, ID_LENGTH, new_id, new_ordered_id


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


def test_ordered_ids_have_the_spec_shape_and_sort_by_their_time() -> None:
    times = [0, 1, 61, 62, 1_796_000_000_000, 1_796_000_000_001, 1_796_000_060_000, 62**7 - 1]
    ids = [new_ordered_id(ms) for ms in times]
    assert all(len(i) == ID_LENGTH and set(i) <= set(ID_ALPHABET) for i in ids)
    assert ids == sorted(ids)  # byte order: how SQLite sorts text (and PostgreSQL under the C collation)
    assert ids[0].startswith("0000000") and ids[2].startswith("000000z") and ids[3].startswith("0000010")


def test_ordered_ids_made_one_after_another_do_not_go_back_and_do_not_repeat() -> None:
    ids = [new_ordered_id() for _ in range(5_000)]
    assert len(set(ids)) == len(ids)
    heads = [i[:7] for i in ids]
    assert heads == sorted(heads)  # same millisecond: same head, the random tail tells them apart
