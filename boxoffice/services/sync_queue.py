"""The sync queue as a supervisor sees it: every outbox item with its error or conflict, retry now, decisions.

A queue item is one outbox row (a sale, a void or a return). A delivered sale the central platform flagged
(a seat sold twice across channels, a seat no longer assigned to this office) shows as ``conflict`` with both
sides: our sale as it was made here, and what the platform answered (recorded by the delivery worker in
``Sale.conflict_json`` and ``Outbox.response``). The platform's answer names the conflict per ticket, our order
there and, for a seat already sold, the order that holds it (``held_by``: purchase code, office or channel, when,
client) when the platform says; the supervisor's decision says what must happen to the other order.

Decisions (one per conflict; a second is refused):

* ``keep``: our customer keeps the seats. The platform stored our sale already (a sale made offline is always
  accepted), so nothing is sent; the other channel's sale must be refunded or moved on the central platform.
  Only for a sale that is not voided.
* ``void_ours``: our sale is voided (:func:`boxoffice.services.returns.void_sale`, the reason names the
  conflict), a cancellation is queued and our customer gets the money back; the other channel's sale stands.
  The conflicted seats are marked as not ours to sell (the platform said so), so the cancellation does not put
  them back on sale here. For a sale already voided (from the sale screen), the decision is only recorded.

A decision is journaled (``conflict_decision``) and written into ``conflict_json["decision"]``; the sale's
``delivery_state`` goes back to ``delivered`` so the status bar stops counting it as an open conflict.

Reports (``reported``, then ``seen``): the platform's own list of conflicts involving this office, fetched by the
delivery worker and the pull (:mod:`boxoffice.sync.conflict_feed`) and stored by
:mod:`boxoffice.services.conflict_reports`. A ``holder`` report is the case nothing else
shows: another office sold (or reused the purchase code of) one of our seats; a ``seller`` report is our sale
running into another side's ticket, as the platform recorded it. Reports never change a sale or a seat; the
supervisor marks one seen with a note (journaled ``conflict_report_seen``). Unseen holder reports count in the
status's ``conflicts``. A report is listed with the negative of its ``conflict_id`` as its id, so it never collides
with an outbox item's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from boxoffice.core import ticket_states
from boxoffice.core.errors import BoxOfficeError, UnknownSale
from boxoffice.core.permissions import Action
from boxoffice.core.ticket_states import DELIVERY, OUTBOX
from boxoffice.services import authority, journal
from boxoffice.services.context import Terminal
from boxoffice.services.returns import void_sale
from boxoffice.store.models import Clerk, ConflictReport, Event, Outbox, Sale, SaleTicket, Ticket
from boxoffice.store.types import format_utc, parse_utc, utcnow

#: What a queue item can be: the outbox states, plus a delivered sale with an open or a decided conflict, plus
#: a conflict the platform reported (not yet seen, or seen by a supervisor).
STATES = ("pending", "parked", "conflict", "decided", "delivered", "cancelled", "reported", "seen")
#: Items a supervisor has to look at.
ATTENTION = ("parked", "conflict", "reported")
DECISIONS = ("keep", "void_ours")
#: Delivered and cancelled items shown by default (newest first); the rest of the history stays in the store.
HISTORY_LIMIT = 500

#: The order of the list: what needs a supervisor first, then what is on its way, then history.
_RANK = {state: rank for rank, state in enumerate(("parked", "conflict", "reported", "pending", "decided", "seen",
                                                   "delivered", "cancelled"))}


class QueueActionRefused(BoxOfficeError):
    """A retry or a decision that cannot be done as asked; nothing was written."""


@dataclass(frozen=True)
class SeatLine:
    ticket_id: str
    seat: str
    row: str | None
    zone: str | None


@dataclass(frozen=True)
class OurSale:
    """Our side: the sale as it was made at this window."""

    purchase_code: str
    event_name: str
    seats: tuple[SeatLine, ...]
    clerk: str
    created_at: datetime
    total_cents: int
    payments: tuple[tuple[str, int], ...]  # (method, amount in cents)
    customer_name: str
    status: str  # completed | voided
    void_reason: str | None


@dataclass(frozen=True)
class TicketConflict:
    ticket_id: str
    seat: str
    zone: str | None
    conflict: str  # already_sold | not_assigned_to_office | unknown_ticket | whatever the platform said
    held_by: dict[str, str] | None = None  # already_sold: the other order (purchase code, office, source, ...)
    held_since: datetime | None = None  # when that other order was made, as the platform recorded it


@dataclass(frozen=True)
class PlatformSide:
    """The other side: what the central platform answered when it received our sale."""

    order_id: str | None  # our sale's order on the platform
    status: str | None
    conflicts: tuple[TicketConflict, ...]
    inconsistencies: tuple[str, ...]
    answered_at: datetime | None


@dataclass(frozen=True)
class Decision:
    decision: str  # one of DECISIONS
    note: str
    actor: str
    decided_at: datetime
    voided: bool  # void_ours: True when this decision voided the sale (False: it was voided already)


@dataclass(frozen=True)
class Seen:
    actor: str
    seen_at: datetime
    note: str


@dataclass(frozen=True)
class Report:
    """A conflict the platform reported involving this office (see the module docstring)."""

    conflict_id: int
    kind: str  # ticket_conflict | purchase_code_reused | ...
    role: str  # holder: another office's sale named our ticket or code; seller: our sale ran into it
    other_office: str | None  # holder: the office that sold; seller: the office holding the ticket, if any
    other_channel: str | None  # office | online | online_hold | sold | ... as the platform said
    ticket_id: str | None
    seat: SeatLine | None  # our seat, when this terminal knows the ticket
    seat_state: str | None  # its state here (available, sold, ...)
    our_sale: str | None  # our sale of that seat (holder) or with that code, when there is one here
    purchase_code: str | None  # the purchase code the platform names (the seller's)
    order_id: str | None  # our order on the platform (seller reports only)
    detected_at: datetime | None
    fetched_at: datetime
    seen: Seen | None


@dataclass(frozen=True)
class QueueItem:
    id: int
    kind: str  # sale | void | unassign
    subject: str  # purchase code (sale, void) or event id (unassign)
    state: str  # one of STATES
    outbox_state: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    created_at: datetime
    delivered_at: datetime | None
    event_name: str
    ticket_count: int
    sale: OurSale | None = None
    platform: PlatformSide | None = None
    decision: Decision | None = None
    report: Report | None = None

    @property
    def needs_attention(self) -> bool:
        return self.state in ATTENTION


@dataclass(frozen=True)
class RetryResult:
    ids: tuple[int, ...]
    revived: int  # parked items put back in the queue


# -- reading ---------------------------------------------------------------------------------------------------


def _has_conflict(sale: Sale) -> bool:
    return bool((sale.conflict_json or {}).get("tickets"))


def _conflict_state(sale: Sale) -> str:
    return "decided" if (sale.conflict_json or {}).get("decision") else "conflict"


def list_items(read_session_factory: sessionmaker[Session], states: Sequence[str] | None = None, *,
               history_limit: int = HISTORY_LIMIT) -> list[QueueItem]:
    """The queue, items needing attention first, then pending, then the newest history.

    Pending, parked and conflicted items are always all listed; delivered and cancelled ones only the newest
    ``history_limit`` (the outbox keeps every item forever).
    """
    wanted = set(states) if states is not None else set(STATES)
    unknown = wanted - set(STATES)
    if unknown:
        raise ValueError(f"unknown queue states: {sorted(unknown)}")
    with read_session_factory() as session:
        conflicted = {s.purchase_code: s for s in session.scalars(
            select(Sale).where(Sale.conflict_json.is_not(None))) if _has_conflict(s)}
        rows: dict[int, Outbox] = {}
        open_states = [s for s in ("pending", "parked") if s in wanted]
        if open_states:
            rows.update((r.id, r) for r in session.scalars(select(Outbox).where(Outbox.state.in_(open_states))))
        if wanted & {"conflict", "decided"} and conflicted:
            codes = [code for code, sale in conflicted.items() if _conflict_state(sale) in wanted]
            rows.update((r.id, r) for r in session.scalars(
                select(Outbox).where(Outbox.kind == "sale", Outbox.state == "delivered", Outbox.subject.in_(codes))))
        history = [s for s in ("delivered", "cancelled") if s in wanted]
        if history:
            rows.update((r.id, r) for r in session.scalars(
                select(Outbox).where(Outbox.state.in_(history)).order_by(Outbox.id.desc()).limit(history_limit)))
        items = _items(session, list(rows.values()), conflicted)
        items += _report_items(session, wanted, history_limit)
    items = [item for item in items if item.state in wanted]
    items.sort(key=lambda item: (_RANK[item.state], -item.id))
    return items


def count_states(read_session_factory: sessionmaker[Session]) -> dict[str, int]:
    """How many items are in each of :data:`STATES` (for the summary line); a cheap read."""
    with read_session_factory() as session:
        counts = Counter({state: 0 for state in STATES})
        counts.update(dict(session.execute(select(Outbox.state, func.count()).group_by(Outbox.state)).all()))
        sales = [s for s in session.scalars(select(Sale).where(Sale.conflict_json.is_not(None))) if _has_conflict(s)]
        if sales:
            delivered = set(session.scalars(select(Outbox.subject).where(
                Outbox.kind == "sale", Outbox.state == "delivered",
                Outbox.subject.in_([s.purchase_code for s in sales]))))
            for sale in sales:
                if sale.purchase_code in delivered:
                    counts["delivered"] -= 1
                    counts[_conflict_state(sale)] += 1
        counts.update({"seen" if seen else "reported": n for seen, n in session.execute(
            select(ConflictReport.seen_at.is_not(None), func.count()).group_by(ConflictReport.seen_at.is_not(None)))})
    return {state: counts[state] for state in STATES}


class _Loaded:
    """What the listed rows refer to, loaded in a few queries (the view refreshes on a timer)."""

    def __init__(self, session: Session, rows: Sequence[Outbox]) -> None:
        codes = sorted({r.subject for r in rows if r.kind in ("sale", "void")})
        self.sales: dict[str, Sale] = {}
        for start in range(0, len(codes), 500):
            self.sales.update((s.purchase_code, s) for s in session.scalars(
                select(Sale).where(Sale.purchase_code.in_(codes[start:start + 500]))
                .options(selectinload(Sale.tickets), selectinload(Sale.payments))))
        ticket_ids = [t.ticket_id for s in self.sales.values() for t in s.tickets]
        self.tickets = _seats(session, ticket_ids)
        self.events = {e.id: e.name for e in session.scalars(select(Event))}
        self.clerks = {c.id: c.name for c in session.scalars(select(Clerk))}


def _items(session: Session, rows: Sequence[Outbox], conflicted: dict[str, Sale]) -> list[QueueItem]:
    loaded = _Loaded(session, rows)
    return [_item(session, row, conflicted, loaded) for row in rows]


def _item(session: Session, row: Outbox, conflicted: dict[str, Sale], loaded: _Loaded) -> QueueItem:
    state = row.state
    sale = loaded.sales.get(row.subject) if row.kind in ("sale", "void") else None
    platform = decision = our = None
    event_name = ""
    ticket_count = 0
    if sale is not None:
        event_name = loaded.events.get(sale.event_id, sale.event_id)
        ticket_count = len(sale.tickets)
        our = _our_sale(sale, event_name, loaded)
        if row.kind == "sale" and row.state == "delivered" and row.subject in conflicted:
            state = _conflict_state(sale)
            platform = _platform(session, row, sale)
            decision = _decision(sale)
    elif row.kind == "unassign":
        payload = row.payload if isinstance(row.payload, dict) else {}
        event_name = loaded.events.get(payload.get("event_id", row.subject), row.subject)
        ticket_count = len(payload.get("ticket_ids", []))
    return QueueItem(id=row.id, kind=row.kind, subject=row.subject, state=state, outbox_state=row.state,
                     attempts=row.attempts, last_error=row.last_error, next_attempt_at=row.next_attempt_at,
                     created_at=row.created_at, delivered_at=row.delivered_at, event_name=event_name,
                     ticket_count=ticket_count, sale=our, platform=platform, decision=decision)


def _seats(session: Session, ticket_ids: Sequence[str]) -> dict[str, Ticket]:
    ids = sorted(set(ticket_ids))
    found: dict[str, Ticket] = {}
    for start in range(0, len(ids), 500):
        found.update((t.id, t) for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids[start:start + 500]))))
    return found


def _our_sale(sale: Sale, event_name: str, loaded: _Loaded) -> OurSale:
    seats = []
    for line in sale.tickets:
        ticket = loaded.tickets.get(line.ticket_id)
        seats.append(SeatLine(line.ticket_id, ticket.seat_id if ticket else line.ticket_id,
                              ticket.row if ticket else None, ticket.zone if ticket else None))
    clerk = loaded.clerks.get(sale.clerk_id, "") if sale.clerk_id is not None else ""
    return OurSale(sale.purchase_code, event_name, tuple(seats), clerk, sale.created_at, sale.total_cents,
                   tuple((p.method, p.amount_cents) for p in sale.payments), sale.customer_name or "",
                   sale.status, sale.void_reason)


def _holder(value: Any) -> tuple[dict[str, str] | None, datetime | None]:
    """The other order holding a seat, as the worker recorded the platform's answer; (None, None) if not said."""
    if not isinstance(value, dict):
        return None, None
    holder = {str(k): str(v) for k, v in value.items() if v is not None}
    try:
        since = parse_utc(holder["sold_at"]) if "sold_at" in holder else None
    except ValueError:
        since = None
    return holder, since


