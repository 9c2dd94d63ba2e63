"""Comps: zero-price tickets a supervisor issues with a reason and a recipient, counted apart, synced as sales."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from boxoffice.core.errors import InvalidSale
from boxoffice.core.permissions import PermissionRefused
from boxoffice.services.journal import verify
from boxoffice.services.printouts import receipt_for_sale, tickets_for_sale
from boxoffice.services.reports import sales_report
from boxoffice.services.sales import sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry, Outbox, Sale
from boxoffice.sync.wire import ticket_sold_entry
from tests.unit.services.services_helpers import (
    GENERAL,
    P_VIP,
    PRICES,
    TERMINAL,
    VIP,
    cash,
    dump,
    request,
    seats,
    states,
    ticket_id,
)

CLERK, SUPERVISOR = 1, 2


@pytest.fixture
def staffed(store: Store) -> Store:
    with store.session_factory.begin() as session:
        session.add(Clerk(id=CLERK, name="Ana", role="clerk", pin_hash="scrypt$x"))
        session.add(Clerk(id=SUPERVISOR, name="Bea", role="supervisor", pin_hash="scrypt$x"))
    return store


def comp(*ids: str, **fields):
    fields.setdefault("clerk_id", SUPERVISOR)
    fields.setdefault("comp_reason", "Prensa")
    fields.setdefault("customer_name", "Pat Lee")
    return request(seats(*ids, product=P_VIP), **fields)


def test_a_comp_takes_the_seats_at_zero_price_with_the_list_price_on_record(staffed: Store) -> None:
    vip = [ticket_id(VIP, 1), ticket_id(VIP, 2)]
    result = sell(staffed.session_factory, TERMINAL, comp(*vip, comp_reason="  Prensa  ", customer_name=" Pat "))
    assert (result.total_cents, result.change_cents, result.payments) == (0, 0, ())
    assert states(staffed, vip) == dict.fromkeys(vip, "sold")
    with staffed.read_session_factory() as session:
        sale = session.scalars(select(Sale).where(Sale.purchase_code == result.purchase_code)).one()
        assert (sale.comp_reason, sale.customer_name, sale.total_cents) == ("Prensa", "Pat", 0)
        item = sale.items[0]
        assert (item.unit_cents, item.discount_cents, item.total_cents) == (PRICES[P_VIP], 2 * PRICES[P_VIP], 0)
        entry = session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc())).first()
        assert (entry.kind, entry.actor, entry.subject) == ("comp", "Bea", result.purchase_code)
        assert '"comp_reason":"Prensa"' in entry.payload and '"recipient":"Pat"' in entry.payload
        outbox = session.scalars(select(Outbox).where(Outbox.subject == result.purchase_code)).one()
    with staffed.read_session_factory() as session:
        assert verify(session).ok
    wire = ticket_sold_entry(outbox.payload, outbox.idempotency_key)
    assert wire["amount"] == 0 and wire["transactions"] == [] and wire["client_name"] == "Pat"
    assert wire["pos_transaction"]["notes"] == "COMP: Prensa"
    assert sorted(wire["tickets"]) == sorted(vip)


def test_comp_tickets_print_marked_and_count_apart(staffed: Store) -> None:
    paid = sell(staffed.session_factory, TERMINAL, request(seats(ticket_id(GENERAL, 1)), payments=[cash(2500)],
                                                           clerk_id=CLERK))
    free = sell(staffed.session_factory, TERMINAL, comp(ticket_id(VIP, 3)))
    printed = tickets_for_sale(staffed.read_session_factory, free.purchase_code, "Taquilla")
    assert [(t.comp, t.price_cents) for t in printed] == [(True, 0)]
    assert not tickets_for_sale(staffed.read_session_factory, paid.purchase_code, "Taquilla")[0].comp
    receipt = receipt_for_sale(staffed.read_session_factory, free.purchase_code, "Taquilla")
    assert (receipt.total_cents, receipt.paid_cents) == (0, 0)
    report = sales_report(staffed.read_session_factory)
    assert (report.comps.count, report.comps.tickets) == (1, 1)
    assert report.totals.total_cents == 2500


@pytest.mark.parametrize("clerk_id", [CLERK, None])
def test_a_comp_needs_the_comp_permission(staffed: Store, clerk_id: int | None) -> None:
    before = dump(staffed)
    with pytest.raises(PermissionRefused) as caught:
        sell(staffed.session_factory, TERMINAL, comp(ticket_id(VIP, 1), clerk_id=clerk_id))
    assert caught.value.code == "permission_refused" and caught.value.params["action"] == "comp"
    assert dump(staffed) == before


@pytest.mark.parametrize(("fields", "message"), [
    ({"comp_reason": "  "}, "reason"),
    ({"customer_name": ""}, "who receives"),
    ({"payments": (cash(100),)}, "take no payment"),
])
def test_a_comp_is_refused_without_reason_recipient_or_with_payment(
        staffed: Store, fields: dict, message: str) -> None:
    before = dump(staffed)
    with pytest.raises(InvalidSale, match=message):
        sell(staffed.session_factory, TERMINAL, comp(ticket_id(VIP, 1), **fields))
    assert dump(staffed) == before
