"""The adaptive batch size: grows after fast full rounds, halves after slow ones, bounded (sync/batch_size.py)."""

from __future__ import annotations

from boxoffice.sync.batch_size import BatchSizer, batch_sizer


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def rounds(sizer: BatchSizer, clock: Clock, seconds: list[float], queued: int = 10_000) -> list[int]:
    """The sizes asked for, each round taking the given seconds, with ``queued`` items waiting."""
    asked = []

    def fetch(size: int) -> list[int]:
        asked.append(size)
        return list(range(min(size, queued)))

    for took in seconds:
        sizer.next_batch(fetch)
        clock.now += took
    return asked


def test_starts_at_the_configured_size_and_never_exceeds_it():
    clock = Clock()
    assert rounds(BatchSizer(100, clock=clock), clock, [0.01] * 4) == [100, 100, 100, 100]


def test_a_slow_round_halves_the_size_down_to_one_and_fast_full_rounds_double_it_back():
    clock = Clock()
    sizer = BatchSizer(100, clock=clock)
    assert rounds(sizer, clock, [6.0] * 8 + [0.1] * 8) == [100, 50, 25, 12, 6, 3, 1, 1, 1, 2, 4, 8, 16, 32, 64, 100]


def test_a_round_between_fast_and_slow_keeps_the_size():
    clock = Clock()
    sizer = BatchSizer(100, clock=clock)
    assert rounds(sizer, clock, [6.0, 3.0, 3.0, 0.5]) == [100, 50, 50, 50]


def test_the_wait_after_a_batch_that_drained_the_queue_is_not_judged():
    clock = Clock()
    sizer = BatchSizer(100, clock=clock)
    assert rounds(sizer, clock, [600.0, 600.0, 600.0], queued=7) == [100, 100, 100]


def test_an_empty_queue_is_not_a_round():
    clock = Clock()
    sizer = BatchSizer(8, clock=clock)
    assert sizer.next_batch(lambda size: []) == []
    clock.now += 60
    assert rounds(sizer, clock, [0.1]) == [8]


def test_batch_size_one_stays_one_request_per_sale():
    clock = Clock()
    assert rounds(BatchSizer(1, clock=clock), clock, [0.01, 9.0, 0.01]) == [1, 1, 1]


def test_each_worker_has_its_own_sizer_bounded_by_its_batch_size():
    class Worker:
        def __init__(self, batch_size: int) -> None:
            self.batch_size = batch_size

    a, b = Worker(100), Worker(5)
    assert batch_sizer(a) is batch_sizer(a)
    assert (batch_sizer(a).maximum, batch_sizer(b).maximum) == (100, 5)
    a.batch_size = 20
    assert batch_sizer(a).maximum == 20
