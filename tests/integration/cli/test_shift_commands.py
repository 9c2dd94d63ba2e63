"""``boxoffice shift open|status|close`` and ``sell`` refusing without a shift, as scripts run them (a real
reference server, the real entry point in a subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boxoffice.services.clerks import ScryptCost, create_clerk
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import TestTerminal, make_terminal

NORTE = "office_taquilla_norte"
PIN = "2468"


@pytest.fixture
def terminal(tmp_path: Path, central) -> TestTerminal:
    """A paired terminal with its inventory, the clerk Ana and no shift open."""
    made = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                         event_id=central.event_id, shift=False)
    store = made.open_store()
    try:
        create_clerk(store.session_factory, "Ana", PIN, cost=ScryptCost(log_n=4))
    finally:
        store.close()
    return made


def cli(terminal: TestTerminal, *args: str, input: str | None = None):
    return run_boxoffice(list(args), env=terminal.env, input=input)


def test_a_day_from_the_command_line(terminal: TestTerminal, central) -> None:
    sell = ("sell", "--event", central.event_id, "--zone", "General", "--qty", "1", "--cash", "5000", "--json")
    refused = cli(terminal, *sell)
    assert refused.returncode == 1 and refused.stdout == ""
    assert "no shift is open on this terminal" in refused.stderr
    assert "boxoffice shift open --float AMOUNT --clerk NAME" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert json.loads(cli(terminal, "shift", "status", "--json").stdout) == {"open": False}

    wrong = cli(terminal, "shift", "open", "--float", "100,00", "--clerk", "ana", "--json", input="1111\n")
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    opened = cli(terminal, "shift", "open", "--float", "100,00", "--clerk", "ana", "--json", input=PIN + "\n")
    assert opened.returncode == 0, opened.stderr
    shift = json.loads(opened.stdout)
    assert shift["clerk"] == "Ana" and shift["float_cents"] == 10000
    again = cli(terminal, "shift", "open", "--float", "0", "--clerk", "Ana", input=PIN + "\n")
    assert again.returncode == 1 and "still open" in again.stderr

    sold = cli(terminal, *sell)
    assert sold.returncode == 0, sold.stderr
    sale = json.loads(sold.stdout)
    status = json.loads(cli(terminal, "shift", "status", "--json").stdout)
    assert status["open"] is True and status["shift_id"] == shift["shift_id"]
    assert status["sales"] == {"count": 1, "total_cents": sale["total_cents"]}
    assert status["expected_cash_cents"] == 10000 + sale["total_cents"]

    counted = 10000 + sale["total_cents"]
    closed = cli(terminal, "shift", "close", "--counted", str(counted), "--clerk", "Ana", "--json",
                 input=PIN + "\n")
    assert closed.returncode == 0, closed.stderr
    report = json.loads(closed.stdout)["report"]
    assert report["cash"]["counted_cents"] == counted and report["cash"]["difference_cents"] == 0
    assert report["sales"] == {"count": 1, "total_cents": sale["total_cents"]}
    assert json.loads(cli(terminal, "shift", "status", "--json").stdout) == {"open": False}
    assert cli(terminal, *sell).returncode == 1  # closed: the next sale waits for the next shift


def test_amounts_are_cents_or_an_amount_and_never_negative() -> None:
    from boxoffice.commands.shift import parse_amount
    from boxoffice.core.errors import BoxOfficeError
    from boxoffice.core.money import money_format

    es, en = money_format("es"), money_format("en")
    assert parse_amount("10000", es) == 10000
    assert parse_amount("100,00", es) == parse_amount("100.00", en) == parse_amount("100 €", es) == 10000
    with pytest.raises(BoxOfficeError):
        parse_amount("-5", es)
    with pytest.raises(BoxOfficeError):
        parse_amount("diez", es)
