"""Reports view: each grouping shows the sales made in the test, the hourly chart has their bars, CSV is written.
The view reads and writes through the window's operation runner: the tests wait for its answers."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.core.changes import Changes
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.reports import Group
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import LineRequest, SaleRequest, SaleResult, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, Sale
from boxoffice.ui.hour_chart import MAX_FILLED_HOURS, HourBar, hour_series
from boxoffice.ui.qt import QDate
from boxoffice.ui.reports_view import ReportsDialog, local_zone
from boxoffice.ui.window_context import window_context
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store
from tests.helpers.shifts import open_test_shift

DAY = date(2026, 11, 20)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = seed_store(tmp_path / "reports.sqlite3")
    open_test_shift(store.session_factory)  # sales belong to a shift (#14)
    with store.session_factory.begin() as session:
        session.add(Clerk(id=1, name="Ana", role="supervisor", pin_hash="scrypt$x"))
        session.add(Clerk(id=2, name="Bea", role="clerk", pin_hash="scrypt$x"))
    yield store
    store.close()


def at(store: Store, sale: SaleResult, day: date, hour: int, minute: int) -> SaleResult:
    """Move a sale to a local time of day (sales made in a test all happen within a second)."""
    when = datetime.combine(day, time(hour, minute), tzinfo=local_zone()).astimezone(UTC)
    with store.session_factory.begin() as session:
        session.scalars(select(Sale).where(Sale.purchase_code == sale.purchase_code)).one().created_at = when
    return sale


def make_sales(store: Store) -> dict[str, SaleResult]:
    def sale(clerk: int, lines: tuple[LineRequest, ...], payments: tuple[PaymentRequest, ...]) -> SaleResult:
        return sell(store.session_factory, TERMINAL, SaleRequest("EVDEMO", lines, payments, clerk_id=clerk))

    made = {
        "two_general_cash": at(store, sale(1, (LineRequest("tt-gen", 2, ("EVDEMO-GEN1", "EVDEMO-GEN2")),),
                                           (PaymentRequest("cash", tendered_cents=10000),)), DAY, 10, 5),
        "preferente_card": at(store, sale(2, (LineRequest("tt-pre", 1, ("EVDEMO-PRE1",)),),
                                          (PaymentRequest("card", amount_cents=4000, reference="A1"),)), DAY, 10, 40),
        "vip_split": at(store, sale(1, (LineRequest("tt-vip", 1, ("EVDEMO-VIP1",)),),
                                    (PaymentRequest("card", amount_cents=5000, reference="A2"),
                                     PaymentRequest("cash", tendered_cents=5000))), DAY, 12, 15),
        "voided": at(store, sale(2, (LineRequest("tt-gen", 1, ("EVDEMO-GEN3",)),),
                                 (PaymentRequest("cash", tendered_cents=2500),)), DAY, 12, 30),
        "comp": at(store, sell(store.session_factory, TERMINAL, SaleRequest(
            "EVDEMO", (LineRequest("tt-gen", 1, ("EVDEMO-GEN4",)),), (), clerk_id=1, comp_reason="Prensa",
            customer_name="Pat Lee")), DAY, 12, 45),
        "day_before": at(store, sale(2, (LineRequest("tt-gen", 1, ("EVDEMO-GEN5",)),),
                                     (PaymentRequest("cash", tendered_cents=2500),)), date(2026, 11, 19), 18, 0),
    }
    void_sale(store.session_factory, TERMINAL, made["voided"].purchase_code, "wrong seat", actor="Ana")
    return made


def show_day(qtbot, dialog: ReportsDialog, day: date) -> None:
    with qtbot.waitSignal(dialog.report_shown, timeout=5000):
        dialog.date_to.setDate(QDate(day.year, day.month, day.day))
        dialog.date_from.setDate(QDate(day.year, day.month, day.day))
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.since is not None
                    and dialog.report.since.date() == day, timeout=5000)


def test_groupings_chart_and_csv_show_the_sales_made(qtbot, store: Store, tmp_path: Path) -> None:
    made = make_sales(store)
    backend = backend_for(store, "es")
    money = backend.money.format
    dialog = ReportsDialog(backend)
    qtbot.addWidget(dialog)
    assert dialog.date_from.date() == QDate.currentDate() == dialog.date_to.date()  # today by default
    show_day(qtbot, dialog, DAY)
    kept = [made[k] for k in ("two_general_cash", "preferente_card", "vip_split", "comp")]  # not voided, that day
    total = sum(s.total_cents for s in kept)
    tickets = sum(len(s.tickets) for s in kept)
    assert dialog.rows("event") == [["Festival de Verano", str(len(kept)), str(tickets), money(total)]]
    assert f"Sales {len(kept)} · tickets {tickets} · total {money(total)}" == dialog.summary.text()
    voided = made["voided"]
    assert "Comps (included above): 1, tickets 1" in dialog.apart.text()
    assert f"Voided (not included): 1, tickets 1, {money(voided.total_cents)}" in dialog.apart.text()

    zones = {row[0]: row[1:] for row in dialog.rows("zone")}
    assert zones == {"General": ["3", money(made["two_general_cash"].total_cents)],  # the comp's ticket is free
                     "Preferente": ["1", money(made["preferente_card"].total_cents)],
                     "VIP": ["1", money(made["vip_split"].total_cents)]}
    products = {row[0]: row[1:] for row in dialog.rows("product")}
    assert products["General"] == ["3", money(made["two_general_cash"].total_cents)]  # names, not ids
    assert products["VIP"] == ["1", money(9000)]
    cash_kept = sum(p.amount_cents for s in kept for p in s.payments if p.method == "cash")
    card = sum(p.amount_cents for s in kept for p in s.payments if p.method == "card")
    assert dialog.rows("method") == [["Card", "2", money(card)], ["Cash", "2", money(cash_kept)]]
    clerks = {row[0]: row[1:] for row in dialog.rows("clerk")}
    ana = [made[k] for k in ("two_general_cash", "vip_split", "comp")]
    assert clerks == {"Ana": ["3", "4", money(sum(s.total_cents for s in ana))],
                      "Bea": ["1", "1", money(made["preferente_card"].total_cents)]}

    # the chart: 10:00 and 12:00 with their sales, and the quiet 11:00 between them as an empty bar
    day = DAY.isoformat()
    ten = [made["two_general_cash"], made["preferente_card"]]
    noon = [made["vip_split"], made["comp"]]
    assert dialog.chart.bars() == [
        HourBar(f"{day} 10:00", 2, 3, sum(s.total_cents for s in ten)),
        HourBar(f"{day} 11:00", 0, 0, 0),
        HourBar(f"{day} 12:00", 2, 2, sum(s.total_cents for s in noon)),
    ]
    assert [row[0] for row in dialog.rows("hour")] == [f"{day} 10:00", f"{day} 12:00"]

    with qtbot.waitSignal(dialog.csv_saved, timeout=5000) as saved:
        assert dialog.export_csv(tmp_path / "sales.csv")
    out = saved.args[0]
    assert out == tmp_path / "sales.csv" and "sales.csv" in dialog.message.text()
    with out.open(encoding="utf-8-sig", newline="") as stream:  # a BOM, then the Spanish ";" and "90,00"
        rows = list(csv.DictReader(stream, delimiter=";"))
    by = {(r["Grouping"], r["Name"]): r for r in rows}
    assert by[("Total", "")]["Total"] == f"{total // 100},{total % 100:02d}"
    assert by[("Total", "")]["Tickets"] == str(tickets)
    assert by[("Voided (not included)", "")]["Sales"] == "1" and by[("Comps (included)", "")]["Sales"] == "1"
    assert by[("Hour", f"{day} 10:00")]["Total"] == "90,00"
    assert by[("Event", "Festival de Verano")]["Sales"] == str(len(kept))
    bea = made["preferente_card"].total_cents
    assert by[("Clerk", "Bea")]["Total"] == f"{bea // 100},{bea % 100:02d}"
    assert dialog.default_csv_name() == "sales-20261120.csv"

    # one event only: the same sales (the demo store has one event); a day without sales: no bars, said so
    runner = window_context(backend).runner
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)  # the event list is read in the background
    assert [dialog.event_picker.itemData(i) for i in range(dialog.event_picker.count())] == [None, "EVDEMO"]
    with qtbot.waitSignal(dialog.report_shown, timeout=5000):
        dialog.event_picker.setCurrentIndex(dialog.event_picker.findData("EVDEMO"))
    assert dialog.report.event_id == "EVDEMO" and dialog.rows("event")[0][3] == money(total)
    show_day(qtbot, dialog, date(2026, 11, 1))
    assert dialog.chart.bars() == [] and dialog.rows("clerk") == []
    assert "No sales" in dialog.message.text()


def test_the_day_before_is_its_own_report_and_dates_never_cross(qtbot, store: Store) -> None:
    made = make_sales(store)
    dialog = ReportsDialog(backend_for(store, "en"))
    qtbot.addWidget(dialog)
    show_day(qtbot, dialog, date(2026, 11, 19))
    assert dialog.chart.bars() == [HourBar("2026-11-19 18:00", 1, 1, made["day_before"].total_cents)]
    with qtbot.waitSignal(dialog.report_shown, timeout=5000):
        dialog.date_to.setDate(QDate(2026, 11, 20))
    assert [b.hour[:10] for b in dialog.chart.bars() if b.count] == ["2026-11-19", "2026-11-20", "2026-11-20"]
    dialog.date_from.setDate(QDate(2026, 11, 25))  # after "to": "to" follows
    assert dialog.date_to.date() == QDate(2026, 11, 25)
    dialog.date_to.setDate(QDate(2026, 11, 10))  # before "from": "from" follows
    assert dialog.date_from.date() == QDate(2026, 11, 10)


def test_hour_series_fills_quiet_hours_only_within_a_short_span() -> None:
    assert hour_series({}) == []
    short = hour_series({"2026-11-20 22:00": Group(1, 2, 500), "2026-11-21 01:00": Group(2, 2, 900)})
    assert [b.hour for b in short] == ["2026-11-20 22:00", "2026-11-20 23:00", "2026-11-21 00:00",
                                       "2026-11-21 01:00"]
    assert [b.total_cents for b in short] == [500, 0, 0, 900]
    far = f"2026-11-{20 + (MAX_FILLED_HOURS // 24) + 1} 10:00"
    long = hour_series({"2026-11-20 10:00": Group(1, 1, 100), far: Group(1, 1, 200)})
    assert [b.hour for b in long] == ["2026-11-20 10:00", far]


def test_a_sale_told_by_the_change_hub_refreshes_the_report(qtbot, store: Store) -> None:
    """The runner tells the hub of every sale (published here by hand, standing for the selling screen's write);
    the open report reads itself again, with no timer and no reopening."""
    made = make_sales(store)
    backend = backend_for(store, "en")
    dialog = ReportsDialog(backend)
    qtbot.addWidget(dialog)
    show_day(qtbot, dialog, date(2026, 11, 19))
    assert dialog.report.totals.count == 1
    later = at(store, sell(store.session_factory, TERMINAL, SaleRequest(
        "EVDEMO", (LineRequest("tt-gen", 1, ("EVDEMO-GEN6",)),), (PaymentRequest("cash", tendered_cents=2500),),
        clerk_id=2)), date(2026, 11, 19), 19, 0)
    with qtbot.waitSignal(dialog.report_shown, timeout=5000):
        window_context(backend).hub.publish(Changes(sales=(later.purchase_code,)))
    assert dialog.report.totals.count == 2
    assert dialog.rows("clerk") == [["Bea", "2", "2", backend.money.format(
        made["day_before"].total_cents + later.total_cents)]]


def test_spanish_report_and_csv_read_as_a_spanish_spreadsheet(qtbot, store: Store, tmp_path: Path) -> None:
    """#14: names instead of ids on screen and in the file; the CSV in Spanish (headers, groupings, payment
    methods), ";" between fields, decimal commas, amounts not cents, and a BOM for Excel."""
    from boxoffice.ui.application import install_translations
    from boxoffice.ui.qt import QApplication

    install_translations(QApplication.instance(), "es")
    made = make_sales(store)
    dialog = ReportsDialog(backend_for(store, "es"))
    qtbot.addWidget(dialog)
    show_day(qtbot, dialog, DAY)
    assert [row[0] for row in dialog.rows("event")] == ["Festival de Verano"]
    assert [row[0] for row in dialog.rows("method")] == ["Tarjeta", "Efectivo"]
    assert dialog.default_csv_name() == "ventas-20261120.csv"
    with qtbot.waitSignal(dialog.csv_saved, timeout=5000) as saved:
        assert dialog.export_csv(tmp_path / "ventas.csv")
    raw = saved.args[0].read_bytes()
    assert raw.startswith("\ufeffAgrupación;Nombre;Ventas;Pagos;Entradas;Total\r\n".encode())
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    body = {(r[0], r[1]): r[2:] for r in rows[1:]}
    cash = sum(p.amount_cents for k in ("two_general_cash", "vip_split") for p in made[k].payments
               if p.method == "cash")
    assert body[("Forma de pago", "Efectivo")] == ["", "2", "", f"{cash // 100},{cash % 100:02d}"]
    assert ("Anuladas (no incluidas)", "") in body and ("Cortesías (incluidas)", "") in body
    assert body[("Producto", "VIP")] == ["", "", "1", "90,00"]
    assert not any("EVDEMO" in cell or "tt-" in cell for row in rows for cell in row)
