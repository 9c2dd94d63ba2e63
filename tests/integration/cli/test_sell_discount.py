"""``boxoffice sell --discount`` keeps the window's rule (#14): up to the clerk limit as is, above it only with
``--supervisor NAME`` and their PIN (the journal names them), the whole price never (a real reference server,
the real entry point in a subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.services.clerks import ScryptCost, create_clerk
from boxoffice.store.models import JournalEntry, Sale
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import TestTerminal, make_terminal

NORTE = "office_taquilla_norte"
PIN = "2468"
PRICE = 2500  # a General ticket in the reference seed: the clerk limit (10 %) is 250


@pytest.fixture
def terminal(tmp_path: Path, central) -> TestTerminal:
    """A paired terminal with its inventory, a shift open, the supervisor Marta and the clerk Ana."""
    made = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                         event_id=central.event_id)
    store = made.open_store()
    try:
        create_clerk(store.session_factory, "Marta", PIN, role="supervisor", cost=ScryptCost(log_n=4))
        create_clerk(store.session_factory, "Ana", "1357", cost=ScryptCost(log_n=4))
    finally:
        store.close()
    return made


def sell(terminal: TestTerminal, central, discount: int, *extra: str, input: str | None = None):
    args = ["sell", "--event", central.event_id, "--zone", "General", "--qty", "1", "--discount", str(discount),
            "--cash", str(PRICE), "--json", *extra]
    return run_boxoffice(args, env=terminal.env, input=input)


def journal_of(terminal: TestTerminal, code: str) -> dict:
    store = terminal.open_store()
    try:
        with store.read_session_factory() as session:
            assert session.scalars(select(Sale).where(Sale.purchase_code == code)).one()
            entry = session.scalars(select(JournalEntry).where(JournalEntry.subject == code)).one()
            return json.loads(entry.payload)
    finally:
        store.close()


def test_within_the_limit_a_discount_needs_nobody(terminal: TestTerminal, central) -> None:
    done = sell(terminal, central, 250)
    assert done.returncode == 0, done.stderr
    sold = json.loads(done.stdout)
    assert sold["total_cents"] == PRICE - 250
    assert "discount_approved_by" not in journal_of(terminal, sold["purchase_code"])


def test_above_the_limit_the_sale_is_refused_without_a_supervisor(terminal: TestTerminal, central) -> None:
    refused = sell(terminal, central, 1000)
    assert refused.returncode == 1 and refused.stdout == ""
    assert "needs a supervisor's approval" in refused.stderr and "Traceback" not in refused.stderr


def test_a_supervisors_pin_approves_and_the_journal_names_them(terminal: TestTerminal, central) -> None:
    wrong = sell(terminal, central, 1000, "--supervisor", "marta", "--pin-stdin", input="1111\n")
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    clerk = sell(terminal, central, 1000, "--supervisor", "Ana", "--pin-stdin", input="1357\n")
    assert clerk.returncode == 1 and "Traceback" not in clerk.stderr  # a clerk cannot approve
    done = sell(terminal, central, 1000, "--supervisor", "marta", "--pin-stdin", input=PIN + "\n")
    assert done.returncode == 0, done.stderr
    sold = json.loads(done.stdout)
    assert sold["total_cents"] == PRICE - 1000
    assert journal_of(terminal, sold["purchase_code"])["discount_approved_by"] == "Marta"


def test_the_whole_price_is_never_a_discount(terminal: TestTerminal, central) -> None:
    refused = sell(terminal, central, PRICE, "--supervisor", "marta", "--pin-stdin", input=PIN + "\n")
    assert refused.returncode == 1 and "is a comp, not a discount" in refused.stderr
