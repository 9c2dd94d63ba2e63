"""Offline sales batch benchmark (issue #17): a 10,000-ticket batch created and rendered to one PDF.

Seeds a fresh SQLite central (``boxoffice-central seed-demo``), starts ``boxoffice-central serve`` as its own
process, creates a general-admission ticket type, then over HTTP: creates a batch of ``--amount`` tickets
(202 + check URL followed to its 200), renders it (202 + download URL followed to its 200), streams the PDF to
disk. Times each step and reads the server's peak RSS (``VmHWM``) after creating and after rendering: the
rendering is that server's only work in between, so the second figure bounds the rendering's peak. Then zbar
decodes the QR and Code128 of the first, middle and last pages back to the batch's barcodes. Prints the figures
(``--json`` for JSON). The issue's target: peak RSS of the rendering process at most 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.integration.batches.test_batch_pdf import decoded_page  # noqa: E402

PYTHON = sys.executable


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _follow(http: httpx.Client, url: str) -> httpx.Response:
    while (response := http.get(url)).status_code == 409:
        time.sleep(0.2)
    response.raise_for_status()
    return response


def run(amount: int, folder: Path) -> dict[str, Any]:
    db = f"sqlite:///{folder / 'central.sqlite3'}"
    seeded = subprocess.run([PYTHON, "-m", "boxoffice.central", "seed-demo", "--db", db, "--json"], check=True,
                            capture_output=True, text=True, cwd=ROOT)
    seed = json.loads(seeded.stdout)
    port = _free_port()
    server = subprocess.Popen([PYTHON, "-m", "boxoffice.central", "serve", "--db", db, "--port", str(port),
                               "--log-level", "warning"], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    base = f"http://127.0.0.1:{port}"
    http = httpx.Client(base_url=base, timeout=120, headers={"Authorization": f"Token {seed['admin_token']}"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                http.get("/health").raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        event = seed["event_id"]
        item = http.post("/data/event_ticket_type/create", json={"data": {
            "event": event, "name": "Bench", "price": 10, "currency": "EUR"}},
            headers={"Authorization": f"Bearer {seed['admin_token']}"}).json()["id"]
        path = f"/api/v1/organizers/demo/events/{event}/offlinesalesbatches/"
        started = time.perf_counter()
        check = http.post(path, json={"item": item, "amount": amount, "comment": "bench"}).json()["check"]
        batch = _follow(http, check).json()
        created_s = time.perf_counter() - started
        peak_created = _peak_mb(server.pid)
        started = time.perf_counter()
        download = http.post(f"{path}{batch['id']}/render/").json()["download"]
        _follow(http, download)
        rendered_s = time.perf_counter() - started
        peak_rendered = _peak_mb(server.pid)
        pdf = folder / "batch.pdf"
        started = time.perf_counter()
        with http.stream("GET", download) as response, pdf.open("wb") as out:
            for piece in response.iter_bytes():
                out.write(piece)
        downloaded_s = time.perf_counter() - started
        decoded = {}
        for page in (1, amount // 2, amount):
            payload = http.get(f"/events/tickets/{batch['orders'][page - 1]}",
                               headers={"Authorization": f"Bearer {seed['admin_token']}"}).json()["qrPayload"]
            decoded[page] = decoded_page(pdf, page, folder) == {("QRCODE", payload), ("CODE128", payload)}
    finally:
        http.close()
        server.terminate()
        server.wait(timeout=30)
    return {"amount": amount, "create_s": round(created_s, 2), "render_s": round(rendered_s, 2),
            "download_s": round(downloaded_s, 2), "pdf_mb": round(pdf.stat().st_size / 2**20, 1),
            "server_peak_rss_mb_after_create": round(peak_created, 1),
            "server_peak_rss_mb_after_render": round(peak_rendered, 1), "pages_decoded": decoded}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--amount", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-batches-") as tmp:
        result = run(args.amount, Path(tmp))
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key}: {value}")
    return 0 if all(result["pages_decoded"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
