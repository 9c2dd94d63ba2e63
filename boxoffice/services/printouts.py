"""What to print for a past or present sale: :class:`TicketPrint` / :class:`ReceiptPrint` records from the store.

One read-only transaction per call. No Qt: the records are handed to :mod:`boxoffice.printing` outputs. Payment
methods are left as their codes ("cash", "card"); the layouts put them into the receipt's language.
"""

from __future__ import annotations

import re
from datetime import datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from boxoffice.core.errors import UnknownSale
from boxoffice.core.fiscal import TEST_CHECK_URL
from boxoffice.core.printout import ReceiptDiscount, ReceiptLine, ReceiptPayment, ReceiptPrint, TicketPrint
from boxoffice.services.invoices import receipt_invoices
from boxoffice.store.models import Clerk, Event, Sale, SaleItem, Ticket

_HEX = re.compile(r"#[0-9a-fA-F]{6}")
NO_COLOUR = "#ffffff"


def _load(session: Session, purchase_code: str) -> Sale:
    sale = session.scalar(
        select(Sale)
        .where(Sale.purchase_code == purchase_code.strip().upper())
        .options(selectinload(Sale.items).selectinload(SaleItem.tickets), selectinload(Sale.payments))
    )
    if sale is None:
        raise UnknownSale(f"no sale with purchase code {purchase_code!r} at this office", code="sale_unknown",
                          params={"code": purchase_code.strip().upper()})
    return sale


def _clerk_name(session: Session, sale: Sale) -> str:
    if sale.clerk_id is None:
        return ""
    clerk = session.get(Clerk, sale.clerk_id)
    return clerk.name if clerk else ""


def tickets_for_sale(
    session_factory: sessionmaker[Session],
    purchase_code: str,
    office_name: str,
    *,
    reprint: bool = False,
    local_tz: tzinfo | None = None,
) -> list[TicketPrint]:
    """The printable tickets of a sale, in issue order. Event times are shown in ``local_tz`` (default: the
    computer's time zone). A voided sale has no valid tickets to print and is refused."""
    with session_factory() as session:
        sale = _load(session, purchase_code)
        if sale.status != "completed":
            raise UnknownSale(f"sale {sale.purchase_code} is {sale.status}: its tickets are no longer valid",
                              code="sale_tickets_invalid", params={"code": sale.purchase_code})
        event = session.get(Event, sale.event_id)
        starts = event.starts_at if event else None
        when = starts.astimezone(local_tz) if starts is not None else None
        clerk = _clerk_name(session, sale)
        out: list[TicketPrint] = []
        for item in sale.items:
            for sold in item.tickets:
                seat = session.get(Ticket, sold.ticket_id)
                colour = seat.color if seat and _HEX.fullmatch(seat.color or "") else NO_COLOUR
                out.append(
                    TicketPrint(
                        event_name=event.name if event else sale.event_id,
                        event_start=when,
                        zone=seat.zone if seat else "",
                        zone_colour=colour,
                        row=seat.row if seat else None,
                        seat=(seat.seat_id or None) if seat else None,
                        product=sold.description,
                        price_cents=sold.price_cents,
                        office=office_name,
                        clerk=clerk,
                        purchase_code=sale.purchase_code,
                        barcode=sold.barcode,
                        reprint=reprint,
                        training=sale.training,
                        comp=sale.comp_reason is not None,  # a zero price alone is not a comp (#14)
                    )
                )
        return out


def receipt_for_sale(
    session_factory: sessionmaker[Session],
    purchase_code: str,
    office_name: str,
    *,
    reprint: bool = False,
    local_tz: tzinfo | None = None,
    check_url: str = TEST_CHECK_URL,
) -> ReceiptPrint:
    """The receipt of a sale: gross lines, per-line discounts, payments (cash as tendered, with change), and its
    simplified invoice (with a void's rectificativa) when one was issued; ``check_url``: the QR's AEAT address."""
    with session_factory() as session:
        sale = _load(session, purchase_code)
        lines = tuple(
            ReceiptLine(item.description, item.quantity, item.unit_cents, item.unit_cents * item.quantity)
            for item in sale.items
        )
        discounts = tuple(
            ReceiptDiscount(item.description, item.discount_cents) for item in sale.items if item.discount_cents
        )
        payments = tuple(
            ReceiptPayment(
                p.method, p.tendered_cents if p.tendered_cents is not None else p.amount_cents, p.change_cents
            )
            for p in sale.payments
        )
        created: datetime = sale.created_at
        return ReceiptPrint(
            purchase_code=sale.purchase_code,
            date=created.astimezone(local_tz),
            office=office_name,
            clerk=_clerk_name(session, sale),
            lines=lines,
            subtotal_cents=sum(line.total_cents for line in lines),
            total_cents=sale.total_cents,
            discounts=discounts,
            payments=payments,
            reprint=reprint,
            training=sale.training,
            invoices=receipt_invoices(session, sale.purchase_code, check_url),
        )
