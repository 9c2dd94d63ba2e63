"""Headless offline sales batches: ``boxoffice batch create|status|pdf|activate|list`` against the central.

A batch is a set of tickets the central pre-generates for sale outside the system (a dead terminal, a
reseller, a school): printed ahead, each valid only once activated when sold. ``create`` asks for one and, with
``--wait``, follows it to the end; ``status`` looks at a check or download URL once; ``pdf`` renders a batch
and saves the PDF; ``activate`` sells one of its tickets (online only: the window's offline, queued activation is
not built yet). The organizer slug is ``--organizer`` or ``BOXOFFICE_ORGANIZER`` (``demo`` by default).
Exit 0 on success, 1 when the central refused or the job failed (one line on stderr saying why).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from boxoffice.commands._common import add_json, emit

if TYPE_CHECKING:
    from boxoffice.sync.batches_client import JobState


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    batch = sub.add_parser("batch", parents=[common], help="offline sales batches: pre-generated tickets to print")
    batch_sub = batch.add_subparsers(dest="batch_command", required=True, metavar="{create,status,pdf,activate,list}")

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        parser = batch_sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        parser.add_argument("--organizer", help="the platform's organizer slug (default $BOXOFFICE_ORGANIZER "
                                                "or demo)")
        add_json(parser)
        return parser

    create = command("create", "ask the central for a batch of pre-generated tickets")
    create.add_argument("--event", required=True, help="event id")
    create.add_argument("--item", type=int, required=True, help="ticket type id")
    create.add_argument("--amount", type=int, required=True, help="number of tickets (1-10000)")
    create.add_argument("--comment", default="", help="internal comment")
    create.add_argument("--testmode", action="store_true", help="a test batch")
    create.add_argument("--wait", action="store_true", help="follow the job until the batch exists")
    create.set_defaults(func=run_create)
    status = command("status", "look once at a batch job's check or download URL")
    status.add_argument("url")
    status.set_defaults(func=run_status)
    pdf = command("pdf", "render a batch to one PDF and save it")
    pdf.add_argument("--event", required=True, help="event id")
    pdf.add_argument("--id", type=int, required=True, help="batch id")
    pdf.add_argument("--out", required=True, type=Path, help="where to save the PDF")
    pdf.set_defaults(func=run_pdf)
    activate = command("activate", "activate a pre-generated ticket now it is sold (needs the central online)")
    activate.add_argument("ticket", help="the ticket id (one of a batch's orders)")
    activate.add_argument("--amount", required=True, type=_cents, help="price paid, e.g. 12.50")
    activate.add_argument("--method", required=True, choices=("cash", "card", "transfer", "voucher", "other"))
    activate.add_argument("--ref", help="payment reference (card slip, transfer id)")
    activate.add_argument("--holder", help="holder name")
    activate.add_argument("--email", help="holder email")
    activate.set_defaults(func=run_activate)
    listing = command("list", "list an event's batches")
    listing.add_argument("--event", required=True, help="event id")
    listing.set_defaults(func=run_list)


def _client(args: argparse.Namespace):  # -> BatchesClient
    from boxoffice.app import load_context, make_client
    from boxoffice.sync.batches_client import BatchesClient

    context = load_context(args, stderr_logging=False)
    return BatchesClient(make_client(context), args.organizer)


def _progress(args: argparse.Namespace) -> Callable[[JobState], None]:
    def show(state: JobState) -> None:
        if not getattr(args, "json", False) and state.status in ("waiting", "running"):
            print(f"... {state.status}", file=sys.stderr)

    return show


def _failed(message: str) -> int:
    print(f"batch job failed: {message}", file=sys.stderr)
    return 1


def run_create(args: argparse.Namespace) -> int:
    from boxoffice.sync.batches_client import BatchJobFailed

    if not 1 <= args.amount <= 10_000:
        print("--amount must be from 1 to 10000", file=sys.stderr)
        return 2
    client = _client(args)
    try:
        check = client.create(args.event, args.item, args.amount, comment=args.comment, testmode=args.testmode)
        if not args.wait:
            emit(args, {"check": check}, f"batch requested; follow it with: boxoffice batch status {check}")
            return 0
        try:
            batch = client.wait(check, on_state=_progress(args)).body or {}
        except BatchJobFailed as exc:
            return _failed(exc.message)
    finally:
        client.central.close()
    emit(args, {"check": check, "batch": batch},
         f"batch {batch.get('id')} created: {batch.get('amount')} tickets of ticket type {batch.get('item')}")
    return 0


def _once(args: argparse.Namespace, call: Callable[[Any], Any]) -> Any:
    """One request through a client closed afterwards."""
    client = _client(args)
    try:
        return call(client)
    finally:
        client.central.close()


def run_status(args: argparse.Namespace) -> int:
    state = _once(args, lambda client: client.state(args.url))
    data = {"status": state.status, "message": state.message, "batch": state.body}
    text = state.status + (f": {state.message}" if state.message else "")
    if state.body is not None:
        text += f" (batch {state.body.get('id')}, {state.body.get('amount')} tickets)"
    emit(args, data, text)
    return 1 if state.status == "failed" else 0


def run_pdf(args: argparse.Namespace) -> int:
    from boxoffice.sync.batches_client import BatchJobFailed

    client = _client(args)
    try:
        download = client.render(args.event, args.id)
        try:
            client.wait(download, on_state=_progress(args))
        except BatchJobFailed as exc:
            return _failed(exc.message)
        size = client.download(download, args.out)
    finally:
        client.central.close()
    emit(args, {"path": str(args.out), "bytes": size, "download": download},
         f"saved batch {args.id} to {args.out} ({size} bytes)")
    return 0


def run_list(args: argparse.Namespace) -> int:
    rows = _once(args, lambda client: client.batches(args.event))
    lines = [f"{r['id']}: {r['amount']} x ticket type {r['item']}{' (test)' if r['testmode'] else ''}"
             f" {r['comment']}".rstrip() for r in rows]
    emit(args, {"batches": rows}, "\n".join(lines) or "no batches")
    return 0


def _cents(text: str) -> int:
    """An ``--amount`` like ``12.50`` in cents (argparse says what is wrong and exits 2)."""
    from boxoffice.core.errors import InvalidMoney
    from boxoffice.core.money import api_to_cents

    try:
        cents = api_to_cents(text)
    except InvalidMoney as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    if cents < 0:
        raise argparse.ArgumentTypeError("must not be negative")
    return cents


def run_activate(args: argparse.Namespace) -> int:
    ticket = _once(args, lambda client: client.activate(args.ticket, args.amount, args.method, args.ref,
                                                         holder_name=args.holder, holder_email=args.email))
    emit(args, {"ticket": ticket}, f"ticket {ticket['id']} activated: {ticket['status']} ({ticket['qrPayload']})")
    return 0
