"""Sales the platform took back or sold elsewhere meanwhile, returns, and voids before, during and after delivery."""

from __future__ import annotations

from sqlalchemy import select

from boxoffice.central.models import Order, OrderTicket, SyncEntry, Ticket, TicketOffline
from boxoffice.core.errors import SeatNotAvailable
from boxoffice.services.returns import return_tickets, void_sale
from boxoffice.store.engine import Store
from tests.helpers.central_server import CentralServer
from tests.helpers.fault_proxy import Fault, FaultProxy, Request
from tests.helpers.supervisors import SUPERVISOR
from tests.helpers.terminal import TestTerminal
from tests.integration.sync.sync_helpers import (
    NORTE,
    UNASSIGN,
    Clerk,
    call,
    central_session,
    count,
    journal_ok,
    local_view,
    make_worker,
    outbox_row,
    sale_row,
    sell_elsewhere,
    ticket_states,
)


def test_sales_the_platform_unassigned_or_sold_elsewhere_are_delivered_as_conflicts(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    seat = central.seat_ids
    taken_back, kept, clean, sold_by_sur = seat["GEN150"], seat["GEN151"], seat["GEN152"], seat["GEN153"]
    first = clerk.sell_seats([taken_back, kept])
    second = clerk.sell_seats([clean], pay="card")
    # meanwhile, on the platform: the admin takes one seat back online, the other office sells another
    response = call(central, UNASSIGN, {"tickets_offline": [taken_back], "office_id": NORTE,
                                        "event_id": central.event_id})
    assert response.status_code == 200, response.text
    # another terminal of the office (Sur can no longer take Norte's seats, issue #12 point 4)
    sur_order = sell_elsewhere(central, NORTE, [sold_by_sur])
    third = clerk.sell_seats([sold_by_sur], pay="split")  # the terminal has not heard: still sellable here

    worker = make_worker(store, terminal, proxy.url, batch_size=2)
    proxy.fail_next(Fault.http(503))  # a fault on the way changes nothing
    result = worker.drain()
    assert result.failed  # the 503
    result = worker.drain()
    assert (result.failed, result.delivered, result.parked) == (False, 3, 0)
    assert sorted(result.conflicts) == sorted([first.purchase_code, third.purchase_code])

    one, two, three = (sale_row(store, s.purchase_code) for s in (first, second, third))
    assert (one.delivery_state, two.delivery_state, three.delivery_state) == ("conflict", "delivered", "conflict")
    assert one.conflict_json["tickets"] == [{"ticket_id": taken_back, "conflict": "not_assigned_to_office"}]
    [flagged] = three.conflict_json["tickets"]
    assert (flagged["ticket_id"], flagged["conflict"]) == (sold_by_sur, "already_sold")
    assert (flagged["held_by"]["order_id"], flagged["held_by"]["office_id"]) == (sur_order, NORTE)
    assert two.conflict_json is None

    # nothing left to retry, and nothing is retried
    view = local_view(store)
    assert view.outbox == {"delivered": 3}
    status = worker.status()
    assert (status.pending, status.parked, status.conflicts) == (0, 0, 2)
    before = proxy.counts["requests"]
    assert worker.drain().idle and proxy.counts["requests"] == before

    with central_session(central) as session:
        orders = dict(session.execute(select(Order.purchase_code, Order.id).where(Order.office_id == NORTE)).all())
        assert len(orders) == 4  # ours and the other terminal's
        assert {first.purchase_code, second.purchase_code, third.purchase_code} <= set(orders)
        conflicts = dict(session.execute(select(OrderTicket.ticket_id, OrderTicket.conflict)
                                         .where(OrderTicket.order_id == orders[first.purchase_code])).all())
        assert conflicts == {taken_back: "not_assigned_to_office", kept: None}
        sold_to = dict(session.execute(select(Ticket.id, Ticket.sold_order_id)
                                       .where(Ticket.id.in_([taken_back, kept, sold_by_sur]))).all())
        # the seat taken back is flagged but not taken from the online channel (issue #12 point 4); the
        # earlier sale of the other one stands
        assert sold_to == {taken_back: None, kept: orders[first.purchase_code],
                           sold_by_sur: sur_order}
        line = session.execute(select(OrderTicket.conflict)
                               .where(OrderTicket.order_id == orders[third.purchase_code])).scalar_one()
        assert line == "already_sold"


def test_return_is_delivered_and_the_platform_unassigns_the_tickets(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    seat = central.seat_ids
    returned = [seat["VIP30"], seat["VIP31"], seat["VIP32"]]
    before = clerk.sell_zone("General", 1)
    return_tickets(store.session_factory, terminal.terminal, central.event_id, returned, actor=SUPERVISOR)
    assert set(ticket_states(store, returned).values()) == {"returning"}
    after = clerk.sell_zone("General", 1)

    def is_unassign(request: Request) -> bool:
        return request.path == f"/{UNASSIGN}"

    # the answer to the unassign is lost after the platform did it: the retry must not be refused as
    # "not assigned to this office" (and parked) but replayed
    proxy.add_rule(is_unassign, Fault.cut_response(), times=1)
    worker = make_worker(store, terminal, proxy.url)
    assert worker.drain().delivered == 1  # the sale before the return, then the unassign fails
    assert worker.drain().delivered == 2  # the unassign, replayed, and the sale after it
    assert proxy.counts["cut_response"] == 1

    assert set(ticket_states(store, returned).values()) == {"returned"}
    assert outbox_row(store, central.event_id, kind="unassign").state == "delivered"
    assert local_view(store).outbox == {"delivered": 3}
    with central_session(central) as session:
        assert count(session, TicketOffline, TicketOffline.ticket_id.in_(returned)) == 0
        rows = session.execute(select(Ticket.status, Ticket.status_offline).where(Ticket.id.in_(returned))).all()
        assert rows == [(True, False)] * 3  # free, online, no longer held by the office
        assert count(session, Order, Order.purchase_code.in_([before.purchase_code, after.purchase_code])) == 2
    assert journal_ok(store).ok


def test_void_after_delivery_cancels_the_order_and_frees_the_seats(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    seats = [central.seat_ids["PRE20"], central.seat_ids["PRE21"]]
    sale = clerk.sell_seats(seats, pay="split")
    worker = make_worker(store, terminal, proxy.url)
    assert worker.drain().delivered == 1

    voided = void_sale(store.session_factory, terminal.terminal, sale.purchase_code, "wrong date", actor=SUPERVISOR)
    assert voided.delivered  # a cancellation is queued; the seats stay sold until the platform confirms
    assert set(ticket_states(store, seats).values()) == {"sold"}
    proxy.fail_next(Fault.cut_request())
    assert worker.drain().failed
    assert worker.drain().delivered == 1

    assert set(ticket_states(store, seats).values()) == {"available"}
    assert outbox_row(store, sale.purchase_code, kind="void").state == "delivered"
    with central_session(central) as session:
        order = session.scalars(select(Order).where(Order.purchase_code == sale.purchase_code)).one()
        assert order.status == "cancelled"
        rows = session.execute(select(Ticket.status, Ticket.sold_order_id).where(Ticket.id.in_(seats))).all()
        assert rows == [(True, None)] * 2
        holders = set(session.scalars(select(TicketOffline.office_id).where(TicketOffline.ticket_id.in_(seats))))
        assert holders == {NORTE}  # still the office's to sell

    resale = clerk.sell_seats(seats)  # and the office sells them again, cleanly
    assert worker.drain().delivered == 1
    assert sale_row(store, resale.purchase_code).delivery_state == "delivered"
    assert journal_ok(store).ok


def test_void_before_delivery_never_sends_the_sale(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    bodies: list[bytes] = []

    def record(request: Request) -> bool:
        bodies.append(request.body)
        return False

    proxy.add_rule(record, Fault.passthrough())
    seats = [central.seat_ids["GEN200"]]
    mistake = clerk.sell_seats(seats)
    voided = void_sale(store.session_factory, terminal.terminal, mistake.purchase_code, "customer left",
                       actor=SUPERVISOR)
    assert not voided.delivered
    assert ticket_states(store, seats) == {seats[0]: "available"}
    kept = clerk.sell_zone("General", 1)

    worker = make_worker(store, terminal, proxy.url)
    assert worker.drain().delivered == 1
    assert bodies and not any(mistake.purchase_code.encode() in body for body in bodies)
    assert outbox_row(store, mistake.purchase_code).state == "cancelled"
    assert sale_row(store, mistake.purchase_code).delivery_state == "cancelled"
    with central_session(central) as session:
        codes = set(session.scalars(select(SyncEntry.purchase_code)))
    assert codes == {kept.purchase_code}


def test_void_while_the_sale_is_in_flight_cancels_it_on_the_platform(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    sale = clerk.sell_zone("Preferente", 2)
    worker = make_worker(store, terminal, proxy.url)
    ids = [t.ticket_id for t in sale.tickets]
    in_flight: list[tuple[bool, set[str]]] = []

    def void_in_flight(request: Request) -> bool:  # the proxy holds the request carrying the sale: in flight
        if "synchronization" in request.path and not in_flight:
            voided = void_sale(store.session_factory, terminal.terminal, sale.purchase_code, "double charge",
                               actor=SUPERVISOR)
            in_flight.append((voided.delivered, set(ticket_states(store, ids).values())))
        return False  # no fault: the request goes on

    proxy.add_rule(void_in_flight, Fault.passthrough())
    assert worker.run_once().delivered == 1  # the platform has the order
    proxy.clear()
    # the request carrying it was sent: the platform may have it, so cancel it there; the seats stay sold until
    # the platform confirms the cancellation
    assert in_flight == [(True, {"sold"})]
    assert set(ticket_states(store, ids).values()) == {"sold"}

    assert worker.drain().delivered == 1  # then the cancellation, queued behind the sale
    with central_session(central) as session:
        assert session.scalar(select(Order.status).where(Order.purchase_code == sale.purchase_code)) == "cancelled"
        assert count(session, Ticket, Ticket.sold_order_id.is_not(None)) == 0
    assert set(ticket_states(store, ids).values()) == {"available"}
    assert local_view(store).outbox.get("pending", 0) == 0
    assert journal_ok(store).ok


def test_seat_of_a_sale_voided_in_flight_is_not_resold_before_the_platform_confirms(
        central: CentralServer, proxy: FaultProxy, terminal: TestTerminal, store: Store, clerk: Clerk) -> None:
    """The void of a sale whose request is on its way keeps the seat sold (the platform may hold the sale): it
    cannot be sold again until the platform confirms the cancellation, and then it can, cleanly."""
    seat = central.seat_ids["GEN230"]
    first = clerk.sell_seats([seat])
    worker = make_worker(store, terminal, proxy.url)
    resale_tries: list[str] = []

    def void_and_resell_in_flight(request: Request) -> bool:  # the proxy holds the request: in flight
        if "synchronization" in request.path and not resale_tries:
            void_sale(store.session_factory, terminal.terminal, first.purchase_code, "wrong seat", actor=SUPERVISOR)
            try:
                clerk.sell_seats([seat])
                resale_tries.append("sold again")
            except SeatNotAvailable:
                resale_tries.append("refused")
        return False  # no fault: the request goes on

    proxy.add_rule(void_and_resell_in_flight, Fault.passthrough())
    assert worker.run_once().delivered == 1
    proxy.clear()
    assert resale_tries == ["refused"]

    assert worker.drain().delivered == 1  # the cancellation of the first sale
    assert ticket_states(store, [seat]) == {seat: "available"}
    resale = clerk.sell_seats([seat])
    assert worker.drain().delivered == 1
    assert sale_row(store, resale.purchase_code).delivery_state == "delivered"
    with central_session(central) as session:
        statuses = dict(session.execute(select(Order.purchase_code, Order.status)).all())
    assert statuses == {first.purchase_code: "cancelled", resale.purchase_code: "completed"}
    assert local_view(store).outbox.get("pending", 0) == 0
