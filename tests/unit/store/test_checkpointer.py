"""The window's store checkpoints the WAL in the background once quiet, not inside a commit."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import text

from boxoffice.store.checkpointer import SAFETY_NET_PAGES
from boxoffice.store.engine import open_store


def test_connections_checkpoint_inline_only_past_the_safety_net(tmp_path: Path) -> None:
    with open_store(tmp_path / "s.sqlite3") as store:
        with store.session_factory() as session:
            assert session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == 1000  # SQLite's default
        store.checkpoint_when_idle()
        with store.session_factory() as session:
            assert session.execute(text("PRAGMA wal_autocheckpoint")).scalar() == SAFETY_NET_PAGES


def test_a_quiet_store_is_checkpointed_in_the_background(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    with open_store(path) as store:
        store.checkpoint_when_idle()
        checkpointer = store._checkpointer
        assert checkpointer is not None
        checkpointer.checkpointed.clear()
        with store.session_factory.begin() as session:
            session.execute(text("CREATE TABLE filler (body TEXT)"))
            session.execute(text("INSERT INTO filler VALUES (:b)"), [{"b": "x" * 3000}] * 200)
        assert checkpointer.checkpointed.wait(10), "no checkpoint after the store went quiet"
        probe = sqlite3.connect(path, isolation_level=None)
        try:
            busy, in_wal, moved = probe.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        finally:
            probe.close()
        assert busy == 0 and in_wal == moved  # every committed frame is in the database file already
        assert in_wal >= 200 * 3000 // 4096  # the writes went through the WAL, not straight to the file


def test_closing_the_store_stops_the_thread(tmp_path: Path) -> None:
    store = open_store(tmp_path / "s.sqlite3")
    store.checkpoint_when_idle()
    checkpointer = store._checkpointer
    assert checkpointer is not None
    store.close()
    assert not checkpointer._thread.is_alive()
