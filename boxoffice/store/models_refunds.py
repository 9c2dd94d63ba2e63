"""Refunds at the window (issue #16 point 6): tickets of a sale given back, with the money, by a supervisor.

A refund belongs to the shift open when it was made (its cash leaves that drawer); the tickets it gave back
carry its id (``sale_tickets.refund_id``), so the rule "a ticket is in at most one completed sale" no longer
counts them and the seat can be sold again once the platform confirmed the refund (``confirmed_at``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from boxoffice.store.models import PURCHASE_CODE_LENGTH, Base, one_of
from boxoffice.store.types import utcnow

REFUND_METHODS = ("cash", "card")


class Refund(Base):
    """Tickets of one sale given back: how much, how (cash from the drawer, or to the card of ``card_reference``)."""

    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint(one_of("method", REFUND_METHODS), name="method"),
        CheckConstraint("amount_cents >= 0", name="amount_cents"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Sent to the platform (``refund.refund_id``): the refund's name there.
    refund_key: Mapped[str] = mapped_column(String(64), unique=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id", ondelete="RESTRICT"), index=True)
    purchase_code: Mapped[str] = mapped_column(String(PURCHASE_CODE_LENGTH))
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shifts.id"), index=True)  # None: training
    method: Mapped[str] = mapped_column(String(16))
    amount_cents: Mapped[int] = mapped_column(BigInteger)
    card_reference: Mapped[str | None] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: When the platform confirmed it (then, and only then, its seats went back on sale).
    confirmed_at: Mapped[datetime | None]
