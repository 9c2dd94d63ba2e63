"""The door's offline snapshot of an event's tickets and the entries it admitted (issue #16 point 5).

``door_tickets`` is replaced by each refresh from the central (``boxoffice/door_sync.py``); ``door_scans`` keeps
every admitted entry: this door's own (``origin = 'here'``, sent to the central once: ``uploaded_at``) and
those the central reported from other doors (``origin = 'central'``, replaced by each refresh). A barcode is
kept as scanned, upper-cased: tickets of other systems need not follow our check-character scheme.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from boxoffice.store.models import Base, one_of
from boxoffice.store.types import JSONText, utcnow

SCAN_ORIGINS = ("here", "central")


class DoorTicket(Base):
    """One ticket of the event as the central listed it: what the door judges a scan by."""

    __tablename__ = "door_tickets"

    event_id: Mapped[str] = mapped_column(String, primary_key=True)
    barcode: Mapped[str] = mapped_column(String, primary_key=True)
    ticket_key: Mapped[str] = mapped_column(String)
    ticket_id: Mapped[str] = mapped_column(String)
    ticket_type: Mapped[str | None] = mapped_column(String)
    holder: Mapped[str | None] = mapped_column(String)
    status: Mapped[str] = mapped_column(String(16))
    reentry_limit: Mapped[int] = mapped_column(Integer)
    scan_points: Mapped[Any] = mapped_column(JSONText)
    refreshed_at: Mapped[datetime] = mapped_column(default=utcnow)


class DoorScan(Base):
    """One admitted entry; ``id`` is the idempotency key the central records it under (once)."""

    __tablename__ = "door_scans"
    __table_args__ = (CheckConstraint(one_of("origin", SCAN_ORIGINS), name="origin"),
                      Index("ix_door_scans_event_barcode", "event_id", "barcode"),
                      Index("ix_door_scans_origin_uploaded", "origin", "uploaded_at"))

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(String)
    barcode: Mapped[str] = mapped_column(String)
    scan_point: Mapped[str | None] = mapped_column(String)
    scanned_at: Mapped[datetime] = mapped_column(default=utcnow)
    origin: Mapped[str] = mapped_column(String(8))
    actor: Mapped[str | None] = mapped_column(String)
    uploaded_at: Mapped[datetime | None] = mapped_column()
    flag: Mapped[str | None] = mapped_column(String)
