"""The headless commands against the real reference server: JSON shapes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boxoffice import credentials
from tests.helpers.cli import run_boxoffice
from tests.helpers.keyring_entries import token_entries
from tests.helpers.supervisors import SUPERVISOR, SUPERVISOR_PIN, add_supervisors
from tests.helpers.terminal import make_terminal

NORTE = "office_taquilla_norte"
AS_SUPERVISOR = ("--supervisor", SUPERVISOR, "--pin-stdin")


@pytest.fixture
def terminal(tmp_path: Path, central):
    return make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                         event_id=central.event_id)


def cli(terminal, *args: str, input: str | None = None):
    return run_boxoffice(list(args), env=terminal.env, input=input)


def test_sell_sync_status_and_journal(terminal, central) -> None:
    sold = cli(terminal, "sell", "--event", central.event_id, "--zone", "General", "--qty", "2",
               "--cash", "10000", "--json")
    assert sold.returncode == 0, sold.stderr
    sale = json.loads(sold.stdout)
    assert len(sale["purchase_code"]) == 13
    assert sale["total_cents"] > 0 and len(sale["tickets"]) == 2
    assert all(t["barcode"].startswith(sale["purchase_code"]) for t in sale["tickets"])

    status = json.loads(cli(terminal, "status", "--json").stdout)
    assert status["pending"] == 1 and status["parked"] == 0 and status["conflicts"] == 0
    assert status["last_success"] is None

    synced = cli(terminal, "sync", "--once", "--json")
    assert synced.returncode == 0, synced.stderr
    assert json.loads(synced.stdout)["delivered"] == 1

    status = json.loads(cli(terminal, "status", "--json").stdout)
    assert status["pending"] == 0 and status["last_success"]
    verify = cli(terminal, "journal", "verify")
    assert verify.returncode == 0 and "journal ok: 1 entries" in verify.stdout


def test_seat_sale_with_split_payment_and_return(terminal, central) -> None:
    store = terminal.open_store()
    from sqlalchemy import select

    from boxoffice.store.models import Ticket

    with store.session_factory() as s:
        seats = list(s.scalars(select(Ticket.id).where(Ticket.zone == "VIP", Ticket.state == "available")
                               .order_by(Ticket.id).limit(3)))
    add_supervisors(store.session_factory)
    store.close()
    sold = cli(terminal, "sell", "--event", central.event_id, "--seat", seats[0], "--card", "1000", "--ref",
               "AUTH-1", "--cash", "100000", "--json")
    assert sold.returncode == 0, sold.stderr
    assert [t["ticket_id"] for t in json.loads(sold.stdout)["tickets"]] == [seats[0]]
    returned = cli(terminal, "return", "--event", central.event_id, "--ticket", seats[1], seats[2], "--json",
                   *AS_SUPERVISOR, input=f"{SUPERVISOR_PIN}\n")
    assert returned.returncode == 0, returned.stderr
    assert json.loads(returned.stdout)["returning"] == [seats[1], seats[2]]
    refused = cli(terminal, "return", "--event", central.event_id, "--ticket", seats[0], *AS_SUPERVISOR,
                  input=f"{SUPERVISOR_PIN}\n")
    assert refused.returncode == 1 and "only unsold tickets" in refused.stderr
    assert cli(terminal, "sync", "--once").returncode == 0
    status = json.loads(cli(terminal, "status", "--json").stdout)
    assert status["pending"] == 0


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["sell", "--event", "NOPE", "--zone", "General", "--qty", "1", "--cash", "9999"], "not assigned"),
        (["sell", "--event", "{event}", "--seat", "NOT-A-SEAT", "--cash", "9999"], "seat not available"),
        (["sell", "--event", "{event}", "--zone", "General", "--qty", "1", "--cash", "1"], "short of the total"),
        (["sell", "--event", "{event}", "--zone", "General", "--qty", "1"], "short of the total"),
        (["sell", "--event", "{event}", "--zone", "General", "--qty", "1", "--card", "99999", "--ref", "x"],
         "exceed the total"),
    ],
)
def test_errors_exit_non_zero_with_one_line(terminal, central, args: list[str], reason: str) -> None:
    result = cli(terminal, *[a.replace("{event}", central.event_id) for a in args])
    assert result.returncode == 1
    assert reason in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_sold_seat_cannot_be_sold_again(terminal, central) -> None:
    first = json.loads(cli(terminal, "sell", "--event", central.event_id, "--zone", "VIP", "--qty", "1",
                           "--cash", "100000", "--json").stdout)
    seat = first["tickets"][0]["ticket_id"]
    again = cli(terminal, "sell", "--event", central.event_id, "--seat", seat, "--cash", "100000")
    assert again.returncode == 1
    assert "already sold" in again.stderr


def test_not_paired(tmp_path: Path) -> None:
    env_dir = tmp_path / "fresh"
    for args in (["pull"], ["sync", "--once"]):
        result = run_boxoffice([*args, "--data-dir", str(env_dir)])
        assert result.returncode == 1
        assert "not paired" in result.stderr


def test_print_tickets_and_receipt_as_pdf(terminal, central, tmp_path: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    sale = json.loads(cli(terminal, "sell", "--event", central.event_id, "--zone", "VIP", "--qty", "2",
                          "--cash", "100000", "--json").stdout)
    code = sale["purchase_code"]
    tickets_pdf, receipt_pdf = tmp_path / "t.pdf", tmp_path / "r.pdf"
    printed = cli(terminal, "print", "--sale", sale["tickets"][0]["barcode"], "--pdf", str(tickets_pdf), "--json",
                  "--reprint")
    assert printed.returncode == 0, printed.stderr
    assert json.loads(printed.stdout)["pages"] == 2
    text = subprocess.run(["pdftotext", str(tickets_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert code in text and "Festival de Verano" in text and "Fila A · Butaca 1" in text  # seat VIP1, as read
    assert cli(terminal, "print", "--sale", code, "--receipt", "--pdf", str(receipt_pdf)).returncode == 0
    receipt = subprocess.run(["pdftotext", str(receipt_pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert code in receipt and "180,00" in receipt
    unknown = cli(terminal, "print", "--sale", "GJXS0LM6RYG3R", "--pdf", str(tmp_path / "x.pdf"))
    assert unknown.returncode == 1 and len(unknown.stderr.strip().splitlines()) == 1


def test_pair_checks_the_token_before_saving_anything(tmp_path: Path, central) -> None:
    data = tmp_path / "new-terminal"
    base = ["pair", "--data-dir", str(data), "--url", central.url, "--office", NORTE, "--token-stdin",
            "--name", "Taquilla Norte"]
    wrong = run_boxoffice(base, input="not-the-token\n")
    assert wrong.returncode == 1 and "not-the-token" not in wrong.stderr
    assert len(wrong.stderr.strip().splitlines()) == 1
    assert not (data / "boxoffice.toml").exists()
    assert token_entries(NORTE) == []

    nowhere = run_boxoffice([*base[:4], "http://127.0.0.1:9", *base[5:]], input="x-token-123456\n")
    assert nowhere.returncode == 1 and "cannot reach" in nowhere.stderr

    token = central.office_tokens[NORTE]
    paired = run_boxoffice([*base, "--json"], input=token + "\n")
    assert paired.returncode == 0, paired.stderr
    report = json.loads(paired.stdout)
    assert report["paired"] is True and report["events"] == 1 and report["pulled"][0]["available"] == 300
    config = (data / "boxoffice.toml").read_text(encoding="utf-8")
    assert central.url in config and NORTE in config and token not in config
    assert credentials.peek_token(NORTE, central.url) == token
    status = json.loads(run_boxoffice(["status", "--json", "--data-dir", str(data)]).stdout)
    assert status["paired"] is True and status["pending"] == 0


def test_a_reprint_is_journaled(terminal, central, tmp_path: Path) -> None:
    sale = json.loads(cli(terminal, "sell", "--event", central.event_id, "--zone", "General", "--qty", "1",
                          "--cash", "5000", "--json").stdout)
    assert cli(terminal, "print", "--sale", sale["purchase_code"], "--reprint", "--pdf",
               str(tmp_path / "again.pdf")).returncode == 0
    store = terminal.open_store()
    from sqlalchemy import select

    from boxoffice.store.models import JournalEntry

    with store.read_session_factory() as s:
        kinds = [e.kind for e in s.scalars(select(JournalEntry).where(JournalEntry.subject == sale["purchase_code"]))]
    store.close()
    assert kinds == ["sale", "reprint"]
    assert cli(terminal, "journal", "verify").returncode == 0
