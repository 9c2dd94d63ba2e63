"""What a supervisor report looks like on paper: a plain frozen record of titled sections of (label, value) rows.

No Qt, no database. :func:`z_report_print` turns the Z report a closed shift keeps (``Shift.report_json``, plain
JSON in cents) into one, in Spanish or English, so the 80 mm printout, the PDF, the ESC/POS text and the screen
all show the same words and the same amounts.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from typing import Any

from boxoffice.core.money import MoneyFormat, money_format


@dataclass(frozen=True)
class ReportSection:
    """A titled block of rows; ``title`` empty means the rows follow the header without a heading."""

    title: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ReportPrint:
    """A report as printed. ``name`` is a file-name stem for PDF output ("z-report-12")."""

    title: str
    office: str
    terminal: str
    printed_at: datetime  # aware; kept in UTC, shown in local time
    sections: tuple[ReportSection, ...] = field(default=())
    training: bool = False
    name: str = "report"

    def __post_init__(self) -> None:
        if self.printed_at.tzinfo is None:
            raise ValueError("printed_at must be a timezone-aware datetime")
        object.__setattr__(self, "printed_at", self.printed_at.astimezone(UTC))
        if not self.name or any(c in self.name for c in '/\\:*?"<>|') or not self.name.isprintable():
            raise ValueError(f"report name {self.name!r} cannot be used as a file name")

    def section(self, title: str) -> ReportSection:
        """The section called ``title`` (tests and the screen look sections up by their printed title)."""
        for section in self.sections:
            if section.title == title:
                return section
        raise KeyError(title)

    def value(self, section: str, label: str) -> str:
        for row_label, value in self.section(section).rows:
            if row_label == label:
                return value
        raise KeyError(f"{section} / {label}")


_TEXTS: dict[str, dict[str, str]] = {
    "es": {
        "title": "Informe Z",
        "shift": "Turno",
        "opened": "Apertura",
        "closed": "Cierre",
        "opened_by": "Abierto por",
        "sales": "Ventas",
        "sales_count": "Ventas cobradas",
        "sales_total": "Total vendido",
        "comps": "Cortesías",
        "voids": "Anulaciones",
        "voids_earlier": "  de turnos anteriores",
        "returns": "Devoluciones",
        "ticket_1": "entrada",
        "ticket_n": "entradas",
        "cash": "Efectivo",
        "float": "Fondo inicial",
        "taken": "Cobrado en efectivo",
        "change": "Cambio entregado",
        "refunded": "Devuelto (anulaciones)",
        "refunds": "Reembolsos",
        "refunds_cash": "  en efectivo",
        "refunds_card": "  a tarjeta",
        "refunds_out": "Reembolsado en efectivo",
        "activations": "Entradas de lote activadas",
        "activations_in": "Cobrado por activaciones",
        "activations_cash": "  en efectivo",
        "activations_card": "  con tarjeta",
        "expected": "Esperado en caja",
        "counted": "Contado",
        "difference": "Diferencia",
        "not_counted": "sin contar",
        "card": "Tarjeta",
        "card_total": "Total con tarjeta",
        "count": "Arqueo",
        "per_clerk": "Por vendedor",
        "per_product": "Por producto",
        "sale_1": "venta",
        "sale_n": "ventas",
        "comp_1": "cortesía",
        "comp_n": "cortesías",
        "none": "(sin vendedor)",
        "nothing": "Ninguno",
        "invoices": "Facturas",
        "invoice_range": "{first} a {last}",
    },
    "en": {
        "title": "Z report",
        "shift": "Shift",
        "opened": "Opened",
        "closed": "Closed",
        "opened_by": "Opened by",
        "sales": "Sales",
        "sales_count": "Paid sales",
        "sales_total": "Total sold",
        "comps": "Comps",
        "voids": "Voids",
        "voids_earlier": "  from earlier shifts",
        "returns": "Returns",
        "ticket_1": "ticket",
        "ticket_n": "tickets",
        "cash": "Cash",
        "float": "Opening float",
        "taken": "Cash taken",
        "change": "Change given",
        "refunded": "Refunded (voids)",
        "refunds": "Refunds",
        "refunds_cash": "  in cash",
        "refunds_card": "  to card",
        "refunds_out": "Refunded in cash",
        "activations": "Batch tickets activated",
        "activations_in": "Taken for activations",
        "activations_cash": "  in cash",
        "activations_card": "  by card",
        "expected": "Expected in drawer",
        "counted": "Counted",
        "difference": "Difference",
        "not_counted": "not counted",
        "card": "Card",
        "card_total": "Card total",
        "count": "Cash count",
        "per_clerk": "By clerk",
        "per_product": "By product",
        "sale_1": "sale",
        "sale_n": "sales",
        "comp_1": "comp",
        "comp_n": "comps",
        "none": "(no clerk)",
        "nothing": "None",
        "invoices": "Invoices",
        "invoice_range": "{first} to {last}",
    },
}


def _lang(language: str) -> str:
    key = language.split("_")[0].split("-")[0].lower()
    if key not in _TEXTS:
        raise ValueError(f"no report texts for language {language!r}; use one of {', '.join(sorted(_TEXTS))}")
    return key


def report_text(key: str, language: str) -> str:
    """A report label in ``language`` ("es" or "en"): the screen uses these to find rows of a ReportPrint."""
    return _TEXTS[_lang(language)][key]


def format_when(moment: datetime, language: str, tz: tzinfo | None = None) -> str:
    """Local date and time as a supervisor reads it: ``23/11/2026 17:05`` (es) or ``2026-11-23 17:05`` (en)."""
    local = moment.astimezone(tz) if tz is not None else moment.astimezone()
    return f"{local:%d/%m/%Y %H:%M}" if _lang(language) == "es" else f"{local:%Y-%m-%d %H:%M}"


def _parse_utc(text: str) -> datetime:
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _signed(money: MoneyFormat, cents: int) -> str:
    """A difference with its sign always shown: "+1,00 €", "-3,00 €", "0,00 €"."""
    return ("+" if cents > 0 else "") + money.format(cents)


def z_report_print(report: Mapping[str, Any], office: str, terminal: str,
                   clerk_names: Mapping[int, str] | None = None, language: str = "es", *,
                   counted: Mapping[int, int] | None = None, printed_at: datetime | None = None,
                   training: bool = False, tz: tzinfo | None = None) -> ReportPrint:
    """The Z report of a closed shift (the dict :func:`boxoffice.services.shifts.z_report` returns) as printed.

    ``clerk_names`` maps clerk ids to names (for who opened the shift); ``counted`` is the cash count by
    denomination in cents (``Shift.counted_json``), printed as its own section when given. Times are shown in
    ``tz`` (default: this computer's local time zone).
    """
    lang = _lang(language)
    t = _TEXTS[lang]
    money = money_format(lang)

    def plural(n: int, key: str) -> str:
        return f"{n} {t[key + '_1'] if n == 1 else t[key + '_n']}"

    names = clerk_names or {}
    clerk_id = report.get("clerk_id")
    header = [(t["shift"], str(report["shift_id"])),
              (t["opened"], format_when(_parse_utc(report["opened_at"]), lang, tz)),
              (t["closed"], format_when(_parse_utc(report["closed_at"]), lang, tz))]
    if clerk_id is not None:
        header.append((t["opened_by"], names.get(clerk_id, f"#{clerk_id}")))

    sales, comps, voids, returns = report["sales"], report["comps"], report["voids"], report["returns"]
    sales_rows = [(t["sales_count"], str(sales["count"])),
                  (t["sales_total"], money.format(sales["total_cents"])),
                  (t["comps"], f"{comps['count']} ({plural(comps['tickets'], 'ticket')})"),
                  (t["voids"], f"{voids['count']} · {money.format(voids['total_cents'])}")]
    if voids.get("earlier_shift_count"):
        sales_rows.append((t["voids_earlier"], str(voids["earlier_shift_count"])))
    sales_rows.append((t["returns"], f"{returns['count']} ({plural(returns['tickets'], 'ticket')})"))
    refunds = report.get("refunds") or {}
    if refunds.get("count"):  # refunds at the window, by method (services/refunds.py)
        sales_rows += [(t["refunds"], f"{refunds['count']} · {money.format(refunds['total_cents'])}"),
                       (t["refunds_cash"], money.format(refunds["cash_cents"])),
                       (t["refunds_card"], money.format(refunds["card_cents"]))]
    activations = report.get("activations") or {}
    if activations.get("count"):  # pre-generated tickets sold here (services/activations.py), by method
        sales_rows += [(t["activations"], f"{activations['count']} · "
                                          f"{money.format(activations['cash_cents'] + activations['card_cents'])}"),
                       (t["activations_cash"], money.format(activations["cash_cents"])),
                       (t["activations_card"], money.format(activations["card_cents"]))]

    cash = report["cash"]
    counted_cents = cash.get("counted_cents")
    difference = cash.get("difference_cents")
    cash_rows = [(t["float"], money.format(cash["float_cents"])),
                 (t["taken"], money.format(cash["taken_cents"])),
                 (t["change"], money.format(-cash["change_cents"])),
                 (t["refunded"], money.format(-cash["refunded_cents"])),
                 *([(t["refunds_out"], money.format(-cash["refunds_cents"]))] if cash.get("refunds_cents") else []),
                 *([(t["activations_in"], money.format(cash["activations_cents"]))]
                   if cash.get("activations_cents") else []),
                 (t["expected"], money.format(cash["expected_cents"])),
                 (t["counted"], t["not_counted"] if counted_cents is None else money.format(counted_cents)),
                 (t["difference"], "—" if difference is None else _signed(money, difference))]

    sections = [ReportSection("", tuple(header)), ReportSection(t["sales"], tuple(sales_rows)),
                ReportSection(t["cash"], tuple(cash_rows)),
                ReportSection(t["card"], ((t["card_total"], money.format(report["card"]["total_cents"])),))]
    if report.get("invoices"):  # the shift's invoice range per series (simplified, then rectificativas)
        sections.append(ReportSection(t["invoices"], tuple(
            (t["invoice_range"].format(first=r["first"], last=r["last"]),
             f"{r['count']} · {money.format(r['total_cents'])}") for r in report["invoices"])))

    if counted is not None:
        count_rows = tuple((f"{money.format(int(d))} × {n}", money.format(int(d) * n))
                           for d, n in sorted(((int(d), int(n)) for d, n in counted.items()), reverse=True) if n)
        sections.append(ReportSection(t["count"], count_rows or ((t["nothing"], money.format(0)),)))

    clerk_rows = []
    for name, row in report.get("per_clerk", {}).items():
        what = plural(row["sales"], "sale")
        if row.get("comps"):
            what += ", " + plural(row["comps"], "comp")
        shown = t["none"] if name == "(none)" else name
        clerk_rows.append((f"{shown} · {what}", money.format(row["total_cents"])))
    sections.append(ReportSection(t["per_clerk"], tuple(clerk_rows) or ((t["nothing"], money.format(0)),)))

    product_rows = []
    for product in sorted(report.get("per_product", {}).values(), key=lambda p: p["description"].casefold()):
        label = f"{product['description']} × {product['quantity']}"
        if product.get("comp_quantity"):
            label += f" (+{plural(product['comp_quantity'], 'comp')})"
        product_rows.append((label, money.format(product["total_cents"])))
    sections.append(ReportSection(t["per_product"], tuple(product_rows) or ((t["nothing"], money.format(0)),)))

    return ReportPrint(title=t["title"], office=office, terminal=terminal,
                       printed_at=printed_at or datetime.now(UTC), sections=tuple(sections), training=training,
                       name=f"z-report-{report['shift_id']}")
