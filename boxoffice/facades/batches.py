"""What the supervisor's batch screen may do (issue #17 point 3): ask the central for a batch of pre-generated
tickets, follow the job, list an event's batches and save a batch's PDF.

The events and ticket types offered are the ones this terminal holds (a local read); everything else is one
call to the platform through :class:`~boxoffice.sync.batches_client.BatchesClient`, on a client made for the
call and closed after it, so the window runs these on its network lane. A terminal that is not paired, and the
training copy, get :meth:`BatchesFacade.unavailable`: the same reads, and every network call refused with
:class:`~boxoffice.core.errors.NotPaired`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import NotPaired
from boxoffice.services import catalog
from boxoffice.sync.batches_client import BatchesClient, JobState
from boxoffice.sync.errors import CentralUnreachable

#: ``JobState`` (sync.batches_client) is this facade's answer type too: the screen imports it from here.


def unreachable(exc: BaseException) -> bool:
    """True when a batch call failed because there is no platform to ask (down, or not paired / training):
    the screen says so instead of showing a reason."""
    return isinstance(exc, CentralUnreachable | NotPaired)

T = TypeVar("T")
AMOUNT_MAX = 10_000


@dataclass(frozen=True)
class TicketTypeChoice:
    """A ticket type a batch may be of: the platform's numeric id (the batch's ``item``) and its name."""

    item: int
    name: str
    price_cents: int


@dataclass(frozen=True)
class BatchEvent:
    id: str
    name: str
    starts_at: datetime | None
    ticket_types: tuple[TicketTypeChoice, ...]


@dataclass(frozen=True)
class BatchRow:
    """One batch as the platform lists it."""

    id: int
    item: int
    amount: int
    comment: str
    testmode: bool
    created: datetime | None


class BatchesFacade:
    def __init__(self, read_session_factory: sessionmaker[Session],
                 client: Callable[[], Any] | None) -> None:
        """``client``: makes a :class:`~boxoffice.sync.client.CentralClient` for one call (None: no platform)."""
        self._read = read_session_factory
        self._client = client

    @classmethod
    def unavailable(cls, read_session_factory: sessionmaker[Session]) -> BatchesFacade:
        return cls(read_session_factory, None)

    @property
    def available(self) -> bool:
        return self._client is not None

    def events(self) -> list[BatchEvent]:
        """The events this terminal holds with their ticket types (local read). Only single tickets with the
        platform's numeric ids can be batched (not family passes)."""
        out = []
        for event in catalog.list_events(self._read):
            types = tuple(TicketTypeChoice(int(p.id), p.name, p.price_cents)
                          for p in catalog.products(self._read, event.id)
                          if p.kind != "family_pass" and p.id.isdigit())
            out.append(BatchEvent(event.id, event.name, event.starts_at, types))
        return out

    def _call(self, fn: Callable[[BatchesClient], T]) -> T:
        if self._client is None:
            raise NotPaired("this terminal is not paired with a central platform; batches need it",
                            code="batches_not_paired")
        central = self._client()
        try:
            return fn(BatchesClient(central))
        finally:
            central.close()

    def list(self, event_id: str) -> list[BatchRow]:
        """The event's batches, newest first (network)."""
        rows = self._call(lambda c: c.batches(event_id))
        batches = [BatchRow(int(r["id"]), int(r.get("item") or 0), int(r.get("amount") or 0),
                            str(r.get("comment") or ""), bool(r.get("testmode")), _when(r.get("creation")))
                   for r in rows]
        return sorted(batches, key=lambda b: b.id, reverse=True)

    def request(self, event_id: str, item: int, amount: int, comment: str = "", testmode: bool = False) -> str:
        """Ask for a batch (network); returns the check URL to follow with :meth:`state`."""
        if not 1 <= amount <= AMOUNT_MAX:
            raise ValueError(f"a batch has 1 to {AMOUNT_MAX} tickets")
        return self._call(lambda c: c.create(event_id, item, amount, comment=comment, testmode=testmode))

    def state(self, url: str) -> JobState:
        """One look at a check or download URL (network)."""
        return self._call(lambda c: c.state(url))

    def render(self, event_id: str, batch_id: int) -> str:
        """Ask for the batch's PDF (network); returns the download URL to follow with :meth:`state`."""
        return self._call(lambda c: c.render(event_id, batch_id))

    def download(self, url: str, path: Path) -> int:
        """Save a finished PDF (network); returns its size."""
        return self._call(lambda c: c.download(url, Path(path)))

    def save_pdf(self, event_id: str, batch_id: int, path: Path) -> int:
        """Render, wait for and save the batch's PDF in one go (network, blocking); returns its size."""
        def run(client: BatchesClient) -> int:
            url = client.render(event_id, batch_id)
            client.wait(url)
            return client.download(url, Path(path))

        return self._call(run)


def _when(text: Any) -> datetime | None:
    """The platform's ISO timestamp (``Z`` or an offset), or None when it sent none we can read."""
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")) if text else None
    except ValueError:
        return None
