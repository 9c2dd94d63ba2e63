"""Shifts (cash drawer sessions) and the Z report computed when one closes.

A terminal has at most one open shift (the local database belongs to one terminal). Every real sale, void and
return belongs to the shift open when it was made — without one it is refused (:func:`require_shift`, code
``no_open_shift``), so no money moves outside a Z report. A sale names its shift in ``Sale.shift_id``, a void in
``Sale.void_shift_id``, a return in its journal entry (``shift_id``); voids and returns recorded before they named
a shift count by their time within [opened_at, closed_at]. Training sales never count. Money is integer cents.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from boxoffice.core.errors import BoxOfficeError, SaleRejected
from boxoffice.core.permissions import Action, allowed, require
from boxoffice.services import authority, invoices, journal
from boxoffice.services.context import Terminal
from boxoffice.store.models import Clerk, JournalEntry, Sale, Shift
from boxoffice.store.types import format_utc, utcnow


class ShiftError(BoxOfficeError):
    """A shift action that cannot be done as asked; nothing was written."""


class ShiftAlreadyOpen(ShiftError):
    code = "shift_already_open"


class NoOpenShift(ShiftError):
    code = "shift_not_open"


class SaleInProgress(ShiftError):
    code = "sale_in_progress"


class InvalidCount(ShiftError, ValueError):
    code = "shift_count_invalid"


class ShiftNeeded(ShiftError, SaleRejected):
    """A sale, void or return with no shift open: its money would belong to no Z report."""

    code = "no_open_shift"


class OpenNeedsSupervisor(ShiftError):
    """This clerk's role may not open a shift (a door clerk): a supervisor opens it."""

    code = "shift_open_needs_supervisor"


#: The open shift's id (at most one is open; the newest if a bug ever left two).
OPEN_SHIFT_ID = select(Shift.id).where(Shift.closed_at.is_(None)).order_by(Shift.id.desc()).limit(1)


def open_shift_id(session: Session) -> int | None:
    return session.scalar(OPEN_SHIFT_ID)


def require_shift(shift_id: int | None, terminal: Terminal, action: str) -> int | None:
    """``shift_id`` (the open shift, which the ``action`` — "sale", "void", "return" — belongs to); refused when
    none is open. Training needs none: its sales never count and its scratch store is thrown away."""
    if shift_id is None and not terminal.training:
        raise ShiftNeeded(f"no shift is open on this terminal: open one with the cash float before this {action}",
                          params={"action": action})
    return shift_id


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    clerk_id: int
    opened_at: datetime
    closed_at: datetime | None
    float_cents: int
    counted_cents: int | None
    report: dict[str, Any] | None
    #: The cash count at close, cents -> pieces (None while open).
    counted: dict[int, int] | None = None


def _info(shift: Shift) -> ShiftInfo:
    counted = {int(d): int(n) for d, n in shift.counted_json.items()} if shift.counted_json is not None else None
    return ShiftInfo(shift.id, shift.clerk_id, shift.opened_at, shift.closed_at, shift.float_cents,
                     shift.counted_cents, shift.report_json, counted)


def _open(session: Session) -> Shift | None:
    return session.scalars(select(Shift).where(Shift.closed_at.is_(None)).order_by(Shift.id)).first()


