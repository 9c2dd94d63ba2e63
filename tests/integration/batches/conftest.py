"""The #16 tests' central (one per module, a seeded demo copy), an event, and helpers for the offline sales API
(#17): check URLs followed to the job's end, gates to observe a job waiting or running."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from boxoffice.central import batch_jobs
from tests.helpers.central_server import CentralServer
from tests.integration.central_events.conftest import EventsApi, central, events_template

FOLLOW_TIMEOUT_S = 120.0
EVENT = "feria-2026"


def batches_path(event: str = EVENT, organizer: str = "demo") -> str:
    return f"/api/v1/organizers/{organizer}/events/{event}/offlinesalesbatches/"


def follow(api: EventsApi, url: str) -> httpx.Response:
    """GET a check or download URL until it stops answering 409 (the job's end), or fail after a deadline."""
    deadline = time.monotonic() + FOLLOW_TIMEOUT_S
    while True:
        response = api.get(url)
        if response.status_code != 409:
            return response
        assert time.monotonic() < deadline, f"job still {response.json()} after {FOLLOW_TIMEOUT_S} s"
        time.sleep(0.02)


def until_status(api: EventsApi, url: str, status: str) -> None:
    """Poll until the job reports ``status`` (409 body); the gates guarantee it gets there and stays."""
    deadline = time.monotonic() + FOLLOW_TIMEOUT_S
    while (body := api.get(url).json()) != {"status": status}:
        assert time.monotonic() < deadline, body
        time.sleep(0.01)


@contextmanager
def closed(gate: Any) -> Iterator[None]:
    """Hold every job at this gate (``batch_jobs.GATES.claim`` or ``.work``) until the block ends."""
    gate.clear()
    try:
        yield
    finally:
        gate.set()


def make_ticket_type(api: EventsApi, name: str, capacity: int | None, price: int = 12) -> int:
    body = {"event": EVENT, "name": name, "price": price, "currency": "EUR"}
    if capacity is not None:
        body["capacity"] = capacity
    return int(api.ok(api.post("/data/event_ticket_type/create", {"data": body}), 201)["id"])


@pytest.fixture(scope="module")
def api(central: CentralServer) -> Iterator[EventsApi]:
    client = EventsApi(central)
    client.ok(client.post("/data/event/create", {"data": {"id": EVENT, "name": "Feria de Otoño",
                                                          "currency": "EUR"}}), 201)
    yield client
    client.http.close()


__all__ = ["batch_jobs", "batches_path", "central", "closed", "events_template", "follow", "make_ticket_type",
           "until_status"]
