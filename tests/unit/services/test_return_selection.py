"""Choosing tickets to return (zone, seat range, all unsold), the seat list shown, and the history of returns
with the platform's answer; a void's cancellation as the sale screen follows it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from boxoffice.core.errors import InvalidSale, UnknownEvent
from boxoffice.services.returns import (
    Confirmation,
    ReturnSelection,
    SeatRange,
    describe_seats,
    natural_key,
    return_history,
    return_tickets,
    return_zones,
    seat_number,
    select_unsold,
    void_confirmation,
    void_sale,
)
from boxoffice.store.engine import Store
from boxoffice.store.models import Outbox, Ticket
from tests.helpers.supervisors import SUPERVISOR
from tests.unit.services.services_helpers import (
    EVENT,
    GENERAL,
    PREFERENTE,
    SEATS_PER_ZONE,
    TERMINAL,
    VIP,
    sell_seats,
    ticket_id,
    zone_ids,
)


def g(n: int) -> str:
    return ticket_id(GENERAL, n)


def test_seat_numbers_and_natural_order() -> None:
    assert [seat_number(s) for s in ("GEN17", "G07", "A", "12", "")] == [17, 7, None, 12, None]
    assert sorted(["GEN10", "GEN2", "GEN1", "PRE1"], key=natural_key) == ["GEN1", "GEN2", "GEN10", "PRE1"]
    assert sorted(["AA", "B", "Z", "A"], key=natural_key) == ["A", "B", "Z", "AA"]  # theatre rows


def test_describe_seats_joins_runs() -> None:
    assert describe_seats(["GEN3", "GEN1", "GEN2", "GEN5", "PRE1", "PRE2", "GEN2"]) == "GEN1–GEN3, GEN5, PRE1–PRE2"
    assert describe_seats([]) == ""
    assert describe_seats([f"S{n}" for n in range(1, 40, 2)], limit=3) == "S1, S3, S5 +17 more"


def test_zones_offer_rows_counts_and_bounds(store: Store) -> None:
    sell_seats(store, g(1), g(2))
    return_tickets(store.session_factory, TERMINAL, EVENT, [g(12)], actor=SUPERVISOR)
    zones = {z.zone: z for z in return_zones(store.read_session_factory, EVENT)}
    assert list(zones) == [GENERAL, PREFERENTE, VIP]
    general = zones[GENERAL]
    assert general.rows == ("A", "B")
    assert (general.unsold, general.held) == (SEATS_PER_ZONE[GENERAL] - 3, SEATS_PER_ZONE[GENERAL])
    assert (general.lowest, general.highest) == (1, 12)
    # once the platform confirms the return, the seat is gone from this office
    with store.session_factory.begin() as session:
        session.execute(update(Ticket).where(Ticket.id == g(12)).values(state="returned"))
    general = next(z for z in return_zones(store.read_session_factory, EVENT) if z.zone == GENERAL)
    assert (general.held, general.highest) == (SEATS_PER_ZONE[GENERAL] - 1, 11)


def test_by_zone_takes_every_unsold_ticket_of_the_zone_and_names_the_sold_ones(store: Store) -> None:
    sell_seats(store, g(3), g(10))
    chosen = select_unsold(store.read_session_factory, EVENT, zone=GENERAL)
    expected = [i for i in zone_ids(GENERAL) if i not in (g(3), g(10))]
    assert chosen.ticket_ids == tuple(expected)
    assert chosen.seats == tuple(i.split("-")[1] for i in expected)
    assert chosen.skipped == (("G03", "sold"), ("G10", "sold"))
    assert (chosen.count, chosen.sold_skipped) == (10, 2)


def test_seat_range_within_a_zone_and_row(store: Store) -> None:
    sell_seats(store, g(8))
    return_tickets(store.session_factory, TERMINAL, EVENT, [g(9)], actor=SUPERVISOR)
    chosen = select_unsold(store.read_session_factory, EVENT, seat_range=SeatRange(GENERAL, "B", 7, 10))
    assert chosen.seats == ("G07", "G10")
    assert chosen.skipped == (("G08", "sold"), ("G09", "returning"))
    assert chosen.sold_skipped == 1
    # the row limits the range: seats 5..8 of row A are only 5 and 6
    chosen = select_unsold(store.read_session_factory, EVENT, seat_range=SeatRange(GENERAL, "A", 5, 8))
    assert chosen.seats == ("G05", "G06") and chosen.skipped == ()
    # no row: across rows; an open bound runs to the end
    chosen = select_unsold(store.read_session_factory, EVENT, seat_range=SeatRange(GENERAL, None, 5, None))
    assert chosen.seats == ("G05", "G06", "G07", "G10", "G11", "G12")
    # a range only of a sold seat: nothing to return, and it says why
    chosen = select_unsold(store.read_session_factory, EVENT, seat_range=SeatRange(GENERAL, None, 8, 8))
    assert chosen == ReturnSelection((), (), (("G08", "sold"),))


def test_all_unsold_covers_every_zone_in_seat_order(store: Store) -> None:
    sell_seats(store, g(1))
    chosen = select_unsold(store.read_session_factory, EVENT, all_unsold=True)
    assert chosen.ticket_ids == tuple(zone_ids(GENERAL)[1:] + zone_ids(PREFERENTE) + zone_ids(VIP))
    assert chosen.skipped == (("G01", "sold"),)


def test_the_choice_must_make_sense(store: Store) -> None:
    with pytest.raises(InvalidSale, match="choose a zone"):
        select_unsold(store.read_session_factory, EVENT)
    with pytest.raises(InvalidSale, match="choose a zone"):
        select_unsold(store.read_session_factory, EVENT, zone=GENERAL, all_unsold=True)
    with pytest.raises(InvalidSale, match="backwards"):
        select_unsold(store.read_session_factory, EVENT, seat_range=SeatRange(GENERAL, None, 9, 3))
    with pytest.raises(InvalidSale, match="no tickets in zone"):
        select_unsold(store.read_session_factory, EVENT, zone="Palco")
    with pytest.raises(UnknownEvent):
        select_unsold(store.read_session_factory, "NOPE", all_unsold=True)


def test_history_shows_queued_confirmed_and_refused_returns_with_who(store: Store) -> None:
    first = return_tickets(store.session_factory, TERMINAL, EVENT, [g(2), g(1)], actor="Sonia")
    second = return_tickets(store.session_factory, TERMINAL, EVENT, [ticket_id(VIP, 1)], actor="Marta")
    third = return_tickets(store.session_factory, TERMINAL, EVENT, [ticket_id(VIP, 2)], actor="Marta")
    history = return_history(store.read_session_factory, EVENT)
    assert [r.ticket_ids for r in history] == [third.ticket_ids, second.ticket_ids, first.ticket_ids]
    assert [r.actor for r in history] == ["Marta", "Marta", "Sonia"]
    assert history[2].seats == ("G01", "G02")
    assert all(r.confirmation == Confirmation("queued") for r in history)
    # the worker's part: the first is confirmed, the second refused, the third failed once and waits
    confirmed_at = datetime(2025, 3, 30, 18, 5, tzinfo=UTC)
    ids = [r.outbox_id for r in history]
    with store.session_factory.begin() as session:
        session.execute(update(Outbox).where(Outbox.id == ids[2]).values(state="delivered",
                                                                         delivered_at=confirmed_at))
        session.execute(update(Outbox).where(Outbox.id == ids[1]).values(
            state="parked", last_error="ticket V01 is not assigned to this office", attempts=1))
        session.execute(update(Outbox).where(Outbox.id == ids[0]).values(last_error="connection refused",
                                                                         attempts=1))
    history = return_history(store.read_session_factory, EVENT)
    assert history[2].confirmation == Confirmation("confirmed", confirmed_at, None, 0)
    assert history[1].confirmation == Confirmation("refused", None, "ticket V01 is not assigned to this office", 1)
    assert history[0].confirmation == Confirmation("queued", None, "connection refused", 1)
    assert return_history(store.read_session_factory, "EV2") == []


def test_void_confirmation_follows_the_cancellation(store: Store) -> None:
    undelivered = sell_seats(store, g(4)).purchase_code
    void_sale(store.session_factory, TERMINAL, undelivered, "mistake", actor="Marta")
    assert void_confirmation(store.read_session_factory, undelivered) is None  # nothing to confirm
    delivered = sell_seats(store, g(5)).purchase_code
    with store.session_factory.begin() as session:
        session.execute(update(Outbox).where(Outbox.subject == delivered).values(state="delivered"))
    void_sale(store.session_factory, TERMINAL, delivered, "refund", actor="Marta")
    assert void_confirmation(store.read_session_factory, delivered) == Confirmation("queued")
    with store.session_factory.begin() as session:
        row = session.scalars(select(Outbox).where(Outbox.kind == "void")).one()
        row.state, row.delivered_at = "delivered", datetime(2025, 3, 30, 19, 0, tzinfo=UTC)
    assert void_confirmation(store.read_session_factory, delivered).state == "confirmed"
