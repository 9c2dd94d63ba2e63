"""Issue #20: the invoice numbers of a window's series survive kill -9 with no gap and no reuse.

``boxoffice sell`` processes on a terminal with ``[fiscal]`` set are killed -9 at the sale's last moment before
its commit (the invoice number taken, nothing committed) and at its first moment after it (committed, the clerk
not told), between sales that run to the end. By construction (trace-point stops, no timing luck): afterwards
every committed sale has exactly one invoice, the series runs 1..N without a gap or a repeat, a sale killed
before its commit left no number behind, and ``boxoffice fiscal verify`` finds the chain whole.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.config import FiscalConfig, load_config, save_config
from tests.chaos.helpers_kill import KILLED, kill_when_stopped, read_only, start_traced
from tests.helpers.central_server import CentralServer, central_server, seeded_template
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import make_terminal

BOXOFFICE = (sys.executable, "-m", "boxoffice")
OFFICE = "office_taquilla_norte"
#: (mode, trace point it is killed at); None: it runs to the end
SCHEDULE = [("complete", None), ("kill-before-commit", "sale.before_commit"), ("complete", None),
            ("kill-after-commit", "sale.committed"), ("kill-before-commit", "sale.before_commit"),
            ("complete", None), ("kill-after-commit", "sale.committed"), ("complete", None)]


@pytest.fixture
def central(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=seeded_template(tmp_path_factory.mktemp("t"))) as server:
        yield server


def test_invoice_numbers_have_no_gap_and_no_reuse_under_kill_9(central: CentralServer, tmp_path: Path) -> None:
    terminal = make_terminal(tmp_path / "terminal", central.url, OFFICE, central.office_tokens[OFFICE],
                             event_id=central.event_id)
    path = terminal.data_dir / "boxoffice.toml"
    save_config(dataclasses.replace(load_config(path), fiscal=FiscalConfig(
        name="Teatro Ejemplo SL", nif="B12345674", address="Calle Mayor 1, Madrid")), path)
    committed: list[str] = []
    for number, (mode, stop) in enumerate(SCHEDULE):
        name = f"factura-{number}"
        out, err = tmp_path / f"{name}.out", tmp_path / f"{name}.err"
        run = start_traced([*BOXOFFICE, "sell", "--event", central.event_id, "--zone", "General", "--qty", "1",
                            "--cash", "5000", "--customer-name", name, "--json"], terminal.env,
                           tmp_path / name, stop=stop, stdout=out, stderr=err)
        if stop is None:
            assert run.process.wait(timeout=120) == 0, err.read_text()[-500:]
            assert json.loads(out.read_text())["invoice_number"]
        else:
            assert kill_when_stopped(run) == KILLED
        found = _one(terminal.data_dir / "boxoffice.sqlite3", "SELECT purchase_code FROM sales WHERE "
                     "customer_name = ?", name)
        assert (found is not None) == (mode != "kill-before-commit"), (mode, found)
        if found is not None:
            committed.append(found)

    db = read_only(terminal.data_dir / "boxoffice.sqlite3")
    try:
        invoices = db.execute("SELECT seq, number, purchase_code, kind FROM invoices ORDER BY id").fetchall()
    finally:
        db.close()
    assert [row[3] for row in invoices] == ["F2"] * len(committed)
    assert [row[0] for row in invoices] == list(range(1, len(committed) + 1))  # no gap, nothing reused
    assert len({row[1] for row in invoices}) == len(invoices)
    assert [row[2] for row in invoices] == committed  # one invoice per committed sale, in order
    verified = run_boxoffice(["fiscal", "verify", "--json"], env=terminal.env)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def _one(path: Path, query: str, *args: object) -> str | None:
    db: sqlite3.Connection = read_only(path)
    try:
        row = db.execute(query, args).fetchone()
        return row[0] if row else None
    finally:
        db.close()
