"""Fixtures for the local store tests: real SQLite files under tmp_path, never in-memory databases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from boxoffice.store.engine import Store, open_store
from tests.unit.store.store_helpers import FIRST_REVISION, REV1_ROWS, migrate_to, run_sql


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "boxoffice.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path) as opened:
        yield opened


@pytest.fixture
def rev1_db(db_path: Path) -> Callable[[], Path]:
    """A database at the first revision holding a clerk, event, tickets, a full sale, an outbox row."""

    def make() -> Path:
        db_path.parent.mkdir(parents=True, exist_ok=True)
        migrate_to(db_path, FIRST_REVISION)
        run_sql(db_path, REV1_ROWS)
        return db_path

    return make
