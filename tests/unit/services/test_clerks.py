"""Clerks: scrypt PIN hashes, sign-in by PIN and badge, lockout after five wrong PINs, the first supervisor.

Most tests hash with a cheap scrypt cost (hashes carry their own cost); one runs the real n=2**17.
"""

from __future__ import annotations

import base64
import json
import logging
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from boxoffice.services import clerks, journal
from boxoffice.services.clerks import (
    ClerkInfo,
    ClerkLocked,
    ClerksAlreadyExist,
    DuplicateClerk,
    InvalidClerk,
    InvalidPin,
    ScryptCost,
    UnknownBadge,
    UnknownClerk,
    WrongPin,
)
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry

CHEAP = ScryptCost(log_n=4, r=8, p=1)
T0 = datetime(2025, 5, 1, 10, 0, 0, tzinfo=UTC)
PIN = "480213"


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(clerks, "PIN_COST", CHEAP)
    yield


@pytest.fixture
def ana(empty_store: Store) -> ClerkInfo:
    return clerks.create_clerk(empty_store.session_factory, "Ana", PIN, rfid="BADGE-ANA-01")


def clerk_row(store: Store, clerk_id: int) -> Clerk:
    with store.read_session_factory() as session:
        row = session.get(Clerk, clerk_id)
        assert row is not None
        return row


def journal_entries(store: Store) -> list[JournalEntry]:
    with store.read_session_factory() as session:
        return list(session.scalars(select(JournalEntry).order_by(JournalEntry.seq)))


def kinds(store: Store) -> list[str]:
    return [e.kind for e in journal_entries(store)]


# --- hashing ----------------------------------------------------------------------------------------------

def test_hash_is_self_describing_salted_and_verifies() -> None:
    first, second = clerks.hash_pin("1234"), clerks.hash_pin("1234")
    pattern = re.compile(r"scrypt\$4\$8\$1\$([A-Za-z0-9+/=]+)\$([A-Za-z0-9+/=]+)")
    match = pattern.fullmatch(first)
    assert match, first
    assert len(base64.b64decode(match.group(1))) == 16 and len(base64.b64decode(match.group(2))) == 32
    assert first != second  # a fresh salt each time
    assert clerks.verify_pin("1234", first) and clerks.verify_pin("1234", second)
    assert not clerks.verify_pin("1235", first)
    assert not clerks.verify_pin("12345", first)
    assert "1234" not in first


def test_the_real_cost_is_n_2_17_r_8_p_1() -> None:
    real = ScryptCost()
    assert (real.n, real.r, real.p) == (2**17, 8, 1)
    assert real.maxmem > 128 * 1024 * 1024
    encoded = clerks.hash_pin("97531", real)
    assert encoded.startswith("scrypt$17$8$1$")
    assert clerks.verify_pin("97531", encoded)
    assert not clerks.verify_pin("97532", encoded)


def test_hashes_keep_verifying_after_the_cost_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    old = clerks.hash_pin("2468", ScryptCost(log_n=3))
    monkeypatch.setattr(clerks, "PIN_COST", ScryptCost(log_n=5))
    assert clerks.verify_pin("2468", old)


@pytest.mark.parametrize("pin", ["1234", "0000", "12345678"])
def test_pin_rules_accept_4_to_8_digits(pin: str) -> None:
    clerks.check_pin_rules(pin)


@pytest.mark.parametrize("pin", ["", "123", "123456789", "12a4", " 1234", "1234 ", "١٢٣٤", "１２３４", "12.4"])
def test_pin_rules_refuse_the_rest(pin: str) -> None:
    with pytest.raises(InvalidPin) as caught:
        clerks.check_pin_rules(pin)
    assert pin.strip() not in str(caught.value) or not pin.strip()


@pytest.mark.parametrize("encoded", [
    "", "garbage", "scrypt$4$8$1$AAAA", "bcrypt$4$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
    "scrypt$40$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",  # absurd cost from a damaged row
    "scrypt$4$8$1$!!!!$AAAA", "scrypt$x$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAA",
])
def test_a_damaged_hash_never_matches(encoded: str, caplog: pytest.LogCaptureFixture) -> None:
    assert clerks.verify_pin("1234", encoded) is False


# --- creating clerks --------------------------------------------------------------------------------------

