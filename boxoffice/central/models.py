"""The central platform's own tables (SQLAlchemy 2 typed models).

Names follow the offline-office and virtual-office specs where they name a table or column (``tickets``,
``tickets_offline``, ``tickets_blocked.locked_up``, ``status``, ``status_offline``, ``status_sold``). Money is in
integer cents, always ``BigInteger`` (PostgreSQL's ``Integer`` is 32 bits: 21,474,836.47 at most); every
timestamp is timezone-aware UTC (:class:`UTCDateTime` keeps that true on SQLite, which has no time zones of its
own).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 1
"""Bumped with every schema change; a database with a higher number was written by a newer server."""


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, whatever the database does with time zones."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: the central platform stores aware UTC timestamps only")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class Meta(Base):
    """Key/value facts about the database itself; ``schema_version`` guards against older servers."""

    __tablename__ = "central_meta"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(255))


class Event(Base):
    __tablename__ = "events"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    date_start: Mapped[datetime | None]
    date_end: Mapped[datetime | None]
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class Office(Base):
    __tablename__ = "offices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class ApiToken(Base):
    """A bearer token, stored only as its SHA-256 so a leaked database leaks no working token."""

    __tablename__ = "api_tokens"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    office_id: Mapped[str | None] = mapped_column(ForeignKey("offices.id"))
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    label: Mapped[str] = mapped_column(String(255), default="")
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class Ticket(Base):
    """One seat of an event. ``status`` true = unsold (the spec's raw status)."""

    __tablename__ = "tickets"
    #: An event's tickets in seat order: an office's inventory (offline_office.list_sales, 100,000 for a stadium)
    #: is read in this order with no sort. It serves every other look-up by event too, so it is the event's only
    #: full index (a database made before it also keeps its old ``ix_tickets_event_id``): on PostgreSQL each
    #: ticket UPDATE that moves a row adds an entry to every index of the table.
    #: The sold seats of each zone, for the capacity rule of a zone's ticket type (``ticket_issuing.sold_count``,
    #: once per type and catch-up batch): without it each count read every seat of the event, 2.8 ms at 10,000
    #: seats and ten times that at 100,000 (measured), 0.19 ms with it. Partial (sold seats only), so an
    #: assignment's UPDATE of unsold seats adds nothing to it.
    __table_args__ = (
        Index("ix_tickets_event_position", "event_id", "position", "id"),
        Index("ix_tickets_sold_by_zone", "event_id", "zone", "status", sqlite_where=text("status IS 0"),
              postgresql_where=text("status IS false")),
    )
    id: Mapped[str] = mapped_column(String(128), primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    seat_id: Mapped[str] = mapped_column(String(64))
    seat_row: Mapped[str] = mapped_column(String(64))
    zone: Mapped[str] = mapped_column(String(64))
    color: Mapped[str] = mapped_column(String(16))
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[bool] = mapped_column(Boolean, default=True)
    status_offline: Mapped[bool] = mapped_column(Boolean, default=False)
    status_sold: Mapped[datetime | None]
    sold_order_id: Mapped[str | None] = mapped_column(String(64))
    access_status: Mapped[bool] = mapped_column(Boolean, default=False)
    access_entry: Mapped[int] = mapped_column(Integer, default=0)
    date_start: Mapped[datetime | None]
    date_end: Mapped[datetime | None]
    date_created: Mapped[datetime] = mapped_column(default=utcnow)
    date_updated: Mapped[datetime] = mapped_column(default=utcnow)


class TicketOffline(Base):
    """The spec's ``tickets_offline``: one row per ticket held by an offline office, keyed by its ticket.

    The spec's columns only. The ticket is the key (it was a surrogate ``id`` beside a unique ``ticket_id``: two
    indexes and a sequence to write per row; PostgreSQL, the insert of an assignment of 100,000 tickets, 6 runs
    alternated: median 2.53 -> 2.33 s). A database made before keeps its ``id`` column, which fills itself:
    nothing reads it."""

    __tablename__ = "tickets_offline"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    date_created: Mapped[datetime] = mapped_column(default=utcnow)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))

    __table_args__ = (Index("ix_tickets_offline_office_event", "office_id", "event_id"),)


