"""INSERT of many rows straight on the driver (PostgreSQL ``COPY``, SQLite an ``executemany``), values converted
as SQLAlchemy converts them.

A catch-up batch writes thousands of rows per table (orders, lines, sync entries, POS transactions, ledger). On
PostgreSQL a Core executemany sends them as one INSERT per row through psycopg's pipeline, and a fifth of the
central's time went waiting on it; ``COPY … FROM STDIN`` takes the same rows about four times faster (measured:
10,000 rows 0.17-0.25 s -> 0.06-0.09 s). On SQLite the driver is in process, but Core spent more per row than
sqlite3 itself (a dict of bound values per row built and walked, measured: 60% of the inserts' time of a catch-up
batch); the driver's own ``executemany`` of positional rows skips that. The values are what SQLAlchemy would
bind: each column's own bind processor (``TypeDecorator``s, JSON), looked up once per table and set of columns,
and the Python-side column defaults applied as the Core insert applies them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import Column, Connection, Table, text
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError

Row = Mapping[str, Any]


#: how the driver marks a positional bound value, by its DBAPI paramstyle (sqlite3 ``?``, psycopg ``%s``): for SQL
#: run straight on the driver (``exec_driver_sql``, a driver cursor)
_PLACEHOLDER = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def placeholder(dialect: Dialect) -> str:
    return _PLACEHOLDER[dialect.paramstyle]


def bound(dialect: Dialect, column: Column[Any], value: Any) -> Any:
    """``value`` as SQLAlchemy binds it for ``column`` (its bind processor), for SQL run straight on the driver."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return value if process is None else process(value)


def refresh_statistics(connection: Connection, *tables: Table) -> None:
    """``ANALYZE`` the tables after a bulk load (PostgreSQL's advice for populating a database), in the load's
    transaction. Without it the planner takes a freshly loaded table for empty (one row): an office's first
    inventory of 100,000 tickets was then joined row by row and sorted on disk instead of read in seat order
    (0.35-0.5 s -> 0.18-0.19 s, measured). It samples at most 30,000 rows a table (0.1-0.25 s for 100,000).
    SQLite plans these queries well without statistics."""
    if connection.dialect.name == "postgresql" and tables:
        quote = connection.dialect.identifier_preparer.quote
        connection.execute(text("ANALYZE " + ", ".join(quote(table.name) for table in tables)))


def insert_many(connection: Connection, table: Table, rows: Sequence[Row]) -> None:
    """INSERT ``rows`` (column keys to values) into ``table``, in order, on ``connection``'s transaction."""
    if not rows:
        return
    if connection.dialect.name != "postgresql":
        for keys, run in groupby(rows, key=lambda row: tuple(row)):
            plan = _plan(connection.dialect, table, frozenset(keys))
            # exec_driver_sql: no statement to compile, and its errors are SQLAlchemy's (IntegrityError & co.)
            connection.exec_driver_sql(plan.insert_sql, [tuple(values) for values in plan.rows(run)])
        return
    dbapi = connection.dialect.loaded_dbapi
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        for keys, run in groupby(rows, key=lambda row: tuple(row)):  # consecutive rows with the same keys
            plan = _plan(connection.dialect, table, frozenset(keys))
            try:
                with cursor.copy(plan.copy_sql) as copy:
                    for values in plan.rows(run):
                        copy.write_row(values)
            except dbapi.Error as exc:  # as SQLAlchemy raises it: IntegrityError & co., and Database.write's
                # retry of a lost race (a unique key another worker took first) sees it as it sees any other
                raise DBAPIError.instance(plan.copy_sql, None, exc, dbapi.Error,
                                          dialect=connection.dialect) from exc
    finally:
        cursor.close()


@dataclass(frozen=True)
class _Plan:
    copy_sql: str
    insert_sql: str  # the driver's INSERT of one row, positional values in the columns' order
    #: per column: its key, the default for the rows without it (a callable of no argument), its bind processor
    columns: tuple[tuple[str, Callable[[], Any] | None, Callable[[Any], Any] | None], ...]

    def rows(self, rows: Iterable[Row]) -> Iterator[list[Any]]:
        """Each row's values in the columns' order, as SQLAlchemy binds them. A batch's rows share many values (its
        one ``now`` in every row's time): per column, the last object converted and what it became is kept, so a
        shared one is converted once (the same object: the rows are not changed meanwhile)."""
        last: list[Any] = [None] * len(self.columns)
        processed = [(column, process) for column, (_key, _default, process) in enumerate(self.columns)
                     if process is not None]
        if any(default is not None for _key, default, _process in self.columns):
            pick = self._with_defaults
        else:  # every column given: its values in one C call
            getter = itemgetter(*(key for key, _default, _process in self.columns))
            pick = (lambda row: [getter(row)]) if len(self.columns) == 1 else (lambda row: list(getter(row)))
        for row in rows:
            out = pick(row)
            for column, process in processed:
                value = out[column]
                seen = last[column]
                if seen is not None and seen[0] is value:
                    out[column] = seen[1]
                else:
                    converted = out[column] = process(value)
                    last[column] = (value, converted)
            yield out

    def _with_defaults(self, row: Row) -> list[Any]:
        return [row[key] if default is None else default() for key, default, _process in self.columns]


@lru_cache(maxsize=256)
def _plan(dialect: Dialect, table: Table, keys: frozenset[str]) -> _Plan:
    defaults: dict[str, Callable[[], Any]] = {}
    for column in table.columns:
        default = column.default
        if column.key in keys or default is None:
            continue
        if getattr(default, "is_scalar", False):
            defaults[column.key] = (lambda value: lambda: value)(default.arg)  # type: ignore[attr-defined]
        elif getattr(default, "is_callable", False):
            defaults[column.key] = (lambda fn: lambda: fn(None))(default.arg)  # type: ignore[attr-defined]
        else:
            raise ValueError(f"{table.name}.{column.name}: a default COPY cannot apply; give it in every row")
    unknown = keys - {column.key for column in table.columns}
    if unknown:
        raise ValueError(f"{table.name} has no column {sorted(unknown)}")
    columns = [column for column in table.columns if column.key in keys or column.key in defaults]
    preparer = dialect.identifier_preparer
    names = ", ".join(preparer.quote(column.name) for column in columns)
    marks = ", ".join(placeholder(dialect) for _column in columns)
    return _Plan(f"COPY {preparer.format_table(table)} ({names}) FROM STDIN",
                 f"INSERT INTO {preparer.format_table(table)} ({names}) VALUES ({marks})", tuple(
        (column.key, defaults.get(column.key), column.type.dialect_impl(dialect).bind_processor(dialect))
        for column in columns))
