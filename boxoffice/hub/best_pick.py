"""``offline_office_hub_hold_best``: the hub picks and holds a zone's best free seats for a window's sale.

Best available is decided where every window's holds are known: when each window picked on its own copy, three
windows selling one zone at full speed all chose the same best seat, two were refused, and the losers stayed
one step behind the winner for ever. Here one row lock on the office (``holds.serialize_office``) orders the
picks, so each window gets the next free seats at once. Order: ``Ticket.position`` (the zone's seats row by
row); a party sits together in one row (consecutive positions, same ``seat_row``) unless ``allow_split``; the
window's own lease seats come last (they are its reserve for when it cannot reach the hub).
"""

from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, insert, select
from sqlalchemy.orm import Session

from boxoffice.central import api_docs
from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput, iso_utc
from boxoffice.central.functions import Function, require_event, require_office
from boxoffice.central.models import Ticket, TicketOffline
from boxoffice.central.validation import callable_data
from boxoffice.hub import holds
from boxoffice.hub.models import HubHold, HubLease
from boxoffice.hub.settings import HubSettings
from boxoffice.hub.windows import require_active, window_of

MSG_HELD = "Tickets retenidos"
MSG_NONE = "Tickets no disponibles"
MAX_COUNT = 100
#: rows read per round trip while looking for a run of seats together
_BATCH = 500


@dataclasses.dataclass(frozen=True)
class BestRequest:
    office_id: str
    event_id: str
    zone: str
    count: int
    hold_key: str
    allow_split: bool


def parse_best(payload: Any) -> BestRequest:
    data = callable_data(payload)
    office_id = data.identifier("office_id", what="an office id")
    event_id = data.identifier("event_id", what="an event id")
    zone = data.string("zone", max_length=64, what="a zone name")
    count = data.integer("count", minimum=1, maximum=MAX_COUNT)
    hold_key = data.string("hold_key", max_length=128, what="a hold key")
    allow_split = data.raw.get("allow_split", False)
    if not isinstance(allow_split, bool):
        raise BadInput("data.allow_split", "data.allow_split must be true or false")
    assert office_id is not None and event_id is not None and zone is not None and count is not None
    assert hold_key is not None
    return BestRequest(office_id, event_id, zone, count, hold_key, allow_split)


def pick(session: Session, window_id: int, office_id: str, event_id: str, zone: str, count: int, now: datetime,
         *, allow_split: bool = False) -> tuple[list[str], int]:
    """The best ``count`` seats window ``window_id`` may hold in ``zone`` (empty when there are not enough, or not
    together without ``allow_split``), and how many it may hold there at all (counted only when it found none).
    A held seat is never picked, the window's own holds included: they are its sales on their way to the hub
    (or this sale's other lines)."""
    held = exists().where(HubHold.ticket_id == Ticket.id, HubHold.expires_at > now)
    others_lease = exists().where(HubLease.ticket_id == Ticket.id, HubLease.window_id != window_id)
    own_lease = exists().where(HubLease.ticket_id == Ticket.id, HubLease.window_id == window_id)
    free = (select(Ticket.id, Ticket.seat_row, Ticket.position, own_lease.label("own"))
            .join(TicketOffline, and_(TicketOffline.ticket_id == Ticket.id, TicketOffline.office_id == office_id))
            .where(Ticket.event_id == event_id, Ticket.zone == zone, Ticket.status.is_(True), ~held,
                   ~others_lease))
    first: list[str] = []
    seen = 0
    for own in (False, True):  # the window's own lease last
        run: list[str] = []
        last: tuple[str, int] | None = None
        rows = session.execute(free.where(own_lease if own else ~own_lease).order_by(Ticket.position, Ticket.id)
                               .execution_options(yield_per=_BATCH))
        for ticket_id, seat_row, position, _own in rows:
            seen += 1
            if len(first) < count:
                first.append(ticket_id)
            if last == (seat_row, position - 1):
                run.append(ticket_id)
            else:
                run = [ticket_id]
            last = (seat_row, position)
            if len(run) == count:
                rows.close()
                return run, seen
    if allow_split and len(first) == count:
        return first, seen
    return [], seen


def _hold_best(settings: HubSettings) -> Any:
    def run(session: Session, request: BestRequest, principal: Principal, now: datetime) -> ApiResult:
        window = window_of(session, principal)
        require_active(window)
        require_office(session, request.office_id, "data.office_id")
        require_event(session, request.event_id, "data.event_id")
        holds.serialize_office(session, request.office_id)
        chosen, free = pick(session, window.id, request.office_id, request.event_id, request.zone, request.count,
                            now, allow_split=request.allow_split)
        if not chosen:
            return ApiResult(400, MSG_NONE, {"valido": False, "nodisponible": [], "disponibles": free,
                                             "juntas": free >= request.count})
        expires_at = now + timedelta(seconds=settings.hold_seconds)
        holds.drop_holds(session, chosen)
        session.execute(insert(HubHold), [
            {"ticket_id": ticket_id, "window_id": window.id, "event_id": request.event_id,
             "hold_key": request.hold_key, "expires_at": expires_at, "date_created": now} for ticket_id in chosen])
        return ApiResult(200, MSG_HELD, {"held": chosen, "expires_at": iso_utc(expires_at)})

    return run


def hold_best_function(settings: HubSettings) -> Function:
    a = api_docs
    return Function(
        name="offline_office_hub_hold_best", path="/offline_office_hub_hold_best",
        summary="Pick and hold a zone's best free seats for this window (office hub)",
        description="The hub picks: `count` seats of `zone` side by side in one row (any free ones with "
                    "`allow_split`), in the zone's order, this window's own lease seats last; they are held as "
                    "by offline_office_hub_hold. Not enough: 400 `Tickets no disponibles` with `disponibles` "
                    "(how many it could hold) and `juntas` (false: enough, but not together).",
        admin_only=False, writes=True, parse=parse_best, run=_hold_best(settings),
        offices=lambda request: [(request.office_id, "data.office_id")],
        request_schema=a.callable_body({"office_id": a.STRING, "event_id": a.STRING, "zone": a.STRING,
                                        "count": {"type": "integer"}, "hold_key": a.STRING,
                                        "allow_split": {"type": "boolean"}},
                                       ["office_id", "event_id", "zone", "count", "hold_key"]),
        request_example={"data": {"office_id": "office_taquilla_norte", "event_id": a.EVENT_ID, "zone": "General",
                                  "count": 2, "hold_key": "sale-7f3c"}},
        responses={200: a.answer("Held", {"message": MSG_HELD, "status": 200, "data": {
            "valido": True, "held": [a.TICKET_A], "expires_at": "2026-07-01T18:10:00Z"}})})