class TicketBlocked(Base):
    """The spec's ``tickets_blocked``: an online hold until ``locked_up``; an expired row blocks nothing."""

    __tablename__ = "tickets_blocked"
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    locked_up: Mapped[datetime]
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class LedgerEntry(Base):
    """Append-only history of one ticket: every assign, unassign, sale, cancel, lock and unlock."""

    __tablename__ = "ticket_ledger"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(128), index=True)
    event_id: Mapped[str | None] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(32))
    office_id: Mapped[str | None] = mapped_column(String(64))
    order_id: Mapped[str | None] = mapped_column(String(64))
    detail: Mapped[str | None] = mapped_column(Text)
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class TicketType(Base):
    """A sellable product of an event (event-tickets spec's TicketType); ``kind`` says how it is issued."""

    __tablename__ = "ticket_types"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="ticket")
    zone: Mapped[str | None] = mapped_column(String(64))
    price_cents: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    capacity: Mapped[int | None] = mapped_column(Integer)
    sale_start: Mapped[datetime | None]
    sale_end: Mapped[datetime | None]
    allow_reentry: Mapped[bool] = mapped_column(Boolean, default=False)
    reentry_limit: Mapped[int] = mapped_column(Integer, default=1)
    visibility: Mapped[str] = mapped_column(String(16), default="public")
    transferable: Mapped[bool] = mapped_column(Boolean, default=False)
    refund_policy: Mapped[str] = mapped_column(String(64), default="none")
    perks: Mapped[list[Any]] = mapped_column(default=list)
    accepted_scan_points: Mapped[list[Any]] = mapped_column(default=list)
    components: Mapped[list[Any] | None]
    position: Mapped[int] = mapped_column(Integer, default=0)


class Order(Base):
    """An order created by synchronisation (the spec's ``order_created``); the purchase code is its key."""

    __tablename__ = "orders"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    purchase_code: Mapped[str | None] = mapped_column(String(64), index=True)
    status: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(32), default="offline_sync")
    event_id: Mapped[str] = mapped_column(String(64), index=True)
    event_name: Mapped[str | None] = mapped_column(Text)
    office_id: Mapped[str] = mapped_column(String(64), index=True)
    office_name: Mapped[str | None] = mapped_column(Text)
    client_id: Mapped[str | None] = mapped_column(Text)
    client_name: Mapped[str | None] = mapped_column(Text)
    amount_cents: Mapped[int | None] = mapped_column(BigInteger)
    transactions: Mapped[list[Any]] = mapped_column(default=list)
    inconsistencies: Mapped[list[Any]] = mapped_column(default=list)
    pos_transaction_id: Mapped[int | None] = mapped_column(ForeignKey("pos_transactions.id"))
    raw: Mapped[str] = mapped_column(Text, default="")
    date_created: Mapped[datetime] = mapped_column(default=utcnow)
    date_cancelled: Mapped[datetime | None]

    # purchase codes are an office's own: another office reusing one never reaches this order (issue #12)
    __table_args__ = (UniqueConstraint("office_id", "purchase_code", name="uq_orders_office_code"),)


class OrderTicket(Base):
    """A ticket of an order, with the conflict found when the sale arrived (null = clean sale)."""

    __tablename__ = "order_tickets"
    order_id: Mapped[str] = mapped_column(ForeignKey("orders.id"), primary_key=True)
    ticket_id: Mapped[str] = mapped_column(String(128), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    conflict: Mapped[str | None] = mapped_column(String(32))


class SyncEntry(Base):
    """The first result of every synchronisation entry, so a replayed entry gets the same answer."""

    __tablename__ = "sync_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str | None] = mapped_column(String(64))
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    purchase_code: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    fingerprint: Mapped[str | None] = mapped_column(String(64))
    """SHA-256 of the entry's content (not its key): a replay must match it, a reuse is refused."""
    order_id: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[dict[str, Any]]
    date_created: Mapped[datetime] = mapped_column(default=utcnow)

    # keys and purchase codes are kept per office, for good (issue #12)
    __table_args__ = (UniqueConstraint("office_id", "idempotency_key", name="uq_sync_entries_office_key"),
                      Index("ix_sync_entries_office_code", "office_id", "purchase_code", "status"))


class SyncConflict(Base):
    """A sale that ran into a ticket (or purchase code) another side holds, kept for both sides' supervisors.

    ``office_id``/``order_id``: the office whose sale ran into it and its order. ``other_channel`` says who holds
    the ticket: ``office`` (``other_office_id``), ``online_hold`` (a live online checkout), ``online`` (free
    online) or ``sold`` (another order, ``other_order_id``). Offices see only their own order ids.
    """

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))
    event_id: Mapped[str | None] = mapped_column(String(64))
    ticket_id: Mapped[str | None] = mapped_column(String(128))
    purchase_code: Mapped[str | None] = mapped_column(String(64))
    office_id: Mapped[str] = mapped_column(String(64), index=True)
    order_id: Mapped[str | None] = mapped_column(String(64))
    other_channel: Mapped[str] = mapped_column(String(16))
    other_office_id: Mapped[str | None] = mapped_column(String(64), index=True)
    other_order_id: Mapped[str | None] = mapped_column(String(64))
    date_created: Mapped[datetime] = mapped_column(default=utcnow)


