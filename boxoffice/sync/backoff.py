"""Retry timing for the delivery worker: exponential backoff with full jitter, Retry-After, dead-server probes.

Full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): sleep a uniform random time in
``[0, min(cap, base * 2**attempt)]``, so many terminals coming back online at once do not retry in lock-step.
After ``dead_after`` straight failures the server is treated as down and probed about once a minute instead.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field


@dataclass
class Backoff:
    base: float = 1.0
    cap: float = 180.0
    dead_after: int = 5
    probe_interval: float = 60.0
    rng: random.Random = field(default_factory=random.Random)
    failures: int = 0

    @property
    def server_dead(self) -> bool:
        return self.failures >= self.dead_after

    def success(self) -> None:
        self.failures = 0

    def failure(self, retry_after: float | None = None) -> float:
        """Record a failure; return how many seconds to wait before the next attempt."""
        self.failures += 1
        if self.server_dead:
            # a dead server gets one probe about a minute apart (+-10 % so terminals spread out)
            delay = self.probe_interval * self.rng.uniform(0.9, 1.1)
        else:
            delay = self.rng.uniform(0, min(self.cap, self.base * 2 ** (self.failures - 1)))
        if retry_after is not None:
            delay = max(delay, min(retry_after, self.cap * 2))
        return delay
