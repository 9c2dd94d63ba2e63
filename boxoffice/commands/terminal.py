"""Headless terminal commands: pair, pull, sell, return, void, sync, status, journal verify.

They run the same services and sync code as the window, so kiosk scripts, support staff and the chaos tests
exercise the real thing.
"""

from __future__ import annotations

import argparse
import dataclasses
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from boxoffice import tracepoints
from boxoffice.commands._common import add_json, emit, open_all
from boxoffice.commands.supervisor_auth import add_supervisor_options, authorise
from boxoffice.core.errors import InvalidSale
from boxoffice.core.payments import PaymentRequest
from boxoffice.core.permissions import Action


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    pair = sub.add_parser("pair", parents=[common], help="connect this terminal to a central platform")
    pair.add_argument("--url", required=True, help="central platform address, e.g. https://central.example")
    pair.add_argument("--office", required=True, help="office id, e.g. office_taquilla_norte")
    pair.add_argument("--name", help="office name shown on tickets (default: the office id)")
    pair.add_argument("--token-stdin", action="store_true", required=True,
                      help="read the API token from standard input (never from the command line)")
    pair.add_argument("--ca-file", help="CA bundle for a platform with a private certificate")
    pair.add_argument("--terminal-id", help="this terminal's id (default: the host name)")
    pair.add_argument("--event", action="append", metavar="ID",
                      help="pull only this event (repeatable); needed when the platform cannot list the office's "
                           "events (it implements only the offline-office spec)")
    pair.add_argument("--no-pull", action="store_true", help="do not pull the inventory after pairing")
    add_json(pair)
    pair.set_defaults(func=run_pair)

    pull = sub.add_parser("pull", parents=[common], help="fetch this office's inventory and prices")
    pull.add_argument("--event", action="append", help="only this event (repeatable)")
    add_json(pull)
    pull.set_defaults(func=run_pull)

    sell = sub.add_parser("sell", parents=[common], help="sell seats or a zone quantity")
    sell.add_argument("--event", required=True)
    what = sell.add_mutually_exclusive_group(required=True)
    what.add_argument("--seat", nargs="+", metavar="TICKET_ID", help="ticket ids of the chosen seats")
    what.add_argument("--zone", help="zone to take seats from (with --qty)")
    sell.add_argument("--qty", type=int, default=0)
    sell.add_argument("--split", action="store_true",
                      help="with --zone: accept seats apart when no row has --qty seats together")
    sell.add_argument("--product", help="ticket type id (default: the zone's ticket type)")
    sell.add_argument("--discount", type=int, default=0, metavar="CENTS")
    sell.add_argument("--cash", type=int, metavar="CENTS", help="cash handed over, in cents")
    sell.add_argument("--card", type=int, metavar="CENTS", help="amount charged to a card, in cents")
    sell.add_argument("--ref", help="card slip reference (with --card)")
    sell.add_argument("--customer-name")
    sell.add_argument("--customer-id")
    add_supervisor_options(sell)  # approves a --discount above the clerk limit ([permissions] in the config)
    add_json(sell)
    sell.set_defaults(func=run_sell)

    ret = sub.add_parser("return", parents=[common], help="return unsold tickets to the central platform")
    ret.add_argument("--event", required=True)
    which = ret.add_mutually_exclusive_group(required=True)
    which.add_argument("--ticket", nargs="+", metavar="TICKET_ID")
    which.add_argument("--all-unsold", action="store_true")
    add_supervisor_options(ret)
    add_json(ret)
    ret.set_defaults(func=run_return)

    void = sub.add_parser("void", parents=[common], help="void a sale")
    void.add_argument("purchase_code")
    void.add_argument("--reason", required=True)
    add_supervisor_options(void)
    add_json(void)
    void.set_defaults(func=run_void)

    sync = sub.add_parser("sync", parents=[common], help="deliver queued sales and returns")
    sync.add_argument("--once", action="store_true", help="deliver what is queued, then exit")
    add_json(sync)
    sync.set_defaults(func=run_sync)

    status = sub.add_parser("status", parents=[common], help="sync queue and connection status")
    add_json(status)
    status.set_defaults(func=run_status)

    journal = sub.add_parser("journal", parents=[common], help="the hash-chained sales journal")
    journal_sub = journal.add_subparsers(dest="journal_command", required=True, metavar="{verify}")
    verify = journal_sub.add_parser("verify", help="check no entry was edited, deleted or reordered, and that "
                                                   "the journal still holds every head the platform anchored")
    verify.add_argument("--offline", action="store_true",
                        help="do not ask the platform; check against the head it last acknowledged")
    add_json(verify)
    verify.set_defaults(func=run_journal_verify)


