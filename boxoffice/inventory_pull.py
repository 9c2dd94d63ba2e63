"""Pull: fetch this office's inventory and ticket types from the platform and merge them (safe to repeat).

Which events: the ones asked for, else the ones the platform lists for this office (``offline_office_events``, an
extension of ours). A platform that implements only the spec has no such list (404): then the events this
terminal already holds are refreshed, and new ones are pulled by id (``boxoffice pull --event ID``).
After the merge the platform's new conflicts for this office are fetched (:mod:`boxoffice.sync.conflict_feed`)
and stored (:mod:`boxoffice.services.conflict_reports`).

Orchestration, like :mod:`boxoffice.pairing`: the transport (``boxoffice.sync``) fetches, the service
(:func:`boxoffice.services.inventory.merge_inventory`) decides what the store keeps.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.services import conflict_reports
from boxoffice.services.inventory import MergeReport, RemoteProduct, merge_inventory
from boxoffice.store import sync_facts
from boxoffice.store.models import Event
from boxoffice.store.types import parse_utc
from boxoffice.sync import conflict_feed
from boxoffice.sync.client import CentralClient, OfficeEvent
from boxoffice.sync.pull import EventAnswers, EventsNotListed, InventoryFetch

log = logging.getLogger(__name__)


def pull(client: CentralClient, session_factory: sessionmaker[Session],
         event_ids: Sequence[str] | None = None, *, refused: list[str] | None = None,
         fetch: InventoryFetch | None = None) -> list[MergeReport]:
    """Pull the given events, or every event the platform has assigned to this office, each merged in its own
    transaction. ``fetch``: the pull's requests already on their way (made with ``client`` and ``event_ids``).

    A ticket type the terminal cannot take (e.g. priced ``1E+999999``) is left out, logged and described in
    ``refused`` (when given): one bad row does not stop the rest of the pull.
    """
    fetch = fetch if fetch is not None else InventoryFetch(client, event_ids)
    events, wanted = fetch.plan()
    reports = []
    for answers in fetch.answers(wanted if wanted is not None else _local_event_ids(session_factory)):
        reports.append(_merge(session_factory, events.get(answers.event_id), answers, refused))
    with session_factory.begin() as session:
        sync_facts.put_time(session, sync_facts.LAST_PULL)
    # what other offices' sales did to ours (never fails a pull)
    conflict_feed.fetch_new(client, session_factory, conflict_reports)
    return reports


def _merge(session_factory: sessionmaker[Session], info: OfficeEvent | None, answers: EventAnswers,
           refused: list[str] | None) -> MergeReport:
    event_id = answers.event_id
    for reason in answers.bad_types:
        log.warning("event %s: ticket type left out: %s", event_id, reason)
        if refused is not None:
            refused.append(f"event {event_id}: ticket type left out: {reason}")
    known_name, known_start = _local_event(session_factory, event_id)
    name = info.name if info else next((t.event_name for t in answers.tickets if t.event_name),
                                       known_name or event_id)
    starts_at = _when(info.starts_at) if info else known_start
    report = merge_inventory(
        session_factory, event_id, name, starts_at,
        answers.tickets,  # the client's rows have the fields the merge reads (services.inventory.RemoteTicketLike)
        [RemoteProduct(p.id, p.name, p.price_cents, p.zone, p.kind, p.components, p.sale_start, p.sale_end,
                       p.visibility, p.tax_rate_bp) for p in answers.types],
    )
    log.info("pulled %s: %s", event_id, report)
    return report


def _local_event_ids(session_factory: sessionmaker[Session]) -> list[str]:
    """The events this terminal already holds: what a spec-only platform's pull refreshes."""
    with session_factory() as session:
        ids = list(session.scalars(select(Event.id).order_by(Event.id)))
    if not ids:
        raise EventsNotListed("the central platform does not list this office's events (it implements only the "
                              "offline-office spec); pull them by id: `boxoffice pull --event ID`")
    return ids


def _local_event(session_factory: sessionmaker[Session], event_id: str) -> tuple[str | None, datetime | None]:
    """The name and start this terminal already has for ``event_id`` (kept when the platform says nothing)."""
    with session_factory() as session:
        event = session.get(Event, event_id)
        return (event.name, event.starts_at) if event is not None else (None, None)


def _when(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        return parse_utc(text)
    except ValueError:
        log.warning("event start %r is not an ISO-8601 time; ignored", text)
        return None
