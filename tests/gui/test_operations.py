"""The operation runner and the change hub: where work runs, where results come back, what views are told."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from boxoffice.core.changes import Changes
from boxoffice.core.errors import InvalidSale
from boxoffice.ui.change_hub import ChangeHub
from boxoffice.ui.operations import READER_THREAD, WRITER_THREAD, OperationRunner, is_worker_thread
from boxoffice.ui.qt import QWidget


@pytest.fixture
def hub(qtbot) -> ChangeHub:
    return ChangeHub()


@pytest.fixture
def runner(hub: ChangeHub) -> Iterator[OperationRunner]:
    presented: list[Exception] = []
    runner = OperationRunner(hub, presenter=lambda _parent, exc: presented.append(exc))
    runner.presented = presented  # type: ignore[attr-defined]
    yield runner
    runner.shutdown()


def _wait_idle(qtbot, runner: OperationRunner) -> None:
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)


def test_writes_run_one_at_a_time_in_order_on_the_writer_thread(qtbot, runner: OperationRunner) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    seen: list[tuple[int, str]] = []
    inside = threading.Semaphore(1)
    overlaps: list[int] = []

    def work(n: int):
        def run() -> int:
            if not inside.acquire(blocking=False):
                overlaps.append(n)
            else:
                inside.release()
            seen.append((n, threading.current_thread().name))
            return n
        return run

    results: list[int] = []
    for n in range(20):
        runner.write(widget, work(n), success=results.append)
    _wait_idle(qtbot, runner)
    assert [n for n, _ in seen] == list(range(20))
    assert {name.split("_")[0] for _, name in seen} == {WRITER_THREAD}
    assert results == list(range(20))
    assert not overlaps


def test_success_runs_on_the_gui_thread_and_reads_on_the_read_pool(qtbot, runner: OperationRunner) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran_on: list[str] = []
    called_on: list[bool] = []
    runner.read(widget, lambda: ran_on.append(threading.current_thread().name) or is_worker_thread(),
                success=lambda value: called_on.append(threading.current_thread() is threading.main_thread()
                                                       and value))
    _wait_idle(qtbot, runner)
    assert ran_on[0].startswith(READER_THREAD)
    assert called_on == [True]


def test_changes_reach_the_hub_before_success_even_when_the_widget_is_gone(qtbot, hub: ChangeHub,
                                                                           runner: OperationRunner) -> None:
    order: list[str] = []
    hub.seats_changed.connect(lambda event_id, seats: order.append(f"seats {event_id} {sorted(seats.items())}"))
    hub.outbox_changed.connect(lambda: order.append("outbox"))
    widget = QWidget()
    qtbot.addWidget(widget)
    changes = Changes(event_id="EV1", seats={"T1": "sold"}, sales=("CODE",), outbox=True)
    runner.write(widget, lambda: changes, success=lambda _r: order.append("success"))
    _wait_idle(qtbot, runner)
    assert order == ["seats EV1 [('T1', 'sold')]", "outbox", "success"]

    order.clear()
    gate = threading.Event()
    doomed = QWidget()
    # the gate is always opened below; its timeout only keeps a failed test from hanging
    runner.write(doomed, lambda: gate.wait(60) and changes, success=lambda _r: order.append("late success"))
    doomed.deleteLater()
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)  # the relay died with its widget
    gate.set()
    qtbot.waitUntil(lambda: "outbox" in order, timeout=5000)
    qtbot.wait(50)
    assert "late success" not in order  # nobody left to tell
    assert "outbox" in order  # but every view still hears what changed


def test_a_read_a_view_starts_on_the_hub_answers_after_the_success_that_caused_it(qtbot, hub: ChangeHub,
                                                                                  runner: OperationRunner) -> None:
    """The hub and the success callback are one step on the GUI thread: a re-read the hub starts can never
    answer in between, however the threads are scheduled (the staff screen once saw its refreshed list
    before its own "deactivated" message)."""
    order: list[str] = []
    widget = QWidget()
    qtbot.addWidget(widget)

    def reread() -> None:
        order.append("hub")
        runner.read(widget, lambda: "fresh", success=lambda _r: order.append("read"))

    hub.clerks_changed.connect(reread)
    for _ in range(20):  # many rounds: the old two-event delivery lost this race now and then under load
        runner.write(widget, lambda: Changes(clerks=True), success=lambda _r: order.append("success"))
        _wait_idle(qtbot, runner)
    assert order == ["hub", "success", "read"] * 20


def test_failures_go_to_the_callback_or_the_presenter(qtbot, runner: OperationRunner) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    caught: list[Exception] = []

    def boom() -> None:
        raise InvalidSale("the cart is empty", code="cart_empty")

    runner.write(widget, boom, failure=caught.append)
    runner.write(widget, boom)
    _wait_idle(qtbot, runner)
    assert [e.code for e in caught] == ["cart_empty"]
    assert [e.code for e in runner.presented] == ["cart_empty"]  # type: ignore[attr-defined]


def test_hub_publish_from_a_worker_thread_arrives_on_the_gui_thread(qtbot, hub: ChangeHub) -> None:
    got: list[tuple[str, bool]] = []
    hub.sales_changed.connect(lambda codes: got.append((codes[0], threading.current_thread()
                                                        is threading.main_thread())))
    thread = threading.Thread(target=lambda: hub.publish(Changes(sales=("ABC",))))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [("ABC", True)]


def test_an_empty_change_emits_nothing(qtbot, hub: ChangeHub) -> None:
    got: list[object] = []
    hub.changed.connect(got.append)
    hub.publish(Changes())
    qtbot.wait(20)
    assert got == []


def test_a_shut_down_runner_finishes_submitted_writes_and_refuses_new_ones(qtbot, hub: ChangeHub) -> None:
    runner = OperationRunner(hub)
    done: list[int] = []
    gate = threading.Event()
    runner.write(None, lambda: gate.wait(60) and done.append(1))  # the timer below always opens it
    threading.Timer(0.05, gate.set).start()
    runner.shutdown(wait=True)
    assert done == [1]
    late: list[int] = []
    assert runner.write(None, lambda: late.append(1)).cancelled()  # a late hub refresh is dropped, not raised
    assert late == []


def test_network_work_never_holds_the_process_at_exit(qtbot, runner: OperationRunner) -> None:
    """The pull's thread is a daemon: a closing window does not wait for a slow platform."""
    gate = threading.Event()
    ran_on: list[threading.Thread] = []
    runner.network(None, lambda: ran_on.append(threading.current_thread()) or gate.wait(60))
    qtbot.waitUntil(lambda: bool(ran_on), timeout=5000)
    assert ran_on[0].daemon and ran_on[0].name == "boxoffice-network"
    runner.shutdown()  # returns at once although the pull still waits
    gate.set()
