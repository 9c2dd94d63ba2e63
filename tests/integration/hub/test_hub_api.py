"""The hub's window-facing app over HTTP (uvicorn on 127.0.0.1): holds and leases kept apart between windows,
the listing each window sees, and the bookkeeping of the wrapped synchronisation and unassignment."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from boxoffice.central.app import create_app
from boxoffice.central.db import Database
from boxoffice.central.envelope import dumps
from boxoffice.core.codes import new_purchase_code
from boxoffice.hub.app import create_hub_app
from boxoffice.hub.models import HubHold, HubState, HubUpstream, HubWindow
from boxoffice.hub.settings import HubSettings
from boxoffice.hub.windows import retire
from boxoffice.sync.client import CentralClient
from tests.helpers.central_server import serve_app
from tests.helpers.hub_seed import HubSeed, hub_db_url, open_db, seed_hub
from tests.helpers.postgres import PostgresServer, postgres_server

SMALL_LEASE = 3


class Window:
    """One window's calls to the hub (its own token), bodies encoded with exact decimals."""

    def __init__(self, url: str, token: str | None, seed: HubSeed) -> None:
        self.seed = seed
        self.http = httpx.Client(base_url=url, timeout=30,
                                 headers={"Authorization": f"Bearer {token}"} if token else {})

    def call(self, function: str, data: dict[str, Any], key: str | None = None) -> httpx.Response:
        headers = {"Content-Type": "application/json", **({"X-Idempotency-Key": key} if key else {})}
        return self.http.post(f"/{function}", content=dumps({"data": data}), headers=headers)

    def hold(self, ids: list[str], hold_key: str = "hold-1") -> httpx.Response:
        return self.call("offline_office_hub_hold", {"office_id": self.seed.office_id, "event_id": self.seed.event_id,
                                                     "tickets": ids, "hold_key": hold_key})

    def lease(self) -> dict[str, Any]:
        response = self.call("offline_office_hub_lease", {"office_id": self.seed.office_id,
                                                          "event_id": self.seed.event_id})
        assert response.status_code == 200, response.text
        return dict(response.json()["data"])

    def statuses(self) -> dict[str, bool]:
        response = self.call("offline_office_tickets_list_sales", {"office_id": self.seed.office_id,
                                                                   "event_id": self.seed.event_id})
        assert response.status_code == 200, response.text
        return {row["ticket_id"]: row["status"] for row in response.json()["data"]["response"]}

    def sync(self, entries: list[dict[str, Any]], key: str | None = None) -> httpx.Response:
        return self.call("offline_office_tickets_synchronization", {"ticket_sold": entries}, key)


def sale(seed: HubSeed, ids: list[str], key: str | None) -> dict[str, Any]:
    amount = Decimal("25.00") * len(ids)
    entry: dict[str, Any] = {
        "ticket": ids[0], "tickets": ids, "transactions": [{"method": "cash", "amount": amount}], "amount": amount,
        "event_id": seed.event_id, "event_name": "Concierto del Hub", "office_id": seed.office_id,
        "office_name": "Taquilla Norte", "status": "completed", "client_id": "client_001",
        "client_name": "Carlos Martínez", "purchase_code": new_purchase_code()}
    if key is not None:
        entry["idempotency_key"] = key
    return entry


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def seed(request: pytest.FixtureRequest, tmp_path: Path) -> HubSeed:
    """The same tests on a SQLite file and on a real PostgreSQL server (a hub may use either)."""
    if request.param == "sqlite":
        url = hub_db_url(tmp_path)
    else:
        url = request.getfixturevalue("postgres").new_database()
    return seed_hub(url, windows=("A", "B", "C"))


@pytest.fixture
def hub_url(seed: HubSeed) -> Iterator[str]:
    settings = HubSettings(office_id=seed.office_id, lease_size=SMALL_LEASE, lease_low_water=1)
    with serve_app(create_hub_app(seed.db_url, settings)) as url:
        yield url


@pytest.fixture
def windows(hub_url: str, seed: HubSeed) -> Iterator[dict[str, Window]]:
    made = {name: Window(hub_url, token, seed) for name, token in seed.tokens.items()}
    made["plain"] = Window(hub_url, seed.plain_office_token, seed)
    yield made
    for window in made.values():
        window.http.close()


@pytest.fixture
def hub_db(seed: HubSeed, hub_url: str) -> Iterator[Database]:
    db = open_db(seed)
    yield db
    db.dispose()


def upstream(db: Database) -> list[HubUpstream]:
    with db.read() as session:
        return list(session.scalars(select(HubUpstream).order_by(HubUpstream.id)))


def test_get_hub_tells_a_hub_from_a_central(hub_url: str, seed: HubSeed, tmp_path: Path) -> None:
    answer = httpx.get(hub_url + "/hub")
    assert answer.status_code == 200
    assert answer.json() == {"message": "ok", "status": 200,
                             "data": {"valido": True, "hub": True, "office_id": seed.office_id}}
    with serve_app(create_app(f"sqlite:///{tmp_path / 'central.sqlite3'}")) as central_url:
        assert httpx.get(central_url + "/hub").status_code == 404


