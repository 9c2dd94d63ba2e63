"""The terminal's state machines in one place: a ticket, a sale, a sale's delivery and an outbox row.

Each machine is data: the transitions it allows, each with the reason it exists. Services change a state only
through :func:`move` (one row) or :func:`sources` (the ``WHERE state IN (...)`` of a bulk ``UPDATE``), so a change
the table does not list is refused with a coded :class:`TransitionRefused` instead of being written. Staying in
the same state is not a transition and is always allowed (a replayed answer changes nothing).

The database's CHECK constraints (``store/models.py``) say which states exist; this module says how a row may
move between them. It imports nothing of ours but the domain errors.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from boxoffice.core.errors import BoxOfficeError


class TransitionRefused(BoxOfficeError):
    """A state change the machine does not allow (a bug or a race, never a clerk's mistake); nothing written."""

    code = "state_transition_refused"


@dataclass(frozen=True)
class Machine:
    """One state machine: its name, its states and its allowed ``(from, to)`` moves with why each exists."""

    name: str
    states: tuple[str, ...]
    moves: Mapping[tuple[str, str], str]

    def allows(self, old: str, new: str) -> bool:
        return old == new or (old, new) in self.moves

    def refused(self) -> list[tuple[str, str]]:
        """Every move between two different states the table does not list."""
        return [(a, b) for a in self.states for b in self.states if a != b and (a, b) not in self.moves]


TICKET = Machine("ticket", ("available", "sold", "returning", "returned", "withdrawn"), {
    ("available", "sold"): "a sale takes the seat",
    ("available", "returning"): "a return to the platform is queued",
    ("returning", "returned"): "the platform confirmed the return (or a pull no longer lists the seat)",
    ("available", "withdrawn"): "a pull says the platform no longer offers the seat here",
    ("withdrawn", "available"): "a pull offers the seat here again",
    ("returned", "available"): "the platform assigned the seat to this office again",
    ("sold", "available"): "freed seat: its sale was voided and the platform no longer holds it",
    ("sold", "withdrawn"): "freed seat the platform no longer offers here",
})

SALE = Machine("sale", ("completed", "voided"), {
    ("completed", "voided"): "a supervisor voided the sale",
})

DELIVERY = Machine("delivery", ("pending", "delivered", "parked", "conflict", "cancelled"), {
    ("pending", "delivered"): "the platform stored the sale",
    ("pending", "conflict"): "the platform stored the sale but another office holds one of its seats",
    ("pending", "parked"): "the platform refused the sale; a supervisor looks at it",
    ("pending", "cancelled"): "voided before the platform had it",
    ("parked", "pending"): "a supervisor retries the refused sale",
    ("parked", "cancelled"): "a refused sale was voided: nothing to undo there",
    ("conflict", "delivered"): "a supervisor decided the conflict",
})

OUTBOX = Machine("outbox", ("pending", "delivered", "parked", "cancelled"), {
    ("pending", "delivered"): "the platform answered for the item",
    ("pending", "parked"): "the platform refused the item (certainly: see sync/culprits.py)",
    ("pending", "cancelled"): "its sale was voided before being sent, or the platform refused the sale",
    ("parked", "pending"): "a supervisor retries it",
    ("parked", "cancelled"): "a refused sale was voided meanwhile",
})

MACHINES = {machine.name: machine for machine in (TICKET, SALE, DELIVERY, OUTBOX)}


def check(machine: Machine, old: str, new: str, subject: str = "") -> None:
    """Raise :class:`TransitionRefused` unless ``machine`` allows ``old`` -> ``new``."""
    if not machine.allows(old, new):
        raise TransitionRefused(
            f"{machine.name} {subject + ' ' if subject else ''}cannot go from {old} to {new}",
            code="state_transition_refused",
            params={"machine": machine.name, "subject": subject, "old": old, "new": new})


def move(machine: Machine, row: object, new: str, *, attribute: str = "state", subject: str = "") -> None:
    """Set ``row.<attribute>`` to ``new`` after checking the move (``row`` is any object with that attribute)."""
    check(machine, getattr(row, attribute), new, subject)
    setattr(row, attribute, new)


def sources(machine: Machine, new: str) -> tuple[str, ...]:
    """The states ``new`` may be reached from: the ``WHERE state IN (...)`` of a bulk update to ``new``."""
    found = tuple(old for (old, to) in machine.moves if to == new)
    if not found:
        raise TransitionRefused(f"no {machine.name} state may move to {new}", code="state_transition_refused",
                                params={"machine": machine.name, "subject": "", "old": "", "new": new})
    return found


def freed_seat(central_available: bool, resold: bool) -> str | None:
    """The "freed seat" rule: the state a sold seat of a voided sale takes once the platform no longer holds
    that sale; None: it stays as it is.

    A seat freed when the void was made may have been sold again since (``resold``): it stays sold. A seat the
    platform no longer offers here (its last word, ``central_available``) is withdrawn, not put back on sale.
    """
    if resold:
        return None
    return "available" if central_available else "withdrawn"
