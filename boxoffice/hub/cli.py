"""``boxoffice hub ...``: pair the office hub with its central, serve it, mint window tokens, size and recall
leases, pull, and show its status.

Every hub command takes ``--data-dir`` (else ``BOXOFFICE_HUB_DATA_DIR``, else the per-user ``boxoffice-hub``
folder: :mod:`boxoffice.hub.config`), given after the command (``boxoffice hub status --data-dir D``). Bad input
(a config value, a name, a missing token, a refused pairing) is one line on stderr and exit status 2; a central
that cannot be reached when a command needs it, 1. Heavy imports wait until a command runs, so ``boxoffice``
itself starts as fast as before.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from datetime import datetime
from typing import Any

log = logging.getLogger(__name__)

BAD_INPUT = 2
UNREACHABLE = 1


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """The ``hub`` command group of the main ``boxoffice`` parser (``common`` is the terminal's options: unused,
    the hub has a data dir of its own)."""
    hub = sub.add_parser("hub", help="the office hub: one machine serving the office's windows")
    hub_sub = hub.add_subparsers(dest="hub_command", required=True, metavar="COMMAND")

    def add(name: str, help_text: str, func: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
        command = hub_sub.add_parser(name, help=help_text, description=help_text)
        _data_dir(command)
        command.set_defaults(func=_guarded(func))
        return command

    pair = add("pair", "pair the hub with the office's central platform (validates the token, pulls once)", run_pair)
    pair.add_argument("--url", required=True, help="central platform address, e.g. https://central.example")
    pair.add_argument("--office", required=True, help="the office id the hub (and its windows) act for")
    pair.add_argument("--token-stdin", action="store_true", required=True,
                      help="read the office's API token from standard input (never from the command line)")
    pair.add_argument("--name", help="office name (default: the office id)")
    pair.add_argument("--db", help="hub database URL (default: sqlite file hub.sqlite3 in the data dir)")
    pair.add_argument("--event", action="append", metavar="ID",
                      help="pull only this event (repeatable; needed when the central cannot list the office's "
                           "events)")
    _json(pair)

    serve = add("serve", "serve the office's windows, deliver their sales to the central, pull its inventory",
                run_serve)
    serve.add_argument("--host", help="address to listen on (default: hub.host, 0.0.0.0)")
    serve.add_argument("--port", type=int, help="port to listen on (default: hub.port, 8765)")

    status = add("status", "windows, upstream queue and active holds", run_status)
    _json(status)

    pull = add("pull", "pull the office's inventory from the central now", run_pull)
    _json(pull)

    token = hub_sub.add_parser("token", help="window tokens")
    token_sub = token.add_subparsers(dest="token_command", required=True, metavar="COMMAND")
    create = token_sub.add_parser("create", help="mint a window's token (printed alone on stdout)")
    _data_dir(create)
    create.add_argument("--window", required=True, metavar="NAME", help="the window's name, e.g. taquilla-1")
    create.set_defaults(func=_guarded(run_token_create))

    window = hub_sub.add_parser("window", help="the office's windows")
    window_sub = window.add_subparsers(dest="window_command", required=True, metavar="COMMAND")
    retire = window_sub.add_parser("retire", help="take a window out of service: its holds end, its lease is "
                                                  "recalled, it gets no new seats (it may still deliver its sales)")
    _data_dir(retire)
    retire.add_argument("--window", required=True, metavar="NAME")
    retire.add_argument("--force", action="store_true",
                        help="free its unsold lease seats now (the window is gone for good)")
    retire.set_defaults(func=_guarded(run_window_retire))

    lease = hub_sub.add_parser("lease", help="per-window seat leases")
    lease_sub = lease.add_subparsers(dest="lease_command", required=True, metavar="COMMAND")
    size = lease_sub.add_parser("set", help="how many seats of a zone each window leases")
    _data_dir(size)
    size.add_argument("--size", type=int, required=True, metavar="N")
    size.add_argument("--low-water", type=int, required=True, metavar="M",
                      help="top a window's lease back up to --size when it falls below this")
    size.add_argument("--event", default="*", help="only this event (default: every event)")
    size.add_argument("--zone", default="*", help="only this zone (default: every zone)")
    size.set_defaults(func=_guarded(run_lease_set))
    recall = lease_sub.add_parser("recall", help="ask a window to give its leased seats back")
    _data_dir(recall)
    recall.add_argument("--window", required=True, metavar="NAME")
    recall.add_argument("--event", help="only this event's lease")
    recall.add_argument("--force", action="store_true",
                        help="free the seats now, without waiting for the window (a sale it still makes of one "
                             "offline is accepted and counted as a lease breach)")
    recall.set_defaults(func=_guarded(run_lease_recall))


def _data_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", dest="hub_data_dir", default=None,
                        help="the hub's data folder (env BOXOFFICE_HUB_DATA_DIR; default: the user data dir)")


def _json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def _guarded(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """Run a hub command: every refusal one line on stderr (2: bad input, 1: the central unreachable)."""

    def run(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import ArgumentError, OperationalError

        from boxoffice.core.errors import BoxOfficeError
        from boxoffice.sync.errors import CentralServerError, CentralUnreachable

        try:
            from boxoffice.central.db import SchemaVersionError
            from boxoffice.central.envelope import ApiError
        except ModuleNotFoundError as exc:
            return _not_in_build(exc)

        try:
            return func(args)
        except ModuleNotFoundError as exc:  # the kiosk build leaves the server stack out (packaging/boxoffice.spec)
            return _not_in_build(exc)
        except (CentralUnreachable, CentralServerError) as exc:
            return _fail(str(exc), UNREACHABLE)
        except BoxOfficeError as exc:
            return _fail(str(exc), BAD_INPUT)
        except ApiError as exc:
            return _fail(exc.message, BAD_INPUT)
        except (SchemaVersionError, ArgumentError) as exc:
            return _fail(str(exc), BAD_INPUT)
        except OperationalError as exc:
            return _fail(f"the hub database cannot be opened ({str(exc.orig).strip() or exc}); check hub.db_url",
                         BAD_INPUT)

    return run


def _not_in_build(exc: ModuleNotFoundError) -> int:
    return _fail(f"the office hub is not part of this build ({exc.name} is missing); run the hub from the full "
                 "package (pip install boxoffice) on the office machine", BAD_INPUT)


def _fail(message: str, code: int) -> int:
    print(f"boxoffice hub: {' '.join(message.split())}", file=sys.stderr)
    return code


def _emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    print(json.dumps(data, ensure_ascii=False, default=str) if getattr(args, "json", False) else text)


def _config(args: argparse.Namespace):  # -> HubConfig
    from boxoffice.hub.config import data_dir, load_hub_config

    return load_hub_config(data_dir(args.hub_data_dir))


def _paired(args: argparse.Namespace):  # -> HubConfig
    from boxoffice.core.errors import ConfigError

    config = _config(args)
    if not config.paired:
        raise ConfigError(f"the hub in {config.data_dir} is not paired; run `boxoffice hub pair --url URL "
                          "--office ID --token-stdin` first")
    return config


def _open_db(config: Any):  # -> Database
    from boxoffice.hub.db import hub_database

    return hub_database(config.db_url)


# -- pair, pull ------------------------------------------------------------------------------------------------


def run_pair(args: argparse.Namespace) -> int:
    """Check the token with the central, keep it, save ``hub.toml``, create the Office row and pull once."""
    from dataclasses import replace

    from boxoffice import pairing
    from boxoffice.core.errors import ConfigError
    from boxoffice.hub.config import HubSection, UpstreamConfig, save_hub_config, store_upstream_token, validate
    from boxoffice.hub.mirror import pull_upstream
    from boxoffice.sync.client import CentralClient

    token = sys.stdin.readline().strip()
    if not token:
        raise ConfigError("no token on standard input; pipe the office's API token into this command")
    current = _config(args)
    office = args.office.strip()
    config = replace(current, upstream=UpstreamConfig(url=pairing.normalise_url(args.url), office_id=office,
                                                      office_name=(args.name or "").strip() or office),
                     hub=HubSection(**{**vars(current.hub), "db_url": args.db or current.hub.db_url}))
    validate(config, "the pairing")
    info = pairing.check_connection(config.upstream.url, office, token, event_ids=args.event or ())
    db = _open_db(config)  # a bad --db is refused before anything is saved
    try:
        _same_office_or_empty(db, current.upstream.office_id, office)
        store_upstream_token(config, token)
        path = save_hub_config(config)
        client = CentralClient(config.upstream.url, token, office)
        try:
            summary = pull_upstream(db, client, office_name=config.upstream.office_name,
                                    event_ids=info.event_ids or None)
        finally:
            client.close()
    finally:
        db.dispose()
    for reason in summary.refused:
        print(f"boxoffice hub: warning: {reason}", file=sys.stderr)
    _emit(args, {"paired": True, "office_id": office, "url": config.upstream.url, "config": str(path),
                 **summary.as_dict()},
          f"hub paired with {config.upstream.url} as {office}; pulled {summary.tickets} ticket(s) of "
          f"{len(summary.events)} event(s)")
    return 0


def _same_office_or_empty(db: Any, paired: str, office: str) -> None:
    """A hub holding one office's seats or queued sales is never re-paired as another office's."""
    from sqlalchemy import select

    from boxoffice.central.models import TicketOffline
    from boxoffice.core.errors import ConfigError
    from boxoffice.hub.models import HubUpstream

    if not paired or paired == office:
        return
    with db.read() as session:
        held = session.scalar(select(TicketOffline.ticket_id).where(TicketOffline.office_id == paired).limit(1))
        queued = session.scalar(select(HubUpstream.id).where(HubUpstream.state != "delivered").limit(1))
    if held is not None or queued is not None:
        raise ConfigError(f"this hub is paired as office {paired!r} and holds its seats or undelivered sales; "
                          "pair the other office's hub in another folder (--data-dir)")


def run_pull(args: argparse.Namespace) -> int:
    from boxoffice.hub.mirror import pull_upstream
    from boxoffice.hub.service import upstream_client_factory

    config = _paired(args)
    client = upstream_client_factory(config)()
    db = _open_db(config)
    try:
        summary = pull_upstream(db, client, office_name=config.upstream.office_name or None)
    finally:
        client.close()
        db.dispose()
    for reason in summary.refused:
        print(f"boxoffice hub: warning: {reason}", file=sys.stderr)
    _emit(args, summary.as_dict(), "\n".join(
        f"{e.event_id}: {e.listed} listed, {e.added} new, {e.updated} changed, {e.removed} removed, "
        f"{e.sold_elsewhere} sold elsewhere" for e in summary.events) or "no events assigned to the office")
    return 0


# -- serve -----------------------------------------------------------------------------------------------------


def run_serve(args: argparse.Namespace) -> int:
    from boxoffice.core.errors import ConfigError
    from boxoffice.hub.service import serve

    config = _paired(args)
    if args.port is not None and not 1 <= args.port <= 65535:
        raise ConfigError(f"--port must be between 1 and 65535, got {args.port}")
    level = getattr(args, "log_level", None) or "INFO"
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    return serve(config, host=args.host, port=args.port, log_level=level)


# -- windows and leases ----------------------------------------------------------------------------------------


def run_token_create(args: argparse.Namespace) -> int:
    """The token alone on stdout (for a pipe into ``boxoffice pair --token-stdin``); the hint on stderr."""
    from boxoffice.hub.windows import create_window

    config = _paired(args)
    db = _open_db(config)
    try:
        token = db.write(lambda session: create_window(session, config.upstream.office_id, args.window))
    finally:
        db.dispose()
    print(token)
    print(f"pair the window with: boxoffice pair --url http://THIS-HUB:{config.hub.port} --office "
          f"{config.upstream.office_id} --token-stdin (and paste the token above)", file=sys.stderr)
    return 0


def run_lease_set(args: argparse.Namespace) -> int:
    from boxoffice.hub.leases import set_size

    config = _paired(args)
    db = _open_db(config)
    try:
        db.write(lambda session: set_size(session, args.event, args.zone, args.size, args.low_water))
    finally:
        db.dispose()
    print(f"lease of event {args.event}, zone {args.zone}: {args.size} seats per window, topped up below "
          f"{args.low_water}")
    return 0


def run_lease_recall(args: argparse.Namespace) -> int:
    from boxoffice.hub.leases import recall

    config = _paired(args)
    db = _open_db(config)
    try:
        count = db.write(lambda session: recall(session, args.window, args.event, args.force))
    finally:
        db.dispose()
    what = "freed now" if args.force else "recalled (given back the next time the window reaches the hub)"
    print(f"{count} leased seat(s) of window {args.window} {what}")
    return 0


def run_window_retire(args: argparse.Namespace) -> int:
    from boxoffice.hub.leases import recall
    from boxoffice.hub.windows import retire

    config = _paired(args)
    db = _open_db(config)

    def work(session: Any) -> int:
        retire(session, args.window)
        return recall(session, args.window, None, True) if args.force else 0

    try:
        freed = db.write(work)
    finally:
        db.dispose()
    print(f"window {args.window} retired; " + (f"{freed} unsold lease seat(s) freed now" if args.force else
                                                "its unsold lease seats come back the next time it reaches the hub"))
    return 0


# -- status ----------------------------------------------------------------------------------------------------


def run_status(args: argparse.Namespace) -> int:
    from boxoffice.hub.service import session_factories
    from boxoffice.hub.upstream import HubBook

    config = _paired(args)
    db = _open_db(config)
    try:
        _, read = session_factories(db)
        upstream = HubBook().read_status(read)
        with db.read() as session:
            windows, holds = _windows(session)
    finally:
        db.dispose()
    data = {"office_id": config.upstream.office_id, "upstream_url": config.upstream.url,
            "windows": windows, "active_holds": holds,
            "upstream": {"pending": upstream.pending, "parked": upstream.parked, "conflicts": upstream.conflicts,
                         "last_success": _iso(upstream.last_success), "last_error": upstream.last_error,
                         "oldest_pending_age_seconds": upstream.oldest_pending_age_seconds}}
    lines = [f"hub of {config.upstream.office_id} (upstream {config.upstream.url})",
             f"upstream: {upstream.pending} pending, {upstream.parked} parked, last success "
             f"{_iso(upstream.last_success) or 'never'}" + (f", last error: {upstream.last_error}"
                                                             if upstream.last_error else ""),
             f"active holds: {holds}", f"windows: {len(windows)}"]
    lines += [f"  {w['name']}{' (retired)' if w['retired'] else ''}: terminal {w['terminal_id'] or '-'}, last seen "
              f"{w['last_seen'] or 'never'}, leased {w['leased']} (+{w['recalled']} recalled), sold {w['sold']}, "
              f"holding {w['holds']}" for w in windows]
    _emit(args, data, "\n".join(lines))
    return 0


def _windows(session: Any) -> tuple[list[dict[str, Any]], int]:
    """Each window with its lease, its sales through the hub and its holds; and the active holds in all."""
    from sqlalchemy import func, select

    from boxoffice.central.models import Ticket, utcnow
    from boxoffice.hub.models import HubHold, HubLease, HubUpstream, HubWindow

    now = utcnow()
    leased: dict[tuple[int, bool], int] = {
        (window_id, bool(recalled)): count for window_id, recalled, count in session.execute(
            select(HubLease.window_id, HubLease.recalled, func.count()).join(Ticket, Ticket.id == HubLease.ticket_id)
            .where(Ticket.status.is_(True)).group_by(HubLease.window_id, HubLease.recalled))}
    holding = dict(session.execute(select(HubHold.window_id, func.count()).where(HubHold.expires_at > now)
                                   .group_by(HubHold.window_id)).all())
    sold: dict[int, int] = {}
    for window_id, payload in session.execute(select(HubUpstream.window_id, HubUpstream.payload)
                                              .where(HubUpstream.kind == "sale")):
        if isinstance(payload, dict) and payload.get("status") in ("completed", "cancelled"):
            sign = 1 if payload["status"] == "completed" else -1  # a void gives its seats back
            sold[window_id] = sold.get(window_id, 0) + sign * len(payload.get("tickets") or ())
    windows = [{"name": w.name, "terminal_id": w.terminal_id, "last_seen": _iso(w.last_seen), "retired": w.retired,
                "leased": leased.get((w.id, False), 0), "recalled": leased.get((w.id, True), 0),
                "sold": sold.get(w.id, 0), "holds": holding.get(w.id, 0)}
               for w in session.scalars(select(HubWindow).order_by(HubWindow.name))]
    return windows, sum(holding.values())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat().replace("+00:00", "Z") if value is not None else None
