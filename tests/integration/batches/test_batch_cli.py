"""``boxoffice batch create|status|pdf|list`` from a paired terminal (office token) against a real central."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boxoffice.cli import main
from boxoffice.sync import batches_client
from tests.helpers.central_server import CentralServer
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.batches.conftest import make_ticket_type
from tests.integration.central_events.conftest import EventsApi

OFFICE = "office_taquilla_norte"


@pytest.fixture
def terminal(central: CentralServer, tmp_path: Path) -> TestTerminal:
    """Per test: the keyring holding its token is per test (tests/conftest.py)."""
    return make_terminal(tmp_path / "terminal", central.url, OFFICE, central.office_tokens[OFFICE],
                         pull_now=False)


@pytest.fixture(autouse=True)
def quick_polls(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(batches_client, "POLL_S", 0.02)


def batch(terminal: TestTerminal, capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(["batch", *argv, "--data-dir", str(terminal.data_dir)])
    except SystemExit as exc:  # argparse refusing an argument
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_create_status_pdf_and_list(api: EventsApi, terminal: TestTerminal, capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    item = make_ticket_type(api, "Colegio", capacity=20)
    code, out, err = batch(terminal, capsys, "create", "--event", "feria-2026", "--item", str(item), "--amount",
                           "3", "--comment", "Colegio San José", "--wait", "--json")
    assert code == 0, err
    created = json.loads(out)
    assert created["batch"]["amount"] == 3 and len(created["batch"]["orders"]) == 3
    code, out, _ = batch(terminal, capsys, "status", created["check"])
    assert code == 0 and out.startswith("done") and f"batch {created['batch']['id']}" in out
    pdf = tmp_path / "colegio.pdf"
    code, out, err = batch(terminal, capsys, "pdf", "--event", "feria-2026", "--id", str(created["batch"]["id"]),
                           "--out", str(pdf))
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.read_bytes().rstrip().endswith(b"%%EOF")
    code, out, _ = batch(terminal, capsys, "list", "--event", "feria-2026")
    assert code == 0 and f"{created['batch']['id']}: 3 x ticket type {item} Colegio San José" in out
    ticket = created["batch"]["orders"][0]
    sold = ("activate", ticket, "--amount", "12.00", "--method", "cash", "--holder", "Ana", "--json")
    code, out, err = batch(terminal, capsys, *sold)
    assert code == 0, err
    assert json.loads(out)["ticket"]["status"] == "valid" and json.loads(out)["ticket"]["price_cents"] == 1200
    code, out, err = batch(terminal, capsys, *sold)  # delivered again (a lost answer): the same, once
    assert code == 0 and json.loads(out)["ticket"]["status"] == "valid", err
    code, _, err = batch(terminal, capsys, "activate", ticket, "--amount", "12.00", "--method", "card")
    assert code == 1 and "already activated" in err
    code, _, err = batch(terminal, capsys, "activate", ticket, "--amount", "12.001", "--method", "card")
    assert code == 2 and "two decimals" in err


def test_refusals_say_why(api: EventsApi, terminal: TestTerminal, capsys: pytest.CaptureFixture[str]) -> None:
    item = make_ticket_type(api, "Agotada", capacity=1)
    code, _, err = batch(terminal, capsys, "create", "--event", "feria-2026", "--item", str(item), "--amount", "2",
                         "--wait")
    assert code == 1 and "quota no longer available" in err
    code, _, err = batch(terminal, capsys, "create", "--event", "feria-2026", "--item", str(item), "--amount",
                         "10001")
    assert code == 2 and "1 to 10000" in err
    code, _, err = batch(terminal, capsys, "create", "--event", "no-such", "--item", str(item), "--amount", "1")
    assert code == 1 and "unknown event 'no-such'" in err
    code, out, _ = batch(terminal, capsys, "create", "--event", "feria-2026", "--item", str(item), "--amount", "1")
    assert code == 0 and "boxoffice batch status http" in out
