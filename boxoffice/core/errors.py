"""Domain errors.

Every error a person can meet carries a message they can act on. Callers classify errors by type, never by
matching message text (STYLE.md "Avoid").
"""

from __future__ import annotations


class BoxOfficeError(Exception):
    """Base of every error the box office raises on purpose; its message is shown to people as is."""


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

    def __init__(self, message: str, ticket_ids: list[str]) -> None:
        super().__init__(message)
        self.ticket_ids = ticket_ids


class PaymentShort(SaleRejected):
    """The payments do not cover the total (``missing_cents`` says by how much)."""

    def __init__(self, message: str, missing_cents: int) -> None:
        super().__init__(message)
        self.missing_cents = missing_cents


class InvalidSale(SaleRejected):
    """Anything else wrong with the request: empty cart, bad quantity, a discount above the line, ..."""


class NotPaired(BoxOfficeError):
    """The terminal has no central platform configured yet."""
