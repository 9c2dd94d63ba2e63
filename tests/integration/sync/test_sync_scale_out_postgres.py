"""Scale-out (#15 point 2): ``boxoffice-central serve --workers 4`` on one PostgreSQL keeps exactly-once.

20 terminals of 10 offices (two per office, each its own store file and terminal id, both holding the office's
whole inventory) sell offline, overlapping seats between the two terminals of an office. Then every terminal
delivers at once (a delivery worker per terminal, each in its own thread with its own store connection and HTTP
client, over real HTTP) against four uvicorn worker processes, one terminal of each office by two workers at the
same time (the same batches sent twice, racing on different server processes), and one terminal's sales are sent
once more afterwards under a new request key. Threads, not ``boxoffice sync`` processes: thirty interpreters
starting on two shared cores cost minutes, and the server side, which is what is tested, is separate processes.
The database decides: every sale is on the central exactly once and no seat is held by two clean orders.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from boxoffice import credentials
from boxoffice.central.db import Database
from boxoffice.central.models import Order, OrderTicket, SyncEntry
from boxoffice.central.seed import seed_venue
from boxoffice.config import CentralConfig, Config, SyncConfig, TerminalConfig, save_config
from boxoffice.core.payments import PaymentRequest
from boxoffice.inventory_pull import pull
from boxoffice.services import delivery
from boxoffice.services.catalog import lines_for
from boxoffice.services.context import Terminal
from boxoffice.services.sales import SaleRequest, sell
from boxoffice.store.engine import open_store
from boxoffice.store.models import Outbox, Sale, Ticket
from boxoffice.sync.wire import ticket_sold_entry
from boxoffice.sync.worker import DeliveryWorker, RoundResult
from tests.helpers.postgres import PostgresServer
from tests.helpers.shifts import open_test_shift
from tests.helpers.terminal import TestTerminal

pytestmark = pytest.mark.postgres

OFFICES = 10
WORKERS = 4
SALES_PER_TERMINAL = 6
OVERLAP = 3  # seats both terminals of an office sell (3..5)
BATCH = 2  # small batches: several requests per terminal, interleaved across the workers


@dataclass(frozen=True)
class Seen:
    """One terminal's store after delivery (read once: opening a store is not free)."""

    sales: dict[str, str]  # purchase code -> delivery state
    outbox_states: set[str]
    sent: list[tuple[str, dict]]  # (idempotency key, payload) of its sale rows, in order
    order_ids: dict[str, str]  # idempotency key -> the order id the platform answered


#: (database URL, base URL, office -> (event id, office token), server pid)
Served = tuple[str, str, dict[str, tuple[str, str]], int]


