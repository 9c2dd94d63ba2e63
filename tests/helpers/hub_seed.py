"""A hub database seeded directly: one event, the hub's office with seats in two zones, another office's and
free seats, and window tokens minted as ``boxoffice hub token create`` does.

Ticket ids are ``<event>-<ZONE PREFIX><n>`` in position order (``seat("G", 1)``), so tests name seats plainly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal, create_token
from boxoffice.central.db import Database
from boxoffice.central.models import Event, Office, Ticket
from boxoffice.central.offline_office import TicketsRequest, assign
from boxoffice.hub.db import hub_database
from boxoffice.hub.windows import create_window

OFFICE = "office_taquilla_norte"
OTHER_OFFICE = "office_taquilla_sur"
EVENT = "EVHUB0000000000000001"
#: zone -> (seat prefix, seats of the hub's office, seats of the other office, free seats), in position order
ZONES = {"GENERAL": ("G", 30, 3, 3), "VIP": ("V", 8, 0, 2)}


@dataclass
class HubSeed:
    db_url: str
    office_id: str
    event_id: str
    tokens: dict[str, str]
    """Window name -> token in clear."""
    plain_office_token: str
    """An office token of the hub's office that is not a window's."""
    zones: dict[str, list[str]] = field(default_factory=dict)
    """Zone -> the office's ticket ids in position order."""

    def seat(self, prefix: str, number: int) -> str:
        return f"{self.event_id}-{prefix}{number}"


def hub_db_url(folder: Path) -> str:
    return f"sqlite:///{Path(folder) / 'hub.sqlite3'}"


def seed_hub(db_url: str, windows: tuple[str, ...] = ("A", "B")) -> HubSeed:
    """Create the hub's schema in ``db_url`` and seed it (see the module's docstring)."""
    db = hub_database(db_url)
    try:
        return db.write(lambda session: _seed(session, db_url, windows))
    finally:
        db.dispose()


def _seed(session: Session, db_url: str, windows: tuple[str, ...]) -> HubSeed:
    now = datetime.now(UTC)
    session.add(Event(id=EVENT, name="Concierto del Hub", currency="EUR", date_start=now + timedelta(days=7),
                      date_end=now + timedelta(days=7, hours=3)))
    session.add_all([Office(id=OFFICE, name="Taquilla Norte"), Office(id=OTHER_OFFICE, name="Taquilla Sur")])
    session.flush()
    rows, mine, others, position = [], {}, [], 0
    for zone, (prefix, ours, theirs, free) in ZONES.items():
        for number in range(1, ours + theirs + free + 1):
            ticket_id = f"{EVENT}-{prefix}{number}"
            rows.append({"id": ticket_id, "event_id": EVENT, "seat_id": f"{prefix}{number}", "seat_row": prefix,
                         "zone": zone, "color": "#123456", "position": position, "status": True})
            position += 1
            if number <= ours:
                mine.setdefault(zone, []).append(ticket_id)
            elif number <= ours + theirs:
                others.append(ticket_id)
    session.execute(insert(Ticket), rows)
    admin = Principal(0, None, True)
    for office_id, ids in ((OFFICE, [t for zone_ids in mine.values() for t in zone_ids]), (OTHER_OFFICE, others)):
        if ids:
            result = assign(session, TicketsRequest(ids, office_id, EVENT), admin, now)
            assert result.status == 200, result.data
    tokens = {name: create_window(session, OFFICE, name) for name in windows}
    plain = create_token(session, OFFICE, label="not-a-window")
    return HubSeed(db_url, OFFICE, EVENT, tokens, plain, mine)


def open_db(seed: HubSeed) -> Database:
    return hub_database(seed.db_url)
