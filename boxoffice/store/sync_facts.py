"""Small persisted facts about synchronisation (last success, last error, last pull, cursors) in ``sync_state``.

In the store, not in ``boxoffice.sync``: the transport never touches a table; the services that record a
round, a pull or the conflict feed (and the status read) write and read these facts.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from boxoffice.store.models import SyncState
from boxoffice.store.types import format_utc, parse_utc, utcnow

LAST_SUCCESS = "last_success"
LAST_ERROR = "last_error"
LAST_ATTEMPT = "last_attempt"
LAST_PULL = "last_pull"
#: the platform URL whose answers said it takes gzip request bodies (:class:`boxoffice.services.delivery.GzipMemory`)
PLATFORM_GZIP = "platform_gzip"
#: the last ``conflict_id`` fetched from ``offline_office_sync_conflicts`` (:mod:`boxoffice.services.conflict_reports`)
CONFLICTS_CURSOR = "conflicts_cursor"


def put(session: Session, key: str, value: str) -> None:
    row = session.get(SyncState, key)
    if row is None:
        session.add(SyncState(key=key, value=value, updated_at=utcnow()))
    else:
        row.value = value
        row.updated_at = utcnow()


def clear(session: Session, key: str) -> None:
    """Forget ``key`` (e.g. the last error once a round succeeded): ``get`` then answers None."""
    row = session.get(SyncState, key)
    if row is not None:
        session.delete(row)


def get(session: Session, key: str) -> str | None:
    row = session.get(SyncState, key)
    return row.value if row else None


def put_time(session: Session, key: str, when: datetime | None = None) -> None:
    put(session, key, format_utc(when or utcnow()))


def get_time(session: Session, key: str) -> datetime | None:
    value = get(session, key)
    return parse_utc(value) if value else None


def get_int(session: Session, key: str) -> int:
    """An integer fact (a cursor); 0 when unset or not a number."""
    value = get(session, key)
    return int(value) if value is not None and value.isdigit() else 0
