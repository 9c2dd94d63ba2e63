"""Where every seat of an event sits on the map, kept in compact arrays (no Qt, no object per seat).

A 100,000-seat event must lay out in well under a second and stay small in memory, so a seat is an index into
parallel arrays (ticket id, seat label, row, column, state) instead of an object. Zones are blocks of rows; rows
keep their natural order (R2 before R10) and seats their number order (9 before 10). Zones are stacked largest
first, as the map always did, and flowed into columns when a stack would be far taller than it is wide. Each zone
is cut into blocks of at most BLOCK_ROWS x BLOCK_COLS seats: blocks carry free counts for the zoomed-out view and
are filed in a uniform grid, so painting and hit-testing only look at what is near the area asked about.
"""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from boxoffice.services.catalog import SeatInfo

SEAT = 26.0
GAP = 6.0
PITCH = SEAT + GAP
ROW_LABEL_WIDTH = 34.0
ZONE_TITLE = 28.0
ZONE_GAP = 46.0
COLUMN_GAP = 80.0
MARGIN = 10.0
ROWLESS_WRAP = 50  # seats of a zone without rows are wrapped into lines of this many
BLOCK_ROWS = 8
BLOCK_COLS = 16
CELL = 1024.0  # side of a spatial-index cell, in map units

AVAILABLE, SOLD, RETURNING, RETURNED, WITHDRAWN, OTHER = range(6)
STATE_CODES = {"available": AVAILABLE, "sold": SOLD, "returning": RETURNING, "returned": RETURNED,
               "withdrawn": WITHDRAWN}
STATE_NAMES = ["available", "sold", "returning", "returned", "withdrawn", "unknown"]
_DIGITS = "0123456789"
_SPLIT = re.compile(r"(\d+)")


def natural_key(text: str) -> tuple:
    """Sort key that orders embedded numbers by value: R2 before R10."""
    return tuple(int(part) if part.isdigit() else part for part in _SPLIT.split(text))


def seat_number(seat_id: str) -> str:
    """The trailing number of a seat id ("VIP12" -> "12"), or the id itself when it has none."""
    digits = seat_id[len(seat_id.rstrip(_DIGITS)):]
    return digits or seat_id


def _by_number(seats: list[SeatInfo]) -> list[SeatInfo]:
    """A row's seats by their trailing number (9 before 10), then id; rows usually arrive in order already."""
    tails = [sid[len(sid.rstrip(_DIGITS)):] for sid in [s.seat_id for s in seats]]
    numbers = [int(t) if t else 0 for t in tails]
    if numbers == sorted(numbers):
        return seats
    order = sorted(zip(numbers, [s.seat_id for s in seats], range(len(seats)), strict=True))
    return [seats[k] for _n, _sid, k in order]


@dataclass
class Zone:
    name: str
    color: str
    x: float  # top-left of the zone's title
    y: float
    width: float
    height: float  # title and rows, without the gap below
    first_row: int
    row_count: int
    total: int
    free: int