def open_shift(session_factory: sessionmaker[Session], clerk_id: int, float_cents: int, *,
               actor: str | None = None) -> ShiftInfo:
    """Open a shift with a cash float; refused while another shift is open on this terminal."""
    if isinstance(float_cents, bool) or not isinstance(float_cents, int) or float_cents < 0:
        raise InvalidCount("the float is a whole, non-negative number of cents", code="shift_float_invalid")
    with session_factory.begin() as session:
        clerk = session.get(Clerk, clerk_id)
        if clerk is None or not clerk.active:
            raise ShiftError(f"clerk {clerk_id} is not an active clerk here", code="clerk_inactive")
        if not allowed(clerk.role, Action.shift_own):  # a door clerk: a supervisor opens the shift
            raise OpenNeedsSupervisor(f"{clerk.name} may not open a shift: ask a supervisor to open it",
                                      params={"name": clerk.name})
        existing = _open(session)
        if existing is not None:
            raise ShiftAlreadyOpen(f"shift {existing.id} is still open (since {format_utc(existing.opened_at)}): "
                                   "close it before opening another", params={"shift_id": existing.id})
        shift = Shift(clerk_id=clerk_id, opened_at=utcnow(), float_cents=float_cents)
        session.add(shift)
        session.flush()
        journal.append(session, "shift_open", {"shift_id": shift.id, "clerk_id": clerk_id,
                                               "float_cents": float_cents},
                       actor=actor or clerk.name, subject=str(shift.id))
        return _info(shift)


def current_shift(session_factory: sessionmaker[Session]) -> ShiftInfo | None:
    """The open shift of this terminal, or None."""
    with session_factory() as session:
        shift = _open(session)
        return _info(shift) if shift else None


def closed_shifts(session_factory: sessionmaker[Session], limit: int = 30) -> list[ShiftInfo]:
    """The last closed shifts, newest first, with the Z report each kept at its close (for reprints)."""
    with session_factory() as session:
        query = select(Shift).where(Shift.closed_at.is_not(None)).order_by(Shift.closed_at.desc(), Shift.id.desc())
        return [_info(s) for s in session.scalars(query.limit(limit))]


def clerk_names(session_factory: sessionmaker[Session]) -> dict[int, str]:
    """Every clerk's name by id, former clerks too: an old Z report still says who opened the shift."""
    with session_factory() as session:
        return {clerk_id: name for clerk_id, name in session.execute(select(Clerk.id, Clerk.name))}


def shift_preview(session_factory: sessionmaker[Session], shift_id: int) -> dict[str, Any]:
    """The Z report of an open shift as it stands now, nothing written: the close screen shows the cash
    expected in the drawer while the supervisor counts."""
    with session_factory() as session:
        shift = session.get(Shift, shift_id)
        if shift is None:
            raise NoOpenShift(f"there is no shift {shift_id}")
        return z_report(session, shift, shift.closed_at or utcnow(), shift.counted_cents)


def _counted_total(counted: Mapping[int, int]) -> int:
    total = 0
    for denomination, count in counted.items():
        for value in (denomination, count):
            if isinstance(value, bool) or not isinstance(value, int):
                raise InvalidCount("denominations and counts are whole numbers (cents, pieces)")
        if denomination <= 0 or count < 0:
            raise InvalidCount(f"bad count {count} x {denomination} cents")
        total += denomination * count
    return total


def close_shift(session_factory: sessionmaker[Session], shift_id: int, counted: Mapping[int, int] | int,
                actor: str | None, *, sale_in_progress: bool = False) -> ShiftInfo:
    """Close the shift with the counted cash per denomination (cents -> pieces), or as one total in cents (the
    CLI: no breakdown is kept); store and return the Z report."""
    if sale_in_progress:
        raise SaleInProgress("a sale is half-done: finish or cancel it before closing the shift")
    counted_cents = _counted_total(counted) if isinstance(counted, Mapping) else _counted_total({1: counted})
    with session_factory.begin() as session:
        shift = session.get(Shift, shift_id)
        if shift is None:
            raise NoOpenShift(f"there is no shift {shift_id}")
        if shift.closed_at is not None:
            raise NoOpenShift(f"shift {shift_id} is already closed")
        closer = authority.acting_clerk(session, actor, Action.shift_own)  # a clerk closes their own shift
        if closer.id != shift.clerk_id:
            require(closer.role, Action.shifts_close)
        closed_at = utcnow()
        report = z_report(session, shift, closed_at, counted_cents)
        shift.closed_at = closed_at
        shift.counted_cents = counted_cents
        shift.counted_json = ({str(d): c for d, c in sorted(counted.items(), reverse=True)}
                              if isinstance(counted, Mapping) else None)
        shift.report_json = report
        session.flush()
        journal.append(session, "shift_close", {"shift_id": shift.id, "counted_cents": counted_cents,
                                                "expected_cash_cents": report["cash"]["expected_cents"],
                                                "difference_cents": report["cash"]["difference_cents"]},
                       actor=actor, subject=str(shift.id))
        return _info(shift)


