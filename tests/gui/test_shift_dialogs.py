"""Shift screens: open with a float, the refusals, close with a count, and a Z report whose figures (on screen and
in the PDF) are the sales made in the test. The screens read, write, print and save through the window's
operation runner: the tests wait for it (``settle``) where the old screens answered at once."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from boxoffice.core.changes import Changes
from boxoffice.core.payments import PaymentRequest
from boxoffice.printing.outputs import PdfPrinter, PrintError
from boxoffice.services.clerks import ClerkInfo
from boxoffice.services.returns import void_sale
from boxoffice.services.sales import LineRequest, SaleRequest, SaleResult, sell
from boxoffice.services.shifts import close_shift, closed_shifts, current_shift, open_shift
from boxoffice.store.engine import Store
from boxoffice.store.models import Clerk, JournalEntry, Shift
from boxoffice.ui.backend import Backend
from boxoffice.ui.qt import Qt
from boxoffice.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog, ShiftHistoryDialog
from boxoffice.ui.window_context import window_context
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store
from tests.unit.printing.printing_helpers import need_tool

ANA = ClerkInfo(1, "Ana", "supervisor", None)
BEA = ClerkInfo(2, "Bea", "clerk", None)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = seed_store(tmp_path / "shifts.sqlite3", shift=False)
    with store.session_factory.begin() as session:
        for clerk in (ANA, BEA):
            session.add(Clerk(id=clerk.id, name=clerk.name, role=clerk.role, pin_hash="scrypt$x"))
    yield store
    store.close()


def english(store: Store) -> Backend:
    backend = backend_for(store, "en")
    backend.language = "en"  # backend_for sets the money format only; printed words follow the language
    return backend


def settle(qtbot, backend: Backend) -> None:
    """Wait until every read and write the screens asked of the operation runner has answered."""
    runner = window_context(backend).runner
    qtbot.waitUntil(lambda: runner.pending == 0, timeout=5000)


def pdf_layout_text(pdf: Path) -> str:
    tool = need_tool("pdftotext", "poppler-utils")
    out = subprocess.run([tool, "-layout", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True)
    return " ".join(out.stdout.decode().split())


def journal_kinds(store: Store) -> list[tuple[str, str | None]]:
    with store.session_factory() as session:
        return [(e.kind, e.actor) for e in session.scalars(select(JournalEntry).order_by(JournalEntry.seq))]


def test_open_a_shift_with_a_float(qtbot, store: Store) -> None:
    backend = backend_for(store, "es")
    dialog = OpenShiftDialog(backend, ANA)
    qtbot.addWidget(dialog)
    settle(qtbot, backend)  # whether another shift is open: read in the background
    qtbot.keyClicks(dialog.float_amount, "abc")
    assert not dialog.open_button.isEnabled() and "not an amount" in dialog.message.text()
    dialog.float_amount.clear()
    qtbot.keyClicks(dialog.float_amount, "150,50")
    assert dialog.open_button.isEnabled() and "150,50\u00a0€" in dialog.message.text()
    with qtbot.waitSignal(dialog.shift_opened, timeout=5000) as opened:
        qtbot.keyClick(dialog.float_amount, "\r")
    shift = current_shift(store.session_factory)
    assert shift is not None and opened.args[0].id == shift.id and dialog.shift == shift
    assert shift.float_cents == 15050 and shift.clerk_id == ANA.id
    assert journal_kinds(store)[-1] == ("shift_open", "Ana")


def test_a_second_shift_is_refused_while_one_is_open(qtbot, store: Store) -> None:
    backend = english(store)
    # another terminal window (or the same clerk earlier) opened a shift after this dialog was shown
    dialog = OpenShiftDialog(backend, BEA)
    qtbot.addWidget(dialog)
    settle(qtbot, backend)
    first = open_shift(store.session_factory, ANA.id, 10000, actor="Ana")
    qtbot.keyClicks(dialog.float_amount, "50")
    dialog.open_shift()
    qtbot.waitUntil(lambda: "still open" in dialog.message.text(), timeout=5000)
    assert dialog.shift is None and dialog.result() == 0
    with store.session_factory() as session:
        assert [s.id for s in session.scalars(select(Shift))] == [first.id]
    # opened now, with a shift already open: said at once, and nothing can be typed
    again = OpenShiftDialog(backend, BEA)
    qtbot.addWidget(again)
    settle(qtbot, backend)
    assert f"Shift {first.id} is still open" in again.message.text() and "Ana" in again.message.text()
    assert not again.open_button.isEnabled() and not again.float_amount.isEnabled()


def test_close_is_refused_while_a_sale_is_half_done(qtbot, store: Store) -> None:
    backend = english(store)
    shift = open_shift(store.session_factory, ANA.id, 5000, actor="Ana")
    half_done = {"value": True}
    dialog = CloseShiftDialog(backend, ANA, shift, sale_in_progress=lambda: half_done["value"])
    qtbot.addWidget(dialog)
    settle(qtbot, backend)  # the cash expected
    dialog.set_count(5000, 1)
    dialog.show()
    qtbot.keyClick(dialog.counts[5000], Qt.Key.Key_Return)  # Enter while counting never closes the shift
    assert dialog.isVisible() and dialog.closed is None and dialog.message.text() == ""
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert "half-done" in dialog.message.text()
    assert dialog.pages.currentIndex() == 0 and dialog.closed is None
    still = current_shift(store.session_factory)
    assert still is not None and still.id == shift.id and still.report is None
    assert journal_kinds(store)[-1][0] == "shift_open"  # nothing written
    half_done["value"] = False  # the clerk finished the sale
    with qtbot.waitSignal(dialog.shift_closed, timeout=5000):
        dialog.close_shift()
    assert current_shift(store.session_factory) is None and dialog.pages.currentIndex() == 1


def _sell(store: Store, clerk: ClerkInfo, lines: tuple[LineRequest, ...],
          payments: tuple[PaymentRequest, ...]) -> SaleResult:
    return sell(store.session_factory, TERMINAL, SaleRequest("EVDEMO", lines, payments, clerk_id=clerk.id))


def test_close_with_a_count_shows_and_saves_a_z_report_of_the_sales_made(qtbot, store: Store,
                                                                         tmp_path: Path) -> None:
    backend = backend_for(store, "es", data_dir=tmp_path / "data")
    money = backend.money
    float_cents = 10000
    shift = open_shift(store.session_factory, ANA.id, float_cents, actor="Ana")
    cash_tendered = 0
    # Ana: two General seats for cash, 100.00 handed over
    two = _sell(store, ANA, (LineRequest("tt-gen", 2, ("EVDEMO-GEN1", "EVDEMO-GEN2")),),
                (PaymentRequest("cash", tendered_cents=10000),))
    cash_tendered += 10000
    # Bea: a Preferente seat by card
    by_card = _sell(store, BEA, (LineRequest("tt-pre", 1, ("EVDEMO-PRE1",)),),
                    (PaymentRequest("card", amount_cents=4000, reference="AUTH-1"),))
    # Ana: a VIP seat, 50.00 by card and 50.00 cash handed over (change back)
    split = _sell(store, ANA, (LineRequest("tt-vip", 1, ("EVDEMO-VIP1",)),),
                  (PaymentRequest("card", amount_cents=5000, reference="AUTH-2"),
                   PaymentRequest("cash", tendered_cents=5000)))
    cash_tendered += 5000
    # Bea: a General seat for cash, then voided
    voided = _sell(store, BEA, (LineRequest("tt-gen", 1, ("EVDEMO-GEN3",)),),
                   (PaymentRequest("cash", tendered_cents=2500),))
    void_sale(store.session_factory, TERMINAL, voided.purchase_code, "wrong seat", actor="Ana")
    # Ana (a supervisor): a comp, with a reason and a recipient, nothing paid
    comp = sell(store.session_factory, TERMINAL, SaleRequest("EVDEMO", (LineRequest("tt-gen", 1, ("EVDEMO-GEN4",)),),
                                                            (), clerk_id=ANA.id, comp_reason="Prensa",
                                                            customer_name="Pat Lee"))
    assert comp.total_cents == 0
    paid = [two, by_card, split]
    change = sum(s.change_cents for s in paid)
    expected = float_cents + cash_tendered - change
    card_total = sum(p.amount_cents for s in paid for p in s.payments if p.method == "card")

    dialog = CloseShiftDialog(backend, ANA, shift, sale_in_progress=lambda: False)
    qtbot.addWidget(dialog)
    assert not dialog.close_button.isEnabled()  # until the cash expected is read
    settle(qtbot, backend)
    assert dialog.close_button.isEnabled()
    assert money.format(expected) in dialog.expected_label.text()
    counted = {10000: 1, 2000: 4, 500: 1, 200: 2}  # one note short of what is expected
    for cents, pieces in counted.items():
        dialog.counts[cents].setValue(pieces)
    counted_cents = sum(c * n for c, n in counted.items())
    assert dialog.counted_cents() == counted_cents
    assert money.format(counted_cents) in dialog.counted_label.text()
    assert money.format(counted_cents - expected) in dialog.difference_label.text()
    assert dialog.difference_label.property("kind") == "error"
    with qtbot.waitSignal(dialog.shift_closed, timeout=5000) as closed:
        dialog.close_shift()
    info = closed.args[0]
    assert info.counted == counted and info.counted_cents == counted_cents
    assert journal_kinds(store)[-1] == ("shift_close", "Ana")

    view = dialog.report_view
    assert dialog.pages.currentIndex() == 1
    assert view.value("sales", "sales_count") == str(len(paid))
    assert view.value("sales", "sales_total") == money.format(sum(s.total_cents for s in paid))
    assert view.value("sales", "comps") == "1 (1 entrada)"
    assert view.value("sales", "voids") == f"1 · {money.format(voided.total_cents)}"
    assert view.value("cash", "float") == money.format(float_cents)
    assert view.value("cash", "taken") == money.format(cash_tendered)
    assert view.value("cash", "change") == money.format(-change)
    assert view.value("cash", "expected") == money.format(expected)
    assert view.value("cash", "counted") == money.format(counted_cents)
    assert view.value("cash", "difference") == money.format(counted_cents - expected)
    assert view.value("card", "card_total") == money.format(card_total)
    clerks = view.shown_rows("Por vendedor")
    assert clerks["Ana · 2 ventas, 1 cortesía"] == money.format(two.total_cents + split.total_cents)
    assert clerks["Bea · 1 venta"] == money.format(by_card.total_cents)

    # a copy is kept beside the data at once
    qtbot.waitUntil(lambda: dialog.kept_pdf is not None, timeout=5000)
    assert dialog.kept_pdf == tmp_path / "data" / "z-reports" / f"z-report-{shift.id}.pdf"
    assert " ".join(f"Contado {money.format(counted_cents)}".split()) in pdf_layout_text(dialog.kept_pdf)
    with qtbot.waitSignal(view.pdf_saved, timeout=5000) as saved:
        assert view.save_pdf(tmp_path / "z.pdf")
    pdf = saved.args[0]
    assert pdf == tmp_path / "z.pdf" and pdf.exists() and "z.pdf" in view.message.text()
    text = pdf_layout_text(pdf)
    for row in (f"Ventas cobradas {len(paid)}", f"Total vendido {money.format(sum(s.total_cents for s in paid))}",
                f"Esperado en caja {money.format(expected)}", f"Contado {money.format(counted_cents)}",
                f"Diferencia {money.format(counted_cents - expected)}",
                f"Total con tarjeta {money.format(card_total)}", f"100,00 € × 1 {money.format(10000)}",
                f"Anulaciones 1 · {money.format(voided.total_cents)}", "Taquilla Norte"):
        assert " ".join(row.split()) in text  # the text's spaces, no-break ones too, are plain here

    # printing: not set up says so; a failing printer says why; a configured printer gets the same report
    assert not view.print_report() and "not set up" in view.message.text()

    def jammed(_report: object) -> None:
        raise PrintError("the network printer at 10.0.0.5 refused the connection")

    backend.print_report = jammed
    with qtbot.waitSignal(view.printed, timeout=5000) as ended:
        assert view.print_report()
    assert ended.args == [False] and "refused the connection" in view.message.text()
    printer = PdfPrinter(tmp_path / "printouts", language="es")
    backend.print_report = printer.print_report
    with qtbot.waitSignal(view.printed, timeout=5000) as ended:
        assert view.print_report()
    assert ended.args == [True] and "sent to the printer" in view.message.text()
    settle(qtbot, backend)
    assert journal_kinds(store)[-1] == ("z_report_print", "Ana")  # who printed it, once it is on paper
    assert printer.last_path == tmp_path / "printouts" / f"z-report-{shift.id}.pdf"
    assert " ".join(f"Esperado en caja {money.format(expected)}".split()) in pdf_layout_text(printer.last_path)


def test_closed_shifts_z_reports_can_be_looked_at_again(qtbot, store: Store) -> None:
    backend = english(store)
    empty = ShiftHistoryDialog(backend)
    qtbot.addWidget(empty)
    settle(qtbot, backend)
    assert not empty.picker.isEnabled() and "No shift" in empty.view.headline.text()
    assert not empty.view.print_button.isEnabled()

    first = open_shift(store.session_factory, ANA.id, 0, actor="Ana")
    _sell(store, ANA, (LineRequest("tt-vip", 1, ("EVDEMO-VIP2",)),), (PaymentRequest("cash", tendered_cents=9000),))
    close_shift(store.session_factory, first.id, {5000: 1, 2000: 2}, "Ana")
    second = open_shift(store.session_factory, BEA.id, 2000, actor="Bea")
    close_shift(store.session_factory, second.id, {2000: 1}, "Bea")
    assert [s.id for s in closed_shifts(store.session_factory)] == [second.id, first.id]

    dialog = ShiftHistoryDialog(backend)
    qtbot.addWidget(dialog)
    settle(qtbot, backend)
    assert dialog.picker.count() == 2 and f"Shift {second.id}" in dialog.picker.itemText(0)
    assert dialog.view.value("cash", "expected") == "€20.00" and dialog.view.value("cash", "difference") == "€0.00"
    dialog.picker.setCurrentIndex(1)
    assert dialog.view.shift.id == first.id
    assert dialog.view.value("sales", "sales_total") == "€90.00"
    assert dialog.view.value("", "opened_by") == "Ana"
    assert dialog.view.report_print.section("Cash count").rows == (("€50.00 × 1", "€50.00"),
                                                                   ("€20.00 × 2", "€40.00"))


def test_the_open_dialog_follows_the_change_hub(qtbot, store: Store) -> None:
    """A shift opened elsewhere in the window (the hub's shift_changed, published here by hand as the runner does
    after any shift write) turns the open dialog into the refusal without reopening it; closed again, it frees."""
    backend = english(store)
    dialog = OpenShiftDialog(backend, BEA)
    qtbot.addWidget(dialog)
    settle(qtbot, backend)
    qtbot.keyClicks(dialog.float_amount, "20")
    assert dialog.open_button.isEnabled()
    hub = window_context(backend).hub
    other = open_shift(store.session_factory, ANA.id, 0, actor="Ana")
    hub.publish(Changes(shift=True))
    qtbot.waitUntil(lambda: f"Shift {other.id} is still open" in dialog.message.text(), timeout=5000)
    assert not dialog.open_button.isEnabled() and not dialog.float_amount.isEnabled()
    close_shift(store.session_factory, other.id, {}, "Ana")
    hub.publish(Changes(shift=True))
    qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)
    assert dialog.float_amount.isEnabled() and "Float" in dialog.message.text()


def test_a_printer_that_does_not_answer_leaves_the_report_usable(qtbot, store: Store, tmp_path: Path) -> None:
    """The Z report goes to the printer on the writer thread: while the printer hangs, the dialog still answers
    (another shift can be picked, the report read); when the printer finally fails, the report says so."""
    backend = english(store)
    for clerk in (ANA, BEA):
        shift = open_shift(store.session_factory, clerk.id, 1000, actor=clerk.name)
        close_shift(store.session_factory, shift.id, {1000: 1}, clerk.name)
    release = threading.Event()
    started = threading.Event()

    def hanging(_report: object) -> None:
        started.set()
        release.wait(30)
        raise PrintError("the printer did not answer")

    backend.print_report = hanging
    dialog = ShiftHistoryDialog(backend)
    qtbot.addWidget(dialog)
    settle(qtbot, backend)
    try:
        assert dialog.view.print_report()
        qtbot.waitUntil(started.is_set, timeout=5000)
        assert "Printing" in dialog.view.message.text()
        dialog.picker.setCurrentIndex(1)  # the GUI thread is free while the job hangs
        assert dialog.view.value("", "opened_by") == "Ana"
    finally:
        release.set()
    qtbot.waitUntil(lambda: "did not answer" in dialog.view.message.text(), timeout=5000)
    with store.session_factory() as session:
        assert "z_report_print" not in {e.kind for e in session.scalars(select(JournalEntry))}
