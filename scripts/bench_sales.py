"""Benchmark: how fast the window can confirm a sale, and how fast the queue drains to the platform.

Prints figures and writes JSON (``--out``); it asserts nothing. Run: ``.venv/bin/python scripts/bench_sales.py``.
Measures, on a real SQLite file with the production pragmas (WAL, synchronous=FULL):
* sale commit latency (cart -> sale, codes, journal, outbox in one transaction), p50/p95/p99/max;
* delivery throughput through the reference central server on 127.0.0.1 (sales per second, batch 100).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sales", type=int, default=300)
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="boxoffice-bench-"))
    os.environ["XDG_DATA_HOME"] = str(work / "keyring")

    from boxoffice.core.errors import SeatNotAvailable
    from boxoffice.core.payments import PaymentRequest
    from boxoffice.services import delivery
    from boxoffice.services.catalog import lines_for
    from boxoffice.services.sales import SaleRequest, sell
    from boxoffice.sync.worker import DeliveryWorker
    from tests.helpers.central_server import central_server
    from tests.helpers.terminal import make_terminal

    (work / "central").mkdir()
    with central_server(work / "central") as central:
        office = "office_taquilla_norte"
        terminal = make_terminal(work / "terminal", central.url, office, central.office_tokens[office],
                                 event_id=central.event_id)
        store = terminal.open_store()
        latencies = []
        zones = ["General", "Preferente", "VIP"]
        sold = 0
        for i in range(args.sales * 3):
            if sold >= args.sales or not zones:
                break
            zone = zones[i % len(zones)]
            lines = lines_for(store.session_factory, central.event_id, zone=zone, quantity=1)
            request = SaleRequest(central.event_id, lines, (PaymentRequest("cash", tendered_cents=100_000),))
            started = time.perf_counter()
            try:
                sell(store.session_factory, terminal.terminal, request)
            except SeatNotAvailable:  # that zone is sold out at this office
                zones.remove(zone)
                continue
            latencies.append((time.perf_counter() - started) * 1000)
            sold += 1
        worker = DeliveryWorker(store.session_factory, terminal.client, batch_size=100, book=delivery)
        started = time.perf_counter()
        result = worker.drain()
        drain_s = time.perf_counter() - started
        store.close()
    figures = {
        "sales": sold,
        "commit_ms": {"p50": statistics.median(latencies), "p95": percentile(latencies, 95),
                      "p99": percentile(latencies, 99), "max": max(latencies)},
        "delivery": {"delivered": result.delivered, "seconds": drain_s,
                     "sales_per_second": result.delivered / drain_s if drain_s else None},
    }
    print(f"sale commit: p50 {figures['commit_ms']['p50']:.2f} ms, p95 {figures['commit_ms']['p95']:.2f} ms, "
          f"p99 {figures['commit_ms']['p99']:.2f} ms, max {figures['commit_ms']['max']:.2f} ms over {sold} sales")
    print(f"delivery: {result.delivered} sales in {drain_s:.2f} s "
          f"({figures['delivery']['sales_per_second']:.0f} sales/s, batches of 100)")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
