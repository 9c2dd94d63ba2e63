"""Clerks and supervisors: who may sign in, and the kiosk exits they authorise."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.services import clerks, kiosk
from boxoffice.services.clerks import ClerkInfo


class ClerksFacade:
    def __init__(self, session_factory: sessionmaker[Session], read_session_factory: sessionmaker[Session]) -> None:
        self._write = session_factory
        self._read = read_session_factory

    def has_clerks(self) -> bool:
        return clerks.has_clerks(self._read)

    def list_clerks(self) -> list[ClerkInfo]:
        return clerks.list_clerks(self._read)

    def create_first_supervisor(self, name: str, pin: str, rfid: str | None = None) -> ClerkInfo:
        return clerks.create_first_supervisor(self._write, name, pin, rfid)

    def create_clerk(self, name: str, pin: str, role: str = "clerk", rfid: str | None = None,
                     actor: str | None = None) -> ClerkInfo:
        return clerks.create_clerk(self._write, name, pin, role, rfid, actor)

    def sign_in_pin(self, clerk_id: int, pin: str, now: datetime | None = None) -> ClerkInfo:
        # a write: a wrong PIN counts towards the lockout
        return clerks.sign_in_pin(self._write, clerk_id, pin, now)

    def sign_in_badge(self, rfid: str, now: datetime | None = None) -> ClerkInfo:
        return clerks.sign_in_badge(self._write, rfid, now)

    def record_kiosk_exit(self, supervisor: ClerkInfo, where: str = "main window") -> int:
        return kiosk.record_kiosk_exit(self._write, supervisor, where)
