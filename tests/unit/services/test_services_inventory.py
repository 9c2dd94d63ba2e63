"""merge_inventory() (the pull): re-running is harmless, a ticket sold here stays sold, whatever the platform no
longer offers here and is unsold becomes unsellable, and it comes back when the platform offers it again."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from boxoffice.core.errors import SeatNotAvailable, UnknownProduct
from boxoffice.services.inventory import MergeReport, RemoteProduct, RemoteTicket, merge_inventory
from boxoffice.services.returns import return_tickets
from boxoffice.services.sales import LineRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Event, Product, Ticket
from tests.helpers.raw_sqlite import connected
from tests.helpers.supervisors import SUPERVISOR
from tests.unit.services.services_helpers import (
    EVENT,
    EVENT_NAME,
    GENERAL,
    OTHER_EVENT,
    P_CHILD,
    P_FAMILY,
    P_GEN,
    P_VIP,
    PRICES,
    STARTS_AT,
    TERMINAL,
    VIP,
    cash,
    dump,
    pull,
    remote_products,
    remote_tickets,
    request,
    sell_seats,
    state,
    states,
    ticket_id,
)

G1, G2, G3, G4 = (ticket_id(GENERAL, n) for n in range(1, 5))
V1 = ticket_id(VIP, 1)
TOTAL = 12 + 4 + 3


def product(store: Store, product_id: str) -> Product:
    with store.read_session_factory() as session:
        found = session.get(Product, product_id)
        assert found is not None
        return found


def test_a_first_pull_adds_the_event_its_tickets_and_products(empty_store: Store) -> None:
    report = pull(empty_store)
    assert report == MergeReport(EVENT, added=TOTAL, available=TOTAL, products=5)
    with empty_store.read_session_factory() as session:
        event = session.get(Event, EVENT)
        assert event is not None
        assert (event.name, event.starts_at) == (EVENT_NAME, STARTS_AT)
        tickets = list(session.scalars(select(Ticket).where(Ticket.event_id == EVENT).order_by(Ticket.id)))
        assert len(tickets) == TOTAL
        assert {(t.state, t.central_available) for t in tickets} == {("available", True)}
        g1 = session.get(Ticket, G1)
        assert g1 is not None
        assert (g1.seat_id, g1.row, g1.zone, g1.color) == ("G01", "A", GENERAL, "#00AA00")
        fam = session.get(Product, P_FAMILY)
        assert fam is not None
        assert (fam.kind, fam.zone, fam.price_cents, fam.active) == ("family_pass", GENERAL, 8000, True)
        assert fam.components == [{"product_id": P_GEN, "quantity": 2}, {"product_id": P_CHILD, "quantity": 3}]


def test_rerunning_the_same_pull_changes_nothing(store: Store) -> None:
    sell_seats(store, G1)
    return_tickets(store.session_factory, TERMINAL, EVENT, [G2], actor=SUPERVISOR)
    pull(store, unavailable=[G3], drop=[G4])
    before = dump(store)
    report = pull(store, unavailable=[G3], drop=[G4])
    assert dump(store) == before
    assert (report.added, report.withdrawn, report.restored, report.returned) == (0, 0, 0, 0)
    assert report.sold_here == 1


def test_a_ticket_sold_here_stays_sold_when_the_platform_says_it_is_unavailable(store: Store) -> None:
    sell_seats(store, G1)
    report = pull(store, unavailable=[G1])
    assert state(store, G1) == "sold"
    assert report.withdrawn == 0 and report.sold_here == 1
    with store.read_session_factory() as session:
        ticket = session.get(Ticket, G1)
        assert ticket is not None and ticket.central_available is False


def test_a_ticket_sold_here_stays_sold_when_the_platform_stops_listing_it(store: Store) -> None:
    sell_seats(store, G1)
    pull(store, drop=[G1])
    pull(store, drop=[G1])
    assert state(store, G1) == "sold"
    pull(store)  # listed and available again: still ours, still sold
    assert state(store, G1) == "sold"


def test_an_unsold_ticket_the_platform_stops_listing_is_withdrawn(store: Store) -> None:
    report = pull(store, drop=[G2, V1])
    assert report.withdrawn == 2
    assert report.available == TOTAL - 2
    assert states(store, [G1, G2, V1]) == {G1: "available", G2: "withdrawn", V1: "withdrawn"}
    with pytest.raises(SeatNotAvailable):
        sell_seats(store, G2)
    result = sell(store.session_factory, TERMINAL, request(LineRequest(P_VIP, quantity=2), payments=[cash(12000)]))
    assert V1 not in [t.ticket_id for t in result.tickets]


def test_a_ticket_the_platform_reports_unavailable_is_withdrawn_and_comes_back(store: Store) -> None:
    assert pull(store, unavailable=[G2]).withdrawn == 1
    assert state(store, G2) == "withdrawn"
    with pytest.raises(SeatNotAvailable):
        sell_seats(store, G2)
    report = pull(store)
    assert report.restored == 1
    assert state(store, G2) == "available"
    assert sell_seats(store, G2).tickets[0].ticket_id == G2


def test_a_dropped_ticket_comes_back_when_listed_again(store: Store) -> None:
    pull(store, drop=[G2])
    assert pull(store).restored == 1
    assert state(store, G2) == "available"


def test_a_returning_ticket_becomes_returned_when_the_platform_stops_listing_it(store: Store) -> None:
    return_tickets(store.session_factory, TERMINAL, EVENT, [G1, G2], actor=SUPERVISOR)
    report = pull(store, unavailable=[G2])  # the platform has not processed the unassign yet
    assert report.returned == 0 and report.withdrawn == 0
    assert states(store, [G1, G2]) == {G1: "returning", G2: "returning"}
    report = pull(store, drop=[G1, G2])
    assert report.returned == 2
    assert states(store, [G1, G2]) == {G1: "returned", G2: "returned"}
    assert pull(store, drop=[G1, G2]).returned == 0
    assert pull(store, drop=[G2]).restored == 1  # assigned to this office again
    assert states(store, [G1, G2]) == {G1: "available", G2: "returned"}


def test_a_new_ticket_listed_unavailable_arrives_withdrawn(store: Store) -> None:
    extra = RemoteTicket("EV1-X01", "X01", GENERAL, "#00AA00", available=False, row="C")
    report = merge_inventory(store.session_factory, EVENT, EVENT_NAME, STARTS_AT, [*remote_tickets(), extra],
                             remote_products())
    assert report.added == 1
    assert state(store, "EV1-X01") == "withdrawn"


def test_seat_details_follow_the_platform(store: Store) -> None:
    moved = [RemoteTicket(t.ticket_id, t.seat_id, t.zone, "#123456", t.available, row="Z") if t.ticket_id == G1
             else t for t in remote_tickets()]
    merge_inventory(store.session_factory, EVENT, "Concierto (nueva fecha)", datetime(2025, 5, 2, 19, tzinfo=UTC),
                    moved, remote_products())
    with store.read_session_factory() as session:
        ticket = session.get(Ticket, G1)
        event = session.get(Event, EVENT)
        assert ticket is not None and event is not None
        assert (ticket.color, ticket.row, ticket.state) == ("#123456", "Z", "available")
        assert (event.name, event.starts_at) == ("Concierto (nueva fecha)", datetime(2025, 5, 2, 19, tzinfo=UTC))


def test_product_changes_apply_to_the_next_sale(store: Store) -> None:
    pull(store, prices={P_GEN: 2750})
    assert product(store, P_GEN).price_cents == 2750
    result = sell(store.session_factory, TERMINAL, request(LineRequest(P_GEN), payments=[cash(2750)]))
    assert result.total_cents == 2750


def test_a_product_the_platform_stops_listing_is_deactivated_and_reactivated(store: Store) -> None:
    pull(store, drop_products=[P_VIP])
    assert product(store, P_VIP).active is False
    assert product(store, P_GEN).active is True
    with pytest.raises(UnknownProduct):
        sell(store.session_factory, TERMINAL, request(LineRequest(P_VIP), payments=[cash(6000)]))
    pull(store)
    assert product(store, P_VIP).active is True
    assert sell(store.session_factory, TERMINAL, request(LineRequest(P_VIP), payments=[cash(6000)])).total_cents \
        == PRICES[P_VIP]


def test_family_pass_components_follow_the_platform(store: Store) -> None:
    products = [RemoteProduct(p.id, p.name, 6000, p.zone, p.kind, ((P_GEN, 1), (P_CHILD, 2)))
                if p.id == P_FAMILY else p for p in remote_products()]
    merge_inventory(store.session_factory, EVENT, EVENT_NAME, STARTS_AT, remote_tickets(), products)
    fam = product(store, P_FAMILY)
    assert fam.components == [{"product_id": P_GEN, "quantity": 1}, {"product_id": P_CHILD, "quantity": 2}]
    result = sell(store.session_factory, TERMINAL, request(LineRequest(P_FAMILY), payments=[cash(6000)]))
    assert [t.product_id for t in result.tickets] == [P_GEN, P_CHILD, P_CHILD]


def test_a_pull_of_one_event_leaves_the_other_alone(store: Store) -> None:
    before = dump(store)
    pull(store, event=OTHER_EVENT, name="Otro evento")
    assert dump(store) == before
    pull(store, drop=[G1])
    with store.read_session_factory() as session:
        others = set(session.scalars(select(Ticket.state).where(Ticket.event_id == OTHER_EVENT)))
    assert others == {"available"}


def test_a_big_first_pull_builds_the_ticket_indexes_after_the_insert_and_ends_with_the_same_ones(
        empty_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:

    from boxoffice.services import inventory

    def indexes() -> list[tuple[str, str]]:
        with connected(empty_store.path) as db:
            return db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' "
                              "ORDER BY name").fetchall()

    before = indexes()
    dropped: list[str] = []
    real = inventory._indexes_to_rebuild
    monkeypatch.setattr(inventory, "REBUILD_FROM", 5)
    def spied(db: object, new: int) -> list[tuple[str, str]]:
        found = real(db, new)
        dropped.extend(name for name, _ in found)
        return found

    monkeypatch.setattr(inventory, "_indexes_to_rebuild", spied)
    tickets = [RemoteTicket(f"T{n}", f"GEN{n}", "General", "#4A90D9", True, "A") for n in range(1, 41)]
    merge_inventory(empty_store.session_factory, "EVBIG", "Grande", None, tickets, [
        RemoteProduct("P1", "General", 2500, "General", "ticket", None)])
    assert dropped == [name for name, sql in before if sql is not None]  # dropped for the insert...
    assert indexes() == before  # ...and built again, the same
    with connected(empty_store.path) as db:
        plan = " ".join(str(row) for row in db.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM tickets WHERE event_id = 'EVBIG' AND zone = 'General' "
            "AND state = 'available' ORDER BY row_rank, seat_rank"))
        assert "ix_tickets_best_available" in plan
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    merge_inventory(empty_store.session_factory, "EVBIG", "Grande", None, tickets[:10], [])  # a small pull again
    assert len(dropped) == len([1 for _, sql in before if sql is not None])  # not dropped for fewer than held


def test_the_bulk_insert_checks_states_itself_and_leaves_the_store_checking_them(
        empty_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The pull's insert turns SQLite's CHECK off for its one statement (it costs a third of the insert): it
    refuses a state the CHECK would have, inserts nothing then, and the connection checks again afterwards."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from boxoffice.services import inventory

    tickets = [RemoteTicket(f"T{n}", f"GEN{n}", "General", "#4A90D9", True, "A") for n in range(1, 4)]
    real_rank = inventory._rank

    def rank_then_spoil(existing: list[Ticket], new_rows: list[list[object]]) -> None:
        real_rank(existing, new_rows)
        new_rows[1][inventory._INSERT_COLUMNS.index("state")] = "lost"

    monkeypatch.setattr(inventory, "_rank", rank_then_spoil)
    with pytest.raises(ValueError, match="not one of"):
        merge_inventory(empty_store.session_factory, "EVCHK", "Chequeo", None, tickets, [])
    with empty_store.read_session_factory() as session:
        assert session.scalars(select(Ticket.id).where(Ticket.event_id == "EVCHK")).all() == []
    monkeypatch.setattr(inventory, "_rank", real_rank)
    merge_inventory(empty_store.session_factory, "EVCHK", "Chequeo", None, tickets, [])
    for _ in range(3):  # whichever pooled connection the insert used
        with pytest.raises(IntegrityError, match="CHECK constraint failed"), empty_store.session_factory.begin() as s:
            s.execute(text("UPDATE tickets SET state = 'lost' WHERE id = 'T1'"))
    assert state(empty_store, "T1") == "available"


class _Watched:
    """A remote ticket that notes whether the cyclic collector was on each time the merge reads it."""

    def __init__(self, n: int, seen: list[bool]) -> None:
        self.ticket_id, self.seat_id, self.zone, self.color, self.row = f"W{n}", f"GEN{n}", "General", "#fff", "A"
        self._seen = seen

    @property
    def available(self) -> bool:
        import gc

        self._seen.append(gc.isenabled())
        return True


@pytest.mark.parametrize("collector_on", [True, False])
def test_the_merge_pauses_the_cyclic_collector_and_leaves_it_as_it_found_it(
        empty_store: Store, collector_on: bool) -> None:
    """The merge's rows stay alive until the commit: the collector is off while it runs (its passes over
    100,000 rows found nothing to free), and on again after only if it was on before."""
    import gc

    seen: list[bool] = []
    was = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    try:
        report = merge_inventory(empty_store.session_factory, "EVGC", "Recolector", None,
                                 [_Watched(n, seen) for n in range(1, 4)], [])
        assert gc.isenabled() is collector_on
        with pytest.raises(RuntimeError):  # also when the merge fails
            merge_inventory(empty_store.session_factory, "EVGC", "Recolector", None, [_Broken()], [])
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was else gc.disable)()
    assert report.added == 3
    assert seen and not any(seen)


class _Broken(_Watched):
    def __init__(self) -> None:
        super().__init__(0, [])

    @property
    def available(self) -> bool:
        raise RuntimeError("a row the merge cannot read")


def test_the_merge_raises_the_page_cache_for_its_transaction_only(
        empty_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """A stadium's new seats do not fit SQLite's 2 MiB page cache, and dirty pages spilled before the commit are
    written twice: the merge's connection holds MERGE_CACHE_KIB while it runs, its own size again after."""
    from boxoffice.services import inventory
    from boxoffice.store.raw import driver_connection

    sizes: list[int] = []
    real_insert = inventory._insert_tickets

    def noting(session: object, rows: list[list[object]]) -> None:
        sizes.append(driver_connection(session).execute("PRAGMA cache_size").fetchone()[0])  # type: ignore[arg-type]
        real_insert(session, rows)  # type: ignore[arg-type]

    monkeypatch.setattr(inventory, "_insert_tickets", noting)
    tickets = [RemoteTicket(f"C{n}", f"GEN{n}", "General", "#4A90D9", True, "A") for n in range(1, 4)]
    merge_inventory(empty_store.session_factory, "EVCACHE", "Caché", None, tickets, [])
    assert sizes == [-inventory.MERGE_CACHE_KIB]
    for _ in range(3):  # whichever pooled connection the merge used
        with empty_store.session_factory() as session:
            assert driver_connection(session).execute("PRAGMA cache_size").fetchone()[0] == -2000