def _platform(session: Session, row: Outbox, sale: Sale) -> PlatformSide:
    recorded = sale.conflict_json or {}
    answer = row.response if isinstance(row.response, dict) else {}
    flagged = [t for t in recorded.get("tickets", []) if isinstance(t, dict)]
    tickets = _seats(session, [str(t.get("ticket_id")) for t in flagged])
    conflicts = tuple(TicketConflict(
        str(t.get("ticket_id")), tickets[t["ticket_id"]].seat_id if t.get("ticket_id") in tickets
        else str(t.get("ticket_id")), tickets[t["ticket_id"]].zone if t.get("ticket_id") in tickets else None,
        str(t.get("conflict")), *_holder(t.get("held_by"))) for t in flagged)
    return PlatformSide(answer.get("order_id"), answer.get("status"), conflicts,
                        tuple(str(i) for i in recorded.get("inconsistencies", [])), row.delivered_at)


def _decision(sale: Sale) -> Decision | None:
    data = (sale.conflict_json or {}).get("decision")
    if not isinstance(data, dict):
        return None
    return Decision(data["decision"], data.get("note", ""), data.get("actor", ""), parse_utc(data["decided_at"]),
                    bool(data.get("voided", False)))


def _report_items(session: Session, wanted: set[str], history_limit: int) -> list[QueueItem]:
    """The platform's conflict reports as queue items: every unseen one, the newest ``history_limit`` seen."""
    reports: list[ConflictReport] = []
    if "reported" in wanted:
        reports += session.scalars(select(ConflictReport).where(ConflictReport.seen_at.is_(None)))
    if "seen" in wanted:
        reports += session.scalars(select(ConflictReport).where(ConflictReport.seen_at.is_not(None))
                                   .order_by(ConflictReport.conflict_id.desc()).limit(history_limit))
    if not reports:
        return []
    tickets = _seats(session, [r.ticket_id for r in reports if r.ticket_id])
    events = {e.id: e.name for e in session.scalars(select(Event))}
    holders = _holding_sales(session, list(tickets))
    codes = sorted({r.purchase_code for r in reports if r.purchase_code})
    ours = set(session.scalars(select(Sale.purchase_code).where(Sale.purchase_code.in_(codes)))) if codes else set()
    return [_report_item(r, tickets.get(r.ticket_id or ""), events, holders, ours) for r in reports]


