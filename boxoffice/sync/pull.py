"""A pull's requests: which events the platform lists for this office (``offline_office_events``, an extension of
ours), how to tell a platform that implements only the spec (no such list: 404), and each event's tickets and
ticket types, asked for in a background thread ahead of their merge (:class:`InventoryFetch`). Transport only: the
pull that merges what it fetches into the store is :mod:`boxoffice.inventory_pull`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass

from boxoffice.core.errors import BoxOfficeError
from boxoffice.sync.background import in_background
from boxoffice.sync.client import CentralClient, OfficeEvent, OfficeTicket, TicketType
from boxoffice.sync.errors import CentralRejected

log = logging.getLogger(__name__)


class EventsNotListed(BoxOfficeError):
    """The platform cannot list the office's events and this terminal holds none yet: ask for their ids."""


def events_not_listed(error: CentralRejected) -> bool:
    """True when the platform has no ``offline_office_events`` (it implements only the spec): a 404 (or 405)
    that does not name the office, which would be "no such office" instead."""
    return error.status in (404, 405) and "office" not in str(error.data.get("field", ""))


def listed_events(client: CentralClient) -> dict[str, OfficeEvent] | None:
    """The office's events as the platform lists them, or None when it has no such list."""
    try:
        return {e.id: e for e in client.office_events()}
    except CentralRejected as exc:
        if events_not_listed(exc):
            log.info("the platform does not list office events (%s); pulling events by id", exc.reason)
            return None
        raise


@dataclass(frozen=True)
class EventAnswers:
    """The platform's answers for one event: its tickets for this office and its ticket types."""

    event_id: str
    tickets: list[OfficeTicket]
    types: list[TicketType]
    bad_types: list[str]  # why a type was left out (the client's refusals)


def fetch_event(client: CentralClient, event_id: str) -> EventAnswers:
    bad: list[str] = []
    tickets = client.list_office_tickets(event_id)
    return EventAnswers(event_id, tickets, client.ticket_types(event_id, refused=bad), bad)


class InventoryFetch:
    """One pull's requests, each made in a background thread ahead of the caller's use of its answer.

    Made, the event list and the first event's inventory are asked for at once: ``boxoffice pull`` makes it before
    it opens the store, whose modules and migration check take about as long as the platform's answer for a
    stadium. Each next event is asked for while the caller merges the last one. The client is used by one thread
    at a time: the caller does not touch it until :meth:`answers` is done, and an error of a request reaches the
    caller where it takes that answer.
    """

    def __init__(self, client: CentralClient, event_ids: Sequence[str] | None = None) -> None:
        self._client = client
        self._first: Future[tuple[dict[str, OfficeEvent], list[str] | None, EventAnswers | None]] = in_background(
            self._plan, list(dict.fromkeys(event_ids or ())), name="boxoffice-pull")

    def _plan(self, asked: list[str]) -> tuple[dict[str, OfficeEvent], list[str] | None, EventAnswers | None]:
        wanted: list[str] | None = asked
        events: dict[str, OfficeEvent] = {}
        if not asked or len(asked) > 1:  # one event by id needs no list (its name comes with its tickets)
            listed = listed_events(self._client)
            events = listed or {}
            if not asked:
                wanted = list(listed) if listed is not None else None
        return events, wanted, (fetch_event(self._client, wanted[0]) if wanted else None)

    def plan(self) -> tuple[dict[str, OfficeEvent], list[str] | None]:
        """The events the platform lists for this office (empty when it has no list or was not asked), and the
        ones to pull: those asked for, else the listed ones; None when neither (the store's, then)."""
        events, wanted, _first = self._first.result()
        return events, wanted

    def answers(self, wanted: Sequence[str]) -> Iterator[EventAnswers]:
        """Each event's answers in order, the next one asked for before this one is handed over."""
        _events, _planned, ready = self._first.result()
        for index, event_id in enumerate(wanted):
            current = ready if ready is not None and ready.event_id == event_id else fetch_event(self._client,
                                                                                                 event_id)
            following = (in_background(fetch_event, self._client, wanted[index + 1], name="boxoffice-pull")
                         if index + 1 < len(wanted) else None)
            yield current
            ready = following.result() if following is not None else None
