"""Looking at a database this process already has open must not drop SQLite's locks on it.

POSIX advisory locks belong to the process: closing *any* descriptor of the file releases every lock the
process holds on it, including those of its live SQLite connections. Reading the header with plain file I/O
while a store is open therefore let another process believe it was the last user, checkpoint and delete the
WAL under the live connections.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from boxoffice.store.engine import inspect_database, open_store

_OTHER_PROCESS = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1])
connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
connection.close()
"""


def test_inspecting_an_open_store_keeps_its_wal_for_a_process_that_closes_last(tmp_path: Path) -> None:
    path = tmp_path / "terminal.sqlite3"
    with open_store(path) as store:
        with store.engine.connect() as connection:  # one pooled connection stays open, holding its shared lock
            connection.execute(text("PRAGMA wal_autocheckpoint=0"))
            connection.execute(text("CREATE TABLE probe (n INTEGER)"))
            connection.commit()
            wal = Path(f"{path}-wal")
            assert wal.exists() and wal.stat().st_size > 0
            status = inspect_database(path)  # e.g. doctor --bundle run from the window
            assert status.revision == store.revision
            subprocess.run([sys.executable, "-c", _OTHER_PROCESS, str(path)], check=True, timeout=60)
            assert wal.exists(), "another process took itself for the last user and deleted the live WAL"
            connection.execute(text("INSERT INTO probe VALUES (1)"))
            connection.commit()
            assert connection.execute(text("SELECT count(*) FROM probe")).scalar() == 1
