"""Run the real ``boxoffice`` command with every SQL statement slowed down, tracing its transactions.

Usage: ``python tests/chaos/slow_boxoffice.py sell --event ... --json`` with ``BOXOFFICE_TRACE=FILE`` and
``BOXOFFICE_STATEMENT_DELAY=SECONDS``. The command code is ``boxoffice.cli.main``, unchanged; only SQLAlchemy
events are added (every engine, every session), so a sale's transaction lasts long enough for a SIGKILL sent
from outside to land inside it. The trace file gets, unbuffered and in order: ``B`` at each BEGIN, ``w`` per
INSERT/UPDATE/DELETE and ``.`` per other statement, ``C`` just before COMMIT, ``D`` once a session's commit
returned (then a pause), ``R`` at a rollback. ``ready`` is printed on stderr once everything is imported.
"""

from __future__ import annotations

import os
import sys
import time


def main() -> int:
    from sqlalchemy import event
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session

    import boxoffice.cli  # with the modules the sell command imports lazily, so "ready" means ready
    import boxoffice.commands.terminal
    import boxoffice.services.catalog
    import boxoffice.services.sales
    import boxoffice.store.engine

    delay = float(os.environ.get("BOXOFFICE_STATEMENT_DELAY", "0.02"))
    trace = os.open(os.environ["BOXOFFICE_TRACE"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def mark(text: str) -> None:
        os.write(trace, text.encode())

    @event.listens_for(Engine, "begin")
    def _begin(connection: object) -> None:
        mark("B")

    @event.listens_for(Engine, "before_cursor_execute")
    def _statement(connection: object, cursor: object, statement: str, *args: object) -> None:
        mark("w" if statement.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) else ".")
        time.sleep(delay)

    @event.listens_for(Engine, "commit")
    def _commit(connection: object) -> None:
        mark("C")
        time.sleep(delay)

    @event.listens_for(Engine, "rollback")
    def _rollback(connection: object) -> None:
        mark("R")

    @event.listens_for(Session, "after_commit")
    def _committed(session: Session) -> None:
        mark("D")
        time.sleep(10 * delay)  # committed, not yet printed: a kill here leaves a sale the clerk never saw

    print("ready", file=sys.stderr, flush=True)
    return boxoffice.cli.main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
