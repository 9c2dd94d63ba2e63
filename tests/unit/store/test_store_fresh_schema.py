"""A new store is built from the models (migrate.create_at_head), not by replaying the migrations: the two
must give the same schema, or a terminal's first database would differ from an upgraded one."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from boxoffice.store import migrate
from boxoffice.store.engine import make_engine, open_store
from tests.unit.store.store_helpers import migrate_to


def _normalised_schema(path: Path) -> dict[str, object]:
    """Every table, column, key, index, CHECK and trigger of the file, independent of column order and of
    the numbering of SQLite's automatic indexes (which depend on the order constraints were declared)."""
    connection = sqlite3.connect(path)
    try:
        schema: dict[str, object] = {}
        for kind, name, table, sql in connection.execute(
                "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex_%'"):
            if kind == "table":
                columns = {row[1]: (row[2], row[3], row[4], row[5], row[6])
                           for row in connection.execute(f"PRAGMA table_xinfo('{name}')")}
                keys = sorted(tuple(row[2:]) for row in connection.execute(f"PRAGMA foreign_key_list('{name}')"))
                indexes = sorted(
                    (unique, origin, partial, tuple(
                        col[2] for col in connection.execute(f"PRAGMA index_info('{index}')")))
                    for _seq, index, unique, origin, partial in connection.execute(f"PRAGMA index_list('{name}')"))
                checks = sorted(" ".join(check.split()) for check in
                                re.findall(r"CONSTRAINT \"?(\w+)\"? CHECK", sql or ""))
                autoincrement = "AUTOINCREMENT" in (sql or "").upper()
                schema[name] = ("table", columns, keys, indexes, checks, autoincrement)
            else:
                body = " ".join((sql or "").replace('"', "").split())
                schema[name] = (kind, table, body)
        return schema
    finally:
        connection.close()


def test_a_new_store_has_the_schema_the_migrations_build(tmp_path: Path) -> None:
    replayed = tmp_path / "replayed.sqlite3"
    migrate_to(replayed, migrate.head_revision())
    with open_store(tmp_path / "fresh.sqlite3"):
        pass
    fresh, chain = _normalised_schema(tmp_path / "fresh.sqlite3"), _normalised_schema(replayed)
    assert sorted(fresh) == sorted(chain)
    for name in chain:
        assert fresh[name] == chain[name], name


def test_a_new_store_is_stamped_at_head_and_upgrades_later(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    with open_store(path) as store:
        assert store.revision == migrate.head_revision()
    engine = make_engine(path)
    try:
        with engine.connect() as connection:
            assert migrate.current_revision(connection) == migrate.head_revision()
            connection.rollback()
            migrate.upgrade(connection, "head")  # Alembic finds its version table and has nothing to do
            assert migrate.current_revision(connection) == migrate.head_revision()
    finally:
        engine.dispose()


def test_creating_a_new_store_does_not_import_alembic(tmp_path: Path) -> None:
    """What a first start and a new terminal's first pull save: Alembic's import and the replay."""
    import subprocess
    import sys

    probe = ("import sys; from pathlib import Path; from boxoffice.store.engine import open_store; "
             f"open_store(Path({str(tmp_path / 'new.sqlite3')!r})).close(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
    assert (tmp_path / "new.sqlite3").exists()
