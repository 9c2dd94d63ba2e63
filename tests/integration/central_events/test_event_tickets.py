"""The spec's staff endpoints and the online purchase over real HTTP, with the spec's example bodies.

(The spec's page shows its example emails as "[email protected]", an obfuscation of the published page;
real addresses stand in for them here.)

One server for the module; an event set up through the API: ``general`` (GA, re-entry 3 at ``main-door``,
transferable), ``vip`` (not transferable), ``workshop-a`` (capacity 2), a private and a not-yet-on-sale type.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from boxoffice.central.envelope import iso_utc
from tests.integration.central.conftest import NORTE, sale_entry
from tests.integration.central_events.conftest import EventsApi, refused

NOW = datetime.now(UTC)
EVENT = "evento-real"


def _type(api: EventsApi, name: str, **fields: Any) -> dict[str, Any]:
    body = {"event": EVENT, "name": name, "price": Decimal("199"), "currency": "USD",
            "saleStart": iso_utc(NOW - timedelta(days=1)), "saleEnd": iso_utc(NOW + timedelta(days=30)), **fields}
    return dict(api.ok(api.post("/data/event_ticket_type/create", {"data": body}), 201))


@pytest.fixture(scope="module")
def types(api: EventsApi) -> dict[str, dict[str, Any]]:
    api.ok(api.post("/data/event/create", {"data": {"id": EVENT, "name": "Evento real", "currency": "USD",
                                                     "dateStart": iso_utc(NOW + timedelta(days=40))}}), 201)
    return {
        "general": _type(api, "General", capacity=800, perks=["lunch", "tote"], allowReentry=True, reentryLimit=3,
                         acceptedScanPoints=["main-door"], transferable=True, refundPolicy="until-7-days"),
        "vip": _type(api, "VIP", price=Decimal("500"), capacity=20),
        "workshop": _type(api, "workshop-a", price=Decimal("50.50"), capacity=2),
        "private": _type(api, "Private", capacity=5, visibility="private"),
        "later": _type(api, "Later", capacity=5, saleStart=iso_utc(NOW + timedelta(days=5))),
    }


def _purchase(api: EventsApi, items: list[dict[str, Any]], gateway: str = "stripe") -> Any:
    return api.post("/client/events/tickets/purchase", {
        "eventId": EVENT, "email": "alex@example.com", "name": "Alex Reyes", "items": items,
        "paymentGateway": gateway, "promoCode": "EARLY10"}, who=None)


@pytest.fixture(scope="module")
def booking(api: EventsApi, types: dict[str, Any]) -> dict[str, Any]:
    """The spec's purchase body, paid through the built-in gateway and confirmed."""
    purchase = api.ok(_purchase(api, [{"ticketTypeId": "general", "quantity": 2},
                                      {"ticketTypeId": "workshop-a", "quantity": 1}]), 201)
    assert purchase["status"] == "pending" and purchase["clientSecret"].startswith(purchase["paymentRef"])
    assert Decimal(str(purchase["amount"])) == Decimal("448.50") and purchase["amount_cents"] == 44850
    confirmed = api.ok(api.post("/client/events/tickets/confirm-order", {
        "bookingId": purchase["bookingId"], "paymentRef": purchase["paymentRef"], "paymentGateway": "stripe"},
        who=None))
    assert confirmed["status"] == "confirmed" and len(confirmed["tickets"]) == 3
    return dict(confirmed)


def _scan(api: EventsApi, path: str, ticket: dict[str, Any], point: str | None = "main-door",
          who: str = "admin") -> dict[str, Any]:
    return dict(api.ok(api.post(f"/events/tickets/{path}", {"qrPayload": ticket["qrPayload"], "scanPoint": point},
                                who=who)))


def test_confirm_issues_one_ticket_per_quantity_each_with_its_qr(api: EventsApi, booking: dict[str, Any]) -> None:
    tickets = booking["tickets"]
    assert [t["ticketTypeName"] for t in tickets] == ["General", "General", "workshop-a"]
    assert len({t["qrPayload"] for t in tickets}) == 3 and all(len(t["qrPayload"]) == 18 for t in tickets)
    assert {t["status"] for t in tickets} == {"valid"} and tickets[0]["holderEmail"] == "alex@example.com"
    replay = api.ok(api.post("/client/events/tickets/confirm-order", {
        "bookingId": booking["bookingId"], "paymentRef": booking["paymentRef"]}, who=None))
    assert [t["id"] for t in replay["tickets"]] == [t["id"] for t in tickets]  # the callback twice: same tickets


