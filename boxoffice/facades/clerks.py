"""Clerks and supervisors: who may sign in, the kiosk exits they authorise, and a supervisor's staff changes."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.changes import Changes
from boxoffice.facades.results import Changed
from boxoffice.services import clerks, kiosk
from boxoffice.services.clerks import KEEP, ClerkInfo, Keep, StaffMember

#: a staff change: staff lists and clerk pickers read again
STAFF_CHANGED = Changes(clerks=True)


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

    # --- staff (a supervisor's; the service checks the actor's role in its transaction) ----------------------

    def staff_list(self) -> list[StaffMember]:
        return clerks.staff_list(self._read)

    def add_clerk(self, actor: ClerkInfo, name: str, pin: str, role: str = "clerk",
                  rfid: str | None = None) -> Changed[ClerkInfo]:
        return Changed(clerks.add_clerk(self._write, actor, name, pin, role, rfid), STAFF_CHANGED)

    def edit_clerk(self, actor: ClerkInfo, clerk_id: int, name: str | None = None, role: str | None = None,
                   rfid: str | Keep | None = KEEP) -> Changed[ClerkInfo]:
        return Changed(clerks.edit_clerk(self._write, actor, clerk_id, name=name, role=role, rfid=rfid),
                       STAFF_CHANGED)

    def set_active(self, actor: ClerkInfo, clerk_id: int, active: bool) -> Changed[ClerkInfo]:
        return Changed(clerks.set_active(self._write, actor, clerk_id, active), STAFF_CHANGED)

    def reset_pin(self, actor: ClerkInfo, clerk_id: int, new_pin: str) -> ClerkInfo:
        return clerks.reset_pin(self._write, actor, clerk_id, new_pin)  # nothing a list shows changes

    def enrol_badge(self, actor: ClerkInfo, clerk_id: int, rfid: str) -> Changed[ClerkInfo]:
        return Changed(clerks.enrol_badge(self._write, actor, clerk_id, rfid), STAFF_CHANGED)

    def sign_in_pin(self, clerk_id: int, pin: str, now: datetime | None = None) -> ClerkInfo:
        # a write: a wrong PIN counts towards the lockout
        return clerks.sign_in_pin(self._write, clerk_id, pin, now)

    def sign_in_badge(self, rfid: str, now: datetime | None = None) -> ClerkInfo:
        return clerks.sign_in_badge(self._write, rfid, now)

    def record_kiosk_exit(self, supervisor: ClerkInfo, where: str = "main window") -> int:
        return kiosk.record_kiosk_exit(self._write, supervisor, where)
