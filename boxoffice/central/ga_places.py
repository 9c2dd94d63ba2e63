"""A general-admission type's *places* (:mod:`boxoffice.central.ga_allotment`): which zone they are in, and how
many are taken. Small and model-only, so the ticket-type listing and the capacity count can use it."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boxoffice.central.models import Ticket, TicketType


def ga_zone(ticket_type: TicketType) -> str | None:
    """The zone of a general-admission type's places (its name); None for a seated or unlimited type."""
    if ticket_type.zone is not None or ticket_type.capacity is None or ticket_type.kind != "ticket":
        return None
    return ticket_type.name


def places_taken(session: Session, ticket_type: TicketType, *, held: bool = True) -> int:
    """Places of the type sold, and (``held``) held unsold by an offline office: a returned, unsold place is free
    again. Capacity for a new allotment counts both; judging an offline sale only the sold ones (a place the
    office held was within capacity when it was given)."""
    zone = ga_zone(ticket_type)
    if zone is None:
        return 0
    taken = Ticket.status.is_(False)
    if held:
        taken = taken | Ticket.status_offline.is_(True)
    return session.scalar(select(func.count()).select_from(Ticket).where(
        Ticket.event_id == ticket_type.event_id, Ticket.zone == zone, taken)) or 0
