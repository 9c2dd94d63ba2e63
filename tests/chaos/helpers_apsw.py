"""Just enough of the DB-API on top of an ``apsw.Connection`` for SQLAlchemy's pysqlite dialect.

Why: the power-loss test needs SQLite to do its file I/O through a VFS written in Python, and only apsw can
register one. apsw is not a DB-API module, so SQLAlchemy cannot use it directly; this adapter lets the store's
real engine (`boxoffice.store.engine.make_engine`: its pragmas and BEGIN IMMEDIATE listeners) and the real
services run unchanged on an apsw connection, handed to the engine from a ``do_connect`` listener.

What SQLAlchemy relies on and the adapter provides: ``cursor()``, ``execute``/``executemany`` with qmark
parameters, ``description`` (also for a query that returns no rows), ``rowcount`` of DML, ``lastrowid``,
``fetchone``/``fetchmany``/``fetchall``, ``commit``/``rollback`` (plain COMMIT / ROLLBACK when a
transaction is open), ``create_function`` and a settable ``isolation_level``. Errors stay apsw exceptions:
SQLAlchemy does not wrap them in ``DBAPIError``, which the services never catch anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import apsw


class ApswCursor:
    arraysize = 1

    def __init__(self, connection: ApswConnection) -> None:
        self._db = connection.db
        self._cursor = self._db.cursor()
        self._cursor.exec_trace = self._trace
        self._columns: tuple[tuple[str, str | None], ...] = ()
        self._rows: list[tuple[Any, ...]] = []
        self._position = 0
        self.description: tuple[tuple[Any, ...], ...] | None = None
        self.rowcount = -1
        self.lastrowid: int | None = None

    def _trace(self, cursor: apsw.Cursor, sql: str, bindings: Any) -> bool:
        # Called with the statement prepared and not yet stepped: the only moment the columns of a query that
        # returns no rows can be read.
        self._columns = cursor.getdescription()
        return True

    def _finish(self, changes_before: int) -> None:
        self._position = 0
        if self._columns:
            self.description = tuple((name, None, None, None, None, None, None) for name, _ in self._columns)
            self.rowcount = -1
        else:
            self.description = None
            self.rowcount = self._db.total_changes() - changes_before
        self.lastrowid = self._db.last_insert_rowid()

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> ApswCursor:
        self._columns = ()
        before = self._db.total_changes()
        self._rows = [tuple(row) for row in self._cursor.execute(sql, tuple(parameters or ()))]
        self._finish(before)
        return self

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]]) -> ApswCursor:
        self._columns = ()
        before = self._db.total_changes()
        parameters = [tuple(p) for p in seq_of_parameters]
        self._rows = [tuple(row) for row in self._cursor.executemany(sql, parameters)] if parameters else []
        self._finish(before)
        return self

    def fetchone(self) -> tuple[Any, ...] | None:
        if self._position >= len(self._rows):
            return None
        row = self._rows[self._position]
        self._position += 1
        return row

    def fetchmany(self, size: int | None = None) -> list[tuple[Any, ...]]:
        size = self.arraysize if size is None else size
        rows = self._rows[self._position:self._position + size]
        self._position += len(rows)
        return rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        rows = self._rows[self._position:]
        self._position = len(self._rows)
        return rows

    def close(self) -> None:
        self._rows = []
        self._cursor.close()

    def __iter__(self):
        while (row := self.fetchone()) is not None:
            yield row


class ApswConnection:
    """A DB-API style connection; transactions are whatever the SQL says (the store emits BEGIN itself)."""

    def __init__(self, db: apsw.Connection) -> None:
        self.db = db
        self.isolation_level: str | None = ""

    def cursor(self) -> ApswCursor:
        return ApswCursor(self)

    def execute(self, sql: str, parameters: Sequence[Any] | None = None) -> ApswCursor:
        """sqlite3's shortcut (a new cursor, executed): the sale's hot path (store/raw.py) uses it."""
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Sequence[Any]]) -> ApswCursor:
        return self.cursor().executemany(sql, seq_of_parameters)

    def commit(self) -> None:
        if not self.db.in_transaction:
            return
        self.db.execute("COMMIT")

    def rollback(self) -> None:
        if not self.db.in_transaction:
            return
        self.db.execute("ROLLBACK")

    def close(self) -> None:
        self.db.close()

    def create_function(self, name: str, num_params: int, func: Callable[..., Any], *,
                        deterministic: bool = False) -> None:
        self.db.create_scalar_function(name, func, num_params, deterministic=deterministic)