def _holding_sales(session: Session, ticket_ids: Sequence[str]) -> dict[str, str]:
    """Ticket id -> purchase code of the completed sale here that holds it."""
    found: dict[str, str] = {}
    for start in range(0, len(ticket_ids), 500):
        found.update(session.execute(
            select(SaleTicket.ticket_id, Sale.purchase_code).join(Sale, Sale.id == SaleTicket.sale_id)
            .where(SaleTicket.ticket_id.in_(ticket_ids[start:start + 500]), SaleTicket.sale_status == "completed"))
            .all())
    return found


def _report_item(row: ConflictReport, ticket: Ticket | None, events: dict[str, str], holders: dict[str, str],
                 ours: set[str]) -> QueueItem:
    seat = SeatLine(ticket.id, ticket.seat_id, ticket.row, ticket.zone) if ticket is not None else None
    other = row.office_id if row.role == "holder" else row.other_office_id
    if row.role == "seller" or row.kind != "ticket_conflict":
        our_sale = row.purchase_code if row.purchase_code in ours else None
    else:
        our_sale = holders.get(row.ticket_id or "")
    seen = Seen(row.seen_by or "", row.seen_at, row.seen_note or "") if row.seen_at is not None else None
    report = Report(row.conflict_id, row.kind, row.role, other, row.other_channel, row.ticket_id, seat,
                    ticket.state if ticket is not None else None, our_sale, row.purchase_code, row.order_id,
                    row.detected_at, row.fetched_at, seen)
    subject = seat.seat if seat is not None else (row.ticket_id or row.purchase_code or str(row.conflict_id))
    return QueueItem(id=-row.conflict_id, kind="report", subject=subject, state="seen" if seen else "reported",
                     outbox_state="", attempts=0, last_error=None, next_attempt_at=None,
                     created_at=row.detected_at or row.fetched_at, delivered_at=None,
                     event_name=events.get(row.event_id or "", row.event_id or ""),
                     ticket_count=1 if row.ticket_id else 0, report=report)


