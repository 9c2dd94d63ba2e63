"""Staff management: a supervisor adds, edits, deactivates and reactivates clerks, resets PINs, enrols badges.

Every change is journaled with the supervisor as actor and never carries a PIN, a hash or a badge code; every
refusal has a code and writes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from boxoffice.core.permissions import PermissionRefused
from boxoffice.services import clerks
from boxoffice.services.authority import ActorInactive
from boxoffice.services.clerks import (
    ClerkInfo,
    DuplicateClerk,
    InvalidClerk,
    InvalidPin,
    ScryptCost,
    StaffMember,
    StaffRefused,
)
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry

CHEAP = ScryptCost(log_n=4, r=8, p=1)


@pytest.fixture(autouse=True)
def cheap_scrypt(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(clerks, "PIN_COST", CHEAP)
    yield


@pytest.fixture
def staff(empty_store: Store) -> dict[str, ClerkInfo]:
    sf = empty_store.session_factory
    return {"marta": clerks.create_first_supervisor(sf, "Marta", "8642"),
            "ana": clerks.create_clerk(sf, "Ana", "1234", rfid="BADGE-ANA"),
            "pep": clerks.create_clerk(sf, "Pep", "1357", role="door")}


def entries(store: Store, after: int = 0) -> list[JournalEntry]:
    with store.read_session_factory() as session:
        return list(session.scalars(select(JournalEntry).where(JournalEntry.seq > after).order_by(JournalEntry.seq)))


def last_seq(store: Store) -> int:
    found = entries(store)
    return found[-1].seq if found else 0


def row(store: Store, clerk_id: int) -> Clerk:
    with store.read_session_factory() as session:
        found = session.get(Clerk, clerk_id)
        assert found is not None
        return found


def test_a_supervisor_adds_a_clerk_journaled_without_the_pin(empty_store: Store, staff: dict[str, ClerkInfo]
                                                             ) -> None:
    sf = empty_store.session_factory
    before = last_seq(empty_store)
    bea = clerks.add_clerk(sf, staff["marta"], "  Bea  ", "975310", role="supervisor", rfid="B-77")
    assert (bea.name, bea.role, bea.rfid) == ("Bea", "supervisor", "B-77")
    assert clerks.sign_in_pin(sf, bea.id, "975310").id == bea.id
    (added, _sign_in) = entries(empty_store, before)
    assert (added.kind, added.actor, added.subject) == ("clerk_added", "Marta", "Bea")
    assert json.loads(added.payload) == {"clerk_id": bea.id, "name": "Bea", "role": "supervisor", "badge": True}
    assert "975310" not in added.payload and "B-77" not in added.payload and "scrypt" not in added.payload


@pytest.mark.parametrize("who", ["ana", "pep"])
def test_only_a_supervisor_manages_staff(empty_store: Store, staff: dict[str, ClerkInfo], who: str) -> None:
    sf = empty_store.session_factory
    before = last_seq(empty_store)
    actor = staff[who]
    attempts = [lambda: clerks.add_clerk(sf, actor, "Bea", "1111"),
                lambda: clerks.edit_clerk(sf, actor, staff["ana"].id, role="supervisor"),
                lambda: clerks.set_active(sf, actor, staff["marta"].id, False),
                lambda: clerks.reset_pin(sf, actor, staff["marta"].id, "0000"),
                lambda: clerks.enrol_badge(sf, actor, actor.id, "MINE")]
    for attempt in attempts:
        with pytest.raises(PermissionRefused) as caught:
            attempt()
        assert caught.value.code == "permission_refused" and caught.value.params["action"] == "staff"
    assert entries(empty_store, before) == []
    assert row(empty_store, staff["ana"].id).role == "clerk"


def test_a_stale_supervisor_is_refused(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    """The window's ClerkInfo says supervisor, but the row was demoted meanwhile: the row decides."""
    sf = empty_store.session_factory
    luis = clerks.add_clerk(sf, staff["marta"], "Luis", "2468", role="supervisor")
    clerks.edit_clerk(sf, staff["marta"], luis.id, role="clerk")
    with pytest.raises(PermissionRefused):
        clerks.add_clerk(sf, luis, "Bea", "1111")
    clerks.edit_clerk(sf, staff["marta"], luis.id, role="supervisor")
    clerks.set_active(sf, staff["marta"], luis.id, False)
    with pytest.raises(ActorInactive) as caught:
        clerks.add_clerk(sf, luis, "Bea", "1111")
    assert caught.value.code == "actor_inactive"


