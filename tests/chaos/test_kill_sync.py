"""Chaos: ``boxoffice sync`` and ``boxoffice sell`` killed with SIGKILL at random moments while sales go on.

One terminal sells continuously (in-process ``sell`` calls, as the window does) while ``boxoffice sync`` runs
as a subprocess and is killed -9 again and again at random moments: while it starts, while a batch is at the
server, while the server's answer is on its way back (the server has committed, the terminal does not know:
a delaying proxy holds every answer for up to 0.3 s to make that window wide), and while it is idle. Meanwhile
``boxoffice sell`` subprocesses are run to completion or killed -9 mid-way, some with every SQL statement
slowed down so the kill lands inside the sale's transaction. Then ``boxoffice sync --once`` finishes the job.

What must hold: the central platform has exactly the terminal's sales (one order and one pos-transaction per
purchase code, the same tickets), every ticket is sold once, nothing is pending or parked, the journal
verifies; every sale a ``sell`` command confirmed by printing its JSON is there, and a killed ``sell`` leaves
a whole sale (with its outbox row and journal entry) or nothing.

``BOXOFFICE_SOAK=1`` kills 4x as often; ``BOXOFFICE_CHAOS_SEED`` changes the seed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import signal
import subprocess
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

from boxoffice.config import load_config, save_config
from boxoffice.core.errors import SeatNotAvailable
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.catalog import lines_for
from boxoffice.services.sales import SaleRequest, SaleResult, sell
from tests.chaos.helpers_kill import DelayProxy, central_view, local_view, read_only
from tests.helpers.central_server import CentralServer, central_server, seeded_template
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import TestTerminal, make_terminal

NORTE = "office_taquilla_norte"
SOAK = os.environ.get("BOXOFFICE_SOAK") == "1"
SEED = int(os.environ.get("BOXOFFICE_CHAOS_SEED", "20260718"))
SYNC_KILLS = 144 if SOAK else 36
CLI_SELLS = 48 if SOAK else 16
#: The window's pace and its cap keep the test within the ~1,140 seats it has, however slow the machine.
WINDOW_PAUSE = (0.2, 1.6) if SOAK else (0.05, 0.4)
WINDOW_MAX_SALES = 600
#: Small batches: many requests and local commits per run of the worker, so kills hit them. The size changes
#: between runs (as an administrator may change it), so a sale left in doubt is re-sent in a different batch
#: and the per-sale idempotency key has to do the work, not only the request-level key.
BATCH_SIZES = (1, 2, 3, 5)
SLOW_SELL = Path(__file__).with_name("slow_boxoffice.py")
STATEMENT_DELAY = 0.02
READY_TIMEOUT = 60.0


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


# -- the two clerks ---------------------------------------------------------------------------------------------


class WindowClerk(threading.Thread):
    """Sells in-process, like the window, until told to stop; keeps every confirmed sale."""

    def __init__(self, terminal: TestTerminal, event_id: str, seed: int) -> None:
        super().__init__(name="window-clerk", daemon=True)
        self.terminal, self.event_id = terminal, event_id
        self.rng = random.Random(seed)
        self.stop = threading.Event()
        self.confirmed: list[SaleResult] = []
        self.errors: list[str] = []

    def run(self) -> None:
        store = self.terminal.open_store()
        try:
            while not self.stop.wait(self.rng.uniform(*WINDOW_PAUSE)) and len(self.confirmed) < WINDOW_MAX_SALES:
                zone = self.rng.choice(["General"] * 8 + ["Preferente", "VIP"])
                quantity = self.rng.choice([1, 1, 1, 2])
                try:
                    lines = lines_for(store.session_factory, self.event_id, zone=zone, quantity=quantity)
                    self.confirmed.append(sell(store.session_factory, self.terminal.terminal, SaleRequest(
                        event_id=self.event_id, lines=lines,
                        payments=(PaymentRequest("cash", tendered_cents=20_000),))))
                except SeatNotAvailable:
                    continue  # that zone is sold out
                except Exception as exc:  # reported by the test, never swallowed
                    self.errors.append(repr(exc))
        finally:
            store.close()


@dataclass
class CliSale:
    name: str  # the customer name: finds the sale in the database whatever happened to the process
    mode: str  # "complete" | "kill" (plain command) | "kill-slow" | "kill-slow-in-sale" (statements slowed)
    printed: dict | None = None
    trace: str = ""
    present: str | None = None  # purchase code of the sale found locally, if any
    returncode: int | None = None

    @property
    def phase(self) -> str:
        """Where a traced process was when it died. The sale's transaction is the one that writes (``w``); the
        read-only ones before it (revision check, catalog) end in a rollback (``R``)."""
        if self.mode in ("complete", "kill"):
            return "untraced"
        if "D" in self.trace:
            return "after the sale's commit"
        current = self.trace.rsplit("B", 1)[-1] if "B" in self.trace else ""
        if "w" in current and "R" not in current:
            return "at the sale's COMMIT" if "C" in current else "inside the sale's transaction"
        return "before the sale's writes"


class CliClerk(threading.Thread):
    """Runs ``boxoffice sell`` subprocesses: some to the end, most killed -9 at a random moment."""

    MODES = ("complete", "kill", "kill-slow", "kill-slow-in-sale")

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
        trace, out, err = (self.workdir / f"{sale.name}.{suffix}" for suffix in ("trace", "out", "err"))
        env = {**self.terminal.env, "BOXOFFICE_TRACE": str(trace), "BOXOFFICE_STATEMENT_DELAY": str(STATEMENT_DELAY)}
        command = [sys.executable, *(["-m", "boxoffice"] if mode in ("complete", "kill") else [str(SLOW_SELL)]), *args]
        with out.open("wb") as stdout, err.open("wb") as stderr:
            process = subprocess.Popen(command, env=env, stdout=stdout, stderr=stderr)
        try:
            if mode == "complete":
                process.wait(timeout=120)
            elif mode == "kill":  # the plain command: mostly lands in start-up, sometimes in the sale
                time.sleep(self.rng.uniform(0.2, 2.0))
                process.send_signal(signal.SIGKILL)
            elif mode == "kill-slow":
                _wait_for(lambda: b"ready" in err.read_bytes(), process, "slow sell start")
                time.sleep(self.rng.uniform(0.0, 1.5))
                process.send_signal(signal.SIGKILL)
            else:  # kill-slow-in-sale: wait for the sale's first write, then kill within its transaction time
                _wait_for(lambda: trace.exists() and "w" in trace.read_text(), process, "the sale's first write")
                time.sleep(self.rng.uniform(0.0, 0.2))
                process.send_signal(signal.SIGKILL)
            process.wait(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        sale.returncode = process.returncode
        sale.trace = trace.read_text() if trace.exists() else ""
        text = out.read_text()
        if text.strip():
            sale.printed = json.loads(text)  # printed means confirmed to the clerk: whole JSON or nothing
        if mode == "complete" and process.returncode != 0:
            self.errors.append(f"{sale.name}: exit {process.returncode}: {err.read_text()[-500:]}")
        db = read_only(self.terminal.data_dir / "boxoffice.sqlite3")
        try:
            found = db.execute("SELECT purchase_code FROM sales WHERE customer_name = ?", (sale.name,)).fetchall()
        finally:
            db.close()
        if len(found) > 1:
            self.problems.append(f"{sale.name}: {len(found)} sales")
        sale.present = found[0][0] if found else None
        self.problems += [f"after killing {sale.name} ({sale.phase}): {p}"
                          for p in local_view(self.terminal.data_dir / "boxoffice.sqlite3").problems]
        return sale


def _wait_for(condition, process: subprocess.Popen, what: str, timeout: float = READY_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"{what}: the process exited early with {process.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not reached in {timeout} s")
        time.sleep(0.005)


# -- the test ---------------------------------------------------------------------------------------------------


def test_sync_and_sell_killed_at_random_lose_and_duplicate_nothing(tmp_path: Path, central: CentralServer) -> None:
    started = time.monotonic()
    rng = random.Random(SEED)
    assigned = _assign_all_free_general_seats(central)
    upstream = urlsplit(central.url)
    proxy = DelayProxy((upstream.hostname or "127.0.0.1", upstream.port or 80), seed=SEED)
    window = cli = None
    try:
        terminal = make_terminal(tmp_path / "terminal", proxy.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        config_file = terminal.data_dir / "boxoffice.toml"
        config = load_config(config_file)
        database = terminal.data_dir / "boxoffice.sqlite3"
        logs = tmp_path / "runs"
        logs.mkdir()

        window = WindowClerk(terminal, central.event_id, SEED + 1)
        cli = CliClerk(terminal, central.event_id, logs, SEED + 2)
        window.start()
        cli.start()

        phases: Counter = Counter()
        kills_in_doubt, ever_in_doubt = 0, set()
        for cycle in range(SYNC_KILLS):
            save_config(dataclasses.replace(config, sync=dataclasses.replace(
                config.sync, batch_size=rng.choice(BATCH_SIZES))), config_file)
            err = logs / f"sync-{cycle}.err"
            with (logs / f"sync-{cycle}.out").open("wb") as stdout, err.open("wb") as stderr:
                process = subprocess.Popen([sys.executable, "-m", "boxoffice", "sync"], env=terminal.env,
                                           stdout=stdout, stderr=stderr)
            try:
                if rng.random() < 0.2:  # before or during start-up
                    time.sleep(rng.uniform(0.05, 1.5))
                    ready = b"delivering" in err.read_bytes()
                else:  # while it delivers (a backlog builds up while it is down) or idles
                    _wait_for(lambda err=err: b"delivering" in err.read_bytes(), process, f"sync run {cycle}")
                    time.sleep(rng.uniform(0.0, 1.2))
                    ready = True
                phase = proxy.phase() if ready else "starting (no request yet)"
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=60)
            finally:
                if process.poll() is None:
                    process.kill()
                    process.wait()
            assert process.returncode == -signal.SIGKILL, f"sync run {cycle} died by itself: {err.read_text()}"
            phases[phase] += 1
            local = local_view(database)
            assert not local.problems, local.problems
            in_doubt = local.pending & set(central_view(Path(central.db_url.removeprefix("sqlite:///"))).orders)
            kills_in_doubt += bool(in_doubt - ever_in_doubt)
            ever_in_doubt |= in_doubt
        kill_phase_s = time.monotonic() - started

        cli.join(timeout=600)
        assert not cli.is_alive()
        window.stop.set()
        window.join(timeout=60)
        clerks_done_s = time.monotonic() - started
        assert not window.errors, window.errors[:5]
        assert not cli.errors, cli.errors[:5]
        assert not cli.problems, cli.problems[:5]

        # let it finish: default batch size, answers no longer held
        save_config(config, config_file)
        proxy.min_delay = proxy.max_delay = 0.0
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
        remote = central_view(Path(central.db_url.removeprefix("sqlite:///")))
        assert not local.problems, local.problems[:5]

        # every confirmed sale is here: the window's, and every sell command that printed its JSON
        confirmed = {r.purchase_code: [t.ticket_id for t in r.tickets] for r in window.confirmed}
        for sale in cli.sales:
            if sale.printed is not None:
                assert sale.present == sale.printed["purchase_code"], sale
                confirmed[sale.present] = [t["ticket_id"] for t in sale.printed["tickets"]]
        assert {code: local.sales.get(code) for code in confirmed} == confirmed
        # a killed sell left a whole sale or nothing, and never a sale before its COMMIT was issued
        for sale in cli.sales:
            if sale.phase in ("before the sale's writes", "inside the sale's transaction"):
                assert sale.present is None, sale
            if sale.phase == "after the sale's commit":
                assert sale.present is not None, sale

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

        # the kills landed where they matter
        summary = (f"{SYNC_KILLS} sync kills in {kill_phase_s:.0f} s: {dict(phases)}; {kills_in_doubt} kills left "
                   f"{len(ever_in_doubt)} sales in doubt (on the server, pending here); {local.replayed} deliveries "
                   f"answered as replays; {pending_before_finish} pending when the kills stopped; "
                   f"{len(local.sales)} sales ({len(window.confirmed)} by the window, "
                   f"{sum(s.printed is not None for s in cli.sales)} confirmed by sell commands, "
                   f"{sum(s.present is not None and s.printed is None for s in cli.sales)} committed by killed "
                   f"sell commands that never printed); sell commands: "
                   f"{dict(Counter((s.mode, s.phase, s.present is not None) for s in cli.sales))}; "
                   f"{sum(len(t) for t in local.sales.values())} tickets ({assigned} extra seats assigned); "
                   f"clerks done at {clerks_done_s:.0f} s, total {time.monotonic() - started:.0f} s")
        print(summary)
        assert SYNC_KILLS >= 30
        assert phases["starting (no request yet)"] and phases["request at the server"], summary
        assert phases["answer held (server committed)"] and kills_in_doubt, summary
        assert local.replayed, summary  # some sale in doubt was re-sent in another batch and answered as a replay
        assert sum(s.mode.startswith("kill") for s in cli.sales) >= CLI_SELLS // 2, summary
        assert any(s.phase == "inside the sale's transaction" for s in cli.sales), summary
    finally:
        if window is not None:
            window.stop.set()
            window.join(timeout=60)
        if cli is not None:
            cli.join(timeout=600)
        proxy.close()
