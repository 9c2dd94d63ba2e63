"""``boxoffice-central``: serve the platform, seed demo data, mint tokens, assign tickets.

Every subcommand takes ``--db URL`` (default: ``$BOXOFFICE_CENTRAL_DB``, else a SQLite file in the per-user
data dir). Exit status: 0 done, 1 refused (with the reason on stderr), 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.central import event_cli, scale_out
from boxoffice.central.auth import Principal, create_token
from boxoffice.central.db import Database, SchemaVersionError, default_db_url
from boxoffice.central.envelope import ApiError
from boxoffice.central.models import Ticket, TicketBlocked, TicketOffline, utcnow
from boxoffice.central.offline_office import TicketsRequest, assign
from boxoffice.central.seed import VENUE_OFFICE_ID, VENUE_OFFICE_NAME, seed_demo, seed_venue
from boxoffice.core.collector import space_young_collections

ENV_DB = scale_out.ENV_DB


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boxoffice-central", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        command = sub.add_parser(name, help=help_text, description=help_text)
        command.add_argument("--db", default=None,
                             help=f"database URL (sqlite:///file or postgresql+psycopg://...); default ${ENV_DB} "
                                  "or a SQLite file in the user data dir")
        return command

    serve = add("serve", "run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8700)
    serve.add_argument("--log-level", default="info")
    serve.add_argument("--workers", type=int, default=1, metavar="N",
                       help="uvicorn worker processes (PostgreSQL only above 1; default 1)")

    seed = add("seed-demo", "create the demo event, offices and assignments; print fresh tokens")
    seed.add_argument("--json", action="store_true", help="print one JSON object instead of text")

    venue = add("seed-venue", "create an event of N seats in four zones, all assigned to one office (venue-scale "
                              "benchmarks); print the event id and a fresh office token")
    venue.add_argument("--seats", type=int, required=True, metavar="N")
    venue.add_argument("--office", default=VENUE_OFFICE_ID, help=f"office that holds the seats ({VENUE_OFFICE_ID})")
    venue.add_argument("--office-name", default=VENUE_OFFICE_NAME)
    venue.add_argument("--json", action="store_true", help="print one JSON object instead of text")

    token = add("token", "manage API tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True)
    create = token_sub.add_parser("create", help="create a token and print only the token")
    create.add_argument("--db", default=argparse.SUPPRESS, help="database URL")
    create.add_argument("--office", help="office the token acts for")
    create.add_argument("--admin", action="store_true", help="a platform (admin) token: may call everything")

    assign_cmd = add("assign", "assign tickets of an event to an offline office (all or nothing)")
    assign_cmd.add_argument("--office", required=True)
    assign_cmd.add_argument("--event", required=True)
    assign_cmd.add_argument("--zone", help="pick free tickets of this zone (with --count)")
    assign_cmd.add_argument("--count", type=int, help="how many tickets to pick from --zone")
    assign_cmd.add_argument("--tickets", nargs="+", metavar="ID", help="exact ticket ids")
    assign_cmd.add_argument("--tickets-from", metavar="FILE",
                            help="exact ticket ids, one a line, from FILE ('-': standard input); for more ids "
                                 "than a command line holds")
    event_cli.add_commands(add)  # issue #16: event, office, ticket-type, seats
    return parser


def _open(url: str | None) -> Database:
    db = Database(url or os.environ.get(ENV_DB) or default_db_url())
    db.create_schema()
    return db


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from boxoffice.central.app import create_app

    url = args.db or os.environ.get(ENV_DB) or default_db_url()
    if args.workers < 1:
        print("--workers must be 1 or more", file=sys.stderr)
        return 2
    if args.workers == 1:
        app = create_app(url)
        scale_out.settle_heap()
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
        return 0
    refusal = scale_out.refusal(url, args.workers)
    if refusal:
        print(refusal, file=sys.stderr)
        return 2
    _open(url).dispose()  # the schema is made once here, not raced by N workers' create_all
    os.environ[ENV_DB] = url  # each worker process builds its own app (and pool) from it: nothing shared
    uvicorn.run(scale_out.FACTORY, factory=True, workers=args.workers, host=args.host, port=args.port,
                log_level=args.log_level)
    return 0


def _seed(args: argparse.Namespace) -> int:
    db = _open(args.db)
    try:
        seed = seed_demo(db)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(seed.as_json(), ensure_ascii=False))
        return 0
    info = seed.as_json()
    state = "created" if seed.created else "already present; new tokens minted"
    print(f"Event {info['event_id']} ({info['event_name']}): {state}")
    print(f"admin token: {seed.admin_token}")
    for office_id, office in info["offices"].items():
        print(f"{office_id} ({office['name']}): token {office['token']}")
    return 0


def _seed_venue(args: argparse.Namespace) -> int:
    if args.seats < 1:
        print("--seats must be at least 1", file=sys.stderr)
        return 2
    db = _open(args.db)
    try:
        seed = seed_venue(db, args.seats, office_id=args.office, office_name=args.office_name)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(seed.as_json(), ensure_ascii=False))
        return 0
    state = "created" if seed.created else "already present; new token minted"
    print(f"Event {seed.event_id} ({seed.event_name}, {seed.seats} seats): {state}")
    print(f"{seed.office_id}: token {seed.office_token}")
    return 0


def _token(args: argparse.Namespace) -> int:
    if not args.office and not args.admin:
        print("token create needs --office ID (or --admin for a platform token)", file=sys.stderr)
        return 2
    db = _open(getattr(args, "db", None))
    try:
        token = db.write(lambda session: create_token(session, args.office, admin=args.admin, label="cli"))
    finally:
        db.dispose()
    print(token)
    return 0


def _pick_free(session: Session, event_id: str, zone: str, count: int) -> list[str]:
    """The first ``count`` free tickets of a zone in seat order (not sold, not offline, not locked)."""
    now = utcnow()
    active_lock = select(TicketBlocked.ticket_id).where(TicketBlocked.locked_up > now)
    return list(session.scalars(
        select(Ticket.id).where(Ticket.event_id == event_id, Ticket.zone == zone, Ticket.status.is_(True),
                                Ticket.id.not_in(select(TicketOffline.ticket_id)), Ticket.id.not_in(active_lock))
        .order_by(Ticket.position, Ticket.id).limit(count)))


def _read_ids(source: str) -> list[str]:
    text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _assign(args: argparse.Namespace) -> int:
    if args.tickets_from is not None:
        if args.tickets:
            print("assign takes --tickets or --tickets-from, not both", file=sys.stderr)
            return 2
        try:
            args.tickets = _read_ids(args.tickets_from)
        except OSError as exc:
            print(f"cannot read ticket ids from {args.tickets_from}: {exc.strerror or exc}", file=sys.stderr)
            return 2
        if not args.tickets:
            print(f"{args.tickets_from} names no ticket ids", file=sys.stderr)
            return 2
    by_zone = args.zone is not None or args.count is not None
    if by_zone == bool(args.tickets) or (by_zone and (args.zone is None or args.count is None)):
        print("assign needs either --zone Z --count N or --tickets ID...", file=sys.stderr)
        return 2
    if by_zone and args.count < 1:
        print("--count must be at least 1", file=sys.stderr)
        return 2
    db = _open(args.db)

    def work(session: Session) -> tuple[list[str], dict[str, object]]:
        ids = _pick_free(session, args.event, args.zone, args.count) if by_zone else list(dict.fromkeys(
            args.tickets))
        if by_zone and len(ids) < args.count:
            raise ApiError(f"only {len(ids)} free tickets left in zone {args.zone!r} of event {args.event!r}; "
                           f"asked for {args.count}")
        result = assign(session, TicketsRequest(ids, args.office, args.event), Principal(0, None, True), now=utcnow())
        return ids, {"status": result.status, **result.data}

    try:
        ids, outcome = db.write(work)
    finally:
        db.dispose()
    if outcome["status"] != 200:
        print(f"Tickets no disponibles: {' '.join(outcome['nodisponible'])}", file=sys.stderr)  # type: ignore[arg-type]
        return 1
    print(f"assigned {len(ids)} tickets of event {args.event} to {args.office}")
    sys.stdout.write("".join(f"{ticket_id}\n" for ticket_id in ids))  # one write: 100,000 lines
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # this process is the command: fewer collections in what it imports lazily and loads in bulk
        space_young_collections()
    args = _parser().parse_args(argv)
    handlers = {"serve": _serve, "seed-demo": _seed, "seed-venue": _seed_venue, "token": _token, "assign": _assign}
    handlers.update(event_cli.handlers(_open))
    try:
        return handlers[args.command](args)
    except SchemaVersionError as exc:
        print(f"boxoffice-central: {exc}", file=sys.stderr)
        return 1
    except ApiError as exc:
        print(f"boxoffice-central: {exc.message}", file=sys.stderr)
        return 1
