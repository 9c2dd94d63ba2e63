"""The hash-chained journal: every sale, void and return is chained; verify() names the first entry that was
edited, deleted or reordered, or that no longer matches a head anchored outside the file."""

from __future__ import annotations

from datetime import UTC, datetime
from itertools import pairwise

import keyring
import pytest
from keyring.backends.fail import Keyring as fail_keyring
from sqlalchemy import select

from boxoffice import journal_signing
from boxoffice.core.errors import SeatNotAvailable
from boxoffice.services import journal
from boxoffice.services.journal import GENESIS, Anchor, Signer, VerifyResult
from boxoffice.services.returns import return_tickets, void_sale
from boxoffice.services.sales import LineRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.journal_head import ACKNOWLEDGED, JournalHead, acknowledged, read_head, record_acknowledged
from boxoffice.store.models import JournalEntry
from tests.helpers import journal_tamper as tamper
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


# -- anchors: heads kept outside the file (issue #12 point 7) -------------------------------------------------


def head_of(store: Store, seq: int | None = None) -> JournalHead:
    with store.read_session_factory() as session:
        if seq is None:
            head = read_head(session)
            assert head is not None
            return head
        entry = session.get(JournalEntry, seq)
        assert entry is not None
        return JournalHead(entry.seq, entry.hash)


def anchored(*heads: JournalHead) -> list[Anchor]:
    return [Anchor(head, journal.PLATFORM_ANCHOR) for head in heads]


def verify_against(store: Store, anchors: list[Anchor]) -> VerifyResult:
    with store.read_session_factory() as session:
        return journal.verify(session, anchors)


def test_an_untouched_journal_matches_its_anchors(six: Store) -> None:
    anchors = anchored(head_of(six, 2), head_of(six, 4), head_of(six))
    assert head_of(six).seq == 6
    assert verify_against(six, anchors) == VerifyResult(True, 6, anchors_checked=3)


def test_a_journal_recomputed_after_editing_a_sale_verifies_alone_but_not_against_its_anchor(six: Store) -> None:
    anchor = head_of(six)
    tamper.rewrite(six, 3, lambda e: setattr(e, "payload", e.payload.replace("2500", "25")))
    assert verify(six).ok  # the hole: the chain agrees with itself
    result = verify_against(six, anchored(anchor))
    assert not result.ok and result.first_bad_seq == 6
    assert result.problem is not None
    assert "entry 6 (void" in result.problem and "the head the platform anchored (entry 6)" in result.problem
    assert "rewritten" in result.problem


def test_the_earliest_anchor_past_the_edit_names_where_the_rewrite_shows(six: Store) -> None:
    anchors = anchored(head_of(six, 2), head_of(six, 4), head_of(six))
    tamper.rewrite(six, 3, lambda e: setattr(e, "actor", "Mallory"))
    result = verify_against(six, anchors)
    assert not result.ok and result.first_bad_seq == 4, result.problem


def test_erased_sales_with_the_counter_wound_back_verify_alone_but_not_against_their_anchor(store: Store) -> None:
    for n in (1, 2, 3, 4):
        sell_seats(store, ticket_id(GENERAL, n))
    anchor = head_of(store)
    last_two = [e.subject for e in entries(store)[2:]]
    assert tamper.erase_sales_after(store.path, 2) == last_two
    assert verify(store) == VerifyResult(True, 2)  # the hole: no gap, no orphan sale, counter agrees
    result = verify_against(store, anchored(anchor))
    assert not result.ok and result.first_bad_seq == 3
    assert result.problem == ("entry 3 is missing (deleted): the journal ends at entry 2, before the head the "
                              "platform anchored (entry 4)")


def test_an_erased_tail_written_over_again_does_not_match_its_anchor(store: Store) -> None:
    """Cut after entry 2, then two new sales reuse sequence numbers 3 and 4: the anchor at 4 sees another hash."""
    for n in (1, 2, 3, 4):
        sell_seats(store, ticket_id(GENERAL, n))
    anchor = head_of(store)
    tamper.erase_sales_after(store.path, 2)
    for n in (7, 8):
        sell_seats(store, ticket_id(GENERAL, n))
    assert verify(store).ok
    result = verify_against(store, anchored(anchor))
    assert not result.ok and result.first_bad_seq == 4 and "does not match" in (result.problem or "")


def test_the_anchor_source_is_named(six: Store) -> None:
    when = datetime(2026, 7, 18, 19, 2, tzinfo=UTC)
    anchor = Anchor(JournalHead(9, "a" * 64, when), journal.ACKNOWLEDGED_ANCHOR)
    result = verify_against(six, [anchor])
    assert result.problem == ("entry 7 is missing (deleted): the journal ends at entry 6, before the head of this "
                              "terminal's last acknowledged delivery (entry 9, 2026-07-18T19:02:00.000000Z)")


# -- the head and the acknowledged head ----------------------------------------------------------------------


def acknowledge(store: Store, head: JournalHead) -> bool:
    with store.session_factory.begin() as session:
        return record_acknowledged(session, head)


