"""Errors raised while opening or upgrading the local database.

Each leaves the database file as it was and says what to do next; callers tell them apart by type.
"""

from __future__ import annotations

from boxoffice.core.errors import StoreError


class NotADatabaseError(StoreError):
    """The file at the database path is not a Box office database (not SQLite, or someone else's SQLite).
    ``params``: path (and tables, for someone else's SQLite)."""

    code = "database_not_sqlite"


class DatabaseTooNewError(StoreError):
    """The database was made by a newer Box office version: this one does not know its schema revision.
    ``params``: path, revision."""

    code = "database_too_new"


class MigrationError(StoreError):
    """An upgrade failed and was rolled back; the message says where the pre-upgrade backup is.
    ``params``: path, old, head, reason, backup."""

    code = "database_upgrade_failed"


class EmptyDatabaseError(StoreError):
    """The database file is empty (zero bytes, or no tables) while the terminal is paired: its sales are gone.

    Opening it would silently start a fresh store and hide the loss, so it is refused; the message says how to
    restore a backup, or how to start afresh when the terminal truly never sold. ``params``: path, size, backups.
    """

    code = "database_empty_while_paired"


class DatabaseReadOnlyError(StoreError):
    """The database, or the folder it is in (its -wal and -shm files live there), cannot be written.
    ``params``: path, folder."""

    code = "database_read_only"


class DiskFullError(StoreError):
    """The disk holding the database is full: nothing more can be recorded until space is freed.
    ``params``: path."""

    code = "disk_full"
