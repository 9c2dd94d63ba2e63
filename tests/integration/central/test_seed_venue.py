"""``boxoffice-central seed-venue``: a venue-scale event (the benchmark's) built through the real assign, listed
to its office over HTTP in natural row order, created once per size; bad sizes get one line and exit 1 or 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from boxoffice.central.app import create_app
from boxoffice.central.cli import main
from boxoffice.sync.client import CentralClient
from tests.helpers.central_server import serve_app

SEATS = 230  # four zones of 57-58 seats: rows of 50, so every zone has a row "2"


def test_seed_venue_builds_an_event_its_office_can_pull(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    assert main(["seed-venue", "--seats", str(SEATS), "--office", "office_bench", "--json", "--db", db]) == 0
    seeded = json.loads(capsys.readouterr().out)
    assert (seeded["seats"], seeded["created"], seeded["office_id"]) == (SEATS, True, "office_bench")
    assert sorted(seeded["zones"].values()) == [57, 57, 58, 58]
    assert main(["seed-venue", "--seats", str(SEATS), "--office", "office_bench", "--json", "--db", db]) == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["event_id"], again["created"]) == (seeded["event_id"], False)
    assert again["token"] != seeded["token"]  # a fresh token each time, like seed-demo

    with serve_app(create_app(db)) as url:
        client = CentralClient(url, again["token"], "office_bench", timeout=(5.0, 30.0))
        try:
            tickets = client.list_office_tickets(seeded["event_id"])
        finally:
            client.close()
    assert len(tickets) == SEATS and all(t.available for t in tickets)
    tribuna = [t for t in tickets if t.zone == "Tribuna"]
    assert {t.row for t in tribuna} == {"1", "2"}
    assert {t.seat_id for t in tribuna if t.row == "2"} == {f"TRI2-{n}" for n in range(1, 9)}


@pytest.mark.parametrize(("seats", "code", "message"), [("0", 2, "--seats must be at least 1"),
                                                        ("3", 1, "a venue needs at least 4 seats")])
def test_seed_venue_refuses_a_size_it_cannot_build(tmp_path: Path, capsys: pytest.CaptureFixture[str], seats: str,
                                                    code: int, message: str) -> None:
    assert main(["seed-venue", "--seats", seats, "--db", f"sqlite:///{tmp_path / 'c.sqlite3'}"]) == code
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