def shift_sales(session: Session, shift: Shift) -> list[Sale]:
    """Sales made in the shift (``Sale.shift_id``), training excluded."""
    query = (select(Sale).where(Sale.shift_id == shift.id, Sale.training.is_(False))
             .options(selectinload(Sale.items), selectinload(Sale.payments)).order_by(Sale.id))
    return list(session.scalars(query))


def shift_voids(session: Session, shift: Shift, until: datetime) -> list[Sale]:
    """Sales voided in the shift, whenever they were sold: by ``void_shift_id``, or (a void recorded before voids
    named their shift) by ``voided_at`` within [opened_at, until]; training excluded."""
    legacy = and_(Sale.void_shift_id.is_(None), Sale.voided_at >= shift.opened_at, Sale.voided_at <= until)
    query = (select(Sale).where(Sale.status == "voided", Sale.training.is_(False),
                                or_(Sale.void_shift_id == shift.id, legacy))
             .options(selectinload(Sale.payments)).order_by(Sale.id))
    return list(session.scalars(query))


def shift_returns(session: Session, shift: Shift, until: datetime) -> list[dict[str, Any]]:
    """The payloads of the returns journaled in the shift: by their ``shift_id``, or (journaled before returns
    named their shift) by time within [opened_at, until]."""
    entries = session.execute(select(JournalEntry.payload, JournalEntry.created_at).where(
        JournalEntry.kind == "return", JournalEntry.created_at >= shift.opened_at).order_by(JournalEntry.seq))
    out = []
    for text, created_at in entries:
        payload = json.loads(text)
        belongs = payload["shift_id"] == shift.id if "shift_id" in payload else created_at <= until
        if belongs:
            out.append(payload)
    return out


def shift_activations(session: Session, shift: Shift) -> dict[str, int]:
    """Pre-generated tickets activated (sold) in the shift, from their journal entries (services/activations.py):
    how many, and the money by method (exact prices: no change)."""
    totals = {"count": 0, "cash_cents": 0, "card_cents": 0}
    entries = session.scalars(select(JournalEntry.payload).where(
        JournalEntry.kind == "activate", JournalEntry.created_at >= shift.opened_at).order_by(JournalEntry.seq))
    for text in entries:
        payload = json.loads(text)
        if payload.get("shift_id") == shift.id:
            totals["count"] += 1
            totals["cash_cents" if payload["method"] == "cash" else "card_cents"] += int(payload["amount_cents"])
    return totals


