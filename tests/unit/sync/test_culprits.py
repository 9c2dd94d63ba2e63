"""Which failures split a batch, and when an entry that keeps failing alone is parked (never in an outage)."""

from __future__ import annotations

import pytest

from boxoffice.sync.culprits import Strikes, is_refusal, may_be_the_entries
from boxoffice.sync.errors import (
    AnswerCutOff,
    CentralAuthError,
    CentralError,
    CentralRejected,
    CentralServerError,
    CentralTLSError,
    CentralUnreachable,
    ForeignAnswer,
    ProtocolError,
)

SYNC = "offline_office_tickets_synchronization"


@pytest.mark.parametrize(("error", "split"), [
    (CentralUnreachable(SYNC, "connection refused"), False),
    (CentralTLSError(SYNC, "not trusted"), False),
    (AnswerCutOff(SYNC, "cut off"), False),
    (CentralAuthError(SYNC, "token", 401), False),
    (CentralServerError(SYNC, "slow down", 429), False),
    (CentralServerError(SYNC, "bad gateway", 502), False),
    (CentralServerError(SYNC, "maintenance", 503), False),
    (CentralServerError(SYNC, "gateway timeout", 504), False),
    (CentralServerError(SYNC, "internal error", 500), True),
    (CentralRejected(SYNC, "Tickets no disponibles", 400), True),
    (ForeignAnswer(SYNC, "not the platform's answer (HTTP 404, text/html)", 404), True),
    (ProtocolError(SYNC, "not the platform's answer: the answer is not JSON"), True),
], ids=lambda value: type(value).__name__ if isinstance(value, CentralError) else str(value))
def test_only_failures_the_content_may_cause_split_a_batch(error: CentralError, split: bool) -> None:
    assert may_be_the_entries(error) is split


def test_only_the_platforms_own_4xx_is_a_refusal() -> None:
    assert is_refusal(CentralRejected(SYNC, "Tickets no disponibles", 400))
    assert not is_refusal(ForeignAnswer(SYNC, "html", 400))
    assert not is_refusal(CentralServerError(SYNC, "internal error", 500))


def _round(strikes: Strikes, *, answered: bool, failing: dict[int, CentralError]) -> dict[int, int | None]:
    strikes.new_round()
    if answered:
        strikes.answered()
    return {item: strikes.strike(item, exc) for item, exc in failing.items()}


def test_an_entry_is_parked_after_three_straight_strikes_while_the_platform_answers_others() -> None:
    strikes, error = Strikes(), CentralServerError(SYNC, "internal error", 500)
    assert _round(strikes, answered=True, failing={7: error}) == {7: None}
    assert _round(strikes, answered=False, failing={7: error}) == {7: None}  # alone in the queue now
    assert _round(strikes, answered=False, failing={7: error}) == {7: 3}


def test_a_server_that_answers_nobody_never_gets_an_entry_parked() -> None:
    strikes, error = Strikes(), ForeignAnswer(SYNC, "html", 404)
    for _ in range(10):
        assert _round(strikes, answered=False, failing={1: error, 2: error}) == {1: None, 2: None}


def test_a_different_failure_or_a_success_starts_the_count_again() -> None:
    strikes = Strikes()
    html, broken = ProtocolError(SYNC, "not JSON"), CentralServerError(SYNC, "internal error", 500)
    _round(strikes, answered=True, failing={3: html})
    _round(strikes, answered=True, failing={3: html})
    assert _round(strikes, answered=True, failing={3: broken}) == {3: None}  # another way: strike 1 again
    strikes.forget(3)  # delivered
    assert _round(strikes, answered=True, failing={3: broken}) == {3: None}
    assert _round(strikes, answered=True, failing={3: broken}) == {3: None}
    assert _round(strikes, answered=True, failing={3: broken}) == {3: 3}