@dataclass
class Scaled:
    db_url: str
    url: str
    terminals: list[TestTerminal]
    events: dict[str, str]  # office -> event
    runs: list[RoundResult]
    seconds: float
    seen: dict[str, Seen]  # terminal id -> its store after delivery


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def server(postgres: PostgresServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The seeded database and a 4-worker central on it: (db url, base url, office -> (event, token), pid)."""
    db_url = postgres.new_database()
    db = Database(db_url)
    try:
        db.create_schema()
        offices = {}
        for i in range(OFFICES):
            office = f"office_scale_{i:02d}"
            seed = seed_venue(db, 2 * SALES_PER_TERMINAL + i, office_id=office, office_name=f"Taquilla {i}")
            offices[office] = (seed.event_id, seed.office_token)
    finally:
        db.dispose()
    port = _free_port()
    log_path = tmp_path_factory.mktemp("central-log") / "serve.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen([sys.executable, "-m", "boxoffice.central", "serve", "--db", db_url, "--port",
                                 str(port), "--workers", str(WORKERS), "--log-level", "warning"],
                                stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(proc, url, log_path)
        yield db_url, url, offices, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _wait_healthy(proc: subprocess.Popen[str], url: str, log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the central exited: {log_path.read_text()}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the 4-worker central did not start in 60 s")


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _empty_store(root: Path) -> Path:
    """An empty, migrated store file to copy: migrating twenty new stores one by one costs seconds each here."""
    path = root / "template" / "boxoffice.sqlite3"
    path.parent.mkdir(parents=True)
    open_store(path, backups_dir=path.parent / "backups").close()
    return path


def _terminal(root: Path, url: str, office: str, token: str, number: int, template: Path) -> TestTerminal:
    data_dir = root / f"{office}-{number}"
    data_dir.mkdir(parents=True)
    shutil.copyfile(template, data_dir / "boxoffice.sqlite3")
    terminal_id = f"scale-{office}-{number}"
    config = Config(central=CentralConfig(url=url, office_id=office, office_name=office),
                    terminal=TerminalConfig(id=terminal_id), sync=SyncConfig(batch_size=BATCH))
    save_config(config, data_dir / "boxoffice.toml")
    credentials.store_token(office, token)
    env = {**os.environ, "BOXOFFICE_DATA_DIR": str(data_dir)}
    env.pop("BOXOFFICE_CONFIG", None)
    return TestTerminal(data_dir, url, office, token, env, Terminal(office, office, terminal_id))


def _sell_offline(terminal: TestTerminal, event_id: str, seats: range) -> None:
    """Pull the office's inventory, then sell one seat per sale, all before any delivery."""
    store = terminal.open_store()
    client = terminal.client()
    try:
        pull(client, store.session_factory, [event_id])
        open_test_shift(store.session_factory)
        with store.session_factory() as session:
            ids = list(session.scalars(select(Ticket.id).where(Ticket.event_id == event_id).order_by(Ticket.id)))
        for n in seats:
            lines = lines_for(store.session_factory, event_id, seats=[ids[n]])
            sell(store.session_factory, terminal.terminal,
                 SaleRequest(event_id, lines, (PaymentRequest("cash", tendered_cents=1_000_000),),
                             customer_id="C-1", customer_name="Público"))
    finally:
        client.close()
        store.close()


@pytest.fixture(scope="module")
def scaled(server: Served,
           tmp_path_factory: pytest.TempPathFactory) -> Scaled:
    db_url, url, offices, _pid = server
    root = tmp_path_factory.mktemp("scale-out")
    terminals: list[TestTerminal] = []
    template = _empty_store(root)
    for office, (event_id, token) in offices.items():
        for number in (0, 1):
            terminal = _terminal(root, url, office, token, number, template)
            start = number * OVERLAP
            _sell_offline(terminal, event_id, range(start, start + SALES_PER_TERMINAL))
            terminals.append(terminal)
    sold = time.monotonic()
    # every terminal at once; the first terminal of each office twice, racing itself
    runs = [*terminals, *terminals[::2]]
    with ThreadPoolExecutor(len(runs)) as pool:
        done = list(pool.map(_deliver, runs))
    seconds = time.monotonic() - sold
    seen = {t.terminal.terminal_id: _seen(t) for t in terminals}
    return Scaled(db_url, url, terminals, {o: e for o, (e, _) in offices.items()}, done, seconds, seen)


def _seen(terminal: TestTerminal) -> Seen:
    store = terminal.open_store()
    try:
        with store.session_factory() as session:
            sales = dict(session.execute(select(Sale.purchase_code, Sale.delivery_state)).all())
            rows = list(session.scalars(select(Outbox).order_by(Outbox.id)))
            sent = [(r.idempotency_key, r.payload) for r in rows if r.kind == "sale"]
            answered = {r.idempotency_key: (r.response or {}).get("order_id") for r in rows if r.kind == "sale"}
            return Seen(sales, {r.state for r in rows}, sent, answered)
    finally:
        store.close()


def _deliver(terminal: TestTerminal) -> RoundResult:
    """What ``boxoffice sync --once`` does for this terminal: drain its outbox, then stop."""
    store = terminal.open_store()
    worker = DeliveryWorker(store.session_factory, terminal.client, batch_size=BATCH,
                            read_session_factory=store.read_session_factory,
                            terminal_id=terminal.terminal.terminal_id, book=delivery)
    worker.fetch_conflicts = False
    try:
        return worker.drain()
    finally:
        worker.stop()
        store.close()


def test_the_central_runs_four_worker_processes(server: Served) -> None:
    assert len(_children(server[3])) >= WORKERS


def test_every_delivery_process_finished_with_everything_delivered(scaled: Scaled) -> None:
    print(f"\n{len(scaled.runs)} delivery workers of {len(scaled.terminals)} terminals against {WORKERS} "
          f"server workers: {scaled.seconds:.1f} s")
    assert [r.error for r in scaled.runs if r.failed] == []
    assert sum(r.delivered for r in scaled.runs) >= 2 * OFFICES * SALES_PER_TERMINAL
    for terminal_id, seen in scaled.seen.items():
        assert len(seen.sales) == SALES_PER_TERMINAL
        assert set(seen.sales.values()) <= {"delivered", "conflict"}, terminal_id
        assert seen.outbox_states == {"delivered"}, terminal_id


def test_every_sale_is_on_the_central_exactly_once(scaled: Scaled) -> None:
    codes = {(t.office_id, code) for t in scaled.terminals for code in scaled.seen[t.terminal.terminal_id].sales}
    assert len(codes) == 2 * OFFICES * SALES_PER_TERMINAL
    db = Database(scaled.db_url)
    try:
        with db.read() as session:
            orders = session.execute(select(Order.office_id, Order.purchase_code)).all()
            entries = session.execute(select(SyncEntry.office_id, SyncEntry.idempotency_key)
                                      .where(SyncEntry.status == "completed")).all()
    finally:
        db.dispose()
    assert sorted(orders) == sorted(codes)  # none missing, none twice
    assert len(entries) == len(set(entries)) == len(codes)


def test_no_seat_is_sold_twice_and_each_terminal_hears_of_its_conflicts(scaled: Scaled) -> None:
    db = Database(scaled.db_url)
    try:
        with db.read() as session:
            clean = session.execute(select(OrderTicket.ticket_id, func.count()).join(Order)
                                    .where(OrderTicket.conflict.is_(None), Order.date_cancelled.is_(None))
                                    .group_by(OrderTicket.ticket_id)).all()
            conflicted = set(session.scalars(select(Order.purchase_code).join(OrderTicket)
                                             .where(OrderTicket.conflict.is_not(None))))
    finally:
        db.dispose()
    assert [ticket for ticket, n in clean if n > 1] == []
    distinct_seats = OFFICES * (SALES_PER_TERMINAL + OVERLAP)
    assert len(clean) == distinct_seats  # each seat sold by exactly one clean order
    said = {code for seen in scaled.seen.values() for code, state in seen.sales.items() if state == "conflict"}
    assert said == conflicted
    assert len(said) == 2 * OFFICES * SALES_PER_TERMINAL - distinct_seats  # the overlapping second sales


def test_a_batch_sent_again_under_a_new_request_key_replays_and_stores_nothing(scaled: Scaled) -> None:
    terminal = scaled.terminals[1]
    seen = scaled.seen[terminal.terminal.terminal_id]
    entries = [ticket_sold_entry(payload, key) for key, payload in seen.sent]
    client = terminal.client()
    try:
        again = client.synchronize(entries, uuid.uuid4().hex)
    finally:
        client.close()
    assert all(result.replayed for result in again)
    assert [r.order_id for r in again] == [seen.order_ids[key] for key, _ in seen.sent]
    test_every_sale_is_on_the_central_exactly_once(scaled)
