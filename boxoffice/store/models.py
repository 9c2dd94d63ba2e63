"""SQLAlchemy models of the local store, as of the newest migration (head).

The database keeps its own rules where SQL can say them (CHECK on every state column, unique codes, foreign
keys), so a bug in a service fails loudly instead of writing a bad sale. Allowed values live in the tuples
below; the migrations copy them as literals, because a migration is a snapshot and must not change when this
file does.
Timestamps are aware UTC (`UTCDateTime`), money is integer cents in `*_cents` columns, JSON columns hold
Python values (`JSONText`) except `journal.payload`, whose exact text the hash chain covers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from boxoffice.store.types import JSONText, UTCDateTime, utcnow

#: Stable constraint names, which Alembic's batch mode needs to find constraints again on SQLite.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

PRODUCT_KINDS = ("ticket", "child", "family_pass")
TICKET_STATES = ("available", "sold", "returning", "returned", "withdrawn")
CLERK_ROLES = ("clerk", "supervisor", "door")
SALE_STATUSES = ("completed", "voided")
DELIVERY_STATES = ("pending", "delivered", "parked", "conflict", "cancelled")
PAYMENT_METHODS = ("cash", "card")
OUTBOX_KINDS = ("sale", "unassign", "void", "refund", "activate")
OUTBOX_STATES = ("pending", "delivered", "parked", "cancelled")

#: Satellite Tag code lengths (DESIGN.md): purchase code, + 4-digit item counter, + 5-character ticket suffix.
PURCHASE_CODE_LENGTH = 13
ITEM_CODE_LENGTH = 17
BARCODE_LENGTH = 18


def one_of(column: str, values: tuple[str, ...]) -> str:
    """SQL for "column is one of values", for a CHECK constraint."""
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}


class Event(Base):
    """An event whose tickets are (or were) assigned to this office; id is the central platform's."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    starts_at: Mapped[datetime | None]
    venue: Mapped[str | None] = mapped_column(String)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Product(Base):
    """A ticket type and its price; id is the central product id. A family pass lists its components."""

    __tablename__ = "products"
    __table_args__ = (
        CheckConstraint(one_of("kind", PRODUCT_KINDS), name="kind"),
        CheckConstraint("price_cents >= 0", name="price_cents"),
    )

    id: Mapped[str] = mapped_column(String, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    name: Mapped[str] = mapped_column(String)
    price_cents: Mapped[int] = mapped_column(Integer)
    zone: Mapped[str | None] = mapped_column(String)
    kind: Mapped[str] = mapped_column(String(16), default="ticket", server_default="ticket")
    #: For a family pass: [{"product_id": str, "quantity": int}, ...]; None for other kinds.
    components: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONText)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    #: The type's sale window (saleStart/saleEnd) and visibility: the window refuses a sale outside them.
    sale_start: Mapped[datetime | None]
    sale_end: Mapped[datetime | None]
    visibility: Mapped[str] = mapped_column(String(16), default="public", server_default="public")
    #: the VAT rate the platform sells it at (basis points); None: [fiscal] default_tax_rate
    tax_rate_bp: Mapped[int | None] = mapped_column(Integer)


