"""A pull takes what it can: one ticket type the terminal cannot price is left out with a message (#12 Low)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.inventory_pull import pull
from boxoffice.store.engine import Store, open_store
from boxoffice.store.models import Product, Ticket
from boxoffice.sync.client import CentralClient
from boxoffice.sync.errors import ProtocolError
from tests.helpers.canned_http import Canned, CannedServer

TICKETS = {"message": "ok", "status": 200, "data": {"valido": True, "response": [
    {"ticket_id": f"EV1-T{n}", "seat_id": f"GEN{n}", "zone": "General", "color": "#4A90D9", "status": True,
     "event_id": "EV1", "event_name": "Festival de Verano"} for n in (1, 2)]}}
#: Written by hand: json.dumps cannot write a number this large, a platform can.
TYPES = (b'[{"id": 1, "name": "General", "price": "25.00", "zone": "General"},'
         b' {"id": 2, "name": "Broken", "price": 1E+999999, "zone": "General"}]')


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with open_store(tmp_path / "boxoffice.sqlite3") as opened:
        yield opened


@pytest.fixture
def server() -> Iterator[CannedServer]:
    with CannedServer() as canned:
        yield canned


def test_a_ticket_type_priced_1e999999_is_left_out_and_the_rest_is_pulled(server: CannedServer, store: Store) -> None:
    server.answer(Canned(body=json.dumps(TICKETS).encode()), Canned(body=TYPES))
    refused: list[str] = []
    client = CentralClient(server.url, "tok-1234567890", "office_taquilla_norte")
    try:
        [report] = pull(client, store.session_factory, ["EV1"], refused=refused)
    finally:
        client.close()
    assert report.available == 2 and report.products == 1
    assert len(refused) == 1
    assert "EV1" in refused[0] and "price" in refused[0] and "1E+999999" in refused[0]
    with store.read_session_factory() as session:
        assert [p.name for p in session.scalars(select(Product))] == ["General"]
        assert len(list(session.scalars(select(Ticket)))) == 2


def test_without_a_list_for_refusals_the_client_still_refuses_the_whole_answer(server: CannedServer) -> None:
    server.answer(Canned(body=TYPES))
    client = CentralClient(server.url, "tok-1234567890", "office_taquilla_norte")
    try:
        with pytest.raises(ProtocolError, match="price"):
            client.ticket_types("EV1")
    finally:
        client.close()


RULED_TYPES = json.dumps([
    {"id": 1, "name": "Preventa", "price": "20.00", "zone": "General", "saleStart": "2026-04-01T00:00:00Z",
     "saleEnd": "2026-09-12T00:00:00+02:00", "visibility": "invite-only"},
    {"id": 2, "name": "Fecha rota", "price": "25.00", "zone": "General", "saleEnd": "next tuesday"},
]).encode()


def test_a_pull_keeps_each_types_sale_window_and_visibility(server: CannedServer, store: Store) -> None:
    """The spec's saleStart/saleEnd (any offset, stored as UTC) and visibility reach the window's products; a
    type whose time is not a time is left out with the reason, the rest is pulled."""
    server.answer(Canned(body=json.dumps(TICKETS).encode()), Canned(body=RULED_TYPES))
    refused: list[str] = []
    client = CentralClient(server.url, "tok-1234567890", "office_taquilla_norte")
    try:
        pull(client, store.session_factory, ["EV1"], refused=refused)
    finally:
        client.close()
    assert len(refused) == 1 and "saleEnd" in refused[0] and "next tuesday" in refused[0]
    with store.read_session_factory() as session:
        [product] = session.scalars(select(Product))
    assert product.name == "Preventa" and product.visibility == "invite-only"
    assert product.sale_start.isoformat() == "2026-04-01T00:00:00+00:00"
    assert product.sale_end.isoformat() == "2026-09-11T22:00:00+00:00"
