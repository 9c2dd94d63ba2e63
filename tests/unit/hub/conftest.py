"""A seeded hub database (a real SQLite file) per test, and short ways to act as a window on it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.hub.models import HubWindow
from boxoffice.hub.windows import window_named
from tests.helpers.hub_seed import HubSeed, hub_db_url, open_db, seed_hub

T = TypeVar("T")
NOW = datetime(2026, 7, 1, 18, 0, tzinfo=UTC)


@pytest.fixture
def seed(tmp_path: Path) -> HubSeed:
    return seed_hub(hub_db_url(tmp_path))


@pytest.fixture
def db(seed: HubSeed) -> Iterator[Database]:
    database = open_db(seed)
    yield database
    database.dispose()


class Hub:
    """Runs one transaction as window ``name`` (its ``HubWindow`` loaded in that session)."""

    def __init__(self, db: Database, seed: HubSeed) -> None:
        self.db, self.seed = db, seed

    def as_window(self, name: str, work: Callable[[Session, HubWindow], T]) -> T:
        return self.db.write(lambda session: work(session, window_named(session, name)))

    def run(self, work: Callable[[Session], T]) -> T:
        return self.db.write(work)


@pytest.fixture
def hub(db: Database, seed: HubSeed) -> Hub:
    return Hub(db, seed)
