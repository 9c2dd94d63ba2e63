"""The hub's callable functions: the reference central's (three wrapped with the hub's bookkeeping, in the same
transaction) plus its four extension calls (holds and leases).

Wrapped: ``offline_office_tickets_synchronization`` (each accepted, first-time entry goes to the hub's upstream
outbox exactly as the window sent it, with the window's key; its seats' holds end), ``offline_office_tickets_
unassign`` (queued upstream too; leases and holds of the seats end) and ``offline_office_tickets_list_sales``
(a seat another window holds or leases is listed sold, so this window does not try it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.central import api_docs, offline_office, registry, synchronization
from boxoffice.central.app import REQUEST_KEY
from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput, iso_utc
from boxoffice.central.functions import Function, require_event, require_office
from boxoffice.central.inventory import chunks
from boxoffice.central.validation import callable_data
from boxoffice.hub import best_pick, holds, leases
from boxoffice.hub.models import HubState, HubUpstream, HubWindow
from boxoffice.hub.settings import HubSettings
from boxoffice.hub.windows import require_active, window_of

log = logging.getLogger(__name__)

MAX_HOLD = 100
MAX_HOLD_KEY = 128
MSG_HELD = "Tickets retenidos"
MSG_RELEASED = "Tickets liberados"
MSG_LEASE = "Reserva de la taquilla"
MSG_LEASE_RELEASED = "Reserva devuelta"
SALE, UNASSIGN = "sale", "unassign"
BREACHES = "lease_breaches"
WRAPPED = ("offline_office_tickets_synchronization", "offline_office_tickets_unassign",
           "offline_office_tickets_list_sales")


@dataclasses.dataclass(frozen=True)
class HoldRequest:
    office_id: str
    event_id: str
    tickets: list[str]
    hold_key: str


@dataclasses.dataclass(frozen=True)
class SeatsRequest:
    office_id: str
    tickets: list[str]


def parse_hold(payload: Any) -> HoldRequest:
    data = callable_data(payload)
    office_id = data.identifier("office_id", what="an office id")
    event_id = data.identifier("event_id", what="an event id")
    tickets = data.id_list("tickets")
    hold_key = data.string("hold_key", max_length=MAX_HOLD_KEY, what="a hold key")
    assert office_id is not None and event_id is not None and tickets is not None and hold_key is not None
    _at_most_a_sale(tickets)
    return HoldRequest(office_id, event_id, tickets, hold_key)


def parse_seats(payload: Any) -> SeatsRequest:
    data = callable_data(payload)
    office_id = data.identifier("office_id", what="an office id")
    tickets = data.id_list("tickets")
    assert office_id is not None and tickets is not None
    return SeatsRequest(office_id, tickets)


def _at_most_a_sale(tickets: list[str]) -> None:
    if len(tickets) > MAX_HOLD:
        raise BadInput("data.tickets", f"data.tickets names {len(tickets)} seats; a hold is one sale's seats, at "
                                       f"most {MAX_HOLD}")


def _scope(request: HoldRequest | SeatsRequest) -> list[tuple[str, str]]:
    return [(request.office_id, "data.office_id")]


def _active_window(session: Session, principal: Principal, office_id: str) -> HubWindow:
    window = window_of(session, principal)
    require_active(window)
    require_office(session, office_id, "data.office_id")
    return window


# -- extension calls --------------------------------------------------------------------------------------------

def _hold(settings: HubSettings) -> Any:
    def run(session: Session, request: HoldRequest, principal: Principal, now: datetime) -> ApiResult:
        window = _active_window(session, principal, request.office_id)
        require_event(session, request.event_id, "data.event_id")
        reasons, expires_at = holds.hold(session, window, request.office_id, request.event_id, request.tickets,
                                         request.hold_key, now, settings.hold_seconds)
        if reasons:
            return offline_office.unavailable_result(reasons)
        return ApiResult(200, MSG_HELD, {"held": request.tickets, "expires_at": iso_utc(expires_at)})

    return run


def _release(session: Session, request: SeatsRequest, principal: Principal, now: datetime) -> ApiResult:
    window = window_of(session, principal)  # a retired window may still let go of its holds
    return ApiResult(200, MSG_RELEASED, {"released": holds.release(session, window, request.tickets)})


def _lease(settings: HubSettings) -> Any:
    def run(session: Session, request: offline_office.OfficeEventRequest, principal: Principal,
            now: datetime) -> ApiResult:
        window = window_of(session, principal)  # a retired window sees what it still has (recalled)
        require_office(session, request.office_id, "data.office_id")
        require_event(session, request.event_id, "data.event_id")
        sizes = leases.top_up(session, window, settings, request.event_id, now)
        lease = leases.lease_of(session, window, request.office_id, request.event_id, sizes)
        return ApiResult(200, MSG_LEASE, {"window": window.name, "event_id": request.event_id,
                                          "tickets": lease.tickets, "recalled": lease.recalled,
                                          "sizes": [size.as_json() for size in sizes]})

    return run


def _lease_release(session: Session, request: SeatsRequest, principal: Principal, now: datetime) -> ApiResult:
    window = window_of(session, principal)
    return ApiResult(200, MSG_LEASE_RELEASED, {"released": leases.release(session, window, request.tickets)})


# -- wrapped central functions ----------------------------------------------------------------------------------

def _window_or_none(session: Session, principal: Principal) -> HubWindow | None:
    return session.scalar(select(HubWindow).where(HubWindow.token_id == principal.token_id))


def synchronize(session: Session, request: synchronization.SyncRequest, principal: Principal,
                now: datetime) -> ApiResult:
    """The central's synchronisation, then each accepted first-time entry queued upstream as sent."""
    window = _window_or_none(session, principal)
    result = synchronization.synchronize(session, request, principal, now)
    outcomes = [(entry, outcome) for entry, outcome in zip(request.entries, result.data["results"], strict=True)
                if not outcome.get("error") and not outcome.get("replayed")]
    accepted = [entry for entry, _outcome in outcomes]
    taken = [ticket["ticket_id"] for entry, outcome in outcomes if entry.status == synchronization.COMPLETED
             for ticket in outcome.get("tickets") or [] if ticket.get("taken")]
    _count_breaches(session, window, taken, now)
    keys = {_entry_key(entry): entry for entry in accepted}  # one row per key, the first entry's
    queued = set()
    for chunk in chunks(sorted(keys)):
        queued.update(session.scalars(select(HubUpstream.idempotency_key).where(
            HubUpstream.kind == SALE, HubUpstream.idempotency_key.in_(chunk))))
    for key, entry in keys.items():
        if key in queued:
            log.info("sale entry %s is already in the hub's upstream outbox; not queued again", key)
            continue
        session.add(HubUpstream(kind=SALE, idempotency_key=key, window_id=window.id if window else None,
                                payload=json_plain(entry.raw), date_created=now))
    holds.drop_holds(session, [ticket_id for entry in accepted for ticket_id in entry.tickets])
    if window is not None:
        window.last_seen = now
        if request.journal_head is not None:
            window.terminal_id = request.journal_head.terminal_id
    session.flush()
    return result


