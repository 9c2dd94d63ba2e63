"""Which tickets a printer confirmed: a print job that survives a crash, a power cut or a printer out of paper.

Before tickets go to the printer they are recorded ``pending`` (one transaction); the ones the printer confirms
become ``printed``. Whatever is still pending was never confirmed: :func:`unconfirmed` lists those, by sale, for
the window to offer a reprint of just them at start (or right after the printer stopped). Voided and returned
sales are left out (their tickets are no longer valid). The sale itself is never touched here: it stays sold.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.store.models import Sale, TicketPrintState
from boxoffice.store.types import utcnow


@dataclass(frozen=True)
class Unconfirmed:
    """A sale with tickets not confirmed printed: their barcodes and places (1-based) in the sale of ``count``."""

    purchase_code: str
    barcodes: tuple[str, ...]
    positions: tuple[int, ...]
    count: int


def start(session_factory: sessionmaker[Session], purchase_code: str, barcodes: Sequence[str],
          positions: Sequence[int] | None = None) -> None:
    """Record ``barcodes`` (the sale's tickets about to print, at ``positions``) as pending."""
    code = purchase_code.strip().upper()
    places = list(positions) if positions is not None else list(range(1, len(barcodes) + 1))
    with session_factory.begin() as session:
        known = {row.barcode: row for row in session.scalars(
            select(TicketPrintState).where(TicketPrintState.barcode.in_(list(barcodes))))}
        for barcode, position in zip(barcodes, places, strict=True):
            row = known.get(barcode)
            if row is None:
                session.add(TicketPrintState(barcode=barcode, purchase_code=code, position=position,
                                             state="pending"))
            else:
                row.state, row.updated_at = "pending", utcnow()


def confirm(session_factory: sessionmaker[Session], barcodes: Sequence[str]) -> None:
    """The printer confirmed ``barcodes`` (or a person said they are on paper)."""
    if not barcodes:
        return
    with session_factory.begin() as session:
        session.execute(update(TicketPrintState).where(TicketPrintState.barcode.in_(list(barcodes)))
                        .values(state="printed", updated_at=utcnow()))


def dismiss(session_factory: sessionmaker[Session], purchase_code: str) -> None:
    """A person checked: the sale's pending tickets are on paper after all (no reprint to offer)."""
    with session_factory.begin() as session:
        session.execute(update(TicketPrintState)
                        .where(TicketPrintState.purchase_code == purchase_code.strip().upper(),
                               TicketPrintState.state == "pending")
                        .values(state="printed", updated_at=utcnow()))


def unconfirmed(session_factory: sessionmaker[Session]) -> list[Unconfirmed]:
    """Sales still sold with tickets not confirmed printed, oldest first (read-only)."""
    with session_factory() as session:
        rows = session.execute(
            select(TicketPrintState, Sale.status)
            .join(Sale, Sale.purchase_code == TicketPrintState.purchase_code)
            .where(TicketPrintState.purchase_code.in_(
                select(TicketPrintState.purchase_code).where(TicketPrintState.state == "pending")))
            .order_by(TicketPrintState.updated_at, TicketPrintState.purchase_code, TicketPrintState.position)
        ).all()
    sales: dict[str, list[TicketPrintState]] = {}
    for row, status in rows:
        if status == "completed":
            sales.setdefault(row.purchase_code, []).append(row)
    out = []
    for code, tickets in sales.items():
        pending = sorted((t for t in tickets if t.state == "pending"), key=lambda t: t.position)
        out.append(Unconfirmed(code, tuple(t.barcode for t in pending), tuple(t.position for t in pending),
                               len(tickets)))
    return out


def track(session_factory: sessionmaker[Session], purchase_code: str, tickets: Sequence[Any],
          print_tickets: Callable[[Sequence[Any]], object], only: Sequence[str] | None = None) -> None:
    """Print a sale's ``tickets`` (records with a ``barcode``; ``only``: just those barcodes) through
    ``print_tickets``, recording them pending first and confirmed after.

    A printer that stops part way raises an error whose ``printed`` names the barcodes it confirmed (the FGL
    output's ``TicketsNotPrinted``); those are confirmed, the rest stay pending, and the error goes on up. Any
    other failure leaves them all pending."""
    wanted = set(only) if only is not None else None
    chosen = [(place, t) for place, t in enumerate(tickets, start=1) if wanted is None or t.barcode in wanted]
    batch = [t for _, t in chosen]
    barcodes = [t.barcode for t in batch]
    start(session_factory, purchase_code, barcodes, [place for place, _ in chosen])
    try:
        print_tickets(batch)
    except Exception as error:
        confirm(session_factory, [b for b in getattr(error, "printed", ()) if b in barcodes])
        raise
    confirm(session_factory, barcodes)
