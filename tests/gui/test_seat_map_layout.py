"""Where the seat map puts seats: the layout rules the clerk knows (largest zone first, rows and seats in natural
order, zone colours), and the spatial queries painting and clicks rely on. No Qt needed."""

from __future__ import annotations

import random

from boxoffice.services.catalog import SeatInfo
from boxoffice.ui.seat_map_layout import PITCH, ROWLESS_WRAP, SEAT, SeatLayout


def seat(ticket: str, seat_id: str, row: str | None, zone: str, state: str = "available") -> SeatInfo:
    return SeatInfo(ticket, seat_id, row, zone, {"Big": "#1e88e5", "Small": "#e53935"}.get(zone, "#999999"), state)


def test_rows_and_seats_come_in_natural_order_whatever_order_they_arrive_in() -> None:
    seats = [seat(f"t{r}-{n}", f"S{n}", f"R{r}", "Big") for r in (10, 2, 1) for n in (10, 9, 1, 2)]
    random.Random(3).shuffle(seats)
    layout = SeatLayout(seats)
    assert layout.row_labels == ["R1", "R2", "R10"]
    first_row = layout.seat_ids[layout.row_first[0]:layout.row_first[0] + layout.row_count[0]]
    assert first_row == ["S1", "S2", "S9", "S10"]
    assert layout.row_y[0] < layout.row_y[1] < layout.row_y[2]


def test_largest_zone_first_with_its_colour() -> None:
    seats = [seat(f"s{n}", str(n), "A", "Small") for n in range(1, 4)]
    seats += [seat(f"b{n}", str(n), "A", "Big") for n in range(1, 9)]
    layout = SeatLayout(seats)
    assert [(z.name, z.color, z.total) for z in layout.zones] == [("Big", "#1e88e5", 8), ("Small", "#e53935", 3)]
    assert layout.zones[0].y < layout.zones[1].y


def test_seats_without_rows_wrap_into_lines() -> None:
    layout = SeatLayout([seat(f"g{n}", str(n), None, "Big") for n in range(1, 2 * ROWLESS_WRAP + 2)])
    assert list(layout.row_count) == [ROWLESS_WRAP, ROWLESS_WRAP, 1]
    assert layout.seat_info(0).row is None


def test_hit_testing_finds_seats_and_not_the_gaps_between_them() -> None:
    layout = SeatLayout([seat(f"t{n}", str(n), "A", "Big", "sold" if n == 2 else "available") for n in range(1, 6)])
    x, y, _w, _h = layout.seat_rect(1)
    assert layout.ticket_ids[layout.seat_at(x + 1, y + 1)] == "t2"
    assert layout.seat_at(x + SEAT + 1, y + 1) is None  # the gap
    assert layout.seat_at(x, y - 5) is None
    assert [layout.ticket_ids[i] for i in layout.seats_in(x, y, x + PITCH + 1, y + 1)] == ["t2", "t3"]
    assert layout.seat_info(1).state == "sold"


def test_free_counts_follow_state_changes() -> None:
    layout = SeatLayout([seat(f"t{n}", str(n), "A", "Big") for n in range(1, 41)])
    assert layout.zones[0].free == 40 and sum(b.free for b in layout.blocks) == 40
    assert layout.set_state(layout.index["t3"], 1)
    assert not layout.set_state(layout.index["t3"], 1)
    assert layout.zones[0].free == 39 and sum(b.free for b in layout.blocks) == 39


def test_a_stadium_flows_into_columns_and_every_seat_is_in_one_block() -> None:
    seats = [seat(f"z{z}-{r}-{n}", str(n), str(r), f"Zone {z}") for z in range(6) for r in range(1, 60)
             for n in range(1, 101)]
    layout = SeatLayout(seats)
    assert len({zone.x for zone in layout.zones}) > 1  # more than one column
    assert sum(b.total for b in layout.blocks) == len(seats)
    assert layout.width < 3 * layout.height and layout.height < 3 * layout.width
