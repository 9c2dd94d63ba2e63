"""Where each ticket of a sale sits and which pass it is part of: for the sale dialog and the printed tickets.

The store keeps a family pass as one sale line (the pass and its price) whose tickets carry the pass's
component products (General, Niño) and an even share of the line's price (``services/sales.py``). Printed as
they are, the tickets read "General 16,00 €" with no word of the pass. This derives, read-only and without
changing how sales are written, what a customer needs: the pass's name, what the whole pass cost, and which of
its tickets each one is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from boxoffice.core.printout import PassShare, TicketPrint
from boxoffice.core.seats import Place, place_of
from boxoffice.store.models import Sale, SaleItem, SaleTicket, Ticket


@dataclass(frozen=True)
class TicketPlace:
    """One ticket of a sale as the sale dialog lists it."""

    barcode: str
    place: Place
    product: str  # the ticket's own product: "General", "Niño"
    price_cents: int  # the ticket's share of its line (what the store keeps)
    pass_of: PassShare | None = None


def _passes(item: SaleItem) -> list[PassShare | None]:
    """For each ticket of a line, in issue order: its pass, or None when the line is not a pass.

    A line is a pass when its tickets are other products than the line's, or more tickets than units; the
    tickets of one pass are consecutive (``services/sales.py`` issues a unit's components in order)."""
    tickets = list(item.tickets)
    if not tickets or (len(tickets) <= item.quantity and all(t.product_id == item.product_id for t in tickets)):
        return [None] * len(tickets)
    per_pass = max(1, len(tickets) // max(1, item.quantity))
    out: list[PassShare | None] = []
    for start in range(0, len(tickets), per_pass):
        unit = tickets[start:start + per_pass]
        paid = sum(t.price_cents for t in unit)  # the shares of one pass add up to what that pass cost
        out.extend(PassShare(item.description, paid, n, len(unit)) for n in range(1, len(unit) + 1))
    return out


def _read(session: Session, purchase_code: str) -> list[TicketPlace]:
    sale = session.scalar(select(Sale).where(Sale.purchase_code == purchase_code.strip().upper())
                          .options(selectinload(Sale.items).selectinload(SaleItem.tickets)))
    if sale is None:
        return []
    ids = [t.ticket_id for item in sale.items for t in item.tickets]
    seats = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids)))}
    out: list[TicketPlace] = []
    for item in sale.items:
        for sold, share in zip(item.tickets, _passes(item), strict=True):
            out.append(_place(sold, seats.get(sold.ticket_id), share))
    return out


def _place(sold: SaleTicket, seat: Ticket | None, share: PassShare | None) -> TicketPlace:
    place = place_of(seat.zone, seat.row, seat.seat_id or None) if seat else Place("", None, sold.ticket_id)
    return TicketPlace(sold.barcode, place, sold.description, sold.price_cents, share)


def ticket_places(read_session_factory: sessionmaker[Session], purchase_code: str) -> list[TicketPlace]:
    """The tickets of a sale in issue order, with zone, row, seat number and pass; empty for an unknown code."""
    with read_session_factory() as session:
        return _read(session, purchase_code)


def with_passes(tickets: Iterable[TicketPrint], places: Iterable[TicketPlace]) -> list[TicketPrint]:
    """The printed tickets, each of a pass marked with it (matched by barcode)."""
    shares = {place.barcode: place.pass_of for place in places}
    return [dataclasses.replace(t, pass_of=shares[t.barcode]) if shares.get(t.barcode) else t for t in tickets]


def printable_tickets(read_session_factory: sessionmaker[Session], purchase_code: str, office_name: str, *,
                      reprint: bool = False, local_tz: tzinfo | None = None) -> list[TicketPrint]:
    """:func:`boxoffice.services.printouts.tickets_for_sale`, with each ticket of a pass saying so."""
    from boxoffice.services.printouts import tickets_for_sale

    tickets = tickets_for_sale(read_session_factory, purchase_code, office_name, reprint=reprint,
                               local_tz=local_tz)
    return with_passes(tickets, ticket_places(read_session_factory, purchase_code))
