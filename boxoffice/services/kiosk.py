"""Leaving kiosk mode is a supervisor's act: who let the terminal out goes in the journal."""

from __future__ import annotations

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.permissions import Action
from boxoffice.services import authority, journal
from boxoffice.services.clerks import ClerkInfo

KIOSK_EXIT = "kiosk_exit"


def record_kiosk_exit(session_factory: sessionmaker[Session], supervisor: ClerkInfo, where: str = "main window"
                      ) -> int:
    """Journal who let the terminal leave kiosk mode (one transaction); returns the entry's sequence number."""
    with session_factory.begin() as session:
        authority.acting_clerk(session, supervisor, Action.kiosk_exit)
        entry = journal.append(session, KIOSK_EXIT, {"clerk_id": supervisor.id, "name": supervisor.name,
                                                     "where": where}, actor=supervisor.name)
        return entry.seq
