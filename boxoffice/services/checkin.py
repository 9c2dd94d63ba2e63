"""Door check: is this ticket good for entry here, now? Works offline from the local sales.

Green means valid and first entry, and the entry is recorded (an append to the hash-chained journal, kind
``door_entry``, so an entry cannot be quietly removed to let a ticket in twice). Red says why: malformed code,
unknown ticket, voided sale, another event, or already entered (with the time).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.codes import parse_code
from boxoffice.core.errors import InvalidCode
from boxoffice.services import journal
from boxoffice.store.models import Event, JournalEntry, Sale, SaleTicket, Ticket

ENTRY_KIND = "door_entry"


@dataclass(frozen=True)
class CheckResult:
    green: bool
    reason: str  # "ok" | "malformed" | "unknown" | "voided" | "wrong_event" | "already_entered"
    message: str
    barcode: str = ""
    seat: str | None = None
    product: str | None = None
    entered_at: datetime | None = None
    #: why a code is not a ticket code at all (mistyped, misread): the door shows its text (ui/error_text.py)
    error: InvalidCode | None = None


def check_ticket(session_factory: sessionmaker[Session], code: str, event_id: str, *,
                 actor: str | None = None) -> CheckResult:
    """Check one scanned or typed code at the door of ``event_id`` and record a first entry."""
    try:
        parsed = parse_code(code)
    except InvalidCode as exc:
        return CheckResult(False, "malformed", f"not a ticket code: {exc}", error=exc)
    barcode = code.strip().upper()
    if parsed.kind != "ticket":
        return CheckResult(False, "malformed", f"{barcode} is a {parsed.kind} code; scan the ticket's own code",
                           barcode)
    with session_factory.begin() as session:
        row = session.execute(select(SaleTicket, Sale).join(Sale, Sale.id == SaleTicket.sale_id)
                              .where(SaleTicket.barcode == barcode)).first()
        if row is None:
            return CheckResult(False, "unknown", f"{barcode} was not sold here", barcode)
        sale_ticket, sale = row
        ticket = session.get(Ticket, sale_ticket.ticket_id)
        seat = ticket.seat_id if ticket else None
        found = dict(barcode=barcode, seat=seat, product=sale_ticket.description)
        if sale.status == "voided":
            return CheckResult(False, "voided", f"the sale {sale.purchase_code} was voided", **found)
        if sale.event_id != event_id:
            event = session.get(Event, sale.event_id)
            return CheckResult(False, "wrong_event", f"this ticket is for {event.name if event else sale.event_id}",
                               **found)
        earlier = session.scalars(select(JournalEntry).where(JournalEntry.kind == ENTRY_KIND,
                                                             JournalEntry.subject == barcode)
                                  .order_by(JournalEntry.seq).limit(1)).first()
        if earlier is not None:
            return CheckResult(False, "already_entered", "already entered", entered_at=earlier.created_at, **found)
        entry = journal.append(session, ENTRY_KIND, {"barcode": barcode, "event_id": event_id},
                               actor=actor, subject=barcode)
    return CheckResult(True, "ok", "valid: first entry", entered_at=entry.created_at, **found)
