"""The hash-chained journal: every sale, void and return is chained; verify() names the first entry that was
edited, deleted or reordered."""

from __future__ import annotations

from itertools import pairwise

import pytest
from sqlalchemy import select

from boxoffice.core.errors import SeatNotAvailable
from boxoffice.services import journal
from boxoffice.services.journal import GENESIS, VerifyResult
from boxoffice.services.returns import return_tickets, void_sale
from boxoffice.services.sales import LineRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry
from tests.unit.services.services_helpers import (
    EVENT,
    GENERAL,
    P_FAMILY,
    TERMINAL,
    VIP,
    cash,
    execute,
    request,
    sell_seats,
    ticket_id,
)

COLUMNS = ("created_at", "kind", "actor", "subject", "payload", "prev_hash", "hash")


def verify(store: Store) -> VerifyResult:
    with store.read_session_factory() as session:
        return journal.verify(session)


def entries(store: Store) -> list[JournalEntry]:
    with store.read_session_factory() as session:
        return list(session.scalars(select(JournalEntry).order_by(JournalEntry.seq)))


def test_an_empty_journal_verifies(store: Store) -> None:
    assert verify(store) == VerifyResult(True, 0)


def test_several_sales_a_return_and_a_void_are_chained_and_verify(store: Store) -> None:
    codes = [sell_seats(store, ticket_id(GENERAL, n)).purchase_code for n in (1, 2, 3)]
    sell(store.session_factory, TERMINAL, request(LineRequest(P_FAMILY), payments=[cash(8000)]))
    return_tickets(store.session_factory, TERMINAL, EVENT, [ticket_id(VIP, 1)], actor="Sonia")
    void_sale(store.session_factory, TERMINAL, codes[1], "error", actor="Sonia")
    chain = entries(store)
    assert [e.seq for e in chain] == [1, 2, 3, 4, 5, 6]
    assert [e.kind for e in chain] == ["sale", "sale", "sale", "sale", "return", "void"]
    assert [e.subject for e in chain[:3]] == codes
    assert chain[0].prev_hash == GENESIS
    assert all(later.prev_hash == earlier.hash for earlier, later in pairwise(chain))
    assert len({e.hash for e in chain}) == 6
    assert verify(store) == VerifyResult(True, 6)


@pytest.fixture
def six(store: Store) -> Store:
    """Journal 1..6: four sales, a return, a void (the void's sale is entry 2)."""
    codes = [sell_seats(store, ticket_id(GENERAL, n)).purchase_code for n in (1, 2, 3, 4)]
    return_tickets(store.session_factory, TERMINAL, EVENT, [ticket_id(VIP, 1)], actor="Sonia")
    void_sale(store.session_factory, TERMINAL, codes[1], "error", actor="Sonia")
    assert verify(store).ok
    return store


def assert_first_bad(store: Store, seq: int) -> None:
    result = verify(store)
    assert not result.ok
    assert result.first_bad_seq == seq, result.problem
    assert result.problem and f"entry {seq}" in result.problem


def test_an_edited_payload_is_named(six: Store) -> None:
    execute(six, "UPDATE journal SET payload = replace(payload, '2500', '25') WHERE seq = 3")
    assert_first_bad(six, 3)


@pytest.mark.parametrize("column", ["created_at", "kind", "actor", "subject"])
def test_any_edited_column_is_named(six: Store, column: str) -> None:
    value = {"created_at": "2020-01-01T00:00:00.000000Z", "kind": "return", "actor": "Mallory",
             "subject": "GJXS0LM6RYG37"}[column]
    execute(six, f"UPDATE journal SET {column} = :v WHERE seq = 4", v=value)
    assert_first_bad(six, 4)


def test_an_edit_with_a_recomputed_hash_breaks_the_next_link(six: Store) -> None:
    """Rewriting an entry and its own hash still breaks the link the next entry holds."""
    with six.session_factory.begin() as session:
        entry = session.get(JournalEntry, 2)
        assert entry is not None
        entry.payload = entry.payload.replace("cash", "card")
        entry.hash = journal._digest(entry)
    assert_first_bad(six, 3)


def test_a_deleted_middle_entry_is_named(six: Store) -> None:
    execute(six, "DELETE FROM journal WHERE seq = 3")
    assert_first_bad(six, 3)


def test_a_deleted_first_entry_is_named(six: Store) -> None:
    execute(six, "DELETE FROM journal WHERE seq = 1")
    assert_first_bad(six, 1)


def test_a_deleted_last_entry_of_a_sale_is_named(store: Store) -> None:
    for n in (1, 2, 3):
        sell_seats(store, ticket_id(GENERAL, n))
    execute(store, "DELETE FROM journal WHERE seq = 3")
    assert_first_bad(store, 3)
    execute(store, "UPDATE sqlite_sequence SET seq = 2 WHERE name = 'journal'")  # the counter doctored too
    assert_first_bad(store, 3)  # the sale still has no entry


def test_a_deleted_last_entry_of_a_void_or_return_is_named(six: Store) -> None:
    """No sale points at them, but the journal's AUTOINCREMENT counter remembers the entry."""
    execute(six, "DELETE FROM journal WHERE seq = 6")
    assert_first_bad(six, 6)
    execute(six, "DELETE FROM journal WHERE seq = 5")
    assert_first_bad(six, 5)


def test_swapped_payloads_are_named(six: Store) -> None:
    execute(six, """UPDATE journal SET payload = CASE seq WHEN 2 THEN (SELECT payload FROM journal WHERE seq = 3)
                                                         ELSE (SELECT payload FROM journal WHERE seq = 2) END
                    WHERE seq IN (2, 3)""")
    assert_first_bad(six, 2)


def test_two_entries_swapped_whole_are_named(six: Store) -> None:
    """Every column but the sequence number swapped: the reordering is caught at the earlier position."""
    assignments = ", ".join(
        f"{c} = CASE seq WHEN 2 THEN (SELECT {c} FROM journal WHERE seq = 4) "
        f"ELSE (SELECT {c} FROM journal WHERE seq = 2) END" for c in COLUMNS)
    execute(six, f"UPDATE journal SET {assignments} WHERE seq IN (2, 4)")
    assert_first_bad(six, 2)


def test_the_journal_goes_on_verifying_after_a_refused_sale(six: Store) -> None:
    """A refused sale rolls its journal entry back with it: no gap, no counter drift."""
    with pytest.raises(SeatNotAvailable):
        sell_seats(six, ticket_id(GENERAL, 1))
    sell_seats(six, ticket_id(GENERAL, 9))
    assert verify(six) == VerifyResult(True, 7)
