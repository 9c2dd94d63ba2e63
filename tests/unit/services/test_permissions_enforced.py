"""The services refuse what the acting clerk's role may not do, whoever calls them (window, CLI, a script).

Each refusal writes nothing; the journal names the supervisor when it is allowed.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select

from boxoffice.core.permissions import PermissionRefused
from boxoffice.services.authority import ActorInactive
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.kiosk import record_kiosk_exit
from boxoffice.services.reprints import record_no_sale
from boxoffice.services.returns import return_tickets, void_sale
from boxoffice.services.sales import sell
from boxoffice.services.shifts import close_shift, current_shift
from boxoffice.services.sync_queue import mark_report_seen, retry_now
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry, Shift
from tests.helpers.supervisors import SUPERVISOR
from tests.unit.services.services_helpers import (
    GENERAL,
    P_GEN,
    PRICES,
    TERMINAL,
    cash,
    dump,
    request,
    seats,
    sell_seats,
    ticket_id,
)

ANA, DANI, RETIRED = 11, 12, 13


@pytest.fixture
def staffed(store: Store) -> Store:
    with store.session_factory.begin() as session:
        session.add(Clerk(id=ANA, name="Ana", role="clerk", pin_hash="scrypt$x"))
        session.add(Clerk(id=DANI, name="Dani", role="door", pin_hash="scrypt$x"))
        session.add(Clerk(id=RETIRED, name="Carla", role="supervisor", pin_hash="scrypt$x", active=False))
    return store


def last_entry(store: Store) -> JournalEntry:
    with store.read_session_factory() as session:
        found = session.scalars(select(JournalEntry).order_by(JournalEntry.seq.desc())).first()
        assert found is not None
        return found


def entry_count(store: Store) -> int:
    with store.read_session_factory() as session:
        return len(session.scalars(select(JournalEntry.seq)).all())


def refused(action: str, call) -> None:
    with pytest.raises(PermissionRefused) as caught:
        call()
    assert caught.value.code == "permission_refused" and caught.value.params["action"] == action


@pytest.mark.parametrize("actor", ["Ana", "Dani", None])
def test_only_a_supervisor_voids_returns_and_opens_the_drawer(staffed: Store, actor: str | None) -> None:
    sf = staffed.session_factory
    code = sell_seats(staffed, ticket_id(GENERAL, 1)).purchase_code
    before = dump(staffed)
    opened: list[bool] = []
    refused("void", lambda: void_sale(sf, TERMINAL, code, "error", actor=actor))
    refused("return_tickets", lambda: return_tickets(sf, TERMINAL, "EV1", [ticket_id(GENERAL, 2)], actor=actor))
    refused("no_sale", lambda: record_no_sale(sf, actor, open_drawer=lambda: opened.append(True)))
    if actor is not None:  # no name at all is the queue's own refusal
        refused("sync_queue", lambda: retry_now(sf, None, actor))
    assert dump(staffed) == before
    assert opened == []  # the drawer never opened for a refused clerk


def test_a_supervisor_is_named_in_the_journal(staffed: Store) -> None:
    sf = staffed.session_factory
    code = sell_seats(staffed, ticket_id(GENERAL, 1)).purchase_code
    void_sale(sf, TERMINAL, code, "error", actor=SUPERVISOR)
    assert (last_entry(staffed).kind, last_entry(staffed).actor) == ("void", SUPERVISOR)
    opened: list[bool] = []
    record_no_sale(sf, SUPERVISOR, "cambio", open_drawer=lambda: opened.append(True))
    assert opened == [True] and (last_entry(staffed).kind, last_entry(staffed).actor) == ("no_sale", SUPERVISOR)


def test_a_drawer_that_fails_to_open_leaves_no_entry(staffed: Store) -> None:
    before = entry_count(staffed)

    def jammed() -> None:
        raise OSError("drawer jammed")

    with pytest.raises(OSError):
        record_no_sale(staffed.session_factory, SUPERVISOR, open_drawer=jammed)
    assert entry_count(staffed) == before


@pytest.mark.parametrize("actor", ["Carla", "Nobody"])
def test_an_inactive_or_unknown_supervisor_is_refused(staffed: Store, actor: str) -> None:
    code = sell_seats(staffed, ticket_id(GENERAL, 1)).purchase_code
    with pytest.raises(ActorInactive) as caught:
        void_sale(staffed.session_factory, TERMINAL, code, "error", actor=actor)
    assert caught.value.code == "actor_inactive"


def test_a_door_clerk_never_sells(staffed: Store) -> None:
    before = dump(staffed)
    refused("sell", lambda: sell(staffed.session_factory, TERMINAL,
                                 request(seats(ticket_id(GENERAL, 1)), payments=[cash(PRICES[P_GEN])],
                                         clerk_id=DANI)))
    assert dump(staffed) == before
    sold = sell(staffed.session_factory, TERMINAL,
                request(seats(ticket_id(GENERAL, 1)), payments=[cash(PRICES[P_GEN])], clerk_id=ANA))
    assert sold.total_cents == PRICES[P_GEN]


def test_kiosk_exit_and_queue_notes_need_a_supervisor(staffed: Store) -> None:
    sf = staffed.session_factory
    refused("kiosk_exit", lambda: record_kiosk_exit(sf, ClerkInfo(ANA, "Ana", "supervisor", None)))  # row decides
    refused("sync_queue", lambda: mark_report_seen(sf, 1, "seen", "Ana"))


def test_a_clerk_closes_their_own_shift_only(staffed: Store) -> None:
    sf = staffed.session_factory
    shift = current_shift(sf)
    assert shift is not None
    refused("shifts_close", lambda: close_shift(sf, shift.id, {}, "Ana"))  # the test till's shift, not Ana's
    refused("shift_own", lambda: close_shift(sf, shift.id, {}, "Dani"))
    close_shift(sf, shift.id, {}, SUPERVISOR)
    with sf.begin() as session:
        session.add(Shift(clerk_id=ANA, float_cents=0))
    own = current_shift(sf)
    assert own is not None and own.clerk_id == ANA
    assert close_shift(sf, own.id, {}, "Ana").closed_at is not None
