"""The reporting worker tells its listeners what a round changed, and a listener's failure never stops it."""

from __future__ import annotations

from boxoffice.sync.reporting import ReportingWorker, round_changes
from boxoffice.sync.worker import RoundResult


def test_a_round_reports_the_outbox_and_the_sales_the_platform_answered_for() -> None:
    changes = round_changes(RoundResult(delivered=3, conflicts=["A"], settled=["B", "A"]))
    assert changes.outbox and changes.platform == ("A", "B")
    assert round_changes(RoundResult(idle=True)).empty


class _Worker(ReportingWorker):
    """The real reporting logic over a canned round (the delivery itself is tested in tests/integration/sync)."""

    def __init__(self, rounds: list[RoundResult]) -> None:
        super().__init__(session_factory=None, client_factory=lambda: None)  # type: ignore[arg-type]
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
