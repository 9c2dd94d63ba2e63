"""The returns screen: by zone, by seat range, all unsold; sold seats left out of the preview and refused when
they are sold between preview and confirmation; the history shows the reference platform's confirmation. The
dialog reads and writes through the window's operation runner: the tests wait for its answers (``settle``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from boxoffice.core.changes import Changes
from boxoffice.core.payments import PaymentRequest
from boxoffice.services import clerks
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry, Outbox, Ticket
from boxoffice.store.types import utcnow
from boxoffice.ui.qt import QApplication, Qt
from boxoffice.ui.returns_dialog import PAGE_CHOOSE, PAGE_CONFIRM, ReturnsDialog
from tests.helpers.central_server import SeededTemplate, central_server, seeded_template
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store
from tests.helpers.terminal import make_terminal
from tests.integration.sync.sync_helpers import NORTE, make_worker

WAIT_MS = 10_000
EVENT = "EVDEMO"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = seed_store(tmp_path / "t.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def wakes() -> list[int]:
    return []


def open_returns(qtbot, store: Store, wakes: list[int], event_id: str = EVENT, **overrides) -> ReturnsDialog:
    if not any(c.name == "Marta" for c in clerks.list_clerks(store.read_session_factory)):
        clerks.create_clerk(store.session_factory, "Marta", "8642", role="supervisor")  # the acting supervisor
    backend = backend_for(store, wake_sync=lambda: wakes.append(1), **overrides)
    dialog = ReturnsDialog(backend, "Marta", event_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    settle(qtbot, dialog)
    return dialog


def settle(qtbot, dialog: ReturnsDialog) -> None:
    """Wait until every read and write the dialog asked of the operation runner has answered."""
    qtbot.waitUntil(lambda: dialog.ctx.runner.pending == 0, timeout=WAIT_MS)


def sell_seats(store: Store, *seats: str, product: str = "tt-gen") -> None:
    sell(store.session_factory, TERMINAL, SaleRequest(EVENT, (LineRequest(product, len(seats), seats),),
                                                      (PaymentRequest("cash", tendered_cents=10000 * len(seats)),)))


def states(store: Store, event: str = EVENT, zone: str | None = None) -> dict[str, str]:
    with store.read_session_factory() as session:
        query = select(Ticket.seat_id, Ticket.state).where(Ticket.event_id == event)
        if zone:
            query = query.where(Ticket.zone == zone)
        return dict(session.execute(query).all())


def confirm_and_wait(qtbot, dialog: ReturnsDialog) -> None:
    dialog.ask_confirmation()
    settle(qtbot, dialog)
    assert dialog.pages.currentIndex() == PAGE_CONFIRM
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    settle(qtbot, dialog)


def test_return_a_zone_leaves_its_sold_seats_and_shows_it_queued(qtbot, store: Store, wakes: list[int]) -> None:
    sell_seats(store, "EVDEMO-VIP2", product="tt-vip")
    dialog = open_returns(qtbot, store, wakes)
    dialog.choose_zone("VIP")
    settle(qtbot, dialog)
    assert dialog.selection is not None and dialog.selection.count == 15
    assert dialog.preview.text().splitlines() == [
        "15 tickets: seats VIP1, VIP3\u2060–\u2060VIP16", "VIP2 is sold and cannot be returned; it is left out."]
    dialog.ask_confirmation()
    settle(qtbot, dialog)
    assert "Return 15 tickets" in dialog.confirm_text.text() and "VIP1, VIP3–VIP16" in dialog.confirm_text.text()
    assert dialog.confirm_button.text() == "Return 15 tickets"
    dialog.back_to_choice()  # Back returns nothing
    assert dialog.pages.currentIndex() == PAGE_CHOOSE and set(states(store, zone="VIP").values()) == {
        "available", "sold"}
    confirm_and_wait(qtbot, dialog)
    vip = states(store, zone="VIP")
    assert vip.pop("VIP2") == "sold" and set(vip.values()) == {"returning"}  # unsellable at once
    assert dialog.message.property("kind") == "ok" and "15 tickets returned" in dialog.message.text()
    assert wakes == [1]
    with store.read_session_factory() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.kind == "return")).one()
        assert entry.actor == "Marta"
    qtbot.waitUntil(lambda: dialog.history_states() == ["Queued"], timeout=WAIT_MS)
    assert dialog.history_table.item(0, 1).text() == "15: VIP1, VIP3–VIP16"
    assert dialog.history_table.item(0, 2).text() == "Marta"
    assert dialog.zone_combo.itemText(dialog.zone_combo.findData("VIP")) == "VIP (0 unsold)"
    assert not dialog.return_button.isEnabled()  # nothing left to return in the zone


def test_return_a_seat_range_of_one_row(qtbot, store: Store, wakes: list[int]) -> None:
    sell_seats(store, "EVDEMO-GEN17")
    dialog = open_returns(qtbot, store, wakes)
    assert [dialog.row_combo.itemData(i) for i in range(dialog.row_combo.count())] == [
        None, "A", "B", "C", "D", "E", "F"]
    dialog.choose_range("General", "B", 15, 40)  # row B of General is seats 15 to 28
    settle(qtbot, dialog)
    assert dialog.selection.seats == tuple(f"GEN{n}" for n in range(15, 29) if n != 17)
    assert "GEN17 is sold" in dialog.preview.text()
    confirm_and_wait(qtbot, dialog)
    general = states(store, zone="General")
    assert {s for s, st in general.items() if st == "returning"} == {f"GEN{n}" for n in range(15, 29) if n != 17}
    assert general["GEN14"] == general["GEN29"] == "available" and general["GEN17"] == "sold"


def test_return_all_unsold(qtbot, store: Store, wakes: list[int]) -> None:
    sell_seats(store, "EVDEMO-GEN1", "EVDEMO-GEN2")
    dialog = open_returns(qtbot, store, wakes)
    dialog.choose_all()
    settle(qtbot, dialog)
    assert not dialog.zone_combo.isEnabled() and not dialog.row_combo.isEnabled()
    total = len(states(store))
    assert dialog.selection.count == total - 2
    assert dialog.preview.text().splitlines()[1] == "2 sold seats are left out: GEN1\u2060–\u2060GEN2"
    confirm_and_wait(qtbot, dialog)
    after = states(store)
    assert sorted(after.values()).count("returning") == total - 2 and after["GEN1"] == "sold"


def test_a_sold_seat_chosen_on_its_own_cannot_be_returned(qtbot, store: Store, wakes: list[int]) -> None:
    sell_seats(store, "EVDEMO-GEN17")
    dialog = open_returns(qtbot, store, wakes)
    dialog.choose_range("General", None, 17, 17)
    settle(qtbot, dialog)
    assert dialog.preview.text().splitlines() == [
        "No unsold tickets in this choice: nothing to return.",
        "GEN17 is sold and cannot be returned; it is left out."]
    assert not dialog.return_button.isEnabled()
    dialog.ask_confirmation()
    settle(qtbot, dialog)
    assert dialog.pages.currentIndex() == PAGE_CHOOSE
    dialog.choose_range("General", None, 20, 10)
    settle(qtbot, dialog)
    assert dialog.preview.text() == "The seat range runs backwards: from 20 to 10."
    assert not dialog.return_button.isEnabled()


def test_a_seat_sold_between_preview_and_confirmation_is_refused(qtbot, store: Store, wakes: list[int]) -> None:
    dialog = open_returns(qtbot, store, wakes)
    dialog.choose_range("General", None, 15, 16)
    dialog.ask_confirmation()
    settle(qtbot, dialog)
    assert dialog.pages.currentIndex() == PAGE_CONFIRM
    sell_seats(store, "EVDEMO-GEN16")  # the sales screen sells it meanwhile, and the hub tells of it
    dialog.ctx.hub.publish(Changes(event_id=EVENT, seats={"EVDEMO-GEN16": "sold"}))
    qtbot.waitUntil(lambda: dialog.selection.seats == ("GEN15",), timeout=WAIT_MS)  # the preview behind is current
    settle(qtbot, dialog)
    assert dialog.pages.currentIndex() == PAGE_CONFIRM and dialog.confirm_button.text() == "Return 2 tickets"
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    settle(qtbot, dialog)
    assert dialog.message.property("kind") == "error"  # ... but what was confirmed is what is asked for
    assert dialog.message.text() == ("Nothing was returned. Only unsold tickets can be returned: GEN16 (sold). The "
                                     "choice has been updated; check it and return again.")
    general = states(store, zone="General")
    assert (general["GEN15"], general["GEN16"]) == ("available", "sold")  # nothing returned
    assert wakes == []
    assert dialog.pages.currentIndex() == PAGE_CHOOSE
    assert dialog.selection.seats == ("GEN15",) and "GEN16 is sold" in dialog.preview.text()  # choice updated
    with store.read_session_factory() as session:
        assert session.scalars(select(Outbox).where(Outbox.kind == "unassign")).first() is None


def test_a_sale_told_by_the_change_hub_updates_the_counts_and_the_preview(
        qtbot, store: Store, wakes: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    """A sale at the window while the dialog is open: the runner tells the hub which seats changed (published here
    by hand, standing for the selling screen's write); the zone counts and the preview follow, no timer."""
    dialog = open_returns(qtbot, store, wakes)
    dialog.choose_zone("VIP")
    settle(qtbot, dialog)
    assert dialog.selection.count == 16
    sales = dialog.ctx.facades.sales
    reads: list[str] = []
    zones_of = sales.return_zones
    monkeypatch.setattr(sales, "return_zones", lambda event_id: (reads.append(event_id), zones_of(event_id))[1])
    sell_seats(store, "EVDEMO-VIP5", product="tt-vip")
    dialog.ctx.hub.publish(Changes(event_id="OTHER", seats={"OTHER-1": "sold"}))  # another event: nothing read
    dialog.ctx.hub.publish(Changes(event_id=EVENT, seats={"EVDEMO-VIP5": "sold"}))
    qtbot.waitUntil(lambda: dialog.selection is not None and dialog.selection.count == 15, timeout=WAIT_MS)
    settle(qtbot, dialog)
    assert reads == [EVENT]  # the hub delivers in order: the other event's change came first and read nothing
    assert dialog.zone_combo.itemText(dialog.zone_combo.findData("VIP")) == "VIP (15 unsold)"
    assert "VIP5 is sold" in dialog.preview.text()


# --- against the reference central platform ------------------------------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("returns-central"))


def test_the_history_shows_the_platforms_confirmation(qtbot, tmp_path: Path, template: SeededTemplate,
                                                      wakes: list[int]) -> None:
    """The return reaches the reference platform through a real delivery worker; the composition root tells the
    hub after every delivery round that changed something, which the test does here by hand (standing for the
    worker's callback): the history follows the hub, nothing polls."""
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=template) as central:
        terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        store = terminal.open_store()
        worker = make_worker(store, terminal, central.url)
        dialog = open_returns(qtbot, store, wakes, central.event_id, terminal=terminal.terminal)
        try:
            general = next(z for z in dialog.zones if z.zone == "General")
            assert general.lowest is not None
            dialog.choose_range("General", None, general.lowest, general.lowest + 2)
            settle(qtbot, dialog)
            seats = dialog.selection.seats
            assert len(seats) == 3
            confirm_and_wait(qtbot, dialog)
            qtbot.waitUntil(lambda: dialog.history_states() == ["Queued"], timeout=WAIT_MS)

            assert worker.drain().delivered == 1  # the unassign reaches the platform
            assert dialog.history_states() == ["Queued"]  # not read again until the hub says so
            dialog.ctx.hub.publish(Changes(outbox=True))
            qtbot.waitUntil(lambda: dialog.history_states()[0].startswith("Confirmed at "), timeout=WAIT_MS)
            assert dialog.history[0].confirmation.state == "confirmed"
            assert "confirmed the return at" in dialog.message.text() and "Waiting" not in dialog.message.text()
            returned = states(store, central.event_id, "General")
            assert {returned[s] for s in seats} == {"returned"}
        finally:
            worker.stop()
            dialog.close()
            store.close()


