"""The SQLite connection under a session's transaction, for the few hot paths that run plain SQL.

A sale is the one operation a clerk waits for, and SQLAlchemy's per-statement work (compiling from the cache,
result objects, type processing, the ORM's identity map) cost ten times what SQLite itself spends on the
statement. The sale's reads and writes therefore run as prepared SQL on the DBAPI connection *inside* the
session's transaction: the session still began it (``BEGIN IMMEDIATE``, the store's engine), still commits or
rolls it back, and ORM statements in the same session see the same rows. Values are stored exactly as the
column types store them (:func:`~boxoffice.store.types.format_utc`, canonical JSON, 0/1 booleans).
"""

from __future__ import annotations

import sqlite3

from sqlalchemy.orm import Session


def driver_connection(session: Session) -> sqlite3.Connection:
    """The session's ``sqlite3`` connection, its transaction begun; pending ORM changes are flushed first, so
    plain SQL sees them as an ORM query would (autoflush)."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection().connection.driver_connection  # type: ignore[return-value]
