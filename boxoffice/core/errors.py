"""Domain errors.

Every error a person can meet carries a message they can act on. Callers classify errors by type, never by
matching message text (STYLE.md "Avoid").
"""

from __future__ import annotations

from collections.abc import Mapping


class BoxOfficeError(Exception):
    """Base of every error the box office raises on purpose.

    ``str(error)`` is the English message for logs and the headless commands. ``code`` names the error for the
    window, which shows its own translated text for it with ``params`` filled in (``boxoffice/ui/error_text.py``);
    an error raised without a code falls back to the class's ``code`` and then to the English message.
    """

    code: str = "error"

    def __init__(self, message: str = "", *args: object, code: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, *args)
        if code is not None:
            self.code = code
        self.params: dict[str, object] = dict(params or {})


class InvalidMoney(BoxOfficeError, ValueError):
    """An amount that is not a valid number of cents (bad text, too many decimals, a float)."""


class InvalidCode(BoxOfficeError, ValueError):
    """A Satellite Tag code that fails its shape or check; the message says why."""


class ConfigError(BoxOfficeError):
    """A configuration value is missing or wrong; the message names the key and what is expected."""


class CredentialsError(BoxOfficeError):
    """The API token cannot be stored or read (no OS keyring, locked keyring, not paired)."""


class StoreError(BoxOfficeError):
    """The local database cannot be opened or upgraded; the file is left as it was."""


class SaleRejected(BoxOfficeError):
    """A sale, return or void that cannot be done as asked; nothing was written."""


class UnknownEvent(SaleRejected):
    pass


class UnknownProduct(SaleRejected):
    pass


class UnknownSale(SaleRejected):
    pass


class SeatNotAvailable(SaleRejected):
    """One or more seats are sold, being returned, or not assigned to this office (``ticket_ids`` lists them)."""

    code = "seat_not_available"

    def __init__(self, message: str, ticket_ids: list[str], *, code: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, code=code, params=params)
        self.ticket_ids = ticket_ids


class PaymentShort(SaleRejected):
    """The payments do not cover the total (``missing_cents`` says by how much)."""

    code = "payment_short"

    def __init__(self, message: str, missing_cents: int, *, code: str | None = None,
                 params: Mapping[str, object] | None = None) -> None:
        super().__init__(message, code=code, params={"missing_cents": missing_cents, **(params or {})})
        self.missing_cents = missing_cents


class InvalidSale(SaleRejected):
    """Anything else wrong with the request: empty cart, bad quantity, a discount above the line, ..."""


class NotPaired(BoxOfficeError):
    """The terminal has no central platform configured yet."""
