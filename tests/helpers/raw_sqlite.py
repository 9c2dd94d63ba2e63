"""Reading or editing a database file behind the application's back, as a tampering or curious person would.

``with sqlite3.connect(path) as db`` commits at the end of the block but leaves the connection open until the
variable is dropped or rebound, so a test could hold one open across the real command it runs and be closing it
while opening the next. CI once saw ``disk I/O error`` on such a second connection's write (not reproduced in 63
local runs under load); whatever the cause, :func:`connected` closes as it leaves, so a test's own connections
never overlap the application's or each other.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path


@contextmanager
def connected(path: Path | str) -> Iterator[sqlite3.Connection]:
    """A plain connection to `path`, committed when the block ends without an error, and always closed."""
    with closing(sqlite3.connect(path)) as db:
        with db:
            yield db
