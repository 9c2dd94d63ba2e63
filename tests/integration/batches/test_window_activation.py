"""Issue #17 point 3 over real HTTP: a pre-generated ticket scanned at the window is sold offline. The
activation is queued with the sale's guarantees (one transaction, outbox), valid at this terminal at once, sent
alone to the spec's activate call when the platform is back, recorded once, and green at every door after."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.core.errors import InvalidSale
from boxoffice.door_sync import sync_door
from boxoffice.services import delivery
from boxoffice.services.activations import activate, find_pregenerated
from boxoffice.store.models import Outbox
from boxoffice.sync import batches_client
from boxoffice.sync.batches_client import BatchesClient
from boxoffice.sync.client import CentralClient
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.central_server import CentralServer
from tests.helpers.supervisors import add_supervisors
from tests.helpers.terminal import make_terminal
from tests.integration.batches.conftest import EVENT, make_ticket_type
from tests.integration.central_events.conftest import EventsApi

OFFICE = "office_taquilla_norte"
DEAD = "http://127.0.0.1:9"  # nothing listens there: the platform is down


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches_client, "POLL_S", 0.02)


def test_scan_activate_offline_then_deliver_once(api: EventsApi, central: CentralServer, tmp_path: Path) -> None:
    window = make_terminal(tmp_path / "window", central.url, OFFICE, central.office_tokens[OFFICE],
                           event_id=EVENT)
    store = window.open_store()
    client = window.client()
    try:
        add_supervisors(store.session_factory)
        batches = BatchesClient(client)
        item = make_ticket_type(api, "Reventa colegio", capacity=5)
        done = batches.wait(batches.create(EVENT, item, 2, comment="Colegio"))
        ticket_id = done.body["orders"][0]
        sync_door(client, store.session_factory, EVENT)  # the door list: the batch's tickets, not yet valid
        found = [t for t in _snapshot(store) if t.ticket_id == ticket_id]
        assert [t.status for t in found] == ["pregenerated"]
        barcode = found[0].barcode
        assert find_pregenerated(store.read_session_factory, barcode.lower()).ticket_id == ticket_id

        sold = activate(store.session_factory, window.terminal, barcode, 1200, method="cash", holder="Ana",
                        actor="Marta")  # the platform is down now: nothing is sent yet
        assert sold.ticket_id == ticket_id and find_pregenerated(store.read_session_factory, barcode) is None
        assert [t.status for t in _snapshot(store) if t.ticket_id == ticket_id] == ["valid"]
        with pytest.raises(InvalidSale) as again:
            activate(store.session_factory, window.terminal, barcode, 1200, method="cash", actor="Marta")
        assert again.value.code == "activation_done"
        down = DeliveryWorker(store.session_factory, lambda: CentralClient(DEAD, window.token, OFFICE,
                                                                           timeout=(0.3, 0.3)), book=delivery)
        assert down.run_once().failed and _outbox(store)[0].state == "pending"
        sync_door(client, store.session_factory, EVENT)  # a refresh still says pregenerated: not offered again
        assert find_pregenerated(store.read_session_factory, barcode) is None

        up = DeliveryWorker(store.session_factory, window.client, book=delivery)
        assert up.drain().delivered == 1
        [row] = _outbox(store)
        assert (row.state, row.response["status"], row.response["price_cents"]) == ("delivered", "valid", 1200)
        # a second delivery of the same activation (the answer lost) is answered with the same ticket
        assert batches.activate(ticket_id, 1200, "cash", None, holder_name="Ana")["status"] == "valid"
        sync_door(client, store.session_factory, EVENT)
        assert [t.status for t in _snapshot(store) if t.ticket_id == ticket_id] == ["valid"]
    finally:
        client.close()
        store.close()


def test_an_activation_needs_a_known_ticket_a_method_and_a_card_reference(api: EventsApi, central: CentralServer,
                                                                          tmp_path: Path) -> None:
    window = make_terminal(tmp_path / "w2", central.url, OFFICE, central.office_tokens[OFFICE], event_id=EVENT)
    store = window.open_store()
    try:
        add_supervisors(store.session_factory)
        for code, kwargs, expected in [
            ("NOPE-0000", {"method": "cash"}, "activation_unknown"),
            ("NOPE-0000", {"method": "cheque"}, "activation_method_unknown"),
            ("NOPE-0000", {"method": "card"}, "activation_reference_missing"),
        ]:
            with pytest.raises(InvalidSale) as refused:
                activate(store.session_factory, window.terminal, code, 1200, actor="Marta", **kwargs)
            assert refused.value.code == expected
        assert _outbox(store) == []
    finally:
        store.close()


def _snapshot(store):
    from sqlalchemy import select

    from boxoffice.store.models_door import DoorTicket

    with store.read_session_factory() as session:
        return list(session.scalars(select(DoorTicket)))


def _outbox(store) -> list[Outbox]:
    from sqlalchemy import select

    with store.read_session_factory() as session:
        rows = list(session.scalars(select(Outbox).where(Outbox.kind == "activate")))
        for row in rows:
            session.expunge(row)
        return rows
