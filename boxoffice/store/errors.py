"""Errors raised while opening or upgrading the local database.

Each leaves the database file as it was and says what to do next; callers tell them apart by type.
"""

from __future__ import annotations

from boxoffice.core.errors import StoreError


class NotADatabaseError(StoreError):
    """The file at the database path is not a Box office database (not SQLite, or someone else's SQLite)."""


class DatabaseTooNewError(StoreError):
    """The database was made by a newer Box office version: this one does not know its schema revision."""


class MigrationError(StoreError):
    """An upgrade failed and was rolled back; the message says where the pre-upgrade backup is."""
