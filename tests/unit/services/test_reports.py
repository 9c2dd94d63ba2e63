"""Sales reports: groupings, filters, voids and comps apart, CSV content."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from boxoffice.services.reports import CsvFormat, Group, csv_rows, csv_text, sales_report, to_csv, units
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, Event
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
    s4 = sell(f, TERMINAL, request(seats(g(4)), clerk_id=BEA, comp_reason="Prensa", customer_name="Pat Lee"))
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
    assert report.by_event == {EVENT: Group(3, 4, 11000), OTHER_EVENT: Group(1, 1, 2500)}
    assert [g.name for g in report.by_event.values()] == [EVENT_NAME, "Otro evento"]  # names, not ids
    assert report.by_zone == {GENERAL: Group(0, 4, 7500), VIP: Group(0, 1, 6000)}
    assert report.by_product == {"TT-GEN": Group(0, 3, 5000), "TT-VIP": Group(0, 1, 6000),
                                 product_id("TT-GEN", OTHER_EVENT): Group(0, 1, 2500)}
    # two events' "General" read apart by their event; the ids stay out of what a person reads
    assert {k: g.name for k, g in report.by_product.items()} == {
        "TT-GEN": f"General ({EVENT_NAME})", product_id("TT-GEN", OTHER_EVENT): "General (Otro evento)",
        "TT-VIP": "VIP"}
    assert report.by_method == {"card": Group(1, 0, 2000), "cash": Group(3, 0, 5000 + 4000 + 2500)}
    assert report.by_clerk == {"(none)": Group(1, 1, 2500), "Ana": Group(1, 2, 5000), "Bea": Group(2, 2, 6000)}
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


def test_csv_in_english_has_names_and_amounts(sold: Store, tmp_path: Path) -> None:
    report = sales_report(sold.session_factory)
    rows = list(csv.reader(io.StringIO(csv_text(report))))
    assert rows[0] == ["Grouping", "Name", "Sales", "Payments", "Tickets", "Total"]
    body = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert body[("Total", "")] == ["4", "", "5", "135.00"]
    assert body[("Voided (not included)", "")] == ["1", "", "1", "40.00"]
    assert body[("Comps (included)", "")] == ["1", "", "1", "0.00"]
    assert body[("Event", EVENT_NAME)] == ["3", "", "4", "110.00"]
    assert body[("Payment", "Cash")] == ["", "3", "", "115.00"]
    assert body[("Hour", "2025-04-01 19:00")] == ["2", "", "2", "60.00"]
    assert body[("Zone", GENERAL)] == ["", "", "4", "75.00"]
    assert body[("Product", f"General ({EVENT_NAME})")] == ["", "", "3", "50.00"]
    assert body[("Clerk", "(no clerk)")] == ["1", "", "1", "25.00"]
    assert not any(EVENT in cell or "TT-" in cell for row in rows for cell in row)  # no internal ids
    assert {r[0] for r in rows[1:]} == {"Total", "Voided (not included)", "Comps (included)", "Event", "Zone",
                                        "Product", "Payment", "Clerk", "Hour"}


def test_csv_in_spanish_uses_semicolons_decimal_commas_and_a_bom(sold: Store, tmp_path: Path) -> None:
    """What Excel set to Spanish opens as columns of numbers: ";" between fields, "135,00", and a BOM so the
    accents of the names read right."""
    spanish = CsvFormat.for_decimal(",", headers=("Agrupación", "Nombre", "Ventas", "Pagos", "Entradas", "Total"),
                                    sections={"total": "Total", "method": "Forma de pago"},
                                    names={"cash": "Efectivo", "card": "Tarjeta"})
    report = sales_report(sold.session_factory)
    path = tmp_path / "ventas.csv"
    to_csv(report, path, spanish)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfAgrupaci\xc3\xb3n;Nombre;Ventas;Pagos;Entradas;Total\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows == [list(row) for row in csv_rows(report, spanish)]
    body = {(r[0], r[1]): r[2:] for r in rows[1:]}
    assert body[("Total", "")] == ["4", "", "5", "135,00"]
    assert body[("Forma de pago", "Efectivo")] == ["", "3", "", "115,00"]
    assert CsvFormat.for_decimal(".").separator == ","


def test_names_read_apart_when_two_events_share_one(store: Store) -> None:
    f = store.session_factory
    with f.begin() as session:
        for event_id, day in ((EVENT, 1), (OTHER_EVENT, 2)):
            event = session.get(Event, event_id)
            event.name, event.starts_at = "Concierto", datetime(2025, 4, day, 19, tzinfo=UTC)
    sell(f, TERMINAL, request(seats(ticket_id(GENERAL, 1)), payments=[cash(2500)]))
    sell(f, TERMINAL, request(seats(ticket_id(GENERAL, 1, OTHER_EVENT), product=product_id("TT-GEN", OTHER_EVENT)),
                              payments=[cash(2500)], event=OTHER_EVENT))
    names = [g.name for g in sales_report(f).by_event.values()]
    assert names == ["Concierto (2025-04-01)", "Concierto (2025-04-02)"]


def test_an_empty_report(store: Store) -> None:
    report = sales_report(store.session_factory)
    assert report.totals == Group() and report.by_hour == {}
    assert csv_text(report).splitlines()[1:4] == ["Total,,0,,0,0.00", "Voided (not included),,0,,0,0.00",
                                                  "Comps (included),,0,,0,0.00"]


@pytest.mark.parametrize(("cents", "text"), [(0, "0.00"), (5, "0.05"), (2550, "25.50"), (-305, "-3.05")])
def test_units(cents: int, text: str) -> None:
    assert units(cents) == text
