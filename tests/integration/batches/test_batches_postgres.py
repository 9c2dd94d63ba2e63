"""#17 on a real PostgreSQL server with two server processes' worth of apps on one database: a batch created
through one answers its check URL through the other (job state lives in the database), its PDF rendered through
the second streams from the first, and a pre-generated ticket activated through one is green through the other."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from boxoffice.central.app import create_app
from tests.helpers.central_server import CentralServer, central_server, serve_app
from tests.helpers.postgres import postgres_server
from tests.integration.batches.conftest import EVENT, batches_path, follow, make_ticket_type
from tests.integration.central_events.conftest import EventsApi

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def central() -> Iterator[CentralServer]:  # overrides the SQLite one: a PostgreSQL database, and a second app
    with postgres_server() as pg, central_server(db_url=pg.new_database()) as server:
        with serve_app(create_app(server.db_url)) as other:
            server.extra["other_url"] = other
            yield server


def test_two_servers_share_the_jobs(api: EventsApi, central: CentralServer) -> None:
    other = central.extra["other_url"]
    item = make_ticket_type(api, "Taquilla PG", capacity=30)
    check = api.ok(api.post(batches_path(), {"item": item, "amount": 25}), 202)["check"]
    batch = follow(api, check.replace(central.url, other))
    assert batch.status_code == 200, batch.text
    assert follow(api, check).json() == batch.json() and len(batch.json()["orders"]) == 25
    render = f"{other}{batches_path()}{batch.json()['id']}/render/"
    download = api.ok(api.http.post(render, headers=api._headers("admin")), 202)["download"]
    assert download.startswith(other)
    assert follow(api, download).status_code == 200
    pdf = api.http.get(download.replace(other, central.url), headers=api._headers("admin"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-") and len(pdf.content) == int(
        pdf.headers["content-length"])
    ticket = batch.json()["orders"][0]
    sale = {"holderName": "Walk-up", "payment": {"amount": 12, "method": "cash"}}
    api.ok(api.post(f"/events/tickets/{ticket}/activate", sale))
    payload = api.ok(api.get(f"/events/tickets/{ticket}"))["qrPayload"]
    green = api.http.post(f"{other}/events/tickets/validate", json={"qrPayload": payload, "eventId": EVENT},
                          headers=api._headers("admin"))
    assert green.json()["light"] == "green", green.text
