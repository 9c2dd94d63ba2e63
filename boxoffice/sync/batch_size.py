"""How many outbox items the next synchronisation request carries: adapted to how long rounds take.

A round is one request and the recording of its answer; the worker asks for its next batch as soon as the
round before is done, so the time between two asks is how long the last round took (backoff after a failure
included). After a full batch that came back fast the size doubles; after a slow round (a big batch on a
struggling platform, a timeout, an outage) it halves. It stays between 1 and the configured ``sync.batch_size``
(so ``batch_size = 1`` is one request per sale, as the spec's call is used, and a configured size is never
exceeded). A batch shorter than the size drained the queue: the wait that follows is idleness, not slowness,
so it is not judged.
"""

from __future__ import annotations

import time
import weakref
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

FAST_S = 1.0
"""A round at most this long (for a full batch) lets the size grow."""
SLOW_S = 5.0
"""A round longer than this (a quarter of the read timeout) halves the size."""


class BatchSizer:
    """The adaptive batch size of one delivery worker (thread-confined, like the worker's rounds)."""

    def __init__(self, maximum: int, *, minimum: int = 1, fast_s: float = FAST_S, slow_s: float = SLOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.maximum = max(1, maximum)
        self.minimum = max(1, min(minimum, self.maximum))
        self.size = self.maximum
        self.fast_s, self.slow_s, self.clock = fast_s, slow_s, clock
        self._last: tuple[float, int, int] | None = None  # (when the last batch was taken, its length, the size)

    def next_batch(self, fetch: Callable[[int], list[T]]) -> list[T]:
        """Judge the round just done, then ``fetch(size)`` the next batch."""
        now = self.clock()
        if self._last is not None and self._last[1] >= self._last[2]:  # a full batch: the round is judged
            self.judge(now - self._last[0], full=True)
        batch = fetch(self.size)
        self._last = (self.clock(), len(batch), self.size) if batch else None
        return batch

    def judge(self, round_s: float, *, full: bool) -> None:
        """Adapt the size to one round of ``round_s`` seconds (``full``: it carried a whole batch)."""
        if round_s > self.slow_s:
            self.size = max(self.minimum, self.size // 2)
        elif full and round_s <= self.fast_s:
            self.size = min(self.maximum, self.size * 2)


_SIZERS: weakref.WeakKeyDictionary[Any, BatchSizer] = weakref.WeakKeyDictionary()


def batch_sizer(worker: Any) -> BatchSizer:
    """The sizer of ``worker`` (made on first use, bounded by its ``batch_size``; a changed ``batch_size``
    starts a new one)."""
    sizer = _SIZERS.get(worker)
    if sizer is None or sizer.maximum != max(1, worker.batch_size):
        sizer = _SIZERS[worker] = BatchSizer(worker.batch_size)
    return sizer
