"""Issue #16 point 2 over real HTTP: general admission at the window. The operator gives an offline office a
quantity of a general-admission type (not seat ids); the terminal pulls those places, sells them offline and
never more than it holds; the sync carries them with their barcodes; the unsold ones go back with a return, and
the central counts every place against the type's capacity."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from boxoffice.central.cli import main
from boxoffice.core.errors import SeatNotAvailable
from boxoffice.core.payments import PaymentRequest
from boxoffice.inventory_pull import pull
from boxoffice.services import delivery
from boxoffice.services.returns import return_tickets, select_unsold
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.supervisors import add_supervisors
from tests.helpers.terminal import make_terminal
from tests.integration.central.conftest import NORTE, SUR
from tests.integration.central_events.conftest import EventsApi, refused
from tests.integration.sync.sync_helpers import outbox_row

PRICE = Decimal("18.50")


def _ga_type(api: EventsApi, name: str, capacity: int) -> dict:
    return dict(api.ok(api.post("/data/event_ticket_type/create", {"data": {
        "event": api.central.event_id, "name": name, "price": PRICE, "currency": "EUR", "capacity": capacity}}),
        201))


def _assign(api: EventsApi, type_id: int, office: str, quantity: int):
    return api.post("/data/event_ticket_type/assign_office", {"data": {
        "event_id": api.central.event_id, "office_id": office, "ticket_type_id": type_id, "quantity": quantity}})


def test_a_ga_quantity_is_sold_offline_never_past_what_was_given_synced_and_returned(
        tmp_path: Path, api: EventsApi) -> None:
    pista = _ga_type(api, "Pista", capacity=3)
    assert pista["zone"] is None and pista["gaZone"] == "Pista"
    given = api.ok(_assign(api, pista["id"], NORTE, 3), 201)
    assert (given["assigned"], given["zone"], len(given["tickets"])) == (3, "Pista", 3)
    refused(_assign(api, pista["id"], SUR, 1), 409, "0 places left of 3")  # every place is NORTE's

    central = api.central
    window = make_terminal(tmp_path / "norte", central.url, NORTE, central.office_tokens[NORTE],
                           event_id=central.event_id)
    store = window.open_store()
    try:
        add_supervisors(store.session_factory)
        product = str(pista["id"])
        pay = (PaymentRequest("cash", tendered_cents=10_000),)
        sold = sell(store.session_factory, window.terminal,
                    SaleRequest(central.event_id, (LineRequest(product, 2, zone="Pista"),), pay))
        assert [t.zone for t in sold.tickets] == ["Pista", "Pista"] and sold.total_cents == 3700
        with pytest.raises(SeatNotAvailable):  # 1 place left here: 2 more are never sold
            sell(store.session_factory, window.terminal,
                 SaleRequest(central.event_id, (LineRequest(product, 2, zone="Pista"),), pay))

        worker = DeliveryWorker(store.session_factory, window.client, book=delivery)
        assert worker.drain().delivered == 1
        answer = outbox_row(store, sold.purchase_code).response
        assert not any(text.startswith("over_capacity") for text in answer["inconsistencies"])  # it held them
        view = {row["ticket_id"]: row for row in central_event_tickets(api)}
        assert all(view[t.ticket_id]["status_real"] is False for t in sold.tickets)  # sold at the central

        unsold = select_unsold(store.session_factory, central.event_id, zone="Pista")
        assert len(unsold.ticket_ids) == 1
        return_tickets(store.session_factory, window.terminal, central.event_id, unsold.ticket_ids,
                       actor="Marta")
        worker.drain()
        client = window.client()
        try:
            pull(client, store.session_factory, [central.event_id])
        finally:
            client.close()
    finally:
        store.close()
    # the returned place is free again: SUR may have it (3 - 2 sold), and no more
    again = api.ok(_assign(api, pista["id"], SUR, 1), 201)
    assert again["tickets"] == list(unsold.ticket_ids)  # the same place, reused
    refused(_assign(api, pista["id"], SUR, 1), 409, "0 places left of 3")


def central_event_tickets(api: EventsApi) -> list[dict]:
    """The spec's event view (every ticket with status_real), through the platform's callable function."""
    response = api.post("/offline_tickets_list_event_sales", {"data": {"event_id": api.central.event_id}})
    assert response.status_code == 200, response.text
    return list(response.json()["data"]["response"])


def test_a_seated_type_or_an_unknown_one_cannot_be_given_as_a_quantity(api: EventsApi) -> None:
    seated = next(t for t in api.ok(api.get(f"/client/events/{api.central.event_id}/ticket-types"))
                  if t["zone"] == "General")
    refused(_assign(api, seated["id"], NORTE, 1), 400, "not general admission")
    refused(_assign(api, 999_999, NORTE, 1), 404, "no ticket type 999999")
    refused(_assign(api, _ga_type(api, "Grada libre", 2)["id"], NORTE, 0), 400, "at least 1")


def test_the_command_gives_an_office_places_too(api: EventsApi, capsys: pytest.CaptureFixture[str]) -> None:
    libre = _ga_type(api, "Césped", capacity=4)

    def give(office: str, quantity: int) -> int:
        return main(["ticket-type", "assign", "--db", api.central.db_url, "--event", api.central.event_id,
                     "--office", office, "--ticket-type", str(libre["id"]), "--quantity", str(quantity)])

    assert give(NORTE, 4) == 0
    assert json.loads(capsys.readouterr().out)["assigned"] == 4
    assert give(SUR, 1) == 1
    assert "0 places left of 4" in capsys.readouterr().err
