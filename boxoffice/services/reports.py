"""Sales reports: totals grouped by event, zone, product, payment method, clerk and (local) hour; CSV export.

Voided sales are left out of every group and counted apart (``voided``); comps (completed sales with total 0)
stay in the groups (they carry tickets) and are also counted apart (``comps``). Training sales never count.
Groups are keyed by what identifies them (event and product ids) and carry the name a person reads (``name``).
Money is integer cents; the CSV writes amounts in the reader's format (:class:`CsvFormat`: Spanish ``;`` and
decimal comma, English ``,`` and dot), with a UTF-8 BOM so that Excel reads the accents and the separator right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from boxoffice.store.models import Clerk, Event, Sale, Ticket


@dataclass
class Group:
    """One row of a grouping: how many sales, how many tickets (or items), how much money."""

    count: int = 0
    tickets: int = 0
    total_cents: int = 0
    #: what a person reads for the group's key: the event's or product's name (the key is its id)
    name: str = field(default="", compare=False)


@dataclass
class SalesReport:
    event_id: str | None
    since: datetime | None
    until: datetime | None
    tz: str
    totals: Group = field(default_factory=Group)
    voided: Group = field(default_factory=Group)
    comps: Group = field(default_factory=Group)
    by_event: dict[str, Group] = field(default_factory=dict)
    by_zone: dict[str, Group] = field(default_factory=dict)
    by_product: dict[str, Group] = field(default_factory=dict)
    by_method: dict[str, Group] = field(default_factory=dict)
    by_clerk: dict[str, Group] = field(default_factory=dict)
    by_hour: dict[str, Group] = field(default_factory=dict)

    def sections(self) -> Iterator[tuple[str, dict[str, Group]]]:
        yield "total", {"all": self.totals}
        yield "voided", {"all": self.voided}
        yield "comps", {"all": self.comps}
        yield "event", self.by_event
        yield "zone", self.by_zone
        yield "product", self.by_product
        yield "method", self.by_method
        yield "clerk", self.by_clerk
        yield "hour", self.by_hour


def _add(groups: dict[str, Group], key: str, count: int, tickets: int, cents: int, name: str | None = None) -> None:
    group = groups.setdefault(key, Group(name=key if name is None else name))
    group.count += count
    group.tickets += tickets
    group.total_cents += cents


def sales_report(session_factory: sessionmaker[Session], event_id: str | None = None,
                 since: datetime | None = None, until: datetime | None = None, *,
                 tz: tzinfo = UTC) -> SalesReport:
    """Sales made in [since, until) (aware datetimes; None: unbounded), optionally of one event.

    ``by_hour`` keys are local hours in ``tz`` ("2025-04-01 20:00"). ``by_zone`` and ``by_product`` count
    tickets and their prices (zone: the seat's zone; product: the sale line's product, so a family pass is
    one product); ``by_method`` counts payments and the money they kept (cash after change).
    """
    for bound in (since, until):
        if bound is not None and bound.tzinfo is None:
            raise ValueError("since/until must be aware datetimes")
    report = SalesReport(event_id, since, until, getattr(tz, "key", None) or str(tz))
    query = select(Sale).where(Sale.training.is_(False)).options(
        selectinload(Sale.items), selectinload(Sale.tickets), selectinload(Sale.payments)).order_by(Sale.id)
    if event_id is not None:
        query = query.where(Sale.event_id == event_id)
    if since is not None:
        query = query.where(Sale.created_at >= since)
    if until is not None:
        query = query.where(Sale.created_at < until)
    with session_factory() as session:
        sales = list(session.scalars(query))
        events = {e.id: (e.name, e.starts_at) for e in session.scalars(select(Event))}
        clerks = {c.id: c.name for c in session.scalars(select(Clerk))}
        ticket_ids = {t.ticket_id for s in sales for t in s.tickets}
        product_events: dict[str, str] = {}
        zones: dict[str, str] = {}
        if ticket_ids:
            for tid, zone in session.execute(select(Ticket.id, Ticket.zone).where(Ticket.id.in_(ticket_ids))):
                zones[tid] = zone
        for sale in sales:
            n_tickets = len(sale.tickets)
            if sale.status == "voided":
                report.voided.count += 1
                report.voided.tickets += n_tickets
                report.voided.total_cents += sale.total_cents
                continue
            report.totals.count += 1
            report.totals.tickets += n_tickets
            report.totals.total_cents += sale.total_cents
            if sale.total_cents == 0:
                report.comps.count += 1
                report.comps.tickets += n_tickets
            event_name = events.get(sale.event_id, (sale.event_id, None))[0]
            _add(report.by_event, sale.event_id, 1, n_tickets, sale.total_cents, event_name)
            clerk = clerks.get(sale.clerk_id, str(sale.clerk_id)) if sale.clerk_id is not None else "(none)"
            _add(report.by_clerk, clerk, 1, n_tickets, sale.total_cents)
            hour = sale.created_at.astimezone(tz).strftime("%Y-%m-%d %H:00")
            _add(report.by_hour, hour, 1, n_tickets, sale.total_cents)
            for ticket in sale.tickets:
                _add(report.by_zone, zones.get(ticket.ticket_id, "?"), 0, 1, ticket.price_cents)
            for item in sale.items:
                _add(report.by_product, item.product_id, 0, item.quantity, item.total_cents, item.description)
                product_events[item.product_id] = event_name
            for payment in sale.payments:
                _add(report.by_method, payment.method, 1, 0, payment.amount_cents)
    _tell_apart(report.by_event, {key: _day(when, tz) for key, (_name, when) in events.items()})
    _tell_apart(report.by_product, product_events)
    for name in ("by_event", "by_zone", "by_product", "by_method", "by_clerk", "by_hour"):
        groups = getattr(report, name)
        setattr(report, name, {k: groups[k] for k in sorted(groups, key=lambda k: (groups[k].name, k))})
    return report


def _day(when: datetime | None, tz: tzinfo) -> str:
    return "" if when is None else when.astimezone(tz).strftime("%Y-%m-%d")


def _tell_apart(groups: dict[str, Group], detail: Mapping[str, str]) -> None:
    """Groups that would read the same (two events called alike, "General" of two events) get ``detail`` (the
    event's date, the product's event) after their name."""
    seen: dict[str, int] = {}
    for group in groups.values():
        seen[group.name] = seen.get(group.name, 0) + 1
    for key, group in groups.items():
        if seen[group.name] > 1 and detail.get(key):
            group.name = f"{group.name} ({detail[key]})"


@dataclass(frozen=True)
class CsvFormat:
    """How the CSV reads for its reader: the window passes its language's texts; the default is English.

    ``headers``: grouping, name, sales, payments, tickets, total. ``sections``: the title of each grouping
    (keys of :meth:`SalesReport.sections`). ``names``: the text of special keys ("cash", "card", "(none)").
    """

    separator: str = ","
    decimal: str = "."
    headers: tuple[str, str, str, str, str, str] = ("Grouping", "Name", "Sales", "Payments", "Tickets", "Total")
    sections: Mapping[str, str] = field(default_factory=lambda: {
        "total": "Total", "voided": "Voided (not included)", "comps": "Comps (included)", "event": "Event",
        "zone": "Zone", "product": "Product", "method": "Payment", "clerk": "Clerk", "hour": "Hour"})
    names: Mapping[str, str] = field(default_factory=lambda: {
        "cash": "Cash", "card": "Card", "(none)": "(no clerk)"})

    @classmethod
    def for_decimal(cls, decimal: str, **texts: object) -> CsvFormat:
        """The format for a language whose decimal sign is ``decimal``: with a decimal comma the fields are
        separated by ";" (what a spreadsheet set to that language expects), otherwise by ","."""
        return cls(separator=";" if decimal == "," else ",", decimal=decimal, **texts)  # type: ignore[arg-type]

    def amount(self, cents: int) -> str:
        """25,50 / 25.50: a number the spreadsheet reads as a number (no currency sign, no thousands)."""
        return units(cents).replace(".", self.decimal)


def units(cents: int) -> str:
    """Integer cents -> decimal units text, e.g. 2550 -> "25.50", -5 -> "-0.05"."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def to_csv(report: SalesReport, path_or_stream: str | Path | IO[str], style: CsvFormat | None = None) -> None:
    """Write the report as one flat CSV table; the first column names the grouping of each row. A file gets a
    UTF-8 byte order mark (Excel otherwise reads it in the system's code page)."""
    if isinstance(path_or_stream, (str, Path)):
        with open(path_or_stream, "w", encoding="utf-8-sig", newline="") as stream:
            _write(report, stream, style or CsvFormat())
    else:
        _write(report, path_or_stream, style or CsvFormat())


def csv_rows(report: SalesReport, style: CsvFormat | None = None) -> Iterator[tuple[str, ...]]:
    """The CSV's rows, header first. Figures that do not apply to a grouping are left empty (a zone counts
    tickets, not sales; a payment method counts payments)."""
    style = style or CsvFormat()
    yield style.headers
    for section, groups in report.sections():
        title = style.sections.get(section, section)
        for key, group in groups.items():
            name = "" if section in ("total", "voided", "comps") else style.names.get(key, group.name)
            if section == "method":
                figures = ("", str(group.count), "")
            elif section in ("zone", "product"):
                figures = ("", "", str(group.tickets))
            else:
                figures = (str(group.count), "", str(group.tickets))
            yield (title, name, *figures, style.amount(group.total_cents))


def _write(report: SalesReport, stream: IO[str], style: CsvFormat) -> None:
    writer = csv.writer(stream, delimiter=style.separator, lineterminator="\r\n")
    writer.writerows(csv_rows(report, style))


def csv_text(report: SalesReport, style: CsvFormat | None = None) -> str:
    buffer = io.StringIO()
    to_csv(report, buffer, style)
    return buffer.getvalue()
