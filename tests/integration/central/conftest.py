"""Fixtures for the central platform's HTTP tests: a fresh seeded server per test, a small API client."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest

from boxoffice.central.envelope import dumps
from boxoffice.core.codes import item_code, new_purchase_code, ticket_barcode
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server, seeded_template
from tests.helpers.postgres import PostgresServer, postgres_server

NORTE = "office_taquilla_norte"
SUR = "office_taquilla_sur"


class Api:
    """Posts callable-function requests to a running platform; bodies are encoded with exact decimals."""

    def __init__(self, central: CentralServer) -> None:
        self.central = central
        self.http = httpx.Client(base_url=central.url, timeout=60)

    def token(self, who: str | None) -> str | None:
        if who is None:
            return None
        return self.central.admin_token if who == "admin" else self.central.office_tokens.get(who, who)

    def post(self, path: str, body: Any, who: str | None = "admin", key: str | None = None) -> httpx.Response:
        content = body if isinstance(body, bytes) else dumps(body)
        headers = {"Content-Type": "application/json", **self.central.headers(self.token(who), key)}
        return self.http.post(path, content=content, headers=headers)

    def call(self, function: str, data: dict[str, Any], who: str | None = "admin",
             key: str | None = None) -> httpx.Response:
        return self.post(f"/{function}", {"data": data}, who, key)

    def event_view(self) -> dict[str, dict[str, Any]]:
        """The event-wide view keyed by seat id (GEN5 ...)."""
        response = self.call("offline_tickets_list_event_sales", {"event_id": self.central.event_id})
        assert response.status_code == 200, response.text
        return {row["seat_id"]: row for row in response.json()["data"]["response"]}

    @property
    def seat(self) -> dict[str, str]:
        return self.central.seat_ids

    def ids(self, *seats: str) -> list[str]:
        """Ticket ids of demo seats (fixed by the seed, so no request is needed)."""
        return [self.central.seat_ids[seat] for seat in seats]

    def office_list(self, office: str) -> list[dict[str, Any]]:
        response = self.call("offline_office_tickets_list_sales",
                             {"event_id": self.central.event_id, "office_id": office}, who=office)
        assert response.status_code == 200, response.text
        return list(response.json()["data"]["response"])

    def ticket_types(self) -> list[dict[str, Any]]:
        response = self.http.get(f"/client/events/{self.central.event_id}/ticket-types",
                                 headers=self.central.admin_headers)
        assert response.status_code == 200, response.text
        return list(response.json())

    def close(self) -> None:
        self.http.close()


def pos_transaction(event_id: str, product_id: int, tickets: list[str], unit_cents: int = 2500,
                    code: str | None = None) -> dict[str, Any]:
    """A consistent pos-transaction body selling ``tickets`` (one line item, real Satellite Tag codes)."""
    code = code or new_purchase_code()
    total = unit_cents * len(tickets)
    return {
        "event_id": event_id, "code": code, "totalAmount": total, "notes": "", "recordedBy_rfid": "RFID-0001",
        "createdAt": datetime.now(UTC).isoformat().replace("+00:00", "Z"),
        "transactions": [{"paymentMethod": "cash", "amount": total, "change": 0}],
        "items": [{"product_id": product_id, "quantity": len(tickets), "description": "General",
                   "unitAmount": unit_cents, "totalAmount": total, "discountAmount": 0,
                   "item_code": item_code(code, 0),
                   "tickets": [{"product_id": product_id, "description": "General",
                                "barcode": ticket_barcode(code, n + 1), "ticket_id": ticket_id}
                               for n, ticket_id in enumerate(tickets)]}],
    }


def sale_entry(event_id: str, office: str, tickets: list[str], *, code: str | None = None,
               key: str | None = None, status: str = "completed", pos_product: int | None = None,
               amount: Decimal | None = None) -> dict[str, Any]:
    """One ``ticket_sold`` entry as the box office sends it (25.00 per ticket, cash)."""
    code = code or new_purchase_code()
    amount = amount if amount is not None else Decimal("25.00") * len(tickets)
    entry: dict[str, Any] = {
        "ticket": tickets[0] if tickets else None, "tickets": tickets,
        "transactions": [{"method": "cash", "amount": amount}], "amount": amount, "event_id": event_id,
        "event_name": "Festival de Verano", "office_id": office,
        "office_name": "Taquilla Norte" if office == NORTE else "Taquilla Sur", "status": status,
        "client_id": "client_001", "client_name": "Carlos Martínez",
        "idempotency_key": key or f"key-{code}-{status}", "purchase_code": code,
    }
    if pos_product is not None:
        entry["pos_transaction"] = pos_transaction(event_id, pos_product, tickets, code=code)
    return entry


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("central-template"))


@pytest.fixture
def central(tmp_path_factory: pytest.TempPathFactory, template: SeededTemplate) -> Iterator[CentralServer]:
    """A running platform on a fresh copy of the seeded demo database."""
    with central_server(tmp_path_factory.mktemp("central"), template=template) as server:
        yield server


@pytest.fixture
def api(central: CentralServer) -> Iterator[Api]:
    client = Api(central)
    yield client
    client.close()


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The URL of an empty database: a SQLite file, and a new database on the real PostgreSQL server."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.sqlite3'}"
    pg: PostgresServer = request.getfixturevalue("postgres")
    return pg.new_database()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def any_central(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                template: SeededTemplate) -> Iterator[CentralServer]:
    """The same test against a seeded platform on SQLite and on a real PostgreSQL server (issue #12)."""
    if request.param == "sqlite":
        with central_server(tmp_path_factory.mktemp("central"), template=template) as server:
            yield server
    else:
        pg: PostgresServer = request.getfixturevalue("postgres")
        with central_server(db_url=pg.new_database()) as server:
            yield server


@pytest.fixture
def any_api(any_central: CentralServer) -> Iterator[Api]:
    """An ``Api`` on ``any_central`` (SQLite and PostgreSQL)."""
    client = Api(any_central)
    yield client
    client.close()
