"""The hub toward a real reference central: the pull mirrors the office's inventory, and what the windows queued
in ``hub_upstream`` reaches the central exactly once through the terminal's delivery worker, also when an
answer is cut off or the central is down for a while."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select, update

from boxoffice.central.db import Database
from boxoffice.central.models import Event, Office, Order, Ticket, TicketOffline, TicketType
from boxoffice.central.models_events import TicketTypeTax
from boxoffice.core.codes import new_purchase_code
from boxoffice.hub.app import create_hub_app
from boxoffice.hub.db import hub_database
from boxoffice.hub.mirror import pull_upstream
from boxoffice.hub.models import HubHold, HubLease, HubUpstream, HubWindow
from boxoffice.hub.service import PullLoop, make_worker
from boxoffice.hub.settings import HubSettings
from boxoffice.hub.windows import create_window
from boxoffice.sync.client import CentralClient
from tests.helpers.central_server import CentralServer, central_server_fixture, serve_app
from tests.helpers.fault_proxy import Fault, FaultProxy
from tests.helpers.postgres import PostgresServer, postgres_server
from tests.integration.sync.sync_helpers import fast_backoff, wait_until

NORTE = "office_taquilla_norte"
SYNC = "offline_office_tickets_synchronization"


central = central_server_fixture()  # a fresh demo central per test


@pytest.fixture(scope="module")
def postgres() -> Iterator[PostgresServer]:
    with postgres_server() as server:
        yield server


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def hub(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """The hub database on a SQLite file and on a real PostgreSQL server (a hub may use either)."""
    url = f"sqlite:///{tmp_path / 'hub.sqlite3'}" if request.param == "sqlite" else \
        request.getfixturevalue("postgres").new_database()
    db = hub_database(url)
    yield db
    db.dispose()


def client(central: CentralServer, url: str | None = None) -> CentralClient:
    return CentralClient(url or central.url, central.office_tokens[NORTE], NORTE, timeout=(2.0, 5.0))


def pull(hub: Database, central: CentralServer) -> Any:
    c = client(central)
    try:
        return pull_upstream(hub, c, office_name="Taquilla Norte")
    finally:
        c.close()


def office_tickets(central: CentralServer) -> list[dict[str, Any]]:
    answer = httpx.post(central.url + "/offline_office_tickets_list_sales", headers=central.office_headers(NORTE),
                        json={"data": {"office_id": NORTE, "event_id": central.event_id}}, timeout=10)
    answer.raise_for_status()
    return answer.json()["data"]["response"]


def central_call(central: CentralServer, function: str, data: dict[str, Any], key: str) -> dict[str, Any]:
    answer = httpx.post(f"{central.url}/{function}", json={"data": data}, timeout=10,
                        headers=central.headers(central.office_tokens[NORTE], key))
    assert answer.status_code == 200, answer.text
    return answer.json()["data"]


def entry(central: CentralServer, tickets: list[str], status: str = "completed",
          code: str | None = None) -> dict[str, Any]:
    """A ``ticket_sold`` entry as a window sends it (and the hub keeps it: amounts as floats)."""
    code = code or new_purchase_code()
    amount = 25.0 * len(tickets)
    return {"ticket": tickets[0], "tickets": tickets, "transactions": [{"method": "cash", "amount": amount}],
            "amount": amount, "event_id": central.event_id, "event_name": "Festival de Verano", "office_id": NORTE,
            "office_name": "Taquilla Norte", "status": status, "client_id": "c1", "client_name": "Ana",
            "idempotency_key": f"window-key-{code}-{status}", "purchase_code": code}


def queue(hub: Database, *payloads: dict[str, Any]) -> None:
    def work(session: Any) -> None:
        for payload in payloads:
            if "purchase_code" in payload:
                session.add(HubUpstream(kind="sale", idempotency_key=payload["idempotency_key"], window_id=1,
                                        payload=payload))
            else:
                session.add(HubUpstream(kind="unassign", idempotency_key=f"return-{payload['ticket_ids'][0]}",
                                        window_id=1, payload=payload))

    hub.write(work)


def orders_of(central: CentralServer, code: str) -> int:
    db = Database(central.db_url)
    try:
        with db.read() as session:
            return int(session.scalar(select(func.count()).select_from(Order).where(Order.purchase_code == code)))
    finally:
        db.dispose()


def states(hub: Database) -> list[str]:
    with hub.read() as session:
        return list(session.scalars(select(HubUpstream.state).order_by(HubUpstream.id)))


def free_seats(hub: Database, count: int) -> list[str]:
    with hub.read() as session:
        return list(session.scalars(select(Ticket.id).join(TicketOffline, TicketOffline.ticket_id == Ticket.id)
                                    .where(Ticket.status.is_(True)).order_by(Ticket.position).limit(count)))


# -- the pull ----------------------------------------------------------------------------------------------------


def test_pull_mirrors_the_office_inventory_with_the_centrals_ids(hub: Database, central: CentralServer) -> None:
    summary = pull(hub, central)
    listing = office_tickets(central)
    assert summary.tickets == len(listing) > 0
    types = httpx.get(f"{central.url}/client/events/{central.event_id}/ticket-types", timeout=10).json()
    with hub.read() as session:
        assert session.get(Office, NORTE).name == "Taquilla Norte"
        assert session.get(Event, central.event_id).name == listing[0]["event_name"]
        mirrored = {t.id: t for t in session.scalars(select(Ticket))}
        offline = set(session.scalars(select(TicketOffline.ticket_id).where(TicketOffline.office_id == NORTE)))
        hub_types = {t.id: t for t in session.scalars(select(TicketType))}
        taxes = {t.ticket_type_id: t.rate_bp for t in session.scalars(select(TicketTypeTax))}
    assert offline == {row["ticket_id"] for row in listing} == set(mirrored)
    for position, row in enumerate(listing):
        ticket = mirrored[row["ticket_id"]]
        assert (ticket.seat_id, ticket.seat_row, ticket.zone, ticket.color, ticket.status, ticket.position) == (
            row["seat_id"], row["seat_row"], row["zone"], row["color"], row["status"], position)
    assert set(hub_types) == {t["id"] for t in types}
    for remote in types:
        mine = hub_types[remote["id"]]
        assert (mine.name, mine.price_cents, mine.zone, mine.kind) == (
            remote["name"], remote["price_cents"], remote["zone"] or remote["gaZone"], remote["kind"])
        assert taxes.get(mine.id) == (None if remote["taxRate"] is None else
                                      int(remote["taxRate"].replace(".", "")))
    again = pull(hub, central)  # nothing changed upstream: nothing changes here
    assert [(e.added, e.updated, e.removed) for e in again.events] == [(0, 0, 0)]


def test_pull_merge_rules(hub: Database, central: CentralServer) -> None:
    pull(hub, central)
    sold_elsewhere, sold_here, returned, returning = (row["ticket_id"] for row in office_tickets(central)[:4])
    # upstream: one seat sold by another window of the office (not through this hub), two returned
    central_call(central, SYNC, {"ticket_sold": [entry(central, [sold_elsewhere])]}, "k-elsewhere")
    central_call(central, "offline_office_tickets_unassign",
                 {"office_id": NORTE, "event_id": central.event_id, "tickets_offline": [returned, sold_here]},
                 "k-return")

    # at the hub: one seat sold (its order is the hub's), one leased and held, one return still queued upstream
    def at_hub(session: Any) -> None:
        session.execute(update(Ticket).where(Ticket.id == sold_here).values(status=False, sold_order_id="hub-1"))
        session.add(HubWindow(name="A", token_id=999))
        session.add(HubLease(ticket_id=returned, window_id=1, event_id=central.event_id, zone="General"))
        session.add(HubHold(ticket_id=returned, window_id=1, event_id=central.event_id, hold_key="h",
                            expires_at=datetime(2099, 1, 1, tzinfo=UTC)))
        session.execute(delete(TicketOffline).where(TicketOffline.ticket_id == returning))

    hub.write(at_hub)
    queue(hub, {"event_id": central.event_id, "ticket_ids": [returning]})

    report = pull(hub, central).events[0]
    assert report.removed == 1 and report.sold_elsewhere == 1
    with hub.read() as session:
        offline = set(session.scalars(select(TicketOffline.ticket_id)))
        status = {tid: st for tid, st in session.execute(select(Ticket.id, Ticket.status))}
        assert session.scalar(select(func.count()).select_from(HubLease)) == 0
        assert session.scalar(select(func.count()).select_from(HubHold)) == 0
    assert status[sold_elsewhere] is False and sold_elsewhere in offline
    assert sold_here in offline and status[sold_here] is False  # sold at the hub: stays, though unassigned upstream
    assert returned not in offline  # gone upstream and unsold here
    assert returning not in offline  # its return is still on its way: not taken back in


# -- delivery ----------------------------------------------------------------------------------------------------


def test_queued_rows_reach_the_central_exactly_once(hub: Database, central: CentralServer) -> None:
    pull(hub, central)
    seats = free_seats(hub, 4)
    sales = [entry(central, [seat]) for seat in seats[:3]]
    queue(hub, *sales, {"event_id": central.event_id, "ticket_ids": [seats[3]]})
    with FaultProxy(central.url) as proxy:
        # the first synchronisation is processed by the central but its answer never arrives
        proxy.add_rule(lambda request: request.path.endswith(SYNC), Fault.cut_response(0.5), times=1)
        worker = make_worker(hub, lambda: client(central, proxy.url), backoff=fast_backoff())
        worker.fetch_conflicts = False
        first = worker.drain()
        assert first.failed and states(hub) == ["pending"] * 4
        second = worker.drain()
        assert not second.failed and states(hub) == ["delivered"] * 4
        worker.stop()
        keys = [seen.idempotency_key for seen in proxy.seen if seen.path.endswith(SYNC)]
    assert len(keys) == 2 and keys[0] == keys[1]  # the retry is the same request: the central replays it
    again = make_worker(hub, lambda: client(central), backoff=fast_backoff())
    assert again.drain().idle  # nothing left to send
    again.stop()
    for sale in sales:
        assert orders_of(central, sale["purchase_code"]) == 1
    upstream = {row["ticket_id"]: row["status"] for row in office_tickets(central)}
    assert all(upstream[seat] is False for seat in seats[:3]) and seats[3] not in upstream
    with hub.read() as session:
        results = [row.result for row in session.scalars(select(HubUpstream).order_by(HubUpstream.id))]
    assert all(result["order_id"] and result["error"] is None for result in results[:3])


def test_central_down_nothing_parked_then_delivered(hub: Database, central: CentralServer) -> None:
    pull(hub, central)
    sale = entry(central, free_seats(hub, 1))
    queue(hub, sale)
    with FaultProxy(central.url) as proxy:
        proxy.add_rule(lambda request: True, Fault.http(503))
        worker = make_worker(hub, lambda: client(central, proxy.url), backoff=fast_backoff())
        worker.fetch_conflicts = False
        for _ in range(3):
            assert worker.drain().failed
        assert states(hub) == ["pending"]
        assert worker.status().last_error and worker.status().parked == 0
        proxy.clear()
        assert not worker.drain().failed
        worker.stop()
    assert states(hub) == ["delivered"] and orders_of(central, sale["purchase_code"]) == 1
    assert worker.status().last_error is None and worker.status().last_success is not None


def hub_order(hub: Database) -> list[str]:
    with hub.read() as session:
        return list(session.scalars(select(TicketOffline.ticket_id).join(Ticket, Ticket.id == TicketOffline.ticket_id)
                                    .order_by(Ticket.position, Ticket.id)))


def test_returns_and_reassignments_keep_the_centrals_seat_order(hub: Database, central: CentralServer) -> None:
    pull(hub, central)
    listing = [row["ticket_id"] for row in office_tickets(central)]
    back = listing[5:7]
    central_call(central, "offline_office_tickets_unassign",
                 {"office_id": NORTE, "event_id": central.event_id, "tickets_offline": back}, "k-back")
    report = pull(hub, central).events[0]
    assert (report.removed, report.updated, report.added) == (2, 0, 0)  # no other row rewritten
    assert hub_order(hub) == [t for t in listing if t not in back]
    answer = httpx.post(f"{central.url}/offline_office_tickets", headers=central.admin_headers, timeout=10,
                        json={"data": {"office_id": NORTE, "event_id": central.event_id, "tickets_offline": back}})
    assert answer.status_code == 200, answer.text
    pull(hub, central)
    assert hub_order(hub) == [row["ticket_id"] for row in office_tickets(central)] == listing


def test_pull_loop_never_blocks_while_the_central_is_down_and_pulls_once_it_answers(
        hub: Database, central: CentralServer) -> None:
    with FaultProxy(central.url) as proxy:
        proxy.add_rule(lambda request: True, Fault.http(503))
        loop = PullLoop(hub, lambda: client(central, proxy.url), 0.05, office_name="Taquilla Norte",
                        backoff=fast_backoff())
        loop.start()  # returns at once: the first pull runs in the loop's thread
        try:
            assert wait_until(lambda: proxy.counts["http_503"] >= 2, timeout=30)
            assert loop.pulls == 0 and loop.last_error
            assert hub_order(hub) == []
            proxy.clear()
            assert wait_until(lambda: loop.pulls >= 2, timeout=30)
        finally:
            assert loop.stop()
    assert hub_order(hub) == [row["ticket_id"] for row in office_tickets(central)]
    assert loop.last_error is None


def test_a_window_sale_at_the_hub_reaches_the_central_once_with_the_windows_key(
        hub: Database, central: CentralServer) -> None:
    """End to end through the hub's own app: a window's synchronisation is queued as sent, then delivered."""
    pull(hub, central)
    token = hub.write(lambda session: create_window(session, NORTE, "taquilla-1"))
    sale = entry(central, free_seats(hub, 2))
    app = create_hub_app(hub.url, HubSettings(office_id=NORTE))
    with serve_app(app) as hub_url:
        answer = httpx.post(f"{hub_url}/{SYNC}", json={"data": {"ticket_sold": [sale]}}, timeout=10,
                            headers={"Authorization": f"Bearer {token}", "X-Idempotency-Key": "window-request-1"})
    assert answer.status_code == 200, answer.text
    with hub.read() as session:
        queued = session.scalars(select(HubUpstream)).one()
    assert (queued.kind, queued.idempotency_key, queued.state) == ("sale", sale["idempotency_key"], "pending")
    worker = make_worker(hub, lambda: client(central), backoff=fast_backoff())
    assert worker.drain().delivered == 1
    worker.stop()
    assert orders_of(central, sale["purchase_code"]) == 1
    upstream = {row["ticket_id"]: row["status"] for row in office_tickets(central)}
    assert [upstream[t] for t in sale["tickets"]] == [False, False]
    db = Database(central.db_url)
    try:
        with db.read() as session:
            order = session.scalars(select(Order).where(Order.purchase_code == sale["purchase_code"])).one()
            assert order.office_id == NORTE and order.amount_cents == 5000
    finally:
        db.dispose()
