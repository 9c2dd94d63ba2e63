"""Settling a sale's payments: cards first, cash covers the rest and gets change.

Pure arithmetic on integer cents, shared by the selling service and the payment screen so the change the
clerk sees is the change that is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from boxoffice.core.errors import InvalidSale, PaymentShort

Method = Literal["cash", "card"]


@dataclass(frozen=True)
class PaymentRequest:
    """What the clerk took. Card: ``amount_cents`` charged + slip ``reference``. Cash: ``tendered_cents``."""

    method: Method
    amount_cents: int | None = None
    tendered_cents: int | None = None
    reference: str | None = None


@dataclass(frozen=True)
class SettledPayment:
    method: Method
    amount_cents: int
    tendered_cents: int | None
    change_cents: int
    reference: str | None


def settle(total_cents: int, payments: list[PaymentRequest] | tuple[PaymentRequest, ...]) -> list[SettledPayment]:
    """Return what each payment pays, or raise when they do not cover ``total_cents`` exactly.

    Card amounts are charged exactly; one cash payment takes what remains and gives the rest back as change
    (all of it when nothing remains, so no note handed over is kept unrecorded).
    """
    cards = [p for p in payments if p.method == "card"]
    cash = [p for p in payments if p.method == "cash"]
    if any(p.method not in ("cash", "card") for p in payments):
        raise InvalidSale("payment method must be cash or card", code="payment_method_unknown")
    if len(cash) > 1:
        raise InvalidSale("take cash once per sale: add the notes together", code="cash_twice")
    amounts = [a for p in payments for a in (p.amount_cents, p.tendered_cents) if a is not None]
    fractional = [a for a in amounts if isinstance(a, bool) or not isinstance(a, int)]
    if fractional:
        raise InvalidSale("payment amounts are whole cents (integers), never fractions or floats",
                          code="amount_not_cents", params={"value": str(fractional[0])})
    settled: list[SettledPayment] = []
    card_total = 0
    for card in cards:
        if card.amount_cents is None or card.amount_cents <= 0:
            raise InvalidSale("a card payment needs an amount above zero", code="card_amount_missing")
        if not (card.reference or "").strip():
            raise InvalidSale("a card payment needs the card slip's reference", code="card_reference_missing")
        card_total += card.amount_cents
        settled.append(SettledPayment("card", card.amount_cents, None, 0, card.reference.strip()))
    if card_total > total_cents:
        raise InvalidSale(f"card payments exceed the total by {card_total - total_cents} cents", code="card_over_total",
                          params={"excess_cents": card_total - total_cents})
    due = total_cents - card_total
    if cash:
        tendered = cash[0].tendered_cents if cash[0].tendered_cents is not None else cash[0].amount_cents
        if tendered is None or tendered < 0:
            raise InvalidSale("a cash payment needs the amount handed over", code="cash_amount_missing")
        if tendered < due:
            raise PaymentShort(f"payments are short of the total by {due - tendered} cents", due - tendered)
        if due > 0 or tendered > 0:
            # nothing due (cards or a free sale cover it): every note handed over goes back as change
            settled.append(SettledPayment("cash", due, tendered, tendered - due, None))
    elif due > 0:
        raise PaymentShort(f"payments are short of the total by {due} cents", due)
    return settled
