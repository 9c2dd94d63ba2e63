"""What every callable function declares: who may call it, how its body is read, and what it does.

:mod:`boxoffice.central.app` turns each :class:`Function` into a ``POST /<name>`` route with the same order of
checks everywhere: 401 (token), 403 (admin-only), 400 (body), 403 (office scope), then the work in one
transaction (with request idempotency when it writes).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput
from boxoffice.central.models import Event, Office


@dataclass(frozen=True)
class Function:
    """One endpoint of the callable-function API (``parse`` raises :class:`BadInput`)."""

    name: str
    path: str
    summary: str
    description: str
    admin_only: bool
    writes: bool
    parse: Callable[[Any], Any]
    run: Callable[[Session, Any, Principal, datetime], ApiResult]
    offices: Callable[[Any], list[tuple[str, str]]] = lambda _request: []
    #: the canonical text of the whole body, made from the parsed request's own pieces (when its reader encodes
    #: them anyway: the synchronisation's entries), instead of encoding the body once more for its fingerprint
    canonical: Callable[[Any], str] | None = None
    request_schema: dict[str, Any] = field(default_factory=dict)
    request_example: Any = None
    responses: dict[int, dict[str, Any]] = field(default_factory=dict)


def require_event(session: Session, event_id: str, field_path: str) -> Event:
    event = session.get(Event, event_id)
    if event is None:
        raise BadInput(field_path, f"{field_path}: unknown event {event_id!r}")
    return event


def require_office(session: Session, office_id: str, field_path: str) -> Office:
    office = session.get(Office, office_id)
    if office is None:
        raise BadInput(field_path, f"{field_path}: unknown office {office_id!r}")
    return office
