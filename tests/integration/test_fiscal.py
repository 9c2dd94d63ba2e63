"""Invoices end to end on a paired terminal: numbering under kill -9 (no gap, no reuse), ``boxoffice fiscal
verify`` naming an edited record by its number, ``fiscal export`` and a void's rectificativa, as installers run
the real commands against the reference central on 127.0.0.1."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.app import issuer_of
from boxoffice.config import FiscalConfig, load_config, save_config
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.catalog import lines_for
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import SaleRequest
from boxoffice.services.sales import sell as services_sell
from tests.chaos.helpers_kill import KILLED, kill_when_stopped, start_traced
from tests.helpers.central_server import central_server, seeded_template
from tests.helpers.cli import run_boxoffice
from tests.helpers.raw_sqlite import connected
from tests.helpers.supervisors import SUPERVISOR, add_supervisors
from tests.helpers.terminal import TestTerminal, make_terminal

NORTE = "office_taquilla_norte"
BOXOFFICE = (sys.executable, "-m", "boxoffice")
FISCAL = FiscalConfig(name="Teatro Ejemplo SL", nif="B12345674", address="Calle Mayor 1, 28013 Madrid",
                      default_tax_rate="10")


@pytest.fixture(scope="module")
def terminal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestTerminal, str]]:
    folder = tmp_path_factory.mktemp("fiscal")
    (folder / "central").mkdir()
    with central_server(folder / "central", template=seeded_template(folder / "template")) as central:
        made = make_terminal(folder / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                             event_id=central.event_id)
        config_path = made.data_dir / "boxoffice.toml"
        save_config(dataclasses.replace(load_config(config_path), fiscal=FISCAL), config_path)
        yield made, central.event_id


def sell(terminal: TestTerminal, event_id: str) -> dict:
    done = run_boxoffice(["sell", "--event", event_id, "--zone", "General", "--qty", "1", "--cash", "20000",
                          "--json"], env=terminal.env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def invoice_rows(terminal: TestTerminal) -> list[tuple]:
    with connected(terminal.data_dir / "boxoffice.sqlite3") as db:
        return db.execute("SELECT seq, number, purchase_code, kind FROM invoices ORDER BY id").fetchall()


def test_numbering_survives_kill_9_with_no_gap_and_no_reuse(terminal, tmp_path: Path) -> None:
    made, event_id = terminal
    before = invoice_rows(made)
    args = [*BOXOFFICE, "sell", "--event", event_id, "--zone", "General", "--qty", "1", "--cash", "20000", "--json"]
    # killed with every row written (the invoice too) and nothing committed: the number was never used
    run = start_traced(args, made.env, tmp_path / "uncommitted", stop="sale.before_commit",
                       stdout=tmp_path / "u.out", stderr=tmp_path / "u.err")
    assert kill_when_stopped(run) == KILLED
    assert invoice_rows(made) == before
    # killed after the commit, before the clerk was told: the number is taken, and stays taken
    run = start_traced(args, made.env, tmp_path / "committed", stop="sale.committed",
                       stdout=tmp_path / "c.out", stderr=tmp_path / "c.err")
    assert kill_when_stopped(run) == KILLED
    after = sell(made, event_id)
    rows = invoice_rows(made)[len(before):]
    start = before[-1][0] + 1 if before else 1
    assert [seq for seq, *_ in rows] == [start, start + 1]  # no gap
    assert len({number for _, number, *_ in rows}) == 2  # no reuse
    assert rows[1][1:3] == (after["invoice_number"], after["purchase_code"])
    assert after["invoice_number"].endswith(f"-{start + 1}")


def test_a_void_rectifies_and_export_writes_every_record(terminal, tmp_path: Path) -> None:
    made, event_id = terminal
    store = made.open_store()
    try:
        add_supervisors(store.session_factory)
        fiscal_terminal = dataclasses.replace(made.terminal,
                                              fiscal=issuer_of(load_config(made.data_dir / "boxoffice.toml")))
        sold = services_sell(store.session_factory, fiscal_terminal, SaleRequest(
            event_id, lines_for(store.session_factory, event_id, zone="General", quantity=2),
            (PaymentRequest("cash", tendered_cents=50000),)))
        sale = {"purchase_code": sold.purchase_code, "invoice_number": sold.invoice_number}
        void_sale(store.session_factory, fiscal_terminal, sale["purchase_code"], "error", actor=SUPERVISOR)
    finally:
        store.close()
    mine = [row for row in invoice_rows(made) if row[2] == sale["purchase_code"]]
    assert [kind for *_, kind in mine] == ["F2", "R5"]
    out = tmp_path / "records.json"
    done = run_boxoffice(["fiscal", "export", "--out", str(out)], env=made.env)
    assert done.returncode == 0, done.stderr
    document = json.loads(out.read_text(encoding="utf-8"))
    records = [r["RegistroAlta"] for r in document["records"]]
    assert len(records) == len(invoice_rows(made)) and document["format"] == "boxoffice-verifactu-records/1"
    rectification = records[-1]
    assert rectification["TipoFactura"] == "R5"
    assert rectification["FacturasRectificadas"][0]["NumSerieFactura"] == sale["invoice_number"]
    assert rectification["Encadenamiento"]["RegistroAnterior"]["Huella"] == records[-2]["Huella"]
    assert rectification["IDFactura"]["IDEmisorFactura"] == "B12345674"


def test_verify_names_the_edited_record(terminal) -> None:
    made, _ = terminal
    victim = invoice_rows(made)[1][1]
    database = made.data_dir / "boxoffice.sqlite3"
    with connected(database) as db:
        (record,) = db.execute("SELECT record FROM invoices WHERE number = ?", (victim,)).fetchone()
        edited = json.loads(record)
        edited["ImporteTotal"] = "0.01"
        db.execute("UPDATE invoices SET record = ? WHERE number = ?", (json.dumps(edited), victim))
    try:
        broken = run_boxoffice(["fiscal", "verify"], env=made.env)
        assert broken.returncode == 1
        assert f"BROKEN at {victim}: its fingerprint" in broken.stderr and "Traceback" not in broken.stderr
    finally:
        with connected(database) as db:
            db.execute("UPDATE invoices SET record = ? WHERE number = ?", (record, victim))


def test_submit_is_refused_clearly_when_disabled(terminal) -> None:
    made, _ = terminal
    done = run_boxoffice(["fiscal", "submit"], env=made.env)
    assert done.returncode != 0 and "submission is disabled" in done.stderr and "Traceback" not in done.stderr
