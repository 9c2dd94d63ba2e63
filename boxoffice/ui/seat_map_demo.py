"""A made-up stadium of any size for the seat map's screenshots, tests and benchmarks (no database).

Seven zones of different sizes and colours, numbered rows, seats numbered from 1, and a reproducible mix of
sold (in runs, as parties buy), returning and withdrawn seats, so every state and level of detail shows.
"""

from __future__ import annotations

import random

from boxoffice.services.catalog import SeatInfo

ZONES = (  # name, colour, share of the seats, seats per row
    ("Tribuna Norte", "#1e88e5", 0.22, 250),
    ("Tribuna Sur", "#43a047", 0.22, 250),
    ("Preferente Este", "#fb8c00", 0.16, 180),
    ("Preferente Oeste", "#8e24aa", 0.16, 180),
    ("Fondo Norte", "#e53935", 0.11, 160),
    ("Fondo Sur", "#00897b", 0.11, 160),
    ("Palco VIP", "#6d4c41", 0.02, 40),
)


def demo_venue(seats: int = 100_000, *, event: str = "EVSTADIUM", sold: float = 0.35,
               seed: int = 7) -> list[SeatInfo]:
    """``seats`` seats of one event; ``sold`` is the share sold, in runs of 1 to 8 seats."""
    rng = random.Random(seed)
    out: list[SeatInfo] = []
    remaining = seats
    for z, (zone, color, share, per_row) in enumerate(ZONES):
        count = remaining if z == len(ZONES) - 1 else min(remaining, round(seats * share))
        remaining -= count
        run = 0
        for k in range(count):
            row, number = k // per_row + 1, k % per_row + 1
            if run == 0 and rng.random() < sold / 4.5:
                run = rng.randint(1, 8)
            if run:
                state, run = "sold", run - 1
            else:
                roll = rng.random()
                state = "returning" if roll < 0.004 else "withdrawn" if roll < 0.006 else "available"
            prefix = zone.split()[-1][:3].upper() + zone.split()[0][:1].upper()
            out.append(SeatInfo(f"{event}-{prefix}-{row}-{number}", f"{prefix}{row}-{number}", str(row), zone,
                                color, state))
    return out
