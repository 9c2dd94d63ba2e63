"""The delivery status from the database alone: what a separate process such as ``boxoffice status`` can see.

A service, not part of the transport (``boxoffice.sync`` never touches a table): the delivery worker reads it
through its book (:mod:`boxoffice.services.delivery` re-exports it) and adds what only it knows, the connection.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.sync_status import SyncStatus
from boxoffice.store import sync_facts
from boxoffice.store.models import ConflictReport, Outbox, Sale
from boxoffice.store.types import parse_utc, utcnow


def read_status(session_factory: sessionmaker[Session], horizon_hours: int = 20,
                connection: str = "unknown", auth_problem: bool = False) -> SyncStatus:
    """Status from the database alone (what a separate process such as ``boxoffice status`` can see)."""
    with session_factory() as session:
        pending = session.scalar(select(func.count()).select_from(Outbox).where(Outbox.state == "pending")) or 0
        parked = session.scalar(select(func.count()).select_from(Outbox).where(Outbox.state == "parked")) or 0
        conflicts = session.scalar(select(func.count()).select_from(Sale)
                                   .where(Sale.delivery_state == "conflict")) or 0
        # another office's sale of our seat or code, not yet seen by a supervisor (our own sale's is counted above)
        conflicts += session.scalar(select(func.count()).select_from(ConflictReport)
                                    .where(ConflictReport.role == "holder", ConflictReport.seen_at.is_(None))) or 0
        oldest = session.scalar(select(func.min(Outbox.created_at)).where(Outbox.state == "pending"))
        last_success = sync_facts.get_time(session, sync_facts.LAST_SUCCESS)
        last_error = sync_facts.get(session, sync_facts.LAST_ERROR)
    age = None
    if oldest is not None:
        oldest_dt = parse_utc(oldest) if isinstance(oldest, str) else oldest
        age = max(0.0, (utcnow() - oldest_dt).total_seconds())
    exceeded = age is not None and age > horizon_hours * 3600
    return SyncStatus(connection, pending, parked, conflicts, last_success, last_error, age, exceeded,
                      auth_problem)