# -- retry now -------------------------------------------------------------------------------------------------


def _need_actor(actor: str) -> str:
    actor = (actor or "").strip()
    if not actor:
        raise QueueActionRefused("sign in as a supervisor first: every queue action records who did it",
                                 code="queue_actor_missing")
    return actor


def retry_now(session_factory: sessionmaker[Session], ids: Sequence[int] | None, actor: str) -> RetryResult:
    """Put parked items back in the queue (and clear any wait on pending ones); the caller then wakes sync.

    ``ids=None`` means every parked item. Delivered, cancelled and unknown items are refused, and so is the
    whole request with them: nothing is written.
    """
    actor = _need_actor(actor)
    with session_factory.begin() as session:
        authority.acting_clerk(session, actor, Action.sync_queue)
        if ids is None:
            rows = list(session.scalars(select(Outbox).where(Outbox.state == "parked").order_by(Outbox.id)))
        else:
            wanted = list(dict.fromkeys(ids))
            if not wanted:
                raise QueueActionRefused("choose the items to retry", code="queue_nothing_chosen")
            found = {r.id: r for r in session.scalars(select(Outbox).where(Outbox.id.in_(wanted)))}
            missing = [i for i in wanted if i not in found]
            if missing:
                raise QueueActionRefused(f"no queue item {missing[0]}: refresh the list", code="queue_item_unknown",
                                         params={"item": missing[0]})
            done = [found[i] for i in wanted if found[i].state not in ("parked", "pending")]
            if done:
                raise QueueActionRefused(f"{done[0].kind} {done[0].subject} is {done[0].state}: only parked or "
                                         "pending items can be retried", code="queue_item_not_retryable",
                                         params={"subject": done[0].subject})
            rows = [found[i] for i in wanted]
        if not rows:
            return RetryResult((), 0)
        revived = [r for r in rows if r.state == "parked"]
        entries = [{"id": r.id, "kind": r.kind, "subject": r.subject, "state": r.state, "last_error": r.last_error}
                   for r in rows]
        for row in rows:
            ticket_states.move(OUTBOX, row, "pending", subject=row.subject)
            row.next_attempt_at = None
        codes = [r.subject for r in revived if r.kind == "sale"]
        if codes:
            ticket_states.check(DELIVERY, "parked", "pending")
            session.execute(update(Sale).where(Sale.purchase_code.in_(codes), Sale.delivery_state == "parked")
                            .values(delivery_state="pending").execution_options(synchronize_session=False))
        journal.append(session, "sync_retry", {"items": entries}, actor=actor,
                       subject=rows[0].subject if len(rows) == 1 else None)
    return RetryResult(tuple(r.id for r in rows), len(revived))