def test_purchase_rules_capacity_visibility_sale_window_payment(api: EventsApi, booking: dict[str, Any],
                                                                types: dict[str, Any]) -> None:
    refused(_purchase(api, [{"ticketTypeId": "workshop-a", "quantity": 2}]), 409, "has 1 left")
    refused(_purchase(api, [{"ticketTypeId": "private", "quantity": 1}]), 403, "not on public sale")
    staff = api.post("/events/tickets/purchase", {"eventId": EVENT, "email": "vip@example.com",
                                                   "items": [{"ticketTypeId": "private", "quantity": 1}]})
    assert api.ok(staff, 201)["status"] == "pending"  # staff (admin token) may sell a private type
    refused(api.post("/events/tickets/purchase", {"eventId": EVENT}, who=None), 401)
    refused(_purchase(api, [{"ticketTypeId": "later", "quantity": 1}]), 409, "opens at")
    refused(_purchase(api, [{"ticketTypeId": "nope", "quantity": 1}]), 404, "no ticket type")
    refused(_purchase(api, [{"ticketTypeId": "general", "quantity": 0}]), 400, "at least 1")
    refused(_purchase(api, [{"ticketTypeId": "general", "quantity": 1}], gateway="bitcoin"), 400, "stripe")
    pending = api.ok(_purchase(api, [{"ticketTypeId": "workshop-a", "quantity": 1}], gateway="paypal"), 201)
    assert pending["paypalOrderId"] == pending["paymentRef"]
    refused(_purchase(api, [{"ticketTypeId": "workshop-a", "quantity": 1}]), 409, "has 0 left")  # held
    refused(api.post("/client/events/tickets/confirm-order", {"bookingId": pending["bookingId"],
                                                              "paymentRef": "PAYPAL-forged"}, who=None),
            402, "nothing was issued")
    cancelled = api.ok(api.post(f"/events/bookings/{pending['bookingId']}/cancel"))
    assert cancelled["status"] == "cancelled" and cancelled["tickets"] == []
    refused(api.post("/client/events/tickets/confirm-order", {"bookingId": pending["bookingId"],
                                                              "paymentRef": pending["paymentRef"]}, who=None),
            409, "cancelled")


def test_validate_is_green_without_recording_and_check_in_applies_the_rules(api: EventsApi,
                                                                           booking: dict[str, Any]) -> None:
    general = booking["tickets"][0]
    for _ in range(2):
        seen = _scan(api, "validate", general, who=NORTE)  # a door terminal's office token
        assert seen["valid"] is True and seen["light"] == "green" and seen["ticket"]["scans"] == 0
    wrong_door = _scan(api, "check-in", general, point="side-door")
    assert wrong_door["admitted"] is False and wrong_door["reason"] == "scan_point_not_accepted"
    assert [_scan(api, "check-in", general)["scansLeft"] for _ in range(3)] == [2, 1, 0]
    fourth = _scan(api, "check-in", general)
    assert fourth["admitted"] is False and fourth["reason"] == "reentry_limit" and "main-door" in fourth["message"]
    assert _scan(api, "validate", general)["light"] == "red"
    workshop = booking["tickets"][2]  # no re-entry: one scan
    assert _scan(api, "check-in", workshop, point=None)["admitted"] is True
    again = _scan(api, "check-in", workshop, point=None)
    assert again["reason"] == "already_entered" and again["message"].startswith("already entered at ")
    unknown = api.ok(api.post("/events/tickets/validate", {"qrPayload": "NOT-A-TICKET"}))
    assert unknown == {"valid": False, "light": "red", "reason": "unknown_ticket", "message": "no ticket has "
                       "this code", "scansLeft": None, "ticket": None}
    wrong = api.ok(api.post("/events/tickets/validate", {"qrPayload": general["qrPayload"], "eventId": "other"}))
    assert wrong["reason"] == "wrong_event"
    refused(api.post("/events/tickets/validate", {"scanPoint": "main-door"}), 400, "qrPayload")
    refused(api.post("/events/tickets/validate", {"qrPayload": general["qrPayload"]}, who=None), 401)