def test_a_hold_of_one_window_is_refused_to_another(windows: dict[str, Window], seed: HubSeed) -> None:
    seat = seed.seat("G", 1)
    held = windows["A"].hold([seat])
    assert held.status_code == 200, held.text
    assert held.json()["message"] == "Tickets retenidos"
    assert held.json()["data"]["held"] == [seat] and held.json()["data"]["expires_at"].endswith("Z")
    refused = windows["B"].hold([seed.seat("G", 2), seat], hold_key="hold-b")
    assert refused.status_code == 400
    assert refused.json()["message"] == "Tickets no disponibles"
    assert refused.json()["data"]["nodisponible"] == [seat]
    assert windows["B"].hold([seed.seat("G", 2)], hold_key="hold-b2").status_code == 200  # nothing was held before
    released = windows["B"].call("offline_office_hub_release", {"office_id": seed.office_id,
                                                                "tickets": [seat, seed.seat("G", 2)]})
    assert released.json()["data"]["released"] == [seed.seat("G", 2)]  # A's hold is not B's to release


def test_only_window_tokens_may_call_the_hub(windows: dict[str, Window], seed: HubSeed, hub_url: str) -> None:
    plain = windows["plain"].hold([seed.seat("G", 1)])
    assert plain.status_code == 403
    assert plain.json()["message"] == "this token is not a window of this hub"
    with Window(hub_url, None, seed).http as anonymous:
        assert anonymous.post("/offline_office_hub_lease", json={"data": {}}).status_code == 401
    too_many = windows["A"].hold([seed.seat("G", n) for n in range(1, 31)] + [f"x{n}" for n in range(80)])
    assert too_many.status_code == 400 and too_many.json()["data"]["field"] == "data.tickets"
    elsewhere = windows["A"].call("offline_office_hub_release", {"office_id": "office_taquilla_sur",
                                                                 "tickets": [seed.seat("G", 1)]})
    assert elsewhere.status_code == 403


def test_a_retired_window_holds_nothing_new(windows: dict[str, Window], seed: HubSeed, hub_db: Database) -> None:
    leased = windows["A"].lease()["tickets"]
    hub_db.write(lambda session: retire(session, "A"))
    refused = windows["A"].hold([seed.seat("G", 1)])
    assert refused.status_code == 403 and "retired" in refused.json()["message"]
    lease = windows["A"].lease()
    assert lease["tickets"] == [] and lease["recalled"] == leased
    assert windows["B"].hold([leased[0]]).status_code == 400  # still A's until given back
    given = windows["A"].call("offline_office_hub_lease_release", {"office_id": seed.office_id, "tickets": leased})
    assert given.json()["data"]["released"] == leased
    assert windows["B"].hold([leased[0]]).status_code == 200


def test_a_lease_is_its_windows_alone(windows: dict[str, Window], seed: HubSeed) -> None:
    lease = windows["A"].lease()
    assert lease["window"] == "A" and lease["event_id"] == seed.event_id and lease["recalled"] == []
    assert lease["tickets"] == [seed.seat("G", n) for n in (28, 29, 30)] + [seed.seat("V", n) for n in (6, 7, 8)]
    assert lease["sizes"] == [{"zone": "GENERAL", "size": SMALL_LEASE, "low_water": 1},
                              {"zone": "VIP", "size": SMALL_LEASE, "low_water": 1}]
    refused = windows["B"].hold([seed.seat("G", 30)])
    assert refused.status_code == 400 and refused.json()["data"]["nodisponible"] == [seed.seat("G", 30)]
    assert windows["A"].hold([seed.seat("G", 30)]).status_code == 200
    given = windows["A"].call("offline_office_hub_lease_release", {"office_id": seed.office_id,
                                                                   "tickets": [seed.seat("V", 8)]})
    assert given.json()["message"] == "Reserva devuelta" and given.json()["data"]["released"] == [seed.seat("V", 8)]


def test_the_listing_shows_other_windows_seats_as_taken(windows: dict[str, Window], seed: HubSeed) -> None:
    leased = windows["A"].lease()["tickets"]
    held = seed.seat("G", 1)
    assert windows["A"].hold([held]).status_code == 200
    to_b, to_a = windows["B"].statuses(), windows["A"].statuses()
    assert [to_b[t] for t in [*leased, held]] == [False] * (len(leased) + 1)
    assert [to_a[t] for t in [*leased, held]] == [True] * (len(leased) + 1)
    assert to_b[seed.seat("G", 2)] is True