def _squashed(dialog: ReturnsDialog) -> list[str]:
    """The choice's fields drawn smaller than they need (clipped), by object name."""
    fields = (dialog.zone_combo, dialog.row_combo, dialog.first_spin, dialog.last_spin, dialog.return_button,
              *dialog.mode_buttons.values())
    return [w.objectName() or w.text() for w in fields if w.height() < w.minimumSizeHint().height()]


def test_after_a_return_one_message_follows_it_and_no_field_is_clipped(qtbot, store: Store,
                                                                        wakes: list[int]) -> None:
    """#14: after a return the fields were squashed, and "Waiting for the confirmation" stayed beside
    "Confirmed at …". At a 1024x768 screen's size the choice keeps its height; the one message of the return
    follows its row of the history when the hub says the outbox moved."""
    from boxoffice.ui.application import _stylesheet

    app = QApplication.instance()
    before = app.styleSheet()
    app.setStyleSheet(_stylesheet())  # the real sizes: 15 pt text, 48 px fields
    try:
        dialog = open_returns(qtbot, store, wakes)
        dialog.resize(984, 708)
        dialog.choose_range("General", "B", 15, 20)
        settle(qtbot, dialog)
        assert _squashed(dialog) == []
        confirm_and_wait(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.history_states() == ["Queued"], timeout=WAIT_MS)
        assert dialog.message.isVisible() and "Waiting for the central platform" in dialog.message.text()
        assert dialog.message.height() >= dialog.message.heightForWidth(dialog.message.width())  # not cut
        assert _squashed(dialog) == []

        with store.session_factory.begin() as session:  # the platform confirmed it (the worker's round)
            session.execute(update(Outbox).where(Outbox.kind == "unassign").values(state="delivered",
                                                                                  delivered_at=utcnow()))
        dialog.ctx.hub.publish(Changes(outbox=True))
        qtbot.waitUntil(lambda: dialog.history_states()[0].startswith("Confirmed at "), timeout=WAIT_MS)
        text = dialog.message.text()
        assert "6 tickets returned" in text and "confirmed the return at" in text and "Waiting" not in text
        assert dialog.message.property("kind") == "ok"
    finally:
        app.setStyleSheet(before)
