"""Backoff: full jitter within the exponential envelope, Retry-After honoured, dead server probed per minute."""

from __future__ import annotations

import random

from boxoffice.sync.backoff import Backoff


def test_full_jitter_stays_inside_the_exponential_envelope_and_is_capped() -> None:
    backoff = Backoff(base=1.0, cap=30.0, dead_after=100, rng=random.Random(7))
    delays = [backoff.failure() for _ in range(12)]
    for attempt, delay in enumerate(delays):
        assert 0 <= delay <= min(30.0, 2**attempt)
    assert max(delays[6:]) <= 30.0
    assert len(set(delays)) == len(delays)  # jittered, not lock-step


def test_jitter_spreads_terminals_apart() -> None:
    firsts = {round(Backoff(base=10, rng=random.Random(seed)).failure(), 3) for seed in range(50)}
    assert len(firsts) > 40


def test_dead_server_is_probed_about_once_a_minute() -> None:
    backoff = Backoff(base=1.0, cap=180.0, dead_after=5, rng=random.Random(1))
    for _ in range(4):
        assert backoff.failure() <= 8
    assert not backoff.server_dead
    probe = backoff.failure()
    assert backoff.server_dead
    assert 54 <= probe <= 66
    backoff.success()
    assert not backoff.server_dead and backoff.failures == 0


def test_retry_after_is_honoured_but_bounded() -> None:
    backoff = Backoff(base=1.0, cap=60.0, rng=random.Random(3))
    assert backoff.failure(retry_after=42) >= 42
    assert backoff.failure(retry_after=10_000) <= 120
