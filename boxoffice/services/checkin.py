"""Door check: is this ticket good for entry here, now? Works offline.

A ticket the central's door snapshot lists (``services/door_snapshot.py``: sold here, at another window, online,
comp, or by another system with its own barcode scheme) is judged by it: status, accepted scan points, re-entry
limit, counting the entries of every door the last refresh reported. Any other code must be one of our
Satellite Tag barcodes sold here (the local sales). Green records the entry (an append to the hash-chained
journal, kind ``door_entry``, so an entry cannot be quietly removed to let a ticket in twice, and a door scan
sent to the central once). Red says why: malformed code, unknown ticket, voided/refunded/cancelled/transferred,
another event, not at this door, already entered (with the time and the door) or the re-entry limit reached.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.codes import parse_code
from boxoffice.core.door_rules import DoorTicketInfo, judge, normal_barcode
from boxoffice.core.errors import InvalidCode
from boxoffice.services import door_snapshot, journal
from boxoffice.store.models import Event, JournalEntry, Sale, SaleTicket, Ticket

ENTRY_KIND = "door_entry"


@dataclass(frozen=True)
class CheckResult:
    green: bool
    #: "ok" | "reentry" (green) | "malformed" | "unknown" | "voided" | "refunded" | "cancelled" | "transferred" |
    #: "not_held" | "not_activated" | "wrong_event" | "wrong_door" | "already_entered" | "reentry_limit"
    reason: str
    message: str
    barcode: str = ""
    seat: str | None = None
    product: str | None = None
    entered_at: datetime | None = None
    #: why a code is not a ticket code at all (mistyped, misread): the door shows its text (ui/error_text.py)
    error: InvalidCode | None = None
    entered_door: str | None = None  # the scan point of the last entry (already entered / re-entry)
    scans_left: int | None = None  # green: entries still allowed after this one
    limit: int | None = None  # entries allowed in all (snapshot tickets)
    holder: str | None = None


#: the snapshot's verdicts (core/door_rules.py: a ticket state other than valid, or a rule) as the door names them
_REASONS = {"refunded": "refunded", "cancelled": "cancelled", "revoked": "transferred", "not_held": "not_held",
            "pregenerated": "not_activated", "scan_point_not_accepted": "wrong_door",
            "already_entered": "already_entered", "reentry_limit": "reentry_limit"}


def check_ticket(session_factory: sessionmaker[Session], code: str, event_id: str, *,
                 actor: str | None = None, scan_point: str | None = None) -> CheckResult:
    """Check one scanned or typed code at the door ``scan_point`` of ``event_id`` and record an admitted entry."""
    barcode = normal_barcode(code)
    if barcode:
        with session_factory.begin() as session:
            listed = door_snapshot.snapshot_ticket(session, event_id, barcode)
            if listed is not None:
                return _by_snapshot(session, listed, event_id, scan_point, actor)
            other = door_snapshot.other_event_of(session, event_id, barcode)
            if other is not None:
                event = session.get(Event, other)
                return CheckResult(False, "wrong_event", f"this ticket is for {event.name if event else other}",
                                   barcode)
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
            seen = door_snapshot.entries(session, event_id, barcode)
            return CheckResult(False, "already_entered", "already entered", entered_at=earlier.created_at,
                               entered_door=seen[0].scan_point if seen else None, **found)
        at = _admit(session, event_id, barcode, scan_point, actor)
    return CheckResult(True, "ok", "valid: first entry", entered_at=at, scans_left=0, **found)


def _admit(session: Session, event_id: str, barcode: str, scan_point: str | None, actor: str | None) -> datetime:
    """Record an admitted entry: journaled, and kept as a door scan for the central (sent once)."""
    entry = journal.append(session, ENTRY_KIND, {"barcode": barcode, "event_id": event_id,
                                                 "scan_point": scan_point}, actor=actor, subject=barcode)
    door_snapshot.record_entry(session, uuid.uuid4().hex, event_id, barcode, scan_point, entry.created_at, actor)
    return entry.created_at


def _local_sale_voided(session: Session, barcode: str) -> Sale | None:
    """A sale of this terminal voided since the snapshot was taken (the central may not know yet)."""
    return session.scalar(select(Sale).join(SaleTicket, SaleTicket.sale_id == Sale.id)
                          .where(SaleTicket.barcode == barcode, Sale.status == "voided").limit(1))


def _by_snapshot(session: Session, ticket: DoorTicketInfo, event_id: str, scan_point: str | None,
                 actor: str | None) -> CheckResult:
    found = dict(barcode=ticket.barcode, product=ticket.ticket_type, holder=ticket.holder,
                 limit=ticket.reentry_limit)
    voided = _local_sale_voided(session, ticket.barcode)
    if voided is not None:
        return CheckResult(False, "voided", f"the sale {voided.purchase_code} was voided", **found)
    seen = door_snapshot.entries(session, event_id, ticket.barcode)
    verdict = judge(ticket, seen, scan_point)
    last = verdict.last
    if verdict.reason is not None:
        reason = _REASONS.get(verdict.reason, "cancelled")
        return CheckResult(False, reason, reason.replace("_", " "), entered_at=last.at if last else None,
                           entered_door=last.scan_point if last else None, **found)
    at = _admit(session, event_id, ticket.barcode, scan_point, actor)
    first = not seen
    return CheckResult(True, "ok" if first else "reentry", "valid: first entry" if first else "valid: re-entry",
                       entered_at=last.at if last else at, entered_door=last.scan_point if last else None,
                       scans_left=verdict.scans_left, **found)
