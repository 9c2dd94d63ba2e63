"""What the hub's window-facing app needs to know besides its database (from the hub's config)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class HubSettings:
    """``office_id``: the real office the hub and all its windows act for; ``hold_seconds``: how long a window's
    hold lasts when its sale does not arrive; ``lease_size`` / ``lease_low_water``: a zone's lease per window when
    the supervisor set no size (``boxoffice hub`` lease sizes)."""

    office_id: str
    hold_seconds: int = 600
    lease_size: int = 20
    lease_low_water: int = 10
