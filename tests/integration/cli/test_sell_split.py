"""``boxoffice sell --zone Z --qty N``: a party sits together or the command says no row has them, in one line;
``--split`` accepts seats apart (the demo office's General rows hold 20-30 seats each)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers.central_server import central_server
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import make_terminal

NORTE = "office_taquilla_norte"


def test_a_party_larger_than_any_row_needs_split_accepted(tmp_path: Path) -> None:
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central") as central:
        terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        sell = ["sell", "--event", central.event_id, "--zone", "General", "--qty", "31", "--cash", "77500"]
        refused = run_boxoffice(sell, env=terminal.env)
        assert refused.returncode == 1
        assert refused.stderr.strip().endswith("no 31 seats together in General"), refused.stderr
        assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr

        together = json.loads(run_boxoffice(["sell", "--event", central.event_id, "--zone", "General", "--qty", "3",
                                             "--cash", "7500", "--json"], env=terminal.env).stdout)
        assert [t["seat_id"] for t in together["tickets"]] == ["GEN101", "GEN102", "GEN103"]  # row D, its start

        split = run_boxoffice([*sell, "--split", "--json"], env=terminal.env)
        assert split.returncode == 0, split.stderr
        assert len(json.loads(split.stdout)["tickets"]) == 31
