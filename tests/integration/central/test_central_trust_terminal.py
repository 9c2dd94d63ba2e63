"""The terminal's own delivery worker against the reference central (SQLite and PostgreSQL): an entry the central
refuses for reusing a key (issue #12 point 3) is parked with the central's message, never dropped, and the rest
of the batch is delivered."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import update

from boxoffice.store.models import Outbox
from tests.helpers.central_server import CentralServer
from tests.helpers.terminal import make_terminal
from tests.integration.sync.sync_helpers import NORTE, Clerk, make_worker, outbox_row, sale_row


def test_a_reused_key_is_parked_with_the_centrals_message_and_the_batch_goes_on(any_central: CentralServer,
                                                                                tmp_path: Path) -> None:
    central = any_central
    terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                             event_id=central.event_id)
    store = terminal.open_store()
    try:
        clerk = Clerk(store, terminal, central.event_id)
        first = clerk.sell_seats([central.seat_ids["GEN200"]])
        worker = make_worker(store, terminal, central.url)
        assert worker.drain().delivered == 1
        reused, fine = clerk.sell_seats([central.seat_ids["GEN201"]]), clerk.sell_seats([central.seat_ids["GEN202"]])
        key = outbox_row(store, first.purchase_code).idempotency_key
        with store.session_factory.begin() as session:  # e.g. a terminal restored from a copy reusing its keys
            session.execute(update(Outbox).where(Outbox.subject == first.purchase_code)
                            .values(idempotency_key="forgotten-" + key))
            session.execute(update(Outbox).where(Outbox.subject == reused.purchase_code)
                            .values(idempotency_key=key))
        result = worker.drain()
        assert (result.delivered, result.parked) == (1, 1)
        parked = outbox_row(store, reused.purchase_code)
        assert parked.state == "parked" and "idempotency_key_reused" in (parked.last_error or "")
        assert repr(key) in (parked.last_error or "")
        assert outbox_row(store, fine.purchase_code).state == "delivered"
        assert sale_row(store, first.purchase_code).delivery_state == "delivered"
    finally:
        store.close()
