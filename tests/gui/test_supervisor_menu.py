"""The supervisor's menu at the window: role gating, comps from the cart, and training mode on a scratch copy."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from boxoffice.app import Context, make_printer
from boxoffice.config import Config, PrinterConfig, TerminalConfig
from boxoffice.paths import resolve
from boxoffice.services.clerks import ClerkInfo
from boxoffice.store.models import Clerk, JournalEntry, Sale, Ticket
from boxoffice.training import training_starter
from boxoffice.ui.comp_dialog import CompDialog
from boxoffice.ui.main_window import MainWindow
from tests.gui.window_helpers import ready_window, settle
from tests.helpers.demo_inventory import backend_for, seed_store
from tests.unit.printing.printing_helpers import pdf_text

SUPERVISOR = ClerkInfo(1, "Marta López", "supervisor", None)
CLERK = ClerkInfo(2, "Javier Ruiz", "clerk", None)
SUPERVISOR_ACTIONS = {"door", "returns", "syncQueue", "shift", "zReports", "reports", "staff", "training",
                      "settings"}


def _window(qtbot, tmp_path: Path, clerk: ClerkInfo, *, pdf: bool = False, shift: bool = True):
    """A window on a seeded store with the two clerks, training available, printing to PDF files if asked, and a
    shift open unless ``shift`` is False."""
    store = seed_store(tmp_path / "t.sqlite3", shift=shift)
    with store.session_factory.begin() as session:
        session.add(Clerk(id=SUPERVISOR.id, name=SUPERVISOR.name, role="supervisor", pin_hash="scrypt$x"))
        session.add(Clerk(id=CLERK.id, name=CLERK.name, role="clerk", pin_hash="scrypt$x"))
    paths = resolve(data_dir=tmp_path / "data")
    paths.ensure()
    printer = PrinterConfig(kind="pdf", pdf_dir=str(tmp_path / "prints")) if pdf else PrinterConfig()
    context = Context(paths=paths, config=Config(printer=printer, terminal=TerminalConfig(language="en")),
                      log_file=None)
    backend = backend_for(store, data_dir=paths.data_dir, apply_settings=lambda *_: None)
    make_printer(context, store).apply(backend)
    backend.start_training = training_starter(backend, store.path, paths.data_dir,
                                              lambda scratch: make_printer(context, scratch))
    window = ready_window(qtbot, backend, clerk=clerk)
    return store, window


def _pick_seats(window: MainWindow, *ticket_ids: str) -> None:
    window.seat_map.set_selected(set(ticket_ids))
    window._seats_selected(list(ticket_ids))


def test_a_clerk_reaches_none_of_the_supervisor_tools(qtbot, tmp_path: Path) -> None:
    store, window = _window(qtbot, tmp_path, CLERK)
    assert not window.supervisor_button.isVisible()
    assert not window.cart_panel.comp_button.isVisible()
    assert all(window.menu_action(name) is None for name in SUPERVISOR_ACTIONS)
    for opener in (window.open_returns, window.open_sync_queue, window.open_shift, window.open_reports,
                   window.open_z_reports, window.open_settings, window.open_staff):
        assert opener() is None
    door = window.open_door_check()  # a clerk may check tickets at the door (core/permissions)
    assert door is not None
    door.close()
    _pick_seats(window, "EVDEMO-VIP1")
    window.comp()  # the button is hidden; calling the slot anyway does nothing
    window.enter_training()
    assert not window.training
    with store.read_session_factory() as session:
        assert session.scalar(select(func.count()).select_from(Sale)) == 0
    window.set_clerk(SUPERVISOR)
    assert window.supervisor_button.isVisible() and window.cart_panel.comp_button.isVisible()
    assert "Marta López" in window.switch_button.text()
    assert {a.objectName() for a in window.supervisor_menu.actions()} >= SUPERVISOR_ACTIONS
    store.close()


def test_the_comp_dialog_wants_a_reason_and_a_recipient(qtbot) -> None:
    dialog = CompDialog(2, "€180.00")
    qtbot.addWidget(dialog)
    dialog.submit()
    assert dialog.result() != CompDialog.DialogCode.Accepted and "reason" in dialog.message.text()
    dialog.reason.setCurrentText("Press")
    dialog.submit()
    assert dialog.result() != CompDialog.DialogCode.Accepted and "receives" in dialog.message.text()
    dialog.recipient.setText("  Pat Lee ")
    dialog.submit()
    assert dialog.result() == CompDialog.DialogCode.Accepted and dialog.values == ("Press", "Pat Lee")


def test_a_supervisor_comps_the_cart_and_it_prints_marked(qtbot, tmp_path: Path) -> None:
    store, window = _window(qtbot, tmp_path, SUPERVISOR, pdf=True)
    _pick_seats(window, "EVDEMO-VIP1", "EVDEMO-VIP2")
    assert window.cart.total_cents == 18000
    with qtbot.waitSignal(window.printed, timeout=10_000), \
            qtbot.waitSignal(window.sale_completed, timeout=10_000) as done:
        window.complete_comp("Press", "Pat Lee")
    result = done.args[0]
    assert result.total_cents == 0 and "issued free of charge" in window.banner.text()
    with store.read_session_factory() as session:
        sale = session.scalars(select(Sale).where(Sale.purchase_code == result.purchase_code)).one()
        assert (sale.comp_reason, sale.customer_name, sale.clerk_id) == ("Press", "Pat Lee", SUPERVISOR.id)
        assert session.get(Ticket, "EVDEMO-VIP1").state == "sold"
    printed = " ".join(pdf_text(tmp_path / "prints" / f"{result.purchase_code}.pdf").split())
    assert printed.count("COMP") >= 2 and "€0.00" in printed
    store.close()


def test_training_sells_on_a_copy_prints_training_and_leaves_no_trace(qtbot, tmp_path: Path) -> None:
    store, window = _window(qtbot, tmp_path, SUPERVISOR, pdf=True)
    with store.read_session_factory() as session:
        journal_before = session.scalar(select(func.count()).select_from(JournalEntry))
    _pick_seats(window, "EVDEMO-GEN1")
    window.enter_training()  # refused: a cart is waiting
    assert not window.training and "clear the cart" in window.banner.text()
    window.cart_panel._clear()
    window.menu_action("training").trigger()
    qtbot.waitUntil(lambda: window.training, timeout=10_000)
    assert window.training_bar.isVisible() and "TRAINING" in window.windowTitle()
    assert window.menu_action("leaveTraining") is not None and window.menu_action("training") is None
    qtbot.waitUntil(lambda: "Training" in window.status.connection.text(), timeout=5000)
    settle(qtbot, window)
    _pick_seats(window, "EVDEMO-VIP3")
    from boxoffice.core.payments import PaymentRequest

    with qtbot.waitSignal(window.printed, timeout=10_000), \
            qtbot.waitSignal(window.sale_completed, timeout=10_000) as done:
        window.complete_sale([PaymentRequest("cash", tendered_cents=10000)])
    practice = done.args[0]
    printed = " ".join(pdf_text(tmp_path / "prints" / f"{practice.purchase_code}.pdf").split())
    assert "TRAINING / FORMACIÓN" in printed
    assert "TRAINING / FORMACIÓN" in " ".join(
        pdf_text(tmp_path / "prints" / f"{practice.purchase_code}-receipt.pdf").split())
    assert window.seat_map.state_of("EVDEMO-VIP3") == "sold"
    copy = window.backend.session_factory.kw["bind"].url.database
    # the real store never saw it
    with store.read_session_factory() as session:
        assert session.get(Ticket, "EVDEMO-VIP3").state == "available"
        assert session.scalar(select(func.count()).select_from(Sale)) == 0
        assert session.scalar(select(func.count()).select_from(JournalEntry)) == journal_before

    window.menu_action("leaveTraining").trigger()
    assert not window.training and not window.training_bar.isVisible()
    settle(qtbot, window)  # the real store's seats, read again
    assert window.seat_map.state_of("EVDEMO-VIP3") == "available"
    assert not Path(copy).exists()
    assert window.backend.terminal.training is False
    store.close()


def test_each_supervisor_entry_opens_its_screen(qtbot, tmp_path: Path) -> None:
    from boxoffice.services.shifts import current_shift, open_shift
    from boxoffice.ui.reports_view import ReportsDialog
    from boxoffice.ui.returns_dialog import ReturnsDialog
    from boxoffice.ui.shift_dialogs import CloseShiftDialog, OpenShiftDialog, ShiftHistoryDialog
    from boxoffice.ui.sync_queue import SyncQueueDialog

    store, window = _window(qtbot, tmp_path, SUPERVISOR, shift=False)
    opened = {}
    for name, kind in (("returns", ReturnsDialog), ("syncQueue", SyncQueueDialog), ("shift", OpenShiftDialog),
                       ("zReports", ShiftHistoryDialog), ("reports", ReportsDialog)):
        before = set(window.findChildren(kind))
        window.menu_action(name).trigger()
        settle(qtbot, window)  # the shift entry reads the open shift first
        new = set(window.findChildren(kind)) - before
        assert len(new) == 1, name
        opened[name] = new.pop()
        assert opened[name].isVisible()
        opened[name].reject()
    assert current_shift(store.read_session_factory) is None
    open_shift(store.session_factory, SUPERVISOR.id, 10000, actor=SUPERVISOR.name)
    window.menu_action("shift").trigger()  # with a shift open, the same entry closes it
    settle(qtbot, window)
    closing = [d for d in window.findChildren(CloseShiftDialog) if d.isVisible()]
    assert len(closing) == 1
    _pick_seats(window, "EVDEMO-GEN2")
    assert window.sale_in_progress()
    closing[0].reject()
    store.close()


def test_reprinting_a_past_z_report_is_journaled_with_the_supervisor(qtbot, tmp_path: Path) -> None:
    from boxoffice.services.shifts import close_shift, open_shift

    store, window = _window(qtbot, tmp_path, SUPERVISOR, pdf=True, shift=False)
    shift = open_shift(store.session_factory, SUPERVISOR.id, 5000, actor=SUPERVISOR.name)
    close_shift(store.session_factory, shift.id, {5000: 1}, SUPERVISOR.name)
    history = window.open_z_reports()
    settle(qtbot, window)  # the closed shifts are read in the background
    assert history.view.print_report()
    settle(qtbot, window)  # printed on the device thread, then journaled
    assert list((tmp_path / "prints").glob("z-report-*.pdf"))
    with store.read_session_factory() as session:
        entry = session.scalars(select(JournalEntry).where(JournalEntry.kind == "z_report_print")).one()
        assert (entry.actor, entry.subject) == (SUPERVISOR.name, str(shift.id))
    history.reject()
    store.close()
