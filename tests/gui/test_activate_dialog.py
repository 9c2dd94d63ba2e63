"""Pre-generated tickets sold at the window (#17 point 3): a batch's ticket in the door list, scanned at the main
window, opens the activate dialog with the price of the event's product of that name; activating it in cash
queues one outbox item (kind activate) and turns the door row valid, written through the operation runner; the
same ticket scanned again is not offered a second time. A card activation without the slip's reference is refused
in the clerk's language and writes nothing; another scheme's barcode is offered too; a door clerk's scan still
goes to the door check."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.core.codes import new_purchase_code, ticket_barcode
from boxoffice.services.clerks import ClerkInfo, create_clerk, list_clerks
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry, Outbox
from boxoffice.store.models_door import DoorTicket
from boxoffice.ui.activate_dialog import ActivateDialog
from boxoffice.ui.application import install_translations
from boxoffice.ui.qt import QApplication, Qt
from tests.gui.test_void_flow import make_team
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import EVENT_ID, backend_for, seed_store

WAIT_MS = 15_000


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """The demo event's store, with a clerk who sells (Ana) and a supervisor."""
    opened = seed_store(tmp_path / "t.sqlite3")
    make_team(opened)
    yield opened
    opened.close()


def ana(store: Store) -> ClerkInfo:
    return next(c for c in list_clerks(store.read_session_factory) if c.name == "Ana")


def pregenerate(store: Store, barcode: str, ticket_type: str | None = "Preferente") -> str:
    """A batch's ticket in the event's door list, as the door refresh leaves it: printed, not yet activated."""
    ticket_id = f"tk-{barcode[:6].lower()}"
    with store.session_factory.begin() as session:
        session.add(DoorTicket(event_id=EVENT_ID, barcode=barcode.upper(), ticket_key=ticket_id, ticket_id=ticket_id,
                               ticket_type=ticket_type, holder=None, status="pregenerated", reentry_limit=1,
                               scan_points=[]))
    return ticket_id


def door_status(store: Store, barcode: str) -> str:
    with store.read_session_factory() as session:
        return session.scalar(select(DoorTicket.status).where(DoorTicket.barcode == barcode.upper()))


def activations(store: Store) -> list[Outbox]:
    with store.read_session_factory() as session:
        rows = list(session.scalars(select(Outbox).where(Outbox.kind == "activate")))
        session.expunge_all()
        return rows


def scanned_dialog(qtbot, window, code: str) -> ActivateDialog:
    window.handle_scan(code)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ActivateDialog), timeout=WAIT_MS)
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(lambda: dialog.offer is not None, timeout=WAIT_MS)
    return dialog


def test_scan_activate_in_cash_then_the_same_ticket_is_not_offered_again(
        qtbot, store: Store) -> None:
    barcode = ticket_barcode(new_purchase_code(), 1)
    ticket_id = pregenerate(store, barcode)
    window = ready_window(qtbot, backend_for(store, "en"), clerk=ana(store))
    money = window.money

    dialog = scanned_dialog(qtbot, window, barcode.lower())  # scanners may send lower case
    assert dialog.ticket.ticket_id == ticket_id
    assert dialog.event_label.text() == "Festival de Verano"
    assert (dialog.type_label.text(), dialog.barcode_label.text()) == ("Preferente", barcode)
    assert dialog.price.text() == money.format(4000)  # the event's product of the same name
    assert dialog.method() == "cash" and not dialog.reference.isVisibleTo(dialog)
    dialog.holder.setText("Lucía Gómez")
    with qtbot.waitSignal(dialog.activated, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.activate_button, Qt.MouseButton.LeftButton)
    assert dialog.message.property("kind") == "ok"
    assert dialog.message.text() == (f"{money.format(4000)} in cash. Activated. It goes to the central platform "
                                     "with the next sync.")
    assert not dialog.activate_button.isEnabled() and dialog.close_button.isEnabled()
    assert dialog.title.text() == "Pre-generated ticket, activated"
    [row] = activations(store)
    assert (row.state, row.subject) == ("pending", ticket_id)
    assert {k: row.payload[k] for k in ("barcode", "amount_cents", "method", "reference", "holder")} == {
        "barcode": barcode, "amount_cents": 4000, "method": "cash", "reference": None, "holder": "Lucía Gómez"}
    assert door_status(store, barcode) == "valid"  # this terminal's door admits it at once
    with store.read_session_factory() as session:
        [entry] = session.scalars(select(JournalEntry).where(JournalEntry.kind == "activate"))
        assert entry.actor == "Ana"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=WAIT_MS)

    window.handle_scan(barcode)  # sold now: the window says it was not sold here, and offers nothing
    settle(qtbot, window)
    assert window.banner.text() == f"Code {barcode} was not sold at this terminal"
    assert QApplication.activeModalWidget() is None
    assert len(activations(store)) == 1


def test_card_without_slip_reference_is_refused_in_spanish_and_writes_nothing(
        qtbot, qapp, store: Store) -> None:
    install_translations(QApplication.instance(), "es")
    barcode = "LOTE-COLEGIO-0007"  # another system's barcode (not our scheme): offered all the same
    pregenerate(store, barcode, ticket_type="Reventa colegio")
    window = ready_window(qtbot, backend_for(store, "es"), clerk=ana(store))
    dialog = scanned_dialog(qtbot, window, barcode)
    assert dialog.price.text() == ""  # no product of that name: the clerk types the price
    assert dialog.windowTitle() == f"Activar la entrada {barcode}"
    assert (dialog.activate_button.text(), dialog.close_button.text()) == ("Activar", "Cerrar")
    dialog.start_activation()
    assert dialog.message.property("kind") == "error" and "importe" in dialog.message.text().lower()
    dialog.price.setText("12,50")
    dialog.set_method("card")
    assert dialog.reference.isVisibleTo(dialog)
    dialog.start_activation()
    assert dialog.message.property("kind") == "error"
    assert "referencia" in dialog.message.text() and "card" not in dialog.message.text()
    settle(qtbot, window)
    assert activations(store) == [] and door_status(store, barcode) == "pregenerated"

    qtbot.keyClicks(dialog.reference, "SLIP-0099")
    with qtbot.waitSignal(dialog.activated, timeout=WAIT_MS):
        dialog.start_activation()
    [row] = activations(store)
    assert (row.payload["amount_cents"], row.payload["method"], row.payload["reference"]) == (1250, "card",
                                                                                                "SLIP-0099")
    assert dialog.message.text() == ("12,50\u00a0€ con tarjeta. Activada. Se envía a la plataforma central con la "
                                     "próxima sincronización.")
    dialog.accept()


def test_a_door_clerk_scanning_it_goes_to_the_door_check(qtbot, store: Store) -> None:
    from boxoffice.ui.door_check import DoorCheckDialog

    barcode = ticket_barcode(new_purchase_code(), 1)
    pregenerate(store, barcode)
    door = create_clerk(store.session_factory, "Pepe", "5555", role="door")
    window = ready_window(qtbot, backend_for(store, "en"), clerk=door)
    window.handle_scan(barcode)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), DoorCheckDialog), timeout=WAIT_MS)
    settle(qtbot, window)
    QApplication.activeModalWidget().reject()
    assert activations(store) == [] and door_status(store, barcode) == "pregenerated"
