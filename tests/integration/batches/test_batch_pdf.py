"""A batch rendered to one PDF over real HTTP: 202 + download URL -> 409 -> the PDF streamed; its QR and
Code128 decode (zbar) back to the batch's barcodes; a failed rendering is a 410; memory stays flat."""

from __future__ import annotations

import contextlib
import re
import resource
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pyzbar.pyzbar import decode

from boxoffice.central import batch_jobs, batch_pdf
from tests.integration.batches.conftest import batches_path, closed, follow, make_ticket_type, until_status
from tests.integration.central_events.conftest import EventsApi, refused

AMOUNT = 1_000
"""The suite's size (seconds); scripts/bench_batches.py renders the 10,000 of the issue's target."""


def decoded_page(pdf: Path, page: int, tmp: Path) -> set[tuple[str, str]]:
    """``{(symbology, text)}`` zbar reads on one page rendered at 150 dpi."""
    stem = tmp / f"page{page}"
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "150", "-png", "-singlefile", str(pdf),
                    str(stem)], check=True)
    with Image.open(f"{stem}.png") as image:
        return {(symbol.type, symbol.data.decode("ascii")) for symbol in decode(image)}


def created(api: EventsApi, name: str, amount: int) -> dict[str, object]:
    item = make_ticket_type(api, name, capacity=amount + 10)
    check = api.ok(api.post(batches_path(), {"item": item, "amount": amount, "comment": "colegio"}), 202)["check"]
    done = follow(api, check)
    assert done.status_code == 200, done.text
    return dict(done.json())


@pytest.fixture(scope="module")
def batch(api: EventsApi) -> dict[str, object]:
    return created(api, "Preimpresa", AMOUNT)


def rendered(api: EventsApi, batch: dict[str, object], tmp_path: Path, hold_running: bool = False) -> float:
    """Render ``batch`` over HTTP, download it and check its pages and codes; returns the growth of this
    process's peak RSS (MB) while the server's job thread rendered it."""
    amount = int(batch["amount"])  # type: ignore[call-overload]
    render = f"{batches_path()}{batch['id']}/render/"
    with closed(batch_jobs.GATES.work) if hold_running else contextlib.nullcontext():
        download = api.ok(api.post(render), 202)["download"]
        if hold_running:
            until_status(api, download, "running")
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert follow(api, download).status_code == 200
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    pdf = tmp_path / "batch.pdf"
    with api.http.stream("GET", download, headers=api._headers("admin")) as response:
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        with pdf.open("wb") as out:
            for piece in response.iter_bytes():
                out.write(piece)
        assert int(response.headers["content-length"]) == pdf.stat().st_size
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert re.search(rf"^Pages:\s+{amount}$", info, re.MULTILINE), info
    orders = list(batch["orders"])  # type: ignore[call-overload]
    for page in (1, amount // 2, amount):
        payload = api.ok(api.get(f"/events/tickets/{orders[page - 1]}"))["qrPayload"]
        assert decoded_page(pdf, page, tmp_path) == {("QRCODE", payload), ("CODE128", payload)}
    return grown_mb


def test_render_streams_a_pdf_whose_codes_decode(api: EventsApi, batch: dict[str, object],
                                                 tmp_path: Path) -> None:
    grown_mb = rendered(api, batch, tmp_path, hold_running=True)
    assert grown_mb < 60, f"rendering {AMOUNT} tickets grew the process by {grown_mb:.0f} MB"


def test_ten_thousand_tickets_created_and_rendered_in_bounded_memory(api: EventsApi, tmp_path: Path) -> None:
    grown_mb = rendered(api, created(api, "Diez mil", 10_000), tmp_path)
    assert grown_mb < 300, f"rendering 10,000 tickets grew the process by {grown_mb:.0f} MB"


def test_failed_render_is_410_and_unknown_download_404(api: EventsApi, batch: dict[str, object],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_face: batch_pdf.TicketFace) -> bytes:
        raise RuntimeError("no ink")

    monkeypatch.setattr(batch_pdf, "page_content", broken)  # the server's job thread runs in this process
    download = api.ok(api.post(f"{batches_path()}{batch['id']}/render"), 202)["download"]
    gone = follow(api, download)
    assert gone.status_code == 410 and gone.json()["status"] == "failed" and "RuntimeError" in gone.json()["message"]
    refused(api.get(download.replace(download.split("/")[-2], "00000000-0000-0000-0000-000000000000")), 404)
    refused(api.post(f"{batches_path()}999999/render/"), 404)
