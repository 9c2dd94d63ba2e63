"""How a door judges a ticket from the central's snapshot: status, accepted scan points, re-entry limit.

The same rules as the central's check-in (``boxoffice/central/event_tickets.judge``), applied offline to what the
door terminal holds: the ticket as listed by the central and every entry seen so far (this door's and, once
refreshed, the other doors'). Pure: the store and the transport both speak these types.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

VALID = "valid"


@dataclass(frozen=True)
class DoorTicketInfo:
    """One ticket of the event as the central lists it for doors."""

    barcode: str
    ticket_key: str
    ticket_id: str
    ticket_type: str | None
    holder: str | None
    status: str  # valid | refunded | cancelled | revoked | not_held
    reentry_limit: int  # scans allowed in all (1: no re-entry)
    scan_points: tuple[str, ...] = ()  # empty: any door


@dataclass(frozen=True)
class SeenScan:
    """An admitted entry; ``id`` is the door's scan id (or the central's own id for its check-ins)."""

    id: str
    barcode: str
    at: datetime
    scan_point: str | None


@dataclass(frozen=True)
class Verdict:
    """``reason`` None: admit (``scans_left`` after this one); else why not, with the last entry if any."""

    reason: str | None
    scans_left: int | None = None
    last: SeenScan | None = None
    limit: int = 1


def normal_barcode(text: str) -> str:
    """The form barcodes are kept and compared in: trimmed, upper case (any scheme, ours or another's)."""
    return text.strip().upper()


def judge(ticket: DoorTicketInfo, entries: Sequence[SeenScan], scan_point: str | None) -> Verdict:
    """Judge one scan of ``ticket`` at ``scan_point`` given the entries already admitted (oldest first)."""
    if ticket.status != VALID:
        return Verdict(ticket.status)
    if ticket.scan_points and scan_point not in ticket.scan_points:
        return Verdict("scan_point_not_accepted")
    limit = max(ticket.reentry_limit, 1)
    if len(entries) >= limit:
        return Verdict("already_entered" if limit == 1 else "reentry_limit", 0, entries[-1], limit)
    return Verdict(None, limit - len(entries) - 1, entries[-1] if entries else None, limit)
