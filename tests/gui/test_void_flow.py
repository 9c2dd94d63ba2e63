"""Voiding a scanned sale: a reason, then a supervisor's PIN; the journal names the supervisor; an undelivered
sale frees its seats at once, a delivered one only when the reference central platform confirms the cancellation.
Refusals: no reason, a wrong PIN, a clerk's PIN, a prompt cancelled, no way to ask for a PIN."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.core.money import money_format
from boxoffice.core.payments import PaymentRequest
from boxoffice.services import catalog, clerks
from boxoffice.services.catalog import lines_for
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.context import Terminal
from boxoffice.services.returns import VoidResult, void_sale
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry, Outbox, Sale, Ticket
from boxoffice.ui import sale_dialog
from boxoffice.ui.qt import QApplication, QInputDialog, Qt, QTimer
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.supervisor_pin import SupervisorPinDialog
from tests.helpers.central_server import SeededTemplate, central_server, seeded_template
from tests.helpers.demo_inventory import TERMINAL, seed_store
from tests.helpers.terminal import make_terminal
from tests.integration.sync.sync_helpers import NORTE, make_worker

WAIT_MS = 10_000
SEATS = ("EVDEMO-PRE3", "EVDEMO-PRE4")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = seed_store(tmp_path / "t.sqlite3")
    yield opened
    opened.close()


def make_team(store: Store) -> dict[str, ClerkInfo]:
    sf = store.session_factory
    return {"ana": clerks.create_clerk(sf, "Ana", "1234"),
            "marta": clerks.create_clerk(sf, "Marta", "8642", role="supervisor")}


@pytest.fixture
def team(store: Store) -> dict[str, ClerkInfo]:
    return make_team(store)


def sell_two(store: Store, terminal: Terminal = TERMINAL, event: str = "EVDEMO",
             seats: tuple[str, ...] = SEATS, product: str = "tt-pre") -> str:
    return sell(store.session_factory, terminal, SaleRequest(
        event, (LineRequest(product, len(seats), seats),),
        (PaymentRequest("cash", tendered_cents=10000 * len(seats)),))).purchase_code


def voider(store: Store, terminal: Terminal = TERMINAL) -> Callable[..., VoidResult]:
    """What the main window passes: the void service, with the supervisor as the journal's actor."""
    def void(code: str, reason: str, actor: str | None = None) -> VoidResult:
        return void_sale(store.session_factory, terminal, code, reason, actor=actor)
    return void


def open_sale(qtbot, store: Store, code: str, terminal: Terminal = TERMINAL, **extra) -> SaleDialog:
    sale = catalog.find_sale(store.read_session_factory, code)
    assert sale is not None
    extra.setdefault("session_factory", store.session_factory)
    dialog = SaleDialog(sale, money_format("es"), reprint=None, void=voider(store, terminal), **extra)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def on_prompt(qtbot, act: Callable[[SupervisorPinDialog], None]) -> None:
    """Run ``act`` on the supervisor prompt once it is up (it is modal: this is queued before it opens)."""
    def find() -> None:
        prompt = QApplication.activeModalWidget()
        if isinstance(prompt, SupervisorPinDialog) and prompt.isVisible():
            act(prompt)
        else:
            QTimer.singleShot(10, find)
    QTimer.singleShot(0, find)


def type_pin(qtbot, prompt: SupervisorPinDialog, supervisor: ClerkInfo, pin: str) -> None:
    prompt.select_supervisor(supervisor.id)
    qtbot.keyClicks(prompt.pin_field, pin)
    prompt.submit()
    qtbot.waitUntil(lambda: not prompt.busy, timeout=WAIT_MS)


def sale_state(store: Store, code: str) -> tuple[str, dict[str, str]]:
    with store.read_session_factory() as session:
        sale = session.scalars(select(Sale).where(Sale.purchase_code == code)).one()
        seats = dict(session.execute(select(Ticket.id, Ticket.state)
                                     .where(Ticket.id.in_([t.ticket_id for t in sale.tickets]))).all())
        return sale.status, seats


