"""Demo data shaped like the specs' examples, so a fresh platform can be paired with and sold from at once.

"Festival de Verano" uses the offline-office spec's event id and its two example ticket ids (seats GEN5 and
GEN6, left unassigned), so the spec's example requests work verbatim against a demo server. About 2,000 seats
in three zones; each office gets 300 seats (General, Preferente and VIP) so a paired terminal has inventory.
Ids are reproducible (seeded RNG); tokens are always fresh. The event is dated relative to the day it is seeded
(``DEMO_DAYS_AHEAD`` days on, at 20:00 local time, stored UTC), so a newcomer sells a future event.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal, create_token
from boxoffice.central.db import Database
from boxoffice.central.envelope import ApiError
from boxoffice.central.ids import new_id
from boxoffice.central.models import Event, LedgerEntry, Office, Ticket, TicketOffline, TicketType, utcnow
from boxoffice.central.offline_office import TicketsRequest, assign

DEMO_EVENT_ID = "JAOTIiQrtU1fMWZZY2IZ"
DEMO_EVENT_NAME = "Festival de Verano"
SPEC_TICKETS = {"GEN5": "nGxHQ00YzCg9PphEwlYb", "GEN6": "LqQTJHAGEkdwzrbcScWe"}
DEMO_DAYS_AHEAD = 14
DEMO_START_LOCAL = time(20, 0)
EVENT_HOURS = 8
SALE_DAYS_BEFORE = 30  # ticket types on sale from this many days before the seeding day


@dataclass(frozen=True)
class EventTimes:
    """When a seeded event starts and ends and its ticket types go on sale (aware UTC)."""

    start: datetime
    end: datetime
    sale_start: datetime


def event_times(now: datetime) -> EventTimes:
    """``DEMO_DAYS_AHEAD`` days after ``now``'s local day, at ``DEMO_START_LOCAL`` local time, in UTC."""
    day = now.astimezone().date() + timedelta(days=DEMO_DAYS_AHEAD)
    start = datetime.combine(day, DEMO_START_LOCAL).astimezone().astimezone(UTC)  # naive: this machine's time
    return EventTimes(start, start + timedelta(hours=EVENT_HOURS), now - timedelta(days=SALE_DAYS_BEFORE))


@dataclass(frozen=True)
class Zone:
    name: str
    prefix: str
    color: str
    rows: int
    seats_per_row: int
    price_cents: int

    @property
    def capacity(self) -> int:
        return self.rows * self.seats_per_row


ZONES = (
    Zone("General", "GEN", "#4A90D9", rows=40, seats_per_row=30, price_cents=2500),
    Zone("Preferente", "PRE", "#F5A623", rows=20, seats_per_row=25, price_cents=4500),
    Zone("VIP", "VIP", "#9013FE", rows=15, seats_per_row=20, price_cents=9000),
)
OFFICES = {"office_taquilla_norte": "Taquilla Norte", "office_taquilla_sur": "Taquilla Sur"}
# seat numbers (1-based, inclusive) each office gets per zone: 180 + 80 + 40 = 300 seats
OFFICE_SHARES = {
    "office_taquilla_norte": {"General": (101, 280), "Preferente": (1, 80), "VIP": (1, 40)},
    "office_taquilla_sur": {"General": (281, 460), "Preferente": (81, 160), "VIP": (41, 80)},
}
CHILD_PRICE_CENTS = 1500
FAMILY_PASS_CENTS = 8000


@dataclass
class DemoSeed:
    event_id: str
    admin_token: str
    office_tokens: dict[str, str]
    assigned: dict[str, int] = field(default_factory=dict)
    created: bool = True

    def as_json(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "event_name": DEMO_EVENT_NAME, "admin_token": self.admin_token,
                "offices": {office_id: {"name": OFFICES[office_id], "token": token,
                                        "assigned": self.assigned.get(office_id, 0)}
                            for office_id, token in self.office_tokens.items()}}