def test_edit_name_role_and_badge_journals_what_changed(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    sf = empty_store.session_factory
    marta, ana = staff["marta"], staff["ana"]
    before = last_seq(empty_store)
    edited = clerks.edit_clerk(sf, marta, ana.id, name="Ana María", role="door", rfid="BADGE-NEW")
    assert (edited.name, edited.role, edited.rfid) == ("Ana María", "door", "BADGE-NEW")
    assert clerks.edit_clerk(sf, marta, ana.id, name="Ana María", role="door") == edited  # nothing to change
    removed = clerks.edit_clerk(sf, marta, ana.id, rfid=None)
    assert removed.rfid is None
    first, second = entries(empty_store, before)
    assert (first.kind, first.actor, first.subject) == ("clerk_edited", "Marta", "Ana")
    assert json.loads(first.payload) == {"clerk_id": ana.id, "name": "Ana María", "changes": {
        "name": ["Ana", "Ana María"], "role": ["clerk", "door"], "badge": "replaced"}}
    assert "BADGE" not in first.payload
    assert json.loads(second.payload)["changes"] == {"badge": "removed"}


def test_edit_refuses_duplicates_and_bad_values(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    sf = empty_store.session_factory
    marta, ana, pep = staff["marta"], staff["ana"], staff["pep"]
    before = last_seq(empty_store)
    with pytest.raises(DuplicateClerk) as caught:
        clerks.edit_clerk(sf, marta, pep.id, name=" ana ")
    assert caught.value.code == "clerk_name_taken"
    with pytest.raises(DuplicateClerk) as caught:
        clerks.edit_clerk(sf, marta, pep.id, rfid="BADGE-ANA")
    assert caught.value.code == "clerk_badge_taken"
    with pytest.raises(InvalidClerk) as caught:
        clerks.edit_clerk(sf, marta, ana.id, role="boss")
    assert caught.value.code == "clerk_role_unknown"
    with pytest.raises(InvalidClerk) as caught:
        clerks.edit_clerk(sf, marta, ana.id, name="  ")
    assert caught.value.code == "clerk_name_missing"
    with pytest.raises(StaffRefused) as caught:
        clerks.edit_clerk(sf, marta, 9999, name="Nadie")
    assert caught.value.code == "clerk_unknown"
    assert entries(empty_store, before) == []


def test_the_last_active_supervisor_stays(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    sf = empty_store.session_factory
    marta = staff["marta"]
    with pytest.raises(StaffRefused) as caught:
        clerks.edit_clerk(sf, marta, marta.id, role="clerk")
    assert caught.value.code == "clerk_last_supervisor" and caught.value.params == {"name": "Marta"}
    luis = clerks.add_clerk(sf, marta, "Luis", "2468", role="supervisor")
    clerks.set_active(sf, marta, luis.id, False)  # an inactive supervisor does not count
    with pytest.raises(StaffRefused) as caught:
        clerks.edit_clerk(sf, marta, marta.id, role="door")
    assert caught.value.code == "clerk_last_supervisor"
    clerks.set_active(sf, marta, luis.id, True)
    assert clerks.edit_clerk(sf, marta, marta.id, role="clerk").role == "clerk"  # Luis is left
    with pytest.raises(StaffRefused) as caught:
        clerks.set_active(sf, luis, luis.id, False)
    assert caught.value.code == "clerk_deactivate_self"
    with pytest.raises(StaffRefused) as caught:
        clerks.edit_clerk(sf, luis, luis.id, role="clerk")
    assert caught.value.code == "clerk_last_supervisor"


def test_deactivate_and_reactivate_never_delete(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    sf = empty_store.session_factory
    marta, ana = staff["marta"], staff["ana"]
    before = last_seq(empty_store)
    clerks.set_active(sf, marta, ana.id, False)
    assert ana.id not in [c.id for c in clerks.list_clerks(sf)]
    with pytest.raises(clerks.UnknownBadge):
        clerks.sign_in_badge(sf, "BADGE-ANA")
    assert [(m.name, m.active) for m in clerks.staff_list(sf)] == [("Marta", True), ("Pep", True), ("Ana", False)]
    clerks.set_active(sf, marta, ana.id, False)  # already: nothing written
    clerks.set_active(sf, marta, ana.id, True)
    assert clerks.sign_in_badge(sf, "BADGE-ANA").id == ana.id
    kinds = [(e.kind, e.actor, e.subject) for e in entries(empty_store, before)]
    assert kinds == [("clerk_deactivated", "Marta", "Ana"), ("clerk_sign_in_failed", None, None),
                     ("clerk_reactivated", "Marta", "Ana"), ("clerk_sign_in", "Ana", "Ana")]


def test_reset_pin_replaces_the_pin_and_lifts_a_lockout(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    sf = empty_store.session_factory
    marta, ana = staff["marta"], staff["ana"]
    for _ in range(clerks.MAX_WRONG_PINS):
        with pytest.raises(clerks.SignInRefused):
            clerks.sign_in_pin(sf, ana.id, "0000")
    assert row(empty_store, ana.id).locked_until is not None
    before = last_seq(empty_store)
    clerks.reset_pin(sf, marta, ana.id, "246813")
    assert row(empty_store, ana.id).locked_until is None
    with pytest.raises(clerks.WrongPin):
        clerks.sign_in_pin(sf, ana.id, "1234")
    assert clerks.sign_in_pin(sf, ana.id, "246813").id == ana.id
    reset = entries(empty_store, before)[0]
    assert (reset.kind, reset.actor, reset.subject) == ("pin_reset", "Marta", "Ana")
    assert json.loads(reset.payload) == {"clerk_id": ana.id, "name": "Ana"}
    with pytest.raises(InvalidPin) as caught:
        clerks.reset_pin(sf, marta, ana.id, "12")
    assert caught.value.code == "pin_invalid"
    clerks.set_active(sf, marta, ana.id, False)
    with pytest.raises(StaffRefused) as caught:
        clerks.reset_pin(sf, marta, ana.id, "5555")
    assert caught.value.code == "clerk_not_active"


def test_enrol_a_badge_unique_and_journaled_without_the_code(empty_store: Store, staff: dict[str, ClerkInfo]
                                                              ) -> None:
    sf = empty_store.session_factory
    marta, ana, pep = staff["marta"], staff["ana"], staff["pep"]
    before = last_seq(empty_store)
    assert clerks.enrol_badge(sf, marta, pep.id, " 00123456 \n").rfid == "00123456"
    assert clerks.sign_in_badge(sf, "00123456").id == pep.id
    assert clerks.enrol_badge(sf, marta, ana.id, "ANA-2").rfid == "ANA-2"
    with pytest.raises(DuplicateClerk) as caught:
        clerks.enrol_badge(sf, marta, ana.id, "00123456")
    assert caught.value.code == "clerk_badge_taken"
    with pytest.raises(InvalidClerk) as caught:
        clerks.enrol_badge(sf, marta, ana.id, "   ")
    assert caught.value.code == "badge_missing"
    enrolled = [e for e in entries(empty_store, before) if e.kind == "badge_enrolled"]
    assert [(e.actor, e.subject, json.loads(e.payload)["replaced"]) for e in enrolled] == [
        ("Marta", "Pep", False), ("Marta", "Ana", True)]
    assert not any("00123456" in e.payload or "ANA-2" in e.payload for e in enrolled)


def test_staff_list_shows_everyone_without_badge_codes(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    listed = clerks.staff_list(empty_store.read_session_factory)
    assert listed == [StaffMember(staff["ana"].id, "Ana", "clerk", True, True),
                      StaffMember(staff["marta"].id, "Marta", "supervisor", False, True),
                      StaffMember(staff["pep"].id, "Pep", "door", False, True)]


def test_a_door_clerk_signs_in(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    assert clerks.sign_in_pin(empty_store.session_factory, staff["pep"].id, "1357").role == "door"


def test_the_facade_reports_staff_changes(empty_store: Store, staff: dict[str, ClerkInfo]) -> None:
    from boxoffice.facades.clerks import ClerksFacade

    facade = ClerksFacade(empty_store.session_factory, empty_store.read_session_factory)
    added = facade.add_clerk(staff["marta"], "Bea", "1111")
    assert added.value.name == "Bea" and added.changes.clerks
    assert facade.set_active(staff["marta"], added.value.id, False).changes.clerks
    assert [m.name for m in facade.staff_list()] == ["Ana", "Marta", "Pep", "Bea"]
