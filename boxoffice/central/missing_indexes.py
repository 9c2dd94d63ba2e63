"""Create the indexes the models declare that an existing database lacks.

``create_all`` makes a table's indexes only with the table: an index added to a model later (the office inventory's
seat-order index) would never reach a database made before it. Every start lists the database's index names in
one query and creates the missing ones; creating an index changes no row, and an older server ignores it.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, text

from boxoffice.central.models import Base

log = logging.getLogger(__name__)

_INDEX_NAMES = {
    "sqlite": text("SELECT name FROM sqlite_master WHERE type = 'index'"),
    "postgresql": text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"),
}


def add_missing_indexes(connection: Connection) -> list[str]:
    """Create every named index of the models the database does not have; their names."""
    query = _INDEX_NAMES.get(connection.dialect.name)
    if query is None:
        return []
    present = set(connection.execute(query).scalars())
    added = []
    for table in Base.metadata.sorted_tables:
        for index in sorted(table.indexes, key=lambda i: str(i.name)):
            if index.name is not None and index.name not in present:
                index.create(connection)
                added.append(str(index.name))
    if added:
        log.warning("created indexes this database lacked: %s", ", ".join(added))
    return added
