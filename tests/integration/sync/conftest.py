"""Fixtures for sync against the real reference platform through the fault proxy: central <- proxy <- terminal.

The seeded central database is made once per session and copied per test; the terminal pulls straight from
the platform (pull has tests of its own), and only delivery goes through the proxy.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.store.engine import Store
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server, seeded_template
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.sync.sync_helpers import NORTE, Clerk


@pytest.fixture(scope="session")
def sync_template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("sync-template"))


@pytest.fixture
def central(tmp_path: Path, sync_template: SeededTemplate) -> Iterator[CentralServer]:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=sync_template) as server:
        yield server


@pytest.fixture
def proxy(central: CentralServer) -> Iterator[FaultProxy]:
    with FaultProxy(central.url, seed=1) as fault_proxy:
        yield fault_proxy
    assert not fault_proxy.alive_threads()


@pytest.fixture
def terminal(tmp_path: Path, central: CentralServer) -> TestTerminal:
    return make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                         event_id=central.event_id)


@pytest.fixture
def store(terminal: TestTerminal) -> Iterator[Store]:
    opened = terminal.open_store()
    yield opened
    opened.close()


@pytest.fixture
def clerk(store: Store, terminal: TestTerminal, central: CentralServer) -> Clerk:
    return Clerk(store, terminal, central.event_id)


@pytest.fixture
def workers() -> Iterator[list[DeliveryWorker]]:
    """Register every worker a test starts here: each is stopped (and must stop) when the test ends."""
    started: list[DeliveryWorker] = []
    yield started
    stopped = [worker.stop(timeout=10) for worker in started]
    assert all(stopped), "a delivery worker did not stop"
