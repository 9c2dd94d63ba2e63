"""Two deliveries of one store at once (the window's worker and ``boxoffice sync --once``): the answer that
arrives second changes nothing, whatever it says (services/delivery.py, #15 point 4)."""

from __future__ import annotations

from types import SimpleNamespace

from boxoffice.services import delivery
from boxoffice.store.engine import Store
from tests.helpers.central_server import CentralServer
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import Clerk, make_worker, outbox_row, sale_row


def _refusal() -> SimpleNamespace:
    return SimpleNamespace(order_id=None, status=None, replayed=False, tickets=[], inconsistencies=[],
                           error="Tickets no disponibles")


def test_a_second_answer_for_a_delivered_batch_changes_nothing(central: CentralServer, terminal: TestTerminal,
                                                               store: Store, clerk: Clerk) -> None:
    code = clerk.sell_zone("General", 1).purchase_code
    worker = make_worker(store, terminal, central.url)
    batch = delivery.next_batch(store.read_session_factory, 10)  # what a second process read meanwhile
    assert [item["subject"] for item in batch] == [code]
    assert worker.drain().delivered == 1
    first = outbox_row(store, code)

    late = delivery.record_sync_results(store.session_factory, batch, [_refusal()])
    delivery.park(store.session_factory, batch[0], "late refusal")

    assert (late.delivered, late.parked) == (0, 0)
    again = outbox_row(store, code)
    assert (again.state, again.response, again.attempts) == ("delivered", first.response, first.attempts)
    assert sale_row(store, code).delivery_state == "delivered"
