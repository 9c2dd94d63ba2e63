"""Ticket types: one per zone, the child product and the family pass, priced in decimals and cents."""

from __future__ import annotations

from decimal import Decimal

from tests.integration.central.conftest import NORTE, Api


def test_ticket_types_price_every_zone(api: Api) -> None:
    response = api.http.get(f"/client/events/{api.central.event_id}/ticket-types",
                            headers=api.central.office_headers(NORTE))
    assert response.status_code == 200
    assert '"price":25.00' in response.text  # a decimal with two places, not 25.0
    types = {t["name"]: t for t in response.json()}
    assert set(types) == {"General", "Preferente", "VIP", "Niño", "Pase Familiar"}
    by_zone = {t["zone"]: t for t in types.values() if t["kind"] == "ticket"}
    assert set(by_zone) == {"General", "Preferente", "VIP"}
    general = types["General"]
    assert general["price_cents"] == 2500 and Decimal(str(general["price"])) == Decimal("25.00")
    assert general["event"] == api.central.event_id and general["capacity"] == 1200
    for field in ("id", "currency", "saleStart", "saleEnd", "allowReentry", "reentryLimit", "visibility"):
        assert field in general
    assert types["Niño"]["kind"] == "child"
    family = types["Pase Familiar"]
    assert family["kind"] == "family_pass"
    assert family["components"] == [{"product_id": general["id"], "quantity": 2},
                                    {"product_id": types["Niño"]["id"], "quantity": 3}]


def test_ticket_types_need_no_token_but_a_known_event(api: Api) -> None:
    path = f"/client/events/{api.central.event_id}/ticket-types"
    public = api.http.get(path)  # the spec: "No auth"; a bad token is still refused
    assert public.status_code == 200 and {t["visibility"] for t in public.json()} == {"public"}
    assert api.http.get(path, headers=api.central.headers("bxc_wrong")).status_code == 401
    missing = api.http.get("/client/events/nope/ticket-types", headers=api.central.admin_headers)
    assert missing.status_code == 404 and missing.json()["data"]["valido"] is False
