"""Two door terminals (own store files, separate ``boxoffice`` processes) over real HTTP to the reference central.

Tickets of every channel — sold at door A's own window, at another window, online (purchase + confirm), comp,
and one printed by another system with a barcode outside our check-character scheme — are judged offline from
the door snapshot; entries go up once each (``door sync``) and, once the doors' entries meet, a door says
"already entered at HH:MM at main-door". Re-entry limits and accepted scan points are applied.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from boxoffice.central.envelope import iso_utc
from boxoffice.config import DoorConfig, load_config, save_config
from boxoffice.core.codes import is_valid
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.central.conftest import NORTE, SUR, sale_entry
from tests.integration.central_events.conftest import EventsApi

NOW = datetime.now(UTC)
FOREIGN = "TKM-0004417-Q"  # another system's barcode: not one of our Satellite Tag codes


def _type(api: EventsApi, event: str, name: str, **fields: Any) -> dict[str, Any]:
    body = {"event": event, "name": name, "price": Decimal("30"), "currency": "EUR", "capacity": 10,
            "saleStart": iso_utc(NOW - timedelta(days=1)), "saleEnd": iso_utc(NOW + timedelta(days=30)), **fields}
    return dict(api.ok(api.post("/data/event_ticket_type/create", {"data": body}), 201))


def _door(tmp_path: Path, api: EventsApi, office: str, scan_point: str) -> TestTerminal:
    central = api.central
    door = make_terminal(tmp_path / scan_point, central.url, office, central.office_tokens[office],
                         event_id=central.event_id)
    path = door.data_dir / "boxoffice.toml"
    save_config(dataclasses.replace(load_config(path), door=DoorConfig(scan_point=scan_point)), path)
    return door


def _run(door: TestTerminal, *args: str) -> dict[str, Any]:
    done = run_boxoffice([*args, "--json"], env=door.env)
    assert done.returncode in (0, 1) and not done.stderr.strip(), done.stderr
    return dict(json.loads(done.stdout))


def check(door: TestTerminal, code: str) -> dict[str, Any]:
    return _run(door, "door", "check", code)


def sync(door: TestTerminal) -> dict[str, Any]:
    return _run(door, "door", "sync")


@pytest.fixture(scope="module")
def tickets(api: EventsApi) -> dict[str, str]:
    """One barcode per channel on the demo event (the window sale's and the other system's synced by SUR)."""
    demo = api.central.event_id
    pass_type = _type(api, demo, "Door pass", allowReentry=True, reentryLimit=2)
    main_only = _type(api, demo, "Main door only", acceptedScanPoints=["main-door"])
    bought = api.ok(api.post("/client/events/tickets/purchase", {
        "eventId": demo, "email": "alex@example.org", "name": "Alex Reyes", "paymentGateway": "test",
        "items": [{"ticketTypeId": pass_type["id"], "quantity": 1}, {"ticketTypeId": main_only["id"], "quantity": 1}],
    }, who=None), 201)
    confirmed = api.ok(api.post("/client/events/tickets/confirm-order", {
        "bookingId": bought["bookingId"], "paymentRef": bought["paymentRef"], "paymentGateway": "test"}, who=None))
    online = {t["ticketTypeName"]: t["qrPayload"] for t in confirmed["tickets"]}
    comp = api.ok(api.post("/events/tickets/comp", {"eventId": demo, "ticketTypeId": pass_type["id"],
                                                    "holders": [{"email": "pat@example.org", "name": "Pat Lee"}]}),
                  201)["tickets"][0]
    general = next(t for t in api.ok(api.get(f"/client/events/{demo}/ticket-types")) if t["name"] == "General")
    window = sale_entry(demo, SUR, [api.central.seat_ids["GEN301"]], pos_product=general["id"])
    foreign = sale_entry(demo, SUR, [api.central.seat_ids["GEN302"]], pos_product=general["id"])
    foreign["pos_transaction"]["items"][0]["tickets"][0]["barcode"] = FOREIGN
    synced = api.post("/offline_office_tickets_synchronization", {"data": {"ticket_sold": [window, foreign]}},
                      who=SUR)
    assert synced.status_code == 200, synced.text
    return {"pass": online["Door pass"], "main_only": online["Main door only"], "comp": comp["qrPayload"],
            "comp_id": comp["id"], "window": window["pos_transaction"]["items"][0]["tickets"][0]["barcode"],
            "foreign": FOREIGN}


def test_two_doors_admit_each_ticket_once(tmp_path: Path, api: EventsApi, tickets: dict[str, str]) -> None:
    main = _door(tmp_path, api, NORTE, "main-door")
    side = _door(tmp_path, api, SUR, "side-door")
    sold = run_boxoffice(["sell", "--event", api.central.event_id, "--zone", "General", "--qty", "1",
                          "--cash", "2500", "--json"], env=main.env)
    assert sold.returncode == 0, sold.stderr
    here = json.loads(sold.stdout)["tickets"][0]["barcode"]

    assert sync(main)["tickets"] >= 5 and sync(side)["tickets"] >= 5  # offline from here until the next sync

    # sold at this door's own window, not yet synchronised: judged by the local sale, recorded for the central
    assert check(main, here)["reason"] == "ok"
    # another system's barcode fails our check character, yet the snapshot knows it: green, then red
    assert not is_valid(FOREIGN)
    assert check(main, FOREIGN)["reason"] == "ok"
    assert check(main, FOREIGN)["reason"] == "already_entered"
    # accepted scan points: the main door only
    assert check(side, tickets["main_only"])["reason"] == "wrong_door"
    assert check(main, tickets["main_only"])["reason"] == "ok"
    # re-entry limit 2: one entry at each door while offline, both green
    first = check(main, tickets["pass"])
    assert first["reason"] == "ok" and first["scans_left"] == 1
    assert check(side, tickets["pass"])["reason"] == "ok"
    # a one-entry ticket sold at another window, admitted at the main door
    assert check(main, tickets["window"])["reason"] == "ok"
    assert check(main, tickets["window"])["reason"] == "already_entered"
    # the side door has not heard yet: it admits the same ticket (offline, the person is let in) ...
    assert check(side, tickets["window"])["reason"] == "ok"

    synced = run_boxoffice(["sync", "--once", "--json"], env=main.env)  # the window sale reaches the central
    assert synced.returncode == 0, synced.stderr
    up_main, up_side = sync(main), sync(side)
    assert (up_main["sent"], up_main["waiting"]) == (5, 0)
    assert (up_side["sent"], up_side["waiting"]) == (2, 0)
    assert len(up_side["flagged"]) == 1  # ... and the central flags the second entry of the window ticket
    assert sync(main)["sent"] == 0  # exactly once: nothing is sent twice

    # the doors' entries have met: either door now refuses, naming the time and the door of the last entry
    seen = check(side, here)
    assert seen["reason"] == "already_entered" and seen["entered_door"] == "main-door"
    assert check(main, tickets["pass"])["reason"] == "reentry_limit"
    comp_main = check(main, tickets["comp"])
    assert comp_main["reason"] == "ok"
    sync(main), sync(side)
    comp_side = check(side, tickets["comp"])  # its re-entry limit is 2: the second entry is green
    assert comp_side["reason"] == "reentry" and comp_side["scans_left"] == 0
    sync(side), sync(main)
    refused = check(main, tickets["comp"])
    assert refused["reason"] == "reentry_limit" and refused["entered_door"] == "side-door"
    main_text = run_boxoffice(["door", "check", here], env=main.env)
    assert main_text.returncode == 1 and "at main-door" in main_text.stdout

    # the central counted every admitted entry once
    listed = {t["qrPayload"]: t for t in api.ok(api.get(f"/events/{api.central.event_id}/tickets"))}
    assert {code: listed[code]["scans"] for code in (tickets["pass"], tickets["window"], FOREIGN, here,
                                                     tickets["main_only"], tickets["comp"])} == {
        tickets["pass"]: 2, tickets["window"]: 2, FOREIGN: 1, here: 1, tickets["main_only"]: 1, tickets["comp"]: 2}
    assert api.ok(api.get(f"/events/tickets/{tickets['comp_id']}"))["scans"] == 2
