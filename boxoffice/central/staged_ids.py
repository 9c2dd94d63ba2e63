"""Ticket ids staged in a temporary table, so a bulk move of 100,000 tickets is a few set-based statements
(``… WHERE id IN (SELECT id FROM staged_ticket_ids)``) instead of hundreds of compiled IN lists (issue #15:
``boxoffice-central assign``). The table is the connection's own (``TEMPORARY``); its rows are cleared before
each use, and on PostgreSQL at every commit too.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, MetaData, Select, String, Table, bindparam, column, delete, func, insert, select
from sqlalchemy.orm import Session

STAGED = Table("staged_ticket_ids", MetaData(), Column("id", String(128), primary_key=True),
               prefixes=["TEMPORARY"], postgresql_on_commit="DELETE ROWS")


def stage(session: Session, ids: Iterable[str]) -> Select[tuple[str]]:
    """Put ``ids`` (duplicates once) in the staging table of this transaction's connection; returns the
    ``SELECT id`` to use in ``IN (…)``."""
    connection = session.connection()
    STAGED.create(connection, checkfirst=True)
    connection.execute(delete(STAGED))
    unique = list(dict.fromkeys(ids))
    if unique:
        connection.execute(insert(STAGED).from_select(["id"], rows_of(connection.dialect.name, unique)))
    return select(STAGED.c.id)


def rows_of(dialect: str, ids: list[Any]) -> Select[tuple[Any]]:
    """The ids as the rows of one bound value, so 100,000 of them are one statement with no per-row binding
    (an executemany spent more time in SQLAlchemy's bind processing than in the database): PostgreSQL
    ``unnest`` of a text array, SQLite ``json_each`` of a JSON array (also ``inventory.among``'s list on SQLite).
    The value is bound anonymously, so one statement may hold several such lists."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import ARRAY  # the dialect's module loads only where it serves

        return select(func.unnest(bindparam(None, ids, type_=ARRAY(String))))
    return select(column("value", String)).select_from(func.json_each(bindparam(None, json.dumps(ids), type_=String)))
