"""Printouts built from real sales in a seeded store (no Qt)."""

from __future__ import annotations

from datetime import UTC, timedelta, timezone

import pytest

from boxoffice.core.errors import UnknownSale
from boxoffice.services.printouts import receipt_for_sale, tickets_for_sale
from boxoffice.services.sales import sell
from boxoffice.store.engine import Store
from tests.unit.services.services_helpers import (
    EVENT_NAME,
    GENERAL,
    P_GEN,
    PRICES,
    TERMINAL,
    cash,
    request,
    seats,
    sell_seats,
    ticket_id,
)

MADRID = timezone(timedelta(hours=2))


def test_tickets_for_a_sale_carry_event_seat_price_and_barcodes(store: Store) -> None:
    sold = sell_seats(store, ticket_id(GENERAL, 1), ticket_id(GENERAL, 7))
    tickets = tickets_for_sale(store.session_factory, sold.purchase_code, "Taquilla Centro", local_tz=MADRID)
    assert [t.barcode for t in tickets] == [t.barcode for t in sold.tickets]  # issue order
    first = tickets[0]
    assert first.event_name == EVENT_NAME
    assert first.event_start is not None and first.event_start.utcoffset() == timedelta(hours=2)
    assert first.event_start.hour == 22  # 20:00 UTC in the office's zone
    assert (first.zone, first.zone_colour, first.seat, first.row) == (GENERAL, "#00AA00", "G01", "A")
    assert first.price_cents == PRICES[P_GEN]
    assert first.office == "Taquilla Centro" and first.purchase_code == sold.purchase_code
    assert not (first.reprint or first.training or first.comp)
    again = tickets_for_sale(store.session_factory, sold.purchase_code.lower(), "X", reprint=True, local_tz=UTC)
    assert all(t.reprint for t in again)


def test_receipt_shows_gross_lines_discount_tendered_and_change(store: Store) -> None:
    line = seats(ticket_id(GENERAL, 2), ticket_id(GENERAL, 3), discount=500)
    total = 2 * PRICES[P_GEN] - 500
    sold = sell(store.session_factory, TERMINAL, request(line, payments=[cash(total + 1500)]))
    printed = receipt_for_sale(store.session_factory, sold.purchase_code, "Taquilla Centro", local_tz=MADRID)
    assert printed.subtotal_cents == 2 * PRICES[P_GEN]
    assert [d.amount_cents for d in printed.discounts] == [500]
    assert printed.total_cents == total
    assert [(p.method, p.amount_cents, p.change_cents) for p in printed.payments] == [("cash", total + 1500, 1500)]
    assert printed.lines[0].quantity == 2 and printed.date.utcoffset() == timedelta(hours=2)


def test_unknown_purchase_code_is_a_clear_error(store: Store) -> None:
    with pytest.raises(UnknownSale, match="no sale"):
        tickets_for_sale(store.session_factory, "NOPE", "Taquilla Centro")
    with pytest.raises(UnknownSale, match="no sale"):
        receipt_for_sale(store.session_factory, "NOPE", "Taquilla Centro")
