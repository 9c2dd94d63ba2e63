"""Issue #12 point 7 over real HTTP, on SQLite and PostgreSQL centrals: the journal's head travels with every
delivery, the platform anchors it, and ``boxoffice journal verify`` catches a journal rewritten with its whole
chain recomputed or cut short with its counter wound back, which the chain alone cannot see."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from boxoffice.central.extensions import ENV_SPEC_ONLY
from boxoffice.central.models import Order
from boxoffice.config import load_config, save_config
from boxoffice.services import delivery
from boxoffice.store.engine import Store
from boxoffice.store.journal_head import acknowledged, read_head
from boxoffice.sync.journal_anchor import fetch
from boxoffice.sync.worker import DeliveryWorker
from tests.helpers import journal_tamper as tamper
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server
from tests.helpers.cli import run_boxoffice
from tests.helpers.fault_proxy import Fault, FaultProxy
from tests.helpers.postgres import PostgresServer, postgres_server
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    SYNC,
    Clerk,
    call,
    central_session,
    count,
    fast_backoff,
    journal_ok,
    local_view,
)


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def central(request: pytest.FixtureRequest, tmp_path: Path, sync_template: SeededTemplate) -> Iterator[CentralServer]:
    """The sync tests' platform, once on SQLite and once on a real PostgreSQL server."""
    if request.param == "sqlite":
        (tmp_path / "central").mkdir()
        with central_server(tmp_path / "central", template=sync_template) as server:
            yield server
    else:
        pg: PostgresServer = request.getfixturevalue("postgres")
        with central_server(db_url=pg.new_database()) as server:
            yield server


def cli(terminal: TestTerminal, *args: str) -> subprocess.CompletedProcess[str]:
    return run_boxoffice(list(args), env=terminal.env)


