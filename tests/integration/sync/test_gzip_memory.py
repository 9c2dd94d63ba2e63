"""A terminal remembers that its platform takes gzip bodies: a new client (the next ``boxoffice sync --once``)
compresses its first batch too, instead of sending it plain until an answer says so again."""

from __future__ import annotations

import pytest

from boxoffice.services import delivery
from boxoffice.store.engine import Store
from boxoffice.sync import client as client_module
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.central_server import CentralServer
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import SYNC, Clerk, fast_backoff, local_view


def _worker(store: Store, terminal: TestTerminal, url: str) -> DeliveryWorker:
    """A worker with a client of its own, as each run of ``boxoffice sync --once`` has."""
    return DeliveryWorker(store.session_factory, lambda: terminal.client(url=url, timeout=(2.0, 5.0)),
                          book=delivery, batch_size=1, backoff=fast_backoff(),
                          read_session_factory=store.read_session_factory,
                          gzip_memory=delivery.GzipMemory(store.session_factory, store.read_session_factory))


def test_the_next_run_compresses_its_first_batch_when_the_platform_took_gzip_before(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(client_module, "GZIP_MIN_BYTES", 1)  # every body is big enough to compress
    encodings: list[str | None] = []

    def watch(request: Request) -> bool:
        if request.path == f"/{SYNC}":
            encodings.append(request.headers.get("content-encoding"))
        return False  # forwarded as it is

    proxy.add_rule(watch, Fault.passthrough())
    memory = delivery.GzipMemory(store.session_factory, store.read_session_factory)
    assert not memory.knows(proxy.url)

    for _ in range(2):
        clerk.sell_zone("General", 1)
    assert _worker(store, terminal, proxy.url).drain().delivered == 2
    # the first request of all went plain; the answer said gzip, and the store keeps that
    assert encodings == [None, "gzip"]
    assert memory.knows(proxy.url) and not memory.knows(central.url)

    clerk.sell_zone("General", 1)
    assert _worker(store, terminal, proxy.url).drain().delivered == 1  # a new client, as the next run
    assert encodings == [None, "gzip", "gzip"]  # its first request compressed at once
    assert local_view(store).outbox == {"delivered": 3}


def test_a_forgotten_answer_is_forgotten_in_the_store_too(store: Store, terminal: TestTerminal) -> None:
    memory = delivery.GzipMemory(store.session_factory, store.read_session_factory)
    memory.note("http://central.example", True)
    assert memory.knows("http://central.example") and not memory.knows("http://other.example")
    memory.note("http://other.example", False)  # another platform's no leaves this one's yes
    assert memory.knows("http://central.example")
    memory.note("http://central.example", False)
    assert not memory.knows("http://central.example")
