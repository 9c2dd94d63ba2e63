"""The seat CSV reader and import: columns by name, every row checked, the bad line named, all or nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boxoffice.central.bulk_insert import insert_many
from boxoffice.central.db import Database
from boxoffice.central.models import Event, Ticket
from boxoffice.central.models_events import SeatDetail
from boxoffice.central.seat_import import SeatImportError, import_seats, parse_seats


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    database.create_schema()
    database.write(lambda s: s.add(Event(id="ev", name="Venue")))
    yield database
    database.dispose()


def test_columns_in_any_order_and_spelling_with_optional_coordinates() -> None:
    text = "\ufeffSeat,Row,Price Level,Color,Zone,X\n7,B,P2,#00f,Palco,3.5\n\n8,B,P2,#00f,Palco,\n"
    seats = list(parse_seats(io.StringIO(text)))
    assert [line for line, _ in seats] == [2, 4]
    assert seats[0][1] == {"zone": "Palco", "colour": "#00f", "row": "B", "seat": "7", "price_level": "P2",
                           "x": 3.5, "y": None}
    assert seats[1][1]["x"] is None


@pytest.mark.parametrize(("text", "message"), [
    ("", "the CSV file is empty"),
    ("zone,colour,row,seat\n", "line 1: missing column(s) price level"),
    ("zone,colour,row,seat,price level,z\n", "line 1: unknown column 'z'"),
    ("zone,colour,row,seat,price level\nA,#f,1,1,P\nA,#f,,2,P\n", "line 3: row is empty"),
    ("zone,colour,row,seat,price level,y\nA,#f,1,1,P,nan\n", "line 2: y must be a finite number"),
    ("zone,colour,row,seat,price level\nA,#f,1," + "9" * 31 + ",P\n", "line 2: seat is longer than 30"),
    ("zone,colour,row,seat,price level\nA,#f,1,1,P\nA,#f,1,\x00,P\n", "line 3: seat contains a NUL"),
    ("zone,colour,row,seat,price level\nA,#f,1,\"1,P\n", "line 2: not readable as CSV"),
])
def test_a_bad_file_names_what_and_where(text: str, message: str) -> None:
    with pytest.raises(SeatImportError) as caught:
        list(parse_seats(io.StringIO(text)))
    assert caught.value.message.startswith(message)


def _count(db: Database, table: type) -> int:
    with db.read() as session:
        return session.scalar(select(func.count()).select_from(table)) or 0


def test_import_is_all_or_nothing(db: Database) -> None:
    good = "zone,colour,row,seat,price level\n" + "".join(f"A,#f,1,{n},P\n" for n in range(1, 6_001))
    with pytest.raises(SeatImportError, match="line 6002: zone 'A' row '1' seat '1' is already"):
        db.write(lambda s: import_seats(s, "ev", io.StringIO(good + "A,#f,1,1,P\n")))
    assert _count(db, Ticket) == 0 and _count(db, SeatDetail) == 0
    result = db.write(lambda s: import_seats(s, "ev", io.StringIO(good)))
    assert result.seats == 6_000 and result.zones == {"A": 6_000}
    assert _count(db, Ticket) == 6_000 and _count(db, SeatDetail) == 6_000
    with db.read() as session:
        seat = session.scalars(select(Ticket).order_by(Ticket.position)).first()
        assert seat is not None and (seat.seat_row, seat.seat_id, seat.status, seat.zone) == ("1", "1-1", True, "A")
        assert seat.date_created.tzinfo is not None
    more = db.write(lambda s: import_seats(s, "ev", io.StringIO("zone,colour,row,seat,price level\nB,#f,1,1,P\n")))
    assert more.seats == 1 and _count(db, Ticket) == 6_001


def test_the_bulk_insert_processes_varying_and_constant_values(db: Database) -> None:
    first = datetime(2026, 1, 1, 12, tzinfo=UTC)
    rows = [{"id": f"z{n}", "name": "x", "currency": "EUR", "date_start": first + timedelta(hours=n),
             "date_end": None, "date_created": first} for n in range(3)]
    db.write(lambda s: insert_many(s.connection(), Event.__table__, rows))
    with db.read() as session:
        starts = [e.date_start for e in session.scalars(select(Event).where(Event.id.like("z_"))
                                                        .order_by(Event.id))]
    assert starts == [first, first + timedelta(hours=1), first + timedelta(hours=2)]
