"""open_store(): new databases, pragmas, refusals that leave the file alone, backup + upgrade, failures."""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, select, text

from boxoffice.core.errors import StoreError
from boxoffice.store import migrate
from boxoffice.store.engine import SQLITE_HEADER, Store, inspect_database, open_store
from boxoffice.store.errors import DatabaseTooNewError, MigrationError, NotADatabaseError
from boxoffice.store.models import Base, Clerk, SyncState
from tests.unit.store.store_helpers import FIRST_REVISION, REV1_TABLES, fingerprint, migrate_to, rows, run_sql

HEAD = migrate.head_revision()
ALL_TABLES = {*Base.metadata.tables, "alembic_version"}


#: Columns of tickets at the first revision; the seat-ranks revision appends row_rank and seat_rank.
TICKET_COLUMNS_REV1 = 9
OUTBOX_COLUMNS_REV1 = 12  # then attempted_at (filled for items that were tried: none in these fixtures)
JOURNAL_COLUMNS_REV1 = 8  # then mac (entries written before a journal key existed stay unsigned)
SALE_TICKET_COLUMNS_REV1 = 9  # then refund_id (NULL: not refunded)
PRODUCT_COLUMNS_REV1 = 8  # then sale_start, sale_end (NULL: no limit), visibility ('public'), tax_rate_bp


def without_clerks(tables: dict[str, list[tuple[object, ...]]]) -> dict[str, list[tuple[object, ...]]]:
    """Every table but clerks and sales, the ones the upgrades give new columns; tickets without their ranks,
    outbox items without attempted_at, journal entries without mac, sale tickets without refund_id, products
    without their sale window and visibility."""
    kept = {table: found for table, found in tables.items() if table not in ("clerks", "sales")}
    if "tickets" in kept:
        kept["tickets"] = [row[:TICKET_COLUMNS_REV1] for row in kept["tickets"]]
    if "outbox" in kept:
        kept["outbox"] = [row[:OUTBOX_COLUMNS_REV1] for row in kept["outbox"]]
    if "journal" in kept:
        kept["journal"] = [row[:JOURNAL_COLUMNS_REV1] for row in kept["journal"]]
    if "sale_tickets" in kept:
        kept["sale_tickets"] = [row[:SALE_TICKET_COLUMNS_REV1] for row in kept["sale_tickets"]]
    if "products" in kept:
        kept["products"] = [row[:PRODUCT_COLUMNS_REV1] for row in kept["products"]]
    return kept


def assert_sales_kept(before: list[tuple[object, ...]], after: list[tuple[object, ...]]) -> None:
    """Every old sale unchanged, with the new comp_reason and void_shift_id columns NULL (an old sale is never a
    comp; an old void counts by its time)."""
    assert before and after == [(*row, None, None) for row in before]


def table_names(store: Store) -> set[str]:
    return set(inspect(store.engine).get_table_names())


# --- new databases ----------------------------------------------------------------------------------------


def test_new_path_is_created_at_head(db_path: Path) -> None:
    assert not db_path.parent.exists()
    with open_store(db_path) as store:
        assert store.revision == HEAD
        assert store.backup is None
        assert table_names(store) == ALL_TABLES
        with store.session_factory.begin() as session:
            assert session.scalars(select(Clerk)).all() == []
    assert not (db_path.parent / "backups").exists()


