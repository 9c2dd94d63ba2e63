"""Bring a database made before keys and purchase codes were kept per office (issue #12) up to the models.

Older databases hold ``sync_entries.idempotency_key`` and ``orders.purchase_code`` unique across all offices,
``pos_transactions`` unique by (code, fingerprint), and ``sync_entries`` without ``office_id``/``fingerprint``.
``create_all`` never alters an existing table, so every start looks at the live tables and upgrades what is
old, in the start-up transaction (all or nothing), keeping every row:

* PostgreSQL: add the columns, drop the old unique constraints, add the per-office ones;
* SQLite (which cannot drop a constraint): rebuild the table under its model, copying the rows.

``sync_entries.office_id`` is filled from each entry's order, so a sale synchronised before the upgrade is still
a replay after it. An entry with no order (a void answered ``unknown_order``) stays office-less: sent again,
it is processed anew, which now remembers the void for its sale. Idempotent: an upgraded database is left as
it is.
"""

from __future__ import annotations

import logging

from sqlalchemy import Connection, Table, inspect, text

from boxoffice.central.models import Order, PosTransaction, SyncEntry

log = logging.getLogger(__name__)


def _legacy_unique(connection: Connection, table: str, columns: list[str]) -> list[str | None]:
    """Names (None when unnamed) of the unique constraints of ``table`` on exactly ``columns``."""
    inspector = inspect(connection)
    found = [c["name"] for c in inspector.get_unique_constraints(table) if c["column_names"] == columns]
    found += [i["name"] for i in inspector.get_indexes(table)
              if i.get("unique") and i["column_names"] == columns]
    return found


def _outdated(connection: Connection) -> list[Table]:
    inspector = inspect(connection)
    tables = []
    if "office_id" not in {c["name"] for c in inspector.get_columns("sync_entries")} or _legacy_unique(
            connection, "sync_entries", ["idempotency_key"]):
        tables.append(SyncEntry.__table__)
    if _legacy_unique(connection, "orders", ["purchase_code"]):
        tables.append(Order.__table__)
    if _legacy_unique(connection, "pos_transactions", ["code", "fingerprint"]):
        tables.append(PosTransaction.__table__)
    return tables  # type: ignore[return-value]


def _rebuild_sqlite(connection: Connection, table: Table) -> None:
    """Recreate ``table`` from its model and put its rows back (SQLite's way to change constraints).

    No ``RENAME``: with foreign keys on (they cannot be switched off inside a transaction) SQLite would point
    the other tables' foreign keys at the renamed copy. The rows wait in a temporary table instead; the foreign
    keys are deferred to the commit, by when every parent row is back.
    """
    old_columns = {c["name"] for c in inspect(connection).get_columns(table.name)}
    columns = ", ".join(f'"{c.name}"' for c in table.columns if c.name in old_columns)
    copy = f"_upgrade_{table.name}"
    connection.execute(text("PRAGMA defer_foreign_keys=ON"))  # until this transaction ends
    connection.execute(text(f'CREATE TEMP TABLE "{copy}" AS SELECT {columns} FROM "{table.name}"'))
    connection.execute(text(f'DROP TABLE "{table.name}"'))
    table.create(connection)
    connection.execute(text(f'INSERT INTO "{table.name}" ({columns}) SELECT {columns} FROM temp."{copy}"'))
    connection.execute(text(f'DROP TABLE temp."{copy}"'))


def _upgrade_postgresql(connection: Connection, table: Table) -> None:
    quote = connection.dialect.identifier_preparer.quote
    live = {c["name"] for c in inspect(connection).get_columns(table.name)}
    for column in table.columns:
        if column.name not in live:
            kind = column.type.compile(dialect=connection.dialect)
            connection.execute(text(f"ALTER TABLE {quote(table.name)} ADD COLUMN {quote(column.name)} {kind}"))
    legacy = {SyncEntry.__table__.name: ["idempotency_key"], Order.__table__.name: ["purchase_code"],
              PosTransaction.__table__.name: ["code", "fingerprint"]}[table.name]
    for name in _legacy_unique(connection, table.name, legacy):
        if name is not None:
            connection.execute(text(f"ALTER TABLE {quote(table.name)} DROP CONSTRAINT IF EXISTS {quote(name)}"))
            connection.execute(text(f"DROP INDEX IF EXISTS {quote(name)}"))
    for constraint in table.constraints:
        if constraint.__class__.__name__ == "UniqueConstraint":
            columns = ", ".join(quote(c.name) for c in constraint.columns)
            connection.execute(text(f"ALTER TABLE {quote(table.name)} ADD CONSTRAINT "
                                    f"{quote(str(constraint.name))} UNIQUE ({columns})"))
    live_indexes = {i["name"] for i in inspect(connection).get_indexes(table.name)}
    for index in table.indexes:
        if index.name not in live_indexes:
            index.create(connection)


def scope_per_office(connection: Connection) -> list[str]:
    """Upgrade the tables still scoped across offices; their names."""
    upgraded = []
    for table in _outdated(connection):
        if connection.dialect.name == "sqlite":
            _rebuild_sqlite(connection, table)
        else:
            _upgrade_postgresql(connection, table)
        upgraded.append(table.name)
    if SyncEntry.__table__.name in upgraded:
        connection.execute(text("UPDATE sync_entries SET office_id = (SELECT orders.office_id FROM orders "
                                "WHERE orders.id = sync_entries.order_id) WHERE office_id IS NULL"))
    if upgraded:
        log.warning("keys and purchase codes now kept per office in: %s", ", ".join(upgraded))
    return upgraded