# -- conflict decisions ----------------------------------------------------------------------------------------


def _conflicted_sale(session: Session, purchase_code: str) -> Sale:
    sale = session.scalars(select(Sale).where(Sale.purchase_code == purchase_code.strip().upper())).first()
    if sale is None:
        raise UnknownSale(f"no sale with purchase code {purchase_code!r} on this terminal", code="sale_unknown",
                          params={"code": purchase_code.strip().upper()})
    if not _has_conflict(sale):
        raise QueueActionRefused(f"sale {sale.purchase_code} has no conflict to decide", code="conflict_none",
                                 params={"code": sale.purchase_code})
    decided = _decision(sale)
    if decided is not None:
        raise QueueActionRefused(f"the conflict of sale {sale.purchase_code} was already decided "
                                 f"({decided.decision}) by {decided.actor}", code="conflict_already_decided",
                                 params={"code": sale.purchase_code, "name": decided.actor})
    return sale


def _void_reason(sale: Sale, session: Session, note: str) -> str:
    flagged = sale.conflict_json["tickets"]
    tickets = _seats(session, [t["ticket_id"] for t in flagged])
    seats = ", ".join(f"{tickets[t['ticket_id']].seat_id if t['ticket_id'] in tickets else t['ticket_id']} "
                      f"({t['conflict']})" for t in flagged)
    return f"sync conflict: {seats}. {note}"


