"""``boxoffice-central serve --workers N``: several uvicorn worker processes on one PostgreSQL database.

uvicorn starts each worker by importing an app factory by name, so the database URL travels in
``$BOXOFFICE_CENTRAL_DB`` and every worker opens its own engine and pool. Nothing the platform decides is kept in
process memory: idempotency records, journal heads, ticket places and the sales ledger are rows, and a ticket
changes place only under ``SELECT ... FOR UPDATE`` (:mod:`boxoffice.central.db`), so any worker may answer any
request, a retried one included.

Several workers on SQLite are refused: every write there takes the one file's write lock, so extra processes add
lock waits (and "database is locked" failures past the busy timeout) but no throughput. A refusal says what to
do instead; a silent warning would leave a deployment that only looks scaled.
"""

from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING

from sqlalchemy.engine import make_url

from boxoffice.central.db import normalize_url
from boxoffice.core.collector import space_young_collections

if TYPE_CHECKING:
    from fastapi import FastAPI

ENV_DB = "BOXOFFICE_CENTRAL_DB"
#: import string uvicorn's workers build their app from
FACTORY = "boxoffice.central.scale_out:app_from_env"


def refusal(url: str, workers: int) -> str | None:
    """Why ``workers`` processes cannot serve ``url`` (None: they can)."""
    if workers > 1 and make_url(normalize_url(url)).get_backend_name() == "sqlite":
        return (f"--workers {workers} needs PostgreSQL: on SQLite every write waits for the one file's lock, so "
                "more processes add no throughput. Serve with --workers 1, or pass --db "
                "postgresql://USER@HOST/DB")
    return None


def app_from_env() -> FastAPI:
    """One worker's app, on the database named by ``$BOXOFFICE_CENTRAL_DB`` (set by ``serve``)."""
    from boxoffice.central.app import create_app

    app = create_app(os.environ[ENV_DB])
    settle_heap()
    return app


def settle_heap() -> None:
    """Freeze what a server process built before serving (modules, the app, its routes, the mappers) out of the
    garbage collector's scans: they live as long as the process, and every full collection would walk them again
    while a catch-up batch allocates hundreds of thousands of objects (a tenth of its time, measured). Only
    for server processes: a test that builds many apps in one process would keep them all.

    The youngest generation is collected every 50,000 allocations, not 700 (``space_young_collections``): a
    batch makes a few hundred thousand short-lived dicts and tuples, and each of those collections walked the
    ones still alive (2.4% of a catch-up batch's instructions, counted by cachegrind; a few MB more at most
    between collections)."""
    gc.collect()
    gc.freeze()
    space_young_collections()
