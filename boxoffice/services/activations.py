"""Selling a pre-generated ticket at the window (issue #17 point 3): scan it, take the money, activate it.

A batch's tickets are printed ahead and valid only once activated. The window knows them from the event's door
snapshot (``door_tickets``, status ``pregenerated``). Activating is recorded offline, in one transaction: an
outbox item (kind ``activate``) the delivery worker sends alone to the spec's
``POST /events/tickets/:ticketId/activate`` (holder, payment), the local snapshot row turned ``valid`` (so this
terminal's door check admits it at once), and a journal entry. The platform answers the same ticket for the same
activation sent again, so a lost answer is harmless: exactly once. A second activation of one ticket is refused
here, even after a snapshot refresh that still says ``pregenerated`` because the first is not delivered yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.door_rules import normal_barcode
from boxoffice.core.errors import InvalidSale
from boxoffice.core.outbox_keys import new_outbox_key
from boxoffice.core.permissions import Action
from boxoffice.services import authority, journal, shifts
from boxoffice.services.context import Terminal
from boxoffice.store.models import Outbox
from boxoffice.store.models_door import DoorTicket

OUTBOX_KIND = "activate"
METHODS = ("cash", "card")
PREGENERATED = "pregenerated"


@dataclass(frozen=True)
class Pregenerated:
    event_id: str
    ticket_id: str
    barcode: str
    ticket_type: str | None


@dataclass(frozen=True)
class ActivationResult:
    ticket_id: str
    barcode: str
    amount_cents: int
    method: str


def find_pregenerated(read_session_factory: sessionmaker[Session], code: str) -> Pregenerated | None:
    """The not yet activated pre-generated ticket with this barcode, or None (read only)."""
    barcode = normal_barcode(code)
    with read_session_factory() as session:
        row = session.scalars(select(DoorTicket).where(DoorTicket.barcode == barcode,
                                                       DoorTicket.status == PREGENERATED)).first()
        if row is None or _queued(session, row.ticket_id):
            return None
        return Pregenerated(row.event_id, row.ticket_id, row.barcode, row.ticket_type)


def activate(session_factory: sessionmaker[Session], terminal: Terminal, code: str, amount_cents: int, *,
             method: str, reference: str | None = None, holder: str | None = None,
             actor: authority.Actor = None) -> ActivationResult:
    """Sell the pre-generated ticket ``code`` for ``amount_cents``: queued for the platform, valid here now."""
    if method not in METHODS:
        raise InvalidSale(f"take cash or card, not {method!r}", code="activation_method_unknown",
                          params={"method": method})
    if amount_cents < 0:
        raise InvalidSale("the price cannot be negative", code="activation_price_negative")
    reference = (reference or "").strip() or None
    if method == "card" and reference is None:
        raise InvalidSale("type the card slip's reference", code="activation_reference_missing")
    barcode = normal_barcode(code)
    with session_factory.begin() as session:
        actor_name = authority.acting_clerk(session, actor, Action.sell).name
        row = session.scalars(select(DoorTicket).where(DoorTicket.barcode == barcode)).first()
        if row is None:
            raise InvalidSale(f"{barcode} is not a pre-generated ticket of an event here (refresh the door list?)",
                              code="activation_unknown", params={"code": barcode})
        if row.status != PREGENERATED or _queued(session, row.ticket_id):
            raise InvalidSale(f"{barcode} is already activated", code="activation_done", params={"code": barcode})
        shift_id = shifts.require_shift(shifts.open_shift_id(session), terminal, "sale")
        payload: dict[str, Any] = {"ticket_id": row.ticket_id, "barcode": barcode, "event_id": row.event_id,
                                   "amount_cents": amount_cents, "method": method, "reference": reference,
                                   "holder": (holder or "").strip() or None, "terminal_id": terminal.terminal_id}
        session.add(Outbox(kind=OUTBOX_KIND, subject=row.ticket_id, idempotency_key=new_outbox_key(),
                           payload=payload))
        row.status = "valid"
        journal.append(session, "activate", payload | {"shift_id": shift_id}, actor=actor_name,
                       subject=row.ticket_id)
    return ActivationResult(row.ticket_id, barcode, amount_cents, method)


def _queued(session: Session, ticket_id: str) -> bool:
    """An activation of this ticket is waiting or was delivered (not parked or cancelled)."""
    return session.scalar(select(Outbox.id).where(Outbox.kind == OUTBOX_KIND, Outbox.subject == ticket_id,
                                                  Outbox.state.in_(("pending", "delivered"))).limit(1)) is not None
