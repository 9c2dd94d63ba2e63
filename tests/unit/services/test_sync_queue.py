"""The sync queue service against a real store and the real reference platform (through the fault proxy).

One scenario per test, built the way it happens at a window: sales delivered by the worker's ``drain()``, one
refused by the platform (parked), one of a seat another channel sold first (a conflict), one of a seat the
platform took back (a conflict), one voided before it left (cancelled), one still waiting (pending).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.central.models import Order
from boxoffice.central.models import Ticket as CentralTicket
from boxoffice.core.errors import UnknownSale
from boxoffice.services.returns import void_sale
from boxoffice.services.sync_queue import (
    STATES,
    QueueActionRefused,
    QueueItem,
    count_states,
    decide_conflict,
    list_items,
    retry_now,
)
from boxoffice.services.sync_status import read_status
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server, seeded_template
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.supervisors import SUPERVISOR, add_supervisors
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    UNASSIGN,
    Clerk,
    call,
    central_session,
    journal_ok,
    make_worker,
    outbox_row,
    sale_row,
    sell_elsewhere,
    ticket_states,
)

REFUSAL = "Tickets no disponibles"


@dataclass
class World:
    central: CentralServer
    proxy: FaultProxy
    terminal: TestTerminal
    store: Store
    clerk: Clerk
    worker: DeliveryWorker
    codes: dict[str, str]  # role in the scenario -> purchase code
    seats: dict[str, str]  # role -> ticket id
    other_order: str  # the other channel's order of the seat sold twice


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("queue-template"))


@pytest.fixture
def world(tmp_path: Path, template: SeededTemplate) -> Iterator[World]:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=template) as central, \
            FaultProxy(central.url, seed=3) as proxy:
        terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        store = terminal.open_store()
        try:
            yield _build(central, proxy, terminal, store)
        finally:
            store.close()


def _build(central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store) -> World:
    clerk = Clerk(store, terminal, central.event_id)
    add_supervisors(store.session_factory)  # Marta and Luis decide, Sonia voids
    seats = {"twice": central.seat_ids["GEN160"], "taken_back": central.seat_ids["GEN161"],
             "kept": central.seat_ids["GEN162"]}
    clean = clerk.sell_zone("Preferente", 2)
    refused = clerk.sell_zone("VIP", 1)
    # meanwhile on the platform: another terminal of the office sells one of our seats (another office can no
    # longer take it, issue #12 point 4), the admin takes another one back
    other_order = sell_elsewhere(central, NORTE, [seats["twice"]])
    response = call(central, UNASSIGN, {"tickets_offline": [seats["taken_back"]], "office_id": NORTE,
                                        "event_id": central.event_id})
    assert response.status_code == 200, response.text
    twice = clerk.sell_seats([seats["twice"], seats["kept"]], pay="split")
    taken_back = clerk.sell_seats([seats["taken_back"]], pay="card")
    mistake = clerk.sell_zone("General", 1)
    void_sale(store.session_factory, terminal.terminal, mistake.purchase_code, "wrong event", actor=SUPERVISOR)

    def names_refused(request: Request) -> bool:
        return refused.purchase_code.encode() in request.body

    proxy.add_rule(names_refused, Fault.http(400, REFUSAL))
    worker = make_worker(store, terminal, proxy.url)
    result = worker.drain()
    assert (result.failed, result.delivered, result.parked) == (False, 3, 1)
    waiting = clerk.sell_zone("General", 2)  # sold after the last sync: still pending
    codes = {"clean": clean.purchase_code, "refused": refused.purchase_code, "twice": twice.purchase_code,
             "taken_back": taken_back.purchase_code, "mistake": mistake.purchase_code,
             "waiting": waiting.purchase_code}
    return World(central, proxy, terminal, store, clerk, worker, codes, seats, other_order)


def _by_subject(world: World, states: list[str] | None = None, kind: str = "sale") -> dict[str, QueueItem]:
    return {item.subject: item for item in list_items(world.store.read_session_factory, states)
            if item.kind == kind}


def _journal(world: World, kind: str) -> list[JournalEntry]:
    with world.store.session_factory() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.kind == kind).order_by(JournalEntry.seq)))


def test_every_item_is_listed_with_its_state_error_or_both_sides_of_a_conflict(world: World) -> None:
    codes, seats = world.codes, world.seats
    items = list_items(world.store.read_session_factory)
    states = {item.subject: item.state for item in items}
    # GEN161: the platform's own report of our sale running into a seat it had taken back (fetched after the round)
    assert states == {codes["clean"]: "delivered", codes["refused"]: "parked", codes["twice"]: "conflict",
                      codes["taken_back"]: "conflict", codes["mistake"]: "cancelled", codes["waiting"]: "pending",
                      "GEN161": "reported"}
    assert [item.state for item in items][:4] == ["parked", "conflict", "conflict", "reported"]  # attention first
    [report] = [item.report for item in items if item.report is not None]
    assert (report.role, report.kind, report.other_channel, report.our_sale) == (
        "seller", "ticket_conflict", "online", codes["taken_back"])

    parked = _by_subject(world)[codes["refused"]]
    assert (parked.kind, parked.last_error, parked.attempts) == ("sale", REFUSAL, 1)
    assert parked.needs_attention and parked.sale is not None and parked.sale.total_cents > 0

    twice = _by_subject(world)[codes["twice"]]
    ours = twice.sale
    assert ours is not None and ours.status == "completed"
    assert [s.seat for s in ours.seats] == ["GEN160", "GEN162"]
    assert ours.total_cents == sum(amount for _method, amount in ours.payments)
    assert sorted(method for method, _ in ours.payments) == ["card", "cash"]
    assert ours.created_at == sale_row(world.store, codes["twice"]).created_at
    platform = twice.platform
    assert platform is not None and twice.decision is None
    assert [(c.seat, c.conflict) for c in platform.conflicts] == [("GEN160", "already_sold")]
    other = platform.conflicts[0]  # the other side: Sur's order holds the seat
    assert other.held_by is not None and other.held_by["office_id"] == NORTE and other.held_since is not None
    with central_session(world.central) as session:
        our_order = session.scalar(select(Order.id).where(Order.purchase_code == codes["twice"]))
        holder = session.scalar(select(CentralTicket.sold_order_id).where(CentralTicket.id == seats["twice"]))
    assert platform.order_id == our_order and holder == world.other_order != our_order
    assert platform.answered_at is not None and twice.delivered_at == platform.answered_at

    taken_back = _by_subject(world)[codes["taken_back"]]
    assert [(c.seat, c.conflict) for c in taken_back.platform.conflicts] == [("GEN161", "not_assigned_to_office")]
    assert _by_subject(world)[codes["clean"]].platform is None

    counts = count_states(world.store.read_session_factory)
    assert counts == {"pending": 1, "parked": 1, "conflict": 2, "decided": 0, "delivered": 1, "cancelled": 1,
                      "reported": 1, "seen": 0}
    assert set(counts) == set(STATES)
    only = _by_subject(world, ["parked", "conflict"])
    assert set(only) == {codes["refused"], codes["twice"], codes["taken_back"]}
    assert set(_by_subject(world, ["delivered"])) == {codes["clean"]}
    with pytest.raises(ValueError):
        list_items(world.store.read_session_factory, ["lost"])


def test_retry_now_puts_the_parked_sale_back_and_the_worker_delivers_it(world: World) -> None:
    code = world.codes["refused"]
    result = retry_now(world.store.session_factory, None, "Marta")
    assert result.revived == 1 and len(result.ids) == 1
    row = outbox_row(world.store, code)
    assert (row.state, row.next_attempt_at, row.attempts) == ("pending", None, 1)
    assert sale_row(world.store, code).delivery_state == "pending"
    [entry] = _journal(world, "sync_retry")
    assert (entry.actor, entry.subject) == ("Marta", code)
    assert '"state":"parked"' in entry.payload and REFUSAL in entry.payload

    world.proxy.clear()  # whatever the platform disliked is fixed there
    assert world.worker.drain().delivered == 2  # the retried sale, and the one sold since
    assert _by_subject(world)[code].state == "delivered"
    assert sale_row(world.store, code).delivery_state == "delivered"
    assert journal_ok(world.store).ok


def test_retry_refusals_write_nothing(world: World) -> None:
    factory = world.store.session_factory
    delivered = _by_subject(world)[world.codes["clean"]]
    parked = _by_subject(world)[world.codes["refused"]]
    with pytest.raises(QueueActionRefused, match="delivered"):
        retry_now(factory, [parked.id, delivered.id], "Marta")
    with pytest.raises(QueueActionRefused, match="no queue item"):
        retry_now(factory, [999_999], "Marta")
    with pytest.raises(QueueActionRefused, match="supervisor"):
        retry_now(factory, [parked.id], "  ")
    with pytest.raises(QueueActionRefused, match="choose"):
        retry_now(factory, [], "Marta")
    assert outbox_row(world.store, world.codes["refused"]).state == "parked"
    assert _journal(world, "sync_retry") == []

    # a pending item may be retried (its wait is cleared); with nothing parked, "all parked" does nothing
    waiting = _by_subject(world)[world.codes["waiting"]]
    assert retry_now(factory, [waiting.id], "Marta").revived == 0
    retry_now(factory, None, "Marta")
    assert retry_now(factory, None, "Marta").ids == ()
    assert len(_journal(world, "sync_retry")) == 2


def test_keep_decision_is_recorded_once_and_closes_the_conflict(world: World) -> None:
    code = world.codes["taken_back"]
    factory = world.store.session_factory
    before = read_status(world.store.read_session_factory)
    decision = decide_conflict(factory, world.terminal.terminal, code, "keep", "customer is seated", "Marta")
    assert (decision.decision, decision.actor, decision.voided) == ("keep", "Marta", False)

    item = _by_subject(world)[code]
    assert item.state == "decided" and not item.needs_attention
    assert (item.decision.decision, item.decision.note, item.decision.actor) == ("keep", "customer is seated",
                                                                                  "Marta")
    assert item.platform.conflicts[0].conflict == "not_assigned_to_office"  # both sides still shown
    assert sale_row(world.store, code).status == "completed"
    assert read_status(world.store.read_session_factory).conflicts == before.conflicts - 1
    assert count_states(world.store.read_session_factory)["decided"] == 1
    [entry] = _journal(world, "conflict_decision")
    assert (entry.actor, entry.subject) == ("Marta", code) and '"decision":"keep"' in entry.payload

    with pytest.raises(QueueActionRefused, match="already decided"):
        decide_conflict(factory, world.terminal.terminal, code, "void_ours", "changed my mind", "Luis")
    assert sale_row(world.store, code).status == "completed"
    assert len(_journal(world, "conflict_decision")) == 1
    assert journal_ok(world.store).ok


def test_void_ours_refunds_our_customer_and_leaves_the_seat_to_the_other_channel(world: World) -> None:
    code, seat, kept = world.codes["twice"], world.seats["twice"], world.seats["kept"]
    decision = decide_conflict(world.store.session_factory, world.terminal.terminal, code, "void_ours",
                               "the online buyer was first", "Marta")
    assert decision.voided
    sale = sale_row(world.store, code)
    assert sale.status == "voided" and "sync conflict" in sale.void_reason and "GEN160" in sale.void_reason
    assert "the online buyer was first" in sale.void_reason
    void = outbox_row(world.store, code, kind="void")
    assert void.state == "pending"
    assert [e.actor for e in _journal(world, "void")[-1:]] == ["Marta"]
    assert [e.subject for e in _journal(world, "conflict_decision")] == [code]

    world.proxy.clear()
    assert world.worker.drain().delivered == 2  # the sale sold since, and our cancellation
    assert outbox_row(world.store, code, kind="void").state == "delivered"
    # the seat sold twice is the other channel's: not back on sale here; the other seat is ours again
    assert ticket_states(world.store, [seat, kept]) == {seat: "withdrawn", kept: "available"}
    with central_session(world.central) as session:
        assert session.scalar(select(Order.status).where(Order.purchase_code == code)) == "cancelled"
        holder = session.scalar(select(CentralTicket.sold_order_id).where(CentralTicket.id == seat))
    assert holder == world.other_order
    assert _by_subject(world)[code].state == "decided"
    assert _by_subject(world, kind="void")[code].state == "delivered"
    assert journal_ok(world.store).ok


def test_decision_refusals(world: World) -> None:
    factory, terminal, codes = world.store.session_factory, world.terminal.terminal, world.codes
    with pytest.raises(QueueActionRefused, match="no conflict"):
        decide_conflict(factory, terminal, codes["clean"], "keep", "why not", "Marta")
    with pytest.raises(QueueActionRefused, match="unknown decision"):
        decide_conflict(factory, terminal, codes["twice"], "split_the_seat", "why not", "Marta")
    with pytest.raises(QueueActionRefused, match="reason"):
        decide_conflict(factory, terminal, codes["twice"], "keep", "   ", "Marta")
    with pytest.raises(QueueActionRefused, match="supervisor"):
        decide_conflict(factory, terminal, codes["twice"], "keep", "ok", "")
    with pytest.raises(UnknownSale):
        decide_conflict(factory, terminal, "0000000000000", "keep", "ok", "Marta")
    assert _journal(world, "conflict_decision") == []

    # voided from the sale screen meanwhile: the customer no longer holds the seat, so "keep" makes no sense,
    # and "void_ours" records the decision without voiding twice
    void_sale(factory, terminal, codes["taken_back"], "customer asked", actor="Luis")
    with pytest.raises(QueueActionRefused, match="voided"):
        decide_conflict(factory, terminal, codes["taken_back"], "keep", "seated", "Marta")
    decision = decide_conflict(factory, terminal, codes["taken_back"], "void_ours", "already refunded", "Marta")
    assert not decision.voided
    assert sale_row(world.store, codes["taken_back"]).void_reason == "customer asked"
    assert len(_journal(world, "void")) == 2  # the mistake's, and Luis's; none from the decision
    assert journal_ok(world.store).ok
