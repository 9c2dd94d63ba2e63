"""Shifts (cash drawer sessions) and the Z report computed when one closes.

A terminal has at most one open shift (the local database belongs to one terminal). A sale belongs to a shift by
``Sale.shift_id`` when set, otherwise by ``created_at`` within [opened_at, closed_at] — the selling service
does not set ``shift_id`` yet. Training sales never count. Money is integer cents throughout.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload, sessionmaker

from boxoffice.core.errors import BoxOfficeError
from boxoffice.services import journal
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


def close_shift(session_factory: sessionmaker[Session], shift_id: int, counted: Mapping[int, int],
                actor: str | None, *, sale_in_progress: bool = False) -> ShiftInfo:
    """Close the shift with the counted cash per denomination (cents -> pieces); store and return the Z report."""
    if sale_in_progress:
        raise SaleInProgress("a sale is half-done: finish or cancel it before closing the shift")
    counted_cents = _counted_total(counted)
    with session_factory.begin() as session:
        shift = session.get(Shift, shift_id)
        if shift is None:
            raise NoOpenShift(f"there is no shift {shift_id}")
        if shift.closed_at is not None:
            raise NoOpenShift(f"shift {shift_id} is already closed")
        closed_at = utcnow()
        report = z_report(session, shift, closed_at, counted_cents)
        shift.closed_at = closed_at
        shift.counted_cents = counted_cents
        shift.counted_json = {str(d): c for d, c in sorted(counted.items(), reverse=True)}
        shift.report_json = report
        session.flush()
        journal.append(session, "shift_close", {"shift_id": shift.id, "counted_cents": counted_cents,
                                                "expected_cash_cents": report["cash"]["expected_cents"],
                                                "difference_cents": report["cash"]["difference_cents"]},
                       actor=actor, subject=str(shift.id))
        return _info(shift)


def shift_sales(session: Session, shift: Shift, until: datetime) -> list[Sale]:
    """Sales of the shift: by shift_id, or (no shift_id) made within [opened_at, until]; training excluded."""
    window = and_(Sale.shift_id.is_(None), Sale.created_at >= shift.opened_at, Sale.created_at <= until)
    query = (select(Sale).where(or_(Sale.shift_id == shift.id, window), Sale.training.is_(False))
             .options(selectinload(Sale.items), selectinload(Sale.payments)).order_by(Sale.id))
    return list(session.scalars(query))


def z_report(session: Session, shift: Shift, until: datetime, counted_cents: int | None = None) -> dict[str, Any]:
    """The Z report of ``shift`` up to ``until`` as plain JSON values (cents).

    ``sales`` counts completed paid sales of the shift; ``comps`` completed sales with total 0; ``voids`` sales
    voided during the shift (by ``voided_at``), whenever they were made: a voided sale of this shift brings no
    cash, and the cash of a voided sale of an earlier shift is taken as handed back from this drawer
    (``cash.refunded_cents``); ``returns`` tickets returned to the central platform during the shift (journal
    entries of kind "return"). Cash expected = float + cash handed over − change − refunded.
    """
    sales = shift_sales(session, shift, until)
    clerks = {c.id: c.name for c in session.scalars(select(Clerk))}
    completed = [s for s in sales if s.status == "completed"]
    paid = [s for s in completed if s.total_cents > 0]
    comps = [s for s in completed if s.total_cents == 0]
    own = {s.id for s in sales}
    voided = list(session.scalars(
        select(Sale).where(Sale.status == "voided", Sale.training.is_(False), Sale.voided_at >= shift.opened_at,
                           Sale.voided_at <= until).options(selectinload(Sale.payments)).order_by(Sale.id)))
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
    expected = shift.float_cents + cash_in - cash_change - refunded
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
    returns = list(session.scalars(select(JournalEntry).where(
        JournalEntry.kind == "return", JournalEntry.created_at >= shift.opened_at,
        JournalEntry.created_at <= until).order_by(JournalEntry.seq)))
    returned = 0
    for entry in returns:
        returned += len(json.loads(entry.payload).get("tickets", []))
    return {
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


def record_report_print(session_factory: sessionmaker[Session], shift_id: int, actor: str | None) -> int:
    """Journal that a shift's Z report was printed (every copy of the cash count is accounted for)."""
    with session_factory.begin() as session:
        if session.get(Shift, shift_id) is None:
            raise NoOpenShift(f"there is no shift {shift_id}")
        return journal.append(session, "z_report_print", {"shift_id": shift_id}, actor=actor,
                              subject=str(shift_id)).seq
