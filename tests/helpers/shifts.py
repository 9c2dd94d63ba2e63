"""An open shift for tests that sell, void or return (every one of those belongs to a shift, #14).

The shift is opened by a till clerk kept out of the way of the test's own clerks: id 0 (so clerks the test adds
still get ids 1, 2, … and explicit ids 1 and 2 stay free), a name no test uses, and inactive once the shift is
open (sign-in lists and pickers show active clerks only). The rows are written directly, not through
``open_shift``: a journal entry here would move every journal sequence number the tests check. Tests about shifts
themselves start without one.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.services.shifts import ShiftInfo, current_shift
from boxoffice.store.models import Clerk, Shift
from boxoffice.store.types import utcnow

TILL_CLERK_ID = 0
TILL_CLERK_NAME = "(test till)"


def open_test_shift(session_factory: sessionmaker[Session], float_cents: int = 0) -> ShiftInfo:
    """Open a shift with ``float_cents`` (the open one if there is already one)."""
    existing = current_shift(session_factory)
    if existing is not None:
        return existing
    with session_factory.begin() as session:
        if session.get(Clerk, TILL_CLERK_ID) is None:
            session.add(Clerk(id=TILL_CLERK_ID, name=TILL_CLERK_NAME, role="supervisor", pin_hash="-", active=False))
        session.add(Shift(clerk_id=TILL_CLERK_ID, opened_at=utcnow(), float_cents=float_cents))
    shift = current_shift(session_factory)
    assert shift is not None
    return shift


def open_shift_in(data_dir: Path, float_cents: int = 0) -> ShiftInfo:
    """Open a test shift in the store of the terminal whose data dir is ``data_dir`` (after a ``pair`` command)."""
    from boxoffice.store.engine import open_store

    with open_store(data_dir / "boxoffice.sqlite3", backups_dir=data_dir / "backups") as store:
        return open_test_shift(store.session_factory, float_cents)
