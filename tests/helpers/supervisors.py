"""Supervisors for tests that void, return or decide (each checks its actor's role in the store, #14).

Rows are written directly, not through ``add_clerk``: a journal entry here would move every journal sequence
number the tests check. Their ids are negative, so clerks a test adds still get ids 1, 2, … and explicit small
ids stay free. Each has the PIN :data:`SUPERVISOR_PIN`, hashed at a cheap scrypt cost (a hash carries its own
cost), so a CLI test can authorise as them in a blink.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.services.clerks import ScryptCost, hash_pin
from boxoffice.store.models import Clerk

#: The supervisor tests name as the actor of a void or a return when they do not care who.
SUPERVISOR = "Sonia"
#: Every name seeded (the ones tests already used as actors).
NAMES = (SUPERVISOR, "Marta", "Luis")
SUPERVISOR_PIN = "2468"


def add_supervisors(session_factory: sessionmaker[Session], names: tuple[str, ...] = NAMES) -> None:
    """Active supervisors with these names (ids -1, -2, …); the ones already there are left alone."""
    pin_hash = hash_pin(SUPERVISOR_PIN, ScryptCost(log_n=4))
    with session_factory.begin() as session:
        taken = set(session.scalars(select(Clerk.name)))
        for index, name in enumerate(names, start=1):
            if name not in taken:
                session.add(Clerk(id=-index, name=name, role="supervisor", pin_hash=pin_hash, active=True))