def test_create_and_list_clerks(empty_store: Store) -> None:
    sf = empty_store.session_factory
    assert not clerks.has_clerks(sf)
    bea = clerks.create_clerk(sf, "  bea  ", "1111", actor="Ana")
    zoe = clerks.create_clerk(sf, "Zoe", "2222", role="supervisor", rfid=" 0012345 ")
    carlos = clerks.create_clerk(sf, "Carlos", "3333")
    assert clerks.has_clerks(sf)
    assert bea == ClerkInfo(bea.id, "bea", "clerk", None)
    assert zoe.rfid == "0012345" and zoe.is_supervisor
    with pytest.raises(AttributeError):
        bea.name = "x"  # type: ignore[misc]
    with sf.begin() as session:
        session.get(Clerk, carlos.id).active = False
    assert [c.name for c in clerks.list_clerks(sf)] == ["bea", "Zoe"]
    created = [e for e in journal_entries(empty_store) if e.kind == "clerk_created"]
    assert [(e.actor, e.subject) for e in created] == [("Ana", "bea"), (None, "Zoe"), (None, "Carlos")]
    assert json.loads(created[1].payload) == {"clerk_id": zoe.id, "name": "Zoe", "role": "supervisor",
                                              "badge": True, "first_supervisor": False}


def test_duplicate_names_and_badges_are_refused(empty_store: Store, ana: ClerkInfo) -> None:
    sf = empty_store.session_factory
    for name in ("Ana", "ana", " ANA "):
        with pytest.raises(DuplicateClerk) as caught:
            clerks.create_clerk(sf, name, "1111")
        assert caught.value.field == "name" and "Ana" in str(caught.value)
    with pytest.raises(DuplicateClerk) as caught:
        clerks.create_clerk(sf, "Bea", "1111", rfid="BADGE-ANA-01")
    assert caught.value.field == "badge"
    assert [c.name for c in clerks.list_clerks(sf)] == ["Ana"]
    assert kinds(empty_store) == ["clerk_created"]


@pytest.mark.parametrize(("name", "pin", "role", "error"), [
    ("", "1234", "clerk", InvalidClerk), ("   ", "1234", "clerk", InvalidClerk),
    ("x" * 41, "1234", "clerk", InvalidClerk), ("Ana", "1234", "boss", InvalidClerk),
    ("Ana", "12", "clerk", InvalidPin), ("Ana", "abcd", "clerk", InvalidPin),
])
def test_bad_clerks_are_refused(empty_store: Store, name: str, pin: str, role: str, error: type) -> None:
    with pytest.raises(error):
        clerks.create_clerk(empty_store.session_factory, name, pin, role=role)
    assert not clerks.has_clerks(empty_store.session_factory)


def test_first_supervisor_only_once(empty_store: Store) -> None:
    sf = empty_store.session_factory
    boss = clerks.create_first_supervisor(sf, "Marta", "2580", rfid="SUP-1")
    assert boss.role == "supervisor" and boss.rfid == "SUP-1"
    with pytest.raises(ClerksAlreadyExist):
        clerks.create_first_supervisor(sf, "Intruso", "1111")
    assert [c.name for c in clerks.list_clerks(sf)] == ["Marta"]
    entry = journal_entries(empty_store)[-1]
    assert entry.kind == "clerk_created" and json.loads(entry.payload)["first_supervisor"] is True


def test_no_first_supervisor_once_any_clerk_exists(empty_store: Store, ana: ClerkInfo) -> None:
    with pytest.raises(ClerksAlreadyExist):
        clerks.create_first_supervisor(empty_store.session_factory, "Marta", "2580")


# --- signing in -------------------------------------------------------------------------------------------

def test_right_pin_signs_in_and_is_journaled(empty_store: Store, ana: ClerkInfo) -> None:
    assert clerks.sign_in_pin(empty_store.session_factory, ana.id, PIN, now=T0) == ana
    entry = journal_entries(empty_store)[-1]
    assert (entry.kind, entry.actor, entry.subject) == ("clerk_sign_in", "Ana", "Ana")
    assert json.loads(entry.payload) == {"clerk_id": ana.id, "name": "Ana", "method": "pin"}


