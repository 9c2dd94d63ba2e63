"""Tables of pre-generated tickets and pretix-style offline sales batches (issue #17).

New tables only (the central has no migrations: ``create_all`` adds them). A pre-generated ticket is an
:class:`~boxoffice.central.models_events.EventTicket` with status :data:`PREGENERATED` until it is activated;
what the activation brings that the ticket row has no column for (the payment) lives in
:class:`TicketActivation`. Asynchronous jobs (create a batch, render its PDF) keep their state here, in the
database, so every server worker answers a check URL the same way; a rendered PDF is stored in chunks so any
worker can stream it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boxoffice.central.models import Base, utcnow

PREGENERATED = "pregenerated"
"""Status of a printed-ahead ticket not sold yet: not valid for entry until activated."""


class TicketActivation(Base):
    """The sale of a pre-generated ticket: who paid what, how (the spec's ``payment``)."""

    __tablename__ = "event_ticket_activations"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("event_tickets.id"), primary_key=True)
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    method: Mapped[str] = mapped_column(String(32))
    ref: Mapped[str | None] = mapped_column(String(255))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class OfflineSalesBatch(Base):
    """A batch of pre-generated tickets (the pretix offline-sales resource); ``item`` is a ticket type id."""

    __tablename__ = "offline_sales_batches"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    organizer: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    testmode: Mapped[bool]
    sales_channel: Mapped[str] = mapped_column(String(64))
    layout: Mapped[int | None]
    item: Mapped[int] = mapped_column(ForeignKey("ticket_types.id"))
    amount: Mapped[int]
    comment: Mapped[str] = mapped_column(Text, default="")
    creation: Mapped[datetime] = mapped_column(default=utcnow)


class BatchTicket(Base):
    """Ticket ``position`` (0-based, print order) of a batch."""

    __tablename__ = "offline_sales_batch_tickets"
    batch_id: Mapped[int] = mapped_column(ForeignKey("offline_sales_batches.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("event_tickets.id"), unique=True)


class BatchJob(Base):
    """One asynchronous job: ``waiting`` -> ``running`` -> ``done`` | ``failed`` (with ``message``)."""

    __tablename__ = "offline_sales_jobs"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    """``create`` (a batch from ``params``) or ``render`` (the PDF of ``batch_id``)."""
    status: Mapped[str] = mapped_column(String(16))
    organizer: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str] = mapped_column(String(64))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    batch_id: Mapped[int | None]
    message: Mapped[str | None] = mapped_column(Text)
    pdf_bytes: Mapped[int | None] = mapped_column(BigInteger)
    date_created: Mapped[datetime] = mapped_column(default=utcnow)
    date_updated: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_offline_sales_jobs_status", "status", "date_created"),)


class BatchPdfChunk(Base):
    """Piece ``seq`` of a rendered PDF (about a megabyte each): streamed back in order."""

    __tablename__ = "offline_sales_pdf_chunks"
    job_id: Mapped[str] = mapped_column(ForeignKey("offline_sales_jobs.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
