"""What a door terminal needs to judge tickets offline, and where it sends the entries it admitted.

``GET /events/:eventId/door-snapshot`` lists every ticket of the event a door may be shown — online, comp,
transfer (valid or not, so a refunded ticket is red for the right reason) and every window sale still holding
its seat — with its barcode, re-entry limit, accepted scan points and the scans recorded so far (each with the
door's scan id when a door uploaded it, so that door does not count its own scan twice).

``POST /events/:eventId/door-check-ins`` takes ``{"checkIns": [{"id", "qrPayload", "scanPoint", "scannedAt"}]}``:
entries doors admitted while offline. Each is recorded once per ``id`` (a repeat answers ``duplicate``), at the
door's time, always accepted (the person is inside) and flagged with the reason the central would have given;
a code the central does not know yet (its sale not synchronised) is answered ``unknown`` and not recorded, so
the door sends it again later.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.envelope import BadInput
from boxoffice.central.event_http import Call, add_route
from boxoffice.central.event_setup import get_event, instant
from boxoffice.central.event_tickets import judge, lock_found
from boxoffice.central.models import PosItemTicket
from boxoffice.central.models_door import DoorUpload
from boxoffice.central.models_events import CheckIn, EventTicket
from boxoffice.central.ticket_lookup import Found, by_qr, central_found, window_sales

MAX_UPLOAD = 1000


def entry_limit(found: Found) -> int:
    """Scans allowed in all: ``reentryLimit`` when the type allows re-entry, else one (as :func:`judge`)."""
    kind = found.ticket_type
    return (kind.reentry_limit or 1) if kind is not None and kind.allow_reentry else 1


def _snapshot_row(found: Found, scans: list[dict[str, Any]]) -> dict[str, Any]:
    kind, central, order = found.ticket_type, found.central, found.order
    holder = central.holder_name if central is not None else (order.client_name if order is not None else None)
    return {"barcode": found.qr_payload, "ticketKey": found.key,
            "ticketId": central.id if central is not None else (found.seat.id if found.seat else found.key),
            "ticketTypeName": kind.name if kind is not None else None, "holderName": holder,
            "status": found.status, "reentryLimit": entry_limit(found),
            "acceptedScanPoints": list(kind.accepted_scan_points or []) if kind is not None else [],
            "scans": scans}


def snapshot(session: Session, call: Call) -> dict[str, Any]:
    event = get_event(session, call.params["eventId"])
    uploads = dict(session.execute(select(DoorUpload.checkin_id, DoorUpload.id)
                                   .where(DoorUpload.event_id == event.id)).all())
    scans: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for check_in in session.scalars(select(CheckIn).where(CheckIn.event_id == event.id).order_by(CheckIn.id)):
        scans[check_in.ticket_key].append({"id": uploads.get(check_in.id, f"central-{check_in.id}"),
                                           "at": check_in.date_created, "scanPoint": check_in.scan_point})
    central = session.scalars(select(EventTicket).where(EventTicket.event_id == event.id)
                              .order_by(EventTicket.date_created, EventTicket.id))
    found = [central_found(session, t) for t in central] + window_sales(session, event.id)
    tickets = [_snapshot_row(f, scans.get(f.key, [])) for f in found if f.qr_payload]
    return {"eventId": event.id, "generatedAt": call.now, "tickets": tickets}


def _scanned(session: Session, payload: str) -> Found | None:
    """The ticket of a code a door sends back: doors keep codes upper-cased, and a window sale's printed barcode
    (of another system's scheme, say) may have lower-case letters, so it is looked up regardless of case too."""
    found = by_qr(session, payload)
    if found is not None:
        return found
    printed = session.scalar(select(PosItemTicket.barcode).where(func.upper(PosItemTicket.barcode) == payload.upper(),
                                                                 PosItemTicket.ticket_id.is_not(None)).limit(1))
    return by_qr(session, printed) if printed is not None and printed != payload else None


def _record(session: Session, call: Call, event_id: str, item: Any) -> dict[str, Any]:
    scan_id = item.string("id", max_length=64, what="the door's scan id") or ""
    if not scan_id.strip():
        raise BadInput(item.at("id"), f"{item.at('id')} must not be empty")
    payload = item.string("qrPayload", max_length=512, what="the scanned code") or ""
    scan_point = item.string("scanPoint", required=False, nullable=True, max_length=64)
    scanned_at = instant(item, "scannedAt", required=True)
    if session.get(DoorUpload, scan_id) is not None:
        return {"id": scan_id, "status": "duplicate"}
    found = _scanned(session, payload)
    if found is None:
        return {"id": scan_id, "status": "unknown"}
    lock_found(session, found)
    flag, _, _ = judge(session, found, scan_point, event_id)
    check_in = CheckIn(event_id=found.event_id, ticket_key=found.key, scan_point=scan_point,
                       date_created=scanned_at or call.now)
    session.add(check_in)
    if found.seat is not None:  # the seat row's access fields follow the check-ins, as at the central's door
        found.seat.access_status, found.seat.access_entry = True, found.seat.access_entry + 1
    session.flush()
    session.add(DoorUpload(id=scan_id, event_id=found.event_id, checkin_id=check_in.id, door=scan_point,
                           flag=flag, date_created=call.now))
    session.flush()
    return {"id": scan_id, "status": "recorded", "flag": flag, "ticketKey": found.key}


def upload(session: Session, call: Call) -> dict[str, Any]:
    event = get_event(session, call.params["eventId"])
    fields = call.fields()
    items = fields.objects("checkIns", max_items=MAX_UPLOAD, what="{id, qrPayload, scanPoint, scannedAt} scans")
    return {"eventId": event.id, "results": [_record(session, call, event.id, item) for item in items or []]}


def add_door_routes(app: FastAPI, db: Database) -> None:
    """The door terminals' snapshot and check-in upload (staff: admin or an office token)."""
    add_route(app, db, "GET", "/events/{eventId}/door-snapshot", snapshot, access="staff", writes=False,
              summary="Every ticket a door may be shown, with its rules and scans, for offline checking")
    add_route(app, db, "POST", "/events/{eventId}/door-check-ins", upload, access="staff",
              summary="Check-ins doors admitted offline, recorded once per scan id (always accepted, flagged)")
