"""A window selling as fast as it can, as a separate process: the tests of the office hub (issue #18) run three.

``python -m tests.helpers.window_seller --zone Z --sales N --out FILE [--refresh] [--stop-on-refusals K]``
with ``BOXOFFICE_DATA_DIR`` (and the keyring variables) of a window paired with a hub. It sells through the
same path as the window's sale button: ``facades.SalesFacade.sell`` with the ``HubSeats`` the app builds for a
window behind a hub (hold first; the lease while the hub cannot be reached), one best-available seat of ``Z``
per sale, cash. Each outcome is a JSON line in ``FILE``: ``{"code", "tickets", "cut_off"}`` for a sale,
``{"refused": code}`` for a refusal. It stops after N sales, or after K refusals in a row (the lease is spent).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from boxoffice import hub_seats
from boxoffice.app import load_context, make_client, open_local_store, terminal_of
from boxoffice.core.errors import SaleRejected
from boxoffice.core.payments import PaymentRequest
from boxoffice.facades.sales import SalesFacade
from boxoffice.hub_seats import HubSeats
from boxoffice.services.catalog import lines_for, list_events
from boxoffice.services.clerks import create_first_supervisor
from boxoffice.services.sales import SaleRequest
from boxoffice.services.shifts import open_shift
from boxoffice.store.engine import Store
from boxoffice.sync.errors import CentralError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--zone", required=True)
    parser.add_argument("--sales", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--refresh", action="store_true", help="fetch the lease first (the hub must answer)")
    parser.add_argument("--stop-on-refusals", type=int, default=5)
    parser.add_argument("--hold-timeout", type=float, default=None,
                        help="seconds a hold may take before the window sells from its lease (default: the "
                             "product's); a phase that must go through the hub sets it high, so a slow "
                             "machine cannot turn it into a lease phase")
    args = parser.parse_args(argv)
    if args.hold_timeout is not None:
        hub_seats.HOLD_TIMEOUT = (hub_seats.HOLD_TIMEOUT[0], args.hold_timeout)
    context = load_context(argparse.Namespace(log_level="WARNING"), stderr_logging=False)
    assert context.config.central.hub, "this window is not paired with an office hub"
    store = open_local_store(context)
    seats = HubSeats(lambda timeout=None: make_client(context, timeout), store.session_factory,
                     store.read_session_factory)
    try:
        if args.refresh:
            seats.refresh()
        clerk = _clerk(store)
        facade = SalesFacade(store.session_factory, store.read_session_factory, terminal_of(context),
                             lambda: None, seats)
        event_id = list_events(store.read_session_factory)[0].id
        sold = refusals = 0
        with args.out.open("a", encoding="utf-8") as out:
            while sold < args.sales and refusals < args.stop_on_refusals:
                try:
                    lines = lines_for(store.read_session_factory, event_id, zone=args.zone, quantity=1)
                    result = facade.sell(SaleRequest(event_id, lines, (PaymentRequest("cash", tendered_cents=10**7),),
                                                     clerk_id=clerk)).value
                except SaleRejected as exc:
                    refusals += 1
                    out.write(json.dumps({"refused": exc.code}) + "\n")
                    continue
                refusals = 0
                sold += 1
                out.write(json.dumps({"code": result.purchase_code, "tickets": [t.ticket_id for t in result.tickets],
                                      "cut_off": seats.cut_off}) + "\n")
                out.flush()
    except CentralError as exc:
        print(f"window_seller: {exc}", file=sys.stderr)
        return 3
    finally:
        seats.close()
        store.close()
    return 0


def _clerk(store: Store) -> int:
    """The first supervisor with an open shift (made on the first run of this data dir)."""
    from sqlalchemy import select

    from boxoffice.store.models import Clerk

    with store.read_session_factory() as session:
        existing = session.scalar(select(Clerk.id).order_by(Clerk.id).limit(1))
    if existing is not None:
        return existing
    supervisor = create_first_supervisor(store.session_factory, "Seller", "2468")
    open_shift(store.session_factory, supervisor.id, 0, actor=supervisor.name)
    return supervisor.id


if __name__ == "__main__":
    sys.exit(main())
