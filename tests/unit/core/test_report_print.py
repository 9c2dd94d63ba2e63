"""The Z report as printed: every figure of the stored report, in each language, with money as the screen shows it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from boxoffice.core.money import money_format
from boxoffice.core.report_print import ReportPrint, ReportSection, report_text, z_report_print

MADRID = timezone(timedelta(hours=1))


def stored_report(counted: int | None = 18700) -> dict:
    """A Z report shaped like ``services.shifts.z_report`` returns it (JSON values, cents)."""
    expected = 10000 + 15000 - 6000 - 0
    return {
        "shift_id": 7, "clerk_id": 1,
        "opened_at": "2026-11-23T09:00:00Z", "closed_at": "2026-11-23T17:30:00Z",
        "sales": {"count": 3, "total_cents": 15000},
        "comps": {"count": 1, "tickets": 2},
        "voids": {"count": 1, "total_cents": 2500, "earlier_shift_count": 1},
        "returns": {"count": 1, "tickets": 2},
        "cash": {"float_cents": 10000, "taken_cents": 15000, "change_cents": 6000, "sales_cents": 9000,
                 "refunded_cents": 0, "expected_cents": expected, "counted_cents": counted,
                 "difference_cents": None if counted is None else counted - expected},
        "card": {"total_cents": 6000},
        "per_clerk": {"Ana": {"sales": 2, "total_cents": 9000, "comps": 1},
                      "Bea": {"sales": 1, "total_cents": 6000, "comps": 0}},
        "per_product": {"tt-gen": {"description": "General", "quantity": 2, "total_cents": 5000, "comp_quantity": 2},
                        "tt-vip": {"description": "VIP", "quantity": 1, "total_cents": 6000, "comp_quantity": 0}},
    }


def test_every_figure_of_the_z_report_is_printed_in_spanish() -> None:
    report = stored_report()
    money = money_format("es")
    printed = z_report_print(report, "Taquilla Norte", "test-1", {1: "Ana"}, "es",
                             counted={5000: 3, 2000: 1, 1000: 1, 500: 1, 100: 2, 200: 0},
                             printed_at=datetime(2026, 11, 23, 18, 0, tzinfo=MADRID), tz=MADRID)
    assert printed.title == "Informe Z" and printed.name == "z-report-7"
    assert printed.printed_at == datetime(2026, 11, 23, 17, 0, tzinfo=UTC)  # kept in UTC
    head = dict(printed.sections[0].rows)
    assert head == {"Turno": "7", "Apertura": "23/11/2026 10:00", "Cierre": "23/11/2026 18:30",
                    "Abierto por": "Ana"}
    assert printed.value("Ventas", "Ventas cobradas") == "3"
    assert printed.value("Ventas", "Total vendido") == money.format(15000) == "150,00\u00a0€"
    assert printed.value("Ventas", "Cortesías") == "1 (2 entradas)"
    assert printed.value("Ventas", "Anulaciones") == "1 · 25,00\u00a0€"
    assert printed.value("Ventas", "  de turnos anteriores") == "1"
    assert printed.value("Ventas", "Devoluciones") == "1 (2 entradas)"
    cash = dict(printed.section("Efectivo").rows)
    assert cash["Fondo inicial"] == "100,00\u00a0€"
    assert cash["Cobrado en efectivo"] == "150,00\u00a0€"
    assert cash["Cambio entregado"] == "-60,00\u00a0€"
    assert cash["Esperado en caja"] == money.format(report["cash"]["expected_cents"]) == "190,00\u00a0€"
    assert cash["Contado"] == "187,00\u00a0€"
    assert cash["Diferencia"] == "-3,00\u00a0€"
    assert printed.value("Tarjeta", "Total con tarjeta") == "60,00\u00a0€"
    count = printed.section("Arqueo").rows
    assert count[0] == ("50,00\u00a0€ × 3", "150,00\u00a0€") and count[-1] == ("1,00\u00a0€ × 2", "2,00\u00a0€")
    assert len(count) == 5  # the 2,00 € row counted zero is left out
    assert dict(printed.section("Por vendedor").rows) == {"Ana · 2 ventas, 1 cortesía": "90,00\u00a0€",
                                                          "Bea · 1 venta": "60,00\u00a0€"}
    assert dict(printed.section("Por producto").rows) == {"General × 2 (+2 cortesías)": "50,00\u00a0€",
                                                          "VIP × 1": "60,00\u00a0€"}


def test_english_labels_a_surplus_and_a_shift_not_counted() -> None:
    printed = z_report_print(stored_report(19500), "North window", "t-2", None, "en", tz=UTC, training=True)
    assert printed.title == "Z report" and printed.training
    assert printed.value("Cash", "Difference") == "+€5.00"
    assert printed.value("", "Opened by") == "#1"  # the name is not known: the id still says who
    uncounted = z_report_print(stored_report(None), "North window", "t-2", {1: "Ana"}, "en", tz=UTC)
    assert uncounted.value("Cash", "Counted") == "not counted"
    assert uncounted.value("Cash", "Difference") == "—"
    with pytest.raises(KeyError):
        uncounted.section("Cash count")  # no count given: no count section
    assert report_text("difference", "en_GB") == "Difference"


def test_report_print_checks_its_fields() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ReportPrint("Z", "o", "t", datetime(2026, 1, 1), (ReportSection("", ()),))
    with pytest.raises(ValueError, match="file name"):
        ReportPrint("Z", "o", "t", datetime.now(UTC), name="../x")
    with pytest.raises(ValueError, match="language"):
        z_report_print(stored_report(), "o", "t", {}, "fr")
