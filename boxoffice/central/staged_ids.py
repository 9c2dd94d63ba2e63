"""Ticket ids staged in a temporary table, so a bulk move of 100,000 tickets is a few set-based statements
(``… WHERE id IN (SELECT id FROM staged_ticket_ids)``) instead of hundreds of compiled IN lists (issue #15:
``boxoffice-central assign``). The table is the connection's own (``TEMPORARY``); its rows are cleared before
each use, and on PostgreSQL at every commit too.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Column, MetaData, Select, String, Table, delete, insert, select
from sqlalchemy.orm import Session

STAGED = Table("staged_ticket_ids", MetaData(), Column("id", String(128), primary_key=True),
               prefixes=["TEMPORARY"], postgresql_on_commit="DELETE ROWS")


def stage(session: Session, ids: Iterable[str]) -> Select[tuple[str]]:
    """Put ``ids`` (duplicates once) in the staging table of this transaction's connection; returns the
    ``SELECT id`` to use in ``IN (…)``."""
    connection = session.connection()
    STAGED.create(connection, checkfirst=True)
    connection.execute(delete(STAGED))
    rows = [{"id": ticket_id} for ticket_id in dict.fromkeys(ids)]
    if rows:
        connection.execute(insert(STAGED), rows)
    return select(STAGED.c.id)
