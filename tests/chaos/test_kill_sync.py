"""Chaos: ``boxoffice sync`` and ``boxoffice sell`` killed with SIGKILL at chosen moments while sales go on.

One terminal sells continuously (in-process ``sell`` calls, as the window does) while ``boxoffice sync`` runs
as a subprocess and is killed -9 again and again. Every kill but the random ones lands where the schedule says
BY CONSTRUCTION, never by chance: the child is stopped on a trace point (:mod:`boxoffice.tracepoints`) — just
started, batch read, answer received but not recorded, outcome committed — or its request or the server's
answer is held by a proxy (sent but not at the server; committed at the server, the terminal not told), and
only then killed. Meanwhile ``boxoffice sell`` subprocesses run to completion, are stopped and killed with the
sale written but not committed or committed but not printed, or are killed at a random moment. Then
``boxoffice sync --once`` finishes the job.

What must hold after each kill, by where it landed: before a request reached the server, the central platform
has nothing new; once the server committed and the terminal did not record it, the batch is "in doubt" (at the
central, pending here); once the outcome was committed, more is delivered. At the end: the central platform
has exactly the terminal's sales (one order and one pos-transaction per purchase code, the same tickets),
every ticket is sold once, nothing is pending or parked, the journal verifies, a sale left in doubt was
answered as a replay; every sale a ``sell`` command confirmed by printing its JSON is there, and a killed
``sell`` leaves a whole sale (with its outbox row and journal entry) or nothing: nothing when killed before
its commit, the whole sale when killed after it.

``BOXOFFICE_SOAK=1`` runs the schedule 8 times (with 24 more random kills) and 48 ``sell`` commands;
``BOXOFFICE_CHAOS_SEED`` changes the seed of the random parts (batch sizes of random kills, carts, kill times).
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy.exc import OperationalError

from boxoffice.config import load_config, save_config
from boxoffice.core.errors import SeatNotAvailable
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.catalog import lines_for
from boxoffice.services.sales import SaleRequest, SaleResult, sell
from boxoffice.store.engine import Store
from tests.chaos.helpers_kill import (
    KILLED,
    GateProxy,
    Traced,
    central_view,
    kill_when_stopped,
    local_view,
    read_only,
    start_traced,
    wait_for,
)
from tests.helpers.central_server import CentralServer, central_server, seeded_template
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import TestTerminal, make_terminal

NORTE = "office_taquilla_norte"
SOAK = os.environ.get("BOXOFFICE_SOAK") == "1"
SEED = int(os.environ.get("BOXOFFICE_CHAOS_SEED", "20260718"))
ROUNDS = 8 if SOAK else 1  # times the whole sync schedule runs: once reaches every place by construction
CLI_SELLS = 48 if SOAK else 4  # a multiple of the 4 modes
#: The window's pace and its cap keep the test within the ~1,140 seats it has, however slow the machine.
WINDOW_PAUSE = (0.2, 1.6) if SOAK else (0.1, 0.6)
WINDOW_MAX_SALES = 600
SYNC_PATH = "offline_office_tickets_synchronization"
BOXOFFICE = (sys.executable, "-m", "boxoffice")


@dataclass(frozen=True)
class SyncKill:
    """Where one ``boxoffice sync`` run is killed, with which batch size, and what that guarantees."""

    phase: str
    stop: str | None = None  # trace point the child stops at
    hold: str | None = None  # "request" | "answer": what the proxy holds
    batch_size: int | None = None  # None: a random one
    central_unchanged: bool = False  # nothing of this run reached the central platform
    in_doubt: bool = False  # the batch is at the central platform and still pending here
    delivered_more: bool = False  # the run recorded at least one delivery


#: One round of the schedule. The order matters once: the sale left in doubt with a batch of 1 is the oldest
#: pending one when the next run sends a batch of 3 (at least 2 are pending before every run), so that request
#: has a new key and the platform answers the doubtful entry from its first result, as a replay.
SCHEDULE = (
    SyncKill("starting (no request yet)", stop="sync.started", batch_size=2, central_unchanged=True),
    SyncKill("batch read, nothing sent", stop="sync.batch_read", batch_size=3, central_unchanged=True),
    SyncKill("request held before the server", hold="request", batch_size=5, central_unchanged=True),
    SyncKill("answer held (server committed)", hold="answer", batch_size=1, in_doubt=True),
    SyncKill("outcome committed", stop="sync.outcome_committed", batch_size=3, delivered_more=True),
    SyncKill("answer received, not recorded", stop="sync.answer_received", batch_size=2, in_doubt=True),
    SyncKill("at random (idle or delivering)"),
)
MIN_PENDING = 2
RANDOM_BATCH_SIZES = (1, 2, 3, 5)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    return seeded_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def central(tmp_path: Path, template) -> Iterator[CentralServer]:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=template) as server:
        yield server


def _assign_all_free_general_seats(central: CentralServer) -> int:
    """The demo gives an office 300 seats; this test sells ~500 tickets, so give it every free General seat."""
    taken = {f"GEN{n}" for n in range(101, 461)}  # both offices' General shares (seed.OFFICE_SHARES)
    ids = [tid for seat, tid in central.seat_ids.items() if seat.startswith("GEN") and seat not in taken]
    response = httpx.post(f"{central.url}/offline_office_tickets", headers=central.admin_headers, timeout=30,
                          json={"data": {"tickets_offline": ids, "office_id": NORTE,
                                         "event_id": central.event_id}})
    assert response.status_code == 200, response.text
    return len(ids)


def _sell_one(store: Store, terminal: TestTerminal, event_id: str, zone: str, quantity: int) -> SaleResult | None:
    """One sale as the window makes it; None when the zone is sold out or the database stayed busy (a killed
    ``sell`` held its write lock): the clerk is told and tries again, nothing was written."""
    try:
        lines = lines_for(store.session_factory, event_id, zone=zone, quantity=quantity)
        return sell(store.session_factory, terminal.terminal, SaleRequest(
            event_id=event_id, lines=lines, payments=(PaymentRequest("cash", tendered_cents=20_000),)))
    except SeatNotAvailable:
        return None
    except OperationalError as exc:
        if "locked" not in str(exc):
            raise
        return None


# -- the two clerks ---------------------------------------------------------------------------------------------


class WindowClerk(threading.Thread):
    """Sells in-process, like the window, until told to stop; keeps every confirmed sale.

    It uses the test's one store: a second ``open_store`` on the same file in this process would read the
    file's header with plain I/O, and closing that descriptor drops every POSIX lock the process holds on the
    file (SQLite's "How To Corrupt" 2.2), so a ``boxoffice`` child closing last could delete the live WAL.
    """

    def __init__(self, terminal: TestTerminal, store: Store, event_id: str, seed: int) -> None:
        super().__init__(name="window-clerk", daemon=True)
        self.terminal, self.store, self.event_id = terminal, store, event_id
        self.rng = random.Random(seed)
        self.stop = threading.Event()
        self.confirmed: list[SaleResult] = []
        self.errors: list[str] = []

    def run(self) -> None:
        while not self.stop.wait(self.rng.uniform(*WINDOW_PAUSE)) and len(self.confirmed) < WINDOW_MAX_SALES:
            zone = self.rng.choice(["General"] * 8 + ["Preferente", "VIP"])
            try:
                if (sale := _sell_one(self.store, self.terminal, self.event_id, zone, self.rng.choice([1, 1, 1, 2]))):
                    self.confirmed.append(sale)
            except Exception as exc:  # reported by the test, never swallowed
                self.errors.append(repr(exc))


@dataclass
class CliSale:
    name: str  # the customer name: finds the sale in the database whatever happened to the process
    mode: str  # "complete" | "kill-before-commit" | "kill-after-commit" | "kill-random"
    printed: dict | None = None
    trace: tuple[str, ...] = ()
    present: str | None = None  # purchase code of the sale found locally, if any
    returncode: int | None = None


#: ``sell`` modes, in turn: the two stops are the sale's last moment before and first moment after its commit.
SELL_STOPS = {"kill-before-commit": "sale.before_commit", "kill-after-commit": "sale.committed"}


class CliClerk(threading.Thread):
    """Runs ``boxoffice sell`` subprocesses: some to the end, the rest killed -9 before or after the sale's
    commit (stopped there) or at a random moment."""

    MODES = ("complete", "kill-before-commit", "kill-after-commit", "kill-random")

    def __init__(self, terminal: TestTerminal, event_id: str, workdir: Path, seed: int) -> None:
        super().__init__(name="cli-clerk", daemon=True)
        self.terminal, self.event_id, self.workdir = terminal, event_id, workdir
        self.rng = random.Random(seed)
        self.sales: list[CliSale] = []
        self.errors: list[str] = []
        self.problems: list[str] = []

    def run(self) -> None:
        try:
            for number in range(CLI_SELLS):
                self.sales.append(self._one(number, self.MODES[number % len(self.MODES)]))
        except Exception as exc:
            self.errors.append(repr(exc))

    def _one(self, number: int, mode: str) -> CliSale:
        sale = CliSale(f"cli-{number:03d}", mode)
        args = ["sell", "--event", self.event_id, "--zone", "General", "--qty", str(self.rng.choice([1, 2])),
                "--cash", "20000", "--customer-name", sale.name, "--json"]
        out, err = (self.workdir / f"{sale.name}.{suffix}" for suffix in ("out", "err"))
        run = start_traced([*BOXOFFICE, *args], self.terminal.env, self.workdir / sale.name,
                           stop=SELL_STOPS.get(mode), stdout=out, stderr=err)
        try:
            if mode == "complete":
                run.process.wait(timeout=120)
            elif mode == "kill-random":  # wherever it is: start-up mostly, sometimes the sale
                time.sleep(self.rng.uniform(0.2, 2.0))
                run.kill()
            else:
                kill_when_stopped(run)
        finally:
            sale.returncode = run.kill()
        sale.trace = tuple(run.trace)
        if (text := out.read_text()).strip():
            sale.printed = json.loads(text)  # printed means confirmed to the clerk: whole JSON or nothing
        if mode == "complete" and sale.returncode != 0:
            self.errors.append(f"{sale.name}: exit {sale.returncode}: {err.read_text()[-500:]}")
        if mode in SELL_STOPS and sale.returncode != KILLED:
            self.errors.append(f"{sale.name}: not killed at {SELL_STOPS[mode]} (exit {sale.returncode})")
        db = read_only(self.terminal.data_dir / "boxoffice.sqlite3")
        try:
            found = db.execute("SELECT purchase_code FROM sales WHERE customer_name = ?", (sale.name,)).fetchall()
        finally:
            db.close()
        if len(found) > 1:
            self.problems.append(f"{sale.name}: {len(found)} sales")
        sale.present = found[0][0] if found else None
        self.problems += [f"after killing {sale.name} ({mode}): {p}"
                          for p in local_view(self.terminal.data_dir / "boxoffice.sqlite3").problems]
        return sale


# -- the sync runs ----------------------------------------------------------------------------------------------


def _kill_sync(step: SyncKill, run: Traced, proxy: GateProxy, rng: random.Random, err: Path) -> int:
    """Kill one ``boxoffice sync`` run where ``step`` says; returns its exit code."""
    try:
        if step.stop:
            return kill_when_stopped(run)
        if step.hold:
            proxy.wait_holding(run.process, step.phase)
        else:
            wait_for(lambda: b"delivering" in err.read_bytes(), run.process, step.phase)
            time.sleep(rng.uniform(0.0, 1.2))
        return run.kill()
    finally:
        run.kill()
        proxy.release()
        proxy.wait_quiet()  # a request the dead child left at the server is answered (committed) first


def _check_kill(step: SyncKill, before: tuple[set[str], int], database: Path, central_db: Path) -> set[str]:
    """What the place of the kill guarantees; returns the sales it left in doubt."""
    local, remote = local_view(database), central_view(central_db)
    assert not local.problems, local.problems
    in_doubt = local.pending & set(remote.orders)
    if step.central_unchanged:
        assert set(remote.orders) == before[0], f"{step.phase}: the central platform got a sale"
    if step.in_doubt:
        assert in_doubt, f"{step.phase}: nothing left in doubt"
    if step.delivered_more:
        assert local.outbox_states["delivered"] > before[1], f"{step.phase}: nothing recorded as delivered"
    return in_doubt


# -- the test ---------------------------------------------------------------------------------------------------


def test_sync_and_sell_killed_where_chosen_lose_and_duplicate_nothing(tmp_path: Path, central: CentralServer) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)
    assigned = _assign_all_free_general_seats(central)
    upstream = urlsplit(central.url)
    proxy = GateProxy((upstream.hostname or "127.0.0.1", upstream.port or 80))
    central_db = Path(central.db_url.removeprefix("sqlite:///"))
    window = cli = store = None
    try:
        terminal = make_terminal(tmp_path / "terminal", proxy.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        config_file = terminal.data_dir / "boxoffice.toml"
        config = load_config(config_file)
        database = terminal.data_dir / "boxoffice.sqlite3"
        logs = tmp_path / "runs"
        logs.mkdir()
        store = terminal.open_store()

        window = WindowClerk(terminal, store, central.event_id, SEED + 1)
        cli = CliClerk(terminal, central.event_id, logs, SEED + 2)
        window.start()
        cli.start()

        phases: Counter = Counter()
        ever_in_doubt: set[str] = set()
        steps = [step for _ in range(ROUNDS) for step in SCHEDULE] + [SCHEDULE[-1]] * (3 * ROUNDS if SOAK else 0)
        for cycle, step in enumerate(steps):
            for _ in range(100):  # something to send, whatever the clerks did
                if len(local_view(database).pending) >= MIN_PENDING:
                    break
                _sell_one(store, terminal, central.event_id, "General", 1)
            else:
                raise AssertionError("could not queue a sale to send (General sold out?)")
            save_config(dataclasses.replace(config, sync=dataclasses.replace(
                config.sync, batch_size=step.batch_size or rng.choice(RANDOM_BATCH_SIZES))), config_file)
            local = local_view(database)
            before = set(central_view(central_db).orders), local.outbox_states["delivered"]
            if step.hold:
                proxy.hold_next(step.hold, SYNC_PATH)
            err = logs / f"sync-{cycle}.err"
            run = start_traced([*BOXOFFICE, "sync"], terminal.env, logs / f"sync-{cycle}", stop=step.stop,
                               stdout=logs / f"sync-{cycle}.out", stderr=err)
            code = _kill_sync(step, run, proxy, rng, err)
            assert code == KILLED, f"sync run {cycle} ({step.phase}) died by itself: {err.read_text()}"
            phases[step.phase] += 1
            ever_in_doubt |= _check_kill(step, before, database, central_db)
        kill_phase_s = time.monotonic() - started

        cli.join(timeout=600)
        assert not cli.is_alive()
        window.stop.set()
        window.join(timeout=60)
        store.close()
        clerks_done_s = time.monotonic() - started
        assert not window.errors, window.errors[:5]
        assert not cli.errors, cli.errors[:5]
        assert not cli.problems, cli.problems[:5]

        # let it finish: default batch size, nothing held
        save_config(config, config_file)
        pending_before_finish = len(local_view(database).pending)
        for _ in range(5):
            finished = run_boxoffice(["sync", "--once", "--json"], env=terminal.env, timeout=300)
            assert finished.returncode in (0, 1), finished.stderr
            if json.loads(finished.stdout)["pending"] == 0:
                break
        status = json.loads(run_boxoffice(["status", "--json"], env=terminal.env).stdout)
        assert (status["pending"], status["parked"], status["conflicts"]) == (0, 0, 0), status
        verify = run_boxoffice(["journal", "verify"], env=terminal.env)
        assert verify.returncode == 0, verify.stdout + verify.stderr

        local = local_view(database)
        remote = central_view(central_db)
        assert not local.problems, local.problems[:5]

        # every confirmed sale is here: the window's, and every sell command that printed its JSON
        confirmed = {r.purchase_code: [t.ticket_id for t in r.tickets] for r in window.confirmed}
        for sale in cli.sales:
            if sale.printed is not None:
                assert sale.present == sale.printed["purchase_code"], sale
                confirmed[sale.present] = [t["ticket_id"] for t in sale.printed["tickets"]]
        assert {code: local.sales.get(code) for code in confirmed} == confirmed
        # a killed sell left a whole sale (checked after each kill) or nothing: nothing when it died before the
        # commit, the sale when it died after; a random kill agrees with how far its trace got
        for sale in cli.sales:
            committed = "sale.committed" in sale.trace
            if sale.mode == "kill-before-commit" or "sale.before_commit" not in sale.trace:
                assert sale.present is None and sale.printed is None, sale
            if sale.mode == "kill-after-commit" or committed:
                assert sale.present is not None, sale
            if sale.mode == "kill-after-commit":
                assert sale.printed is None, sale

        # the central platform has exactly the terminal's sales, once each, with the same tickets
        assert set(remote.orders) == set(local.sales)
        assert set(remote.orders.values()) == {1}, [c for c, n in remote.orders.items() if n > 1]
        assert remote.pos_transactions == remote.orders
        assert remote.sync_entries == remote.orders  # a replay answered from the first result, stored nothing
        assert remote.statuses == Counter({"completed": len(local.sales)})
        assert {c: sorted(t) for c, t in remote.tickets.items()} == {c: sorted(t) for c, t in local.sales.items()}
        # every ticket sold once, to the order of its sale, without conflicts
        assert set(remote.ticket_orders.values()) == {1}
        assert remote.sold_by == {t: remote.order_ids[c] for c, ts in remote.tickets.items() for t in ts}
        assert remote.ledger_sales == remote.ticket_orders  # the platform's ticket history: one sale each
        assert not remote.conflicts
        # nothing left to send
        assert not local.pending and set(local.outbox_states) == {"delivered"}

        summary = (f"{len(steps)} sync kills in {kill_phase_s:.0f} s: {dict(phases)}; {len(ever_in_doubt)} sales "
                   f"left in doubt (on the server, pending here); {local.replayed} deliveries answered as "
                   f"replays; proxy held {dict(proxy.held)}; {pending_before_finish} pending when the kills "
                   f"stopped; {len(local.sales)} sales ({len(window.confirmed)} by the window, "
                   f"{sum(s.printed is not None for s in cli.sales)} confirmed by sell commands, "
                   f"{sum(s.present is not None and s.printed is None for s in cli.sales)} committed by killed "
                   f"sell commands that never printed); sell commands: "
                   f"{dict(Counter((s.mode, s.present is not None) for s in cli.sales))}; "
                   f"{sum(len(t) for t in local.sales.values())} tickets ({assigned} extra seats assigned); "
                   f"clerks done at {clerks_done_s:.0f} s, total {time.monotonic() - started:.0f} s")
        print(summary)
        # what the construction guarantees, checked once more as a whole
        assert set(phases) == {step.phase for step in SCHEDULE}, summary
        assert proxy.held == Counter(request=ROUNDS, answer=ROUNDS), summary
        assert local.replayed, summary  # the sale left in doubt was re-sent in a bigger batch: a replay
        assert Counter(s.mode for s in cli.sales) == Counter(CliClerk.MODES * (CLI_SELLS // 4)), summary
    finally:
        if window is not None:
            window.stop.set()
            window.join(timeout=60)
        if cli is not None:
            cli.join(timeout=600)
        if store is not None:
            store.close()
        proxy.close()
