"""``boxoffice clerk …`` and the supervisor that ``void`` and ``return`` now ask for, run as installers do (a
subprocess of the real entry point); PINs only ever on standard input, refusals one line with exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.services.clerks import staff_list
from boxoffice.store.models import JournalEntry
from tests.helpers.central_server import central_server, seeded_template
from tests.helpers.cli import run_boxoffice
from tests.helpers.cli_errors import one_line_error
from tests.helpers.shifts import open_test_shift
from tests.helpers.terminal import TestTerminal, make_terminal

NORTE = "office_taquilla_norte"
BOSS = ("--supervisor", "Marta", "--pin-stdin")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory):
    return seeded_template(tmp_path_factory.mktemp("template"))


@pytest.fixture
def terminal(tmp_path: Path, template) -> TestTerminal:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=template) as central:
        made = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                             event_id=central.event_id, shift=False)  # no till clerk: a terminal's first start
        made.event_id = central.event_id  # type: ignore[attr-defined]
        yield made


def cli(terminal: TestTerminal, *args: str, stdin: str | None = None):
    return run_boxoffice(list(args), env=terminal.env, input=stdin)


def journal(terminal: TestTerminal) -> list[JournalEntry]:
    store = terminal.open_store()
    try:
        with store.read_session_factory() as session:
            return list(session.scalars(select(JournalEntry).order_by(JournalEntry.seq)))
    finally:
        store.close()


def with_marta(terminal: TestTerminal) -> None:
    first = cli(terminal, "clerk", "add", "Marta", "--new-pin-stdin", stdin="1357\n")
    assert first.returncode == 0, first.stderr


def test_an_installer_sets_up_the_staff(terminal: TestTerminal) -> None:
    assert cli(terminal, "clerk", "list").stdout.strip() == "no clerks yet"
    with_marta(terminal)
    added = cli(terminal, "clerk", "add", "Javier Ruiz", *BOSS, "--new-pin-stdin", "--json", stdin="1357\n2468\n")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"id": 2, "name": "Javier Ruiz", "role": "clerk", "badge": False}
    door = cli(terminal, "clerk", "add", "Pep", "--role", "door", *BOSS, "--new-pin-stdin", stdin="1357\n9753\n")
    assert door.returncode == 0, door.stderr
    edited = cli(terminal, "clerk", "edit", "javier ruiz", "--new-name", "Javier", *BOSS, stdin="1357\n")
    assert edited.returncode == 0 and "saved Javier (clerk)" in edited.stdout
    reset = cli(terminal, "clerk", "reset-pin", "Javier", *BOSS, "--new-pin-stdin", stdin="1357\n8642\n")
    assert reset.returncode == 0, reset.stderr
    assert cli(terminal, "clerk", "deactivate", "Pep", *BOSS, stdin="1357\n").returncode == 0
    listed = json.loads(cli(terminal, "clerk", "list", "--json").stdout)["clerks"]
    assert [(c["name"], c["role"], c["active"]) for c in listed] == [
        ("Javier", "clerk", True), ("Marta", "supervisor", True), ("Pep", "door", False)]
    assert cli(terminal, "clerk", "reactivate", "Pep", *BOSS, stdin="1357\n").returncode == 0

    entries = journal(terminal)
    staff = [(e.kind, e.actor, e.subject) for e in entries if e.kind not in ("clerk_sign_in",)]
    assert staff == [("clerk_created", None, "Marta"), ("clerk_added", "Marta", "Javier Ruiz"),
                     ("clerk_added", "Marta", "Pep"), ("clerk_edited", "Marta", "Javier Ruiz"),
                     ("pin_reset", "Marta", "Javier"), ("clerk_deactivated", "Marta", "Pep"),
                     ("clerk_reactivated", "Marta", "Pep")]
    assert not any(pin in e.payload for e in entries for pin in ("1357", "2468", "9753", "8642"))
    store = terminal.open_store()
    try:
        from boxoffice.services.clerks import sign_in_pin

        javier = next(m for m in staff_list(store.session_factory) if m.name == "Javier")
        assert sign_in_pin(store.session_factory, javier.id, "8642").name == "Javier"
    finally:
        store.close()
    assert cli(terminal, "journal", "verify").returncode == 0


@pytest.mark.parametrize(("args", "stdin", "says"), [
    (("clerk", "add", "Bea", "--new-pin-stdin"), "1111\n", "needs a supervisor"),  # no --supervisor
    (("clerk", "add", "Bea", *BOSS, "--new-pin-stdin"), "0000\n1111\n", "Wrong PIN"),
    (("clerk", "add", "Bea", *BOSS, "--new-pin-stdin"), "1357\n12\n", "4 to 8 digits"),
    (("clerk", "add", "Bea", *BOSS, "--new-pin-stdin"), "1357\n", "no new PIN for Bea on line 2"),
    (("clerk", "add", "marta", *BOSS, "--new-pin-stdin"), "1357\n1111\n", "already a clerk called"),
    (("clerk", "add", "Bea", "--supervisor", "Javier", "--pin-stdin", "--new-pin-stdin"), "2468\n1111\n",
     "clerk role does not allow staff"),
    (("clerk", "add", "Bea", "--supervisor", "Marta", "--new-pin-stdin"), None, "pipe it in with --pin-stdin"),
    (("clerk", "deactivate", "Marta", *BOSS), "1357\n", "cannot deactivate yourself"),
    (("clerk", "edit", "Marta", "--role", "clerk", *BOSS), "1357\n", "last active supervisor"),
    (("clerk", "reset-pin", "Nadie", *BOSS, "--new-pin-stdin"), "1357\n1111\n", "no clerk called 'Nadie'"),
])
def test_refusals_are_one_line_and_change_nothing(terminal: TestTerminal, args: tuple[str, ...],
                                                   stdin: str | None, says: str) -> None:
    with_marta(terminal)
    assert cli(terminal, "clerk", "add", "Javier", *BOSS, "--new-pin-stdin", stdin="1357\n2468\n").returncode == 0
    before = [e.kind for e in journal(terminal) if not e.kind.startswith("clerk_sign_in")]
    assert says in one_line_error(cli(terminal, *args, stdin=stdin))
    assert [e.kind for e in journal(terminal) if not e.kind.startswith("clerk_sign_in")] == before


def test_the_first_clerk_is_the_supervisor(terminal: TestTerminal) -> None:
    refused = cli(terminal, "clerk", "add", "Javier", "--role", "clerk", "--new-pin-stdin", stdin="2468\n")
    assert "first clerk of a terminal is its supervisor" in one_line_error(refused)
    assert cli(terminal, "clerk", "list").stdout.strip() == "no clerks yet"


def test_void_and_return_name_the_supervisor_in_the_journal(terminal: TestTerminal) -> None:
    with_marta(terminal)
    assert cli(terminal, "clerk", "add", "Javier", *BOSS, "--new-pin-stdin", stdin="1357\n2468\n").returncode == 0
    store = terminal.open_store()
    try:
        open_test_shift(store.session_factory)  # a sale, a void and a return each belong to a shift
    finally:
        store.close()
    event = terminal.event_id  # type: ignore[attr-defined]
    sold = cli(terminal, "sell", "--event", event, "--zone", "General", "--qty", "1", "--cash", "100000", "--json")
    assert sold.returncode == 0, sold.stderr
    code = json.loads(sold.stdout)["purchase_code"]

    assert "needs a supervisor" in one_line_error(cli(terminal, "void", code, "--reason", "error"))
    by_clerk = cli(terminal, "void", code, "--reason", "error", "--supervisor", "Javier", "--pin-stdin",
                   stdin="2468\n")
    assert "does not allow void" in one_line_error(by_clerk)
    voided = cli(terminal, "void", code, "--reason", "error", *BOSS, stdin="1357\n")
    assert voided.returncode == 0, voided.stderr
    returned = cli(terminal, "return", "--event", event, "--all-unsold", *BOSS, "--json", stdin="1357\n")
    assert returned.returncode == 0, returned.stderr

    acts = [(e.kind, e.actor) for e in journal(terminal) if e.kind in ("void", "return")]
    assert acts == [("void", "Marta"), ("return", "Marta")]
