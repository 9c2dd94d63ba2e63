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
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

_CACHE = "boxoffice_raw_connection"  # Session.info key: (the transaction, its sqlite3 connection)


def driver_connection(session: Session) -> sqlite3.Connection:
    """The session's ``sqlite3`` connection, its transaction begun; pending ORM changes are flushed first, so
    plain SQL sees them as an ORM query would (autoflush)."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    transaction = session.get_transaction()
    cached = session.info.get(_CACHE)
    if transaction is not None and cached is not None and cached[0] is transaction:
        return cached[1]  # the same transaction, so the same connection: a sale asks a dozen times
    found = session.connection().connection.driver_connection
    session.info[_CACHE] = (session.get_transaction(), found)
    return found  # type: ignore[return-value]


@contextmanager
def larger_page_cache(session: Session, kib: int) -> Iterator[None]:
    """Up to ``kib`` KiB of pages in the session connection's cache while the block runs (SQLite's own: 2 MiB).

    A transaction that changes more pages than its cache holds spills the dirty ones to the WAL before it commits
    and writes them again at the commit: a pull's 100,000 new seats (about 20 MB with their indexes) a fifth
    slower (measured). The connection's own size comes back at the end of the block, before the commit, which
    writes the dirty pages whatever the size."""
    db = driver_connection(session)
    before = int(db.execute("PRAGMA cache_size").fetchone()[0])
    db.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        db.execute(f"PRAGMA cache_size = {before}")