def run_pair(args: argparse.Namespace) -> int:
    """Check the connection, keep the token in the keyring, save the config, then pull (unless --no-pull)."""
    from boxoffice import pairing
    from boxoffice.app import load_context

    token = sys.stdin.readline().strip()
    if not token:
        raise InvalidSale("no token on standard input; pipe the office's API token into this command")
    context = load_context(args, stderr_logging=False)
    result = pairing.pair(context, args.url, args.office, token, office_name=args.name, ca_file=args.ca_file,
                          terminal_id=args.terminal_id, event_ids=args.event or ())
    central = result.context.config.central
    events = result.office.events
    pulled, refused = [], []
    if not args.no_pull:
        pulled = _pull(result.context, result.office.event_ids, refused)
    for reason in refused:
        print(f"boxoffice: warning: {reason}", file=sys.stderr)
    emit(args, {"paired": True, "office_id": central.office_id, "url": central.url, "events": len(events),
                "pulled": [dataclasses.asdict(r) for r in pulled]},
         f"paired with {central.url} as {central.office_id}; {len(events)} event(s) assigned"
         + (f"; pulled {sum(r.available for r in pulled)} available tickets" if pulled else ""))
    return 0


def _pull(context: Any, event_ids: Sequence[str] | None, refused: list[str]) -> list[Any]:  # MergeReports
    """Pull with the platform asked first and the store opened while it answers: the store's modules and its
    migration check take about as long as a stadium's inventory (sync.pull.InventoryFetch)."""
    from boxoffice.app import make_client, open_local_store
    from boxoffice.sync.pull import InventoryFetch

    client = make_client(context)
    try:
        fetch = InventoryFetch(client, event_ids)
        from boxoffice.inventory_pull import pull  # the store's modules load while the platform answers

        store = open_local_store(context)
        try:
            return pull(client, store.session_factory, event_ids, refused=refused, fetch=fetch)
        finally:
            store.close()
    finally:
        client.close()


def run_pull(args: argparse.Namespace) -> int:
    from boxoffice.app import load_context

    context = load_context(args, stderr_logging=False)
    refused: list[str] = []
    reports = _pull(context, args.event, refused)
    for reason in refused:
        print(f"boxoffice: warning: {reason}", file=sys.stderr)
    emit(args, {"events": [dataclasses.asdict(r) for r in reports]},
         "\n".join(f"{r.event_id}: {r.available} available, {r.sold_here} sold here, {r.added} new, "
                   f"{r.withdrawn} withdrawn, {r.returned} returned" for r in reports) or "no events assigned")
    return 0


