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