def test_comp_with_the_spec_body(api: EventsApi, types: dict[str, Any]) -> None:
    body = {"eventId": EVENT, "ticketTypeId": "vip", "note": "Day-1 keynote speakers",
            "holders": [{"email": "pat@example.com", "name": "Pat Lee"},
                        {"email": "jordan@example.com", "name": "Jordan Kim"}]}
    issued = api.ok(api.post("/events/tickets/comp", body), 201)
    assert [t["holderName"] for t in issued["tickets"]] == ["Pat Lee", "Jordan Kim"]
    assert {t["source"] for t in issued["tickets"]} == {"comp"} and issued["tickets"][0]["price_cents"] == 0
    assert _scan(api, "validate", issued["tickets"][0], point=None)["valid"] is True
    refused(api.post("/events/tickets/comp", body, who=NORTE), 403, "admin")
    key = {"X-Idempotency-Key": "comp-keynote", "Authorization": f"Bearer {api.central.admin_token}"}
    first = api.http.post("/events/tickets/comp", json={**body, "ticketTypeId": "general"}, headers=key)
    again = api.http.post("/events/tickets/comp", json={**body, "ticketTypeId": "general"}, headers=key)
    assert first.status_code == again.status_code == 201 and again.content == first.content  # a retry: no new
    assert again.headers["Idempotent-Replayed"] == "true"
    refused(api.http.post("/events/tickets/comp", json=body, headers=key), 409, "different")
    refused(api.post("/events/tickets/comp", body, who=None), 401)
    refused(api.post("/events/tickets/comp", {**body, "holders": []}), 400, "at least one holder")
    shown = api.ok(api.get(f"/events/tickets/{issued['tickets'][0]['id']}"))
    assert shown["note"] == "Day-1 keynote speakers" and shown["ticketTypeName"] == "VIP"
    refused(api.post(f"/events/tickets/{issued['tickets'][0]['id']}/transfer", {"toEmail": "x@example.com"}),
            409,
            "not transferable")


def test_transfer_revokes_the_old_ticket_and_issues_a_new_qr(api: EventsApi, booking: dict[str, Any]) -> None:
    old = booking["tickets"][1]
    moved = api.ok(api.post(f"/events/tickets/{old['id']}/transfer", {"toEmail": "new@example.com",
                                                                       "toName": "New Holder"}), 201)
    new = moved["ticket"]
    assert moved["revokedTicketId"] == old["id"] and new["id"] != old["id"]
    assert new["qrPayload"] != old["qrPayload"] and new["transferredFrom"] == old["id"]
    assert new["holderName"] == "New Holder"
    red = _scan(api, "validate", old)
    assert red["reason"] == "revoked" and red["ticket"]["transferredTo"] == new["id"]
    assert _scan(api, "validate", new)["valid"] is True
    refused(api.get(f"/events/tickets/{old['id']}/qr"), 410, "void")
    qr = api.ok(api.get(f"/events/tickets/{new['id']}/qr"))
    assert qr["qrPayload"] == new["qrPayload"] and qr["svg"].startswith("<?xml") and "<svg" in qr["svg"]


def test_refund_and_cancel_one_ticket_keep_the_record_and_void_the_qr(api: EventsApi,
                                                                     types: dict[str, Any]) -> None:
    issued = api.ok(api.post("/events/tickets/comp", {"eventId": EVENT, "ticketTypeId": types["general"]["id"],
                                                       "holders": [{"name": "A"}, {"name": "B"}]}), 201)
    first, second = issued["tickets"]
    refunded = api.ok(api.post(f"/events/tickets/{first['id']}/refund"))
    assert refunded["ticket"]["status"] == "refunded" and refunded["refund"]["gateway"] == "test"
    cancelled = api.ok(api.post(f"/events/tickets/{second['id']}/cancel"))
    assert cancelled["ticket"]["status"] == "cancelled"
    assert _scan(api, "validate", first)["reason"] == "refunded"
    assert _scan(api, "check-in", second)["reason"] == "cancelled"
    assert api.ok(api.get(f"/events/tickets/{second['id']}"))["status"] == "cancelled"  # record kept
    refused(api.post(f"/events/tickets/{first['id']}/refund"), 409, "refunded")
    refused(api.post("/events/tickets/nope/cancel"), 404, "unknown ticket")


