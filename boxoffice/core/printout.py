"""What goes on paper: plain frozen records for one ticket and one receipt. No Qt, no database.

The services layer builds these from a sale; layouts and outputs (PDF, system printer, ESC/POS) only read them,
so every output prints exactly the same facts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from boxoffice.core.seats import Place, place_of

_HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class PassShare:
    """A ticket issued as one of a pass's tickets (a family pass): the pass's name, what the whole pass cost
    and which of its tickets this is. The ticket prints these instead of a made-up share of the price."""

    name: str
    price_cents: int  # the whole pass, as paid (its line's discount taken off)
    number: int  # 1-based, within this pass
    of: int  # tickets in this pass

    def __post_init__(self) -> None:
        if not 1 <= self.number <= self.of:
            raise ValueError(f"ticket {self.number} of {self.of} is not in the pass")


@dataclass(frozen=True)
class TicketPrint:
    """One admission ticket as printed. ``seat`` is the platform's seat code (``GEN101``); None means general
    admission ("General"). ``pass_of`` is set on the tickets of a pass."""

    event_name: str
    event_start: datetime | None
    zone: str
    zone_colour: str  # "#rrggbb"
    row: str | None
    seat: str | None
    product: str  # "Adult", "Niño" ...
    price_cents: int
    office: str
    clerk: str
    purchase_code: str
    barcode: str
    reprint: bool = False
    training: bool = False
    comp: bool = False
    pass_of: PassShare | None = None

    def __post_init__(self) -> None:
        if not _HEX_COLOUR.fullmatch(self.zone_colour):
            raise ValueError(f"zone colour must look like #rrggbb, not {self.zone_colour!r}")
        if self.event_start is not None and self.event_start.tzinfo is None:
            raise ValueError("event start must be a timezone-aware datetime")
        if not self.barcode or not self.barcode.isascii() or not self.barcode.isprintable():
            raise ValueError(f"barcode must be printable ASCII, not {self.barcode!r}")
        if isinstance(self.price_cents, bool) or not isinstance(self.price_cents, int):
            raise TypeError("price_cents must be an int")

    @property
    def general_admission(self) -> bool:
        return self.seat is None

    @property
    def place(self) -> Place:
        """Zone, row and seat number as a person reads them (``GEN101`` -> seat ``101``)."""
        return place_of(self.zone, self.row, self.seat)


@dataclass(frozen=True)
class ReceiptLine:
    """One line item: ``quantity`` × ``unit_cents`` = ``total_cents`` (total given, never recomputed here)."""

    description: str
    quantity: int
    unit_cents: int
    total_cents: int


@dataclass(frozen=True)
class ReceiptDiscount:
    description: str
    amount_cents: int  # positive: the amount taken off


@dataclass(frozen=True)
class ReceiptPayment:
    method: str  # "Cash", "Card" ... already in the receipt's language
    amount_cents: int  # what was tendered
    change_cents: int = 0  # given back on this payment (cash)


@dataclass(frozen=True)
class ReceiptTax:
    """One tax rate's share of an invoice, as the receipt states it (base + quota, tax-inclusive prices)."""

    rate_bp: int  # basis points: 2100 is 21 %
    base_cents: int
    quota_cents: int


@dataclass(frozen=True)
class ReceiptInvoice:
    """The simplified invoice (F2) or rectificativa (R5) a receipt carries, with its Verifactu QR."""

    number: str
    kind: str  # "F2" | "R5"
    date: str  # dd-mm-yyyy
    issuer_name: str
    issuer_nif: str
    taxes: tuple[ReceiptTax, ...]
    total_cents: int
    qr: str  # the AEAT check URL the QR encodes
    rectifies: str | None = None  # the original invoice's number (R5)


@dataclass(frozen=True)
class ReceiptPrint:
    """A sale's receipt as printed."""

    purchase_code: str
    date: datetime
    office: str
    clerk: str
    lines: tuple[ReceiptLine, ...]
    subtotal_cents: int
    total_cents: int
    discounts: tuple[ReceiptDiscount, ...] = field(default=())
    payments: tuple[ReceiptPayment, ...] = field(default=())
    reprint: bool = False
    training: bool = False
    invoices: tuple[ReceiptInvoice, ...] = field(default=())  # the sale's F2 and, once voided, its R5

    def __post_init__(self) -> None:
        if self.date.tzinfo is None:
            raise ValueError("receipt date must be a timezone-aware datetime")

    @property
    def paid_cents(self) -> int:
        return sum(p.amount_cents for p in self.payments)

    @property
    def change_cents(self) -> int:
        return sum(p.change_cents for p in self.payments)