def run_sell(args: argparse.Namespace) -> int:
    from boxoffice.app import terminal_of
    from boxoffice.services.catalog import lines_for
    from boxoffice.services.sales import SaleRequest, sell

    if args.zone and args.qty <= 0:
        raise InvalidSale("--zone needs --qty N (N at least 1)")
    payments = []
    if args.card is not None:
        payments.append(PaymentRequest("card", amount_cents=args.card, reference=args.ref))
    if args.cash is not None:
        payments.append(PaymentRequest("cash", tendered_cents=args.cash))
    context, store = open_all(args)
    try:
        lines = lines_for(store.session_factory, args.event, seats=args.seat or (), zone=args.zone,
                          quantity=args.qty, product_id=args.product)
        approver = None
        if args.discount:
            lines = (dataclasses.replace(lines[0], discount_cents=args.discount), *lines[1:])
            if args.supervisor:
                approver = authorise(args, store.session_factory, Action.discount_over_limit).id
        request = SaleRequest(event_id=args.event, lines=lines, payments=tuple(payments),
                              customer_id=args.customer_id, customer_name=args.customer_name,
                              allow_split=args.split, discount_approved_by=approver)
        if context.config.central.hub:  # behind an office hub: its hold first, or the lease (issue #18)
            from boxoffice.app import make_client
            from boxoffice.hub_seats import HubSeats

            seats = HubSeats(lambda timeout=None: make_client(context, timeout), store.session_factory,
                             store.read_session_factory)
            try:
                result = seats.sell(lambda gate: sell(store.session_factory, terminal_of(context), request, gate=gate),
                                    may_pick_again=not args.seat)
            finally:
                seats.close()
        else:
            result = sell(store.session_factory, terminal_of(context), request)
    finally:
        store.close()
    data = {"purchase_code": result.purchase_code, "total_cents": result.total_cents,
            "change_cents": result.change_cents, "invoice_number": result.invoice_number,
            "tickets": [{"ticket_id": t.ticket_id, "barcode": t.barcode, "seat_id": t.seat_id, "zone": t.zone,
                         "product": t.description, "price_cents": t.price_cents} for t in result.tickets]}
    emit(args, data, f"sold {result.purchase_code}: {len(result.tickets)} ticket(s), total "
         f"{result.total_cents} cents, change {result.change_cents} cents")
    return 0


def run_return(args: argparse.Namespace) -> int:
    from boxoffice.app import terminal_of
    from boxoffice.services.returns import return_tickets

    context, store = open_all(args)
    try:
        supervisor = authorise(args, store.session_factory, Action.return_tickets)
        result = return_tickets(store.session_factory, terminal_of(context), args.event, args.ticket,
                                all_unsold=args.all_unsold, actor=supervisor.name)
    finally:
        store.close()
    emit(args, {"event_id": result.event_id, "returning": list(result.ticket_ids)},
         f"{len(result.ticket_ids)} ticket(s) of {result.event_id} queued for return")
    return 0


def run_void(args: argparse.Namespace) -> int:
    from boxoffice.app import terminal_of
    from boxoffice.services.returns import void_sale

    context, store = open_all(args)
    try:
        supervisor = authorise(args, store.session_factory, Action.void)
        result = void_sale(store.session_factory, terminal_of(context), args.purchase_code, args.reason,
                           actor=supervisor.name)
    finally:
        store.close()
    emit(args, dataclasses.asdict(result),
         f"voided {result.purchase_code}: " + ("cancellation queued for the central platform" if result.delivered
                                               else "it had not been sent; seats are on sale again"))
    return 0


def run_sync(args: argparse.Namespace) -> int:
    from boxoffice.app import make_client, make_worker

    tracepoints.reach("sync.started")
    context, store = open_all(args)
    worker = make_worker(context, store)
    try:
        make_client(context).close()  # not paired / no token: say so now, not inside the thread
        if args.once:
            result = worker.drain()
            status = worker.status()
            emit(args, {"delivered": result.delivered, "parked": result.parked, "conflicts": result.conflicts,
                        "error": result.error, **status.as_dict()},
                 f"delivered {result.delivered}, parked {result.parked}, pending {status.pending}"
                 + (f"; stopped: {result.error}" if result.error else ""))
            return 1 if result.failed else 0
        stop = threading.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
        worker.start()
        print("delivering; Ctrl-C to stop", file=sys.stderr)
        while not stop.wait(1.0):
            pass
        worker.stop()
        return 0
    finally:
        store.close()


