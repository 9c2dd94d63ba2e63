"""Issue #20 point 1: the tax rate per ticket type comes from the central's ticket types (``taxRate``, an
extension), the terminal's ``[fiscal]`` default applying where the platform gives none, and the terminal's own
per-type setting above both. Over real HTTP: created on the central, pulled, invoiced at the window."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from boxoffice.core.fiscal import Issuer
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.store.models import Invoice, Product
from tests.helpers.terminal import make_terminal
from tests.integration.central.conftest import NORTE
from tests.integration.central_events.conftest import EventsApi, refused

ISSUER = Issuer(name="Teatro Ejemplo SL", nif="B12345674", address="Calle Mayor 1, Madrid", series="T1",
                default_rate_bp=2100, rates_bp={})


def _type(api: EventsApi, name: str, **fields: object) -> dict:
    return dict(api.ok(api.post("/data/event_ticket_type/create", {"data": {
        "event": api.central.event_id, "name": name, "price": Decimal("22.00"), "currency": "EUR",
        "zone": "General", **fields}}), 201))


def test_the_platforms_rate_is_pulled_and_invoiced_the_default_elsewhere(api: EventsApi, tmp_path: Path) -> None:
    cultural = _type(api, "Cultural", taxRate=Decimal("10"))
    plain = _type(api, "Sin tipo")
    assert (cultural["taxRate"], plain["taxRate"]) == ("10.00", None)
    listed = {t["name"]: t for t in api.ok(api.get(f"/client/events/{api.central.event_id}/ticket-types"))}
    assert listed["Cultural"]["taxRate"] == "10.00"
    refused(api.post("/data/event_ticket_type/create", {"data": {
        "event": api.central.event_id, "name": "Mal", "price": 1, "currency": "EUR", "taxRate": 120}}), 400,
        "percentage")

    central = api.central
    window = make_terminal(tmp_path / "norte", central.url, NORTE, central.office_tokens[NORTE],
                           event_id=central.event_id)
    store = window.open_store()
    try:
        with store.read_session_factory() as session:
            rates = {p.name: p.tax_rate_bp for p in session.scalars(select(Product))}
        assert (rates["Cultural"], rates["Sin tipo"]) == (1000, None)
        fiscal = dataclasses.replace(window.terminal, fiscal=ISSUER)
        pay = (PaymentRequest("cash", tendered_cents=10_000),)
        for ticket_type in (cultural, plain):
            sell(store.session_factory, fiscal, SaleRequest(central.event_id, (
                LineRequest(str(ticket_type["id"]), 1, zone="General"),), pay))
        override = dataclasses.replace(window.terminal, fiscal=dataclasses.replace(
            ISSUER, rates_bp={str(cultural["id"]): 400}))  # the terminal's own [fiscal] tax_rates wins
        sell(store.session_factory, override, SaleRequest(central.event_id, (
            LineRequest(str(cultural["id"]), 1, zone="General"),), pay))
        with store.read_session_factory() as session:
            records = [json.loads(i.record) for i in session.scalars(select(Invoice).order_by(Invoice.id))]
    finally:
        store.close()
    assert [[line["TipoImpositivo"] for line in r["Desglose"]] for r in records] == [["10.00"], ["21.00"], ["4.00"]]
    assert records[0]["CuotaTotal"] == "2.00" and records[0]["ImporteTotal"] == "22.00"
