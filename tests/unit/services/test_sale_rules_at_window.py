"""Issue #16 point 3 at the window: a pull carries each ticket type's sale window and visibility, and a sale
outside them is refused before anything is written, with the reason (services/sales.py, core/sale_rules.py)."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from boxoffice.core.errors import InvalidSale
from boxoffice.services.inventory import merge_inventory
from boxoffice.services.sales import sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Product, Sale
from boxoffice.store.types import utcnow
from tests.unit.services.services_helpers import (
    EVENT,
    EVENT_NAME,
    GENERAL,
    P_GEN,
    PRICES,
    STARTS_AT,
    TERMINAL,
    cash,
    remote_products,
    remote_tickets,
    request,
    seats,
    states,
    ticket_id,
)


def _pull_with(store: Store, **rules: object) -> None:
    """A pull in which the General type has ``rules`` (sale_start, sale_end, visibility)."""
    products = [dataclasses.replace(p, **rules) if p.id == P_GEN else p for p in remote_products()]
    merge_inventory(store.session_factory, EVENT, EVENT_NAME, STARTS_AT, remote_tickets(), products)


def _sales(store: Store) -> int:
    with store.read_session_factory() as session:
        return session.scalar(select(func.count()).select_from(Sale)) or 0


@pytest.mark.parametrize(("rules", "code"), [
    ({"sale_end": utcnow() - timedelta(days=1)}, "ticket_type_sale_closed"),
    ({"sale_start": utcnow() + timedelta(days=1)}, "ticket_type_not_yet_on_sale"),
    ({"visibility": "invite-only"}, "ticket_type_not_public"),
])
def test_a_sale_past_the_types_rules_is_refused_and_writes_nothing(store: Store, rules: dict, code: str) -> None:
    _pull_with(store, **rules)
    seat = ticket_id(GENERAL, 1)
    before = _sales(store)
    with pytest.raises(InvalidSale) as refused:
        sell(store.session_factory, TERMINAL, request(seats(seat), payments=[cash(PRICES[P_GEN])]))
    assert refused.value.code == code and refused.value.params["product"] == GENERAL
    assert states(store, [seat]) == {seat: "available"} and _sales(store) == before


def test_the_pull_keeps_the_rules_up_to_date_and_a_reopened_sale_sells(store: Store) -> None:
    closed = utcnow() - timedelta(days=1)
    _pull_with(store, sale_end=closed, visibility="private")
    with store.read_session_factory() as session:
        product = session.get(Product, P_GEN)
        assert (product.sale_end, product.visibility) == (closed, "private")
    _pull_with(store, sale_end=utcnow() + timedelta(days=1))  # the platform extended the sale and made it public
    seat = ticket_id(GENERAL, 2)
    sell(store.session_factory, TERMINAL, request(seats(seat), payments=[cash(PRICES[P_GEN])]))
    assert states(store, [seat]) == {seat: "sold"}
