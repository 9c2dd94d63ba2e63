"""Selling: validate a cart, then write the sale, its codes, journal entry and outbox row in one transaction.

Only after that commit does the clerk see "sold" (DESIGN.md "Outbox"). Seats are taken with a conditional
UPDATE inside a ``BEGIN IMMEDIATE`` transaction, and the store's partial unique index refuses a ticket in two
completed sales, so a seat cannot be sold twice even by two windows racing on the same database.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from boxoffice import tracepoints
from boxoffice.core import discounts, permissions, sale_rules
from boxoffice.core.codes import item_code, new_purchase_code, ticket_barcode
from boxoffice.core.discounts import DiscountCheck, DiscountRefused
from boxoffice.core.errors import InvalidSale, SeatNotAvailable, UnknownEvent, UnknownProduct
from boxoffice.core.outbox_keys import new_outbox_key
from boxoffice.core.payments import PaymentRequest, SettledPayment, settle
from boxoffice.core.permissions import Action
from boxoffice.services import best_available, invoices, journal, sale_rows, shifts, window_leases
from boxoffice.services.context import Terminal
from boxoffice.services.sale_rows import ClerkRow, EventRow, ProductRow, TicketRow
from boxoffice.store.models import (
    Event,
    Sale,
)
from boxoffice.store.types import format_utc, utcnow

MAX_TICKETS_PER_SALE = 500


@dataclass(frozen=True)
class LineRequest:
    """One cart line: a product, how many, and either the chosen seats or a zone to take seats from."""

    product_id: str
    quantity: int = 1
    ticket_ids: tuple[str, ...] = ()
    zone: str | None = None
    discount_cents: int = 0


@dataclass(frozen=True)
class SaleRequest:
    event_id: str
    lines: tuple[LineRequest, ...]
    payments: tuple[PaymentRequest, ...]
    clerk_id: int | None = None
    customer_id: str | None = None
    customer_name: str | None = None
    notes: str | None = None
    #: A comp: tickets at zero price issued by a supervisor for this reason to ``customer_name`` (the recipient).
    comp_reason: str | None = None
    #: The clerk accepted split seats for zone lines where no row has them together (after NoSeatsTogether).
    allow_split: bool = False
    #: The supervisor (clerk id) who approved discounts above the seller's limit (boxoffice/core/discounts.py).
    discount_approved_by: int | None = None


@dataclass(frozen=True)
class SoldTicket:
    ticket_id: str
    barcode: str
    seat_id: str
    row: str | None
    zone: str
    color: str
    product_id: str
    description: str
    price_cents: int


@dataclass(frozen=True)
class SaleResult:
    purchase_code: str
    total_cents: int
    change_cents: int
    tickets: tuple[SoldTicket, ...]
    payments: tuple[SettledPayment, ...] = field(default=())
    #: the simplified invoice's number (boxoffice/services/invoices.py); None: no invoice (comp, training)
    invoice_number: str | None = None


@dataclass
class _PlannedLine:
    product: ProductRow
    line: LineRequest
    gross_cents: int
    tickets: list[tuple[TicketRow, ProductRow]]


class SeatGate(Protocol):
    """What secures a sale's seats beyond this store: the office hub's hold, or this window's lease while the hub
    cannot be reached (``boxoffice/hub_seats.py``, issue #18). None: a terminal of its own office."""

    #: pick and accept only seats of this window's lease (services/window_leases.py)
    leased_only: bool

    def pick(self, event_id: str, zone: str, count: int, allow_split: bool) -> list[str] | None:
        """Best available decided by the hub (which knows every window's holds), the seats held already; None:
        pick here. Raises to refuse."""

    def take(self, event_id: str, ticket_ids: list[str]) -> None:
        """Called in the sale's transaction once its seats are chosen, before they are taken; raises to refuse
        (nothing is written)."""


def sell(session_factory: sessionmaker[Session], terminal: Terminal, request: SaleRequest,
         gate: SeatGate | None = None) -> SaleResult:
    """Record a sale; raises a :class:`~boxoffice.core.errors.SaleRejected` subclass and writes nothing if the
    cart or payments are not acceptable. ``gate``: the office hub's say on the seats (issue #18)."""
    if not request.lines:
        raise InvalidSale("the cart is empty", code="cart_empty")
    if request.comp_reason is not None:
        request = _comp_request(request)
    with session_factory.begin() as session:
        db = sale_rows.db(session)  # the sale's rows move as plain SQL on it (services/sale_rows.py)
        event = sale_rows.event(db, request.event_id)
        if event is None:
            raise UnknownEvent(f"event {request.event_id!r} is not assigned to this office (pull the inventory?)",
                               code="event_not_assigned", params={"event": request.event_id})
        clerk = None
        if request.clerk_id is not None:
            clerk = sale_rows.clerk(db, request.clerk_id)
            if clerk is None or not clerk.active:
                raise InvalidSale(f"clerk {request.clerk_id} is not an active clerk here: sign in again",
                                  code="clerk_inactive")
        if clerk is not None:
            permissions.require(clerk.role, Action.sell)  # a door clerk checks tickets, never sells
        if request.comp_reason is not None:
            permissions.require(clerk.role if clerk is not None else None, Action.comp)
        shift_id = sale_rows.open_shift_id(db)
        shifts.require_shift(shift_id, terminal, "sale")  # no money outside a Z report
        leased_only = gate is not None and gate.leased_only
        planned = _plan(session, event, request.lines, allow_split=request.allow_split,
                        comp=request.comp_reason is not None, gate=gate)
        approval = _check_discounts(session, terminal, clerk, request, planned)
        if request.comp_reason is not None:
            for plan in planned:  # the whole price off: the list price stays on record, the sale costs nothing
                plan.line = dataclasses.replace(plan.line, discount_cents=plan.gross_cents)
        total = sum(p.gross_cents - p.line.discount_cents for p in planned)
        settled = settle(total, request.payments)
        all_tickets = [t for p in planned for t, _ in p.tickets]
        if gate is not None:
            if leased_only:
                window_leases.require_leased(session, [t.id for t in all_tickets])
            gate.take(event.id, [t.id for t in all_tickets])  # the hub's hold: a LAN round trip, bounded
        _take_seats(session, [t.id for t in all_tickets])
        code, sold, payload = _write_sale(session, event, clerk, shift_id, request, planned, total, settled,
                                          terminal)
        queue_delivery(session, code, payload)
        invoice = None
        if terminal.fiscal is not None and not terminal.training:  # training issues no invoices
            invoice = invoices.issue_for_sale(db, terminal.fiscal, code, shift_id, [
                (p.product.id, p.gross_cents - p.line.discount_cents) for p in planned], utcnow())
        entry = {"purchase_code": code, "total_cents": total, "tickets": [t.ticket_id for t in sold],
                 "payments": [[p.method, p.amount_cents] for p in settled]} | approval
        if request.comp_reason is not None:
            entry |= {"comp_reason": request.comp_reason, "recipient": request.customer_name}
        journal.append(session, "comp" if request.comp_reason is not None else "sale", entry,
                       actor=clerk.name if clerk else None, subject=code)
        tracepoints.reach("sale.before_commit")  # every row written, nothing committed
    tracepoints.reach("sale.committed")  # committed, the caller not told yet
    change = sum(p.change_cents for p in settled)
    return SaleResult(code, total, change, tuple(sold), tuple(settled), invoice.number if invoice else None)


def _comp_request(request: SaleRequest) -> SaleRequest:
    """Check a comp: a reason, a recipient, nothing paid; returns it with both trimmed."""
    reason = (request.comp_reason or "").strip()
    recipient = (request.customer_name or "").strip()
    if not reason:
        raise InvalidSale("give the reason for the comp tickets", code="comp_reason_missing")
    if not recipient:
        raise InvalidSale("give the name of who receives the comp tickets", code="comp_recipient_missing")
    if request.payments:
        raise InvalidSale("comp tickets are free: take no payment", code="comp_paid")
    return dataclasses.replace(request, comp_reason=reason, customer_name=recipient)


def _check_discounts(session: Session, terminal: Terminal, clerk: ClerkRow | None, request: SaleRequest,
                     planned: list[_PlannedLine]) -> dict[str, Any]:
    """Every line's discount against the rule for the seller's role; the journal keys naming the supervisor
    who approved a discount above the limit ({} when no line needed one). A comp has rules of its own."""
    if request.comp_reason is not None:
        return {}
    approver = _discount_approver(session, request.discount_approved_by)
    role = clerk.role if clerk else None
    checks = [discounts.require_discount(p.line.discount_cents, p.gross_cents, role,
                                         terminal.clerk_max_discount_percent, product=p.product.name,
                                         approved=approver is not None) for p in planned]
    if approver is None or DiscountCheck.needs_supervisor not in checks:
        return {}
    return {"discount_approved_by": approver.name}


def _discount_approver(session: Session, clerk_id: int | None) -> ClerkRow | None:
    """The approving clerk, who must be active and allowed to approve (a supervisor) when one is named."""
    if clerk_id is None:
        return None
    approver = sale_rows.clerk(sale_rows.db(session), clerk_id)
    if approver is None or not approver.active or not discounts.may_approve(approver.role):
        raise DiscountRefused(f"clerk {clerk_id} is not an active supervisor and cannot approve a discount",
                              code="discount_approver_invalid")
    return approver


def _plan(session: Session, event: EventRow, lines: Sequence[LineRequest], *, allow_split: bool = False,
          comp: bool = False, gate: SeatGate | None = None) -> list[_PlannedLine]:
    products = sale_rows.products(sale_rows.db(session), event.id)
    planned: list[_PlannedLine] = []
    chosen: set[str] = set()
    now = utcnow()
    for line in lines:
        product = products.get(line.product_id)
        if product is None or not product.active:
            raise UnknownProduct(f"product {line.product_id!r} is not on sale for {event.name}",
                                 code="product_not_on_sale", params={"event": event.name})
        sale_rules.check(sale_rules.TypeRules(product.name, product.sale_start, product.sale_end,
                                              product.visibility), now, comp=comp)
        if not 1 <= line.quantity <= MAX_TICKETS_PER_SALE:
            raise InvalidSale(f"quantity of {product.name} must be between 1 and {MAX_TICKETS_PER_SALE}",
                              code="quantity_out_of_range",
                              params={"product": product.name, "max": MAX_TICKETS_PER_SALE})
        gross = product.price_cents * line.quantity
        if not 0 <= line.discount_cents <= gross:
            raise InvalidSale(f"the discount on {product.name} must be between 0 and the line's price",
                              code="discount_out_of_range", params={"product": product.name})
        ticket_products = _ticket_products(product, products) * line.quantity
        if not line.ticket_ids and line.zone:
            wrong = sorted({z for tp in ticket_products if (z := _zone_of(tp, product)) and z != line.zone})
            if wrong:
                raise InvalidSale(f"{product.name} is sold for seats in {', '.join(wrong)}, not in {line.zone}",
                                  code="product_wrong_zone",
                                  params={"product": product.name, "zones": ", ".join(wrong), "zone": line.zone})
        zone = line.zone or product.zone or next((p.zone for p in ticket_products if p.zone), None)
        tickets = _seats_for(session, event, line, product, len(ticket_products), chosen, zone, allow_split, gate)
        _check_zones(product, tickets, ticket_products)
        chosen.update(t.id for t in tickets)
        planned.append(_PlannedLine(product, line, gross, list(zip(tickets, ticket_products, strict=True))))
    if len(chosen) > MAX_TICKETS_PER_SALE:
        raise InvalidSale(f"at most {MAX_TICKETS_PER_SALE} tickets per sale", code="too_many_tickets",
                          params={"max": MAX_TICKETS_PER_SALE})
    return planned


def _ticket_products(product: ProductRow, products: dict[str, ProductRow]) -> list[ProductRow]:
    """The product printed on each ticket of one unit: itself, or a family pass's components in order."""
    if product.kind != "family_pass":
        return [product]
    out: list[ProductRow] = []
    for component in product.components or []:
        child = products.get(str(component.get("product_id")))
        if child is None:
            raise UnknownProduct(f"{product.name} includes product {component.get('product_id')!r}, not on sale",
                                 code="pass_component_missing", params={"product": product.name})
        out.extend([child] * int(component.get("quantity", 0)))
    if not out:
        raise UnknownProduct(f"{product.name} has no components", code="pass_empty",
                             params={"product": product.name})
    return out


def _zone_of(ticket_product: ProductRow, product: ProductRow) -> str | None:
    """The seat zone a ticket of ``ticket_product`` (sold as part of ``product``) must be in; None: any."""
    return ticket_product.zone or product.zone


def _check_zones(product: ProductRow, tickets: list[TicketRow], ticket_products: list[ProductRow]) -> None:
    """A ticket type prices one zone: a General ticket on a VIP seat would sell the seat below its price."""
    wrong = [(t, zone) for t, tp in zip(tickets, ticket_products, strict=True)
             if (zone := _zone_of(tp, product)) and t.zone != zone]
    if wrong:
        seats = ", ".join(f"{t.seat_id} is in {t.zone}, not {zone}" for t, zone in wrong)
        raise InvalidSale(f"{product.name}: seat in the wrong zone ({seats})", code="seat_wrong_zone",
                          params={"product": product.name, "seats": ", ".join(t.seat_id for t, _ in wrong),
                                  "zone": wrong[0][1]})


def _seats_for(session: Session, event: EventRow, line: LineRequest, product: ProductRow, needed: int,
               chosen: set[str], zone: str | None, allow_split: bool = False,
               gate: SeatGate | None = None) -> list[TicketRow]:
    """The chosen seats (checked), or best available in ``zone`` — for a family pass or child ticket with no
    zone of its own, the zone of its first component that has one (the platform prices Niño without a zone).
    Best available seats a party together in one row (:mod:`boxoffice.services.best_available`); split seats
    only with ``allow_split``. Behind an office hub (``gate``) the hub picks them."""
    if not line.ticket_ids and zone and gate is not None:
        picked = gate.pick(event.id, zone, needed, allow_split)
        if picked is not None:  # held at the hub for this sale: a seat a refusal had withdrawn is offered again
            window_leases.offered_again(session, picked)
            line = dataclasses.replace(line, ticket_ids=tuple(picked))
    if line.ticket_ids:
        if len(line.ticket_ids) != needed:
            raise InvalidSale(f"{product.name} x{line.quantity} needs {needed} seats, {len(line.ticket_ids)} chosen",
                              code="seat_count_mismatch",
                              params={"product": product.name, "needed": needed, "chosen": len(line.ticket_ids)})
        if len(set(line.ticket_ids)) != needed or chosen.intersection(line.ticket_ids):
            raise InvalidSale("the same seat is chosen twice in this sale", code="seat_chosen_twice")
        found = sale_rows.tickets_by_id(sale_rows.db(session), line.ticket_ids)
        bad = [tid for tid in line.ticket_ids
               if tid not in found or found[tid].event_id != event.id or found[tid].state != "available"]
        if bad:
            raise SeatNotAvailable(_not_available(found, bad, event.id), bad)
        return [found[tid] for tid in line.ticket_ids]
    if not zone:
        raise InvalidSale(f"choose seats or a zone for {product.name}", code="seats_or_zone_missing_for",
                          params={"product": product.name})
    return best_available.pick(session, event.id, zone, needed, exclude=chosen, allow_split=allow_split,
                               leased_only=gate is not None and gate.leased_only)


def _not_available(found: dict[str, TicketRow], bad: list[str], event_id: str) -> str:
    reasons = []
    for tid in bad:
        ticket = found.get(tid)
        label = ticket.seat_id if ticket else tid
        if ticket is None:
            state = "not assigned to this office"
        elif ticket.event_id != event_id:
            state = f"a seat of another event, {ticket.event_id}"
        else:
            state = ticket.state
        reasons.append(f"{label} ({'already ' + state if state in ('sold', 'returned') else state})")
    return "seat not available: " + ", ".join(reasons)


def _take_seats(session: Session, ticket_ids: list[str]) -> None:
    """Flip available -> sold; if anything else took a seat since we looked, sell nothing."""
    flipped = sale_rows.take_seats(sale_rows.db(session), ticket_ids, utcnow())
    if len(flipped) != len(ticket_ids):
        # the seats another sale took are "sold" too by now: name the ones this UPDATE did not flip
        taken = [tid for tid in ticket_ids if tid not in flipped]
        raise SeatNotAvailable("seat not available: another sale just took it", taken, code="seat_just_taken")


#: What the outbox snapshot carries of each payment, line and ticket row (the same names as the columns).
PAYMENT_WIRE = ("method", "amount_cents", "change_cents", "tendered_cents", "reference")
ITEM_WIRE = ("item_code", "product_id", "description", "quantity", "unit_cents", "discount_cents", "total_cents")
TICKET_WIRE = ("ticket_id", "product_id", "description", "barcode", "price_cents")


def _write_sale(session: Session, event: EventRow, clerk: ClerkRow | None, shift_id: int | None, request: SaleRequest,
                planned: list[_PlannedLine], total: int, settled: list[SettledPayment], terminal: Terminal
                ) -> tuple[str, list[SoldTicket], dict[str, Any]]:
    """Insert the sale, its lines, tickets and payments; returns the purchase code, the tickets and the snapshot."""
    db = sale_rows.db(session)
    code = new_purchase_code()
    created_at = utcnow()
    sale_id = sale_rows.insert_sale(
        db, purchase_code=code, event_id=event.id, clerk_id=clerk.id if clerk else None, shift_id=shift_id,
        clerk_rfid=clerk.rfid if clerk else None, customer_id=request.customer_id,
        customer_name=request.customer_name, total_cents=total, created_at=created_at, notes=request.notes,
        comp_reason=request.comp_reason, training=terminal.training)
    sold: list[SoldTicket] = []
    ticket_rows: list[dict[str, Any]] = []
    wire_items: list[dict[str, Any]] = []
    for position, plan in enumerate(planned):
        line_total = plan.gross_cents - plan.line.discount_cents
        item = {"item_code": item_code(code, position), "product_id": plan.product.id,
                "description": plan.product.name, "quantity": plan.line.quantity,
                "unit_cents": plan.product.price_cents, "discount_cents": plan.line.discount_cents,
                "total_cents": line_total}
        item_id = sale_rows.insert_item(db, sale_id, position, item)
        first = len(ticket_rows)
        shares = _split(line_total, len(plan.tickets))
        for (ticket, ticket_product), price in zip(plan.tickets, shares, strict=True):
            barcode = ticket_barcode(code, len(ticket_rows) + 1)
            ticket_rows.append({"sale_id": sale_id, "sale_status": "completed", "sale_item_id": item_id,
                                "ticket_id": ticket.id, "product_id": ticket_product.id,
                                "description": ticket_product.name, "barcode": barcode, "price_cents": price})
            sold.append(SoldTicket(ticket.id, barcode, ticket.seat_id, ticket.row, ticket.zone, ticket.color,
                                   ticket_product.id, ticket_product.name, price))
        wire_items.append(item | {"tickets": [_wire(row, TICKET_WIRE) for row in ticket_rows[first:]]})
    sale_rows.insert_tickets(db, ticket_rows)
    if settled:
        sale_rows.insert_payments(db, sale_id, [_wire(p, PAYMENT_WIRE) for p in settled])
    payload = _snapshot(code, "completed", event, terminal, created_at, clerk.rfid if clerk else None,
                        request.customer_id, request.customer_name, _wire_notes(request.comp_reason, request.notes),
                        total, [_wire(p, PAYMENT_WIRE) for p in settled], wire_items)
    return code, sold, payload


def queue_delivery(session: Session, purchase_code: str, payload: dict[str, Any]) -> None:
    """The sale's outbox row, in the sale's transaction, under a fresh idempotency key."""
    sale_rows.insert_outbox(sale_rows.db(session), "sale", purchase_code, new_outbox_key(), payload, utcnow())


def _wire(row: object, keys: tuple[str, ...]) -> dict[str, Any]:
    """``keys`` of a row (a dict) or an object (a model, a settled payment), for the snapshot."""
    if isinstance(row, dict):
        return {key: row[key] for key in keys}
    return {key: getattr(row, key) for key in keys}


def _split(total: int, parts: int) -> list[int]:
    """Share a line total over its tickets in whole cents; the first tickets take the leftover cents."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _wire_notes(comp_reason: str | None, notes: str | None) -> str:
    """The notes the platform sees; a comp says so and why (the recipient travels as the client name)."""
    if comp_reason is None:
        return notes or ""
    return " · ".join(part for part in (f"COMP: {comp_reason}", notes) if part)


def sale_snapshot(sale: Sale, event: Event, terminal: Terminal, status: str = "completed") -> dict:
    """Everything the central platform needs about a sale, in cents, frozen at the time of the sale.

    The sync worker turns this into the wire entry (``ticket_sold`` + ``pos_transaction``) when it sends it.
    :func:`sell` builds the same snapshot from the rows it writes, without reading them back.
    """
    return _snapshot(sale.purchase_code, status, event, terminal, sale.created_at, sale.clerk_rfid, sale.customer_id,
                     sale.customer_name, _wire_notes(sale.comp_reason, sale.notes), sale.total_cents,
                     [_wire(p, PAYMENT_WIRE) for p in sale.payments],
                     [_wire(i, ITEM_WIRE) | {"tickets": [_wire(t, TICKET_WIRE) for t in i.tickets]}
                      for i in sale.items])


def _snapshot(code: str, status: str, event: Event | EventRow, terminal: Terminal, created_at: datetime,
              clerk_rfid: str | None, customer_id: str | None, customer_name: str | None, notes: str,
              total_cents: int, payments: list[dict[str, Any]], items: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "purchase_code": code,
        "status": status,
        "event_id": event.id,
        "event_name": event.name,
        "office_id": terminal.office_id,
        "office_name": terminal.office_name,
        "terminal_id": terminal.terminal_id,
        "created_at": format_utc(created_at),
        "clerk_rfid": clerk_rfid,
        "customer_id": customer_id or "",
        "customer_name": customer_name or "",
        "notes": notes,
        "total_cents": total_cents,
        "payments": payments,
        "items": items,
    }
