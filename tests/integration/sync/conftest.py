"""Fixtures for sync against the real reference platform through the fault proxy: central <- proxy <- terminal.

The seeded central database is made once per session and copied per test; the terminal pulls straight from
the platform (pull has tests of its own), and only delivery goes through the proxy.

``central`` runs on SQLite; a test marked ``@both_backends`` (from sync_helpers) runs twice, on SQLite and on a
real PostgreSQL server (the terminal, proxy and every other fixture follow it).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.store.engine import Store
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server, seeded_template
from tests.helpers.fault_proxy import FaultProxy
from tests.helpers.postgres import PostgresServer, postgres_server
from tests.helpers.supervisors import add_supervisors
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.sync.sync_helpers import NORTE, Clerk


@pytest.fixture(scope="session")
def sync_template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("sync-template"))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture
def central(request: pytest.FixtureRequest, tmp_path: Path,
            sync_template: SeededTemplate) -> Iterator[CentralServer]:
    if getattr(request, "param", "sqlite") == "postgresql":
        pg: PostgresServer = request.getfixturevalue("postgres")
        with central_server(db_url=pg.new_database()) as server:
            yield server
        return
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
    add_supervisors(opened.session_factory)  # the actors of voids and returns (tests/helpers/supervisors.py)
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
