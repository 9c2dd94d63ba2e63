"""``boxoffice-central event|office|ticket-type|seats``: a real event set up from the shell, on a SQLite file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from boxoffice.central.cli import main


def _run(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> tuple[int, str, str]:
    code = main([*argv[:2], "--db", db, *argv[2:]] if argv[0] != "seats" else [*argv, "--db", db])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> Any:
    code, out, err = _run(capsys, db, *argv)
    assert code == 0, err
    return json.loads(out)


def test_setting_up_an_event_from_the_shell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    event = _json(capsys, db, "event", "create", "--id", "ev1", "--name", "Concierto",
                  "--start", "2026-12-20T19:00:00Z")
    assert event["id"] == "ev1" and event["currency"] == "EUR"
    assert _json(capsys, db, "event", "update", "--id", "ev1", "--currency", "usd")["currency"] == "USD"
    assert [e["id"] for e in _json(capsys, db, "event", "list")] == ["ev1"]
    assert _json(capsys, db, "office", "create", "--id", "puerta", "--name", "Puerta") == {"id": "puerta",
                                                                                          "name": "Puerta"}
    assert _json(capsys, db, "office", "list") == [{"id": "puerta", "name": "Puerta"}]
    general = _json(capsys, db, "ticket-type", "create", "--event", "ev1", "--name", "General", "--price", "25.00",
                    "--capacity", "500", "--allow-reentry", "--reentry-limit", "2", "--scan-points", "main-door")
    assert general["price_cents"] == 2500 and general["zone"] is None and general["acceptedScanPoints"] == [
        "main-door"]
    seats = tmp_path / "seats.csv"
    seats.write_text("zone,colour,row,seat,price level,x,y\nPlatea,#f00,A,1,P1,1,2\nPlatea,#f00,A,2,P1,,\n")
    code, out, err = _run(capsys, db, "seats", "import", str(seats), "--event", "ev1")
    assert code == 0 and "imported 2 seats into event ev1" in out, err
    platea = _json(capsys, db, "ticket-type", "create", "--event", "ev1", "--name", "Platea", "--price", "40",
                   "--zone", "Platea")
    assert platea["capacity"] == 2


def test_refusals_say_why_and_exit_non_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    assert _run(capsys, db, "ticket-type", "create", "--event", "nope", "--name", "X", "--price", "1")[2] == (
        "boxoffice-central: unknown event 'nope'\n")
    code, _, err = _run(capsys, db, "ticket-type", "create", "--event", "nope", "--name", "X", "--price", "abc")
    assert code == 2 and "--price must be a number" in err
    _json(capsys, db, "event", "create", "--id", "ev1", "--name", "Concierto")
    bad = tmp_path / "bad.csv"
    bad.write_text("zone,colour,row,seat,price level\nA,#fff,1,1,P\nA,#fff,1,,P\n")
    code, _, err = _run(capsys, db, "seats", "import", str(bad), "--event", "ev1")
    assert code == 1 and "line 3: seat is empty" in err
    code, _, err = _run(capsys, db, "seats", "import", str(tmp_path / "missing.csv"), "--event", "ev1")
    assert code == 2 and "no such file" in err
