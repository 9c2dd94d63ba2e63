"""Verifactu records go out in the background once submission is configured (boxoffice/fiscal_submitter.py):
after a sale wakes it, each record once and in chain order; an endpoint that is down keeps them pending and is
retried with backoff, never losing one or sending one twice."""

from __future__ import annotations

import dataclasses
import threading
import time
from collections.abc import Iterator

import pytest

from boxoffice.app import SyncLink
from boxoffice.config import Config, FiscalConfig, TerminalConfig
from boxoffice.fiscal_submitter import FiscalSubmitter
from boxoffice.services.returns import void_sale
from boxoffice.store.engine import Store
from boxoffice.sync.backoff import Backoff
from tests.unit.fiscal.test_invoices import FISCAL, ISSUER, rows, sell_for_cash
from tests.unit.services.services_helpers import GENERAL, ticket_id

SUBMITTING = dataclasses.replace(FISCAL, fiscal=dataclasses.replace(ISSUER, submit=True))


class FakeEndpoint:
    """The tax agency's endpoint in-process: records (idempotency key, body); answers 503 while ``down``."""

    def __init__(self) -> None:
        self.received: list[tuple[str, dict]] = []
        self.refused = 0
        self.down = False
        self.lock = threading.Lock()

    def post(self, url: str, body: dict, headers: dict[str, str]) -> int:
        with self.lock:
            if self.down:
                self.refused += 1
                return 503
            self.received.append((headers["Idempotency-Key"], body))
            return 200


@pytest.fixture
def endpoint() -> FakeEndpoint:
    return FakeEndpoint()


@pytest.fixture
def submitter(store: Store, endpoint: FakeEndpoint) -> Iterator[FiscalSubmitter]:
    running = FiscalSubmitter(store.session_factory, "https://verifactu.example/records", post=endpoint.post,
                              backoff=Backoff(base=0.02, cap=0.05), idle_s=30)
    running.start()
    yield running
    assert running.stop(timeout=5)


def _until(condition, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def test_a_sale_wakes_the_submitter_and_each_record_goes_once_in_chain_order(
        store: Store, endpoint: FakeEndpoint, submitter: FiscalSubmitter) -> None:
    sale = sell_for_cash(store, ticket_id(GENERAL, 1), terminal=SUBMITTING)
    submitter.wake()
    sell_for_cash(store, ticket_id(GENERAL, 2), terminal=SUBMITTING)
    void_sale(store.session_factory, SUBMITTING, sale.purchase_code, "error", actor="Sonia")  # its R5
    submitter.wake()
    _until(lambda: {r.submission for r in rows(store)} == {"sent"} and len(rows(store)) == 3)
    huellas = [r.huella for r in rows(store)]
    assert [key for key, _ in endpoint.received] == huellas
    assert [body["RegistroAlta"]["Huella"] for _, body in endpoint.received] == huellas


def test_an_endpoint_that_is_down_keeps_the_records_pending_and_they_go_when_it_is_back(
        store: Store, endpoint: FakeEndpoint, submitter: FiscalSubmitter) -> None:
    endpoint.down = True
    sell_for_cash(store, ticket_id(GENERAL, 3), terminal=SUBMITTING)
    submitter.wake()
    _until(lambda: endpoint.refused >= 2)  # retried on its own, with backoff
    assert [r.submission for r in rows(store)] == ["pending"] and submitter.last.error is not None
    endpoint.down = False
    _until(lambda: [r.submission for r in rows(store)] == ["sent"])
    assert len(endpoint.received) == 1


def test_the_window_starts_a_submitter_only_when_submission_is_configured(store: Store) -> None:
    idle = SyncLink(store, 20)
    idle.start_fiscal(Config(fiscal=FiscalConfig(nif="B12345674")))  # invoices, but no submission endpoint
    assert idle.fiscal is None
    link = SyncLink(store, 20)
    link.start_fiscal(Config(terminal=TerminalConfig(id="T1"), fiscal=FiscalConfig(
        nif="B12345674", submission_url="http://127.0.0.1:9/records")))
    try:
        assert link.fiscal is not None
    finally:
        link.stop()