def _entry_key(entry: synchronization.SaleEntry) -> str:
    if entry.idempotency_key is not None:
        return entry.idempotency_key
    if entry.purchase_code is not None:
        return f"code:{entry.purchase_code}:{entry.status}"
    return f"entry:{synchronization.fingerprint(entry)}"


def _count_breaches(session: Session, window: HubWindow | None, sold: list[str], now: datetime) -> None:
    """A sale taking a seat another window holds or leases is stored anyway (always-accept) but counted: by
    design (holds before a sale, leases while offline) it never happens."""
    claims = holds.claimed_by_others(session, window.id if window else None, now, ticket_ids=sold) if sold else {}
    if not claims:
        return
    log.warning("lease breach: window %s sold %d seat(s) another window held or leased: %s",
                window.name if window else "?", len(claims), ", ".join(f"{t} ({why})" for t, why in claims.items()))
    row = session.get(HubState, BREACHES)
    if row is None:
        session.add(HubState(key=BREACHES, value=str(len(claims))))
    else:
        row.value = str(int(row.value) + len(claims))


def json_plain(value: Any) -> Any:
    """``value`` as the JSON column can store it: a Decimal amount becomes a float, which the central reads back
    as the same Decimal for any amount of up to 15 significant digits (its fingerprint normalises them)."""
    if isinstance(value, Decimal):  # an integer in the body is an int already: only fractions are Decimals
        return float(value)
    if isinstance(value, dict):
        return {key: json_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_plain(item) for item in value]
    return value


def unassign(session: Session, request: offline_office.TicketsRequest, principal: Principal,
             now: datetime) -> ApiResult:
    """The central's unassignment, then queued upstream (the request's key, else one made from its seats)."""
    result = offline_office.unassign(session, request, principal, now)
    if result.status != 200:
        return result
    window = _window_or_none(session, principal)
    base = REQUEST_KEY.get() or "unassign:" + hashlib.sha256(
        "\n".join([request.event_id, *sorted(request.tickets)]).encode("utf-8")).hexdigest()
    key, n = base, 1
    while session.scalar(select(HubUpstream.id).where(HubUpstream.kind == UNASSIGN,
                                                      HubUpstream.idempotency_key == key)) is not None:
        n += 1  # the same seats unassigned again after a new assignment: a new request upstream
        key = f"{base}:{n}"
    session.add(HubUpstream(kind=UNASSIGN, idempotency_key=key, window_id=window.id if window else None,
                            payload={"event_id": request.event_id, "ticket_ids": list(request.tickets)},
                            date_created=now))
    leases.drop_leases(session, request.tickets)
    holds.drop_holds(session, request.tickets)
    session.flush()
    return result


