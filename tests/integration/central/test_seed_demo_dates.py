"""The demo event is dated from the day it is seeded (two weeks on, 20:00 local time, stored UTC): a newcomer
never sells an event that already took place. The office sees that date over HTTP, as the terminal pulls it."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from boxoffice.central.app import create_app
from boxoffice.central.db import Database
from boxoffice.central.seed import DEMO_EVENT_ID, event_times, seed_demo
from boxoffice.store.types import parse_utc
from boxoffice.sync.client import CentralClient
from tests.helpers.central_server import serve_app


@pytest.fixture
def madrid(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "Europe/Madrid")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("madrid")
@pytest.mark.parametrize(("now", "start"), [
    (datetime(2026, 12, 2, 0, 27, tzinfo=UTC), datetime(2026, 12, 16, 19, 0, tzinfo=UTC)),  # winter: CET
    (datetime(2026, 12, 1, 23, 30, tzinfo=UTC), datetime(2026, 12, 16, 19, 0, tzinfo=UTC)),  # already Dec 2 there
    (datetime(2026, 7, 1, 12, 0, tzinfo=UTC), datetime(2026, 7, 15, 18, 0, tzinfo=UTC)),  # summer: CEST
])
def test_the_event_starts_two_weeks_on_at_eight_in_the_evening_local_time(now: datetime, start: datetime) -> None:
    when = event_times(now)
    assert when.start == start and when.start.tzinfo is not None
    assert when.end > when.start and when.sale_start < now


def test_a_seeded_demo_event_is_in_the_future_for_its_office(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    app = create_app(db_url)
    db = Database(db_url)
    try:
        seeded = seed_demo(db)
    finally:
        db.dispose()
    with serve_app(app) as url:
        client = CentralClient(url, seeded.office_tokens["office_taquilla_norte"], "office_taquilla_norte")
        try:
            events = {e.id: e for e in client.office_events()}
            types = client.ticket_types(DEMO_EVENT_ID)
        finally:
            client.close()
    starts = parse_utc(events[DEMO_EVENT_ID].starts_at or "")
    assert timedelta(days=13) < starts - datetime.now(UTC) < timedelta(days=15)
    assert types and all(t.price_cents > 0 for t in types)
