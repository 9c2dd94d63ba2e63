"""Refunds at the window (#16 point 6): from a scanned sale, Refund… opens the refund dialog; one ticket of two is
given back to the card with its slip reference after a supervisor's PIN: the refund row, its outbox entry and the
journal entry are written, the seats stay sold (until the platform confirms), and the dialog opened again shows
the ticket greyed and only the other one to choose. Refusals write nothing: no reason, a card refund without the
slip's reference (said in Spanish), no supervisor. Everything reads and writes through the operation runner."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.services import catalog, refunds
from boxoffice.services.clerks import ClerkInfo
from boxoffice.store.engine import Store
from boxoffice.store.models import JournalEntry, Outbox
from boxoffice.ui.application import install_translations
from boxoffice.ui.qt import QApplication, Qt
from boxoffice.ui.refund_dialog import RefundDialog
from boxoffice.ui.sale_dialog import SaleDialog
from boxoffice.ui.window_context import window_context
from tests.gui.test_void_flow import SEATS, WAIT_MS, make_team, sale_state, sell_two
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = seed_store(tmp_path / "t.sqlite3")
    yield opened
    opened.close()


@pytest.fixture
def team(store: Store) -> dict[str, ClerkInfo]:
    return make_team(store)


def open_refund(qtbot, store: Store, code: str, **extra) -> RefundDialog:
    dialog = RefundDialog(code, window_context(backend_for(store, terminal=TERMINAL)), **extra)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=WAIT_MS)
    return dialog


def refund_rows(store: Store, code: str) -> tuple[list[Outbox], list[JournalEntry]]:
    with store.read_session_factory() as session:
        outbox = list(session.scalars(select(Outbox).where(Outbox.kind == "refund", Outbox.subject == code)))
        entries = list(session.scalars(select(JournalEntry).where(JournalEntry.kind == "refund",
                                                                   JournalEntry.subject == code)))
        session.expunge_all()
        return outbox, entries


def test_one_ticket_of_two_refunded_to_the_card_then_only_the_other_can_be_chosen(
        qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    code = sell_two(store)
    sale = catalog.find_sale(store.read_session_factory, code)
    ctx = window_context(backend_for(store, terminal=TERMINAL))
    prompts: list[str] = []
    sale_dialog = SaleDialog(sale, ctx, authorise=lambda prompt: prompts.append(prompt) or team["marta"])
    qtbot.addWidget(sale_dialog)
    sale_dialog.show()
    qtbot.waitUntil(lambda: ctx.runner.pending == 0, timeout=WAIT_MS)
    assert sale_dialog.refund_button.isEnabled() and sale_dialog.void_button.isEnabled()

    dialog = sale_dialog.open_refund()
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.view is not None, timeout=WAIT_MS)
    assert [(checkable, checked) for _seat, checkable, checked in dialog.ticket_rows()] == [(True, False)] * 2
    assert dialog.method() == "cash" and not dialog.reference.isVisibleTo(dialog)  # paid in cash: cash first
    assert not dialog.refund_button.isEnabled()  # nothing chosen yet
    qtbot.mouseClick(dialog.select_all, Qt.MouseButton.LeftButton)
    assert len(dialog.chosen()) == 2
    assert dialog.total_label.text() == f"To give back: {ctx.money.format(sale.total_cents)}"
    first = dialog.view.tickets[0]
    dialog.set_chosen([first.ticket_id])
    assert not dialog.select_all.isChecked()
    assert dialog.total_label.text() == f"To give back: {ctx.money.format(first.amount_cents)}"

    qtbot.mouseClick(dialog.card_button, Qt.MouseButton.LeftButton)
    assert dialog.reference.isVisibleTo(dialog)
    qtbot.keyClicks(dialog.reference, "SLIP-7781")
    qtbot.keyClicks(dialog.reason, "customer ill")
    with qtbot.waitSignal(dialog.refunded, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.refund_button, Qt.MouseButton.LeftButton)
    assert len(prompts) == 1 and code in prompts[0] and "SLIP-7781" in prompts[0] and "customer ill" in prompts[0]
    assert dialog.message.property("kind") == "ok"
    assert dialog.message.text() == (f"Refunded {ctx.money.format(first.amount_cents)} to the card. The seats go "
                                     "back on sale when the central platform confirms.")

    view = refunds.sale_for_refund(store.read_session_factory, code)
    assert [t.ticket_id for t in view.tickets if t.refunded] == [first.ticket_id]
    assert view.refunded_cents == first.amount_cents
    assert sale_state(store, code) == ("completed", {s: "sold" for s in SEATS})  # until the platform confirms
    [outbox], [entry] = refund_rows(store, code)
    assert outbox.payload["refund"]["card_reference"] == "SLIP-7781"
    assert [t["ticket_id"] for item in outbox.payload["items"] for t in item["tickets"]] == [first.ticket_id]
    assert entry.actor == "Marta"
    journaled = json.loads(entry.payload)
    assert journaled["tickets"] == [first.ticket_id] and journaled["method"] == "card"

    # the refund dialog re-read the sale: the refunded ticket is greyed, the other one alone can be chosen
    qtbot.waitUntil(lambda: [c for _s, c, _k in dialog.ticket_rows()] == [False, True], timeout=WAIT_MS)
    assert dialog.tickets.item(0, 0).text() == "refunded"
    # the sale dialog says how much was refunded, and a sale with refunds is not voided any more
    qtbot.waitUntil(lambda: "refunded" in sale_dialog.summary.text(), timeout=WAIT_MS)
    assert ctx.money.format(first.amount_cents) in sale_dialog.summary.text().split("refunded")[-1]
    assert not sale_dialog.void_button.isEnabled() and sale_dialog.refund_button.isEnabled()
    assert "refund the others" in sale_dialog.void_button.toolTip()
    dialog.accept()

    again = open_refund(qtbot, store, code, authorise=lambda _prompt: team["marta"])
    assert [(checkable, checked) for _seat, checkable, checked in again.ticket_rows()] == [(False, False),
                                                                                           (True, False)]
    assert again.method() == "cash"  # the sale was paid in cash
    qtbot.mouseClick(again.select_all, Qt.MouseButton.LeftButton)
    assert again.chosen() == [view.tickets[1].ticket_id]


def test_no_reason_or_no_card_reference_is_refused_in_spanish_and_writes_nothing(
        qtbot, qapp, store: Store, team: dict[str, ClerkInfo]) -> None:
    install_translations(QApplication.instance(), "es")
    code = sell_two(store)
    prompts: list[str] = []
    dialog = open_refund(qtbot, store, code, authorise=lambda prompt: prompts.append(prompt) or team["marta"])
    qtbot.mouseClick(dialog.select_all, Qt.MouseButton.LeftButton)
    dialog.start_refund()
    assert dialog.message.text() == "Indique el motivo de la devolución."
    assert dialog.message.property("kind") == "error"
    dialog.set_method("card")
    qtbot.keyClicks(dialog.reason, "cliente enfermo")
    dialog.start_refund()
    assert dialog.message.property("kind") == "error"
    assert "referencia" in dialog.message.text() and "card" not in dialog.message.text()
    assert prompts == []  # no PIN asked for a refund that cannot be made
    qtbot.waitUntil(lambda: window_context(backend_for(store)).runner.pending == 0, timeout=WAIT_MS)
    assert refunds.sale_for_refund(store.read_session_factory, code).refunded_cents == 0
    assert refund_rows(store, code) == ([], [])


def test_no_supervisor_refunds_nothing(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    code = sell_two(store)
    dialog = open_refund(qtbot, store, code, authorise=lambda _prompt: None)
    qtbot.mouseClick(dialog.select_all, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.reason, "customer ill")
    dialog.start_refund()
    assert dialog.message.text() == "Not refunded: no supervisor authorised it."
    clerk = open_refund(qtbot, store, code, authorise=lambda _prompt: team["ana"])
    clerk.set_chosen([t.ticket_id for t in clerk.view.tickets])
    qtbot.keyClicks(clerk.reason, "customer ill")
    clerk.start_refund()
    assert clerk.message.text() == "Not refunded: Ana is not a supervisor."
    assert refunds.sale_for_refund(store.read_session_factory, code).refunded_cents == 0
    assert refund_rows(store, code) == ([], [])
    assert sale_state(store, code) == ("completed", {s: "sold" for s in SEATS})


def test_without_a_way_to_ask_for_a_pin_refund_is_disabled(qtbot, store: Store, team: dict[str, ClerkInfo]) -> None:
    code = sell_two(store)
    sale = catalog.find_sale(store.read_session_factory, code)
    sale_dialog = SaleDialog(sale, window_context(backend_for(store, terminal=TERMINAL)))
    qtbot.addWidget(sale_dialog)
    assert not sale_dialog.refund_button.isEnabled() and sale_dialog.open_refund() is None
