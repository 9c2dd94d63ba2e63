"""What the status bar and ``boxoffice status`` read from the worker: connection, pending, last success, horizon."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from sqlalchemy import update

from boxoffice.services.sync_status import read_status
from boxoffice.store.engine import Store
from boxoffice.store.models import Outbox
from boxoffice.store.types import utcnow
from tests.helpers.central_server import CentralServer
from tests.helpers.fault_proxy import Fault, FaultProxy
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import Clerk, make_worker


def test_status_follows_pending_sales_failures_and_success(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    worker = make_worker(store, terminal, proxy.url)
    fresh = worker.status()
    assert (fresh.connection, fresh.pending, fresh.last_success, fresh.oldest_pending_age_seconds) == (
        "unknown", 0, None, None)

    clerk.sell_zone("General", 2)
    clerk.sell_zone("VIP", 1, pay="card")
    waiting = worker.status()
    assert waiting.pending == 2 and waiting.oldest_pending_age_seconds is not None
    assert not waiting.horizon_exceeded

    proxy.fail_next(Fault.http(503))
    assert worker.run_once().failed
    down = worker.status()
    assert (down.connection, down.pending, down.last_success) == ("offline", 2, None)
    assert "Service Unavailable" in (down.last_error or "")

    # while a request is on its way the worker says so: asked at the proxy, with the request in its hands (by
    # construction, not within a delay a busy machine may overrun)
    in_flight: list[str] = []

    def ask_while_in_flight(_request: object) -> bool:
        in_flight.append(worker.status().connection)
        return False  # no fault: the request goes on

    proxy.add_rule(ask_while_in_flight, Fault.passthrough())
    assert worker.run_once().delivered == 2
    proxy.clear()
    assert in_flight[:1] == ["syncing"]

    up = worker.status()
    assert (up.connection, up.pending, up.parked, up.oldest_pending_age_seconds) == ("online", 0, 0, None)
    assert up.last_success is not None and utcnow() - up.last_success < timedelta(minutes=5)
    assert up.as_dict()["last_success"]  # what `boxoffice status --json` prints
    # another process (the `status` command) sees the same from the database
    assert read_status(store.session_factory).pending == 0
    assert read_status(store.session_factory).last_success == up.last_success

    assert worker.run_once().idle
    assert worker.status().connection == "online"


def test_an_undelivered_sale_older_than_the_horizon_raises_a_warning(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk,
        caplog: pytest.LogCaptureFixture) -> None:
    old = clerk.sell_zone("General", 1)
    clerk.sell_zone("General", 1)
    with store.session_factory.begin() as session:  # the first sale has waited 21 hours for a network
        session.execute(update(Outbox).where(Outbox.subject == old.purchase_code)
                        .values(created_at=utcnow() - timedelta(hours=21)))

    worker = make_worker(store, terminal, proxy.url)  # horizon: 20 h
    status = worker.status()
    assert status.horizon_exceeded and status.pending == 2
    assert status.oldest_pending_age_seconds is not None and status.oldest_pending_age_seconds >= 21 * 3600
    assert not make_worker(store, terminal, proxy.url, horizon_hours=24).status().horizon_exceeded

    proxy.fail_next(Fault.refuse())
    with caplog.at_level(logging.WARNING, logger="boxoffice.sync.worker"):
        assert worker.run_once().failed
    warnings = [r.getMessage() for r in caplog.records if "horizon" in r.getMessage()]
    assert len(warnings) == 1 and "idempotency keys" in warnings[0]

    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="boxoffice.sync.worker"):
        assert worker.run_once().delivered == 2
    assert not [r for r in caplog.records if "horizon" in r.getMessage()]  # said once, not every round
    cleared = worker.status()
    assert not cleared.horizon_exceeded and cleared.pending == 0