def test_a_sale_of_held_seats_is_queued_upstream_as_sent(windows: dict[str, Window], seed: HubSeed,
                                                         hub_db: Database) -> None:
    ids = [seed.seat("G", 1), seed.seat("G", 2)]
    assert windows["A"].hold(ids).status_code == 200
    entry = sale(seed, ids, key="sale-a-1")
    first = windows["A"].sync([entry], key="batch-1")
    assert first.status_code == 200 and first.json()["message"] == "Sincronizado"
    result = first.json()["data"]["results"][0]
    assert result["error"] is None and not result["replayed"] and all(t["taken"] for t in result["tickets"])
    with hub_db.read() as session:
        assert session.scalars(select(HubHold)).all() == []
        assert session.get(HubState, "lease_breaches") is None  # its own hold: no breach
        window_a = session.scalar(select(HubWindow).where(HubWindow.name == "A"))
    [row] = upstream(hub_db)
    assert (row.kind, row.idempotency_key, row.window_id, row.state) == ("sale", "sale-a-1", window_a.id, "pending")
    assert row.payload == entry  # amounts equal as numbers (25.0 == Decimal("25.00"))
    assert windows["A"].sync([entry], key="batch-1").headers.get("Idempotent-Replayed") == "true"
    again = windows["A"].sync([entry], key="batch-2")  # the entry replayed inside a new request
    assert again.json()["data"]["results"][0]["replayed"] is True
    assert len(upstream(hub_db)) == 1
    assert windows["B"].statuses()[ids[0]] is False  # sold


def test_a_sale_of_another_windows_lease_is_accepted_and_counted(windows: dict[str, Window], seed: HubSeed,
                                                                 hub_db: Database) -> None:
    seat = windows["B"].lease()["tickets"][0]
    answer = windows["A"].sync([sale(seed, [seat], key=None)])
    assert answer.json()["data"]["results"][0]["tickets"][0]["taken"] is True
    with hub_db.read() as session:
        assert session.get(HubState, "lease_breaches").value == "1"
    [row] = upstream(hub_db)
    assert row.idempotency_key.startswith("code:") and row.idempotency_key.endswith(":completed")


def test_unassign_is_queued_upstream(windows: dict[str, Window], seed: HubSeed, hub_db: Database) -> None:
    ids = [seed.seat("G", 5), seed.seat("G", 6)]
    answer = windows["A"].call("offline_office_tickets_unassign",
                               {"office_id": seed.office_id, "event_id": seed.event_id, "tickets_offline": ids},
                               key="unassign-1")
    assert answer.status_code == 200, answer.text
    [row] = upstream(hub_db)
    assert (row.kind, row.idempotency_key) == ("unassign", "unassign-1")
    assert row.payload == {"event_id": seed.event_id, "ticket_ids": ids}
    assert ids[0] not in windows["A"].statuses()


def test_a_spec_only_client_still_syncs(hub_url: str, seed: HubSeed, hub_db: Database) -> None:
    """A terminal that never calls the hub's extensions (a plain central client) lists and sells as before."""
    client = CentralClient(hub_url, seed.tokens["C"], seed.office_id)
    try:
        free = [t.ticket_id for t in client.list_office_tickets(seed.event_id) if t.available][:1]
        head = {"office_id": seed.office_id, "terminal_id": "term-C", "seq": 1, "hash": "0" * 64}
        [result] = client.synchronize([sale(seed, free, key="sale-c-1")], request_key="req-c-1", journal_head=head)
    finally:
        client.close()
    assert result.error is None and not result.replayed
    assert [row.idempotency_key for row in upstream(hub_db)] == ["sale-c-1"]
    with hub_db.read() as session:
        window = session.scalar(select(HubWindow).where(HubWindow.name == "C"))
    assert window.terminal_id == "term-C" and window.last_seen is not None


def test_windows_racing_for_seats_never_share_one(windows: dict[str, Window], seed: HubSeed) -> None:
    """Holds and lease top-ups of several windows at the same moment: one seat, one window, no 5xx."""
    names = ["A", "B", "C"]
    for number in range(1, 6):
        seat = seed.seat("G", number)
        answers = _at_once([lambda w=windows[name], s=seat, k=f"race-{name}-{number}": w.hold([s], hold_key=k)
                            for name in names])
        assert sorted(a.status_code for a in answers) == [200, 400, 400], [a.text for a in answers]
    leases = _at_once([lambda w=windows[name]: w.call("offline_office_hub_lease", {
        "office_id": seed.office_id, "event_id": seed.event_id}) for name in names])
    assert [a.status_code for a in leases] == [200, 200, 200], [a.text for a in leases]
    seats = [t for a in leases for t in a.json()["data"]["tickets"]]
    assert len(seats) == len(set(seats)) == 3 * SMALL_LEASE + 8  # GENERAL: 3 each; VIP: its 8 seats, shared out


def _at_once(calls: list[Any]) -> list[httpx.Response]:
    barrier = threading.Barrier(len(calls))

    def run(call: Any) -> httpx.Response:
        barrier.wait(timeout=10)
        return call()  # type: ignore[no-any-return]

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))
