"""Pull: fetch this office's inventory and ticket types from the platform and merge them (safe to repeat)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.services.inventory import MergeReport, RemoteProduct, RemoteTicket, merge_inventory
from boxoffice.store.types import parse_utc
from boxoffice.sync import state
from boxoffice.sync.client import CentralClient

log = logging.getLogger(__name__)


def pull(client: CentralClient, session_factory: sessionmaker[Session],
         event_ids: Sequence[str] | None = None) -> list[MergeReport]:
    """Pull the given events, or every event the platform has assigned to this office."""
    events = {e.id: e for e in client.office_events()} if event_ids is None or len(event_ids) != 1 else {}
    wanted = list(event_ids) if event_ids else list(events)
    reports = []
    for event_id in wanted:
        tickets = client.list_office_tickets(event_id)
        types = client.ticket_types(event_id)
        info = events.get(event_id)
        name = info.name if info else next((t.event_name for t in tickets if t.event_name), event_id)
        starts_at = _when(info.starts_at) if info else None
        report = merge_inventory(
            session_factory, event_id, name, starts_at,
            [RemoteTicket(t.ticket_id, t.seat_id, t.zone, t.color, t.available, t.row) for t in tickets],
            [RemoteProduct(p.id, p.name, p.price_cents, p.zone, p.kind, p.components) for p in types],
        )
        log.info("pulled %s: %s", event_id, report)
        reports.append(report)
    with session_factory.begin() as session:
        state.put_time(session, state.LAST_PULL)
    return reports


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return parse_utc(text)
    except ValueError:
        log.warning("event start %r is not an ISO-8601 time; ignored", text)
        return None
