"""``boxoffice-central assign --tickets-from FILE``: more ids than a command line holds (issue #15's bench)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.central.cli import main
from boxoffice.central.db import Database
from boxoffice.central.models import Ticket, TicketBlocked, TicketOffline
from boxoffice.central.seed import seed_demo


def test_assign_takes_ids_from_a_file_and_says_what_is_wrong_with_a_bad_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db_url = f"sqlite:///{tmp_path / 'central.sqlite3'}"
    db = Database(db_url)
    db.create_schema()
    event = seed_demo(db).as_json()["event_id"]
    assert main(["assign", "--office", "office_taquilla_sur", "--event", event, "--zone", "VIP", "--count", "3",
                 "--db", db_url]) == 0
    picked = capsys.readouterr().out.splitlines()[1:]
    assert main(["assign", "--office", "office_taquilla_sur", "--event", event, "--zone", "VIP", "--count", "3",
                 "--db", db_url]) == 0
    free_again = capsys.readouterr().out.splitlines()[1:]  # three more, to assign from a file to the other office
    ids = tmp_path / "ids.txt"
    ids.write_text("\n".join(free_again) + "\n\n", encoding="utf-8")
    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--tickets-from", str(ids),
                 "--db", db_url]) == 1  # already the south office's: all or nothing
    assert "Tickets no disponibles" in capsys.readouterr().err

    with db.read() as session:  # three tickets nobody holds
        free = list(session.scalars(select(Ticket.id).where(Ticket.event_id == event, Ticket.status.is_(True),
                                                            Ticket.id.not_in(select(TicketOffline.ticket_id)),
                                                            Ticket.id.not_in(select(TicketBlocked.ticket_id)))
                                    .order_by(Ticket.id).limit(3)))
    ids.write_text("\n".join(free) + "\n", encoding="utf-8")
    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--tickets-from", str(ids),
                 "--db", db_url]) == 0
    assert capsys.readouterr().out.splitlines() == [f"assigned 3 tickets of event {event} to office_taquilla_norte",
                                                    *free]

    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--tickets-from",
                 str(tmp_path / "missing.txt"), "--db", db_url]) == 2
    assert "cannot read ticket ids" in capsys.readouterr().err
    (tmp_path / "empty.txt").write_text("\n", encoding="utf-8")
    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--tickets-from",
                 str(tmp_path / "empty.txt"), "--db", db_url]) == 2
    assert "names no ticket ids" in capsys.readouterr().err
    assert main(["assign", "--office", "office_taquilla_norte", "--event", event, "--tickets", picked[0],
                 "--tickets-from", str(ids), "--db", db_url]) == 2
    assert "not both" in capsys.readouterr().err
    db.dispose()
