"""``flag_rule_breaks``: what an offline sale of one ticket broke (sale window, visibility, capacity)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.models import Event, TicketType
from boxoffice.central.models_events import EventTicket
from boxoffice.central.ticket_issuing import flag_rule_breaks

START = datetime(2026, 4, 1, tzinfo=UTC)
END = datetime(2026, 9, 12, tzinfo=UTC)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'central.sqlite3'}")
    database.create_schema()

    def setup(session: Session) -> None:
        session.add(Event(id="ev", name="Venue", date_end=END + timedelta(days=1)))
        session.flush()
        common = {"event_id": "ev", "price_cents": 100, "currency": "EUR", "sale_start": START, "sale_end": END,
                  "perks": [], "accepted_scan_points": []}
        session.add_all([TicketType(id=1, name="GA", capacity=1, **common),
                         TicketType(id=2, name="Hidden", capacity=None, visibility="invite-only", **common)])

    database.write(setup)
    yield database
    database.dispose()


def _flags(db: Database, type_id: int, when: datetime) -> list[str]:
    with db.read() as session:
        return flag_rule_breaks(session, "ev", type_id, when)


def test_a_sale_inside_every_rule_has_no_flags(db: Database) -> None:
    assert _flags(db, 1, START + timedelta(days=1)) == []


def test_each_broken_rule_is_flagged(db: Database) -> None:
    assert _flags(db, 1, START - timedelta(seconds=1)) == ["before_sale_start"]
    assert _flags(db, 1, END + timedelta(seconds=1)) == ["after_sale_end"]
    assert _flags(db, 2, END + timedelta(days=2)) == ["after_sale_end", "not_public"]
    assert _flags(db, 99, START) == ["unknown_ticket_type"]
    db.write(lambda s: s.add(EventTicket(id="t1", event_id="ev", ticket_type_id=1, source="comp", qr_payload="Q1",
                                         currency="EUR")))
    assert _flags(db, 1, START + timedelta(days=1)) == ["over_capacity"]
