"""``GET /client/events/{eventId}/ticket-types``: the products a box office prices its inventory with.

Fields are the event-tickets spec's TicketType (``price`` in decimal units), plus ``price_cents``, ``zone`` (the
seat zone a ``ticket`` type prices; one per zone), ``kind`` (``ticket`` | ``child`` | ``family_pass``) and
``components`` (what one family pass issues: ``[{"product_id", "quantity"}]``) and ``gaZone`` (a
general-admission type's places, which an offline office sells as its zone: central/ga_allotment.py) and
``taxRate`` (the VAT percentage the type is sold at, ``"10.00"``; null: the box office's default).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from boxoffice.central.envelope import NotFound
from boxoffice.central.ga_places import ga_zone
from boxoffice.central.models import Event, TicketType
from boxoffice.central.models_events import TicketTypeTax
from boxoffice.core.money import cents_to_api

KINDS = ("ticket", "child", "family_pass")


def ticket_type_row(ticket_type: TicketType) -> dict[str, Any]:
    return {
        "id": ticket_type.id,
        "event": ticket_type.event_id,
        "name": ticket_type.name,
        "description": ticket_type.description,
        "price": cents_to_api(ticket_type.price_cents),
        "price_cents": ticket_type.price_cents,
        "currency": ticket_type.currency,
        "capacity": ticket_type.capacity,
        "saleStart": ticket_type.sale_start,
        "saleEnd": ticket_type.sale_end,
        "perks": list(ticket_type.perks or []),
        "allowReentry": ticket_type.allow_reentry,
        "reentryLimit": ticket_type.reentry_limit,
        "acceptedScanPoints": list(ticket_type.accepted_scan_points or []),
        "visibility": ticket_type.visibility,
        "transferable": ticket_type.transferable,
        "refundPolicy": ticket_type.refund_policy,
        "zone": ticket_type.zone,
        "kind": ticket_type.kind,
        "components": ticket_type.components,
        "gaZone": ga_zone(ticket_type),
        "taxRate": _tax_rate(ticket_type),
    }


def _tax_rate(ticket_type: TicketType) -> str | None:
    """The type's VAT rate as a decimal percentage ("10.00"), or None: the box office's default applies."""
    session = object_session(ticket_type)
    tax = session.get(TicketTypeTax, ticket_type.id) if session is not None else None
    return None if tax is None else f"{tax.rate_bp // 100}.{tax.rate_bp % 100:02d}"


def list_ticket_types(session: Session, event_id: str) -> list[dict[str, Any]]:
    if session.get(Event, event_id) is None:
        raise NotFound(f"unknown event {event_id!r}", field="eventId")
    rows = session.scalars(select(TicketType).where(TicketType.event_id == event_id)
                           .order_by(TicketType.position, TicketType.id))
    return [ticket_type_row(row) for row in rows]
