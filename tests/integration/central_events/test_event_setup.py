"""Setting up an event over real HTTP: events, offices, the spec's ticket type body, seat CSV import."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.integration.central_events.conftest import EventsApi, refused

SPEC_TICKET_TYPE = {  # the spec's example body, with a real event id
    "name": "General Admission", "price": 199, "currency": "USD", "capacity": 800,
    "saleStart": "2026-04-01T00:00:00Z", "saleEnd": "2026-09-12T00:00:00Z", "perks": ["lunch", "tote"],
    "allowReentry": True, "reentryLimit": 3, "acceptedScanPoints": ["main-door"], "visibility": "public",
    "transferable": True, "refundPolicy": "until-7-days",
}
SEATS_CSV = ("zone,colour,row,seat,price level,x,y\n"
             "Platea,#FF0000,A,1,P1,10.5,20\nPlatea,#FF0000,A,2,P1,11.5,20\nAnfiteatro,#00FF00,1,1,P2,,\n")


@pytest.fixture(scope="module")
def event_id(api: EventsApi) -> str:
    event = api.ok(api.post("/data/event/create", {"data": {
        "id": "concierto-2026", "name": "Concierto de Otoño", "currency": "USD",
        "dateStart": "2026-10-01T19:00:00Z", "dateEnd": "2026-10-01T23:00:00Z"}}), 201)
    assert event["id"] == "concierto-2026" and event["currency"] == "USD"
    return str(event["id"])


def test_event_create_update_list(api: EventsApi, event_id: str) -> None:
    updated = api.ok(api.post("/data/event/update", {"data": {"id": event_id, "name": "Concierto de Otoño II"}}))
    assert updated["name"] == "Concierto de Otoño II" and updated["dateStart"] == "2026-10-01T19:00:00Z"
    assert event_id in {e["id"] for e in api.ok(api.get("/data/event/list"))}
    refused(api.post("/data/event/create", {"data": {"id": event_id, "name": "again"}}), 409, "already exists")
    refused(api.post("/data/event/create", {"data": {"name": "x", "dateStart": "2026-10-01T19:00:00"}}), 400,
            "data.dateStart", "UTC offset")
    refused(api.post("/data/event/update", {"data": {"id": "nope"}}), 404, "unknown event")
    refused(api.post("/data/event/create", {"data": {"id": "x" * 65, "name": "x"}}), 400, "longer than 64")
    refused(api.post("/data/event/create", {"data": {"name": "x"}}, who=None), 401)
    refused(api.post("/data/event/create", {"data": {"name": "x"}}, who="office_taquilla_norte"), 403)


def test_office_create_and_list(api: EventsApi) -> None:
    assert api.ok(api.post("/data/office/create", {"data": {"id": "office_puerta", "name": "Puerta"}}), 201) == {
        "id": "office_puerta", "name": "Puerta"}
    assert {"id": "office_puerta", "name": "Puerta"} in api.ok(api.get("/data/office/list"))
    refused(api.post("/data/office/create", {"data": {"id": "office_puerta", "name": "Puerta"}}), 409)
    refused(api.post("/data/office/create", {"data": {"id": "office_x"}}), 400, "data.name")


def test_spec_ticket_type_is_general_admission_and_listed_without_token(api: EventsApi, event_id: str) -> None:
    created = api.ok(api.post("/data/event_ticket_type/create", {"data": {"event": event_id,
                                                                          **SPEC_TICKET_TYPE}}), 201)
    assert created["price_cents"] == 19900 and Decimal(str(created["price"])) == Decimal("199.00")
    assert created["zone"] is None and created["capacity"] == 800  # capacity, no seats: general admission
    assert created["acceptedScanPoints"] == ["main-door"] and created["reentryLimit"] == 3
    assert created["perks"] == ["lunch", "tote"] and created["refundPolicy"] == "until-7-days"
    api.ok(api.post("/data/event_ticket_type/create", {"data": {
        "event": event_id, "name": "Invitados", "price": 0, "currency": "USD", "capacity": 10,
        "visibility": "invite-only"}}), 201)
    public = api.ok(api.get(f"/client/events/{event_id}/ticket-types", who=None))
    assert [t["name"] for t in public] == ["General Admission"]
    assert len(api.ok(api.get(f"/client/events/{event_id}/ticket-types"))) == 2


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"price": -1}, "data.price", "zero or more"),
    ({"price": "199"}, "data.price", "number"),
    ({"visibility": "secret"}, "data.visibility", "public, private, invite-only"),
    ({"saleEnd": "2026-03-01T00:00:00Z"}, "data.saleEnd", "after the start"),
    ({"capacity": 0}, "data.capacity", "at least 1"),
    ({"allowReentry": False}, "data.reentryLimit", "allowReentry"),
    ({"reentryLimit": None}, "data.reentryLimit", "required with allowReentry"),
    ({"perks": [1]}, "data.perks", "list of non-empty strings"),
    ({"currency": "EURO"}, "data.currency", "3-letter"),
    ({"zone": "Nowhere"}, "data.zone", "no seats in zone"),
    ({"transferable": "yes"}, "data.transferable", "true or false"),
])
def test_ticket_type_refusals_name_the_field(api: EventsApi, event_id: str, change: dict[str, object],
                                            field: str, words: str) -> None:
    body = refused(api.post("/data/event_ticket_type/create", {"data": {"event": event_id, **SPEC_TICKET_TYPE,
                                                                         **change}}), 400, words)
    assert body["data"]["field"] == field


def test_ticket_type_of_unknown_event_is_404(api: EventsApi) -> None:
    refused(api.post("/data/event_ticket_type/create", {"data": {"event": "nope", **SPEC_TICKET_TYPE}}), 404,
            "unknown event")


def test_seat_csv_import_then_a_seated_type(api: EventsApi, event_id: str) -> None:
    imported = api.ok(api.post(f"/events/{event_id}/seats/import", SEATS_CSV.encode()), 201)
    assert imported == {"eventId": event_id, "imported": 3, "zones": {"Platea": 2, "Anfiteatro": 1}}
    seated = api.ok(api.post("/data/event_ticket_type/create", {"data": {
        "event": event_id, "name": "Platea", "price": Decimal("35.50"), "currency": "USD", "zone": "Platea"}}), 201)
    assert seated["capacity"] == 2 and seated["price_cents"] == 3550
    again = refused(api.post(f"/events/{event_id}/seats/import", SEATS_CSV.encode()), 400, "line 2",
                    "already a seat")
    assert again["data"]["line"] == 2


def test_a_bad_seat_row_names_its_line_and_imports_nothing(api: EventsApi, event_id: str) -> None:
    bad = "zone,colour,row,seat,price level\nBalcón,#0000FF,1,1,P3\nBalcón,#0000FF,1,,P3\n"
    refused(api.post(f"/events/{event_id}/seats/import", bad.encode()), 400, "line 3", "seat is empty")
    refused(api.post(f"/events/{event_id}/seats/import", b"zone,row\n"), 400, "line 1", "colour")
    refused(api.post(f"/events/{event_id}/seats/import", b"zone,colour,row,seat,price level,x\nB,#1,1,1,P,ten\n"),
            400, "line 2", "x must be a number")
    fine = "zone,colour,row,seat,price level\nBalcón,#0000FF,1,1,P3\n"
    assert api.ok(api.post(f"/events/{event_id}/seats/import", fine.encode()), 201)["imported"] == 1
