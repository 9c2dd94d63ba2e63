"""Local database: typed models, engine setup and Alembic migrations applied when the store opens.

Services open nothing themselves; the composition root calls `open_store(paths.database,
backups_dir=paths.backups_dir)` and hands the `Store` (or its `session_factory`) on.
"""

from boxoffice.store.engine import DatabaseStatus, Store, inspect_database, open_store
from boxoffice.store.errors import DatabaseTooNewError, MigrationError, NotADatabaseError

__all__ = [
    "DatabaseStatus",
    "DatabaseTooNewError",
    "MigrationError",
    "NotADatabaseError",
    "Store",
    "inspect_database",
    "open_store",
]
