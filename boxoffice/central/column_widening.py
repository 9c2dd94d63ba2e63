"""Bring an existing PostgreSQL database's amount columns up to the 64 bits the models declare.

Databases created before amounts became ``BigInteger`` hold them as PostgreSQL ``integer`` (32 bits: a sale
over 21,474,836.47 fails with a 500). ``create_all`` never alters an existing column, so every start compares
the live columns with the models and widens what is narrower. Widening keeps every value and is idempotent;
an older server reads the wider column just as well, so no schema version is needed. SQLite stores every
``INTEGER`` in up to 64 bits whatever was declared: nothing to do there.
"""

from __future__ import annotations

import logging

from sqlalchemy import BigInteger, Connection, text

from boxoffice.central.models import Base

log = logging.getLogger(__name__)

_NARROW_COLUMNS = text(
    "SELECT table_name, column_name FROM information_schema.columns "
    "WHERE table_schema = current_schema() AND data_type IN ('integer', 'smallint')")


def widen_integer_columns(connection: Connection) -> list[str]:
    """``ALTER`` every column the models declare ``BigInteger`` that the database holds narrower; their names."""
    if connection.dialect.name != "postgresql":
        return []
    narrow = {(table, column) for table, column in connection.execute(_NARROW_COLUMNS)}
    widened = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(column.type, BigInteger) and (table.name, column.name) in narrow:
                preparer = connection.dialect.identifier_preparer
                connection.execute(text(f"ALTER TABLE {preparer.quote(table.name)} ALTER COLUMN "
                                        f"{preparer.quote(column.name)} TYPE BIGINT"))
                widened.append(f"{table.name}.{column.name}")
    if widened:
        log.warning("widened to 64-bit integers: %s", ", ".join(widened))
    return widened
