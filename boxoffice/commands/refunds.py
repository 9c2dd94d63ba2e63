"""``boxoffice refund``: give back one ticket, several, or every ticket of a sale, with the money (#16 point 6).

Authorised like ``void``: ``--supervisor NAME`` and their PIN (prompted, or ``--pin-stdin``). Cash comes out of
the open shift's drawer; ``--card REFERENCE`` refunds to the card whose slip reference is given. The refund is
queued for the central platform; its seats go back on sale when the platform confirms it.
"""

from __future__ import annotations

import argparse
import dataclasses

from boxoffice.commands._common import add_json, emit, open_all
from boxoffice.commands.supervisor_auth import add_supervisor_options, authorise
from boxoffice.core.money import cents_to_api
from boxoffice.core.permissions import Action


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    refund = sub.add_parser("refund", parents=[common], help="refund tickets of a sale (cash or card)")
    refund.add_argument("purchase_code")
    refund.add_argument("--ticket", action="append", dest="tickets", metavar="TICKET_ID",
                        help="a ticket to give back (repeat for several); without it, every ticket not refunded")
    refund.add_argument("--card", metavar="REFERENCE", help="refund to the card of this slip reference, not cash")
    refund.add_argument("--reason", required=True)
    add_supervisor_options(refund)
    add_json(refund)
    refund.set_defaults(func=run_refund)


def run_refund(args: argparse.Namespace) -> int:
    from boxoffice.app import terminal_of
    from boxoffice.services.refunds import refund

    context, store = open_all(args)
    try:
        supervisor = authorise(args, store.session_factory, Action.refund)
        result = refund(store.session_factory, terminal_of(context), args.purchase_code, args.tickets,
                        method="card" if args.card else "cash", card_reference=args.card, reason=args.reason,
                        actor=supervisor.name)
    finally:
        store.close()
    how = "in cash" if result.method == "cash" else f"to card {args.card}"
    emit(args, dataclasses.asdict(result),
         f"refunded {len(result.ticket_ids)} ticket(s) of {result.purchase_code}: {cents_to_api(result.amount_cents)} "
         f"{how}; queued for the central platform (seats back on sale once it confirms)")
    return 0
