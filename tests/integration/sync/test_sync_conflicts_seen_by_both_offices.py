"""Issue #12 point 4, the terminal side: the office whose seat another office sold learns of it.

Over real HTTP against the reference central (SQLite and PostgreSQL): the conflict list is fetched after a
delivery round that reached the platform and after a pull, stored once, shown in the sync queue and counted in
the status until a supervisor marks it seen; it never touches a sale or a seat. A platform without the list
(spec only) or a failing list never fails delivery or the pull.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from boxoffice.central.extensions import ENV_SPEC_ONLY
from boxoffice.inventory_pull import pull
from boxoffice.services.sync_queue import QueueActionRefused, list_items, mark_report_seen
from boxoffice.services.sync_status import read_status
from boxoffice.store import sync_facts
from boxoffice.store.engine import Store
from boxoffice.store.models import ConflictReport, JournalEntry
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.supervisors import NAMES, add_supervisors
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    SUR,
    Clerk,
    both_backends,
    journal_ok,
    local_view,
    make_worker,
    sell_elsewhere,
    ticket_states,
)

SUPERVISOR = "Supervisora Norte"


def _reports(store: Store) -> list[ConflictReport]:
    with store.session_factory() as session:
        rows = list(session.scalars(select(ConflictReport).order_by(ConflictReport.conflict_id)))
        session.expunge_all()
        return rows


def _journal(store: Store, kind: str) -> list[JournalEntry]:
    with store.session_factory() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.kind == kind)))


@both_backends
def test_a_seat_another_office_sold_reaches_our_supervisor_after_a_round_once(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    ours = central.seat_ids["GEN150"]  # assigned to Norte
    sell_elsewhere(central, SUR, [ours])  # Sur's offline sale names it: stored and flagged, the seat not taken
    before = local_view(store)
    sale = clerk.sell_zone("Preferente", 1)  # any round that reaches the platform fetches the list
    worker = make_worker(store, terminal, proxy.url)
    result = worker.drain()
    assert (result.failed, result.delivered, result.reported) == (False, 1, 1)

    [item] = list_items(store.read_session_factory, ["reported"])
    report = item.report
    assert report is not None and (item.kind, item.subject, item.needs_attention) == ("report", "GEN150", True)
    assert (report.role, report.kind, report.other_office, report.ticket_id, report.seat_state) == (
        "holder", "ticket_conflict", SUR, ours, "available")
    assert report.order_id is None and report.our_sale is None and report.detected_at is not None
    # nothing of ours moved: the seat is still ours to sell, no sale changed
    assert ticket_states(store, [ours]) == {ours: "available"}
    after = local_view(store)
    assert after.tickets == {**before.tickets, sale.purchase_code: after.tickets[sale.purchase_code]}
    assert worker.status().conflicts == 1 and read_status(store.read_session_factory).conflicts == 1

    # the office that holds it still sells it; the report then names our sale of that seat
    ours_now = clerk.sell_seats([ours])
    again = worker.drain()
    assert (again.failed, again.delivered, again.conflicts, again.reported) == (False, 1, [], 0)
    [item] = list_items(store.read_session_factory, ["reported"])
    assert item.report is not None and item.report.our_sale == ours_now.purchase_code

    # fetched from the start again: stored once
    with store.session_factory.begin() as session:
        sync_facts.put(session, sync_facts.CONFLICTS_CURSOR, "0")
    clerk.sell_zone("Preferente", 1)
    assert worker.drain().reported == 0 and len(_reports(store)) == 1

    add_supervisors(store.session_factory, (*NAMES, SUPERVISOR))  # the one who marks it seen (the service checks)
    with pytest.raises(QueueActionRefused):
        mark_report_seen(store.session_factory, report.conflict_id, "  ", SUPERVISOR)
    seen = mark_report_seen(store.session_factory, report.conflict_id, "called Sur: they refund their customer",
                            SUPERVISOR)
    assert seen.actor == SUPERVISOR
    with pytest.raises(QueueActionRefused, match="already seen"):
        mark_report_seen(store.session_factory, report.conflict_id, "twice", SUPERVISOR)
    [entry] = _journal(store, "conflict_report_seen")
    assert (entry.actor, entry.subject) == (SUPERVISOR, ours)
    assert journal_ok(store).ok
    assert read_status(store.read_session_factory).conflicts == 0
    [item] = list_items(store.read_session_factory, ["seen"])
    assert item.report is not None and item.report.seen is not None
    assert item.report.seen.note == "called Sur: they refund their customer"


@both_backends
def test_a_pull_fetches_the_conflicts_too(central: CentralServer, terminal: TestTerminal, store: Store) -> None:
    first, second = central.seat_ids["GEN151"], central.seat_ids["GEN152"]
    sell_elsewhere(central, SUR, [first, second])
    pull(terminal.client(), store.session_factory, [central.event_id])
    assert [(r.role, r.ticket_id, r.office_id) for r in _reports(store)] == [
        ("holder", first, SUR), ("holder", second, SUR)]
    pull(terminal.client(), store.session_factory, [central.event_id])  # a repeat stores nothing twice
    assert len(_reports(store)) == 2
    assert read_status(store.read_session_factory).conflicts == 2


def test_a_failing_conflict_list_fails_neither_delivery_nor_the_pull(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    sell_elsewhere(central, SUR, [central.seat_ids["GEN153"]])

    def the_list(request: Request) -> bool:
        return "offline_office_sync_conflicts" in request.path

    proxy.add_rule(the_list, Fault.http(500))
    clerk.sell_zone("General", 1)
    worker = make_worker(store, terminal, proxy.url)
    result = worker.drain()
    assert (result.failed, result.delivered, result.reported) == (False, 1, 0)
    assert worker.status().last_error is None and worker.status().connection == "online"
    pull(terminal.client(url=proxy.url), store.session_factory, [central.event_id])
    assert _reports(store) == []
    proxy.clear()  # the list answers again: the next round catches up from the cursor
    clerk.sell_zone("General", 1)
    assert worker.drain().reported == 1

    # a list with a row this terminal cannot read: that row is left out, the rest stored, the cursor moves on
    good = {"conflict_id": 6, "kind": "ticket_conflict", "role": "holder", "event_id": central.event_id,
            "ticket_id": central.seat_ids["GEN155"], "purchase_code": None, "office_id": SUR,
            "other_channel": "office", "other_office_id": NORTE, "order_id": None,
            "detected_at": "2026-07-18T19:02:11Z"}
    answer = {"message": "Conflictos encontrados", "status": 200,
              "data": {"valido": True, "response": [{**good, "conflict_id": 5, "role": "nobody"}, good]}}
    proxy.add_rule(the_list, Fault.raw(200, json.dumps(answer).encode(), "application/json"), times=1)
    clerk.sell_zone("General", 1)
    assert worker.drain().reported == 1
    assert [r.conflict_id for r in _reports(store)][-1] == 6
    with store.session_factory() as session:
        assert sync_facts.get_int(session, sync_facts.CONFLICTS_CURSOR) == 6


def test_a_spec_only_platform_has_no_list_and_nothing_fails(
        tmp_path: Path, sync_template: SeededTemplate, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SPEC_ONLY, "1")
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=sync_template) as central:
        terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        assert terminal.client().sync_conflicts(0) is None  # 404: no such extension
        store = terminal.open_store()
        try:
            sell_elsewhere(central, SUR, [central.seat_ids["GEN154"]])
            Clerk(store, terminal, central.event_id).sell_zone("General", 1)
            worker = make_worker(store, terminal, central.url)
            result = worker.drain()
            assert (result.failed, result.delivered, result.reported) == (False, 1, 0)
            assert worker.status().last_error is None
            pull(terminal.client(), store.session_factory, [central.event_id])
            with store.session_factory() as session:
                assert session.scalar(select(func.count()).select_from(ConflictReport)) == 0
        finally:
            store.close()
