"""A venue's seats from a CSV file (issue #16 point 1): zone, colour, row, seat, price level, optional x/y.

One pass of the ``csv`` module over the stream (never the whole file in memory as text), every row checked
before anything is written, then bulk inserts in chunks inside ONE transaction: a bad row anywhere (named by
its line number) means nothing is imported. 100,000 seats take a few seconds (``scripts/bench_import.py``).
Each seat becomes a ``tickets`` row (``seat_row`` = row, ``seat_id`` = ``row-seat``) plus its
:class:`~boxoffice.central.models_events.SeatDetail`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.central.bulk_insert import insert_many, refresh_statistics
from boxoffice.central.envelope import ApiError, NotFound
from boxoffice.central.ids import new_id
from boxoffice.central.models import Event, Ticket, utcnow
from boxoffice.central.models_events import SeatDetail

CHUNK = 5_000
MAX_SEATS = 1_000_000
COLUMNS = {"zone": "zone", "colour": "colour", "color": "colour", "row": "row", "seat": "seat",
           "price level": "price_level", "price_level": "price_level", "price-level": "price_level",
           "pricelevel": "price_level", "x": "x", "y": "y"}
REQUIRED = ("zone", "colour", "row", "seat", "price_level")
LIMITS = {"zone": 64, "colour": 16, "row": 30, "seat": 30, "price_level": 64}


class SeatImportError(ApiError):
    """400 naming the line (1 = the header) and the column of the first bad row; nothing was imported."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message, **({"line": line} if line is not None else {}))


@dataclass(frozen=True)
class ImportResult:
    event_id: str
    seats: int
    zones: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return {"eventId": self.event_id, "imported": self.seats, "zones": self.zones}


def _header(reader: Iterator[list[str]]) -> dict[str, int]:
    try:
        names = next(reader)
    except StopIteration:
        raise SeatImportError("the CSV file is empty; its first line must name the columns: zone, colour, row, "
                              "seat, price level (and optionally x, y)", 1) from None
    positions: dict[str, int] = {}
    for index, name in enumerate(names):
        key = COLUMNS.get(name.strip().lstrip("\ufeff").lower())
        if key is None:
            raise SeatImportError(f"line 1: unknown column {name!r}; the columns are zone, colour, row, seat, "
                                  "price level, x, y", 1)
        positions[key] = index
    missing = [c.replace("_", " ") for c in REQUIRED if c not in positions]
    if missing:
        raise SeatImportError(f"line 1: missing column(s) {', '.join(missing)}", 1)
    return positions


def _coordinate(value: str, line: int, column: str) -> float | None:
    if not value.strip():
        return None
    try:
        number = float(value)
    except ValueError:
        raise SeatImportError(f"line {line}: {column} must be a number, not {value!r}", line) from None
    if number != number or number in (float("inf"), float("-inf")):
        raise SeatImportError(f"line {line}: {column} must be a finite number", line)
    return number


def parse_seats(stream: TextIO) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line, fields)`` for each seat row, checked; raises :class:`SeatImportError` at the first bad one."""
    reader = csv.reader(stream, strict=True)
    try:
        yield from _parse(reader)
    except csv.Error as exc:  # a NUL character, a field past the csv module's limit, a broken quote
        line = reader.line_num or 1
        raise SeatImportError(f"line {line}: not readable as CSV ({exc})", line) from None


def _parse(reader: Any) -> Iterator[tuple[int, dict[str, Any]]]:
    positions = _header(reader)
    width = max(positions.values()) + 1
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) < width:
            values = values + [""] * (width - len(values))
        seat: dict[str, Any] = {}
        for column in REQUIRED:
            value = values[positions[column]].strip()
            if not value:
                raise SeatImportError(f"line {line}: {column.replace('_', ' ')} is empty", line)
            if "\x00" in value:  # PostgreSQL text cannot hold it
                raise SeatImportError(f"line {line}: {column.replace('_', ' ')} contains a NUL character", line)
            if len(value) > LIMITS[column]:
                raise SeatImportError(f"line {line}: {column.replace('_', ' ')} is longer than "
                                      f"{LIMITS[column]} characters", line)
            seat[column] = value
        for column in ("x", "y"):
            seat[column] = _coordinate(values[positions[column]], line, column) if column in positions else None
        yield line, seat


def _rows(event: Event, seats: Iterable[tuple[int, dict[str, Any]]], taken: set[tuple[str, str, str]],
          position: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]], dict[str, int]]:
    batch = new_id()[:8]  # ids: event, this import's random tag, the seat's position (unique across imports)
    now, event_id = utcnow(), event.id
    tickets, details, zones = [], [], {}
    for line, seat in seats:
        key = (seat["zone"], seat["row"], seat["seat"])
        if key in taken:
            raise SeatImportError(f"line {line}: zone {key[0]!r} row {key[1]!r} seat {key[2]!r} is already "
                                  "a seat of this event", line)
        taken.add(key)
        if len(tickets) >= MAX_SEATS:
            raise SeatImportError(f"line {line}: more than {MAX_SEATS} seats in one import", line)
        ticket_id = f"{event_id}-{batch}{position:07d}"
        tickets.append({"id": ticket_id, "event_id": event_id, "seat_id": f"{seat['row']}-{seat['seat']}",
                        "seat_row": seat["row"], "zone": seat["zone"], "color": seat["colour"],
                        "position": position, "status": True, "status_offline": False, "access_status": False,
                        "access_entry": 0, "date_start": event.date_start, "date_end": event.date_end,
                        "date_created": now, "date_updated": now})
        details.append({"ticket_id": ticket_id, "event_id": event_id, "price_level": seat["price_level"],
                        "x": seat["x"], "y": seat["y"]})
        zones[seat["zone"]] = zones.get(seat["zone"], 0) + 1
        position += 1
    return tickets, details, zones


def import_seats(session: Session, event_id: str, stream: TextIO) -> ImportResult:
    """Check every row of ``stream``, then insert them all (the caller's transaction: all or nothing)."""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"unknown event {event_id!r}", field="eventId")
    existing = session.execute(select(Ticket.zone, Ticket.seat_row, Ticket.seat_id, Ticket.position)
                               .where(Ticket.event_id == event_id)).all()
    taken = {(zone, row, seat_id.removeprefix(f"{row}-")) for zone, row, seat_id, _ in existing}
    start = max((p for *_, p in existing), default=-1) + 1
    tickets, details, zones = _rows(event, parse_seats(stream), taken, start)
    if not tickets:
        raise SeatImportError("the CSV file has no seat rows after its header line")
    connection = session.connection()
    for first in range(0, len(tickets), CHUNK):
        insert_many(connection, Ticket.__table__, tickets[first:first + CHUNK])  # straight on the driver
        insert_many(connection, SeatDetail.__table__, details[first:first + CHUNK])
    refresh_statistics(connection, Ticket.__table__, SeatDetail.__table__)
    return ImportResult(event_id, len(tickets), zones)
