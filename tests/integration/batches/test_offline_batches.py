"""Offline sales batches over real HTTP: every status code of the spec's asynchronous creation, the listing's
pages and fields, and the pre-generated tickets' activation (red at the door until activated)."""

from __future__ import annotations

import pytest

from boxoffice.central import batch_jobs, offline_batches
from tests.integration.batches.conftest import batches_path, closed, follow, make_ticket_type, until_status
from tests.integration.central_events.conftest import EventsApi, refused


def _create(api: EventsApi, item: int, amount: int, **extra: object) -> str:
    body = api.ok(api.post(batches_path(), {"item": item, "amount": amount, **extra}), 202)
    assert set(body) == {"check"} and "/offlinesalesbatches/check/" in body["check"]
    return str(body["check"])


def test_creation_goes_waiting_running_then_200_with_the_batch(api: EventsApi) -> None:
    item = make_ticket_type(api, "Entrada general", capacity=50)
    with closed(batch_jobs.GATES.work):
        with closed(batch_jobs.GATES.claim):
            check = _create(api, item, 7, testmode=True, comment="Taquilla de la feria", sales_channel="box_office")
            assert api.get(check).status_code == 409 and api.get(check).json() == {"status": "waiting"}
        until_status(api, check, "running")
    done = follow(api, check)
    assert done.status_code == 200, done.text
    batch = done.json()
    assert {k: batch[k] for k in ("testmode", "sales_channel", "comment", "layout", "subevent", "item",
                                  "variation", "amount")} == {
        "testmode": True, "sales_channel": "box_office", "comment": "Taquilla de la feria", "layout": 1,
        "subevent": None, "item": item, "variation": None, "amount": 7}
    assert len(batch["orders"]) == 7 and batch["creation"].endswith("Z")
    assert api.ok(api.get(f"{batches_path()}{batch['id']}/")) == batch
    listed = api.ok(api.get(batches_path()))
    assert listed["count"] >= 1 and listed["previous"] is None
    row = next(r for r in listed["results"] if r["id"] == batch["id"])
    assert "orders" not in row and row == {k: v for k, v in batch.items() if k != "orders"}
    ticket = api.ok(api.get(f"/events/tickets/{batch['orders'][0]}"))
    assert ticket["status"] == "pregenerated" and ticket["source"] == "pregenerated"


def test_quota_gone_is_410_and_nothing_was_created(api: EventsApi) -> None:
    item = make_ticket_type(api, "Palco", capacity=3)
    before = api.ok(api.get(batches_path()))["count"]
    tickets_before = len(api.ok(api.get("/events/feria-2026/tickets")))
    gone = follow(api, _create(api, item, 5))
    assert gone.status_code == 410
    assert gone.json()["status"] == "failed" and "quota no longer available" in gone.json()["message"]
    assert api.ok(api.get(batches_path()))["count"] == before
    assert len(api.ok(api.get("/events/feria-2026/tickets"))) == tickets_before


def test_refusals_400_401_403_404(api: EventsApi) -> None:
    item = make_ticket_type(api, "Infantil", capacity=None)
    refused(api.post(batches_path(), {"item": item, "amount": 10_001}), 400, "at most 10000")
    refused(api.post(batches_path(), {"item": item, "amount": 0}), 400, "body.amount")
    refused(api.post(batches_path(), {"item": 999_999, "amount": 1}), 400, "body.item")
    refused(api.post(batches_path(), {"item": item, "amount": 1, "subevent": 3}), 400, "subevent")
    refused(api.post(batches_path(), {"item": item, "amount": 1, "layout": 123}), 400, "layout")
    refused(api.get(batches_path() + "check/29891ede-196f-4942-9e26-d055a36e98b8/"), 404, "expired")
    refused(api.get(batches_path() + "424242/"), 404)
    refused(api.get(batches_path(), who=None), 401)
    refused(api.post(batches_path(), b"{not json", who=None), 401)
    refused(api.post(batches_path(), b"{not json"), 400)
    refused(api.post(batches_path(), [1, 2]), 400, "JSON object")
    refused(api.get(batches_path(organizer="bigevents")), 403, "organizer")
    refused(api.get(batches_path(event="no-such-event")), 403, "unknown event")
    pretix_style = api.http.get(batches_path(), headers={"Authorization": f"Token {api.central.admin_token}"})
    assert pretix_style.status_code == 200, pretix_style.text


def test_pages_have_next_and_previous(api: EventsApi, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(offline_batches, "PAGE_SIZE", 2)  # the server runs in this process: small pages
    item = make_ticket_type(api, "Por páginas", capacity=None)
    checks = [_create(api, item, 1) for _ in range(4)]  # page 2 full whatever else this module made first
    assert {follow(api, check).status_code for check in checks} == {200}
    first = api.ok(api.get(batches_path()))
    assert first["count"] >= 4 and len(first["results"]) == 2 and first["next"].endswith("page=2")
    second = api.ok(api.http.get(first["next"], headers=api._headers("admin")))
    assert second["previous"].endswith("page=1") and len(second["results"]) == 2
    refused(api.get(batches_path() + "?page=99"), 404, "beyond")


def test_pregenerated_ticket_is_red_until_activated_and_activation_is_idempotent(api: EventsApi) -> None:
    item = make_ticket_type(api, "Puerta", capacity=10, price=20)
    made = api.ok(api.post("/events/tickets/pre-generate", {"eventId": "feria-2026", "ticketTypeId": item,
                                                             "quantity": 3}), 201)
    assert made["quantity"] == 3 and len(made["tickets"]) == 3
    ticket = made["tickets"][0]
    red = api.ok(api.post("/events/tickets/validate", {"qrPayload": ticket["qrPayload"]}))
    assert red["light"] == "red" and red["reason"] == "pregenerated" and "not activated" in red["message"]
    door = api.ok(api.post("/events/tickets/check-in", {"qrPayload": ticket["qrPayload"]}))
    assert door["admitted"] is False and door["reason"] == "pregenerated"
    sale = {"holderEmail": "walkup@example.com", "holderName": "Walk-up",
            "payment": {"amount": 20, "method": "card", "ref": "sq_1"}}
    activated = api.ok(api.post(f"/events/tickets/{ticket['id']}/activate", sale, who="office_taquilla_norte"))
    assert activated["ticket"]["status"] == "valid" and activated["ticket"]["holderName"] == "Walk-up"
    assert api.ok(api.post(f"/events/tickets/{ticket['id']}/activate", sale))["ticket"] == activated["ticket"]
    other = {**sale, "payment": {"amount": 20, "method": "cash", "ref": None}}
    refused(api.post(f"/events/tickets/{ticket['id']}/activate", other), 409, "already activated")
    green = api.ok(api.post("/events/tickets/check-in", {"qrPayload": ticket["qrPayload"]}))
    assert green["admitted"] is True and green["light"] == "green"
    refused(api.post(f"/events/tickets/{made['tickets'][1]['id']}/activate",
                     {**sale, "payment": {"amount": 20, "method": "bitcoin"}}), 400, "payment.method")
    refused(api.post(f"/events/tickets/{made['tickets'][1]['id']}/activate", {"holderName": "x"}), 400, "payment")
    refused(api.post("/events/tickets/nope/activate", sale), 404, "unknown ticket")
    refused(api.post("/events/tickets/pre-generate", {"eventId": "feria-2026", "ticketTypeId": item,
                                                      "quantity": 8}), 409, "left")
    refused(api.post("/events/tickets/pre-generate", {"eventId": "feria-2026", "ticketTypeId": item,
                                                      "quantity": 10_001}), 400, "at most 10000")
