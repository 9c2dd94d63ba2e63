"""The door snapshot offline (#16 point 5): any ticket of the event judged by it, entries kept and sent once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from boxoffice.core.codes import is_valid
from boxoffice.core.door_rules import DoorTicketInfo, SeenScan
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.catalog import lines_for
from boxoffice.services.checkin import check_ticket
from boxoffice.services.context import Terminal
from boxoffice.services.door_snapshot import mark_uploaded, pending_uploads, replace_snapshot
from boxoffice.services.journal import verify
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import SaleRequest, sell
from tests.helpers.supervisors import SUPERVISOR

TERMINAL = Terminal("office_taquilla_norte", "Taquilla Norte", "t1")
EARLIER = datetime.now(UTC) - timedelta(minutes=5)


def _ticket(barcode: str, status: str = "valid", limit: int = 1, points: tuple[str, ...] = ()) -> DoorTicketInfo:
    return DoorTicketInfo(barcode, f"key-{barcode}", f"id-{barcode}", "General", "Pat Lee", status, limit, points)


def test_snapshot_rules_and_the_entries_of_other_doors(store) -> None:
    replace_snapshot(store.session_factory, "EV1", [
        _ticket("EXT-1"), _ticket("TWICE", limit=2), _ticket("MAIN", points=("main-door",)),
        _ticket("REFUNDED", "refunded"), _ticket("MOVED", "revoked"), _ticket("UNSOLD", "pregenerated"),
        _ticket("ELSEWHERE")],
        [SeenScan("central-7", "ELSEWHERE", EARLIER, "side-door")])
    replace_snapshot(store.session_factory, "EV2", [_ticket("OTHER-EVENT")], [])
    check = lambda code, door="main-door": check_ticket(store.session_factory, code, "EV1",  # noqa: E731
                                                        actor="door-1", scan_point=door)
    assert not is_valid("EXT-1")
    first = check(" ext-1 ")
    assert (first.green, first.reason, first.holder, first.scans_left) == (True, "ok", "Pat Lee", 0)
    again = check("EXT-1", "side-door")
    assert (again.reason, again.entered_door) == ("already_entered", "main-door")
    assert check("TWICE").reason == "ok"
    second = check("TWICE", "side-door")
    assert (second.green, second.reason, second.scans_left, second.entered_door) == (True, "reentry", 0, "main-door")
    third = check("TWICE")
    assert (third.reason, third.entered_door, third.limit) == ("reentry_limit", "side-door", 2)
    assert check("MAIN", "side-door").reason == "wrong_door"
    assert check("MAIN", None).reason == "wrong_door"
    assert check("MAIN").green
    assert check("REFUNDED").reason == "refunded" and check("MOVED").reason == "transferred"
    assert check("UNSOLD").reason == "not_activated"
    other = check("ELSEWHERE")
    assert (other.reason, other.entered_at, other.entered_door) == ("already_entered", EARLIER, "side-door")
    assert check("OTHER-EVENT").reason == "wrong_event"
    assert check("NOT-LISTED").reason == "malformed"  # neither listed nor one of our codes

    pending = pending_uploads(store.session_factory, "EV1")
    assert [p.barcode for p in pending] == ["EXT-1", "TWICE", "TWICE", "MAIN"]
    # the refresh after sending: our entries come back under their own ids and are not counted twice
    mark_uploaded(store.session_factory, {p.id: None for p in pending})
    report = replace_snapshot(store.session_factory, "EV1", [_ticket("EXT-1"), _ticket("TWICE", limit=2)],
                              [SeenScan(p.id, p.barcode, p.scanned_at, p.scan_point) for p in pending])
    assert report.scans_elsewhere == 0 and pending_uploads(store.session_factory) == []
    assert check("TWICE").reason == "reentry_limit"
    with store.read_session_factory() as session:
        assert verify(session).ok  # every entry is journaled in the chain


def test_a_ticket_sold_here_is_checked_by_the_local_sale_then_by_the_snapshot(store) -> None:
    lines = lines_for(store.session_factory, "EV1", zone="General", quantity=2)
    cash = (PaymentRequest("cash", tendered_cents=10**6),)
    sale = sell(store.session_factory, TERMINAL, SaleRequest("EV1", lines, cash))
    kept, voided = sale.tickets[0].barcode, sale.tickets[1].barcode
    assert check_ticket(store.session_factory, kept, "EV1", scan_point="main-door").green
    [entry] = pending_uploads(store.session_factory)
    assert (entry.barcode, entry.scan_point) == (kept, "main-door")
    void_sale(store.session_factory, TERMINAL, sale.purchase_code, "refund", actor=SUPERVISOR)
    replace_snapshot(store.session_factory, "EV1", [_ticket(voided)], [])  # the central has not heard yet
    assert check_ticket(store.session_factory, voided, "EV1").reason == "voided"
