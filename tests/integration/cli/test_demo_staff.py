"""``scripts/demo``'s staff step: a paired demo terminal gets a supervisor and a clerk once, with PINs printed
every start; a second start recreates nothing and the journal still verifies."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from boxoffice.services.clerks import list_clerks, sign_in_pin
from tests.helpers.central_server import central_server, seeded_template
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import TestTerminal, make_terminal

ROOT = Path(__file__).resolve().parents[3]
NORTE = "office_taquilla_norte"


@pytest.fixture
def terminal(tmp_path: Path) -> TestTerminal:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=seeded_template(tmp_path)) as central:
        return make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                             event_id=central.event_id)


def _staff_step(terminal: TestTerminal) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "demo_staff.py")], capture_output=True,
                          text=True, env=terminal.env, timeout=120, check=False)


def test_the_demo_has_a_supervisor_and_a_clerk_made_once_with_their_pins_printed(terminal: TestTerminal) -> None:
    first = _staff_step(terminal)
    assert first.returncode == 0, first.stderr
    assert "Marta" in first.stdout and "supervisor" in first.stdout and "PIN 1357" in first.stdout
    assert "Javier" in first.stdout and "clerk" in first.stdout and "PIN 2468" in first.stdout

    again = _staff_step(terminal)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout  # printed again, nothing recreated

    store = terminal.open_store()
    try:
        staff = {c.name: c for c in list_clerks(store.session_factory)}
        assert {name: c.role for name, c in staff.items()} == {"Marta": "supervisor", "Javier": "clerk"}
        assert sign_in_pin(store.session_factory, staff["Javier"].id, "2468").name == "Javier"
    finally:
        store.close()
    verified = run_boxoffice(["journal", "verify"], env=terminal.env)
    assert verified.returncode == 0, verified.stderr + verified.stdout