def test_refund_a_whole_booking_frees_capacity(api: EventsApi, types: dict[str, Any]) -> None:
    vip = [{"ticketTypeId": types["vip"]["id"], "quantity": 18}]  # the other 2 are comps
    bought = api.ok(_purchase(api, vip, gateway="test"), 201)
    done = api.ok(api.post("/client/events/tickets/confirm-order", {"bookingId": bought["bookingId"],
                                                                     "paymentRef": bought["paymentRef"]}, who=None))
    refused(_purchase(api, [{"ticketTypeId": "vip", "quantity": 1}]), 409, "has 0 left")
    refund = api.ok(api.post(f"/events/bookings/{done['bookingId']}/refund"))
    assert refund["status"] == "refunded" and refund["refund"]["amount_cents"] == 18 * 50000
    assert {t["status"] for t in refund["tickets"]} == {"refunded"}
    assert _purchase(api, [{"ticketTypeId": "vip", "quantity": 1}]).status_code == 201
    refused(api.post(f"/events/bookings/{done['bookingId']}/refund"), 409, "refunded")
    refused(api.post("/events/bookings/nope/refund"), 404, "unknown booking")


def test_event_listing_has_every_channel(api: EventsApi, booking: dict[str, Any]) -> None:
    listed = api.ok(api.get(f"/events/{EVENT}/tickets"))
    ids = {t["id"] for t in listed}
    assert {t["id"] for t in booking["tickets"]} <= ids
    assert {t["source"] for t in listed} >= {"online", "comp", "transfer"}
    refused(api.get("/events/nope/tickets"), 404, "unknown event")
    refused(api.get(f"/events/{EVENT}/tickets", who=NORTE), 403)


def test_a_ticket_sold_at_a_window_validates_green_at_the_central(api: EventsApi) -> None:
    demo = api.central.event_id
    general = next(t for t in api.ok(api.get(f"/client/events/{demo}/ticket-types")) if t["name"] == "General")
    seats = [api.central.seat_ids["GEN101"], api.central.seat_ids["GEN102"]]
    entry = sale_entry(demo, NORTE, seats, pos_product=general["id"])
    synced = api.post("/offline_office_tickets_synchronization", {"data": {"ticket_sold": [entry]}}, who=NORTE)
    assert synced.status_code == 200, synced.text
    barcode = entry["pos_transaction"]["items"][0]["tickets"][0]["barcode"]
    seen = api.ok(api.post("/events/tickets/validate", {"qrPayload": barcode}, who=NORTE))
    assert seen["valid"] is True and seen["ticket"]["source"] == "office"
    assert seen["ticket"]["officeId"] == NORTE and seen["ticket"]["purchaseCode"] == entry["purchase_code"]
    assert api.ok(api.post("/events/tickets/check-in", {"qrPayload": barcode}))["admitted"] is True
    assert api.ok(api.post("/events/tickets/check-in", {"qrPayload": barcode}))["reason"] == "already_entered"
    by_seat = api.ok(api.post("/events/tickets/validate", {"qrPayload": seats[1]}))
    assert by_seat["valid"] is True
    assert api.ok(api.get(f"/events/tickets/{seats[0]}"))["scans"] == 1
    assert seats[0] in {t["id"] for t in api.ok(api.get(f"/events/{demo}/tickets"))}
    refused(api.post(f"/events/tickets/{seats[0]}/refund"), 409, "at that window")
    void = sale_entry(demo, NORTE, seats, code=entry["purchase_code"], status="cancelled")
    synced = api.post("/offline_office_tickets_synchronization", {"data": {"ticket_sold": [void]}}, who=NORTE)
    assert synced.status_code == 200, synced.text
    red = api.ok(api.post("/events/tickets/validate", {"qrPayload": barcode}))
    assert red["valid"] is False and red["reason"] == "cancelled"
