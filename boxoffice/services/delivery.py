"""What a delivery round reads and what the platform's answers do to the store (ARCHITECTURE.md *Outbox*).

The delivery worker (:mod:`boxoffice.sync.worker`) is transport only: it asks this module for the next batch,
sends it, and hands the answer back here. Every state change an answer causes (outbox row delivered / parked /
cancelled, the sale's delivery state, seats freed by a settled void, returned seats) goes through the machines of
:mod:`boxoffice.core.ticket_states`, and each public function is one transaction. An answer for a row no longer
pending (two deliveries of one store at once, e.g. the window and ``boxoffice sync --once``) changes nothing:
the first one recorded it.

Answers arrive as the client's typed results; this module needs only their fields (:class:`Answer`), so it
does not import the transport.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import bindparam, exists, select, update
from sqlalchemy.orm import Session, aliased, sessionmaker

from boxoffice.core import ticket_states
from boxoffice.core.outbox_keys import new_outbox_key
from boxoffice.core.ticket_states import DELIVERY, OUTBOX, TICKET
from boxoffice.services.conflict_reports import read_cursor as read_cursor
from boxoffice.services.conflict_reports import store_page as store_page
from boxoffice.services.sync_status import read_status as read_status
from boxoffice.store import sync_facts
from boxoffice.store.journal_head import JournalHead, read_head, record_acknowledged
from boxoffice.store.models import Outbox, Sale, SaleTicket, Ticket
from boxoffice.store.types import utcnow

# read_cursor, store_page (the conflict feed) and read_status are here too: this module is the delivery worker's
# book (sync.worker.DeliveryBook), and the worker reaches every table through it.
#: A batch stops before the item that would take it past this many tickets (the reference central refuses a
#: request naming more than 10,000; a batch of big group sales must not be refused and split for its size).
MAX_BATCH_TICKETS = 5_000


class TicketAnswer(Protocol):
    ticket_id: str
    conflict: str | None
    held_by: str | None


class Answer(Protocol):
    """The platform's answer for one entry (``sync.client.SyncResult`` has these fields)."""

    order_id: str | None
    status: str | None
    replayed: bool
    tickets: Sequence[TicketAnswer]
    inconsistencies: Sequence[Any]
    error: str | None


@dataclass
class Recorded:
    """What recording a round's answers did (the worker adds it to its round's result)."""

    delivered: int = 0
    parked: int = 0
    #: purchase codes of sales the platform stored with a seat held elsewhere
    conflicts: list[str] = field(default_factory=list)
    #: purchase codes whose cancellation the platform confirmed (their seats are free again)
    settled: list[str] = field(default_factory=list)


#: outbox kinds sent alone, each to its own call (not the synchronisation's): a return, a batch ticket's activation
ALONE = ("unassign", "activate")


# -- reading -----------------------------------------------------------------------------------------------------


def next_batch(read_session_factory: sessionmaker[Session], batch_size: int,
               after_id: int | None = None) -> list[dict[str, Any]]:
    """The next items to send, in order: consecutive sales and voids, or one unassign or activation alone.

    A cancellation waits until the platform has its sale (point 11 of issue #12). The journal's head is read in
    the same transaction, so it covers every sale the batch carries. ``after_id``: only items after that one
    (the batch that follows one still in flight, whose items are still pending here).
    """
    sale_row = aliased(Outbox)
    sale_not_there = exists().where(sale_row.kind == "sale", sale_row.subject == Outbox.subject,
                                    sale_row.state != "delivered")
    query = (select(Outbox.id, Outbox.kind, Outbox.idempotency_key, Outbox.payload, Outbox.subject,
                    Outbox.attempted_at)
             .where(Outbox.state == "pending", ~(Outbox.kind.in_(("void", "refund")) & sale_not_there))
             .order_by(Outbox.id).limit(batch_size))
    if after_id is not None:
        query = query.where(Outbox.id > after_id)
    with read_session_factory() as session:
        rows = session.execute(query).all()  # plain rows: a catch-up reads 500 items a round, ORM objects cost 2x
        batch: list[dict[str, Any]] = []
        tickets = 0
        for row in rows:
            item = {"id": row.id, "kind": row.kind, "key": row.idempotency_key, "payload": row.payload,
                    "subject": row.subject, "attempted": row.attempted_at is not None}
            if row.kind in ALONE:
                if not batch:
                    batch.append(item)
                break
            tickets += _ticket_count(row.payload)
            if batch and tickets > MAX_BATCH_TICKETS:
                break
            batch.append(item)
        head = read_head(session)
        for item in batch:
            item["journal_head"] = head
        return batch


