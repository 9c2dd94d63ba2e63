"""General admission for offline offices (issue #16 point 2): an office is assigned a *quantity* of a
general-admission ticket type, not seat ids.

A general-admission type (a ``capacity`` and no ``zone``) has no seats, but an offline office must hold what it
sells so that two offices never sell the same place and the sync, the returns and the door all keep working on
ticket ids. So an allotment of N creates N unnumbered *places* of the type: ticket rows whose zone is the type's
name (``ga_zone``), numbered 1, 2, 3 … in one row with no label, assigned to the office as any ticket is. The
office sells from them offline (never more than it holds), sends them with their barcodes in the spec's sync,
and returns the unsold ones with the spec's unassign. A returned place is reused by the next allotment.

Capacity counts every place held by an office or sold, besides the tickets issued online
(:func:`boxoffice.central.ticket_issuing.sold_count`), so an allotment can never oversell the type.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.db import Database
from boxoffice.central.envelope import BadInput, Conflict, NotFound
from boxoffice.central.ga_places import ga_zone
from boxoffice.central.ids import new_id
from boxoffice.central.models import Event, Ticket, TicketType
from boxoffice.central.offline_office import TicketsRequest, assign
from boxoffice.central.validation import Fields

if TYPE_CHECKING:
    from fastapi import FastAPI

#: colour of the places on a seat map (general admission has no seat plan)
PLACE_COLOUR = "#7F8C8D"


def assign_quantity(session: Session, fields: Fields, now: datetime) -> dict[str, Any]:
    """Give ``office_id`` ``quantity`` places of the general-admission type ``ticket_type_id`` (all or none)."""
    from boxoffice.central.ticket_issuing import sold_count  # imports this module's neighbours: imported late

    event_id = fields.identifier("event_id", what="the event id") or ""
    office_id = fields.identifier("office_id", what="the office id") or ""
    type_id = fields.integer("ticket_type_id", minimum=1)
    quantity = fields.integer("quantity", minimum=1, maximum=100_000)
    ticket_type = session.get(TicketType, type_id)
    if session.get(Event, event_id) is None:
        raise NotFound(f"unknown event {event_id!r}", field=fields.at("event_id"))
    if ticket_type is None or ticket_type.event_id != event_id:
        raise NotFound(f"event {event_id!r} has no ticket type {type_id}", field=fields.at("ticket_type_id"))
    zone = ga_zone(ticket_type)
    if zone is None:
        raise BadInput(fields.at("ticket_type_id"), f"{ticket_type.name!r} is not general admission (a capacity and "
                                                    "no zone): assign its seats instead")
    seated = session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.event_id == event_id, Ticket.zone == zone, Ticket.seat_row != "")) or 0
    if seated:
        raise Conflict(f"event {event_id!r} has seats in a zone named {zone!r}: rename the ticket type")
    left = (ticket_type.capacity or 0) - sold_count(session, ticket_type)
    if quantity > left:
        raise Conflict(f"{ticket_type.name!r} has {max(left, 0)} places left of {ticket_type.capacity}; "
                       f"{quantity} asked for")
    free = list(session.scalars(select(Ticket.id).where(
        Ticket.event_id == event_id, Ticket.zone == zone, Ticket.status.is_(True),
        Ticket.status_offline.is_(False)).order_by(Ticket.position).limit(quantity)))
    numbered = session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.event_id == event_id, Ticket.zone == zone)) or 0
    new = [Ticket(id=new_id(), event_id=event_id, seat_id=f"{zone} {numbered + n}", seat_row="", zone=zone,
                  color=PLACE_COLOUR, position=numbered + n, status=True, status_offline=False,
                  date_created=now, date_updated=now) for n in range(1, quantity - len(free) + 1)]
    session.add_all(new)
    session.flush()
    ids = free + [ticket.id for ticket in new]
    result = assign(session, TicketsRequest(ids, office_id, event_id), Principal(0, None, True), now=now)
    if result.status != 200:  # a place was taken meanwhile: nothing is kept
        raise Conflict(f"places of {ticket_type.name!r} could not be assigned: {result.data.get('motivos')}")
    return {"eventId": event_id, "officeId": office_id, "ticketTypeId": type_id, "zone": zone,
            "assigned": len(ids), "tickets": ids}


def add_allotment_route(app: FastAPI, db: Database) -> None:
    from boxoffice.central.event_http import add_route  # fastapi: only a server builds routes

    add_route(app, db, "POST", "/data/event_ticket_type/assign_office",
              lambda session, call: (201, assign_quantity(session, call.fields(), call.now)), access="admin",
              summary="Give an offline office a quantity of a general-admission type (admin token)",
              tag="event setup")