def sync(terminal: TestTerminal) -> None:
    done = cli(terminal, "sync", "--once", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pending"] == 0


def verify(terminal: TestTerminal, *extra: str, text: bool = False) -> tuple[int, dict[str, Any], str]:
    """``journal verify --json``: exit code, JSON and its summary line; with ``text``, also as a person runs it
    (a failure is one line on stderr, never a traceback)."""
    done = cli(terminal, "journal", "verify", "--json", *extra)
    assert "Traceback" not in done.stderr, done.stderr
    data = json.loads(done.stdout)
    if text:
        plain = cli(terminal, "journal", "verify", *extra)
        assert plain.returncode == done.returncode and plain.stdout.strip() == data["summary"]
        assert plain.stderr.strip().splitlines() == ([data["summary"].removeprefix("journal BROKEN: ")]
                                                     if done.returncode else []), plain.stderr
    return done.returncode, data, data["summary"]


def sell(clerk: Clerk, sales: int) -> list[str]:
    return [clerk.sell_zone("General").purchase_code for _ in range(sales)]


def platform_heads(terminal: TestTerminal) -> list[int]:
    client = terminal.client()
    try:
        return [head.seq for head in fetch(client, terminal.terminal.terminal_id).anchors]
    finally:
        client.close()


def test_an_untouched_journal_verifies_against_every_head_it_delivered(terminal: TestTerminal, store: Store,
                                                                        clerk: Clerk) -> None:
    sell(clerk, 3)
    sync(terminal)
    sell(clerk, 2)
    sync(terminal)
    assert platform_heads(terminal) == [3, 5]
    with store.read_session_factory() as session:
        ack, head = acknowledged(session), read_head(session)
    assert ack is not None and head is not None and (ack.seq, ack.hash) == (head.seq, head.hash)
    code, data, line = verify(terminal, text=True)
    assert code == 0, line
    assert data["ok"] and data["platform_asked"] and data["platform_anchor"]["seq"] == 5
    assert data["anchors_checked"] == 2  # the platform's 3 and 5 (the acknowledged 5 is the same head)
    assert data["signed_from"] == 1
    assert "journal ok: 5 entries, signed from entry 1; matches the 2 head(s) the platform anchored (last: entry 5)" \
        in line


def test_a_journal_recomputed_without_the_key_is_caught_at_the_edit_even_offline(terminal: TestTerminal,
                                                                                 store: Store, clerk: Clerk) -> None:
    sell(clerk, 3)
    tamper.rewrite(store, 2, lambda e: setattr(e, "payload", e.payload.replace('"cash"', '"card"')))
    code, data, line = verify(terminal, "--offline", text=True)
    assert code == 1 and data["first_bad_seq"] == 2 and data["signed_from"] == 1
    assert "entry 2 (sale" in line and "does not carry this terminal's journal signature" in line


def test_a_journal_recomputed_and_re_signed_is_caught_online_and_offline(terminal: TestTerminal, store: Store,
                                                                         clerk: Clerk) -> None:
    """Someone who can also read the journal key re-signs the rewrite: the anchors still catch it."""
    sell(clerk, 3)
    sync(terminal)
    tamper.rewrite(store, 2, lambda e: setattr(e, "payload", e.payload.replace('"cash"', '"card"')), resign=True)
    assert journal_ok(store).ok  # the chain and its signatures alone are fooled
    code, data, line = verify(terminal, text=True)
    assert code == 1 and not data["ok"] and data["first_bad_seq"] == 3
    assert "entry 3 (sale" in line and "does not match the head the platform anchored (entry 3" in line
    code, data, line = verify(terminal, "--offline", text=True)
    assert code == 1 and data["first_bad_seq"] == 3
    assert "the head of this terminal's last acknowledged delivery (entry 3" in line
    assert line.endswith("; the platform was not asked (--offline)")


def test_a_rewritten_journal_synced_again_is_still_caught(terminal: TestTerminal, store: Store,
                                                          clerk: Clerk) -> None:
    """The rewrite's new, higher head is anchored too (the platform cannot tell), but the older anchor is kept."""
    sell(clerk, 3)
    sync(terminal)
    tamper.rewrite(store, 1, lambda e: setattr(e, "actor", "Mallory"), resign=True)
    sell(clerk, 1)
    sync(terminal)
    assert platform_heads(terminal) == [3, 4]
    code, data, line = verify(terminal)
    assert code == 1 and data["first_bad_seq"] == 3, line
    with store.read_session_factory() as session:
        assert acknowledged(session).seq == 3  # type: ignore[union-attr]  # did not follow the rewrite
    assert verify(terminal, "--offline")[0] == 1


def test_erased_last_sales_are_caught_and_their_replacement_is_evidence(terminal: TestTerminal, store: Store,
                                                                        clerk: Clerk) -> None:
    sell(clerk, 4)
    sync(terminal)
    erased = tamper.erase_sales_after(store.path, 2)
    assert len(erased) == 2 and journal_ok(store).ok  # the chain alone is fooled
    code, data, line = verify(terminal)
    assert code == 1 and data["first_bad_seq"] == 3
    assert "entry 3 is missing (deleted): the journal ends at entry 2, before the head the platform anchored " \
           "(entry 4" in line
    sell(clerk, 1)  # entry 3 again, with another hash: below the anchored 4, so the platform keeps it as evidence
    sync(terminal)
    code, data, line = verify(terminal)
    assert code == 1 and data["platform_evidence"] == 1 and data["first_bad_seq"] == 4, line
    assert platform_heads(terminal) == [4]


def test_an_unreachable_platform_is_said_and_the_acknowledged_head_is_checked(terminal: TestTerminal,
                                                                              clerk: Clerk) -> None:
    sell(clerk, 2)
    sync(terminal)
    config_path = terminal.data_dir / "boxoffice.toml"
    config = load_config(config_path)
    save_config(dataclasses.replace(config, central=dataclasses.replace(config.central, url="http://127.0.0.1:9")),
                config_path)
    code, data, line = verify(terminal)
    assert code == 0 and not data["platform_asked"] and data["platform_error"]
    assert "the platform could not be asked (" in line
    assert "checked against the head of this terminal's last acknowledged delivery (entry 2)" in line


def test_a_terminal_that_never_delivered_says_what_was_checked(terminal: TestTerminal, clerk: Clerk) -> None:
    sell(clerk, 1)
    code, data, line = verify(terminal)
    assert code == 0 and data["platform_asked"], line
    assert "the platform holds no head of this terminal yet" in line
    code, _data, line = verify(terminal, "--offline")
    assert code == 0 and "no acknowledged head to check against" in line


def test_a_spec_only_platform_ignores_the_head(tmp_path: Path, sync_template: SeededTemplate,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the extension the delivery still goes through; verify says it could not ask and checks locally."""
    monkeypatch.setenv(ENV_SPEC_ONLY, "1")
    (tmp_path / "spec-only").mkdir()
    with central_server(tmp_path / "spec-only", template=sync_template) as spec_only:
        terminal = make_terminal(tmp_path / "terminal", spec_only.url, NORTE, spec_only.office_tokens[NORTE],
                                 event_id=spec_only.event_id)
        with terminal.open_store() as store:
            sell(Clerk(store, terminal, spec_only.event_id), 2)
        sync(terminal)
        code, data, line = verify(terminal)
    assert code == 0 and not data["platform_asked"], line
    assert "the platform could not be asked (" in line
    assert "checked against the head of this terminal's last acknowledged delivery (entry 2)" in line


def test_a_lost_answer_retried_with_a_newer_head_delivers_each_sale_once(terminal: TestTerminal, store: Store,
                                                                         clerk: Clerk, proxy: FaultProxy,
                                                                         central: CentralServer) -> None:
    """The platform stored the first batch and anchored its head, but the answer was cut; the retry carries
    one more sale and a newer head, so it is a new request whose old entry replays by its own key."""
    worker = DeliveryWorker(store.session_factory, lambda: terminal.client(url=proxy.url),
                            read_session_factory=store.read_session_factory, backoff=fast_backoff(),
                            terminal_id=terminal.terminal.terminal_id, book=delivery)
    first = sell(clerk, 1)
    proxy.fail_next(Fault.cut_response())
    assert worker.run_once().failed
    assert proxy.counts["answered"] == 1
    second = sell(clerk, 1)
    assert not worker.drain().failed
    assert local_view(store).outbox == {"delivered": 2}
    assert platform_heads(terminal) == [1, 2]
    with central_session(central) as session:
        for code in first + second:
            assert count(session, Order, Order.purchase_code == code) == 1
    assert verify(terminal)[0] == 0


def test_evidence_the_platform_holds_is_shown_even_when_the_file_checks_out(terminal: TestTerminal, clerk: Clerk,
                                                                            central: CentralServer) -> None:
    """A head below the anchor reached the platform (e.g. from a copy of this file restored from a backup)."""
    sell(clerk, 3)
    sync(terminal)
    lower = {"office_id": NORTE, "terminal_id": terminal.terminal.terminal_id, "seq": 2, "hash": "e" * 64}
    response = call(central, SYNC, {"ticket_sold": [], "journal_head": lower}, token=central.office_tokens[NORTE])
    assert response.status_code == 200, response.text
    code, data, line = verify(terminal)
    assert code == 0 and data["platform_evidence"] == 1
    assert ("; WARNING: the platform holds 1 head(s) from this terminal that no untouched journal sends (latest: "
            "lower head, entry 2, received 20") in line