class PosTransaction(Base):
    """A purchase as ``POST /ticket/transaction`` records it: stored whatever inconsistencies it has."""

    __tablename__ = "pos_transactions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(64))  # looked up with its office: uq_pos_transaction_content
    fingerprint: Mapped[str] = mapped_column(String(64))
    event_id: Mapped[str | None] = mapped_column(String(64))
    office_id: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(32))
    total_cents: Mapped[int] = mapped_column(BigInteger)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at_raw: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime | None]
    recorded_by_rfid: Mapped[str | None] = mapped_column(String(255))
    inconsistencies: Mapped[list[Any]] = mapped_column(default=list)
    raw: Mapped[str] = mapped_column(Text)
    date_received: Mapped[datetime] = mapped_column(default=utcnow)

    # a replay is the same office's (another office posting the same body stores its own copy)
    __table_args__ = (UniqueConstraint("office_id", "code", "fingerprint", name="uq_pos_transaction_content"),)


class PosPayment(Base):
    __tablename__ = "pos_payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("pos_transactions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    payment_method: Mapped[str] = mapped_column(String(32))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    change_cents: Mapped[int | None] = mapped_column(BigInteger)
    reference: Mapped[str | None] = mapped_column(String(255))


class PosItem(Base):
    __tablename__ = "pos_items"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    transaction_id: Mapped[int] = mapped_column(ForeignKey("pos_transactions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    unit_cents: Mapped[int] = mapped_column(BigInteger)
    total_cents: Mapped[int] = mapped_column(BigInteger)
    discount_cents: Mapped[int] = mapped_column(BigInteger)
    item_code: Mapped[str | None] = mapped_column(String(64))


class PosItemTicket(Base):
    __tablename__ = "pos_item_tickets"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("pos_items.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str | None] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(Text)
    barcode: Mapped[str | None] = mapped_column(String(64))
    ticket_id: Mapped[str | None] = mapped_column(String(128))


class IdempotencyRecord(Base):
    """The first answer to a request sent with ``X-Idempotency-Key``, replayed byte for byte."""

    __tablename__ = "idempotency_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    principal: Mapped[str] = mapped_column(String(128))
    function: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(255))
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(Integer)
    body: Mapped[bytes] = mapped_column(LargeBinary)
    date_created: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("principal", "function", "key", name="uq_idempotency_key"),)


class JournalAnchor(Base):
    """A terminal's journal head as a synchronisation request carried it (append-only, never updated).

    ``verdict`` is ``anchored`` when the head moved the terminal's anchor forward, or evidence of tampering:
    ``lower`` (below the anchored head) or ``fork`` (the sequence of an anchored head with another hash). See
    :mod:`boxoffice.central.journal_anchors`.
    """

    __tablename__ = "journal_anchors"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(String(64))
    terminal_id: Mapped[str] = mapped_column(String(128))
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(16))
    anchored_seq: Mapped[int | None] = mapped_column(BigInteger)
    date_created: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("office_id", "terminal_id", "seq", "hash", name="uq_journal_anchor"),
                      Index("ix_journal_anchors_terminal", "office_id", "terminal_id", "verdict", "seq"))
from boxoffice.central import models_batches as _models_batches  # noqa: E402,F401  (issue #17 tables)
from boxoffice.central import models_door as _models_door  # noqa: E402,F401  (door uploads, #16 point 5)
from boxoffice.central import models_events as _models_events  # noqa: E402,F401  (issue #16 tables)
from boxoffice.central import sale_refunds as _sale_refunds  # noqa: E402,F401  (refunds, #16 point 6)
