"""The sync queue screen: items by state, Retry now, a conflict decided once, a platform report marked seen,
and an empty queue.

The queue is made for real: sales at the terminal, delivered by the worker to the reference central platform
through the fault proxy (which refuses one sale, so it is parked), a seat another terminal of the office sold
first, and one of our seats the other office sold (the platform reports it after the round).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.core.money import money_format
from boxoffice.services.sync_status import read_status
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry
from boxoffice.sync.reporting import round_changes
from boxoffice.sync.worker import DeliveryWorker, RoundResult
from boxoffice.ui.backend import Backend
from boxoffice.ui.qt import Qt
from boxoffice.ui.sync_queue import ConflictDecisionDialog, SyncQueueDialog
from tests.helpers.central_server import SeededTemplate, central_server, seeded_template
from tests.helpers.demo_inventory import backend_for, seed_store
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.supervisors import add_supervisors
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.sync.sync_helpers import NORTE, SUR, Clerk, make_worker, outbox_row, sale_row, sell_elsewhere

REFUSAL = "Tickets no disponibles"
LEFT = Qt.MouseButton.LeftButton


@dataclass
class Queue:
    store: Store
    terminal: TestTerminal
    proxy: FaultProxy
    worker: DeliveryWorker
    backend: Backend
    woken: list[int]
    clean: str
    refused: str
    twice: str


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("queue-gui-template"))


@pytest.fixture
def queue(tmp_path: Path, template: SeededTemplate) -> Iterator[Queue]:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=template) as central, \
            FaultProxy(central.url, seed=5) as proxy:
        terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        store = terminal.open_store()
        add_supervisors(store.session_factory)  # Marta and Luis act on the queue
        try:
            clerk = Clerk(store, terminal, central.event_id)
            clean = clerk.sell_zone("Preferente", 2)
            refused = clerk.sell_zone("VIP", 1)
            seat = central.seat_ids["GEN170"]
            sell_elsewhere(central, NORTE, [seat])  # another terminal of the office (#12.4: not another office)
            twice = clerk.sell_seats([seat])
            sell_elsewhere(central, SUR, [central.seat_ids["GEN171"]])  # Sur's sale names our seat (#12.4)

            def names_refused(request: Request) -> bool:
                return refused.purchase_code.encode() in request.body

            proxy.add_rule(names_refused, Fault.http(400, REFUSAL))
            worker = make_worker(store, terminal, proxy.url)
            assert worker.drain().parked == 1
            woken: list[int] = []
            backend = backend_for(store, terminal=terminal.terminal, money=money_format("es"),
                                  sync_status=lambda: read_status(store.read_session_factory, 20, "online"),
                                  wake_sync=lambda: woken.append(1))
            yield Queue(store, terminal, proxy, worker, backend, woken, clean.purchase_code,
                        refused.purchase_code, twice.purchase_code)
        finally:
            store.close()


def _dialog(qtbot, backend: Backend, actor: str = "Marta") -> SyncQueueDialog:
    dialog = SyncQueueDialog(backend, actor)
    qtbot.addWidget(dialog)
    dialog.show()
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: SyncQueueDialog) -> None:
    """Wait for every read and write the screen started (they run off the GUI thread)."""
    qtbot.waitUntil(lambda: dialog.ctx.runner.pending == 0, timeout=10_000)


def _rows(dialog: SyncQueueDialog) -> dict[tuple[str, str], str]:
    return {(item.kind, item.subject): item.state for item in dialog.model.items}


def _journal(store: Store, kind: str) -> list[JournalEntry]:
    with store.session_factory() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.kind == kind)))


def test_lists_items_by_state_with_the_error_and_both_sides(qtbot, qtmodeltester, queue: Queue) -> None:
    dialog = _dialog(qtbot, queue.backend)
    qtmodeltester.check(dialog.model)
    assert _rows(dialog) == {("sale", queue.refused): "parked", ("sale", queue.twice): "conflict",
                             ("sale", queue.clean): "delivered", ("report", "GEN171"): "reported"}
    assert dialog.pages.currentWidget() is dialog.table
    assert "Parked: 1" in dialog.summary.text() and "Conflicts to decide: 1" in dialog.summary.text()
    assert "Online" in dialog.status.text()

    assert dialog.select_subject(queue.refused)
    assert REFUSAL in dialog.detail.toPlainText()
    assert dialog.retry_selected.isEnabled() and not dialog.decide_button.isEnabled()

    assert dialog.select_subject(queue.twice)
    text = dialog.detail.toPlainText()
    assert "Our sale" in text and "What the central platform said" in text
    assert "GEN170" in text and "already sold by another channel" in text
    assert "held by order" in text  # the other side: the order that holds the seat
    assert dialog.decide_button.isEnabled() and not dialog.retry_selected.isEnabled()

    dialog.set_filter("attention")
    settle(qtbot, dialog)
    assert set(_rows(dialog)) == {("sale", queue.refused), ("sale", queue.twice), ("report", "GEN171")}
    dialog.set_filter("delivered")
    settle(qtbot, dialog)
    assert set(_rows(dialog)) == {("sale", queue.clean)}
    dialog.set_filter("cancelled")
    settle(qtbot, dialog)
    assert dialog.model.items == [] and dialog.pages.currentWidget() is dialog.empty
    assert "Nothing to show here" in dialog.empty.text()


def test_retry_now_moves_parked_to_pending_and_wakes_sync(qtbot, queue: Queue) -> None:
    dialog = _dialog(qtbot, queue.backend)
    assert dialog.retry_parked.isEnabled()
    qtbot.mouseClick(dialog.retry_parked, LEFT)
    qtbot.waitUntil(lambda: not dialog.busy and bool(queue.woken), timeout=5000)
    settle(qtbot, dialog)
    assert outbox_row(queue.store, queue.refused).state == "pending"
    assert _rows(dialog)[("sale", queue.refused)] == "pending"
    assert "Back in the queue: 1" in dialog.message.text()
    assert not dialog.retry_parked.isEnabled()  # nothing parked any more
    [entry] = _journal(queue.store, "sync_retry")
    assert entry.actor == "Marta"

    # a delivered item cannot be retried: the button stays off, and the service says why if asked anyway
    dialog.select_subject(queue.clean)
    assert not dialog.retry_selected.isEnabled()
    dialog.retry([next(i.id for i in dialog.model.items if i.subject == queue.clean)])
    qtbot.waitUntil(lambda: not dialog.busy, timeout=5000)
    settle(qtbot, dialog)
    assert dialog.message.property("kind") == "error" and "cannot be retried" in dialog.message.text()
    assert len(_journal(queue.store, "sync_retry")) == 1

    queue.proxy.clear()
    assert queue.worker.drain().delivered == 1
    # the composition root hands every delivery round to the hub (boxoffice.sync.reporting); here the test
    # drained the worker itself, so it tells the hub what the round changed, as the worker's listener would
    dialog.ctx.hub.publish(round_changes(RoundResult(delivered=1)))
    qtbot.waitUntil(lambda: _rows(dialog)[("sale", queue.refused)] == "delivered", timeout=5000)


def test_decision_is_recorded_shown_and_refused_the_second_time(qtbot, queue: Queue) -> None:
    dialog = _dialog(qtbot, queue.backend)
    dialog.select_subject(queue.twice)
    qtbot.mouseClick(dialog.decide_button, LEFT)
    asked = dialog.decision_dialog
    assert isinstance(asked, ConflictDecisionDialog) and asked.isVisible()
    assert not asked.ok.isEnabled()
    asked.keep.setChecked(True)
    assert not asked.ok.isEnabled()  # a reason is required too
    qtbot.keyClicks(asked.reason, "customer already seated")
    assert asked.ok.isEnabled()
    qtbot.mouseClick(asked.ok, LEFT)
    qtbot.waitUntil(lambda: not dialog.busy and _rows(dialog)[("sale", queue.twice)] == "decided", timeout=5000)
    settle(qtbot, dialog)

    assert "Decision recorded" in dialog.message.text()
    dialog.select_subject(queue.twice)
    detail = dialog.detail.toPlainText()
    assert "Decided by Marta" in detail and "customer already seated" in detail
    assert not dialog.decide_button.isEnabled()
    assert "Conflicts to decide: 0" in dialog.summary.text() and "Decided: 1" in dialog.summary.text()
    [entry] = _journal(queue.store, "conflict_decision")
    assert (entry.actor, entry.subject) == ("Marta", queue.twice)
    assert sale_row(queue.store, queue.twice).status == "completed"

    # another supervisor, with an older screen, tries to decide again: refused, shown, nothing written
    other = _dialog(qtbot, queue.backend, actor="Luis")
    other.decide(queue.twice, "void_ours", "the online buyer complained")
    qtbot.waitUntil(lambda: not other.busy, timeout=5000)
    assert other.message.property("kind") == "error" and "already decided" in other.message.text()
    assert sale_row(queue.store, queue.twice).status == "completed"
    assert len(_journal(queue.store, "conflict_decision")) == 1


def test_a_seat_another_office_sold_is_shown_and_marked_seen_once(qtbot, queue: Queue) -> None:
    assert read_status(queue.store.read_session_factory).conflicts == 2  # our conflict + the report
    dialog = _dialog(qtbot, queue.backend)
    assert "Reported: 1" in dialog.summary.text()
    assert dialog.select_subject("GEN171", kind="report")
    detail = dialog.detail.toPlainText()
    assert f"Another office ({SUR}) sold our seat GEN171" in detail and "on sale here" in detail
    assert dialog.seen_button.isEnabled()
    assert not dialog.decide_button.isEnabled() and not dialog.retry_selected.isEnabled()

    qtbot.mouseClick(dialog.seen_button, LEFT)
    asked = dialog.seen_dialog
    assert asked is not None and asked.isVisible() and not asked.ok.isEnabled()  # a note is required
    qtbot.keyClicks(asked.note, "told Sur's supervisor")
    qtbot.mouseClick(asked.ok, LEFT)
    qtbot.waitUntil(lambda: not dialog.busy and _rows(dialog)[("report", "GEN171")] == "seen", timeout=5000)
    settle(qtbot, dialog)
    assert "Marked as seen" in dialog.message.text() and "Reported: 0" in dialog.summary.text()
    dialog.select_subject("GEN171", kind="report")
    assert "Seen by Marta" in dialog.detail.toPlainText() and not dialog.seen_button.isEnabled()
    [entry] = _journal(queue.store, "conflict_report_seen")
    assert entry.actor == "Marta"
    assert read_status(queue.store.read_session_factory).conflicts == 1

    # a second supervisor with an older screen: refused, shown, nothing written
    other = _dialog(qtbot, queue.backend, actor="Luis")
    report = next(i.report for i in dialog.model.items if i.report is not None)
    other.mark_seen(report.conflict_id, "me too")
    qtbot.waitUntil(lambda: not other.busy, timeout=5000)
    assert other.message.property("kind") == "error" and "already seen" in other.message.text()
    assert len(_journal(queue.store, "conflict_report_seen")) == 1


def test_empty_queue_shows_a_friendly_message(qtbot, tmp_path: Path) -> None:
    store = seed_store(tmp_path / "t.sqlite3")
    try:
        dialog = _dialog(qtbot, backend_for(store))
        assert dialog.model.items == []
        assert dialog.pages.currentWidget() is dialog.empty and not dialog.detail.isVisible()
        assert "The sync queue is empty" in dialog.empty.text()
        assert not dialog.retry_parked.isEnabled() and not dialog.decide_button.isEnabled()
        assert "Offline" in dialog.status.text()
        qtbot.mouseClick(dialog.retry_parked, LEFT)  # disabled: nothing happens
        assert _journal(store, "sync_retry") == []
    finally:
        store.close()