def decide_conflict(session_factory: sessionmaker[Session], terminal: Terminal, purchase_code: str, decision: str,
                    note: str, actor: str) -> Decision:
    """Record what happens to a conflicted sale (see the module docstring); ``void_ours`` voids it first."""
    actor = _need_actor(actor)
    note = (note or "").strip()
    if decision not in DECISIONS:
        raise QueueActionRefused(f"unknown decision {decision!r}: one of {', '.join(DECISIONS)}",
                                 code="conflict_decision_unknown", params={"decision": decision})
    if not note:
        raise QueueActionRefused("give a reason for the decision", code="conflict_reason_missing")
    with session_factory() as session:
        authority.acting_clerk(session, actor, Action.sync_queue)  # before a void_ours voids anything
        sale = _conflicted_sale(session, purchase_code)
        code, voided_already = sale.purchase_code, sale.status == "voided"
        reason = _void_reason(sale, session, note)
    if decision == "keep" and voided_already:
        raise QueueActionRefused(f"sale {code} is voided: its customer no longer holds the seats, so it cannot "
                                 "keep them", code="conflict_keep_voided", params={"code": code})
    voided = False
    if decision == "void_ours" and not voided_already:
        void_sale(session_factory, terminal, code, reason, actor=actor)  # its own transaction, journaled as void
        voided = True
    now = utcnow()
    with session_factory.begin() as session:
        authority.acting_clerk(session, actor, Action.sync_queue)
        sale = _conflicted_sale(session, code)  # again, inside the write lock: two supervisors, one decision
        flagged = [t["ticket_id"] for t in sale.conflict_json["tickets"]]
        if decision == "void_ours":
            # the platform said these seats are not ours to sell: when it confirms the cancellation they must not
            # go back on sale here (a pull says the same later)
            session.execute(update(Ticket).where(Ticket.id.in_(flagged)).values(central_available=False)
                            .execution_options(synchronize_session=False))
        record: dict[str, Any] = {"decision": decision, "note": note, "actor": actor, "decided_at": format_utc(now),
                                  "voided": voided}
        sale.conflict_json = {**sale.conflict_json, "decision": record}
        if sale.delivery_state == "conflict":
            ticket_states.move(DELIVERY, sale, "delivered", attribute="delivery_state", subject=sale.purchase_code)
        order_id = session.scalar(select(Outbox.response).where(Outbox.kind == "sale", Outbox.subject == code))
        journal.append(session, "conflict_decision",
                       {"purchase_code": code, "decision": decision, "note": note, "voided": voided,
                        "tickets": sale.conflict_json["tickets"],
                        "order_id": order_id.get("order_id") if isinstance(order_id, dict) else None},
                       actor=actor, subject=code)
    return Decision(decision, note, actor, now, voided)



# -- conflict reports ------------------------------------------------------------------------------------------


def mark_report_seen(session_factory: sessionmaker[Session], conflict_id: int, note: str, actor: str) -> Seen:
    """A supervisor has seen the platform's report ``conflict_id`` (journaled); nothing else changes."""
    actor = _need_actor(actor)
    note = (note or "").strip()
    if not note:
        raise QueueActionRefused("write a note: what was done about it, or who was told",
                                 code="report_note_missing")
    with session_factory.begin() as session:
        authority.acting_clerk(session, actor, Action.sync_queue)
        row = session.get(ConflictReport, conflict_id)
        if row is None:
            raise QueueActionRefused(f"no conflict report {conflict_id}: refresh the list", code="report_unknown",
                                     params={"report": conflict_id})
        if row.seen_at is not None:
            raise QueueActionRefused(f"conflict report {conflict_id} was already seen by {row.seen_by}",
                                     code="report_already_seen", params={"report": conflict_id, "name": row.seen_by})
        now = utcnow()
        row.seen_at, row.seen_by, row.seen_note = now, actor, note
        journal.append(session, "conflict_report_seen",
                       {"conflict_id": conflict_id, "kind": row.kind, "role": row.role, "ticket_id": row.ticket_id,
                        "purchase_code": row.purchase_code, "office_id": row.office_id,
                        "other_office_id": row.other_office_id, "note": note},
                       actor=actor, subject=row.ticket_id or row.purchase_code)
    return Seen(actor, now, note)
