"""settle(): cards are charged exactly with their slip reference, one cash payment takes the rest with change."""

from __future__ import annotations

import pytest

from boxoffice.core.errors import InvalidSale, PaymentShort, SaleRejected
from boxoffice.core.payments import PaymentRequest, SettledPayment, settle


def card(amount: int | None, reference: str | None = "SLIP-1") -> PaymentRequest:
    return PaymentRequest("card", amount_cents=amount, reference=reference)


def cash(tendered: int | None) -> PaymentRequest:
    return PaymentRequest("cash", tendered_cents=tendered)


def test_an_exact_card_payment_is_charged_with_its_trimmed_reference() -> None:
    assert settle(2500, [card(2500, "  AUTH 123 ")]) == [SettledPayment("card", 2500, None, 0, "AUTH 123")]


def test_cash_takes_the_total_and_gives_change() -> None:
    assert settle(2500, [cash(5000)]) == [SettledPayment("cash", 2500, 5000, 2500, None)]


def test_exact_cash_gives_no_change() -> None:
    assert settle(2500, [cash(2500)]) == [SettledPayment("cash", 2500, 2500, 0, None)]


def test_cash_amount_is_read_as_tendered_when_tendered_is_not_given() -> None:
    assert settle(1800, [PaymentRequest("cash", amount_cents=2000)]) == [SettledPayment("cash", 1800, 2000, 200, None)]


def test_split_card_and_cash_cash_covers_the_rest_and_gets_the_change() -> None:
    settled = settle(7000, (cash(5000), card(4000, "SLIP-9")))
    assert settled == [SettledPayment("card", 4000, None, 0, "SLIP-9"), SettledPayment("cash", 3000, 5000, 2000, None)]
    assert sum(p.amount_cents for p in settled) == 7000


def test_several_cards_add_up() -> None:
    settled = settle(5000, [card(2000, "A"), card(3000, "B")])
    assert [(p.amount_cents, p.reference) for p in settled] == [(2000, "A"), (3000, "B")]


@pytest.mark.parametrize(("total", "payments", "missing"), [
    (2500, [cash(2000)], 500),
    (2500, [cash(0)], 2500),
    (2500, [card(2000)], 500),
    (7000, [card(4000), cash(2999)], 1),
    (2500, [], 2500),
])
def test_payments_short_of_the_total_say_by_how_much(total: int, payments: list[PaymentRequest],
                                                      missing: int) -> None:
    with pytest.raises(PaymentShort) as caught:
        settle(total, payments)
    assert caught.value.missing_cents == missing
    assert str(missing) in str(caught.value)
    assert isinstance(caught.value, SaleRejected)


def test_cards_above_the_total_are_refused() -> None:
    with pytest.raises(InvalidSale, match="exceed the total by 500"):
        settle(2500, [card(2000, "A"), card(1000, "B")])


@pytest.mark.parametrize("reference", [None, "", "   "])
def test_a_card_without_a_reference_is_refused(reference: str | None) -> None:
    with pytest.raises(InvalidSale, match="reference"):
        settle(2500, [card(2500, reference)])


@pytest.mark.parametrize("amount", [None, 0, -100])
def test_a_card_needs_an_amount_above_zero(amount: int | None) -> None:
    with pytest.raises(InvalidSale, match="above zero"):
        settle(2500, [card(amount)])


def test_two_cash_payments_are_refused() -> None:
    with pytest.raises(InvalidSale, match="cash once"):
        settle(2500, [cash(1000), cash(2000)])


def test_cash_needs_the_amount_handed_over() -> None:
    with pytest.raises(InvalidSale, match="handed over"):
        settle(2500, [PaymentRequest("cash")])
    with pytest.raises(InvalidSale, match="handed over"):
        settle(2500, [cash(-1)])


def test_an_unknown_method_is_refused() -> None:
    with pytest.raises(InvalidSale, match="cash or card"):
        settle(2500, [PaymentRequest("cheque", amount_cents=2500)])  # type: ignore[arg-type]


def test_a_zero_total_needs_no_payment() -> None:
    assert settle(0, []) == []
    assert settle(0, [cash(0)]) == []


def test_cash_handed_over_when_cards_already_cover_the_total_is_all_given_back() -> None:
    """The change the clerk sees is the change recorded: the notes go back, none is silently kept."""
    settled = settle(2500, [card(2500), cash(1000)])
    assert settled == [SettledPayment("card", 2500, None, 0, "SLIP-1"), SettledPayment("cash", 0, 1000, 1000, None)]
    assert settle(0, [cash(500)]) == [SettledPayment("cash", 0, 500, 500, None)]


@pytest.mark.parametrize("payment", [
    PaymentRequest("cash", tendered_cents=2500.0),  # type: ignore[arg-type]
    PaymentRequest("cash", amount_cents=2500.5),  # type: ignore[arg-type]
    PaymentRequest("card", amount_cents=2500.0, reference="S"),  # type: ignore[arg-type]
    PaymentRequest("card", amount_cents=True, reference="S"),  # type: ignore[arg-type]
])
def test_amounts_that_are_not_whole_cents_are_refused(payment: PaymentRequest) -> None:
    """A float would reach an INTEGER column as REAL (SQLite stores what it is given) and the change with it."""
    with pytest.raises(InvalidSale, match="whole cents"):
        settle(2500, [payment])
