"""The hub's own tables, beside the reference central's schema in the same database (their own metadata: a
reference central never gets them).

* ``hub_windows``: the office's windows, one per token the hub minted (``boxoffice hub token create``);
* ``hub_holds``: a seat a window is about to sell while it reaches the hub (until its sale arrives or it expires);
* ``hub_leases``: seats only one window may sell while it cannot reach the hub; ``recalled``: the hub asked for
  them back (the window gives back the unsold ones the next time it reaches the hub);
* ``hub_lease_sizes``: how many seats of a zone each window should hold (the supervisor sets them);
* ``hub_upstream``: the hub's outbox toward the central platform: every sale, void or return a window delivered,
  as the window sent it, with the window's own idempotency key (each hop idempotent with the same keys);
* ``hub_state``: small facts (upstream cursors, last success and error).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from boxoffice.central.models import UTCDateTime, utcnow


class HubBase(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class HubWindow(HubBase):
    __tablename__ = "hub_windows"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    #: the api_tokens row the window authenticates with (the central's table, same database)
    token_id: Mapped[int] = mapped_column(Integer, unique=True)
    terminal_id: Mapped[str | None] = mapped_column(String(64))
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    last_seen: Mapped[datetime | None]
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class HubHold(HubBase):
    __tablename__ = "hub_holds"
    ticket_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    window_id: Mapped[int] = mapped_column(Integer, index=True)
    event_id: Mapped[str] = mapped_column(String(64))
    hold_key: Mapped[str] = mapped_column(String(128), index=True)
    expires_at: Mapped[datetime]
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class HubLease(HubBase):
    __tablename__ = "hub_leases"
    ticket_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    window_id: Mapped[int] = mapped_column(Integer)
    event_id: Mapped[str] = mapped_column(String(64))
    zone: Mapped[str] = mapped_column(String(64))
    recalled: Mapped[bool] = mapped_column(Boolean, default=False)
    date_created: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_hub_leases_window_event_zone", "window_id", "event_id", "zone"),)


class HubLeaseSize(HubBase):
    __tablename__ = "hub_lease_sizes"
    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)  # "*": every event
    zone: Mapped[str] = mapped_column(String(64), primary_key=True)  # "*": every zone
    size: Mapped[int] = mapped_column(Integer)
    #: topped up back to ``size`` when a window's unsold lease of the zone falls below this
    low_water: Mapped[int] = mapped_column(Integer)


class HubUpstream(HubBase):
    __tablename__ = "hub_upstream"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: "sale" (a sale, void or refund entry of the synchronisation call) or "unassign"
    kind: Mapped[str] = mapped_column(String(16))
    idempotency_key: Mapped[str] = mapped_column(String(255))
    window_id: Mapped[int | None] = mapped_column(Integer)
    #: "sale": the entry exactly as the window sent it; "unassign": {"event_id", "ticket_ids"}
    payload: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(String(16), default="pending")  # pending, delivered, parked
    attempted_at: Mapped[datetime | None]
    next_attempt_at: Mapped[datetime | None]
    error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None]
    date_created: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("kind", "idempotency_key", name="uq_hub_upstream_kind_key"),
                      Index("ix_hub_upstream_state_id", "state", "id"))


class HubState(HubBase):
    __tablename__ = "hub_state"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