def row_label(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: theatre-style row names."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = chr(ord("A") + rest) + label
    return label


def _ticket_rows(now: datetime, when: EventTimes) -> list[dict[str, Any]]:
    rng = random.Random(DEMO_EVENT_ID)
    rows, position = [], 0
    for zone in ZONES:
        for number in range(1, zone.capacity + 1):
            seat_id = f"{zone.prefix}{number}"
            suffix = SPEC_TICKETS.get(seat_id) or new_id(rng)
            rows.append({
                "id": f"{DEMO_EVENT_ID}-{suffix}", "event_id": DEMO_EVENT_ID, "seat_id": seat_id,
                "seat_row": row_label((number - 1) // zone.seats_per_row), "zone": zone.name, "color": zone.color,
                "position": position, "status": True, "status_offline": False, "access_status": False,
                "access_entry": 0, "date_start": when.start, "date_end": when.end, "date_created": now,
                "date_updated": now})
            position += 1
    return rows


def _ticket_types(when: EventTimes) -> list[TicketType]:
    common: dict[str, Any] = {"event_id": DEMO_EVENT_ID, "currency": "EUR", "sale_start": when.sale_start,
                              "sale_end": when.start, "allow_reentry": False, "reentry_limit": 1,
                              "visibility": "public", "transferable": False, "refund_policy": "none",
                              "perks": [], "accepted_scan_points": []}
    types = [TicketType(name=zone.name, description=f"Entrada {zone.name}", kind="ticket", zone=zone.name,
                        price_cents=zone.price_cents, capacity=zone.capacity, position=i, **common)
             for i, zone in enumerate(ZONES)]
    types.append(TicketType(name="Niño", description="Entrada infantil (asiento General)", kind="child",
                            zone=None, price_cents=CHILD_PRICE_CENTS, capacity=None, position=len(types),
                            **common))
    return types


def _seed_event(session: Session, now: datetime) -> None:
    when = event_times(now)
    session.add(Event(id=DEMO_EVENT_ID, name=DEMO_EVENT_NAME, currency="EUR", date_start=when.start,
                      date_end=when.end, date_created=now))
    for office_id, name in OFFICES.items():
        if session.get(Office, office_id) is None:
            session.add(Office(id=office_id, name=name, date_created=now))
    session.flush()
    session.execute(insert(Ticket), _ticket_rows(now, when))
    types = _ticket_types(when)
    session.add_all(types)  # five rows: the bulk rule is for thousands
    session.flush()
    general, child = types[0], types[-1]
    session.add(TicketType(
        name="Pase Familiar", description="2 adultos + 3 niños (asientos General)", kind="family_pass",
        zone=None, price_cents=FAMILY_PASS_CENTS, capacity=None, position=len(types),
        components=[{"product_id": general.id, "quantity": 2}, {"product_id": child.id, "quantity": 3}],
        event_id=DEMO_EVENT_ID, currency="EUR", sale_start=when.sale_start, sale_end=when.start,
        perks=[], accepted_scan_points=[]))
    session.flush()


def _assign_shares(session: Session, now: datetime) -> dict[str, int]:
    by_seat = {seat: ticket_id for seat, ticket_id in session.execute(
        select(Ticket.seat_id, Ticket.id).where(Ticket.event_id == DEMO_EVENT_ID))}
    prefixes = {zone.name: zone.prefix for zone in ZONES}
    assigned = {}
    for office_id, shares in OFFICE_SHARES.items():
        ids = [by_seat[f"{prefixes[zone]}{n}"] for zone, (first, last) in shares.items()
               for n in range(first, last + 1)]
        result = assign(session, TicketsRequest(ids, office_id, DEMO_EVENT_ID),
                        Principal(0, None, True), now)
        if result.status != 200:
            raise ApiError(f"demo assignment failed: {result.data}")
        assigned[office_id] = len(ids)
    return assigned


def seed_demo(db: Database) -> DemoSeed:
    """Create the demo event, offices and assignments (once) and fresh tokens (every time)."""

    def work(session: Session) -> DemoSeed:
        now = utcnow()
        created = session.get(Event, DEMO_EVENT_ID) is None
        assigned: dict[str, int] = {}
        if created:
            _seed_event(session, now)
            assigned = _assign_shares(session, now)
        admin = create_token(session, None, admin=True, label="demo admin")
        tokens = {office_id: create_token(session, office_id, label="demo") for office_id in OFFICES}
        return DemoSeed(DEMO_EVENT_ID, admin, tokens, assigned, created)

    return db.write(work)


# --- venue-scale events (benchmarks, load tests) -----------------------------------------------------------

VENUE_OFFICE_ID = "office_estadio"
VENUE_OFFICE_NAME = "Taquilla Estadio"
#: Four stands; a venue's seats are shared out evenly, in rows of VENUE_ROW_SEATS numbered from 1.
VENUE_ZONES = (("Tribuna", "TRI", "#D0021B", 6500), ("Preferencia", "PRE", "#F5A623", 4500),
               ("Fondo Norte", "FNO", "#4A90D9", 2500), ("Fondo Sur", "FSU", "#7ED321", 2500))
VENUE_ROW_SEATS = 50


@dataclass
class VenueSeed:
    event_id: str
    event_name: str
    office_id: str
    office_token: str
    seats: int
    zones: dict[str, int]
    created: bool = True

    def as_json(self) -> dict[str, Any]:
        return {"event_id": self.event_id, "event_name": self.event_name, "office_id": self.office_id,
                "token": self.office_token, "seats": self.seats, "zones": self.zones, "created": self.created}


def venue_event_id(seats: int) -> str:
    """Reproducible: the same size gives the same event, so a second run finds it."""
    return new_id(random.Random(f"venue-{seats}"))


def _venue_rows(event_id: str, seats: int, now: datetime,
                when: EventTimes) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Seat rows for the tickets table: zones in turn, rows "1", "2", ... (so R9 < R10 matters), seats 1..50."""
    base, extra = divmod(seats, len(VENUE_ZONES))
    rows: list[dict[str, Any]] = []
    sizes: dict[str, int] = {}
    for index, (zone, prefix, color, _) in enumerate(VENUE_ZONES):
        size = base + (1 if index < extra else 0)
        sizes[zone] = size
        for n in range(size):
            row, seat = divmod(n, VENUE_ROW_SEATS)
            rows.append({
                "id": f"{event_id}-{prefix}{len(rows):07d}", "event_id": event_id,
                "seat_id": f"{prefix}{row + 1}-{seat + 1}", "seat_row": str(row + 1), "zone": zone,
                "color": color, "position": len(rows), "status": True, "status_offline": False,
                "access_status": False, "access_entry": 0, "date_start": when.start, "date_end": when.end,
                "date_created": now, "date_updated": now})
    return rows, sizes


def seed_venue(db: Database, seats: int, *, office_id: str = VENUE_OFFICE_ID,
               office_name: str = VENUE_OFFICE_NAME) -> VenueSeed:
    """An event of ``seats`` seats in four zones, every seat assigned to ``office_id`` through the offline-office
    assign function (as ``boxoffice-central assign`` does), plus a fresh office token. Created once per size;
    a second call only mints a token."""
    if seats < len(VENUE_ZONES):
        raise ApiError(f"a venue needs at least {len(VENUE_ZONES)} seats (one per zone), not {seats}")
    event_id = venue_event_id(seats)
    name = f"Estadio {seats:,} butacas".replace(",", ".")

    def work(session: Session) -> VenueSeed:
        now = utcnow()
        if session.get(Office, office_id) is None:
            session.add(Office(id=office_id, name=office_name, date_created=now))
        created = session.get(Event, event_id) is None
        sizes: dict[str, int] = {}
        if created:
            when = event_times(now)
            rows, sizes = _venue_rows(event_id, seats, now, when)
            session.add(Event(id=event_id, name=name, currency="EUR", date_start=when.start, date_end=when.end,
                              date_created=now))
            session.flush()
            session.execute(insert(Ticket), rows)
            common: dict[str, Any] = {"event_id": event_id, "currency": "EUR", "sale_start": when.sale_start,
                                      "sale_end": when.start, "perks": [], "accepted_scan_points": []}
            session.add_all([TicketType(name=zone, description=f"Entrada {zone}", kind="ticket", zone=zone,
                                        price_cents=price, capacity=sizes[zone], position=i, **common)
                             for i, (zone, _, _, price) in enumerate(VENUE_ZONES)])  # four rows
            session.flush()
            result = assign(session, TicketsRequest([r["id"] for r in rows], office_id, event_id),
                            Principal(0, None, True), now)
            if result.status != 200:
                raise ApiError(f"venue assignment failed: {result.data}")
        token = create_token(session, office_id, label=f"venue {seats}")
        return VenueSeed(event_id, name, office_id, token, seats, sizes, created)

    seeded = db.write(work)
    if seeded.created:  # statistics and visibility of the loaded rows, once committed (VACUUM cannot run in one)
        db.vacuum(Ticket.__table__, TicketOffline.__table__, LedgerEntry.__table__)
    return seeded