def void_entries(store: Store, code: str) -> list[tuple[str | None, str]]:
    with store.read_session_factory() as session:
        return [(e.actor, e.payload) for e in session.scalars(
            select(JournalEntry).where(JournalEntry.kind == "void", JournalEntry.subject == code))]


def test_void_by_the_button_needs_a_reason_and_the_supervisor_pin(
        qtbot, store: Store, team: dict[str, ClerkInfo], monkeypatch: pytest.MonkeyPatch) -> None:
    code = sell_two(store)
    dialog = open_sale(qtbot, store, code)
    asked: list[str] = []

    def get_text(_parent, _title, label, *_args, **_kwargs):
        asked.append(label)
        return "customer changed their mind", True

    monkeypatch.setattr(QInputDialog, "getText", staticmethod(get_text))
    reasons: list[str] = []
    on_prompt(qtbot, lambda prompt: (reasons.append(prompt.reason_label.text()),
                                     type_pin(qtbot, prompt, team["marta"], "8642")))
    with qtbot.waitSignal(dialog.seats_freed, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.void_button, Qt.MouseButton.LeftButton)
    assert asked == [f"Reason for voiding sale {code}:"]
    assert reasons and "customer changed their mind" in reasons[0] and code in reasons[0]
    assert sale_state(store, code) == ("voided", {s: "available" for s in SEATS})  # never sent: free now
    [(actor, payload)] = void_entries(store, code)
    assert actor == "Marta" and '"delivered":false' in payload
    assert "on sale again now" in dialog.message.text() and "Authorised by Marta" in dialog.message.text()
    assert dialog.message.property("kind") == "ok"
    assert not dialog.void_button.isEnabled() and dialog.close_button.isEnabled()
    assert "voided" in dialog.summary.text()


