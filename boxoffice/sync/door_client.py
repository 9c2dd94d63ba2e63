"""HTTP calls of a door terminal: the event's door snapshot and the upload of the entries it admitted.

Both are extensions of ours on the reference central (``boxoffice/central/door_snapshot.py``), made through the
office's :class:`~boxoffice.sync.client.CentralClient` (its session, token, TLS and error mapping). Transport
only: the answers come back as :mod:`boxoffice.core.door_rules` values; what the store keeps is the service's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

from boxoffice.core.door_rules import DoorTicketInfo, SeenScan, normal_barcode
from boxoffice.core.utc import format_utc, parse_utc
from boxoffice.sync.client import CentralClient, _excerpt, _field, _optional, _require_dict
from boxoffice.sync.errors import ProtocolError

RECORDED, DUPLICATE, UNKNOWN = "recorded", "duplicate", "unknown"


@dataclass(frozen=True)
class DoorSnapshot:
    event_id: str
    tickets: tuple[DoorTicketInfo, ...]
    scans: tuple[SeenScan, ...]  # every recorded entry of the event's tickets, each door's


@dataclass(frozen=True)
class UploadItem:
    id: str
    barcode: str
    scan_point: str | None
    scanned_at: datetime


@dataclass(frozen=True)
class UploadResult:
    id: str
    status: str  # recorded | duplicate (both: the central has it) | unknown (send again later)
    flag: str | None = None  # why the central would have refused it at the time


def fetch_snapshot(client: CentralClient, event_id: str) -> DoorSnapshot:
    endpoint = f"events/{quote(event_id, safe='')}/door-snapshot"
    body = _require_dict(endpoint, client._request("GET", endpoint, None, None))
    tickets, scans = [], []
    for raw in _field(endpoint, body, "tickets", list):
        row = _require_dict(endpoint, raw)
        barcode = normal_barcode(_field(endpoint, row, "barcode", str))
        points = _field(endpoint, row, "acceptedScanPoints", list)
        if not all(isinstance(p, str) for p in points):
            raise ProtocolError(endpoint, "acceptedScanPoints must list texts", _excerpt(repr(row)))
        tickets.append(DoorTicketInfo(
            barcode=barcode, ticket_key=_field(endpoint, row, "ticketKey", str),
            ticket_id=_field(endpoint, row, "ticketId", str),
            ticket_type=_optional(endpoint, row, "ticketTypeName", str),
            holder=_optional(endpoint, row, "holderName", str), status=_field(endpoint, row, "status", str),
            reentry_limit=int(_field(endpoint, row, "reentryLimit", int)), scan_points=tuple(points)))
        for scan in _field(endpoint, row, "scans", list):
            scan = _require_dict(endpoint, scan)
            scans.append(SeenScan(_field(endpoint, scan, "id", str), barcode, _when(endpoint, scan),
                                  _optional(endpoint, scan, "scanPoint", str)))
    return DoorSnapshot(event_id, tuple(tickets), tuple(scans))


def upload_check_ins(client: CentralClient, event_id: str, items: Sequence[UploadItem],
                     request_key: str) -> list[UploadResult]:
    """Send admitted entries; each is recorded once per id however often it is sent."""
    endpoint = f"events/{quote(event_id, safe='')}/door-check-ins"
    payload = {"checkIns": [{"id": i.id, "qrPayload": i.barcode, "scanPoint": i.scan_point,
                             "scannedAt": format_utc(i.scanned_at)} for i in items]}
    body = _require_dict(endpoint, client._request("POST", endpoint, client._encode(payload), request_key))
    results = [_require_dict(endpoint, r) for r in _field(endpoint, body, "results", list)]
    if [r.get("id") for r in results] != [i.id for i in items]:
        raise ProtocolError(endpoint, "the results do not answer the scans sent, in order")
    out = []
    for row in results:
        status = _field(endpoint, row, "status", str)
        if status not in (RECORDED, DUPLICATE, UNKNOWN):
            raise ProtocolError(endpoint, f"unexpected status {status!r}", _excerpt(repr(row)))
        out.append(UploadResult(row["id"], status, _optional(endpoint, row, "flag", str)))
    return out


def _when(endpoint: str, row: dict[str, Any]) -> datetime:
    text = _field(endpoint, row, "at", str)
    try:
        return parse_utc(text)
    except ValueError:
        raise ProtocolError(endpoint, f"scan time {text!r} is not an ISO-8601 time") from None
