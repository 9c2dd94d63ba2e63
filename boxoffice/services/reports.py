"""Sales reports: totals grouped by event, zone, product, payment method, clerk and (local) hour; CSV export.

Voided sales are left out of every group and counted apart (``voided``); comps (completed sales with total 0)
stay in the groups (they carry tickets) and are also counted apart (``comps``). Training sales never count.
Money is integer cents; the CSV also writes decimal units ("25.00").
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
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


def _add(groups: dict[str, Group], key: str, count: int, tickets: int, cents: int) -> None:
    group = groups.setdefault(key, Group())
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
        events = {e.id: e.name for e in session.scalars(select(Event))}
        clerks = {c.id: c.name for c in session.scalars(select(Clerk))}
        ticket_ids = {t.ticket_id for s in sales for t in s.tickets}
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
            _add(report.by_event, f"{sale.event_id} {events.get(sale.event_id, '')}".strip(), 1, n_tickets,
                 sale.total_cents)
            clerk = clerks.get(sale.clerk_id, str(sale.clerk_id)) if sale.clerk_id is not None else "(none)"
            _add(report.by_clerk, clerk, 1, n_tickets, sale.total_cents)
            hour = sale.created_at.astimezone(tz).strftime("%Y-%m-%d %H:00")
            _add(report.by_hour, hour, 1, n_tickets, sale.total_cents)
            for ticket in sale.tickets:
                _add(report.by_zone, zones.get(ticket.ticket_id, "?"), 0, 1, ticket.price_cents)
            for item in sale.items:
                _add(report.by_product, f"{item.product_id} {item.description}", 0, item.quantity,
                     item.total_cents)
            for payment in sale.payments:
                _add(report.by_method, payment.method, 1, 0, payment.amount_cents)
    for name in ("by_event", "by_zone", "by_product", "by_method", "by_clerk", "by_hour"):
        groups = getattr(report, name)
        setattr(report, name, {k: groups[k] for k in sorted(groups)})
    return report


CSV_HEADER = ("group", "key", "count", "tickets", "total_cents", "total")


def units(cents: int) -> str:
    """Integer cents -> decimal units text, e.g. 2550 -> "25.50", -5 -> "-0.05"."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def to_csv(report: SalesReport, path_or_stream: str | Path | IO[str]) -> None:
    """Write the report as one flat CSV table; the ``group`` column names the grouping of each row."""
    if isinstance(path_or_stream, (str, Path)):
        with open(path_or_stream, "w", encoding="utf-8", newline="") as stream:
            _write(report, stream)
    else:
        _write(report, path_or_stream)


def _write(report: SalesReport, stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for name, groups in report.sections():
        for key, group in groups.items():
            writer.writerow((name, key, group.count, group.tickets, group.total_cents, units(group.total_cents)))


def csv_text(report: SalesReport) -> str:
    buffer = io.StringIO()
    to_csv(report, buffer)
    return buffer.getvalue()