def test_a_wrong_pin_and_then_cancel_voids_nothing(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    code = sell_two(store)
    dialog = open_sale(qtbot, store, code)
    messages: list[str] = []

    def wrong_then_cancel(prompt: SupervisorPinDialog) -> None:
        type_pin(qtbot, prompt, team["marta"], "0000")
        messages.append(prompt.message.text())
        prompt.cancel_button.click()

    on_prompt(qtbot, wrong_then_cancel)
    dialog.start_void("wrong date")
    assert messages == ["Wrong PIN, 4 tries left"]
    assert dialog.message.text() == "Not voided: no supervisor authorised it."
    assert dialog.message.property("kind") == "error"
    assert sale_state(store, code) == ("completed", {s: "sold" for s in SEATS})
    assert void_entries(store, code) == []
    assert dialog.void_button.isEnabled()  # can be tried again


def test_a_clerks_own_pin_does_not_authorise(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    code = sell_two(store)
    dialog = open_sale(qtbot, store, code)
    seen: dict[str, object] = {}

    def clerk_pin(prompt: SupervisorPinDialog) -> None:
        seen["names"] = [prompt.supervisor_combo.itemText(i) for i in range(prompt.supervisor_combo.count())]
        type_pin(qtbot, prompt, team["marta"], "1234")  # Ana types her own PIN
        seen["message"] = prompt.message.text()
        prompt.reject()

    on_prompt(qtbot, clerk_pin)
    dialog.start_void("wrong date")
    assert seen == {"names": ["Marta"], "message": "Wrong PIN, 4 tries left"}  # Ana cannot even be chosen
    assert sale_state(store, code)[0] == "completed" and void_entries(store, code) == []
    # an authorise callable that lets a clerk through is refused by the dialog too
    other = open_sale(qtbot, store, code, authorise=lambda _prompt: team["ana"])
    other.start_void("wrong date")
    assert other.message.text() == "Not voided: Ana is not a supervisor."
    assert sale_state(store, code)[0] == "completed" and void_entries(store, code) == []


def test_no_reason_no_void_and_no_prompt(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    code = sell_two(store)
    prompts: list[str] = []
    dialog = open_sale(qtbot, store, code, authorise=lambda prompt: prompts.append(prompt))
    dialog.start_void("   ")
    assert dialog.message.text() == "Give a reason for the void."
    assert prompts == [] and sale_state(store, code)[0] == "completed"


def test_without_a_way_to_ask_for_a_pin_void_is_disabled(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    code = sell_two(store)
    dialog = open_sale(qtbot, store, code, session_factory=None)
    assert not dialog.void_button.isEnabled()
    assert "supervisor" in dialog.void_button.toolTip()


# --- a delivered sale, against the reference central platform -----------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("void-central"))


def test_a_delivered_void_keeps_the_seats_sold_until_the_platform_confirms(
        qtbot, tmp_path: Path, template: SeededTemplate, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sale_dialog, "CONFIRMATION_POLL_MS", 100)  # the dialog's own polling sees it
    (tmp_path / "central").mkdir()
    with central_server(tmp_path / "central", template=template) as central:
        terminal = make_terminal(tmp_path / "terminal", central.url, NORTE, central.office_tokens[NORTE],
                                 event_id=central.event_id)
        store = terminal.open_store()
        worker = make_worker(store, terminal, central.url)
        try:
            team = make_team(store)
            seats = (central.seat_ids["PRE20"], central.seat_ids["PRE21"])
            lines = lines_for(store.session_factory, central.event_id, seats=list(seats))
            code = sell(store.session_factory, terminal.terminal, SaleRequest(
                central.event_id, lines, (PaymentRequest("cash", tendered_cents=20000),))).purchase_code
            assert worker.drain().delivered == 1  # the platform has the sale

            dialog = open_sale(qtbot, store, code, terminal=terminal.terminal)
            freed: list[str] = []
            dialog.seats_freed.connect(freed.append)
            on_prompt(qtbot, lambda prompt: type_pin(qtbot, prompt, team["marta"], "8642"))
            with qtbot.waitSignal(dialog.voided, timeout=WAIT_MS):
                dialog.start_void("refund at the window")
            assert "cancellation is queued" in dialog.message.text()
            qtbot.waitUntil(lambda: dialog.confirmation is not None, timeout=WAIT_MS)
            assert dialog.confirmation.state == "queued"
            assert "Waiting for the central platform" in dialog.confirmation_label.text()
            assert sale_state(store, code) == ("voided", {s: "sold" for s in seats})  # not on sale yet
            assert freed == []
            [(actor, _payload)] = void_entries(store, code)
            assert actor == "Marta"

            assert worker.drain().delivered == 1  # the cancellation reaches the platform
            qtbot.waitUntil(lambda: bool(freed), timeout=WAIT_MS)  # the dialog polls and sees it
            assert freed == [code]
            assert "confirmed the cancellation" in dialog.confirmation_label.text()
            assert sale_state(store, code) == ("voided", {s: "available" for s in seats})
            with store.read_session_factory() as session:
                row = session.scalars(select(Outbox).where(Outbox.kind == "void")).one()
                assert row.state == "delivered"
        finally:
            worker.stop()
            store.close()


def test_from_the_main_window_a_clerk_scans_and_a_supervisor_authorises_the_void(qtbot, store: Store, team) -> None:
    """The whole way a clerk meets it: scan a ticket at the window, Void, reason, the supervisor's PIN."""
    from boxoffice.ui.main_window import MainWindow
    from tests.helpers.demo_inventory import backend_for

    woken: list[bool] = []
    window = MainWindow(backend_for(store, wake_sync=lambda: woken.append(True)), clerk=team["ana"])
    qtbot.addWidget(window)
    window.show()
    code = sell_two(store)
    window.reload()
    with store.read_session_factory() as session:
        barcode = session.scalars(select(Sale).where(Sale.purchase_code == code)).one().tickets[0].barcode
    window.handle_scan(barcode)
    dialog = next(d for d in window.findChildren(SaleDialog) if d.isVisible())
    on_prompt(qtbot, lambda prompt: type_pin(qtbot, prompt, team["marta"], "8642"))
    dialog.start_void("customer changed their mind")
    qtbot.waitUntil(lambda: sale_state(store, code)[0] == "voided", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert sale_state(store, code)[1] == dict.fromkeys(SEATS, "available")  # never sent: back on sale now
    assert [actor for actor, _ in void_entries(store, code)] == ["Marta"]
    assert woken  # the delivery worker was told at once
    qtbot.waitUntil(lambda: window.seat_map.state_of(SEATS[0]) == "available", timeout=WAIT_MS)
