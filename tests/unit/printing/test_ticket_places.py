"""A real family-pass sale's tickets (#14): each knows its pass (name, what the whole pass cost, n of m) and its
zone, row and seat number, derived from the sale as the store keeps it; plain tickets are left as they are."""

from __future__ import annotations

from boxoffice.core.printout import PassShare
from boxoffice.facades.ticket_places import printable_tickets, ticket_places
from boxoffice.services.sales import LineRequest, sell
from boxoffice.store.engine import Store
from tests.unit.services.services_helpers import GENERAL, P_FAMILY, TERMINAL, cash, request, seats, ticket_id


def test_the_tickets_of_a_family_pass_say_which_pass_and_its_whole_price(store: Store) -> None:
    line = LineRequest(P_FAMILY, quantity=2, discount_cents=1001)  # 2 passes of 5 tickets, 160,00 € - 10,01 €
    sold = sell(store.session_factory, TERMINAL, request(seats(ticket_id(GENERAL, 1)), line,
                                                         payments=[cash(20000)], allow_split=True))
    places = ticket_places(store.read_session_factory, sold.purchase_code)
    assert [p.barcode for p in places] == [t.barcode for t in sold.tickets]
    plain, *passes = places
    assert plain.pass_of is None and plain.product == GENERAL
    assert (plain.place.zone, plain.place.row, plain.place.seat) == (GENERAL, "A", "1")  # "G01" -> seat 1
    assert [p.pass_of.number for p in passes] == [1, 2, 3, 4, 5] * 2
    assert {p.pass_of.of for p in passes} == {5} and {p.pass_of.name for p in passes} == {"Pase Familiar"}
    first, second = passes[0].pass_of.price_cents, passes[5].pass_of.price_cents
    assert first + second == 2 * 8000 - 1001 and abs(first - second) <= 1  # to the cent, what was paid
    assert [p.product for p in passes[:5]] == ["General"] * 2 + ["Niño"] * 3

    printed = printable_tickets(store.read_session_factory, sold.purchase_code, "Taquilla Centro")
    assert printed[0].pass_of is None
    assert printed[1].pass_of == PassShare("Pase Familiar", first, 1, 5)
    assert [t.barcode for t in printed] == [t.barcode for t in sold.tickets]


def test_an_unknown_code_has_no_places(store: Store) -> None:
    assert ticket_places(store.read_session_factory, "NOPE") == []
