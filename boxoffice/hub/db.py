"""The hub's database: the reference central's schema plus the hub's own tables, on one engine."""

from __future__ import annotations

from boxoffice.central.db import Database
from boxoffice.hub.models import HubBase


def hub_database(db_url: str) -> Database:
    """Open ``db_url`` (SQLite file or PostgreSQL URL), creating or checking the central schema (raises
    ``SchemaVersionError`` for a newer one, the database untouched) and creating missing hub tables."""
    db = Database(db_url)
    try:
        db.create_schema()
        HubBase.metadata.create_all(db.engine)
    except Exception:
        db.dispose()
        raise
    return db