def _ticket_count(payload: Any) -> int:
    """How many tickets a sale, void or refund snapshot names (its lines' tickets)."""
    items = payload.get("items") if isinstance(payload, dict) else None
    return sum(len(item.get("tickets") or ()) for item in items or () if isinstance(item, dict))


# -- before sending ----------------------------------------------------------------------------------------------


def mark_attempted(session_factory: sessionmaker[Session], batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Record that these items are about to be sent (committed before sending); the ones still pending.

    In one write transaction with the check, so a void either came first (the item is no longer pending and is
    not sent) or sees the mark (and queues a cancellation behind the sale).
    """
    if all(item["attempted"] for item in batch):
        return batch
    ids = [item["id"] for item in batch]
    with session_factory.begin() as session:
        session.execute(update(Outbox).where(Outbox.id.in_(ids), Outbox.state == "pending",
                                             Outbox.attempted_at.is_(None))
                        .values(attempted_at=utcnow()).execution_options(synchronize_session=False))
        live = set(session.scalars(select(Outbox.id).where(Outbox.id.in_(ids), Outbox.state == "pending")))
    for item in batch:
        item["attempted"] = True
    return [item for item in batch if item["id"] in live]


# -- answers -----------------------------------------------------------------------------------------------------


def record_sync_results(session_factory: sessionmaker[Session], batch: Sequence[dict[str, Any]],
                        results: Sequence[Answer], head: JournalHead | None = None) -> Recorded:
    """The platform answered ``batch`` (one result per item, in order): record every answer, the round's
    success and (``head``) the journal head it acknowledged, in one transaction."""
    recorded = Recorded()
    with session_factory.begin() as session:
        answered = list(zip(batch, results, strict=True))
        plain = _plain_deliveries(session, answered)
        _record_plain(session, plain, recorded)
        for item, result in answered:
            if item["id"] not in plain:
                _record(session, item, result, recorded)
        sync_facts.put_time(session, sync_facts.LAST_SUCCESS)
        sync_facts.clear(session, sync_facts.LAST_ERROR)
        if head:
            record_acknowledged(session, head)
    return recorded


def record_unassign_delivered(session_factory: sessionmaker[Session], item: dict[str, Any]) -> None:
    """The platform took back the returned seats of ``item``: they are returned, the row delivered."""
    with session_factory.begin() as session:
        if _delivered_alone(session, item) is not None:
            _move_tickets(session, item["payload"]["ticket_ids"], "returned", ("returning",))


def record_activation_delivered(session_factory: sessionmaker[Session], item: dict[str, Any],
                                answer: dict[str, Any]) -> None:
    """The platform activated the pre-generated ticket of ``item`` (its answer kept): the row is delivered."""
    with session_factory.begin() as session:
        row = _delivered_alone(session, item)
        if row is not None:  # the ticket as answered, its plain fields (a decimal price stays in price_cents)
            row.response = {key: value for key, value in answer.items() if isinstance(value, str | int | bool | None)}


def _delivered_alone(session: Session, item: dict[str, Any]) -> Outbox | None:
    """An item sent alone was answered: its row delivered and the round's success noted; None when another
    delivery of the same item recorded it first (then nothing changes)."""
    row = session.get(Outbox, item["id"])
    assert row is not None
    if row.state != "pending":
        return None
    ticket_states.move(OUTBOX, row, "delivered", subject=row.subject)
    row.delivered_at, row.last_error = utcnow(), None
    sync_facts.put_time(session, sync_facts.LAST_SUCCESS)
    sync_facts.clear(session, sync_facts.LAST_ERROR)
    return row


def park(session_factory: sessionmaker[Session], item: dict[str, Any], message: str) -> None:
    """The platform refused ``item`` for certain: park it with ``message`` for the supervisor."""
    with session_factory.begin() as session:
        row = session.get(Outbox, item["id"])
        assert row is not None
        if row.state != "pending":  # settled meanwhile by another delivery: the refusal changes nothing
            return
        row.attempts += 1
        _park_row(session, row, message)
        sync_facts.put(session, sync_facts.LAST_ERROR, message)


def record_failure(session_factory: sessionmaker[Session], ids: Sequence[int], message: str,
                   next_attempt_at: datetime) -> None:
    """A round failed with these items still pending: count the attempt, keep the error, wait until then."""
    with session_factory.begin() as session:
        session.execute(update(Outbox).where(Outbox.id.in_(list(ids)), Outbox.state == "pending")
                        .values(attempts=Outbox.attempts + 1, last_error=message, next_attempt_at=next_attempt_at)
                        .execution_options(synchronize_session=False))
        sync_facts.put(session, sync_facts.LAST_ERROR, message)


@dataclass(frozen=True)
class GzipMemory:
    """Whether the platform at a URL took gzip request bodies, kept in ``sync_state`` across runs (the worker's
    ``gzip_memory``): one URL, the one this terminal talks to; another URL or a forgotten answer says no."""

    session_factory: sessionmaker[Session]
    read_session_factory: sessionmaker[Session]

    def knows(self, url: str) -> bool:
        with self.read_session_factory() as session:
            return sync_facts.get(session, sync_facts.PLATFORM_GZIP) == url

    def note(self, url: str, accepted: bool) -> None:
        with self.session_factory.begin() as session:
            if accepted:
                sync_facts.put(session, sync_facts.PLATFORM_GZIP, url)
            elif sync_facts.get(session, sync_facts.PLATFORM_GZIP) == url:
                sync_facts.clear(session, sync_facts.PLATFORM_GZIP)


def note_error(session_factory: sessionmaker[Session], message: str) -> None:
    """The round went through but left something to say (an entry parked): the status shows ``message``."""
    with session_factory.begin() as session:
        sync_facts.put(session, sync_facts.LAST_ERROR, message)


# -- inside the transactions -------------------------------------------------------------------------------------


def _answer(result: Answer) -> dict[str, Any]:
    return {"order_id": result.order_id, "status": result.status, "replayed": result.replayed,
            "tickets": [{"ticket_id": t.ticket_id, "conflict": t.conflict,
                         **({"held_by": t.held_by} if t.held_by else {})} for t in result.tickets],
            "inconsistencies": list(result.inconsistencies), "error": result.error}


def _plain_deliveries(session: Session, answered: Sequence[tuple[dict[str, Any], Answer]]
                      ) -> dict[int, tuple[int, dict[str, Any]]]:
    """The answers that only say "stored" for a pending sale still completed here: outbox id -> (sale id, the
    answer to keep). Nearly every answer of a catch-up is one; they are recorded with two bulk UPDATEs instead of
    loading and flushing two rows each. Anything else (an error, a conflict, a void, a replayed row no longer
    pending) goes through :func:`_record`."""
    candidates = {item["id"]: (item, result) for item, result in answered
                  if item["kind"] == "sale" and not result.error and not result.inconsistencies
                  and not any(t.conflict for t in result.tickets)}
    if not candidates:
        return {}
    pending = set(session.scalars(select(Outbox.id).where(Outbox.id.in_(list(candidates)),
                                                          Outbox.state == "pending")))
    codes = {item["subject"] for oid, (item, _) in candidates.items() if oid in pending}
    sales = {code: sale_id for code, sale_id in session.execute(
        select(Sale.purchase_code, Sale.id).where(Sale.purchase_code.in_(list(codes)), Sale.status == "completed",
                                                  Sale.delivery_state == "pending"))}
    return {oid: (sales[item["subject"]], _answer(result)) for oid, (item, result) in candidates.items()
            if oid in pending and item["subject"] in sales}


def _record_plain(session: Session, plain: dict[int, tuple[int, dict[str, Any]]], recorded: Recorded) -> None:
    """Pending -> delivered for the outbox rows and their sales, checked once against the machines."""
    if not plain:
        return
    ticket_states.check(OUTBOX, "pending", "delivered")
    ticket_states.check(DELIVERY, "pending", "delivered")
    now = utcnow()
    outbox = Outbox.__table__  # one Core executemany (the ORM's bulk UPDATE by key costs twice as much a row)
    session.connection().execute(
        outbox.update().where(outbox.c.id == bindparam("oid"), outbox.c.state == "pending")
        .values(state="delivered", delivered_at=now, response=bindparam("answer"), last_error=None),
        [{"oid": oid, "answer": answer} for oid, (_, answer) in plain.items()])
    session.execute(update(Sale).where(Sale.id.in_([sale_id for sale_id, _ in plain.values()]),
                                       Sale.delivery_state == "pending")
                    .values(delivery_state="delivered").execution_options(synchronize_session=False))
    recorded.delivered += len(plain)


def _record(session: Session, item: dict[str, Any], result: Answer, recorded: Recorded) -> None:
    row = session.get(Outbox, item["id"])
    assert row is not None
    if row.state != "pending":  # already settled by another delivery of the same batch (a second process)
        return
    answer = _answer(result)
    if result.error:
        row.response = answer
        _park_row(session, row, f"central: {result.error}")
        recorded.parked += 1
        return
    ticket_states.move(OUTBOX, row, "delivered", subject=row.subject)
    row.delivered_at, row.response, row.last_error = utcnow(), answer, None
    recorded.delivered += 1
    sale = session.scalars(select(Sale).where(Sale.purchase_code == item["subject"])).first()
    if sale is None:
        return
    if item["kind"] == "sale":
        conflicts = [t for t in answer["tickets"] if t["conflict"]]
        ticket_states.move(DELIVERY, sale, "conflict" if conflicts else "delivered", attribute="delivery_state",
                           subject=sale.purchase_code)
        if conflicts or result.inconsistencies:
            sale.conflict_json = {"tickets": conflicts, "inconsistencies": list(result.inconsistencies)}
        if conflicts:
            recorded.conflicts.append(item["subject"])
        if sale.status == "voided":
            # voided as never sent (a store from before attempted_at): the platform has it now, so cancel it
            # there; a void made after the attempt queued its cancellation already
            _queue_void(session, item, sale)
    elif item["kind"] == "void":
        free_seats(session, [t.ticket_id for t in sale.tickets])
        recorded.settled.append(item["subject"])
    elif item["kind"] == "refund" and _refunds().confirmed(session, item):  # its seats back on sale
        recorded.settled.append(item["subject"])


def _refunds() -> Any:
    from boxoffice.services import refunds  # imported late: it imports this module

    return refunds


def _queue_void(session: Session, item: dict[str, Any], sale: Sale) -> None:
    queued = session.scalar(select(Outbox.id).where(Outbox.kind == "void", Outbox.subject == sale.purchase_code,
                                                    Outbox.state != "cancelled").limit(1))
    if queued is None:
        session.add(Outbox(kind="void", subject=sale.purchase_code, idempotency_key=new_outbox_key(),
                           payload=dict(item["payload"], status="cancelled")))


def _park_row(session: Session, row: Outbox, message: str) -> None:
    """Park ``row`` with ``message``; a refused sale that was voided meanwhile is settled instead.

    The platform refused that sale, so it does not hold it: its waiting cancellation is dropped and the seats
    come back now, exactly as a void of a sale that never reached the platform.
    """
    ticket_states.move(OUTBOX, row, "parked", subject=row.subject)
    row.last_error = message
    if row.kind != "sale":
        return
    sale = session.scalars(select(Sale).where(Sale.purchase_code == row.subject)).first()
    if sale is None:
        return
    if sale.status != "voided":
        ticket_states.move(DELIVERY, sale, "parked", attribute="delivery_state", subject=sale.purchase_code)
        return
    ticket_states.move(OUTBOX, row, "cancelled", subject=row.subject)
    ticket_states.move(DELIVERY, sale, "cancelled", attribute="delivery_state", subject=sale.purchase_code)
    ticket_states.check(OUTBOX, "pending", "cancelled")  # its waiting cancellation, below
    session.execute(update(Outbox).where(Outbox.kind == "void", Outbox.subject == row.subject,
                                         Outbox.state == "pending")
                    .values(state="cancelled", last_error=f"not sent: the platform refused the sale ({message})")
                    .execution_options(synchronize_session=False))
    free_seats(session, [t.ticket_id for t in sale.tickets])


def free_seats(session: Session, ticket_ids: Sequence[str]) -> None:
    """Apply the freed-seat rule (:func:`boxoffice.core.ticket_states.freed_seat`) to a voided sale's seats,
    once the platform no longer holds that sale (or never had it)."""
    ids = list(ticket_ids)
    if not ids:
        return
    resold = set(session.scalars(select(SaleTicket.ticket_id).where(SaleTicket.ticket_id.in_(ids),
                                                                    SaleTicket.sale_status == "completed",
                                                                    SaleTicket.refund_id.is_(None))))
    now = utcnow()
    for ticket in session.scalars(select(Ticket).where(Ticket.id.in_(ids), Ticket.state == "sold")):
        new = ticket_states.freed_seat(bool(ticket.central_available), ticket.id in resold)
        if new is not None:
            ticket_states.move(TICKET, ticket, new, subject=str(ticket.seat_id))
            ticket.updated_at = now


def _move_tickets(session: Session, ticket_ids: Sequence[str], new: str, only_from: tuple[str, ...]) -> None:
    """Bulk move of tickets to ``new`` from ``only_from`` (each checked against the ticket machine)."""
    for old in only_from:
        ticket_states.check(TICKET, old, new)
    session.execute(update(Ticket).where(Ticket.id.in_(list(ticket_ids)), Ticket.state.in_(only_from))
                    .values(state=new, updated_at=utcnow()).execution_options(synchronize_session=False))

