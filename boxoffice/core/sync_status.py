"""What the status bar and ``boxoffice status`` show of delivery: a plain value, read by
:func:`boxoffice.services.sync_status.read_status` and refined by the delivery worker (its connection)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True)
class SyncStatus:
    """What the status bar and ``boxoffice status`` show."""

    connection: str  # "online" | "offline" | "syncing" | "connecting" (first request in flight) | "unknown"
    pending: int
    parked: int
    conflicts: int
    last_success: datetime | None
    last_error: str | None
    oldest_pending_age_seconds: float | None
    horizon_exceeded: bool
    auth_problem: bool = False
    #: "online" holds until then unless the platform answers again (sync.reporting.Liveness); None: no claim
    fresh_until: datetime | None = None
    #: a window behind an office hub (issue #18): the unsold seats of its lease, what it can sell while the hub
    #: cannot be reached; None: not behind a hub
    lease_left: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "connection": self.connection,
            "pending": self.pending,
            "parked": self.parked,
            "conflicts": self.conflicts,
            "last_success": _utc_text(self.last_success) if self.last_success else None,
            "last_error": self.last_error,
            "oldest_pending_age_seconds": self.oldest_pending_age_seconds,
            "horizon_exceeded": self.horizon_exceeded,
            "auth_problem": self.auth_problem,
            "lease_left": self.lease_left,
        }


def _utc_text(value: datetime) -> str:
    """The store's text of a time ("2025-01-31T12:34:56.123456Z", as ``store.types.format_utc`` writes it; core
    imports nothing of ours), so ``boxoffice status --json`` shows what the database holds."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} has no time zone")
    return value.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"
