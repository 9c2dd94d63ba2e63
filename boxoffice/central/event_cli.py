"""``boxoffice-central event|office|ticket-type|seats``: set up a real event from the shell (issue #16).

The same functions as the HTTP data API (:mod:`boxoffice.central.event_setup`), so the same checks and
messages; each command prints the created or listed rows as JSON (``seats import`` prints a summary).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from boxoffice.central.db import Database
from boxoffice.central.envelope import dumps
from boxoffice.central.event_setup import (
    create_event,
    create_office,
    create_ticket_type,
    list_events,
    list_offices,
    update_event,
)
from boxoffice.central.ga_allotment import assign_quantity
from boxoffice.central.models import utcnow
from boxoffice.central.seat_import import import_seats
from boxoffice.central.validation import Fields

Adder = Callable[[str, str], argparse.ArgumentParser]
Opener = Callable[[str | None], Database]


def _csv(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _sub(group: Any, name: str, help_text: str) -> argparse.ArgumentParser:
    command: argparse.ArgumentParser = group.add_parser(name, help=help_text)
    command.add_argument("--db", default=argparse.SUPPRESS, help="database URL")
    return command


def add_commands(add: Adder) -> None:
    """Register the subcommands on the parser's ``add(name, help)`` (which gives each its ``--db``)."""
    event = add("event", "create, update or list events").add_subparsers(dest="event_command", required=True)
    for name in ("create", "update"):
        command = _sub(event, name, f"{name} an event")
        command.add_argument("--id", required=name == "update", help="event id (new events: random if left out)")
        command.add_argument("--name", required=name == "create")
        command.add_argument("--currency", help="3-letter code (EUR)")
        command.add_argument("--start", help="ISO-8601 start with offset (2026-10-01T19:00:00Z)")
        command.add_argument("--end", help="ISO-8601 end with offset")
    _sub(event, "list", "list events")
    office = add("office", "create or list box offices").add_subparsers(dest="office_command", required=True)
    create = _sub(office, "create", "create a box office")
    create.add_argument("--id", required=True)
    create.add_argument("--name", required=True)
    _sub(office, "list", "list box offices")
    kind = add("ticket-type", "create ticket types; give an office general-admission places").add_subparsers(
        dest="ticket_type_command", required=True)
    tt = _sub(kind, "create", "create a ticket type (capacity and no --zone: general admission)")
    tt.add_argument("--event", required=True)
    tt.add_argument("--name", required=True)
    tt.add_argument("--price", required=True, help="in decimal units: 25.00")
    tt.add_argument("--currency")
    tt.add_argument("--capacity", type=int)
    tt.add_argument("--zone", help="sell this zone's seats (imported with 'seats import')")
    give = _sub(kind, "assign", "give an offline office a quantity of a general-admission type")
    give.add_argument("--event", required=True)
    give.add_argument("--office", required=True)
    give.add_argument("--ticket-type", required=True, type=int, metavar="ID")
    give.add_argument("--quantity", required=True, type=int)
    tt.add_argument("--tax-rate", help="VAT percentage it is sold at (10, 21.00); none: each box office's default")
    tt.add_argument("--sale-start")
    tt.add_argument("--sale-end")
    tt.add_argument("--perks", help="comma-separated")
    tt.add_argument("--allow-reentry", action="store_true")
    tt.add_argument("--reentry-limit", type=int, help="total scans allowed, the first included")
    tt.add_argument("--scan-points", help="comma-separated accepted scan points")
    tt.add_argument("--visibility", choices=("public", "private", "invite-only"))
    tt.add_argument("--transferable", action="store_true")
    tt.add_argument("--refund-policy")
    seats = add("seats", "import a venue's seats").add_subparsers(dest="seats_command", required=True)
    load = _sub(seats, "import", "import seats from CSV: zone, colour, row, seat, price level, x, y")
    load.add_argument("file", type=Path, metavar="FILE.csv")
    load.add_argument("--event", required=True)


def _print(rows: Any) -> int:
    print(dumps(rows).decode("utf-8"))
    return 0


def _event_data(args: argparse.Namespace) -> dict[str, Any]:
    given = {"id": args.id, "name": args.name, "currency": args.currency, "dateStart": args.start,
             "dateEnd": args.end}
    return {key: value for key, value in given.items() if value is not None}


def _ticket_type_data(args: argparse.Namespace) -> dict[str, Any] | None:
    try:
        price = Decimal(args.price)
    except InvalidOperation:
        print(f"--price must be a number like 25.00, not {args.price!r}", file=sys.stderr)
        return None
    given = {"event": args.event, "name": args.name, "price": price, "currency": args.currency,
             "capacity": args.capacity, "zone": args.zone, "saleStart": args.sale_start, "saleEnd": args.sale_end,
             "perks": _csv(args.perks), "allowReentry": args.allow_reentry, "reentryLimit": args.reentry_limit,
             "acceptedScanPoints": _csv(args.scan_points), "visibility": args.visibility,
             "transferable": args.transferable, "refundPolicy": args.refund_policy}
    if args.tax_rate is not None:
        try:
            given["taxRate"] = Decimal(args.tax_rate)
        except InvalidOperation:
            print(f"--tax-rate must be a percentage like 10 or 21.00, not {args.tax_rate!r}", file=sys.stderr)
            return None
    return {key: value for key, value in given.items() if value is not None}


def handlers(open_db: Opener) -> dict[str, Callable[[argparse.Namespace], int]]:
    """The commands' handlers; ``open_db(url)`` is the CLI's way to open (and create) the database."""

    def write(args: argparse.Namespace, work: Callable[..., Any], data: dict[str, Any] | None = None) -> Any:
        db = open_db(getattr(args, "db", None))
        try:
            return db.write(lambda session: work(session, Fields(data, "data")) if data is not None
                            else work(session))
        finally:
            db.dispose()

    def event(args: argparse.Namespace) -> int:
        if args.event_command == "list":
            return _print(write(args, list_events))
        work = create_event if args.event_command == "create" else update_event
        return _print(write(args, work, _event_data(args)))

    def office(args: argparse.Namespace) -> int:
        if args.office_command == "list":
            return _print(write(args, list_offices))
        return _print(write(args, create_office, {"id": args.id, "name": args.name}))

    def ticket_type(args: argparse.Namespace) -> int:
        if args.ticket_type_command == "assign":
            return _print(write(args, lambda session, fields: assign_quantity(session, fields, utcnow()), {
                "event_id": args.event, "office_id": args.office, "ticket_type_id": args.ticket_type,
                "quantity": args.quantity}))
        data = _ticket_type_data(args)
        return 2 if data is None else _print(write(args, create_ticket_type, data))

    def seats(args: argparse.Namespace) -> int:
        if not args.file.is_file():
            print(f"no such file: {args.file}", file=sys.stderr)
            return 2
        started = time.perf_counter()
        with args.file.open(encoding="utf-8-sig", newline="") as stream:
            result = write(args, lambda session: import_seats(session, args.event, stream))
        zones = ", ".join(f"{zone} {count}" for zone, count in result.zones.items())
        print(f"imported {result.seats} seats into event {args.event} in {time.perf_counter() - started:.1f} s "
              f"({zones})")
        return 0

    return {"event": event, "office": office, "ticket-type": ticket_type, "seats": seats}


