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
from boxoffice.door_sync import DoorSyncReport, door_syncer
from boxoffice.services.checkin import CheckResult, check_ticket
from boxoffice.store.engine import Store
from tests.helpers.cli import run_boxoffice
from tests.helpers.terminal import TestTerminal, make_terminal
from tests.integration.central.conftest import NORTE, SUR, sale_entry
from tests.integration.central_events.conftest import EventsApi, refused

NOW = datetime.now(UTC)
FOREIGN = "TKM-0004417-q"  # another system's barcode: not one of our Satellite Tag codes (and lower case)


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


@dataclasses.dataclass
class Door:
    """A door terminal driven in-process (its own store file, real HTTP); the CLI is run as well, sparingly:
    every ``boxoffice`` process costs seconds on a loaded machine."""

    terminal: TestTerminal
    store: Store
    event_id: str
    scan_point: str

    def check(self, code: str) -> CheckResult:
        return check_ticket(self.store.session_factory, code, self.event_id, actor="door", scan_point=self.scan_point)

    def sync(self) -> DoorSyncReport:
        return door_syncer(self.terminal.client, self.store.session_factory)(self.event_id)


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
    event = api.central.event_id
    main_terminal = _door(tmp_path, api, NORTE, "main-door")
    sold = run_boxoffice(["sell", "--event", event, "--zone", "General", "--qty", "1", "--cash", "2500", "--json"],
                         env=main_terminal.env)
    assert sold.returncode == 0, sold.stderr
    here = json.loads(sold.stdout)["tickets"][0]["barcode"]
    assert _run(main_terminal, "door", "sync")["tickets"] >= 5  # the command, in its own process
    side_terminal = _door(tmp_path, api, SUR, "side-door")
    assert _run(side_terminal, "door", "sync")["tickets"] >= 5
    main = Door(main_terminal, main_terminal.open_store(), event,
                load_config(main_terminal.data_dir / "boxoffice.toml").door.scan_point)
    side = Door(side_terminal, side_terminal.open_store(), event, "side-door")
    try:
        _offline_then_met(api, main, side, tickets, here)
    finally:
        main.store.close()
        side.store.close()
    text = run_boxoffice(["door", "check", here], env=main_terminal.env)  # [door] scan_point from the config
    assert text.returncode == 1 and "already_entered" in text.stdout and "at main-door" in text.stdout

    # the central counted every admitted entry once
    listed = {t["qrPayload"]: t for t in api.ok(api.get(f"/events/{event}/tickets"))}
    assert {code: listed[code]["scans"] for code in (tickets["pass"], tickets["window"], FOREIGN, here,
                                                     tickets["main_only"], tickets["comp"])} == {
        tickets["pass"]: 2, tickets["window"]: 2, FOREIGN: 1, here: 1, tickets["main_only"]: 1, tickets["comp"]: 2}
    assert api.ok(api.get(f"/events/tickets/{tickets['comp_id']}"))["scans"] == 2


def _offline_then_met(api: EventsApi, main: Door, side: Door, tickets: dict[str, str], here: str) -> None:
    # sold at this door's own window, not yet synchronised: judged by the local sale, recorded for the central
    assert main.check(here).reason == "ok"
    # another system's barcode fails our check character, yet the snapshot knows it: green, then red
    assert not is_valid(FOREIGN)
    assert main.check(FOREIGN).reason == "ok"
    assert main.check(FOREIGN).reason == "already_entered"
    # accepted scan points: the main door only
    assert side.check(tickets["main_only"]).reason == "wrong_door"
    assert main.check(tickets["main_only"]).reason == "ok"
    # re-entry limit 2: one entry at each door while offline, both green
    first = main.check(tickets["pass"])
    assert first.reason == "ok" and first.scans_left == 1
    assert side.check(tickets["pass"]).reason == "ok"
    # a one-entry ticket sold at another window, admitted at the main door
    assert main.check(tickets["window"]).reason == "ok"
    assert main.check(tickets["window"]).reason == "already_entered"
    # the side door has not heard yet: it admits the same ticket (offline, the person is let in) ...
    assert side.check(tickets["window"]).reason == "ok"
    # the sold-here ticket's entry waits for its sale to reach the central, then goes up
    early = main.sync()
    assert (early.sent, early.waiting) == (4, 1)
    synced = run_boxoffice(["sync", "--once", "--json"], env=main.terminal.env)
    assert synced.returncode == 0, synced.stderr
    up_main, up_side = main.sync(), side.sync()
    assert (up_main.sent, up_main.waiting) == (1, 0)
    assert (up_side.sent, up_side.waiting) == (2, 0)
    assert len(up_side.flagged) == 1  # ... and the central flags the second entry of the window ticket
    assert main.sync().sent == 0  # exactly once: nothing is sent twice

    # the doors' entries have met: either door now refuses, naming the time and the door of the last entry
    seen = side.check(here)
    assert seen.reason == "already_entered" and seen.entered_door == "main-door" and seen.entered_at is not None
    assert main.check(tickets["pass"]).reason == "reentry_limit"
    assert main.check(tickets["comp"]).reason == "ok"
    main.sync(), side.sync()
    comp_side = side.check(tickets["comp"])  # its re-entry limit is 2: the second entry is green
    assert comp_side.reason == "reentry" and comp_side.scans_left == 0 and comp_side.entered_door == "main-door"
    side.sync(), main.sync()
    refused = main.check(tickets["comp"])
    assert refused.reason == "reentry_limit" and refused.entered_door == "side-door"


def test_door_upload_is_once_per_scan_id_and_refuses_bad_input(api: EventsApi, tickets: dict[str, str]) -> None:
    event = api.central.event_id
    path = f"/events/{event}/door-check-ins"
    scan = {"id": "scan-replayed-1", "qrPayload": tickets["main_only"], "scanPoint": "main-door",
            "scannedAt": "2026-12-02T09:15:00Z"}
    unknown = {**scan, "id": "scan-unknown-1", "qrPayload": "NOBODY-KNOWS-ME"}
    first = api.ok(api.post(path, {"checkIns": [scan, unknown]}, who=SUR))["results"]
    assert [(r["id"], r["status"]) for r in first] == [("scan-replayed-1", "recorded"), ("scan-unknown-1", "unknown")]
    again = api.ok(api.post(path, {"checkIns": [scan]}, who=NORTE))["results"]
    assert again == [{"id": "scan-replayed-1", "status": "duplicate"}]
    listed = {t["barcode"]: t for t in api.ok(api.get(f"/events/{event}/door-snapshot", who=NORTE))["tickets"]}
    entry = listed[tickets["main_only"]]
    assert entry["acceptedScanPoints"] == ["main-door"] and entry["reentryLimit"] == 1
    assert [s["id"] for s in entry["scans"]].count("scan-replayed-1") == 1
    assert listed[tickets["pass"]]["reentryLimit"] == 2 and listed[FOREIGN]["status"] == "valid"
    refused(api.post(path, {"checkIns": [{**scan, "id": "x", "scannedAt": "09:15"}]}), 400, "scannedAt")
    refused(api.post(path, {"checkIns": [{**scan, "id": "x", "scannedAt": "2026-12-02T09:15:00"}]}), 400, "offset")
    refused(api.post(path, {"checkIns": [{**scan, "id": " "}]}), 400, "id")
    refused(api.post(path, {"checkIns": "all"}), 400, "checkIns")
    refused(api.post("/events/nope/door-check-ins", {"checkIns": []}), 404, "unknown event")
    refused(api.get("/events/nope/door-snapshot"), 404, "unknown event")
    assert api.get(f"/events/{event}/door-snapshot", who=None).status_code == 401
