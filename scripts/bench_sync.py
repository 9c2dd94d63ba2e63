"""Catch-up benchmark (issue #15): delivery, pull and assign at scale, through the real commands on 127.0.0.1.

Run it with ``.venv/bin/python scripts/bench_sync.py [--json FILE] [--postgres]``. On a reference central
(``boxoffice-central seed-venue`` + ``serve``; SQLite, and PostgreSQL with ``--postgres``) it measures:

* ``sync_sales_per_s``: ``--sales`` single-seat sales (default 10,000) made through ``services.sales.sell`` on a
  terminal paired by ``boxoffice pair``, then delivered by one ``boxoffice sync --once`` batched as configured:
  the median of ``--repeats`` runs (default 3), each of its own event and terminal (``sync_sales_per_s_runs``);
* ``sync_per_sale_sales_per_s``: the same with ``sync.batch_size = 1`` (``--per-sale-sales``, default 1,000, on
  a second office of the same central); ``sync_ratio`` is batched / one-per-sale;
* ``pull_100000_s``: ``boxoffice pull --event`` of 100,000 assigned tickets into a terminal that has none
  (paired with ``--no-pull``), wall time of the command;
* ``assign_100000_s``: ``boxoffice-central assign --tickets-from FILE`` of those 100,000 tickets once they are
  free again (the bench frees them directly in the central's database: set-up, not measured).

The figures are wall-clock seconds of whole commands (process start included). It prints a table against the
issue's targets and asserts nothing (tests never assert wall-clock speed).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_venue import (  # noqa: E402
    Central,
    _fmt,
    central_cmd,
    log,
    pair,
    seed,
    terminal_cmd,
    terminal_env,
)

BIG = 100_000
TARGETS = {"sync_sales_per_s": (">=", 3000.0), "sync_ratio": (">=", 20.0), "pull_100000_s": ("<=", 2.0),
           "assign_100000_s": ("<=", 2.0)}


def sell(data_dir: Path, event_id: str, sales: int) -> float:
    """``sales`` single-seat best-available cash sales through ``services.sales.sell`` as the paired terminal;
    returns the seconds they took (set-up, not a figure of this bench)."""
    from boxoffice.app import terminal_of
    from boxoffice.config import load_config
    from boxoffice.core.errors import SeatNotAvailable
    from boxoffice.core.payments import PaymentRequest
    from boxoffice.services.catalog import lines_for, zones
    from boxoffice.services.clerks import create_first_supervisor
    from boxoffice.services.sales import SaleRequest
    from boxoffice.services.sales import sell as sell_one
    from boxoffice.services.shifts import open_shift
    from boxoffice.store.engine import open_store

    @dataclasses.dataclass
    class _Context:  # what terminal_of reads
        config: Any

    terminal = terminal_of(_Context(load_config(data_dir / "boxoffice.toml")))
    store = open_store(data_dir / "boxoffice.sqlite3")
    started = time.perf_counter()
    try:
        supervisor = create_first_supervisor(store.session_factory, "Bench", "2468")
        open_shift(store.session_factory, supervisor.id, 0, actor=supervisor.name)
        names = [z.zone for z in zones(store.read_session_factory, event_id)]
        pay = (PaymentRequest("cash", tendered_cents=100_000),)
        for i in range(sales):
            for turn in range(len(names)):  # round the zones; one that is full (an event of more seats) is passed
                try:
                    lines = lines_for(store.session_factory, event_id, zone=names[(i + turn) % len(names)],
                                      quantity=1)
                    sell_one(store.session_factory, terminal, SaleRequest(event_id, lines, pay))
                    break
                except SeatNotAvailable:
                    if turn == len(names) - 1:
                        raise
    finally:
        store.close()
    return time.perf_counter() - started


def set_batch_size(data_dir: Path, batch_size: int) -> None:
    from boxoffice.config import load_config, save_config

    path = data_dir / "boxoffice.toml"
    config = load_config(path)
    save_config(dataclasses.replace(config, sync=dataclasses.replace(config.sync, batch_size=batch_size)), path)


def sync_once(data_dir: Path) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    done = subprocess.run(terminal_cmd("sync", "--once", "--json"), env=terminal_env(data_dir), capture_output=True,
                          text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"boxoffice sync --once exited with {done.returncode}: {done.stdout[-300:]} "
                           f"{done.stderr[-500:]}")
    return elapsed, json.loads(done.stdout)


def delivery(central: Central, db_url: str, work: Path, sales: int, batch_size: int | None,
             seats: int | None = None) -> float:
    """Sales per second of one ``boxoffice sync --once`` delivering ``sales`` queued sales (of an event of
    ``seats`` seats, ``sales`` by default: each size is its own event)."""
    seats = seats or sales
    info = seed(db_url, seats)
    data_dir = work / f"terminal-sync-{seats}"
    pair(central, info, data_dir)
    if batch_size is not None:
        set_batch_size(data_dir, batch_size)
    log(f"selling {sales} sales (set-up) ...")
    log(f"  sold in {sell(data_dir, info['event_id'], sales):.1f} s")
    elapsed, result = sync_once(data_dir)
    if result["delivered"] != sales or result["pending"]:
        raise RuntimeError(f"sync --once delivered {result['delivered']} of {sales}: {result}")
    rate = sales / elapsed
    log(f"sync --once (batch {batch_size or 'as configured'}): {sales} sales in {elapsed:.2f} s = {rate:,.0f}/s")
    return rate


def concurrent_delivery(db_url: str, work: Path, workers: int, terminals: int, sales_each: int) -> float:
    """Sales per second when ``terminals`` terminals (one office each) deliver their queued sales at once, each
    with one ``boxoffice sync --once``, to a central of ``workers`` uvicorn processes (PostgreSQL only)."""
    folder = work / f"workers-{workers}"
    dirs = []
    central = Central(db_url, folder, workers=workers)
    try:
        for n in range(terminals):
            # one event per terminal (seed-venue's event is fixed by its size): no two offices share seats
            info = seed(db_url, sales_each + n, office=f"office_w{workers}_t{n}")
            data_dir = folder / f"terminal-{n}"
            pair(central, info, data_dir)
            sell(data_dir, info["event_id"], sales_each)
            dirs.append(data_dir)
        started = time.perf_counter()
        runs = [subprocess.Popen(terminal_cmd("sync", "--once", "--json"), env=terminal_env(d),
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for d in dirs]
        outputs = [run.communicate() for run in runs]
        elapsed = time.perf_counter() - started
    finally:
        central.stop()
    for run, (out, err) in zip(runs, outputs, strict=True):
        if run.returncode != 0 or json.loads(out)["delivered"] != sales_each:
            raise RuntimeError(f"a terminal's sync --once did not deliver everything: {out[-300:]} {err[-300:]}")
    rate = terminals * sales_each / elapsed
    log(f"{terminals} terminals at once, {workers} central worker(s): {terminals * sales_each} sales in "
        f"{elapsed:.2f} s = {rate:,.0f}/s")
    return rate


def pull_big(central: Central, info: dict[str, Any], work: Path) -> float:
    data_dir = work / "terminal-pull"
    data_dir.mkdir(parents=True)
    env = terminal_env(data_dir)
    subprocess.run(terminal_cmd("pair", "--url", central.url, "--office", info["office_id"], "--name", "Pull",
                                "--terminal-id", "bench-pull", "--no-pull", "--token-stdin"),
                   input=info["token"] + "\n", text=True, env=env, check=True, capture_output=True)
    started = time.perf_counter()
    subprocess.run(terminal_cmd("pull", "--event", info["event_id"]), env=env, check=True, capture_output=True)
    elapsed = time.perf_counter() - started
    log(f"pull of {info['seats']:,} tickets into an empty terminal: {elapsed:.2f} s")
    return elapsed


def free_event(db_url: str, event_id: str) -> list[str]:
    """Set-up for the assign figure: the event's tickets are no office's any more (straight in the database)."""
    from sqlalchemy import delete, select, update

    from boxoffice.central.db import Database
    from boxoffice.central.models import Ticket, TicketOffline

    db = Database(db_url)
    try:
        def work(session: Any) -> list[str]:
            session.execute(delete(TicketOffline).where(TicketOffline.event_id == event_id))
            session.execute(update(Ticket).where(Ticket.event_id == event_id).values(status_offline=False))
            return list(session.scalars(select(Ticket.id).where(Ticket.event_id == event_id).order_by(Ticket.id)))
        return db.write(work)
    finally:
        db.dispose()


def assign_big(db_url: str, info: dict[str, Any], work: Path) -> float:
    ids = free_event(db_url, info["event_id"])
    ids_file = work / "assign-ids.txt"
    ids_file.write_text("\n".join(ids) + "\n", encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(central_cmd("assign", "--db", db_url, "--office", info["office_id"], "--event",
                                      info["event_id"], "--tickets-from", str(ids_file)),
                          capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"boxoffice-central assign exited with {done.returncode}: {done.stderr[-500:]}")
    log(f"boxoffice-central assign of {len(ids):,} tickets: {elapsed:.2f} s")
    return elapsed


def bench_database(db_url: str, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    work.mkdir(parents=True, exist_ok=True)
    big = seed(db_url, BIG) if not args.skip_big else None
    central = Central(db_url, work)
    figures: dict[str, Any] = {}
    try:
        # the batched figure is the median of a few runs, each of its own event and terminal: one run swings by
        # a quarter or more on a shared machine, which hid (or faked) a before/after difference of that size
        sizes = [args.sales + 2 * n for n in range(max(1, args.repeats))]
        runs = [delivery(central, db_url, work, args.sales, None, seats=size) for size in sizes]
        figures["sync_sales_per_s"] = statistics.median(runs)
        figures["sync_sales_per_s_runs"] = runs
        if len(runs) > 1:
            log(f"sync --once, {len(runs)} runs: median {statistics.median(runs):,.0f}/s "
                f"(from {min(runs):,.0f} to {max(runs):,.0f}/s)")
        per_sale = args.per_sale_sales
        while per_sale in sizes:
            per_sale += 1
        figures["sync_per_sale_sales_per_s"] = delivery(central, db_url, work, per_sale, 1)
        figures["sync_ratio"] = figures["sync_sales_per_s"] / figures["sync_per_sale_sales_per_s"]
        if big is not None:
            figures["pull_100000_s"] = pull_big(central, big, work)
    finally:
        central.stop()
    if big is not None:
        figures["assign_100000_s"] = assign_big(db_url, big, work)
    return figures


def table(results: dict[str, dict[str, Any]]) -> str:
    names = list(results)
    lines = [f"{'what':28}" + "".join(f"{name:>12}" for name in names) + "   target"]
    for key in ("sync_sales_per_s", "sync_per_sale_sales_per_s", "sync_ratio", "pull_100000_s", "assign_100000_s",
                "sync_1_workers_sales_per_s", "sync_4_workers_sales_per_s"):
        cells = "".join(f"{_fmt(results[name].get(key)):>12}" for name in names)
        goal = ""
        if key in TARGETS:  # the issue asks the same figures of each database
            op, limit = TARGETS[key]
            measured = {name: results[name].get(key) for name in names if results[name].get(key) is not None}
            missed = [name for name, value in measured.items()
                      if not (value >= limit if op == ">=" else value <= limit)]
            goal = f"{op} {limit:g}" + ("" if not measured else
                                        f" MISSED ({', '.join(missed)})" if missed else " ok")
        lines.append(f"{key:28}{cells}   {goal}")
    return "\n".join(lines)


def measure(work: Path, args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """Every figure, on SQLite and (``args.postgres``) on a private PostgreSQL server: ``{"sqlite": {...},
    "postgresql": {...}}``. ``scripts/bench`` calls this too, after the venue figures."""
    work.mkdir(parents=True, exist_ok=True)
    log(f"working in {work}")
    results = {"sqlite": bench_database(f"sqlite:///{(work / 'sqlite' / 'central.sqlite3').as_posix()}",
                                        work / "sqlite", args)}
    if args.postgres:
        with ExitStack() as stack:
            from tests.helpers.postgres import postgres_server

            server = stack.enter_context(postgres_server())
            results["postgresql"] = bench_database(server.new_database(), work / "postgresql", args)
            for workers in (1, 4):  # a fresh database each: the same start for both
                results["postgresql"][f"sync_{workers}_workers_sales_per_s"] = concurrent_delivery(
                    server.new_database(), work / "postgresql", workers, args.terminals, args.terminal_sales)
    return results


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sales", type=int, default=10_000, help="sales delivered batched (default 10000)")
    parser.add_argument("--repeats", type=int, default=3,
                        help="runs of the batched delivery, each of its own event; the figure is their median "
                             "(default 3)")
    parser.add_argument("--per-sale-sales", type=int, default=1_000,
                        help="sales delivered one request each (default 1000)")
    parser.add_argument("--terminals", type=int, default=4,
                        help="terminals delivering at once for the 1- and 4-worker figures (PostgreSQL; default 4)")
    parser.add_argument("--terminal-sales", type=int, default=1_000,
                        help="sales queued at each of those terminals (default 1000)")
    parser.add_argument("--skip-big", action="store_true", help="leave out the 100,000-ticket pull and assign")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="also write the figures as JSON here (the SQLite ones at the top level too)")
    parser.add_argument("--postgres", action="store_true", help="also on a private PostgreSQL server")
    add_arguments(parser)
    parser.add_argument("--work", type=Path, help="keep the centrals and terminals here (default: a temp folder)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="boxoffice-bench-sync-"))
    results = measure(work, args)
    print(table(results))
    if args.json:
        out: dict[str, Any] = {**results["sqlite"], **results}
        out["machine"] = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "sales": args.sales,
                          "per_sale_sales": args.per_sale_sales}
        args.json.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
