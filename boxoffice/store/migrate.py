"""Alembic glue: the migrations ship inside the package and run from code, with no alembic.ini.

The Config is built here with `script_location` pointing at `migrations/` beside this file (the PyInstaller
spec must ship that folder as data). Upgrades run on the store's own connection, in one transaction: SQLite
DDL is transactional, so a failed upgrade leaves the database at its old revision.

Developers add a revision with `python -m boxoffice.store revision -m "what changes"`, which
autogenerates it against a scratch database at head; review it (types and allowed values as literals).
"""

from __future__ import annotations

import argparse
import ast
import sqlite3
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.engine import Connection

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """A Config for the packaged migrations; `connection` reaches env.py through `config.attributes`."""
    from alembic.config import Config  # alembic is for upgrades only: a plain start never imports it

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def _revision_chain() -> tuple[str, ...]:
    versions = MIGRATIONS_DIR / "versions"
    files = tuple((path, path.stat().st_mtime_ns) for path in sorted(versions.glob("*.py")))
    return _chain_of(files)


@cache
def _chain_of(files: tuple[tuple[Path, int], ...]) -> tuple[str, ...]:
    """Every revision in the versions folder, oldest first, read from the files' ``revision`` and
    ``down_revision`` assignments (what Alembic reads too) without importing Alembic, which costs a quarter of
    a second at every start of every command. A unit test checks this against Alembic's own walk."""
    parents: dict[str, str | None] = {}
    for source, _mtime in files:
        found: dict[str, object] = {}
        for node in ast.parse(source.read_text(encoding="utf-8")).body:
            target = node.targets[0] if isinstance(node, ast.Assign) and len(node.targets) == 1 else (
                node.target if isinstance(node, ast.AnnAssign) else None)
            if isinstance(target, ast.Name) and target.id in ("revision", "down_revision") and node.value:
                found[target.id] = ast.literal_eval(node.value)
        if isinstance(found.get("revision"), str):
            down = found.get("down_revision")
            if down is not None and not isinstance(down, str):
                raise RuntimeError(f"{source.name}: a merge revision; the chain must never branch")
            parents[found["revision"]] = down  # type: ignore[index]
    children = {down: rev for rev, down in parents.items()}
    if len(children) != len(parents):
        raise RuntimeError("the migrations branch: two revisions share a parent")
    chain: list[str] = []
    current = children.get(None)
    while current is not None:
        chain.append(current)
        current = children.get(current)
    if not chain or len(chain) != len(parents):
        raise RuntimeError(f"no single chain of migrations from a first revision in {MIGRATIONS_DIR}")
    return tuple(chain)


def head_revision() -> str:
    """The newest revision this code knows (a single head: the chain never branches)."""
    return _revision_chain()[-1]


def revision_history() -> list[str]:
    """Every known revision, oldest first."""
    return list(_revision_chain())


def current_revision(connection: Connection) -> str | None:
    """The revision stamped in the database, or None for a database Alembic never touched."""
    if connection.execute(text(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'")).first() is None:
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def create_at_head(connection: Connection, head: str) -> None:
    """Build a new, empty store straight from the models and stamp it at `head`, in one transaction.

    A first start (and the first pull of a new terminal) would otherwise import Alembic and replay every
    revision: about half a second. The result is the schema the chain builds, up to column order and the
    numbering of SQLite's automatic indexes; tests/unit/store/test_store_fresh_schema.py holds that.
    `connection` must come from `boxoffice.store.engine.make_engine` and not be in a transaction yet.
    """
    from boxoffice.store.models import Base

    if connection.in_transaction():
        raise RuntimeError("create_at_head() needs a connection that is not in a transaction")
    with connection.begin():
        Base.metadata.create_all(connection)
        connection.exec_driver_sql(  # what Alembic itself creates, so later upgrades find their place
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")
        connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"), {"head": head})


def upgrade(connection: Connection, target: str = "head") -> None:
    """Upgrade to `target` in one transaction, committing only if every step and the foreign key check pass.

    Foreign key enforcement is switched off for the duration, as SQLite's ALTER TABLE guide says: batch mode
    drops and recreates tables, and with enforcement on, dropping a parent table would fail (or cascade) while
    its children still point at it. `PRAGMA foreign_key_check` before the commit proves nothing was broken.
    The pragma only takes effect outside a transaction, hence the order below.

    `connection` must come from `boxoffice.store.engine.make_engine` (its "begin" emits BEGIN IMMEDIATE; plain
    pysqlite would run DDL outside any transaction) and must not be in a transaction yet.
    """
    if connection.in_transaction():
        raise RuntimeError("upgrade() needs a connection that is not in a transaction")
    driver = connection.connection.driver_connection
    if not isinstance(driver, sqlite3.Connection):
        raise RuntimeError("the local store is SQLite (pysqlite) only")
    enforced = bool(driver.execute("PRAGMA foreign_keys").fetchone()[0])
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        with connection.begin():
            if not driver.in_transaction:
                raise RuntimeError("no transaction was begun: use boxoffice.store.engine.make_engine()")
            from alembic import command

            command.upgrade(alembic_config(connection), target)
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                sample = ", ".join(f"{row[0]} row {row[1]} -> {row[2]}" for row in broken[:5])
                raise RuntimeError(f"the upgrade would break {len(broken)} foreign key(s): {sample}")
    finally:
        if enforced:
            driver.execute("PRAGMA foreign_keys=ON")


def new_revision(message: str, *, autogenerate: bool = True) -> Path:
    """Developer helper: write a new revision file (autogenerated against a scratch database at head)."""
    from alembic import command

    from boxoffice.store.engine import make_engine  # engine imports this module

    with tempfile.TemporaryDirectory() as scratch:
        engine = make_engine(Path(scratch) / "head.sqlite3")
        try:
            with engine.connect() as connection:
                upgrade(connection)
                with connection.begin():
                    script = command.revision(
                        alembic_config(connection), message=message, autogenerate=autogenerate
                    )
        finally:
            engine.dispose()
    if script is None or isinstance(script, list):
        raise RuntimeError("alembic did not write exactly one revision")
    return Path(script.path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m boxoffice.store", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    revision = commands.add_parser("revision", help="write a new migration file")
    revision.add_argument("-m", "--message", required=True)
    revision.add_argument("--empty", action="store_true", help="do not autogenerate from the models")
    commands.add_parser("heads", help="print the head revision")
    args = parser.parse_args(argv)
    if args.command == "revision":
        print(new_revision(args.message, autogenerate=not args.empty))
    else:
        print(head_revision())