def z_report(session: Session, shift: Shift, until: datetime, counted_cents: int | None = None) -> dict[str, Any]:
    """The Z report of ``shift`` up to ``until`` as plain JSON values (cents).

    ``sales`` counts completed paid sales of the shift; ``comps`` completed sales with total 0; ``voids`` sales
    voided in the shift, whenever they were made: a voided sale of this shift brings no cash, and the cash of a
    voided sale of an earlier shift was handed back from this drawer (``cash.refunded_cents``); ``returns``
    tickets returned to the central platform in the shift. Cash expected = float + cash handed over − change −
    refunded.
    """
    sales = shift_sales(session, shift)
    clerks = {c.id: c.name for c in session.scalars(select(Clerk))}
    completed = [s for s in sales if s.status == "completed"]
    paid = [s for s in completed if s.total_cents > 0]
    comps = [s for s in completed if s.total_cents == 0]
    own = {s.id for s in sales}
    voided = shift_voids(session, shift, until)
    # a void of a sale taken in an earlier shift hands its cash back from this drawer
    refunded = sum(p.amount_cents for s in voided if s.id not in own for p in s.payments if p.method == "cash")
    cash_in = cash_change = cash_net = card = 0
    for sale in completed:
        for p in sale.payments:
            if p.method == "cash":
                tendered = p.tendered_cents if p.tendered_cents is not None else p.amount_cents + p.change_cents
                cash_in += tendered
                cash_change += p.change_cents
                cash_net += p.amount_cents
            else:
                card += p.amount_cents
    given_back = _refund_totals(session, shift.id)  # refunds at the window: cash leaves this drawer
    activated = shift_activations(session, shift)  # pre-generated tickets sold here: their cash came in
    expected = shift.float_cents + cash_in - cash_change - refunded - given_back.cash_cents + activated["cash_cents"]
    per_clerk: dict[str, dict[str, int]] = defaultdict(lambda: {"sales": 0, "total_cents": 0, "comps": 0})
    per_product: dict[str, dict[str, Any]] = {}
    for sale in completed:
        name = clerks.get(sale.clerk_id, "?") if sale.clerk_id is not None else "(none)"
        row = per_clerk[name]
        if sale.total_cents == 0:
            row["comps"] += 1
        else:
            row["sales"] += 1
            row["total_cents"] += sale.total_cents
        for item in sale.items:
            prod = per_product.setdefault(item.product_id, {"description": item.description, "quantity": 0,
                                                            "total_cents": 0, "comp_quantity": 0})
            if sale.total_cents == 0:
                prod["comp_quantity"] += item.quantity
            else:
                prod["quantity"] += item.quantity
                prod["total_cents"] += item.total_cents
    returns = shift_returns(session, shift, until)
    returned = sum(len(payload.get("tickets", [])) for payload in returns)
    report = {
        "shift_id": shift.id,
        "clerk_id": shift.clerk_id,
        "opened_at": format_utc(shift.opened_at),
        "closed_at": format_utc(until),
        "sales": {"count": len(paid), "total_cents": sum(s.total_cents for s in paid)},
        "comps": {"count": len(comps), "tickets": sum(i.quantity for s in comps for i in s.items)},
        "voids": {"count": len(voided), "total_cents": sum(s.total_cents for s in voided),
                  "earlier_shift_count": sum(1 for s in voided if s.id not in own)},
        "returns": {"count": len(returns), "tickets": returned},
        "cash": {"float_cents": shift.float_cents, "taken_cents": cash_in, "change_cents": cash_change,
                 "sales_cents": cash_net, "refunded_cents": refunded, "expected_cents": expected,
                 "counted_cents": counted_cents,
                 "difference_cents": None if counted_cents is None else counted_cents - expected},
        "card": {"total_cents": card},
        "per_clerk": {k: per_clerk[k] for k in sorted(per_clerk)},
        "per_product": {k: per_product[k] for k in sorted(per_product)},
    }
    report["refunds"] = {"count": given_back.count, "cash_cents": given_back.cash_cents,
                         "card_cents": given_back.card_cents, "total_cents": given_back.total_cents}
    report["cash"]["refunds_cents"] = given_back.cash_cents
    report["activations"] = activated
    report["cash"]["activations_cents"] = activated["cash_cents"]
    ranges = invoices.shift_invoices(session, shift.id)
    if ranges:  # the invoice numbers the shift issued, per series (a terminal with no [fiscal] NIF has none)
        report["invoices"] = [dataclasses.asdict(r) for r in ranges]
    return report


def _refund_totals(session: Session, shift_id: int) -> Any:
    from boxoffice.services.refunds import shift_refunds  # imported late: refunds imports this module

    return shift_refunds(session, shift_id)


def record_report_print(session_factory: sessionmaker[Session], shift_id: int, actor: str | None) -> int:
    """Journal that a shift's Z report was printed (every copy of the cash count is accounted for)."""
    with session_factory.begin() as session:
        if session.get(Shift, shift_id) is None:
            raise NoOpenShift(f"there is no shift {shift_id}")
        return journal.append(session, "z_report_print", {"shift_id": shift_id}, actor=actor,
                              subject=str(shift_id)).seq
