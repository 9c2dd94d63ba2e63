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


def _stored(code: str, *, conflict: str | None = None, inconsistencies: tuple[str, ...] = ()) -> SimpleNamespace:
    tickets = [SimpleNamespace(ticket_id=f"{code}-t", conflict=conflict, held_by="office_x" if conflict else None)]
    return SimpleNamespace(order_id=f"order-{code}", status="completed", replayed=False, tickets=tickets,
                           inconsistencies=list(inconsistencies), error=None)


def test_one_batch_of_mixed_answers_records_each_as_it_says(terminal: TestTerminal, store: Store,
                                                            clerk: Clerk) -> None:
    """Plain "stored" answers take the bulk path, the rest the row-by-row one: together, in one transaction,
    each sale and outbox row ends as its own answer says."""
    codes = [clerk.sell_zone("General", 1).purchase_code for _ in range(5)]
    batch = delivery.next_batch(store.read_session_factory, 10)
    assert [item["subject"] for item in batch] == codes
    answers = [_stored(codes[0]), _stored(codes[1], conflict="sold_elsewhere"), _refusal(),
               _stored(codes[3], inconsistencies=("price differs",)), _stored(codes[4])]

    recorded = delivery.record_sync_results(store.session_factory, batch, answers)

    assert (recorded.delivered, recorded.parked, recorded.conflicts) == (4, 1, [codes[1]])
    outbox = [outbox_row(store, code) for code in codes]
    sales = [sale_row(store, code) for code in codes]
    assert [row.state for row in outbox] == ["delivered", "delivered", "parked", "delivered", "delivered"]
    assert [sale.delivery_state for sale in sales] == ["delivered", "conflict", "parked", "delivered", "delivered"]
    assert [row.delivered_at is not None for row in outbox] == [True, True, False, True, True]
    assert outbox[0].response["order_id"] == f"order-{codes[0]}"
    assert outbox[4].response["tickets"] == [{"ticket_id": f"{codes[4]}-t", "conflict": None}]
    assert outbox[2].last_error == "central: Tickets no disponibles"
    assert [sale.conflict_json is not None for sale in sales] == [False, True, False, True, False]
    assert sales[3].conflict_json["inconsistencies"] == ["price differs"]
