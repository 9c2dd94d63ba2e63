"""Check-ins uploaded by door terminals (issue #16 point 5): which door scan became which check-in.

A new table only (the central has no migrations). Its primary key is the door's own scan id, so a batch sent
again after a lost answer records nothing twice: the upload is idempotent per scan, not per request.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from boxoffice.central.models import Base, utcnow


class DoorUpload(Base):
    """One scan a door admitted offline, recorded as ``checkin_id``; ``flag`` is why the central would have
    refused it had it been asked at the time (always accepted: the person is already inside)."""

    __tablename__ = "event_door_uploads"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), index=True)
    checkin_id: Mapped[int] = mapped_column(ForeignKey("event_checkins.id"), index=True)
    door: Mapped[str | None] = mapped_column(String(64))
    flag: Mapped[str | None] = mapped_column(String(64))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)