@dataclass
class Block:
    zone: int
    x: float
    y: float
    width: float
    height: float
    first_row: int
    row_count: int
    first_col: int
    col_count: int
    total: int
    free: int

    def intersects(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        return self.x < x1 and x0 < self.x + self.width and self.y < y1 and y0 < self.y + self.height


class SeatLayout:
    """The laid-out seats of one event: seat ``i`` is ``ticket_ids[i]``, in layout order (zone, row, number)."""

    def __init__(self, seats: Iterable[SeatInfo]) -> None:
        grouped: dict[str, dict[str, list[SeatInfo]]] = {}
        colors: dict[str, str] = {}
        for (zone, row), run in groupby(seats, attrgetter("zone", "row")):  # runs: inventories come in rows
            members = list(run)
            rows = grouped.get(zone)
            if rows is None:
                rows = grouped[zone] = {}
                colors[zone] = members[0].color
            line = rows.get(row or "")
            if line is None:
                rows[row or ""] = members
            else:
                line.extend(members)
        self.ticket_ids: list[str] = []
        self.seat_ids: list[str] = []
        self.state = bytearray()
        self.seat_row = array("i")
        self.seat_col = array("i")
        self.seat_block = array("i")
        self.row_labels: list[str] = []
        self.row_zone = array("i")
        self.row_x = array("d")  # left of the row's first seat
        self.row_y = array("d")
        self.row_first = array("i")
        self.row_count = array("i")
        self.zones: list[Zone] = []
        self.blocks: list[Block] = []
        self._lay_out(grouped, colors)
        self.index = dict(zip(self.ticket_ids, range(len(self.ticket_ids)), strict=True))
        self.width, self.height = self._place_zones()
        self._cut_blocks()
        self._grid: dict[tuple[int, int], list[int]] = {}
        self._block_w = self._block_h = 0.0
        for b, block in enumerate(self.blocks):
            self._grid.setdefault((int(block.x // CELL), int(block.y // CELL)), []).append(b)
            self._block_w = max(self._block_w, block.width)
            self._block_h = max(self._block_h, block.height)

    # -- building ----------------------------------------------------------------------------------------------

    def _lay_out(self, grouped: dict[str, dict[str, list[SeatInfo]]], colors: dict[str, str]) -> None:
        """Seats into arrays in layout order; rows get zone-relative positions, fixed by ``_place_zones``.

        Written as comprehensions over whole rows (no Python call per seat): this is most of the build time.
        """
        intern, codes = sys.intern, STATE_CODES
        for zone_name in sorted(grouped, key=lambda z: (-sum(map(len, grouped[z].values())), z)):
            rows = grouped[zone_name]
            z = len(self.zones)
            zone = Zone(zone_name, colors[zone_name], 0.0, 0.0, 0.0, 0.0, len(self.row_first), 0, 0, 0)
            lines: list[tuple[str, list[SeatInfo]]] = []
            for label in sorted(rows, key=natural_key):
                ordered = _by_number(rows[label])
                if label or len(ordered) <= ROWLESS_WRAP:
                    lines.append((label, ordered))
                else:
                    lines.extend((label, ordered[k:k + ROWLESS_WRAP]) for k in range(0, len(ordered), ROWLESS_WRAP))
            widest = 0
            for label, ordered in lines:
                r, n = len(self.row_first), len(ordered)
                self.row_labels.append(intern(label))
                self.row_zone.append(z)
                self.row_x.append(ROW_LABEL_WIDTH)
                self.row_y.append(ZONE_TITLE + zone.row_count * PITCH)
                self.row_first.append(len(self.ticket_ids))
                self.row_count.append(n)
                zone.row_count += 1
                zone.total += n
                widest = max(widest, n)
                self.ticket_ids.extend([s.ticket_id for s in ordered])
                self.seat_ids.extend([s.seat_id for s in ordered])
                self.state.extend([codes.get(s.state, OTHER) for s in ordered])
                self.seat_row.extend(array("i", [r]) * n)
                self.seat_col.extend(range(n))
            zone.width = ROW_LABEL_WIDTH + widest * PITCH - GAP
            zone.height = ZONE_TITLE + zone.row_count * PITCH - GAP
            self.zones.append(zone)
        self.seat_block = array("i", bytes(4 * len(self.ticket_ids)))

    def _place_zones(self) -> tuple[float, float]:
        """Stack the zones; flow the stack into columns when it is much taller than wide (a stadium)."""
        if not self.zones:
            return 0.0, 0.0
        stacked = sum(z.height + ZONE_GAP for z in self.zones) - ZONE_GAP
        widest = max(z.width for z in self.zones)
        columns = max(1, round(math.sqrt(1.4 * stacked / max(widest, 1.0))))
        limit = stacked / columns
        x = y = column_width = 0.0
        width = height = 0.0
        for zone in self.zones:
            if y > 0 and y + zone.height > limit * 1.05:
                x += column_width + COLUMN_GAP
                y = column_width = 0.0
            zone.x, zone.y = MARGIN + x, MARGIN + y
            for r in range(zone.first_row, zone.first_row + zone.row_count):
                self.row_x[r] += zone.x
                self.row_y[r] += zone.y
            column_width = max(column_width, zone.width)
            width, height = max(width, x + zone.width), max(height, y + zone.height)
            y += zone.height + ZONE_GAP
        return width + 2 * MARGIN, height + 2 * MARGIN

    def _cut_blocks(self) -> None:
        for z, zone in enumerate(self.zones):
            for r0 in range(zone.first_row, zone.first_row + zone.row_count, BLOCK_ROWS):
                r1 = min(r0 + BLOCK_ROWS, zone.first_row + zone.row_count)
                longest = max(self.row_count[r] for r in range(r0, r1))
                for c0 in range(0, longest, BLOCK_COLS):
                    cols = min(BLOCK_COLS, longest - c0)
                    b = len(self.blocks)
                    total = free = 0
                    for r in range(r0, r1):
                        start = self.row_first[r] + c0
                        end = self.row_first[r] + min(c0 + cols, self.row_count[r])
                        if end > start:
                            self.seat_block[start:end] = array("i", [b]) * (end - start)
                            total += end - start
                            free += self.state.count(AVAILABLE, start, end)
                    self.blocks.append(Block(z, self.row_x[r0] + c0 * PITCH, self.row_y[r0], cols * PITCH - GAP,
                                             (r1 - r0) * PITCH - GAP, r0, r1 - r0, c0, cols, total, free))
                    zone.free += free

    # -- queries -----------------------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.ticket_ids)

    def seat_rect(self, i: int) -> tuple[float, float, float, float]:
        """Map rectangle (x, y, w, h) of seat ``i``."""
        r = self.seat_row[i]
        return self.row_x[r] + self.seat_col[i] * PITCH, self.row_y[r], SEAT, SEAT

    def seat_info(self, i: int) -> SeatInfo:
        zone = self.zones[self.row_zone[self.seat_row[i]]]
        row = self.row_labels[self.seat_row[i]]
        return SeatInfo(self.ticket_ids[i], self.seat_ids[i], row or None, zone.name, zone.color,
                        STATE_NAMES[self.state[i]])

    def blocks_in(self, x0: float, y0: float, x1: float, y1: float) -> Iterator[int]:
        """Blocks that intersect the rectangle; each block is filed once, under the cell of its top-left."""
        gx0, gy0 = int((x0 - self._block_w) // CELL), int((y0 - self._block_h) // CELL)
        gx1, gy1 = int(x1 // CELL), int(y1 // CELL)
        grid, blocks = self._grid, self.blocks
        for gy in range(gy0, gy1 + 1):
            for gx in range(gx0, gx1 + 1):
                for b in grid.get((gx, gy), ()):
                    if blocks[b].intersects(x0, y0, x1, y1):
                        yield b

    def seats_in(self, x0: float, y0: float, x1: float, y1: float) -> Iterator[int]:
        """Seats whose square intersects the rectangle, computed per row (no per-seat scan)."""
        for b in self.blocks_in(x0, y0, x1, y1):
            block = self.blocks[b]
            for r in range(block.first_row, block.first_row + block.row_count):
                top = self.row_y[r]
                if top >= y1 or top + SEAT <= y0:
                    continue
                left = self.row_x[r]
                c0 = max(block.first_col, math.floor((x0 - left) / PITCH))
                if x0 - left - c0 * PITCH >= SEAT:  # x0 falls in the gap after seat c0
                    c0 += 1
                c1 = min(block.first_col + block.col_count, self.row_count[r], math.ceil((x1 - left) / PITCH))
                first = self.row_first[r]
                yield from range(first + c0, first + max(c0, c1))

    def seat_at(self, x: float, y: float) -> int | None:
        """The seat under a map point, or None (gaps, labels and empty space are no seat)."""
        for i in self.seats_in(x, y, x + 0.001, y + 0.001):
            return i
        return None

    def neighbour(self, i: int, dx: int, dy: int) -> int:
        """The seat one step left/right in the row, or in the row above/below nearest to the same x."""
        r = self.seat_row[i]
        if dx:
            col = min(max(self.seat_col[i] + dx, 0), self.row_count[r] - 1)
            return self.row_first[r] + col
        target = r + dy
        if not 0 <= target < len(self.row_first):
            return i
        x = self.row_x[r] + self.seat_col[i] * PITCH
        col = min(max(round((x - self.row_x[target]) / PITCH), 0), self.row_count[target] - 1)
        return self.row_first[target] + col

    def set_state(self, i: int, code: int) -> bool:
        """Change seat ``i``'s state, keeping block and zone free counts; False when it was already so."""
        old = self.state[i]
        if old == code:
            return False
        self.state[i] = code
        delta = (code == AVAILABLE) - (old == AVAILABLE)
        if delta:
            block = self.blocks[self.seat_block[i]]
            block.free += delta
            self.zones[block.zone].free += delta
        return True

    def same_seats(self, seats: list[SeatInfo]) -> bool:
        """True when ``seats`` are the seats laid out here, in the same zones (then only states may differ)."""
        if len(seats) != len(self.ticket_ids):
            return False
        index, row_zone, seat_row, seat_ids = self.index, self.row_zone, self.seat_row, self.seat_ids
        names = [z.name for z in self.zones]
        for s in seats:
            i = index.get(s.ticket_id)
            if i is None or seat_ids[i] != s.seat_id or names[row_zone[seat_row[i]]] != s.zone:
                return False
        return True
