"""Sales reports: groupings, filters, voids and comps apart, CSV content."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from boxoffice.services.reports import CSV_HEADER, Group, csv_text, sales_report, to_csv, units
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk
from boxoffice.store.types import format_utc
from tests.unit.services.services_helpers import (
    EVENT,
    EVENT_NAME,
    GENERAL,
    OTHER_EVENT,
    P_PREF,
    P_VIP,
    PREFERENTE,
    TERMINAL,
    VIP,
    card,
    cash,
    execute,
    product_id,
    request,
    seats,
    ticket_id,
)

ANA, BEA = 1, 2
DAY = datetime(2025, 4, 1, tzinfo=UTC)


def at(store: Store, code: str, when: datetime) -> None:
    execute(store, "UPDATE sales SET created_at = :t WHERE purchase_code = :c", t=format_utc(when), c=code)


@pytest.fixture
def sold(store: Store) -> Store:
    """Five sales of two events at known times; one voided, one comp."""
    with store.session_factory.begin() as session:
        session.add(Clerk(id=ANA, name="Ana", role="clerk", pin_hash="scrypt$x"))
        session.add(Clerk(id=BEA, name="Bea", role="supervisor", pin_hash="scrypt$x"))
    f = store.session_factory
    g = lambda n: ticket_id(GENERAL, n)  # noqa: E731
    s1 = sell(f, TERMINAL, request(seats(g(1), g(2)), payments=[cash(10000)], clerk_id=ANA))
    s2 = sell(f, TERMINAL, request(seats(ticket_id(VIP, 1), product=P_VIP), payments=[card(2000), cash(5000)],
                                   clerk_id=BEA))
    s3 = sell(f, TERMINAL, request(seats(ticket_id(PREFERENTE, 1), product=P_PREF), payments=[card(4000)],
                                   clerk_id=ANA))
    void_sale(f, TERMINAL, s3.purchase_code, "customer changed mind", actor="Bea")
    s4 = sell(f, TERMINAL, request(seats(g(4), discount=2500), clerk_id=ANA))
    s5 = sell(f, TERMINAL, request(seats(ticket_id(GENERAL, 1, OTHER_EVENT), product=product_id("TT-GEN",
                                                                                                 OTHER_EVENT)),
                                   payments=[cash(2500)], event=OTHER_EVENT))
    at(store, s1.purchase_code, DAY.replace(hour=18, minute=10))
    at(store, s2.purchase_code, DAY.replace(hour=19, minute=30))
    at(store, s3.purchase_code, DAY.replace(hour=19, minute=45))
    at(store, s4.purchase_code, DAY.replace(hour=19, minute=50))
    at(store, s5.purchase_code, DAY.replace(day=2, hour=10))
    return store


def test_groupings_exclude_voids_and_count_comps_apart(sold: Store) -> None:
    report = sales_report(sold.session_factory)
    assert report.totals == Group(count=4, tickets=5, total_cents=5000 + 6000 + 0 + 2500)
    assert report.voided == Group(count=1, tickets=1, total_cents=4000)
    assert report.comps == Group(count=1, tickets=1, total_cents=0)
    assert report.by_event == {f"{EVENT} {EVENT_NAME}": Group(3, 4, 11000),
                               f"{OTHER_EVENT} Otro evento": Group(1, 1, 2500)}
    assert report.by_zone == {GENERAL: Group(0, 4, 7500), VIP: Group(0, 1, 6000)}
    assert report.by_product == {"TT-GEN General": Group(0, 3, 5000), "TT-VIP VIP": Group(0, 1, 6000),
                                 "EV2-TT-GEN General": Group(0, 1, 2500)}
    assert report.by_method == {"card": Group(1, 0, 2000), "cash": Group(3, 0, 5000 + 4000 + 2500)}
    assert report.by_clerk == {"(none)": Group(1, 1, 2500), "Ana": Group(2, 3, 5000), "Bea": Group(1, 1, 6000)}
    assert report.by_hour == {"2025-04-01 18:00": Group(1, 2, 5000), "2025-04-01 19:00": Group(2, 2, 6000),
                              "2025-04-02 10:00": Group(1, 1, 2500)}


def test_hours_are_local_to_the_given_zone(sold: Store) -> None:
    report = sales_report(sold.session_factory, tz=timezone(timedelta(hours=2)))
    assert list(report.by_hour) == ["2025-04-01 20:00", "2025-04-01 21:00", "2025-04-02 12:00"]


def test_event_and_time_filters(sold: Store) -> None:
    only_ev1 = sales_report(sold.session_factory, event_id=EVENT)
    assert only_ev1.totals == Group(3, 4, 11000)
    assert only_ev1.voided.count == 1
    window = sales_report(sold.session_factory, since=DAY.replace(hour=19), until=DAY.replace(hour=19, minute=50))
    assert window.totals == Group(1, 1, 6000)  # s2; s4 at 19:50 is excluded (until is exclusive)
    assert window.voided == Group(1, 1, 4000)
    with pytest.raises(ValueError, match="aware"):
        sales_report(sold.session_factory, since=datetime(2025, 4, 1))


def test_csv_has_one_row_per_group_with_cents_and_units(sold: Store, tmp_path: Path) -> None:
    report = sales_report(sold.session_factory)
    rows = list(csv.reader(io.StringIO(csv_text(report))))
    assert tuple(rows[0]) == CSV_HEADER
    body = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert body[("total", "all")] == ["4", "5", "13500", "135.00"]
    assert body[("voided", "all")] == ["1", "1", "4000", "40.00"]
    assert body[("comps", "all")] == ["1", "1", "0", "0.00"]
    assert body[("method", "cash")] == ["3", "0", "11500", "115.00"]
    assert body[("hour", "2025-04-01 19:00")] == ["2", "2", "6000", "60.00"]
    assert body[("zone", GENERAL)] == ["0", "4", "7500", "75.00"]
    assert {r[0] for r in rows[1:]} == {"total", "voided", "comps", "event", "zone", "product", "method",
                                        "clerk", "hour"}
    path = tmp_path / "report.csv"
    to_csv(report, path)
    assert path.read_text(encoding="utf-8") == csv_text(report)


def test_an_empty_report(store: Store) -> None:
    report = sales_report(store.session_factory)
    assert report.totals == Group() and report.by_hour == {}
    assert csv_text(report).splitlines()[1:4] == ["total,all,0,0,0,0.00", "voided,all,0,0,0,0.00",
                                                  "comps,all,0,0,0,0.00"]


@pytest.mark.parametrize(("cents", "text"), [(0, "0.00"), (5, "0.05"), (2550, "25.50"), (-305, "-3.05")])
def test_units(cents: int, text: str) -> None:
    assert units(cents) == text
