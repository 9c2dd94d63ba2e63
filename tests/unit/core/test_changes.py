"""Changes: what an operation reports so views update only that."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from boxoffice.core.changes import NO_CHANGES, Changes, changes_of


def test_merging_keeps_both_and_the_later_state_wins() -> None:
    first = Changes(event_id="EV", seats={"A": "sold", "B": "sold"}, sales=("C1",), outbox=True)
    second = Changes(event_id="EV", seats={"B": "available"}, sales=("C1", "C2"), inventory=True)
    merged = first.merged(second)
    assert dict(merged.seats) == {"A": "sold", "B": "available"}
    assert merged.sales == ("C1", "C2")
    assert merged.outbox and merged.inventory and not merged.shift


def test_seats_of_two_events_do_not_merge() -> None:
    with pytest.raises(ValueError):
        Changes(event_id="E1", seats={"A": "sold"}).merged(Changes(event_id="E2", seats={"B": "sold"}))


def test_the_seats_cannot_be_changed_after_the_fact() -> None:
    source = {"A": "sold"}
    changes = Changes(event_id="EV", seats=source)
    source["B"] = "sold"
    assert dict(changes.seats) == {"A": "sold"}
    with pytest.raises(TypeError):
        changes.seats["C"] = "sold"  # type: ignore[index]


def test_changes_of_reads_a_result_or_its_changes_attribute() -> None:
    @dataclass
    class Result:
        changes: Changes

    direct = Changes(outbox=True)
    assert changes_of(direct) is direct
    assert changes_of(Result(direct)) is direct
    assert changes_of(42) is NO_CHANGES
    assert NO_CHANGES.empty and not direct.empty


def test_a_clerks_change_is_not_empty_and_survives_a_merge() -> None:
    clerks = Changes(clerks=True)
    assert not clerks.empty
    assert Changes(outbox=True).merged(clerks).clerks
    assert not Changes(outbox=True).merged(Changes(shift=True)).clerks
