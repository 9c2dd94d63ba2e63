"""Money: integer cents inside, exact decimals at the API boundary, locale-aware text on screen.

The offline-office API speaks decimal units (``25.00``); the pos-transaction API speaks cents. Conversion goes
through :class:`decimal.Decimal` and refuses anything that is not a whole number of cents, so no amount is
ever rounded silently. ``float`` is refused outright: ``0.1 + 0.2`` is how sales go missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from boxoffice.core.errors import InvalidMoney

_CENT = Decimal("0.01")
MAX_CENTS = 10**13  # 100 billion units: far beyond any sale, small enough to catch a unit mix-up
NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class MoneyFormat:
    """How amounts look on screen and how typed amounts are read: one per language/currency setting."""

    symbol: str
    decimal_sep: str
    group_sep: str
    symbol_first: bool
    space: bool

    def format(self, cents: int) -> str:
        """``2500`` -> ``"25,00\u00a0€"`` (es) or ``"€25.00"`` (en: the same euros, English separators).

        The gap before the symbol is a no-break space (U+00A0), so a label, a table cell or a printed line never
        puts the "€" on a line of its own; :meth:`parse` reads it back like a plain space.
        """
        _require_int(cents)
        sign = "-" if cents < 0 else ""
        units, rest = divmod(abs(cents), 100)
        grouped = f"{units:,}".replace(",", self.group_sep)
        number = f"{grouped}{self.decimal_sep}{rest:02d}"
        gap = NO_BREAK_SPACE if self.space else ""
        if self.symbol_first:
            return f"{sign}{self.symbol}{gap}{number}"
        return f"{sign}{number}{gap}{self.symbol}"

    def parse(self, text: str) -> int:
        """Read an amount a clerk typed ("25", "25,5", "1.234,56 €", "€25.00") into cents.

        The decimal separator of this format wins; the other one is accepted as a decimal separator only when
        it cannot be a thousands separator (one occurrence followed by one or two digits), because clerks type
        "25.50" on a Spanish keypad all the time.
        """
        raw = text.strip().replace(self.symbol, "").replace(NO_BREAK_SPACE, " ").strip()
        if not raw:
            raise InvalidMoney("enter an amount, for example " + self.format(2500), code="amount_missing",
                               params={"example_cents": 2500})
        negative = raw.startswith("-")
        raw = raw.lstrip("-").strip()
        if not re.fullmatch(r"[0-9.,' ]+", raw):
            raise InvalidMoney(f"{text.strip()!r} is not an amount; type digits, for example {self.format(2500)}",
                               code="amount_not_a_number", params={"text": text.strip(), "example_cents": 2500})
        other = "." if self.decimal_sep == "," else ","
        if self.decimal_sep not in raw and raw.count(other) == 1 and re.search(rf"\{other}\d{{1,2}}$", raw):
            raw = raw.replace(other, self.decimal_sep)
        integer, _, fraction = raw.partition(self.decimal_sep)
        if self.decimal_sep in fraction:
            raise InvalidMoney(f"{text.strip()!r} has more than one decimal separator", code="amount_two_separators",
                               params={"text": text.strip()})
        integer = re.sub(r"[ '.,]", "", integer) or "0"
        if len(fraction) > 2 or (fraction and not fraction.isdigit()):
            raise InvalidMoney(f"{text.strip()!r} has more than two decimals; amounts are in whole cents",
                               code="amount_too_many_decimals", params={"text": text.strip()})
        cents = int(integer) * 100 + int((fraction + "00")[:2])
        return _bounded(-cents if negative else cents)


FORMATS: dict[str, MoneyFormat] = {
    "es": MoneyFormat(symbol="€", decimal_sep=",", group_sep=".", symbol_first=False, space=True),
    "en": MoneyFormat(symbol="€", decimal_sep=".", group_sep=",", symbol_first=True, space=False),
}


def money_format(locale: str) -> MoneyFormat:
    """The money format for a language code ("es", "en", "es_ES" ...); unknown languages get an error."""
    key = locale.split("_")[0].split("-")[0].lower()
    try:
        return FORMATS[key]
    except KeyError:
        raise InvalidMoney(f"no money format for {locale!r}; expected one of {', '.join(FORMATS)}",
                           code="money_format_unknown", params={"locale": locale}) from None


def cents_to_api(cents: int) -> Decimal:
    """Cents to the offline-office API's decimal units: ``2500`` -> ``Decimal("25.00")``."""
    _require_int(cents)
    return (Decimal(cents) / 100).quantize(_CENT)


def api_to_cents(value: Decimal | int | str) -> int:
    """The API's decimal units to cents, exactly; more than two decimals or a float is an error."""
    if isinstance(value, bool) or isinstance(value, float):
        raise InvalidMoney(f"amount {value!r} must be a decimal, not a binary float", code="amount_invalid",
                           params={"value": str(value)})
    try:
        amount = Decimal(value.strip() if isinstance(value, str) else value)
    except (InvalidOperation, TypeError, ValueError):
        raise InvalidMoney(f"amount {value!r} is not a number", code="amount_invalid",
                           params={"value": str(value)}) from None
    if not amount.is_finite():
        raise InvalidMoney(f"amount {value!r} is not a finite number", code="amount_invalid",
                           params={"value": str(value)})
    if amount.copy_abs() > MAX_CENTS:  # checked first (no context): `1E+999999 * 100` overflows
        raise InvalidMoney(f"amount {value!r} is beyond the largest allowed ({MAX_CENTS} cents)",
                           code="amount_too_large",
                           params={"limit_cents": MAX_CENTS})
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise InvalidMoney(f"amount {value!r} has more than two decimals; amounts are in whole cents",
                           code="amount_too_many_decimals", params={"text": str(value)})
    return _bounded(int(cents))


def _require_int(cents: object) -> None:
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise InvalidMoney(f"amount in cents must be an integer, got {cents!r}", code="amount_not_cents",
                           params={"value": str(cents)})


def _bounded(cents: int) -> int:
    if abs(cents) > MAX_CENTS:
        raise InvalidMoney(f"amount {cents} cents is beyond the largest allowed ({MAX_CENTS} cents)",
                           code="amount_too_large",
                           params={"limit_cents": MAX_CENTS})
    return cents