class Ticket(Base):
    """A seat assigned to this office. `state` is ours; `central_available` is central's last word on it."""

    __tablename__ = "tickets"
    __table_args__ = (
        CheckConstraint(one_of("state", TICKET_STATES), name="state"),
        Index("ix_tickets_event_id_state", "event_id", "state"),
        # Serves best available (boxoffice.services.best_available): a zone's free seats in natural order.
        Index("ix_tickets_best_available", "event_id", "zone", "state", "row_rank", "seat_rank"),
    )

    id: Mapped[str] = mapped_column(String, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"))
    seat_id: Mapped[str] = mapped_column(String)
    row: Mapped[str | None] = mapped_column(String)
    zone: Mapped[str] = mapped_column(String)
    color: Mapped[str] = mapped_column(String(16))
    state: Mapped[str] = mapped_column(String(16), default="available", server_default="available")
    central_available: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    #: Natural order of the row label within the event and of the seat within its row, from 1 (0: not ranked
    #: yet); set by the pull (boxoffice.services.best_available.rank_seats).
    row_rank: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    seat_rank: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class WindowLease(Base):
    """A seat of this window's lease from the office hub (issue #18): while the hub cannot be reached, the
    window sells only these. ``recalled``: the hub asked for it back (given back unsold at the next contact)."""

    __tablename__ = "window_leases"

    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    event_id: Mapped[str] = mapped_column(String, index=True)
    recalled: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Clerk(Base):
    """A person who signs in at this window. `pin_hash` is an scrypt hash, never the PIN."""

    __tablename__ = "clerks"
    __table_args__ = (
        CheckConstraint(one_of("role", CLERK_ROLES), name="role"),
        CheckConstraint("failed_pin_attempts >= 0", name="failed_pin_attempts"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, unique=True)
    role: Mapped[str] = mapped_column(String(16), default="clerk", server_default="clerk")
    pin_hash: Mapped[str] = mapped_column(Text)
    rfid: Mapped[str | None] = mapped_column(String, unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    failed_pin_attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None]


class Shift(Base):
    """A cash drawer session: opening float, the count at close and the Z report."""

    __tablename__ = "shifts"
    __table_args__ = (CheckConstraint("float_cents >= 0", name="float_cents"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    clerk_id: Mapped[int] = mapped_column(ForeignKey("clerks.id"), index=True)
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None]
    float_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    counted_cents: Mapped[int | None] = mapped_column(Integer)
    #: Counted cash by denomination, e.g. {"5000": 2, "100": 7}.
    counted_json: Mapped[dict[str, Any] | None] = mapped_column(JSONText)
    report_json: Mapped[dict[str, Any] | None] = mapped_column(JSONText)


class Sale(Base):
    """One purchase; the purchase code is its permanent natural key. Sales are never deleted, only voided."""

    __tablename__ = "sales"
    __table_args__ = (
        CheckConstraint(one_of("status", SALE_STATUSES), name="status"),
        CheckConstraint(one_of("delivery_state", DELIVERY_STATES), name="delivery_state"),
        CheckConstraint(f"length(purchase_code) = {PURCHASE_CODE_LENGTH}", name="purchase_code_length"),
        CheckConstraint("total_cents >= 0", name="total_cents"),
        CheckConstraint(
            "(status = 'completed' AND voided_at IS NULL) OR (status = 'voided' AND voided_at IS NOT NULL)",
            name="voided_at",
        ),
        # Redundant as a key (id is unique already) but SQLite needs it: it is the parent key of
        # sale_tickets' (sale_id, sale_status) foreign key; see SaleTicket.
        UniqueConstraint("id", "status"),
        Index("ix_sales_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    purchase_code: Mapped[str] = mapped_column(String(PURCHASE_CODE_LENGTH), unique=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("events.id"), index=True)
    clerk_id: Mapped[int | None] = mapped_column(ForeignKey("clerks.id"), index=True)
    clerk_rfid: Mapped[str | None] = mapped_column(String)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    customer_id: Mapped[str | None] = mapped_column(String)
    customer_name: Mapped[str | None] = mapped_column(String)
    total_cents: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16), default="completed", server_default="completed")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    voided_at: Mapped[datetime | None]
    #: The shift the void was made in (its cash goes back from that drawer); NULL on voids made before voids
    #: named their shift, and on sales not voided.
    void_shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    void_reason: Mapped[str | None] = mapped_column(Text)
    delivery_state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    #: What the central platform flagged (per-ticket conflicts), for the supervisor.
    conflict_json: Mapped[dict[str, Any] | None] = mapped_column(JSONText)
    notes: Mapped[str | None] = mapped_column(Text)
    #: Set on a comp (tickets issued at zero price by a supervisor); the recipient is ``customer_name``.
    comp_reason: Mapped[str | None] = mapped_column(Text)
    training: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    items: Mapped[list[SaleItem]] = relationship(back_populates="sale", order_by="SaleItem.position")
    tickets: Mapped[list[SaleTicket]] = relationship(back_populates="sale", order_by="SaleTicket.id")
    payments: Mapped[list[Payment]] = relationship(back_populates="sale", order_by="Payment.id")


class SaleItem(Base):
    """A line of a sale; its item code is the purchase code + the 4-digit `position`."""

    __tablename__ = "sale_items"
    __table_args__ = (
        CheckConstraint(f"length(item_code) = {ITEM_CODE_LENGTH}", name="item_code_length"),
        CheckConstraint("position >= 0 AND position <= 9999", name="position"),
        CheckConstraint("quantity > 0", name="quantity"),
        CheckConstraint("unit_cents >= 0 AND discount_cents >= 0 AND total_cents >= 0", name="cents"),
        UniqueConstraint("sale_id", "position"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id", ondelete="RESTRICT"))
    item_code: Mapped[str] = mapped_column(String(ITEM_CODE_LENGTH), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(String)
    quantity: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    unit_cents: Mapped[int] = mapped_column(Integer)
    discount_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    total_cents: Mapped[int] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="items")
    tickets: Mapped[list[SaleTicket]] = relationship(back_populates="item", order_by="SaleTicket.id")


class SaleTicket(Base):
    """A ticket issued by a sale, with its barcode.

    Rule: a ticket is in at most one *completed* sale. A plain unique index on ticket_id would be wrong (a
    ticket freed by a void must be sellable again), and the status lives on `sales`, which a partial index
    here cannot see. So `sale_status` copies the sale's status and the foreign key (sale_id, sale_status) ->
    sales(id, status) ON UPDATE CASCADE keeps the copy exact: SQLite refuses a row whose copy differs, and
    voiding the sale rewrites the copies. The partial unique index on ticket_id WHERE sale_status =
    'completed' then enforces the rule in SQL, with no triggers. Add rows through `Sale.tickets` (which fills
    sale_id and sale_status), or give both.
    """

    __tablename__ = "sale_tickets"
    __table_args__ = (
        ForeignKeyConstraint(
            ["sale_id", "sale_status"], ["sales.id", "sales.status"], onupdate="CASCADE", ondelete="RESTRICT"
        ),
        CheckConstraint(f"length(barcode) = {BARCODE_LENGTH}", name="barcode_length"),
        CheckConstraint("price_cents >= 0", name="price_cents"),
        Index("ix_sale_tickets_sale_id_sale_status", "sale_id", "sale_status"),
        Index("ix_sale_tickets_ticket_id", "ticket_id"),
        Index(
            "uq_sale_tickets_ticket_id_completed",
            "ticket_id",
            unique=True,
            sqlite_where=text("sale_status = 'completed' AND refund_id IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(Integer)
    sale_status: Mapped[str] = mapped_column(String(16), default="completed", server_default="completed")
    sale_item_id: Mapped[int] = mapped_column(ForeignKey("sale_items.id", ondelete="RESTRICT"), index=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"))
    product_id: Mapped[str] = mapped_column(String)
    description: Mapped[str] = mapped_column(String)
    barcode: Mapped[str] = mapped_column(String(BARCODE_LENGTH), unique=True)
    price_cents: Mapped[int] = mapped_column(Integer)
    #: The refund that gave this ticket back (``refunds.id``, store/models_refunds.py); NULL: not refunded.
    refund_id: Mapped[int | None] = mapped_column(Integer)

    sale: Mapped[Sale] = relationship(back_populates="tickets")
    item: Mapped[SaleItem] = relationship(back_populates="tickets")


class Payment(Base):
    """Money taken for a sale. Cash: tendered = amount + change. Card: `reference` is the card slip's."""

    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint(one_of("method", PAYMENT_METHODS), name="method"),
        CheckConstraint("amount_cents >= 0 AND change_cents >= 0", name="cents"),
        CheckConstraint(
            "tendered_cents IS NULL OR tendered_cents = amount_cents + change_cents", name="change"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id", ondelete="RESTRICT"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(Integer)
    tendered_cents: Mapped[int | None] = mapped_column(Integer)
    change_cents: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    reference: Mapped[str | None] = mapped_column(String)

    sale: Mapped[Sale] = relationship(back_populates="payments")


class Outbox(Base):
    """A message for the central platform, delivered in `id` order and retried under one idempotency key.

    AUTOINCREMENT so an id is never reused: the delivery order is the order of writing, forever.
    """

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint(one_of("kind", OUTBOX_KINDS), name="kind"),
        CheckConstraint(one_of("state", OUTBOX_STATES), name="state"),
        CheckConstraint("attempts >= 0", name="attempts"),
        Index("ix_outbox_state_id", "state", "id"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    #: What the message is about, e.g. the purchase code.
    subject: Mapped[str] = mapped_column(String)
    idempotency_key: Mapped[str] = mapped_column(String, unique=True)
    payload: Mapped[Any] = mapped_column(JSONText)
    state: Mapped[str] = mapped_column(String(16), default="pending", server_default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]
    response: Mapped[Any | None] = mapped_column(JSONText)
    #: When a request carrying this item was first about to be sent (committed before sending): from then on
    #: the platform may hold it, so a void of the sale must reach the platform.
    attempted_at: Mapped[datetime | None]


class JournalEntry(Base):
    """An append-only audit record, chained by hash (the chain is computed elsewhere; this only stores it).

    `payload` is plain text, not `JSONText`: the hash covers these exact characters, so nothing may re-encode
    them on the way in or out. Write it with `boxoffice.store.types.canonical_json`. AUTOINCREMENT so a
    sequence number is never reused.
    """

    __tablename__ = "journal"
    __table_args__ = {"sqlite_autoincrement": True}

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String)
    actor: Mapped[str | None] = mapped_column(String)
    subject: Mapped[str | None] = mapped_column(String)
    payload: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String)
    hash: Mapped[str] = mapped_column(String)
    #: HMAC-SHA256 of `hash` with the terminal's journal key (OS keyring); None before a key existed
    mac: Mapped[str | None] = mapped_column(String)


class SyncState(Base):
    """Small key/value facts about synchronisation (last pull, last success, cursors)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


CONFLICT_ROLES = ("seller", "holder")


class ConflictReport(Base):
    """A conflict the platform recorded involving this office (``offline_office_sync_conflicts``), as it said.

    Keyed by the platform's ``conflict_id``, so fetching a row twice stores it once. ``holder``: another office's
    sale named our ticket or purchase code; ``seller``: our sale ran into another side's ticket. Only the
    supervisor's "seen" (who, when, note) is ours; a report never touches a sale or a seat.
    """

    __tablename__ = "conflict_reports"
    __table_args__ = (CheckConstraint(one_of("role", CONFLICT_ROLES), name="role"),)

    conflict_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    kind: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String(8))
    event_id: Mapped[str | None] = mapped_column(String)
    ticket_id: Mapped[str | None] = mapped_column(String)
    purchase_code: Mapped[str | None] = mapped_column(String)
    #: the office whose sale ran into the conflict (the seller)
    office_id: Mapped[str | None] = mapped_column(String)
    other_channel: Mapped[str | None] = mapped_column(String)
    other_office_id: Mapped[str | None] = mapped_column(String)
    #: our own order on the platform (the platform names it only to the seller)
    order_id: Mapped[str | None] = mapped_column(String)
    detected_at: Mapped[datetime | None]
    fetched_at: Mapped[datetime] = mapped_column(default=utcnow)
    seen_at: Mapped[datetime | None] = mapped_column(index=True)
    seen_by: Mapped[str | None] = mapped_column(String)
    seen_note: Mapped[str | None] = mapped_column(Text)


INVOICE_KINDS = ("F2", "R5")
INVOICE_SUBMISSIONS = ("off", "pending", "sent")


class Invoice(Base):
    """A simplified invoice (F2) or its rectificativa (R5) and its Verifactu registration record (``record``,
    canonical JSON with its ``Huella``; boxoffice/core/fiscal.py). Written in the sale's or the void's
    transaction and never updated except ``submission``: a correction is a new R5 row. ``id`` is the chain's
    order; (series, year, seq) has no gaps because a number is taken only in the transaction that commits it."""

    __tablename__ = "invoices"
    __table_args__ = (
        CheckConstraint(one_of("kind", INVOICE_KINDS), name="kind"),
        CheckConstraint(one_of("submission", INVOICE_SUBMISSIONS), name="submission"),
        UniqueConstraint("series", "year", "seq"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String, unique=True)
    series: Mapped[str] = mapped_column(String)
    year: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(2))
    purchase_code: Mapped[str] = mapped_column(String, index=True)
    #: the F2 a rectificativa names: one for a void or a whole refund, one per partial refund
    rectifies_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"), index=True)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)
    issued_at: Mapped[datetime]
    total_cents: Mapped[int] = mapped_column(BigInteger)
    quota_cents: Mapped[int] = mapped_column(BigInteger)
    record: Mapped[str] = mapped_column(Text)
    huella: Mapped[str] = mapped_column(String(64))
    submission: Mapped[str] = mapped_column(String(8), default="off", server_default="off")
    submitted_at: Mapped[datetime | None]


PRINT_STATES = ("pending", "printed")


class TicketPrintState(Base):
    """A ticket sent to a printer: ``pending`` from before it is sent until the printer confirms it (``printed``).

    A ticket still pending at start was never confirmed (the printer stopped, or the program did): the window
    offers it for reprint (``services/print_jobs.py``). ``position`` is the ticket's place in its sale (1-based).
    """

    __tablename__ = "ticket_prints"
    __table_args__ = (CheckConstraint(one_of("state", PRINT_STATES), name="state"),)

    barcode: Mapped[str] = mapped_column(String, primary_key=True)
    purchase_code: Mapped[str] = mapped_column(String)
    position: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(8), index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
from boxoffice.store import models_door as _models_door  # noqa: E402,F401  (door snapshot, #16 point 5)
from boxoffice.store import models_refunds as _models_refunds  # noqa: E402,F401  (refunds, #16 point 6)
