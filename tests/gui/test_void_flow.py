"""Voiding a scanned sale: a reason, then a supervisor's PIN; the journal names the supervisor; an undelivered
sale frees its seats at once, a delivered one only when the reference central platform confirms the cancellation.
Refusals: no reason, a wrong PIN, a clerk's PIN, a prompt cancelled, no way to ask for a PIN. The dialog voids,
reprints and reads through the window's operation runner; it follows the cancellation on the change hub."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.core.changes import Changes
from boxoffice.core.payments import PaymentRequest
from boxoffice.printing.pdf import PrintError
from boxoffice.services import catalog, clerks
from boxoffice.services.catalog import lines_for
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.context import Terminal
from boxoffice.services.sales import LineRequest, SaleRequest, sell
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry, Outbox, Sale, Ticket
from boxoffice.ui.qt import QApplication, QInputDialog, Qt, QTimer
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.supervisor_pin import SupervisorPinDialog
from boxoffice.ui.window_context import window_context
from tests.helpers.central_server import SeededTemplate, central_server, seeded_template
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store
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


def open_sale(qtbot, store: Store, code: str, terminal: Terminal = TERMINAL, **extra) -> SaleDialog:
    """The dialog over a window context of the store: it voids through the sales facade (the default)."""
    sale = catalog.find_sale(store.read_session_factory, code)
    assert sale is not None
    extra.setdefault("session_factory", store.session_factory)
    dialog = SaleDialog(sale, window_context(backend_for(store, terminal=terminal)), **extra)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def on_prompt(qtbot, act: Callable[[SupervisorPinDialog], None]) -> None:
    """Run ``act`` on the supervisor prompt once it is up (it is modal: this is queued before it opens)."""
    def find() -> None:
        prompt = QApplication.activeModalWidget()
        if isinstance(prompt, SupervisorPinDialog) and prompt.isVisible() and prompt.loaded:  # supervisors read
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


def test_a_refused_void_says_why_in_words(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    """Voided meanwhile at another screen: the service refuses with a code, the dialog shows its text."""
    code = sell_two(store)
    dialog = open_sale(qtbot, store, code, authorise=lambda _prompt: team["marta"])
    dialog.ctx.facades.sales.void(code, "at the other screen", actor="Marta")
    dialog.start_void("wrong date")
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert dialog.message.text() == f"Not voided. Sale {code} is already voided."
    assert dialog.message.property("kind") == "error"
    assert [actor for actor, _ in void_entries(store, code)] == ["Marta"]  # the first void only


def test_a_printer_that_does_not_answer_never_holds_the_void(qtbot, store: Store,
                                                             team: dict[str, ClerkInfo]) -> None:
    """Reprint runs on the device thread: while the printer hangs, the void is written and shown; the printer's
    failure is told when it finally answers."""
    code = sell_two(store)
    release, started = threading.Event(), threading.Event()

    def hanging(_code: str) -> None:
        started.set()
        release.wait(30)
        raise PrintError("the printer did not answer")

    dialog = open_sale(qtbot, store, code, reprint=hanging, authorise=lambda _prompt: team["marta"])
    try:
        qtbot.mouseClick(dialog.reprint_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(started.is_set, timeout=WAIT_MS)
        with qtbot.waitSignal(dialog.seats_freed, timeout=WAIT_MS):
            dialog.start_void("customer changed their mind")
        assert sale_state(store, code) == ("voided", {s: "available" for s in SEATS})
        assert "on sale again now" in dialog.message.text()
    finally:
        release.set()
    qtbot.waitUntil(lambda: "did not answer" in dialog.message.text(), timeout=WAIT_MS)
    assert dialog.message.text() == "Could not print: the printer did not answer"


# --- a delivered sale, against the reference central platform -----------------------------------------------

@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("void-central"))


def test_a_delivered_void_keeps_the_seats_sold_until_the_platform_confirms(
        qtbot, tmp_path: Path, template: SeededTemplate) -> None:
    """The cancellation reaches the reference platform through a real delivery worker; the composition root
    tells the hub after every delivery round that changed something, which the test does here by hand (standing
    for the worker's callback): the dialog follows the hub, nothing polls."""
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
            runner = dialog.ctx.runner
            qtbot.waitUntil(lambda: runner.pending == 0, timeout=WAIT_MS)
            assert freed == [] and dialog.confirmation.state == "queued"  # not read again until the hub says so
            dialog.ctx.hub.publish(Changes(outbox=True, platform=(code,)))  # what a delivery round reports
            qtbot.waitUntil(lambda: bool(freed), timeout=WAIT_MS)
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
    window.handle_scan(barcode)  # the sale is looked up on the read pool
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(SaleDialog)), timeout=WAIT_MS)
    dialog = next(d for d in window.findChildren(SaleDialog) if d.isVisible())
    on_prompt(qtbot, lambda prompt: type_pin(qtbot, prompt, team["marta"], "8642"))
    dialog.start_void("customer changed their mind")
    qtbot.waitUntil(lambda: sale_state(store, code)[0] == "voided", timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=WAIT_MS)
    assert sale_state(store, code)[1] == dict.fromkeys(SEATS, "available")  # never sent: back on sale now
    assert [actor for actor, _ in void_entries(store, code)] == ["Marta"]
    assert woken  # the delivery worker was told at once
    qtbot.waitUntil(lambda: window.seat_map.state_of(SEATS[0]) == "available", timeout=WAIT_MS)