def test_wrong_pins_are_counted(empty_store: Store, ana: ClerkInfo) -> None:
    sf = empty_store.session_factory
    for expected_left in (4, 3, 2, 1):
        with pytest.raises(WrongPin) as caught:
            clerks.sign_in_pin(sf, ana.id, "000000", now=T0)
        assert caught.value.tries_left == expected_left
        assert clerk_row(empty_store, ana.id).failed_pin_attempts == 5 - expected_left
    assert "1 try left" in str(caught.value)
    assert clerk_row(empty_store, ana.id).locked_until is None
    assert kinds(empty_store).count("clerk_sign_in_failed") == 4


def test_five_wrong_pins_lock_for_a_minute_even_against_the_right_pin(empty_store: Store, ana: ClerkInfo) -> None:
    sf = empty_store.session_factory
    for _ in range(4):
        with pytest.raises(WrongPin):
            clerks.sign_in_pin(sf, ana.id, "9999", now=T0)
    with pytest.raises(ClerkLocked) as caught:
        clerks.sign_in_pin(sf, ana.id, "9999", now=T0 + timedelta(seconds=5))
    until = T0 + timedelta(seconds=65)
    assert caught.value.until == until and caught.value.name == "Ana"
    assert until.astimezone().strftime("%H:%M:%S") in str(caught.value)
    assert clerk_row(empty_store, ana.id).locked_until == until
    assert kinds(empty_store)[-2:] == ["clerk_sign_in_failed", "clerk_locked"]

    for later in (5, 30, 64.9):  # the right PIN, and the badge, are refused while locked
        with pytest.raises(ClerkLocked):
            clerks.sign_in_pin(sf, ana.id, PIN, now=T0 + timedelta(seconds=later))
    with pytest.raises(ClerkLocked):
        clerks.sign_in_badge(sf, "BADGE-ANA-01", now=T0 + timedelta(seconds=30))
    refusals = [json.loads(e.payload) for e in journal_entries(empty_store) if e.kind == "clerk_sign_in_failed"]
    assert [r["reason"] for r in refusals[-4:]] == ["locked"] * 4
    assert clerk_row(empty_store, ana.id).locked_until == until  # refusals do not extend the lock

    assert clerks.sign_in_pin(sf, ana.id, PIN, now=until) == ana  # a minute after the lock
    row = clerk_row(empty_store, ana.id)
    assert row.failed_pin_attempts == 0 and row.locked_until is None


def test_after_a_lock_the_clerk_gets_five_fresh_tries(empty_store: Store, ana: ClerkInfo) -> None:
    sf = empty_store.session_factory
    for _ in range(4):
        with pytest.raises(WrongPin):
            clerks.sign_in_pin(sf, ana.id, "9999", now=T0)
    with pytest.raises(ClerkLocked):
        clerks.sign_in_pin(sf, ana.id, "9999", now=T0)
    with pytest.raises(WrongPin) as caught:
        clerks.sign_in_pin(sf, ana.id, "9999", now=T0 + timedelta(minutes=1, seconds=1))
    assert caught.value.tries_left == 4


def test_a_success_resets_the_counter(empty_store: Store, ana: ClerkInfo) -> None:
    sf = empty_store.session_factory
    for _ in range(3):
        with pytest.raises(WrongPin):
            clerks.sign_in_pin(sf, ana.id, "1111", now=T0)
    clerks.sign_in_pin(sf, ana.id, PIN, now=T0)
    assert clerk_row(empty_store, ana.id).failed_pin_attempts == 0
    for expected_left in (4, 3, 2, 1):  # not locked after 3 + 4 wrong PINs
        with pytest.raises(WrongPin) as caught:
            clerks.sign_in_pin(sf, ana.id, "1111", now=T0)
        assert caught.value.tries_left == expected_left


def test_unknown_or_inactive_clerk_is_refused(empty_store: Store, ana: ClerkInfo) -> None:
    sf = empty_store.session_factory
    with pytest.raises(UnknownClerk):
        clerks.sign_in_pin(sf, 999, PIN)
    with sf.begin() as session:
        session.get(Clerk, ana.id).active = False
    with pytest.raises(UnknownClerk):
        clerks.sign_in_pin(sf, ana.id, PIN)
    with pytest.raises(UnknownBadge):
        clerks.sign_in_badge(sf, "BADGE-ANA-01")


