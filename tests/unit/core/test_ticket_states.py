"""The terminal's state machines (#15 point 4): every allowed move passes, every other move is refused, coded."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from boxoffice.core import ticket_states
from boxoffice.core.ticket_states import DELIVERY, MACHINES, OUTBOX, SALE, TICKET, TransitionRefused
from boxoffice.store import models

ALLOWED = [(m.name, old, new) for m in MACHINES.values() for (old, new) in m.moves]
REFUSED = [(m.name, old, new) for m in MACHINES.values() for (old, new) in m.refused()]


@pytest.mark.parametrize(("machine", "old", "new"), ALLOWED)
def test_an_allowed_move_is_made(machine: str, old: str, new: str) -> None:
    row = SimpleNamespace(state=old)
    ticket_states.move(MACHINES[machine], row, new)
    assert row.state == new


@pytest.mark.parametrize(("machine", "old", "new"), REFUSED)
def test_a_move_the_table_does_not_list_is_refused_with_a_code_and_nothing_changes(machine: str, old: str,
                                                                                   new: str) -> None:
    row = SimpleNamespace(state=old)
    with pytest.raises(TransitionRefused) as caught:
        ticket_states.move(MACHINES[machine], row, new, subject="X1")
    assert row.state == old
    assert caught.value.code == "state_transition_refused"
    assert caught.value.params == {"machine": machine, "subject": "X1", "old": old, "new": new}


@pytest.mark.parametrize("machine", list(MACHINES))
def test_staying_put_is_no_move(machine: str) -> None:
    for state in MACHINES[machine].states:
        ticket_states.check(MACHINES[machine], state, state)


def test_the_machines_know_exactly_the_states_the_database_allows() -> None:
    assert TICKET.states == models.TICKET_STATES
    assert SALE.states == models.SALE_STATUSES
    assert DELIVERY.states == models.DELIVERY_STATES
    assert OUTBOX.states == models.OUTBOX_STATES


def test_nothing_leaves_a_terminal_state() -> None:
    """A delivered outbox row, a returned-and-delivered sale or a voided sale never moves again."""
    assert not [m for (old, m) in OUTBOX.moves if old == "delivered"]
    assert not [m for (old, m) in SALE.moves if old == "voided"]
    assert not [m for (old, m) in DELIVERY.moves if old in ("delivered", "cancelled")]


def test_sources_are_the_states_a_bulk_update_may_start_from() -> None:
    assert set(ticket_states.sources(TICKET, "returned")) == {"returning"}
    assert set(ticket_states.sources(OUTBOX, "cancelled")) == {"pending", "parked"}
    with pytest.raises(TransitionRefused):
        ticket_states.sources(SALE, "completed")


@pytest.mark.parametrize(("central_available", "resold", "expected"), [
    (True, False, "available"),  # the platform still offers it here: back on sale
    (False, False, "withdrawn"),  # the platform no longer offers it here
    (True, True, None),  # sold again since the void: stays sold to its new customer
    (False, True, None),
])
def test_the_freed_seat_rule(central_available: bool, resold: bool, expected: str | None) -> None:
    assert ticket_states.freed_seat(central_available, resold) == expected
    if expected is not None:
        ticket_states.check(TICKET, "sold", expected)