def test_empty_file_is_a_new_database(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.touch()
    with open_store(db_path) as store:
        assert store.revision == HEAD
        assert table_names(store) == ALL_TABLES
        assert store.backup is None


def test_opening_at_head_again_changes_nothing(db_path: Path) -> None:
    open_store(db_path).close()
    with open_store(db_path) as store:
        assert store.revision == HEAD
        assert store.backup is None
    assert not (db_path.parent / "backups").exists()


def test_history_is_one_line_of_alembic_style_revisions() -> None:
    history = migrate.revision_history()
    assert history[0] == FIRST_REVISION
    assert history[-1] == HEAD
    assert history == ["00ba8882726e", "95e99a64f3d6", "c0a1e5d2b7f4", "d4b7e1a9c3f2",
                       "e7a3c9d1f5b2", "f3b8d2c6a9e1", "f3a8b2c6d1e4", "a9d4c2e7b1f6",
                       "b5e2d8c4a7f3", "c8e4f1a7d2b9", "d9f2a6c3e8b1", "e2c7a5f9b3d1",
                       "a4c8e2f6b9d3", "b7d4e9a2c5f8", "c3f9a1e7d5b2",
                       "d5a8c2f4e7b3", "e9b3d7a1c6f4",
                       "f1c4a8e2d6b9", "a7e2c5f9b1d4"]  # one branch, oldest first
    assert all(len(revision) == 12 and int(revision, 16) >= 0 for revision in history)


# --- connection settings ----------------------------------------------------------------------------------


@pytest.mark.parametrize("factory", ["session_factory", "read_session_factory"])
def test_pragmas_on_every_connection(store: Store, factory: str) -> None:
    with getattr(store, factory)() as session:
        pragma = {
            name: session.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    assert pragma == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}


def test_sessions_begin_immediate_and_read_sessions_deferred(store: Store) -> None:
    """A unit of work holds the write lock from its first statement: it cannot deadlock upgrading a read."""
    other = sqlite3.connect(store.path, timeout=0, isolation_level=None)
    try:
        with store.session_factory.begin() as session:
            session.execute(text("SELECT 1"))
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        with store.read_session_factory.begin() as session:
            session.execute(text("SELECT 1"))
            other.execute("BEGIN IMMEDIATE")  # a reader does not hold the write lock
            other.execute("ROLLBACK")
    finally:
        other.close()


def test_a_failed_unit_of_work_writes_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session_factory.begin() as session:
        session.add(SyncState(key="last_pull", value="x"))
        session.flush()
        raise RuntimeError("boom")
    with store.session_factory.begin() as session:
        assert session.get(SyncState, "last_pull") is None


# --- files that are not ours: refused, untouched ----------------------------------------------------------


def _not_sqlite_bytes() -> bytes:
    data = random.Random(1234).randbytes(8192)
    assert not data.startswith(SQLITE_HEADER)
    return data


@pytest.mark.parametrize(
    "content",
    [
        b"date,amount\n2025-01-01,25.00\n",
        _not_sqlite_bytes(),
        b"SQLite",
        SQLITE_HEADER[:-1] + b"!" + b"\0" * 200,
    ],
    ids=["text", "random", "short", "almost-header"],
)
def test_not_sqlite_is_refused_untouched(db_path: Path, content: bytes) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(content)
    before = fingerprint(db_path)
    with pytest.raises(NotADatabaseError, match="not an SQLite file") as raised:
        open_store(db_path)
    assert str(db_path) in str(raised.value)
    assert "--data-dir" in str(raised.value)
    assert isinstance(raised.value, StoreError)
    assert fingerprint(db_path) == before  # same bytes, same mtime, no -wal/-shm, no backups folder


def test_someone_elses_sqlite_is_refused_untouched(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    run_sql(db_path, "CREATE TABLE recipes (id INTEGER PRIMARY KEY); INSERT INTO recipes VALUES (1)")
    before = fingerprint(db_path)
    with pytest.raises(NotADatabaseError, match="not a Box office one"):
        open_store(db_path)
    assert fingerprint(db_path) == before


def test_a_folder_is_refused(db_path: Path) -> None:
    db_path.mkdir(parents=True)
    with pytest.raises(NotADatabaseError, match="folder"):
        open_store(db_path)


def test_unknown_revision_is_refused_untouched(db_path: Path) -> None:
    open_store(db_path).close()
    run_sql(db_path, "UPDATE alembic_version SET version_num = 'f00dcafe1234'")
    before = fingerprint(db_path)
    assert before.siblings == (db_path.name,)  # WAL checkpointed away: a clean, closed database
    with pytest.raises(DatabaseTooNewError) as raised:
        open_store(db_path)
    message = str(raised.value)
    assert "f00dcafe1234" in message
    assert "newer Box office version" in message
    assert str(db_path) in message
    assert fingerprint(db_path) == before


def test_unknown_revision_is_refused_while_another_process_has_it_open(db_path: Path) -> None:
    """With -wal/-shm present (another terminal process running, or a crash) the check reads it read-only."""
    open_store(db_path).close()
    run_sql(db_path, "UPDATE alembic_version SET version_num = 'f00dcafe1234'")
    other = sqlite3.connect(db_path)
    try:
        other.execute("PRAGMA journal_mode=WAL")
        other.execute("SELECT * FROM alembic_version").fetchall()
        before = fingerprint(db_path)
        assert f"{db_path.name}-wal" in before.siblings
        with pytest.raises(DatabaseTooNewError, match="f00dcafe1234"):
            open_store(db_path)
        assert fingerprint(db_path) == before
    finally:
        other.close()


# --- looking without touching (doctor) ---------------------------------------------------------------------


def test_inspect_a_missing_database_creates_nothing(db_path: Path) -> None:
    status = inspect_database(db_path)
    assert (status.revision, status.head, status.needs_upgrade) == (None, HEAD, False)
    assert not db_path.parent.exists()


def test_inspect_an_old_database_leaves_it_as_it_was(rev1_db: Callable[[], Path]) -> None:
    path = rev1_db()
    before = fingerprint(path)
    status = inspect_database(path)
    assert (status.revision, status.needs_upgrade) == (FIRST_REVISION, True)
    assert fingerprint(path) == before


def test_inspect_refuses_what_open_store_refuses(db_path: Path) -> None:
    open_store(db_path).close()
    assert inspect_database(db_path).revision == HEAD
    run_sql(db_path, "UPDATE alembic_version SET version_num = 'f00dcafe1234'")
    with pytest.raises(DatabaseTooNewError):
        inspect_database(db_path)
    db_path.write_text("not a database")
    with pytest.raises(NotADatabaseError):
        inspect_database(db_path)


# --- upgrades ---------------------------------------------------------------------------------------------


def test_upgrade_keeps_every_row_and_backs_up_first(rev1_db: Callable[[], Path]) -> None:
    path = rev1_db()
    before = {table: rows(path, table) for table in REV1_TABLES}
    assert all(before.values())

    with open_store(path) as store:
        assert store.revision == HEAD
        assert table_names(store) == ALL_TABLES
        backup = store.backup
        with store.session_factory.begin() as session:
            clerk = session.get_one(Clerk, 1)
            assert (clerk.failed_pin_attempts, clerk.locked_until) == (0, None)
            assert session.execute(text("PRAGMA foreign_key_check")).all() == []
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1

    after = {table: rows(path, table) for table in REV1_TABLES}
    assert after["clerks"] == [(*row, 0, None) for row in before["clerks"]]
    assert without_clerks(after) == without_clerks(before)
    assert [row[TICKET_COLUMNS_REV1:] for row in after["tickets"]] == [(1, 1), (1, 2)]  # ranked by the upgrade
    assert [row[PRODUCT_COLUMNS_REV1:] for row in after["products"]] == [(None, None, "public", None)] * len(
        after["products"])  # no limits until the next pull says otherwise
    assert_sales_kept(before["sales"], after["sales"])

    assert backup is not None
    assert backup.parent == path.parent / "backups"
    assert FIRST_REVISION in backup.name
    assert backup.name.endswith("Z.sqlite3")
    assert rows(backup, "alembic_version") == [(FIRST_REVISION,)]
    assert {table: rows(backup, table) for table in REV1_TABLES} == before
    assert [p.name for p in backup.parent.iterdir()] == [backup.name]  # one self-contained file

    with open_store(path) as again:  # at head now: no second backup
        assert again.backup is None
    assert len(list(backup.parent.iterdir())) == 1


def test_upgrade_backs_up_into_the_given_folder(rev1_db: Callable[[], Path], tmp_path: Path) -> None:
    path = rev1_db()
    with open_store(path, backups_dir=tmp_path / "elsewhere") as store:
        assert store.backup is not None
        assert store.backup.parent == tmp_path / "elsewhere"


def test_upgrade_keeps_the_clerks_constraints_when_batch_rebuilds_it(rev1_db: Callable[[], Path]) -> None:
    with open_store(rev1_db()) as store, store.engine.connect() as connection:
        sql = connection.execute(text("SELECT sql FROM sqlite_master WHERE name = 'clerks'")).scalar_one()
    for constraint in ("ck_clerks_role", "ck_clerks_failed_pin_attempts", "uq_clerks_name", "uq_clerks_rfid"):
        assert constraint in sql
    assert "_alembic_tmp" not in sql


def test_door_role_upgrade_keeps_clerks_and_takes_door_only_after(db_path: Path) -> None:
    """Before the door-role revision the CHECK refuses 'door'; after it a door clerk is stored, others kept."""
    db_path.parent.mkdir(parents=True)
    migrate_to(db_path, "f3a8b2c6d1e4")
    insert = "INSERT INTO clerks (name, role, pin_hash, active, created_at) VALUES ('{0}', '{1}', 'h', 1, '{2}');"
    created = "2026-01-01T10:00:00.000000Z"
    run_sql(db_path, insert.format("Ana", "supervisor", created))
    with pytest.raises(sqlite3.IntegrityError):
        run_sql(db_path, insert.format("Pep", "door", created))
    open_store(db_path).close()
    run_sql(db_path, insert.format("Pep", "door", created))
    assert rows(db_path, "clerks", "name, role") == [("Ana", "supervisor"), ("Pep", "door")]
    with pytest.raises(sqlite3.IntegrityError):
        run_sql(db_path, insert.format("Eva", "admin", created))


def _assert_still_at_first_revision(path: Path, before: dict[str, list[tuple[object, ...]]]) -> None:
    assert rows(path, "alembic_version") == [(FIRST_REVISION,)]
    assert {table: rows(path, table) for table in REV1_TABLES} == before
    columns = [row[1] for row in rows(path, "pragma_table_info('clerks')", order="cid")]
    assert "failed_pin_attempts" not in columns
    tables = {row[0] for row in rows(path, "sqlite_master", "name")}
    assert not any(name.startswith("_alembic_tmp") for name in tables)


def test_failing_migration_rolls_back_and_names_the_backup(rev1_db: Callable[[], Path]) -> None:
    """A real failure half-way: the clerks rebuild succeeds, then creating sync_state fails."""
    path = rev1_db()
    run_sql(path, "CREATE TABLE sync_state (key TEXT PRIMARY KEY)")
    before = {table: rows(path, table) for table in REV1_TABLES}

    with pytest.raises(MigrationError) as raised:
        open_store(path)

    message = str(raised.value)
    (backup,) = (path.parent / "backups").iterdir()
    assert f"left at revision {FIRST_REVISION}" in message
    assert str(backup) in message
    assert "sync_state" in message
    _assert_still_at_first_revision(path, before)
    assert {table: rows(backup, table) for table in REV1_TABLES} == before


def test_failure_after_the_last_step_still_rolls_back(
    rev1_db: Callable[[], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with every DDL statement and the version stamp done, nothing is kept unless all of it commits."""
    path = rev1_db()
    before = {table: rows(path, table) for table in REV1_TABLES}
    real_upgrade = command.upgrade

    def upgrade_then_fail(config: object, revision: str, **kwargs: object) -> None:
        real_upgrade(config, revision, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("simulated crash after the migration")

    monkeypatch.setattr(command, "upgrade", upgrade_then_fail)
    with pytest.raises(MigrationError, match="simulated crash"):
        open_store(path)
    _assert_still_at_first_revision(path, before)

    monkeypatch.undo()
    with open_store(path) as store:  # the next start upgrades normally
        assert store.revision == HEAD
    assert len(list((path.parent / "backups").iterdir())) == 2


def test_failing_creation_of_a_new_database(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new store is built from the models in one transaction: a failure after every table was made
    leaves none of them."""
    create_all = Base.metadata.create_all

    def fail(bind: object, **kwargs: object) -> None:
        create_all(bind, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(Base.metadata, "create_all", fail)
    with pytest.raises(MigrationError, match="No tables were created"):
        open_store(db_path)
    assert rows(db_path, "sqlite_master", "name", order="name") == []


def test_frozen_sql_dump_of_a_first_revision_database_upgrades(db_path: Path) -> None:
    """A database as version 1 wrote it, kept as text so later edits to old migrations cannot change it."""
    dump = (Path(__file__).parent / "fixtures" / "rev1_with_sale.sql").read_text(encoding="utf-8")
    db_path.parent.mkdir(parents=True)
    run_sql(db_path, dump, foreign_keys=False)  # a dump lists tables by name, children before parents
    before = {table: rows(db_path, table) for table in REV1_TABLES}
    with open_store(db_path) as store:
        assert store.revision == HEAD
        assert store.backup is not None
    after = {table: rows(db_path, table) for table in REV1_TABLES}
    assert without_clerks(after) == without_clerks(before)
    assert_sales_kept(before["sales"], after["sales"])
    assert after["clerks"] == [(*row, 0, None) for row in before["clerks"]]


def test_migrate_to_helper_builds_the_first_revision(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    migrate_to(db_path, FIRST_REVISION)
    assert rows(db_path, "alembic_version") == [(FIRST_REVISION,)]
    assert "sync_state" not in {row[0] for row in rows(db_path, "sqlite_master", "name")}


def test_new_revision_autogenerates_nothing_when_models_are_at_head(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The developer tool works from code, and finds no change between the models and the migrations."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)
    written = migrate.new_revision("nothing changed")
    source = written.read_text(encoding="utf-8")
    assert f'down_revision: str | Sequence[str] | None = "{HEAD}"' in source.replace("'", '"')
    upgrade = source.split("def upgrade() -> None:", 1)[1].split("def downgrade", 1)[0]
    statements = [line.strip() for line in upgrade.splitlines() if line.strip()]
    assert [line for line in statements if not line.startswith("#")] == ["pass"]
    assert migrate.head_revision() == written.name[:12]


def test_the_revision_chain_read_from_the_files_is_alembics(tmp_path: Path) -> None:
    """head_revision() and revision_history() read the versions folder without Alembic (a plain start never
    imports it); they must say what Alembic's own walk says."""
    walked = [script.revision for script in reversed(list(migrate.script_directory().walk_revisions()))]
    assert migrate.revision_history() == walked
    assert migrate.head_revision() == migrate.script_directory().get_current_head()


def test_opening_a_store_at_head_does_not_import_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    with open_store(tmp_path / "s.sqlite3"):
        pass
    probe = ("import sys; from pathlib import Path; from boxoffice.store.engine import open_store; "
             f"open_store(Path({str(tmp_path / 's.sqlite3')!r})).close(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