def test_naive_now_is_refused(empty_store: Store, ana: ClerkInfo) -> None:
    with pytest.raises(ValueError, match="aware"):
        clerks.sign_in_pin(empty_store.session_factory, ana.id, PIN, now=datetime(2025, 1, 1))


def test_badge_sign_in(empty_store: Store, ana: ClerkInfo) -> None:
    sf = empty_store.session_factory
    with pytest.raises(WrongPin):
        clerks.sign_in_pin(sf, ana.id, "1111", now=T0)
    assert clerks.sign_in_badge(sf, " BADGE-ANA-01\n", now=T0) == ana
    assert clerk_row(empty_store, ana.id).failed_pin_attempts == 0
    entry = journal_entries(empty_store)[-1]
    assert entry.kind == "clerk_sign_in" and json.loads(entry.payload)["method"] == "badge"
    for code in ("NOPE-123", "badge-ana-01", "", "   "):
        with pytest.raises(UnknownBadge):
            clerks.sign_in_badge(sf, code)
    unknown = journal_entries(empty_store)[-1]
    assert json.loads(unknown.payload) == {"method": "badge", "reason": "unknown_badge"}
    assert "NOPE-123" not in " ".join(e.payload for e in journal_entries(empty_store))


def test_scrypt_never_runs_inside_a_write_transaction(empty_store: Store, ana: ClerkInfo,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """While the PIN is hashed another connection can take the write lock at once."""
    sf = empty_store.session_factory
    real_verify, real_hash = clerks.verify_pin, clerks.hash_pin
    writes: list[str] = []

    def write_meanwhile(label: str) -> None:
        connection = sqlite3.connect(empty_store.path, timeout=0, isolation_level=None)
        try:  # BEGIN IMMEDIATE fails at once ("database is locked") if anyone holds the write lock
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("COMMIT")
        finally:
            connection.close()
        writes.append(label)

    def verify(pin: str, encoded: str) -> bool:
        write_meanwhile("verify")
        return real_verify(pin, encoded)

    def hash_(pin: str, cost: ScryptCost | None = None) -> str:
        write_meanwhile("hash")
        return real_hash(pin, cost)

    monkeypatch.setattr(clerks, "verify_pin", verify)
    monkeypatch.setattr(clerks, "hash_pin", hash_)
    clerks.sign_in_pin(sf, ana.id, PIN)
    with pytest.raises(WrongPin):
        clerks.sign_in_pin(sf, ana.id, "0000")
    clerks.create_clerk(sf, "Bea", "1357")
    assert writes == ["verify", "verify", "hash"]


def test_no_pin_in_the_journal_the_database_logs_or_messages(empty_store: Store,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    sf = empty_store.session_factory
    secret, wrong = "86420975", "13579024"
    boss = clerks.create_first_supervisor(sf, "Marta", secret, rfid="SUP-1")
    messages = []
    for _ in range(5):
        with pytest.raises((WrongPin, ClerkLocked)) as caught:
            clerks.sign_in_pin(sf, boss.id, wrong, now=T0)
        messages.append(str(caught.value))
    with pytest.raises(ClerkLocked) as caught:
        clerks.sign_in_pin(sf, boss.id, secret, now=T0)
    messages.append(str(caught.value))
    clerks.sign_in_pin(sf, boss.id, secret, now=T0 + timedelta(minutes=2))
    with pytest.raises(InvalidPin) as bad:
        clerks.create_clerk(sf, "Bea", "86420x")
    messages.append(str(bad.value))

    entries = journal_entries(empty_store)
    assert [e.kind for e in entries] == ["clerk_created"] + ["clerk_sign_in_failed"] * 5 + [
        "clerk_locked", "clerk_sign_in_failed", "clerk_sign_in"]
    with empty_store.read_session_factory() as session:
        assert journal.verify(session).ok
    stored = " ".join(f"{e.actor} {e.subject} {e.payload}" for e in entries)
    stored += clerk_row(empty_store, boss.id).pin_hash
    everything = "\n".join([stored, caplog.text, *messages])
    for pin in (secret, wrong, "86420x"):
        assert pin not in everything
    assert "signed in" in caplog.text  # the records are there, without the PINs