def run_status(args: argparse.Namespace) -> int:
    from boxoffice.services.sync_status import read_status

    context, store = open_all(args)
    try:
        status = read_status(store.read_session_factory, context.config.sync.horizon_hours)
    finally:
        store.close()
    data = status.as_dict()
    data["paired"] = context.config.paired
    emit(args, data, "\n".join(f"{k}: {v}" for k, v in data.items()))
    return 0


def run_journal_verify(args: argparse.Namespace) -> int:
    """The local chain, checked against every head the platform anchored (offline: the last acknowledged one)."""
    from boxoffice.services.journal import ACKNOWLEDGED_ANCHOR, PLATFORM_ANCHOR, SIGNER, Anchor, verify
    from boxoffice.store.journal_head import acknowledged

    context, store = open_all(args)
    try:
        platform, unasked = (None, "--offline") if args.offline else _platform_anchors(context)
        with store.read_session_factory() as session:
            ack = acknowledged(session)
            anchors = [Anchor(head, PLATFORM_ANCHOR) for head in (platform.anchors if platform else ())]
            if ack is not None:
                anchors.append(Anchor(ack, ACKNOWLEDGED_ANCHOR))
            result = verify(session, anchors)
            signer = session.info.get(SIGNER)
    finally:
        store.close()
    not_asked = "the platform was not asked (--offline)" if args.offline else \
        f"the platform could not be asked ({unasked})"
    data = {**dataclasses.asdict(result), "platform_asked": platform is not None, "platform_error": unasked,
            "platform_anchor": dataclasses.asdict(platform.last) if platform and platform.last else None,
            "acknowledged": dataclasses.asdict(ack) if ack else None,
            "platform_evidence": platform.evidence_count if platform else None,
            "signed_from": signer.from_seq if signer is not None else None}
    if result.ok:
        signed = f"signed from entry {signer.from_seq}" if signer is not None else "not signed (no journal key)"
        data["summary"] = (f"journal ok: {result.entries} entries, {signed}; "
                           f"{_checked_against(platform, ack, not_asked)}")
        emit(args, data, data["summary"])
        return 0
    problem = str(result.problem)
    if platform is None:
        problem += f"; {not_asked}"
    data["summary"] = f"journal BROKEN: {problem}"
    emit(args, data, data["summary"])
    if not getattr(args, "json", False):
        print(problem, file=sys.stderr)
    return 1


def _checked_against(platform, ack, not_asked: str) -> str:  # (PlatformAnchors | None, JournalHead | None)
    """What an ok journal was checked against, and any tampering evidence the platform holds."""
    from boxoffice.services.journal import ACKNOWLEDGED_ANCHOR

    if platform is None:
        return f"{not_asked}; " + (f"checked against {ACKNOWLEDGED_ANCHOR} (entry {ack.seq})" if ack else
                                   "no acknowledged head to check against: only the chain itself was checked")
    text = (f"matches the {len(platform.anchors)} head(s) the platform anchored (last: entry {platform.last.seq})"
            if platform.last else "the platform holds no head of this terminal yet")
    if platform.evidence_count:
        latest = platform.evidence[0] if platform.evidence else None
        text += (f"; WARNING: the platform holds {platform.evidence_count} head(s) from this terminal that no "
                 "untouched journal sends" + (f" (latest: {latest.verdict} head, entry {latest.seq}, received "
                                              f"{latest.received_at})" if latest else ""))
    return text


def _platform_anchors(context):  # -> (boxoffice.sync.journal_anchor.PlatformAnchors | None, why not asked)
    """Ask the platform for this terminal's anchored heads; (None, reason) when it cannot be asked."""
    from boxoffice.app import make_client
    from boxoffice.core.errors import BoxOfficeError
    from boxoffice.sync.journal_anchor import fetch

    if not context.config.paired:
        return None, "this terminal is not paired"
    try:
        client = make_client(context)
    except BoxOfficeError as exc:
        return None, str(exc)
    try:
        return fetch(client, context.config.terminal.id), None
    except BoxOfficeError as exc:  # unreachable, refused, not our extension (404), garbled: offline check
        return None, str(exc)
    finally:
        client.close()
