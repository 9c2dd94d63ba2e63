"""sell() enforces the discount rule (issue #14): a clerk up to the terminal's limit, above it a supervisor's
approval (named in the journal), the whole price never (that is a comp); a refusal writes nothing."""

from __future__ import annotations

import dataclasses
import json

import pytest
from sqlalchemy import select

from boxoffice.core.discounts import DiscountRefused
from boxoffice.services.printouts import tickets_for_sale
from boxoffice.services.sales import SaleRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry, Outbox
from tests.unit.services.services_helpers import (
    GENERAL,
    P_GEN,
    PRICES,
    TERMINAL,
    cash,
    dump,
    load_sale,
    request,
    seats,
    ticket_id,
)

CLERK, SUPERVISOR, RETIRED, DOOR = 1, 2, 3, 4
G1, G2 = ticket_id(GENERAL, 1), ticket_id(GENERAL, 2)
PRICE = PRICES[P_GEN]  # 25,00 €: the default 10 % limit is 2,50 €


@pytest.fixture
def staffed(store: Store) -> Store:
    with store.session_factory.begin() as session:
        session.add(Clerk(id=CLERK, name="Ana", role="clerk", pin_hash="scrypt$x"))
        session.add(Clerk(id=SUPERVISOR, name="Bea", role="supervisor", pin_hash="scrypt$x"))
        session.add(Clerk(id=RETIRED, name="Carla", role="supervisor", pin_hash="scrypt$x", active=False))
        session.add(Clerk(id=DOOR, name="Dani", role="door", pin_hash="scrypt$x"))
    return store


def discounted(discount: int, *ids: str, clerk: int | None = CLERK, **fields: object) -> SaleRequest:
    ids = ids or (G1,)
    return request(seats(*ids, discount=discount), payments=[cash(PRICE * len(ids) - discount)], clerk_id=clerk,
                   **fields)


def refused(store: Store, sale: SaleRequest, code: str, terminal=TERMINAL) -> DiscountRefused:
    before = dump(store)
    with pytest.raises(DiscountRefused) as caught:
        sell(store.session_factory, terminal, sale)
    assert caught.value.code == code
    assert dump(store) == before, "a refused sale wrote something"
    return caught.value


def last_entry(store: Store) -> tuple[str, str | None, dict]:
    with store.read_session_factory() as session:
        entry = session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc())).first()
        return entry.kind, entry.actor, json.loads(entry.payload)


def test_a_clerk_gives_up_to_the_limit_without_approval(staffed: Store) -> None:
    result = sell(staffed.session_factory, TERMINAL, discounted(250))
    assert result.total_cents == PRICE - 250
    kind, actor, payload = last_entry(staffed)
    assert (kind, actor) == ("sale", "Ana")
    assert "discount_approved_by" not in payload


def test_the_limit_is_per_line_list_price(staffed: Store) -> None:
    result = sell(staffed.session_factory, TERMINAL, discounted(500, G1, G2))  # 10 % of 50,00 €
    assert result.total_cents == 2 * PRICE - 500


def test_above_the_limit_a_clerk_is_refused_with_the_limit(staffed: Store) -> None:
    error = refused(staffed, discounted(251), "discount_needs_supervisor")
    assert error.params == {"product": GENERAL, "percent": 10, "limit_cents": 250}


def test_a_sale_with_no_clerk_signed_in_has_the_clerk_limit(staffed: Store) -> None:
    refused(staffed, discounted(251, clerk=None), "discount_needs_supervisor")


def test_the_limit_comes_from_the_terminal_config(staffed: Store) -> None:
    strict = dataclasses.replace(TERMINAL, clerk_max_discount_percent=0)
    refused(staffed, discounted(1), "discount_needs_supervisor", terminal=strict)
    generous = dataclasses.replace(TERMINAL, clerk_max_discount_percent=50)
    assert sell(staffed.session_factory, generous, discounted(1250)).total_cents == PRICE - 1250


def test_a_supervisors_approval_lets_a_clerk_go_above_and_the_journal_names_the_approver(staffed: Store) -> None:
    result = sell(staffed.session_factory, TERMINAL, discounted(1000, discount_approved_by=SUPERVISOR))
    assert result.total_cents == PRICE - 1000
    kind, actor, payload = last_entry(staffed)
    assert (kind, actor) == ("sale", "Ana")
    assert payload["discount_approved_by"] == "Bea"
    with staffed.read_session_factory() as session:
        outbox = session.scalars(select(Outbox).where(Outbox.subject == result.purchase_code)).one()
        assert "discount_approved_by" not in json.dumps(outbox.payload)  # the wire stays spec fields only


def test_an_approval_not_needed_is_not_recorded(staffed: Store) -> None:
    sell(staffed.session_factory, TERMINAL, discounted(100, discount_approved_by=SUPERVISOR))
    assert "discount_approved_by" not in last_entry(staffed)[2]


@pytest.mark.parametrize("approver", [CLERK, RETIRED, DOOR, 999])
def test_the_approver_must_be_an_active_supervisor(staffed: Store, approver: int) -> None:
    refused(staffed, discounted(1000, discount_approved_by=approver), "discount_approver_invalid")


def test_a_supervisor_selling_goes_above_the_limit_without_approval(staffed: Store) -> None:
    sell(staffed.session_factory, TERMINAL, discounted(2000, clerk=SUPERVISOR))
    kind, actor, payload = last_entry(staffed)
    assert (kind, actor) == ("sale", "Bea")
    assert "discount_approved_by" not in payload


@pytest.mark.parametrize("clerk,approver", [(CLERK, None), (CLERK, SUPERVISOR), (SUPERVISOR, None)])
def test_the_whole_price_off_is_refused_as_a_comp_for_everyone(staffed: Store, clerk: int,
                                                                approver: int | None) -> None:
    sale = request(seats(G1, discount=PRICE), payments=[], clerk_id=clerk, discount_approved_by=approver)
    error = refused(staffed, sale, "discount_is_comp")
    assert error.params == {"product": GENERAL}


def test_a_supervisors_comp_still_takes_the_whole_price_off_and_prints_as_comp(staffed: Store) -> None:
    comp = request(seats(G1), clerk_id=SUPERVISOR, comp_reason="Prensa", customer_name="Pat Lee")
    result = sell(staffed.session_factory, TERMINAL, comp)
    assert result.total_cents == 0
    printed = tickets_for_sale(staffed.session_factory, result.purchase_code, "Taquilla Centro")
    assert [t.comp for t in printed] == [True]


def test_an_approved_deep_discount_never_prints_as_comp(staffed: Store) -> None:
    """Three tickets at 0,01 € in all: two print at zero, none of them says CORTESÍA (no comp reason)."""
    line = seats(G1, G2, ticket_id(GENERAL, 3), discount=3 * PRICE - 1)
    result = sell(staffed.session_factory, TERMINAL, request(line, payments=[cash(1)], clerk_id=CLERK,
                                                             discount_approved_by=SUPERVISOR))
    assert sorted(t.price_cents for t in result.tickets) == [0, 0, 1]
    printed = tickets_for_sale(staffed.session_factory, result.purchase_code, "Taquilla Centro")
    assert [t.comp for t in printed] == [False, False, False]
    with staffed.read_session_factory() as session:
        assert load_sale(session, result.purchase_code).comp_reason is None
