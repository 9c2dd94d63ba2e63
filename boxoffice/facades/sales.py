"""Selling, voiding, refunding and returning, and the reads the selling window needs."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.changes import Changes
from boxoffice.core.seats import Place, place_of
from boxoffice.facades.results import Changed
from boxoffice.facades.ticket_places import TicketPlace, ticket_places
from boxoffice.services import activations, catalog, refunds, returns, sales
from boxoffice.services.activations import ActivationResult, Pregenerated
from boxoffice.services.catalog import EventSummary, ProductInfo, SaleSummary, SeatInfo, ZoneInfo
from boxoffice.services.context import Terminal
from boxoffice.store.models import Event, Product, Sale, SaleTicket, Ticket
from boxoffice.store.types import utcnow

#: an event that began longer ago than this has taken place (before: latecomers may still buy at the window)
HELD_AFTER = timedelta(hours=12)


def event_timing(starts_at: datetime | None, now: datetime | None = None) -> str:
    """``upcoming``, ``started`` (began less than ``HELD_AFTER`` ago) or ``held``; ``upcoming`` when undated.

    The window marks started and held events and asks the clerk to confirm a sale for one; services refuse
    nothing on the date (a ticket type's sale window is a rule of its own).
    """
    if starts_at is None:
        return "upcoming"
    since = (now or utcnow()) - starts_at
    if since < timedelta(0):
        return "upcoming"
    return "started" if since < HELD_AFTER else "held"


@dataclass(frozen=True)
class EventView:
    """Everything the selling window shows for one event, read in one go."""

    event_id: str
    products: list[ProductInfo]
    seats: list[SeatInfo]
    zones: list[ZoneInfo]


@dataclass(frozen=True)
class ActivationOffer:
    """What the activate dialog shows of a scanned pre-generated ticket: its event's name and, when the event
    has an active product of the ticket type's name, that product's price (the clerk types it otherwise)."""

    ticket: Pregenerated
    event_name: str
    price_cents: int | None


class SeatKeeper(Protocol):
    """The office hub's say on a sale's seats (``boxoffice/hub_seats.HubSeats``, issue #18)."""

    def sell(self, sell_with: Callable[[Any], sales.SaleResult], *, may_pick_again: bool) -> sales.SaleResult: ...


class SalesFacade:
    def __init__(self, session_factory: sessionmaker[Session], read_session_factory: sessionmaker[Session],
                 terminal: Terminal, wake_sync: Callable[[], None], seats: SeatKeeper | None = None) -> None:
        self._write = session_factory
        self._read = read_session_factory
        self.terminal = terminal
        self._wake_sync = wake_sync
        self._seats = seats  # None: not behind an office hub

    # -- reads ---------------------------------------------------------------------------------------------

    def events(self) -> list[EventSummary]:
        return catalog.list_events(self._read)

    def event_view(self, event_id: str) -> EventView:
        if not event_id:
            return EventView(event_id, [], [], [])
        return EventView(event_id, catalog.products(self._read, event_id), catalog.seat_map(self._read, event_id),
                         catalog.zones(self._read, event_id))

    def zones(self, event_id: str) -> list[ZoneInfo]:
        return catalog.zones(self._read, event_id) if event_id else []

    def find_sale(self, code: str) -> SaleSummary | None:
        return catalog.find_sale(self._read, code)

    def ticket_places(self, purchase_code: str) -> list[TicketPlace]:
        """A sale's tickets with zone, row, seat number and pass (the sale dialog)."""
        return ticket_places(self._read, purchase_code)

    def find_pregenerated(self, code: str) -> Pregenerated | None:
        """The not yet activated pre-generated ticket with this barcode (a scan at the window), or None."""
        return activations.find_pregenerated(self._read, code)

    def activation_offer(self, ticket: Pregenerated) -> ActivationOffer:
        """The event's name and a suggested price for activating ``ticket`` (one read)."""
        with self._read() as session:
            event = session.get(Event, ticket.event_id)
            price = None
            if ticket.ticket_type:
                price = session.scalars(select(Product.price_cents).where(
                    Product.event_id == ticket.event_id, Product.active.is_(True),
                    Product.name == ticket.ticket_type).limit(1)).first()
        return ActivationOffer(ticket, event.name if event else ticket.event_id, price)

    def void_confirmation(self, purchase_code: str) -> returns.Confirmation | None:
        return returns.void_confirmation(self._read, purchase_code)

    def states_of(self, ticket_ids: Sequence[str]) -> dict[str, str]:
        """The current local state of these tickets (a seat race: show what took them)."""
        with self._read() as session:
            return dict(session.execute(select(Ticket.id, Ticket.state).where(Ticket.id.in_(list(ticket_ids)))).all())

    def return_zones(self, event_id: str) -> list[returns.ZoneSeats]:
        """The zones of an event with their unsold counts, rows and seat numbers (the returns screen)."""
        return returns.return_zones(self._read, event_id)

    def select_unsold(self, event_id: str, *, zone: str | None = None, seat_range: returns.SeatRange | None = None,
                      all_unsold: bool = False) -> returns.ReturnSelection:
        return returns.select_unsold(self._read, event_id, zone=zone, seat_range=seat_range, all_unsold=all_unsold)

    def return_history(self, event_id: str) -> list[returns.ReturnRecord]:
        return returns.return_history(self._read, event_id)

    def sale_for_refund(self, purchase_code: str) -> refunds.SaleForRefund:
        """The sale's tickets for the refund screen: which were given back and what each would return."""
        return refunds.sale_for_refund(self._read, purchase_code)

    def places_of(self, ticket_ids: Sequence[str]) -> dict[str, Place]:
        """Zone, row and seat number of these tickets (the refund screen never shows the platform's seat code)."""
        with self._read() as session:
            rows = session.execute(select(Ticket.id, Ticket.zone, Ticket.row, Ticket.seat_id)
                                   .where(Ticket.id.in_(list(ticket_ids)))).all()
        return {ticket_id: place_of(zone, row, seat or None) for ticket_id, zone, row, seat in rows}

    def seat_states(self, purchase_code: str) -> Changes:
        """The current state of a sale's seats, as a change (after a void or a platform confirmation)."""
        with self._read() as session:
            rows = session.execute(
                select(Ticket.event_id, Ticket.id, Ticket.state)
                .join(SaleTicket, SaleTicket.ticket_id == Ticket.id)
                .join(Sale, Sale.id == SaleTicket.sale_id)
                .where(Sale.purchase_code == purchase_code.strip().upper())).all()
        if not rows:
            return Changes(sales=(purchase_code,))
        return Changes(event_id=rows[0][0], seats={ticket_id: state for _, ticket_id, state in rows},
                       sales=(purchase_code,))

    # -- writes --------------------------------------------------------------------------------------------

    def sell(self, request: sales.SaleRequest) -> Changed[sales.SaleResult]:
        """Commit a sale, then wake the delivery worker; the sold seats are the change."""
        if self._seats is None:
            result = sales.sell(self._write, self.terminal, request)
        else:
            result = self._seats.sell(lambda gate: sales.sell(self._write, self.terminal, request, gate=gate),
                                      may_pick_again=not any(line.ticket_ids for line in request.lines))
        self._wake_sync()
        changes = Changes(event_id=request.event_id, seats={t.ticket_id: "sold" for t in result.tickets},
                          sales=(result.purchase_code,), outbox=True)
        return Changed(result, changes)

    def activate(self, code: str, amount_cents: int, *, method: str, reference: str | None = None,
                 holder: str | None = None, actor: str | None = None) -> Changed[ActivationResult]:
        """Sell a scanned pre-generated ticket (queued for the platform, valid at this door now), then wake the
        delivery worker; no seat changes, only the outbox."""
        result = activations.activate(self._write, self.terminal, code, amount_cents, method=method,
                                      reference=reference, holder=holder, actor=actor)
        self._wake_sync()
        return Changed(result, Changes(outbox=True))

    def void(self, purchase_code: str, reason: str, actor: str | None = None) -> Changed[returns.VoidResult]:
        result = returns.void_sale(self._write, self.terminal, purchase_code, reason, actor=actor)
        self._wake_sync()
        return Changed(result, self.seat_states(result.purchase_code).merged(Changes(outbox=True)))

    def refund(self, purchase_code: str, ticket_ids: Sequence[str] | None, *, method: str, reason: str,
               card_reference: str | None = None, actor: str | None = None) -> Changed[refunds.RefundResult]:
        """Give back tickets with the money, then wake the delivery worker. The seats stay sold until the platform
        confirms (the delivery worker reports that sale then): only the sale and the outbox changed now."""
        result = refunds.refund(self._write, self.terminal, purchase_code, ticket_ids, method=method, reason=reason,
                                card_reference=card_reference, actor=actor)
        self._wake_sync()
        return Changed(result, Changes(outbox=True, sales=(result.purchase_code,)))

    def return_tickets(self, event_id: str, ticket_ids: Sequence[str] | None = None, *, all_unsold: bool = False,
                       actor: str | None = None) -> Changed[returns.ReturnResult]:
        result = returns.return_tickets(self._write, self.terminal, event_id, ticket_ids, all_unsold=all_unsold,
                                        actor=actor)
        self._wake_sync()
        changes = Changes(event_id=result.event_id, seats=dict.fromkeys(result.ticket_ids, "returning"),
                          outbox=True)
        return Changed(result, changes)
