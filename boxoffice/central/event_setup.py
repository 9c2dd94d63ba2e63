"""Setting up a real event (issue #16 point 1): events, offices and ticket types, by HTTP and by the CLI.

The data API's shape (``POST /data/<table>/create`` with ``{"data": {...}}``) and the spec's TicketType fields.
A ticket type with a ``zone`` sells that zone's seats (capacity = its seat count unless given); one with a
``capacity`` and no zone is general admission. Every refusal is a 4xx naming the field; nothing is written.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.envelope import BadInput, Conflict, NotFound
from boxoffice.central.ids import new_id
from boxoffice.central.models import Event, Office, Ticket, TicketType
from boxoffice.central.models_events import TicketTypeTax
from boxoffice.central.ticket_types import KINDS, ticket_type_row
from boxoffice.central.validation import Fields

if TYPE_CHECKING:
    from fastapi import FastAPI

VISIBILITIES = ("public", "private", "invite-only")
MSG_EVENT_CREATED = "Evento creado"


def instant(fields: Fields, key: str, *, required: bool = False) -> datetime | None:
    """An ISO-8601 time with its offset (``2026-04-01T00:00:00Z``); a time without one is ambiguous: 400."""
    text = fields.string(key, required=required, nullable=True, max_length=64,
                         what="an ISO-8601 time like 2026-04-01T00:00:00Z")
    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadInput(fields.at(key), f"{fields.at(key)} must be an ISO-8601 time like 2026-04-01T00:00:00Z, "
                                       f"not {text!r}") from None
    if value.tzinfo is None:
        raise BadInput(fields.at(key), f"{fields.at(key)} needs a UTC offset (Z or +02:00): {text!r}")
    return value


def boolean(fields: Fields, key: str, default: bool) -> bool:
    value = fields.raw.get(key, default)
    if not isinstance(value, bool):
        raise BadInput(fields.at(key), f"{fields.at(key)} must be true or false")
    return value


def text_list(fields: Fields, key: str) -> list[str]:
    value = fields.raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise BadInput(fields.at(key), f"{fields.at(key)} must be a list of non-empty strings")
    return list(dict.fromkeys(value))


def short_id(fields: Fields, key: str, *, required: bool = True) -> str | None:
    """An event or office id: the tables keep 64 characters (PostgreSQL would refuse more with a 500)."""
    value = fields.identifier(key, required=required)
    if value is not None and len(value) > 64:
        raise BadInput(fields.at(key), f"{fields.at(key)} is longer than 64 characters")
    return value


def _currency(fields: Fields, default: str | None) -> str:
    value = fields.string("currency", required=default is None, max_length=8) or default or ""
    if len(value) != 3 or not value.isalpha():
        raise BadInput(fields.at("currency"), f"{fields.at('currency')} must be a 3-letter ISO code like EUR")
    return value.upper()


def event_row(event: Event) -> dict[str, Any]:
    return {"id": event.id, "name": event.name, "currency": event.currency, "dateStart": event.date_start,
            "dateEnd": event.date_end}


def _check_dates(fields: Fields, start: datetime | None, end: datetime | None, end_key: str) -> None:
    if start is not None and end is not None and end <= start:
        raise BadInput(fields.at(end_key), f"{fields.at(end_key)} must be after the start")


def get_event(session: Session, event_id: str, field: str = "eventId") -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"unknown event {event_id!r}", field=field)
    return event


def create_event(session: Session, fields: Fields) -> dict[str, Any]:
    event_id = short_id(fields, "id", required=False) or new_id()
    if session.get(Event, event_id) is not None:
        raise Conflict(f"event {event_id!r} already exists; update it with /data/event/update", field="data.id")
    name = fields.string("name", what="the event's name")
    if not (name or "").strip():
        raise BadInput(fields.at("name"), f"{fields.at('name')} must not be empty")
    start, end = instant(fields, "dateStart"), instant(fields, "dateEnd")
    _check_dates(fields, start, end, "dateEnd")
    event = Event(id=event_id, name=name, currency=_currency(fields, "EUR"), date_start=start, date_end=end)
    session.add(event)
    session.flush()
    return event_row(event)


def update_event(session: Session, fields: Fields) -> dict[str, Any]:
    event = get_event(session, fields.identifier("id") or "", "data.id")
    if "name" in fields.raw:
        name = fields.string("name") or ""
        if not name.strip():
            raise BadInput(fields.at("name"), f"{fields.at('name')} must not be empty")
        event.name = name
    if "currency" in fields.raw:
        event.currency = _currency(fields, None)
    if "dateStart" in fields.raw:
        event.date_start = instant(fields, "dateStart")
    if "dateEnd" in fields.raw:
        event.date_end = instant(fields, "dateEnd")
    _check_dates(fields, event.date_start, event.date_end, "dateEnd")
    session.flush()
    return event_row(event)


def list_events(session: Session) -> list[dict[str, Any]]:
    return [event_row(e) for e in session.scalars(select(Event).order_by(Event.date_start, Event.id))]


def create_office(session: Session, fields: Fields) -> dict[str, Any]:
    office_id = short_id(fields, "id") or ""
    name = fields.string("name", what="the office's name") or ""
    if not name.strip():
        raise BadInput(fields.at("name"), f"{fields.at('name')} must not be empty")
    if session.get(Office, office_id) is not None:
        raise Conflict(f"office {office_id!r} already exists", field="data.id")
    session.add(Office(id=office_id, name=name))
    session.flush()
    return {"id": office_id, "name": name}


def list_offices(session: Session) -> list[dict[str, Any]]:
    return [{"id": o.id, "name": o.name} for o in session.scalars(select(Office).order_by(Office.id))]


def zone_seats(session: Session, event_id: str, zone: str) -> int:
    return session.scalar(select(func.count()).select_from(Ticket)
                          .where(Ticket.event_id == event_id, Ticket.zone == zone)) or 0


def _ticket_type_fields(session: Session, fields: Fields, event: Event) -> dict[str, Any]:
    name = fields.string("name", what="the ticket type's name") or ""
    if not name.strip():
        raise BadInput(fields.at("name"), f"{fields.at('name')} must not be empty")
    price = fields.decimal_amount("price")
    if price is None or price < 0:
        raise BadInput(fields.at("price"), f"{fields.at('price')} must be zero or more")
    zone = fields.string("zone", required=False, nullable=True, max_length=64)
    capacity = fields.integer("capacity", required=False, nullable=True, minimum=1, maximum=10_000_000)
    if zone is not None:
        seats = zone_seats(session, event.id, zone)
        if seats == 0:
            raise BadInput(fields.at("zone"), f"{fields.at('zone')}: event {event.id!r} has no seats in zone "
                                              f"{zone!r}; import them first (seats import) or leave zone out "
                                              "for general admission")
        capacity = min(capacity or seats, seats)
    start, end = instant(fields, "saleStart"), instant(fields, "saleEnd")
    _check_dates(fields, start, end, "saleEnd")
    allow_reentry = boolean(fields, "allowReentry", False)
    limit = fields.integer("reentryLimit", required=False, nullable=True, minimum=1, maximum=1000)
    if limit is not None and limit > 1 and not allow_reentry:
        raise BadInput(fields.at("reentryLimit"), f"{fields.at('reentryLimit')} above 1 needs allowReentry true")
    if allow_reentry and limit is None:
        raise BadInput(fields.at("reentryLimit"), f"{fields.at('reentryLimit')} is required with allowReentry "
                                                  "true: the total scans allowed, the first included")
    visibility = fields.string("visibility", required=False) or "public"
    if visibility not in VISIBILITIES:
        raise BadInput(fields.at("visibility"), f"{fields.at('visibility')} must be one of "
                                                f"{', '.join(VISIBILITIES)}, not {visibility!r}")
    kind = fields.string("kind", required=False) or "ticket"
    if kind not in KINDS[:2]:
        raise BadInput(fields.at("kind"), f"{fields.at('kind')} must be 'ticket' or 'child', not {kind!r}")
    return {"event_id": event.id, "name": name, "price_cents": price, "currency": _currency(fields, event.currency),
            "capacity": capacity, "sale_start": start, "sale_end": end, "perks": text_list(fields, "perks"),
            "allow_reentry": allow_reentry, "reentry_limit": limit or 1,
            "accepted_scan_points": text_list(fields, "acceptedScanPoints"), "visibility": visibility,
            "transferable": boolean(fields, "transferable", False), "zone": zone, "kind": kind,
            "refund_policy": fields.string("refundPolicy", required=False, max_length=64) or "none",
            "description": fields.string("description", required=False, max_length=10_000) or ""}


def create_ticket_type(session: Session, fields: Fields) -> dict[str, Any]:
    event_id = fields.identifier("event", what="the event id") or ""
    event = session.get(Event, event_id)
    if event is None:
        raise NotFound(f"unknown event {event_id!r}", field=fields.at("event"))
    values = _ticket_type_fields(session, fields, event)
    tax_bp = fields.decimal_amount("taxRate", required=False)  # percent with two decimals: basis points
    if tax_bp is not None and not 0 <= tax_bp <= 10_000:
        raise BadInput(fields.at("taxRate"), f"{fields.at('taxRate')} must be a percentage from 0 to 100")
    position = session.scalar(select(func.count()).select_from(TicketType).where(TicketType.event_id == event.id))
    ticket_type = TicketType(position=position or 0, **values)
    session.add(ticket_type)
    session.flush()
    if tax_bp is not None:
        session.add(TicketTypeTax(ticket_type_id=ticket_type.id, rate_bp=tax_bp))
        session.flush()
    return ticket_type_row(ticket_type)


def is_general_admission(ticket_type: TicketType) -> bool:
    """A ticket type with a capacity and no seats (no zone) is general admission."""
    return ticket_type.zone is None and ticket_type.capacity is not None


def add_setup_routes(app: FastAPI, db: Database) -> None:
    from boxoffice.central.event_http import add_route  # fastapi: only a server builds routes

    def created(work: Any) -> Any:
        return lambda session, call: (201, work(session, call.fields()))

    add_route(app, db, "POST", "/data/event/create", created(create_event), access="admin",
              summary="Create an event (admin token)", tag="event setup")
    add_route(app, db, "POST", "/data/event/update", lambda s, c: update_event(s, c.fields()), access="admin",
              summary="Update an event's name, currency or dates (admin token)", tag="event setup")
    add_route(app, db, "GET", "/data/event/list", lambda s, c: list_events(s), access="admin", writes=False,
              summary="Every event (admin token)", tag="event setup")
    add_route(app, db, "POST", "/data/office/create", created(create_office), access="admin",
              summary="Create a box office (admin token)", tag="event setup")
    add_route(app, db, "GET", "/data/office/list", lambda s, c: list_offices(s), access="admin", writes=False,
              summary="Every box office (admin token)", tag="event setup")
    add_route(app, db, "POST", "/data/event_ticket_type/create", created(create_ticket_type), access="admin",
              summary="Create a ticket type (the spec's TicketType fields; admin token)", tag="event setup")


def call_for(session: Session, work: Any, data: dict[str, Any]) -> Any:
    """Run a setup function on a plain dict (the CLI's way in)."""
    return work(session, Fields(data, "data"))