def list_sales(session: Session, request: offline_office.OfficeEventRequest, principal: Principal,
               now: datetime) -> ApiResult:
    """The central's listing; a seat another window holds or leases shows ``status`` false."""
    result = offline_office.list_sales(session, request, principal, now)
    window = _window_or_none(session, principal)
    claims = holds.claimed_by_others(session, window.id if window else None, now, event_id=request.event_id)
    if claims:
        for row in result.data["response"]:
            if row["ticket_id"] in claims:
                row["status"] = False
    return result


# -- the table --------------------------------------------------------------------------------------------------

A = api_docs
_SEATS_SCHEMA = A.callable_body({"office_id": A.STRING, "tickets": A.ID_LIST}, ["office_id", "tickets"])
_HOLD_SCHEMA = A.callable_body({"office_id": A.STRING, "event_id": A.STRING, "tickets": A.ID_LIST,
                                "hold_key": A.STRING}, ["office_id", "event_id", "tickets", "hold_key"])
_OFFICE = "office_taquilla_norte"
_NOT_A_WINDOW = A.error(403, "The token is not one of this hub's windows", "this token is not a window of this hub")


def _ok(message: str, **data: object) -> dict[int, dict[str, Any]]:
    return {200: A.answer("Success", {"message": message, "status": 200, "data": {"valido": True, **data}}),
            _NOT_A_WINDOW[0]: _NOT_A_WINDOW[1]}


def _seats_function(name: str, summary: str, description: str, run: Any, message: str, example: str) -> Function:
    """A call that names seats to let go of (``{office_id, tickets}`` -> ``released``)."""
    return Function(name=name, path="/" + name, summary=summary, description=description, admin_only=False,
                    writes=True, parse=parse_seats, run=run, offices=_scope, request_schema=_SEATS_SCHEMA,
                    request_example={"data": {"office_id": _OFFICE, "tickets": [example]}},
                    responses=_ok(message, released=[example]))


def extension_functions(settings: HubSettings) -> tuple[Function, ...]:
    """The hub's five calls (not on a central: a window asks ``GET /hub`` first)."""
    return (
        Function(
            name="offline_office_hub_hold", path="/offline_office_hub_hold",
            summary="Hold seats for this window while it sells them (office hub, all or nothing)",
            description="A seat is holdable when it is this office's at the hub, unsold, not held by another "
                        "window and not leased to another window (even recalled). Otherwise 400 `Tickets no "
                        "disponibles` with `nodisponible` (and `motivos`); nothing is written. Holding a seat "
                        f"again extends it; a hold lasts {settings.hold_seconds} s unless its sale arrives. "
                        "A window token of this hub only.",
            admin_only=False, writes=True, parse=parse_hold, run=_hold(settings), offices=_scope,
            request_schema=_HOLD_SCHEMA,
            request_example={"data": {"office_id": _OFFICE, "event_id": A.EVENT_ID, "tickets": [A.TICKET_A],
                                      "hold_key": "sale-7f3c"}},
            responses={**_ok(MSG_HELD, held=[A.TICKET_A], expires_at="2026-07-01T18:10:00Z"), 400: A.UNAVAILABLE}),
        _seats_function("offline_office_hub_release", "Release this window's holds (office hub)",
                        "Only the calling window's own holds are released; other seats are ignored.",
                        _release, MSG_RELEASED, A.TICKET_A),
        Function(
            name="offline_office_hub_lease", path="/offline_office_hub_lease",
            summary="This window's lease of an event, topped up (office hub)",
            description="Seats only this window may sell while it cannot reach the hub. Each zone below its "
                        "low-water mark is topped up to its size from the end of the zone's order. `recalled`: "
                        "seats to give back (offline_office_hub_lease_release) when unsold.",
            admin_only=False, writes=True, parse=offline_office.parse_office_event, run=_lease(settings),
            offices=offline_office.office_scope, request_schema=A.LIST_SCHEMA, request_example=A.LIST_EXAMPLE,
            responses=_ok(MSG_LEASE, window="taquilla-1", event_id=A.EVENT_ID, tickets=[A.TICKET_B], recalled=[],
                          sizes=[{"zone": "GENERAL", "size": 20, "low_water": 10}])),
        _seats_function("offline_office_hub_lease_release", "Give back lease seats (office hub)",
                        "The calling window's own unsold lease seats among `tickets` go back to the hub.",
                        _lease_release, MSG_LEASE_RELEASED, A.TICKET_B),
        best_pick.hold_best_function(settings),
    )


_WRAPPERS = {"offline_office_tickets_synchronization": synchronize, "offline_office_tickets_unassign": unassign,
             "offline_office_tickets_list_sales": list_sales}


def hub_functions(settings: HubSettings) -> tuple[Function, ...]:
    """The central's functions (three with the hub's bookkeeping) and the hub's own."""
    central = tuple(dataclasses.replace(fn, run=_WRAPPERS[fn.name]) if fn.name in _WRAPPERS else fn
                    for fn in registry.FUNCTIONS)
    return central + extension_functions(settings)
