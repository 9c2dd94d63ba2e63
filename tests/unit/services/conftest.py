"""Fixtures for the services tests: a real SQLite file under tmp_path, seeded through the pull (merge).

The seeded store has a shift open (tests/helpers/shifts.py): every sale, void and return belongs to one. Creating
a database runs every migration and the seed is two pulls, all with synchronous=FULL; doing that once
per session and copying the closed (checkpointed, one-file) result for each test keeps the folder fast. Each
test still opens its own file with ``open_store``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice.store.engine import Store, open_store
from tests.helpers.shifts import open_test_shift
from tests.helpers.supervisors import add_supervisors
from tests.unit.services.services_helpers import seed


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("service-templates")
    with open_store(folder / "empty.sqlite3") as empty:
        pass
    shutil.copyfile(empty.path, folder / "seeded.sqlite3")
    with open_store(folder / "seeded.sqlite3") as seeded:
        seed(seeded)
        open_test_shift(seeded.session_factory)
        add_supervisors(seeded.session_factory)  # the actors of voids and returns (tests/helpers/supervisors.py)
    for path in (empty.path, seeded.path):
        assert not Path(f"{path}-wal").exists(), "the template must be one self-contained file"
    return {"empty": empty.path, "seeded": seeded.path}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "db.sqlite3"


def _open_copy(template: Path, db_path: Path) -> Store:
    shutil.copyfile(template, db_path)
    return open_store(db_path)


@pytest.fixture
def empty_store(templates: dict[str, Path], db_path: Path) -> Iterator[Store]:
    """A new, migrated store with nothing in it."""
    with _open_copy(templates["empty"], db_path) as opened:
        yield opened


@pytest.fixture
def store(templates: dict[str, Path], db_path: Path) -> Iterator[Store]:
    """A store holding the seeded event EV1 (and EV2), as after a first pull, with a shift open."""
    with _open_copy(templates["seeded"], db_path) as opened:
        yield opened
