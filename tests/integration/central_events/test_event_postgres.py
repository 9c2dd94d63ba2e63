"""#16 on a real PostgreSQL server: the seat import's driver-level inserts, a seated online sale, and two doors
checking in the same ticket at once (exactly one admitted: the ticket's row is locked before counting)."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from boxoffice.central.envelope import iso_utc
from tests.helpers.central_server import CentralServer, central_server
from tests.helpers.postgres import postgres_server
from tests.integration.central_events.conftest import EventsApi

pytestmark = pytest.mark.postgres
NOW = datetime.now(UTC)


@pytest.fixture(scope="module")
def central() -> Iterator[CentralServer]:  # overrides the SQLite one of conftest.py
    with postgres_server() as pg, central_server(db_url=pg.new_database()) as server:
        yield server


def test_seated_sale_and_concurrent_doors_on_postgresql(api: EventsApi) -> None:
    api.ok(api.post("/data/event/create", {"data": {"id": "pg-ev", "name": "PG"}}), 201)
    seats = "zone,colour,row,seat,price level,x,y\n" + "".join(f"Platea,#f00,A,{n},P1,{n},1\n" for n in range(1, 6))
    assert api.ok(api.post("/events/pg-ev/seats/import", seats.encode()), 201)["imported"] == 5
    api.ok(api.post("/data/event_ticket_type/create", {"data": {
        "event": "pg-ev", "name": "Platea", "price": Decimal("30"), "currency": "EUR", "zone": "Platea",
        "saleStart": iso_utc(NOW - timedelta(days=1))}}), 201)
    bought = api.ok(api.post("/client/events/tickets/purchase", {
        "eventId": "pg-ev", "email": "a@example.com", "items": [{"ticketTypeId": "platea", "quantity": 2}]},
        who=None), 201)
    done = api.ok(api.post("/client/events/tickets/confirm-order", {"bookingId": bought["bookingId"],
                                                                     "paymentRef": bought["paymentRef"]}, who=None))
    ticket = done["tickets"][0]
    assert ticket["seat"] == {"zone": "Platea", "row": "A", "seat": "1", "seatId": "A-1"}
    listed = api.ok(api.get("/client/events/pg-ev/ticket-types", who=None))
    assert listed[0]["capacity"] == 5

    def door(point: str) -> bool:
        client = EventsApi(api.central)
        try:
            answer = client.ok(client.post("/events/tickets/check-in", {"qrPayload": ticket["qrPayload"],
                                                                        "scanPoint": point}))
            return bool(answer["admitted"])
        finally:
            client.http.close()

    with ThreadPoolExecutor(max_workers=6) as pool:
        admitted = list(pool.map(door, [f"door-{n}" for n in range(6)]))
    assert admitted.count(True) == 1
    assert api.ok(api.get(f"/events/tickets/{ticket['id']}"))["scans"] == 1
