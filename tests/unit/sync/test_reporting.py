"""The reporting worker tells its listeners what a round changed and what is true of the connection.

The connection follows the terminal's own exchanges (``Liveness``), on an injected clock; the real exchanges
against the reference platform are in tests/integration/sync/test_connection_status.py.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from boxoffice.sync.errors import (
    CentralAuthError,
    CentralRejected,
    CentralServerError,
    CentralUnreachable,
    ForeignAnswer,
    ProtocolError,
)
from boxoffice.sync.reporting import Liveness, ObservedClient, ReportingWorker, platform_answered, round_changes
from boxoffice.sync.worker import RoundResult
from tests.helpers.clock import FakeClock


def test_a_round_reports_the_outbox_and_the_sales_the_platform_answered_for() -> None:
    changes = round_changes(RoundResult(delivered=3, conflicts=["A"], settled=["B", "A"]))
    assert changes.outbox and changes.platform == ("A", "B")
    assert round_changes(RoundResult(idle=True)).empty


class _Worker(ReportingWorker):
    """The real reporting logic over a canned round (the delivery itself is tested in tests/integration/sync)."""

    def __init__(self, rounds: list[RoundResult]) -> None:
        super().__init__(session_factory=None, client_factory=lambda: None,  # type: ignore[arg-type]
                         book=None, heartbeat_seconds=None)  # type: ignore[arg-type]  # no round is delivered
        self.rounds = rounds

    def status(self):  # a marker instead of a database read
        return "status"


def test_listeners_hear_each_round_that_changed_something_and_a_failing_one_is_contained(monkeypatch) -> None:
    rounds = [RoundResult(delivered=1), RoundResult(idle=True), RoundResult(settled=["C"])]
    worker = _Worker(rounds)
    monkeypatch.setattr("boxoffice.sync.worker.DeliveryWorker.run_once", lambda self: self.rounds.pop(0))
    heard: list[tuple] = []

    def broken(_changes, _status) -> None:
        raise RuntimeError("the window went away")

    worker.follow(broken)
    worker.follow(lambda changes, status: heard.append((changes.outbox, changes.platform, status)))
    for _ in range(3):
        worker.run_once()
    assert heard == [(True, (), "status"), (False, ("C",), "status")]


@pytest.mark.parametrize(("error", "answered"), [
    (None, True),
    (CentralRejected("e", "Tickets no disponibles", 409), True),
    (ForeignAnswer("e", "not found", 404), True),  # a spec-only platform without the extension call
    (ForeignAnswer("e", "HTML from a proxy", 413), False),
    (CentralUnreachable("e", "connection refused"), False),
    (CentralServerError("e", "HTTP 503", 503), False),
    (CentralAuthError("e", "HTTP 401", 401), False),
    (ProtocolError("e", "not the platform's answer"), False),
    (ValueError("our own bug"), None),
])
def test_what_counts_as_the_platform_answering(error, answered) -> None:
    assert platform_answered(error) is answered


def _exchange(liveness: Liveness, error: Exception | None = None) -> None:
    """One exchange that ends with ``error`` (None: it went through)."""
    if error is None:
        with liveness.exchange():
            return
    with pytest.raises(type(error)), liveness.exchange():
        raise error


def test_online_only_after_an_answer_and_only_for_a_while() -> None:
    clock = FakeClock()
    moves: list[str] = []
    liveness = Liveness(timedelta(seconds=45), clock, on_change=moves.append)
    assert liveness.connection() == "unknown" and liveness.fresh_until() is None

    with liveness.exchange():
        assert liveness.connection() == "connecting"  # the first request, in flight
    assert liveness.connection() == "online"
    assert liveness.fresh_until() == clock.now + timedelta(seconds=45)

    clock.advance(45)
    assert liveness.connection() == "online"
    clock.advance(1)  # nothing answered for longer than the heartbeat and its margin
    assert liveness.connection() == "offline" and liveness.fresh_until() is None
    assert moves == ["connecting", "online"]  # a lapse is no event: a reader of the status sees it by the clock


def test_offline_at_once_after_a_failure_and_online_again_at_the_next_answer() -> None:
    clock = FakeClock()
    moves: list[str] = []
    liveness = Liveness(timedelta(seconds=45), clock, on_change=moves.append)
    _exchange(liveness)
    clock.advance(5)
    _exchange(liveness, CentralUnreachable("e", "connection refused"))
    assert liveness.connection() == "offline"

    with liveness.exchange():  # a retry in flight: still offline, never "connecting" again
        assert liveness.connection() == "offline"
    assert liveness.connection() == "online"
    assert moves == ["connecting", "online", "offline", "online"]


def test_a_refused_token_is_offline_with_the_problem_named_until_the_platform_answers() -> None:
    liveness = Liveness(timedelta(seconds=45), FakeClock())
    _exchange(liveness, CentralAuthError("e", "HTTP 401", 401))
    assert (liveness.connection(), liveness.auth_problem) == ("offline", True)
    _exchange(liveness, CentralUnreachable("e", "cut"))
    assert liveness.auth_problem  # an outage says nothing new about the token
    _exchange(liveness, CentralRejected("e", "Tickets no disponibles", 409))
    assert (liveness.connection(), liveness.auth_problem) == ("online", False)


def test_an_error_of_our_own_ends_the_request_without_a_verdict() -> None:
    liveness = Liveness(timedelta(seconds=45), FakeClock())
    _exchange(liveness, ValueError("a bug while reading the answer"))
    assert liveness.connection() == "unknown" and liveness.last_exchange() is None


def test_an_observed_client_counts_every_call_but_not_close_nor_the_encoding_of_a_body() -> None:
    class Client:
        office_id = "office_x"
        closed = False

        def sync_conflicts(self, after_id: int = 0) -> None:
            raise CentralUnreachable("offline_office_sync_conflicts", "connection refused")

        def prepare_synchronize(self, entries: list[Any], journal_head: Any = None) -> bytes:
            return b"{}"  # no request: says nothing of the connection

        def close(self) -> None:
            self.closed = True

    liveness = Liveness(timedelta(seconds=45), FakeClock())
    client = ObservedClient(Client(), liveness)
    assert client.office_id == "office_x"
    client.close()
    assert client.prepare_synchronize([]) == b"{}"
    assert liveness.connection() == "unknown" and liveness.last_exchange() is None
    with pytest.raises(CentralUnreachable):
        client.sync_conflicts(0)
    assert liveness.connection() == "offline"
