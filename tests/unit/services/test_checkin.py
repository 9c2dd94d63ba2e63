"""Door check offline: green once, red with the reason, every entry recorded in the journal."""

from __future__ import annotations

from boxoffice.core.codes import new_purchase_code, ticket_barcode
from boxoffice.core.payments import PaymentRequest
from boxoffice.services.catalog import lines_for
from boxoffice.services.checkin import check_ticket
from boxoffice.services.context import Terminal
from boxoffice.services.journal import verify
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import SaleRequest, sell
from tests.helpers.supervisors import SUPERVISOR

TERMINAL = Terminal("office_taquilla_norte", "Taquilla Norte", "t1")


def _sell(store, event: str = "EV1"):
    lines = lines_for(store.session_factory, event, zone="General", quantity=2)
    cash = (PaymentRequest("cash", tendered_cents=10**6),)
    return sell(store.session_factory, TERMINAL, SaleRequest(event, lines, cash))


def test_first_entry_is_green_and_a_second_is_red_with_the_time(store) -> None:
    sale = _sell(store)
    barcode = sale.tickets[0].barcode
    first = check_ticket(store.session_factory, barcode.lower(), "EV1", actor="door-1")
    assert first.green and first.reason == "ok" and first.seat == sale.tickets[0].seat_id
    second = check_ticket(store.session_factory, barcode, "EV1")
    assert not second.green and second.reason == "already_entered"
    assert second.entered_at == first.entered_at
    other = check_ticket(store.session_factory, sale.tickets[1].barcode, "EV1")
    assert other.green  # the other ticket of the same sale enters on its own
    with store.read_session_factory() as s:
        assert verify(s).ok


def test_red_reasons(store) -> None:
    sale = _sell(store)
    assert check_ticket(store.session_factory, "HELLO", "EV1").reason == "malformed"
    assert check_ticket(store.session_factory, sale.purchase_code, "EV1").reason == "malformed"
    stranger = ticket_barcode(new_purchase_code(), 1)
    assert check_ticket(store.session_factory, stranger, "EV1").reason == "unknown"
    assert check_ticket(store.session_factory, sale.tickets[0].barcode, "EV2").reason == "wrong_event"
    void_sale(store.session_factory, TERMINAL, sale.purchase_code, "refund", actor=SUPERVISOR)
    voided = check_ticket(store.session_factory, sale.tickets[0].barcode, "EV1")
    assert not voided.green and voided.reason == "voided"
    mistyped = sale.tickets[1].barcode[:-1] + ("1" if sale.tickets[1].barcode[-1] != "1" else "2")
    assert check_ticket(store.session_factory, mistyped, "EV1").reason == "malformed"
