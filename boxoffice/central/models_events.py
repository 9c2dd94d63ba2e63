"""Tables of the event-tickets API (issue #16): issued tickets, bookings, check-ins, imported seat details.

New tables only, on the central's :class:`~boxoffice.central.models.Base` (the central has no migrations:
``create_all`` adds missing tables). A seat is still a row of ``tickets``; what the seat CSV brings beyond it
(price level, map position) lives in :class:`SeatDetail`. Tickets sold by a box office stay in
``orders``/``order_tickets``; their check-ins are recorded here like any other ticket's.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boxoffice.central.models import Base, utcnow

VALID = "valid"
REFUNDED = "refunded"
CANCELLED = "cancelled"
REVOKED = "revoked"
"""Ticket states: only ``valid`` admits; the others keep the record with its QR void."""


class TicketTypeTax(Base):
    """The VAT rate a ticket type is sold at (an extension: ``taxRate``), in basis points; none: the terminal's
    configured default applies. A table of its own so an existing platform database needs no migration."""

    __tablename__ = "ticket_type_taxes"
    ticket_type_id: Mapped[int] = mapped_column(ForeignKey("ticket_types.id"), primary_key=True)
    rate_bp: Mapped[int] = mapped_column(Integer)


class SeatDetail(Base):
    """What a venue's seat CSV says about a seat beyond the ``tickets`` row: price level and map position."""

    __tablename__ = "event_seat_details"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(64), index=True)
    price_level: Mapped[str] = mapped_column(String(64))
    x: Mapped[float | None]
    y: Mapped[float | None]


class Booking(Base):
    """An online purchase: ``pending`` until the gateway confirms it, then ``confirmed`` with its tickets."""

    __tablename__ = "event_bookings"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    email: Mapped[str] = mapped_column(String(255))
    name: Mapped[str] = mapped_column(String(255))
    status: Mapped[str] = mapped_column(String(16))
    items: Mapped[list[Any]] = mapped_column(default=list)
    """``[{"ticketTypeId", "quantity", "unit_cents"}]``: what was priced at purchase time."""
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    payment_gateway: Mapped[str] = mapped_column(String(16))
    payment_intent: Mapped[str] = mapped_column(String(64))
    payment_ref: Mapped[str | None] = mapped_column(String(255))
    promo_code: Mapped[str | None] = mapped_column(String(64))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)
    date_confirmed: Mapped[datetime | None]
    date_closed: Mapped[datetime | None]


class EventTicket(Base):
    """A ticket issued by the central (online, comp or transfer). ``qr_payload`` is a Satellite Tag barcode."""

    __tablename__ = "event_tickets"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    ticket_type_id: Mapped[int] = mapped_column(ForeignKey("ticket_types.id"), index=True)
    seat_ticket_id: Mapped[str | None] = mapped_column(String(128))
    booking_id: Mapped[str | None] = mapped_column(String(64), index=True)
    source: Mapped[str] = mapped_column(String(16))
    holder_email: Mapped[str | None] = mapped_column(String(255))
    holder_name: Mapped[str | None] = mapped_column(String(255))
    qr_payload: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(16), default=VALID)
    price_cents: Mapped[int] = mapped_column(BigInteger, default=0)
    currency: Mapped[str] = mapped_column(String(3))
    note: Mapped[str | None] = mapped_column(Text)
    transferred_from: Mapped[str | None] = mapped_column(String(64))
    transferred_to: Mapped[str | None] = mapped_column(String(64))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)
    date_updated: Mapped[datetime] = mapped_column(default=utcnow)


class CheckIn(Base):
    """One admitted scan. ``ticket_key`` is an event ticket id, or ``order_id/ticket_id`` for a window sale."""

    __tablename__ = "event_checkins"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(64))
    ticket_key: Mapped[str] = mapped_column(String(200))
    scan_point: Mapped[str | None] = mapped_column(String(64))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_event_checkins_ticket", "ticket_key"),)
