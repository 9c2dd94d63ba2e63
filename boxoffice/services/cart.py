"""The clerk's cart: what the customer is buying, priced as the sale service will price it.

Plain Python (no Qt, no database), so the window, the tests and the sale agree on every total. Seats picked
on the map become one row each (their product can be switched, e.g. adult -> child); a zone quantity or a
family pass is one row. At checkout rows collapse into the sale's lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from boxoffice.core.errors import InvalidSale
from boxoffice.services.catalog import ProductInfo
from boxoffice.services.sales import LineRequest


@dataclass(frozen=True)
class CartRow:
    product: ProductInfo
    quantity: int = 1
    ticket_ids: tuple[str, ...] = ()
    seat_labels: tuple[str, ...] = ()
    zone: str | None = None
    discount_cents: int = 0

    @property
    def gross_cents(self) -> int:
        return self.product.price_cents * self.quantity

    @property
    def total_cents(self) -> int:
        return self.gross_cents - self.discount_cents

    @property
    def tickets(self) -> int:
        return self.quantity * self.product.tickets_per_unit


@dataclass
class Cart:
    event_id: str
    rows: list[CartRow] = field(default_factory=list)
    #: The supervisor (clerk id) who approved a discount above the clerk's limit, carried into the sale request.
    discount_approved_by: int | None = None

    @property
    def total_cents(self) -> int:
        return sum(r.total_cents for r in self.rows)

    @property
    def ticket_count(self) -> int:
        return sum(r.tickets for r in self.rows)

    @property
    def seat_ids(self) -> set[str]:
        return {t for r in self.rows for t in r.ticket_ids}

    def is_empty(self) -> bool:
        return not self.rows

    def clear(self) -> None:
        self.rows.clear()
        self.discount_approved_by = None

    def add_seat(self, product: ProductInfo, ticket_id: str, label: str) -> None:
        if ticket_id in self.seat_ids:
            return
        self.rows.append(CartRow(product, 1, (ticket_id,), (label,), zone=product.zone))

    def remove_seat(self, ticket_id: str) -> None:
        self.rows = [r for r in self.rows if ticket_id not in r.ticket_ids]

    def add_quantity(self, product: ProductInfo, zone: str | None, quantity: int) -> None:
        """Best-available seats from ``zone``; adds to an existing row of the same product and zone."""
        if quantity <= 0:
            return
        for i, row in enumerate(self.rows):
            if row.product.id == product.id and row.zone == zone and not row.ticket_ids:
                self.rows[i] = replace(row, quantity=row.quantity + quantity)
                return
        self.rows.append(CartRow(product, quantity, zone=zone))

    def set_product(self, index: int, product: ProductInfo) -> None:
        row = self.rows[index]
        if product.tickets_per_unit != row.product.tickets_per_unit:
            raise InvalidSale(f"{product.name} cannot replace {row.product.name} on this row",
                              code="cart_product_mismatch", params={"product": product.name, "row": row.product.name})
        self.rows[index] = replace(row, product=product, discount_cents=min(row.discount_cents,
                                                                              product.price_cents * row.quantity))

    def set_discount(self, index: int, discount_cents: int) -> None:
        row = self.rows[index]
        if not 0 <= discount_cents <= row.gross_cents:
            raise InvalidSale("the discount must be between zero and the row's price", code="discount_out_of_range",
                              params={"product": row.product.name})
        self.rows[index] = replace(row, discount_cents=discount_cents)

    def remove(self, index: int) -> None:
        del self.rows[index]

    def lines(self) -> tuple[LineRequest, ...]:
        """Rows as the sale's lines: seat rows of the same product merge into one line."""
        if not self.rows:
            raise InvalidSale("the cart is empty", code="cart_empty")
        lines: list[LineRequest] = []
        merged: dict[str, int] = {}
        for row in self.rows:
            if row.ticket_ids and row.product.tickets_per_unit == 1:
                at = merged.get(row.product.id)
                if at is not None:
                    line = lines[at]
                    lines[at] = replace(line, quantity=line.quantity + 1, ticket_ids=line.ticket_ids + row.ticket_ids,
                                        discount_cents=line.discount_cents + row.discount_cents)
                    continue
                merged[row.product.id] = len(lines)
            lines.append(LineRequest(product_id=row.product.id, quantity=row.quantity, ticket_ids=row.ticket_ids,
                                     zone=None if row.ticket_ids else row.zone, discount_cents=row.discount_cents))
        return tuple(lines)
