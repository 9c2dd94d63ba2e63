"""Journal records for printing that is not a sale: reprints of a past sale, and opening the drawer without one.

Each call is one transaction with one hash-chained journal entry (:func:`boxoffice.services.journal.append`).
Record a reprint after it printed (a failed print is not a reprint the customer holds); record a "no sale"
when the drawer was opened, so every opening of the drawer is accounted for.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import UnknownSale
from boxoffice.core.permissions import Action
from boxoffice.services import authority, journal
from boxoffice.store.models import JournalEntry, Sale

WHAT = ("tickets", "receipt")


def record_reprint(session_factory: sessionmaker[Session], purchase_code: str, what: str,
                   actor: str | None, *, tickets: int | None = None) -> int:
    """Journal a reprint of a sale's ``what`` ("tickets" or "receipt"); returns the entry's sequence number.

    ``tickets`` is how many tickets were reprinted (when only some were). Unknown purchase codes are refused
    with :class:`UnknownSale`, so the journal only names sales that exist.
    """
    if what not in WHAT:
        raise ValueError(f"a reprint is of the tickets or the receipt, not {what!r}")
    code = purchase_code.strip().upper()
    with session_factory.begin() as session:
        sale = session.scalar(select(Sale).where(Sale.purchase_code == code))
        if sale is None:
            raise UnknownSale(f"no sale with purchase code {purchase_code!r} at this office", code="sale_unknown",
                              params={"code": code})
        previous = session.scalar(
            select(func.count()).select_from(JournalEntry)
            .where(JournalEntry.kind == "reprint", JournalEntry.subject == code)
        ) or 0
        payload: dict[str, object] = {"purchase_code": code, "what": what, "count": previous + 1}
        if tickets is not None:
            payload["tickets"] = tickets
        return journal.append(session, "reprint", payload, actor=actor, subject=code).seq


def record_no_sale(session_factory: sessionmaker[Session], actor: str | None, reason: str = "",
                   open_drawer: Callable[[], None] | None = None) -> int:
    """Journal that the cash drawer was opened without a sale (``Action.no_sale``); returns the sequence number.

    ``open_drawer`` runs inside the transaction once the actor is allowed: a refused clerk never gets the drawer
    open, and a drawer that fails to open leaves no entry."""
    with session_factory.begin() as session:
        actor = authority.acting_clerk(session, actor, Action.no_sale).name
        if open_drawer is not None:
            open_drawer()
        payload: dict[str, object] = {"reason": reason.strip()} if reason.strip() else {}
        return journal.append(session, "no_sale", payload, actor=actor).seq
