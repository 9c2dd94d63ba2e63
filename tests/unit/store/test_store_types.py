"""UTCDateTime and JSONText: aware UTC only, sortable text, canonical JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import StatementError

from boxoffice.store.engine import Store
from boxoffice.store.models import Event, Outbox
from boxoffice.store.types import UTC_TEXT_LENGTH, canonical_json, format_utc, parse_utc

MADRID_SUMMER = timezone(timedelta(hours=2))
BOGOTA = timezone(timedelta(hours=-5))


def test_naive_datetime_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match=r"naive datetime .* no time zone"):
        format_utc(datetime(2025, 1, 1, 12, 0))


def test_not_a_datetime_is_refused() -> None:
    with pytest.raises(TypeError, match="expected a datetime"):
        format_utc("2025-01-01T12:00:00Z")  # type: ignore[arg-type]


def test_stored_text_is_utc_fixed_width_and_sorts_in_time_order() -> None:
    moments = [
        datetime(2025, 1, 1, 0, 30, tzinfo=MADRID_SUMMER),  # 2024-12-31 22:30 UTC
        datetime(2024, 12, 31, 18, 0, tzinfo=BOGOTA),  # 23:00 UTC
        datetime(2024, 12, 31, 22, 30, 0, 1, tzinfo=UTC),
        datetime(999, 5, 5, tzinfo=UTC),
        datetime(2025, 1, 1, tzinfo=UTC),
    ]
    texts = [format_utc(moment) for moment in moments]
    assert format_utc(moments[0]) == "2024-12-31T22:30:00.000000Z"
    assert {len(value) for value in texts} == {UTC_TEXT_LENGTH}
    assert sorted(texts) == [format_utc(moment) for moment in sorted(moments)]
    assert [parse_utc(value) for value in texts] == moments


def test_parse_reads_any_offset_as_utc() -> None:
    assert parse_utc("2025-01-01T02:00:00+02:00") == datetime(2025, 1, 1, tzinfo=UTC)
    assert parse_utc("2025-01-01 00:00:00").tzinfo is UTC


def test_aware_datetime_round_trips_as_utc(store: Store) -> None:
    local = datetime(2025, 7, 14, 21, 45, 12, 345678, tzinfo=MADRID_SUMMER)
    with store.session_factory.begin() as session:
        session.add(Event(id="EV1", name="Show", starts_at=local))
    with store.session_factory.begin() as session:
        raw = session.execute(text("SELECT starts_at FROM events")).scalar_one()
        event = session.get_one(Event, "EV1")
        assert raw == "2025-07-14T19:45:12.345678Z"
        assert event.starts_at == local
        assert event.starts_at is not None and event.starts_at.tzinfo is UTC
        assert event.updated_at.tzinfo is UTC
        later = session.scalars(select(Event).where(Event.starts_at > datetime(2025, 7, 14, 19, tzinfo=UTC)))
        assert later.all() == [event]


def test_naive_datetime_never_reaches_the_database(store: Store) -> None:
    with pytest.raises(StatementError, match="naive datetime") as raised, store.session_factory.begin() as s:
        s.add(Event(id="EV1", name="Show", starts_at=datetime(2025, 7, 14, 21, 45)))
    assert isinstance(raised.value.orig, ValueError)
    with store.session_factory.begin() as session:
        assert session.get(Event, "EV1") is None


def test_canonical_json_is_deterministic() -> None:
    assert canonical_json({"b": 1, "a": [1, "ñ"]}) == '{"a":[1,"ñ"],"b":1}'
    with pytest.raises(ValueError, match="not JSON compliant"):
        canonical_json({"x": float("nan")})


def test_json_columns_store_canonical_text_and_null(store: Store) -> None:
    with store.session_factory.begin() as session:
        session.add(
            Outbox(kind="sale", subject="X", idempotency_key="k1", payload={"z": 1, "a": {"y": 2, "b": 3}})
        )
    with store.session_factory.begin() as session:
        raw = session.execute(text("SELECT payload, response FROM outbox")).one()
        assert tuple(raw) == ('{"a":{"b":3,"y":2},"z":1}', None)
        row = session.scalars(select(Outbox)).one()
        assert row.payload == {"z": 1, "a": {"y": 2, "b": 3}}
        assert row.response is None
