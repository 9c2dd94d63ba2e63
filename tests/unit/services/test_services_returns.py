"""Returns make unsold tickets ``returning`` at once and queue an unassign; voids cancel an undelivered sale's
delivery (seats back on sale) or queue a cancellation of a delivered one (seats stay sold)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from boxoffice.core.errors import InvalidSale, SeatNotAvailable, UnknownEvent, UnknownSale
from boxoffice.services import journal
from boxoffice.services.returns import ReturnResult, VoidResult, return_tickets, void_sale
from boxoffice.services.sales import LineRequest, sale_snapshot, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Event, JournalEntry, Outbox, Sale, SaleTicket, Ticket
from tests.helpers.supervisors import SUPERVISOR
from tests.unit.services.services_helpers import (
    EVENT,
    GENERAL,
    OTHER_EVENT,
    P_FAMILY,
    TERMINAL,
    VIP,
    cash,
    dump,
    execute,
    load_sale,
    outbox_rows,
    pull,
    request,
    sell_seats,
    state,
    states,
    ticket_id,
    zone_ids,
)

G1, G2, G3, G4 = (ticket_id(GENERAL, n) for n in range(1, 5))


def journal_kinds(store: Store) -> list[str]:
    with store.read_session_factory() as session:
        return list(session.scalars(select(JournalEntry.kind).order_by(JournalEntry.seq)))


def verify_ok(store: Store) -> None:
    with store.read_session_factory() as session:
        result = journal.verify(session)
    assert result.ok, result.problem


# --- returns -------------------------------------------------------------------------------------------------


def test_returning_unsold_tickets_makes_them_unsellable_and_queues_an_unassign(store: Store) -> None:
    result = return_tickets(store.session_factory, TERMINAL, EVENT, [G2, G3, G2], actor="Sonia")
    assert result == ReturnResult(EVENT, (G2, G3))
    assert states(store, [G1, G2, G3]) == {G1: "available", G2: "returning", G3: "returning"}
    [outbox] = outbox_rows(store.read_session_factory)
    assert (outbox.kind, outbox.subject, outbox.state) == ("unassign", EVENT, "pending")
    assert outbox.payload == {"event_id": EVENT, "office_id": "OF1", "ticket_ids": [G2, G3]}
    with store.read_session_factory() as session:
        entry = session.scalars(select(JournalEntry)).one()
        assert (entry.kind, entry.actor, entry.subject) == ("return", "Sonia", EVENT)
    verify_ok(store)
    with pytest.raises(SeatNotAvailable) as caught:
        sell_seats(store, G2)
    assert caught.value.ticket_ids == [G2]


def test_all_unsold_returns_every_available_ticket_of_the_event_and_nothing_else(store: Store) -> None:
    sold = sell_seats(store, G1, G4).purchase_code
    execute(store, "UPDATE tickets SET state = 'withdrawn' WHERE id = :id", id=ticket_id(VIP, 1))
    result = return_tickets(store.session_factory, TERMINAL, EVENT, all_unsold=True, actor=SUPERVISOR)
    with store.read_session_factory() as session:
        by_state = dict(session.execute(select(Ticket.state, func.count()).where(Ticket.event_id == EVENT)
                                        .group_by(Ticket.state)).all())
        other_event = set(session.scalars(select(Ticket.state).where(Ticket.event_id == OTHER_EVENT)))
        assert load_sale(session, sold).status == "completed"
    assert by_state == {"sold": 2, "withdrawn": 1, "returning": 19 - 3}
    assert other_event == {"available"}
    assert len(result.ticket_ids) == 16
    assert G1 not in result.ticket_ids and G4 not in result.ticket_ids
    assert [o.kind for o in outbox_rows(store.read_session_factory)] == ["sale", "unassign"]
    assert journal_kinds(store) == ["sale", "return"]
    with pytest.raises(InvalidSale, match="no unsold tickets"):
        return_tickets(store.session_factory, TERMINAL, EVENT, all_unsold=True, actor=SUPERVISOR)


def test_a_sold_seat_is_refused_and_nothing_changes(store: Store) -> None:
    sell_seats(store, G2)
    before = dump(store)
    with pytest.raises(SeatNotAvailable) as caught:
        return_tickets(store.session_factory, TERMINAL, EVENT, [G1, G2, G3], actor=SUPERVISOR)
    assert caught.value.ticket_ids == [G2]
    assert "G02 (sold)" in str(caught.value)
    assert dump(store) == before


@pytest.mark.parametrize(("ids", "refused"), [
    (["EV1-X99"], ["EV1-X99"]),
    ([ticket_id(GENERAL, 1, OTHER_EVENT)], [ticket_id(GENERAL, 1, OTHER_EVENT)]),
])
def test_unknown_tickets_and_tickets_of_another_event_are_refused(store: Store, ids: list[str],
                                                                   refused: list[str]) -> None:
    before = dump(store)
    with pytest.raises(SeatNotAvailable) as caught:
        return_tickets(store.session_factory, TERMINAL, EVENT, [G1, *ids], actor=SUPERVISOR)
    assert caught.value.ticket_ids == refused
    assert dump(store) == before


def test_a_ticket_already_being_returned_is_refused(store: Store) -> None:
    return_tickets(store.session_factory, TERMINAL, EVENT, [G1], actor=SUPERVISOR)
    before = dump(store)
    with pytest.raises(SeatNotAvailable):
        return_tickets(store.session_factory, TERMINAL, EVENT, [G1], actor=SUPERVISOR)
    assert dump(store) == before


def test_a_return_needs_tickets_and_a_known_event(store: Store) -> None:
    before = dump(store)
    with pytest.raises(InvalidSale):
        return_tickets(store.session_factory, TERMINAL, EVENT, [], actor=SUPERVISOR)
    with pytest.raises(InvalidSale):
        return_tickets(store.session_factory, TERMINAL, EVENT, actor=SUPERVISOR)
    with pytest.raises(UnknownEvent):
        return_tickets(store.session_factory, TERMINAL, "NOPE", [G1], actor=SUPERVISOR)
    with pytest.raises(UnknownEvent):
        return_tickets(store.session_factory, TERMINAL, "NOPE", all_unsold=True, actor=SUPERVISOR)
    assert dump(store) == before


# --- voids ---------------------------------------------------------------------------------------------------


def test_a_void_before_delivery_cancels_the_delivery_and_frees_the_seats(store: Store) -> None:
    code = sell_seats(store, G1, G2).purchase_code
    result = void_sale(store.session_factory, TERMINAL, f"  {code.lower()} ", "  cliente se equivocó de día ",
                       actor="Sonia")
    assert result == VoidResult(code, delivered=False)
    [outbox] = outbox_rows(store.read_session_factory)
    assert (outbox.kind, outbox.state) == ("sale", "cancelled")
    with store.read_session_factory() as session:
        sale = load_sale(session, code)
        assert (sale.status, sale.delivery_state, sale.void_reason) == ("voided", "cancelled",
                                                                         "cliente se equivocó de día")
        assert sale.voided_at is not None
        assert {t.sale_status for t in sale.tickets} == {"voided"}
        entry = session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc())).first()
        assert entry is not None
        assert (entry.kind, entry.actor, entry.subject) == ("void", "Sonia", code)
    assert states(store, [G1, G2]) == {G1: "available", G2: "available"}
    verify_ok(store)
    again = sell_seats(store, G1, G2)
    assert [t.ticket_id for t in again.tickets] == [G1, G2]
    with store.read_session_factory() as session:
        completed = session.scalars(select(SaleTicket.ticket_id).where(SaleTicket.sale_status == "completed"))
        assert sorted(completed) == [G1, G2]


def test_a_void_of_a_parked_sale_also_frees_the_seats(store: Store) -> None:
    code = sell_seats(store, G1).purchase_code
    execute(store, "UPDATE outbox SET state = 'parked', last_error = 'rejected' WHERE subject = :c", c=code)
    assert void_sale(store.session_factory, TERMINAL, code, "rechazada", actor=SUPERVISOR).delivered is False
    assert state(store, G1) == "available"
    assert [o.state for o in outbox_rows(store.read_session_factory)] == ["cancelled"]


def test_a_void_of_a_sale_whose_delivery_was_attempted_queues_a_cancellation_behind_it(store: Store) -> None:
    """Its answer may have been lost after the platform stored it: the platform must hear of the void."""
    code = sell_seats(store, G1, G2).purchase_code
    execute(store, "UPDATE outbox SET attempted_at = '2026-12-01T10:00:00.000000Z', attempts = 1 "
                   "WHERE subject = :c", c=code)
    assert void_sale(store.session_factory, TERMINAL, code, "se fue sin pagar",
                     actor=SUPERVISOR) == VoidResult(code, delivered=True)
    sale_row, void_row = outbox_rows(store.read_session_factory)
    assert (sale_row.state, void_row.kind, void_row.state) == ("pending", "void", "pending")  # sale first
    assert sale_row.id < void_row.id and void_row.payload["status"] == "cancelled"
    assert states(store, [G1, G2]) == {G1: "sold", G2: "sold"}  # until the platform confirms the cancellation
    with store.read_session_factory() as session:
        assert load_sale(session, code).status == "voided"
    verify_ok(store)


def test_a_void_of_a_parked_sale_whose_delivery_was_attempted_frees_the_seats(store: Store) -> None:
    """Parked means the platform refused it: it does not hold it, so there is nothing to cancel there."""
    code = sell_seats(store, G1).purchase_code
    execute(store, "UPDATE outbox SET state = 'parked', attempted_at = '2026-12-01T10:00:00.000000Z' "
                   "WHERE subject = :c", c=code)
    assert void_sale(store.session_factory, TERMINAL, code, "rechazada", actor=SUPERVISOR).delivered is False
    assert state(store, G1) == "available"
    assert [o.state for o in outbox_rows(store.read_session_factory)] == ["cancelled"]


def test_a_family_pass_void_frees_all_five_seats(store: Store) -> None:
    result = sell(store.session_factory, TERMINAL, request(LineRequest(P_FAMILY), payments=[cash(8000)]))
    ids = [t.ticket_id for t in result.tickets]
    void_sale(store.session_factory, TERMINAL, result.purchase_code, "error", actor=SUPERVISOR)
    assert set(states(store, ids).values()) == {"available"}


def test_a_void_after_delivery_queues_a_cancellation_and_keeps_the_seats_sold(store: Store) -> None:
    code = sell_seats(store, G1, G2).purchase_code
    execute(store, "UPDATE outbox SET state = 'delivered' WHERE subject = :c", c=code)
    execute(store, "UPDATE sales SET delivery_state = 'delivered' WHERE purchase_code = :c", c=code)
    result = void_sale(store.session_factory, TERMINAL, code, "devolución en taquilla", actor=SUPERVISOR)
    assert result == VoidResult(code, delivered=True)
    sale_row, void_row = outbox_rows(store.read_session_factory)
    assert (sale_row.kind, sale_row.state) == ("sale", "delivered")
    assert (void_row.kind, void_row.subject, void_row.state) == ("void", code, "pending")
    assert void_row.idempotency_key != sale_row.idempotency_key
    assert void_row.payload["status"] == "cancelled"
    assert void_row.payload["purchase_code"] == code
    with store.read_session_factory() as session:
        sale = load_sale(session, code)
        event = session.get(Event, sale.event_id)
        assert event is not None
        assert void_row.payload == sale_snapshot(sale, event, TERMINAL, status="cancelled")
        assert (sale.status, sale.delivery_state) == ("voided", "delivered")
    assert {k: v for k, v in void_row.payload.items() if k != "status"} == {
        k: v for k, v in sale_row.payload.items() if k != "status"}
    assert states(store, [G1, G2]) == {G1: "sold", G2: "sold"}
    assert journal_kinds(store) == ["sale", "void"]
    verify_ok(store)
    with pytest.raises(SeatNotAvailable):
        sell_seats(store, G1)


def test_a_sale_cannot_be_voided_twice(store: Store) -> None:
    code = sell_seats(store, G1).purchase_code
    void_sale(store.session_factory, TERMINAL, code, "error", actor=SUPERVISOR)
    before = dump(store)
    with pytest.raises(InvalidSale, match="already voided"):
        void_sale(store.session_factory, TERMINAL, code, "otra vez", actor=SUPERVISOR)
    assert dump(store) == before


@pytest.mark.parametrize("reason", ["", "   \t"])
def test_a_void_needs_a_reason(store: Store, reason: str) -> None:
    code = sell_seats(store, G1).purchase_code
    before = dump(store)
    with pytest.raises(InvalidSale, match="reason"):
        void_sale(store.session_factory, TERMINAL, code, reason, actor=SUPERVISOR)
    assert dump(store) == before


def test_voiding_an_unknown_sale_is_refused(store: Store) -> None:
    before = dump(store)
    with pytest.raises(UnknownSale):
        void_sale(store.session_factory, TERMINAL, "GJXS0LM6RYG37", "error", actor=SUPERVISOR)
    assert dump(store) == before


def test_a_voided_seat_the_platform_no_longer_assigns_here_does_not_come_back_on_sale(store: Store) -> None:
    """The pull kept the seat sold (ours); once the sale is voided it is unsold here and not ours to sell."""
    code = sell_seats(store, G1, G2).purchase_code
    pull(store, drop=[G1], unavailable=[G2])
    assert states(store, [G1, G2]) == {G1: "sold", G2: "sold"}
    void_sale(store.session_factory, TERMINAL, code, "error", actor=SUPERVISOR)
    assert states(store, [G1, G2]) == {G1: "withdrawn", G2: "withdrawn"}
    for tid in (G1, G2):
        with pytest.raises(SeatNotAvailable):
            sell_seats(store, tid)
    pull(store)  # assigned and free again
    assert states(store, [G1, G2]) == {G1: "available", G2: "available"}


def test_returns_and_voids_leave_other_sales_alone(store: Store) -> None:
    keep = sell_seats(store, G3).purchase_code
    drop = sell_seats(store, G4).purchase_code
    void_sale(store.session_factory, TERMINAL, drop, "error", actor=SUPERVISOR)
    return_tickets(store.session_factory, TERMINAL, EVENT, zone_ids(VIP), actor=SUPERVISOR)
    with store.read_session_factory() as session:
        assert load_sale(session, keep).status == "completed"
        assert session.scalar(select(func.count()).select_from(Sale).where(Sale.status == "voided")) == 1
    assert state(store, G3) == "sold"
    with store.session_factory.begin() as session:
        session.execute(update(Outbox).values(state="delivered"))
    assert [o.kind for o in outbox_rows(store.read_session_factory)] == ["sale", "sale", "unassign"]
    verify_ok(store)
