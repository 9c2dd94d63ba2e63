"""Which events the platform lists for this office (``offline_office_events``, an extension of ours), and how to
tell a platform that implements only the spec (no such list: 404). Transport only: the pull that merges what it
fetches into the store is :mod:`boxoffice.inventory_pull`.
"""

from __future__ import annotations

import logging

from boxoffice.core.errors import BoxOfficeError
from boxoffice.sync.client import CentralClient, OfficeEvent
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
