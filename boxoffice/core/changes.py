"""What an operation changed, so each view updates only that (ARCHITECTURE.md "Change events").

A service or the delivery worker returns (or reports) a :class:`Changes`; the window's change hub turns it into
one Qt signal per kind. Plain data, no Qt: the same value travels from a worker thread to the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any


@dataclass(frozen=True)
class Changes:
    """Seats of one event with their new states, sales touched, and which summaries are stale."""

    event_id: str | None = None
    #: ticket id -> new local state (available, sold, returning, returned, withdrawn)
    seats: Mapping[str, str] = field(default_factory=dict)
    #: purchase codes of the sales created, voided or confirmed
    sales: tuple[str, ...] = ()
    #: the outbox moved (a sale queued or delivered, an item parked): counts and the queue view are stale
    outbox: bool = False
    #: events, products or zones changed (a pull): pickers and prices are stale
    inventory: bool = False
    #: a shift opened or closed
    shift: bool = False
    #: purchase codes the platform answered for (delivered, cancellation confirmed, conflict): their seats may
    #: have changed without this terminal doing anything
    platform: tuple[str, ...] = ()
    #: a clerk was added, edited, deactivated or reactivated: staff lists and clerk pickers are stale
    clerks: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "seats", MappingProxyType(dict(self.seats)))

    @property
    def empty(self) -> bool:
        return not (self.seats or self.sales or self.outbox or self.inventory or self.shift or self.platform
                    or self.clerks)

    def merged(self, other: Changes) -> Changes:
        """Both changes in one (``other`` wins for a seat both name). Seats of two events cannot merge."""
        if self.seats and other.seats and self.event_id != other.event_id:
            raise ValueError("cannot merge seat changes of two events")
        seats = {**self.seats, **other.seats}
        return Changes(event_id=other.event_id if other.seats else self.event_id, seats=seats,
                       sales=tuple(dict.fromkeys(self.sales + other.sales)),
                       outbox=self.outbox or other.outbox, inventory=self.inventory or other.inventory,
                       shift=self.shift or other.shift,
                       platform=tuple(dict.fromkeys(self.platform + other.platform)),
                       clerks=self.clerks or other.clerks)


NO_CHANGES = Changes()


def changes_of(result: Any) -> Changes:
    """The changes an operation's result reports: itself, its ``changes`` attribute, or none."""
    if isinstance(result, Changes):
        return result
    found = getattr(result, "changes", None)
    return found if isinstance(found, Changes) else NO_CHANGES