def acknowledged_head(store: Store) -> JournalHead | None:
    with store.read_session_factory() as session:
        return acknowledged(session)


def test_an_empty_journal_has_no_head(store: Store) -> None:
    with store.read_session_factory() as session:
        assert read_head(session) is None
    assert acknowledged_head(store) is None


def test_the_acknowledged_head_only_moves_forward(six: Store) -> None:
    assert acknowledge(six, head_of(six, 4))
    assert not acknowledge(six, head_of(six, 2))  # never lowered
    assert not acknowledge(six, JournalHead(4, "b" * 64))  # the same sequence is not replaced
    assert acknowledge(six, head_of(six))
    ack = acknowledged_head(six)
    assert ack is not None and (ack.seq, ack.hash) == (6, head_of(six).hash) and ack.at is not None


def test_the_acknowledged_head_does_not_follow_a_rewritten_journal(six: Store) -> None:
    """Delivered after a rewrite, the new head must not replace the one the rewrite contradicts."""
    acknowledge(six, head_of(six, 4))
    original = head_of(six, 4)
    tamper.rewrite(six, 2, lambda e: setattr(e, "actor", "Mallory"))
    assert not acknowledge(six, head_of(six))
    assert acknowledged_head(six) == JournalHead(4, original.hash, acknowledged_head(six).at)  # type: ignore[union-attr]


def test_a_doctored_acknowledged_head_reads_as_none(six: Store) -> None:
    acknowledge(six, head_of(six, 4))
    execute(six, "UPDATE sync_state SET value = 'garbage' WHERE key = :k", k=ACKNOWLEDGED)
    assert acknowledged_head(six) is None


# -- the journal key: signatures a file-only attacker cannot recompute -------------------------------------------


KEY = Signer(bytes(range(32)), 3)


def signed(store: Store, signer: Signer = KEY) -> Store:
    journal_signing.attach(store, signer)
    return store


def test_entries_from_the_keys_first_are_signed_and_verify(store: Store) -> None:
    signed(store)
    for n in (1, 2, 3, 4):
        sell_seats(store, ticket_id(GENERAL, n))
    chain = entries(store)
    assert [e.mac is not None for e in chain] == [False, False, True, True]
    assert chain[2].mac == KEY.sign(chain[2].hash)
    assert verify(store) == VerifyResult(True, 4)


def test_a_chain_recomputed_without_the_key_is_caught_at_the_edit(store: Store) -> None:
    signed(store)
    for n in (1, 2, 3, 4, 5):
        sell_seats(store, ticket_id(GENERAL, n))
    tamper.rewrite(store, 4, lambda e: setattr(e, "actor", "Mallory"))
    result = verify(store)
    assert not result.ok and result.first_bad_seq == 4
    assert result.problem is not None and "does not carry this terminal's journal signature" in result.problem
    journal_signing.attach(store, None)
    assert verify(store).ok  # without the key only the chain is checked: it agrees with itself


def test_stripped_signatures_are_caught(store: Store) -> None:
    signed(store)
    for n in (1, 2, 3, 4):
        sell_seats(store, ticket_id(GENERAL, n))
    execute(store, "UPDATE journal SET mac = NULL WHERE seq >= 4")
    result = verify(store)
    assert not result.ok and result.first_bad_seq == 4
    assert "is not signed with this terminal's journal key" in (result.problem or "")


def test_someone_with_the_key_can_re_sign_so_the_anchors_still_matter(store: Store) -> None:
    signed(store)
    for n in (1, 2, 3, 4):
        sell_seats(store, ticket_id(GENERAL, n))
    anchor = head_of(store)
    tamper.rewrite(store, 3, lambda e: setattr(e, "actor", "Mallory"), resign=True)
    assert verify(store).ok
    assert verify_against(store, anchored(anchor)).first_bad_seq == 4


def test_the_key_is_made_once_in_the_keyring_and_signs_from_the_next_entry(store: Store) -> None:
    sell_seats(store, ticket_id(GENERAL, 1))
    name = journal_signing.account("office_taquilla_norte", "https://Central.example/", "norte-1")
    assert name == "journal-key:norte-1@office_taquilla_norte@https://central.example"
    made = journal_signing.load_or_create(store, name)
    assert made is not None and made.from_seq == 2 and len(made.key) == 32
    assert journal_signing.load_or_create(store, name) == made
    assert journal_signing.load_or_create(store, name + "-other") != made


def test_no_keyring_or_an_unreadable_key_means_unsigned_not_a_crash(store: Store,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    keyring.set_password("boxoffice", "journal-key:garbled", "not json")
    assert journal_signing.load_or_create(store, "journal-key:garbled") is None
    monkeypatch.setattr(keyring, "get_password", fail_keyring().get_password)
    assert journal_signing.sign_store(store, "office_taquilla_norte", "https://central.example", "norte-1") is None
    sell_seats(store, ticket_id(GENERAL, 1))
    assert entries(store)[0].mac is None and verify(store).ok
