"""Alembic environment for the local store.

Run only through `boxoffice.store.migrate`, which builds the Config in code (no alembic.ini is shipped) and
passes the open store's connection, already inside the transaction the whole upgrade must share.
"""

from __future__ import annotations

from alembic import context

from boxoffice.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None or context.is_offline_mode():
    raise RuntimeError(
        "Box office migrations run on a live connection from boxoffice.store.migrate "
        "(open_store() or `python -m boxoffice.store revision`), not from the alembic command line"
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: batch mode copies the table instead.
    compare_type=True,
    compare_server_default=True,
)
with context.begin_transaction():
    context.run_migrations()
