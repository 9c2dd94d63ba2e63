"""Reprints and "no sale" drawer openings land in the hash-chained journal (temp store, real sale)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from boxoffice.core.errors import UnknownSale
from boxoffice.services import journal
from boxoffice.services.printouts import tickets_for_sale
from boxoffice.services.reprints import record_no_sale, record_reprint
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry
from tests.helpers.supervisors import SUPERVISOR, add_supervisors
from tests.unit.services.services_helpers import GENERAL, sell_seats, ticket_id


def _entries(store: Store, kind: str) -> list[JournalEntry]:
    with store.session_factory() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.kind == kind).order_by(JournalEntry.seq)))


def test_reprints_are_journaled_and_counted(store: Store) -> None:
    sold = sell_seats(store, ticket_id(GENERAL, 1), ticket_id(GENERAL, 2))
    again = tickets_for_sale(store.session_factory, sold.purchase_code, "Taquilla", reprint=True)
    assert all(t.reprint for t in again)
    first = record_reprint(store.session_factory, sold.purchase_code.lower(), "tickets", "clerk-1",
                           tickets=len(again))
    second = record_reprint(store.session_factory, sold.purchase_code, "receipt", "clerk-2")
    assert second > first
    entries = _entries(store, "reprint")
    assert [e.subject for e in entries] == [sold.purchase_code] * 2
    assert [e.actor for e in entries] == ["clerk-1", "clerk-2"]
    assert json.loads(entries[0].payload) == {"purchase_code": sold.purchase_code, "what": "tickets",
                                              "count": 1, "tickets": 2}
    assert json.loads(entries[1].payload)["count"] == 2
    with store.session_factory() as session:
        assert journal.verify(session).ok


def test_reprint_of_unknown_sale_or_thing_is_refused(store: Store) -> None:
    with pytest.raises(UnknownSale, match="no sale"):
        record_reprint(store.session_factory, "NOPE", "tickets", "clerk-1")
    with pytest.raises(ValueError, match="tickets or the receipt"):
        record_reprint(store.session_factory, "NOPE", "poster", "clerk-1")
    assert _entries(store, "reprint") == []


def test_no_sale_is_journaled(store: Store) -> None:
    add_supervisors(store.session_factory)
    record_no_sale(store.session_factory, SUPERVISOR, reason=" change for the bar ")
    record_no_sale(store.session_factory, SUPERVISOR)
    entries = _entries(store, "no_sale")
    assert [e.actor for e in entries] == [SUPERVISOR] * 2
    assert json.loads(entries[0].payload) == {"reason": "change for the bar"}
    assert json.loads(entries[1].payload) == {}
    with store.session_factory() as session:
        assert journal.verify(session).ok
