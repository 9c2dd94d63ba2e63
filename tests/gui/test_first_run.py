"""First-run wizard against the reference central platform: every error shows under its field and saves nothing;
the happy path ends paired (token in the keyring, config saved), with the inventory pulled and a supervisor."""

from __future__ import annotations

import argparse
import json
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from boxoffice import credentials
from boxoffice.app import Context
from boxoffice.config import Config, load_config
from boxoffice.core.payments import PaymentRequest
from boxoffice.facades.pairing import PairingFacade
from boxoffice.paths import resolve
from boxoffice.services import catalog, clerks
from boxoffice.services.sales import SaleRequest, sell
from boxoffice.store.engine import Store, open_store
from boxoffice.ui.first_run import CONNECT, PAIR, SUPERVISOR, FirstRunWizard
from boxoffice.ui.main_window import MainWindow
from boxoffice.ui.qt import QApplication, Qt, QTimer
from boxoffice.ui.signin import SignInDialog
from boxoffice.ui.window_context import shutdown, window_context
from tests.helpers.canned_http import Canned, CannedServer
from tests.helpers.central_server import CentralServer, central_server
from tests.helpers.demo_inventory import backend_for
from tests.helpers.keyring_entries import token_entries
from tests.helpers.shifts import open_test_shift

NORTE, SUR = "office_taquilla_norte", "office_taquilla_sur"
WAIT_MS = 15_000


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
    """One platform for the module: the wizard only reads from it."""
    with central_server(tmp_path_factory.mktemp("central")) as server:
        yield server


@pytest.fixture
def context(tmp_path: Path) -> Context:
    paths = resolve(None, tmp_path / "terminal")
    paths.ensure()
    return Context(paths=paths, config=Config(), log_file=None)


@pytest.fixture
def store(context: Context) -> Iterator[Store]:
    with open_store(context.paths.database) as opened:
        yield opened


@pytest.fixture
def wizard(qtbot, context: Context, store: Store) -> Iterator[FirstRunWizard]:
    backend = backend_for(store)
    dialog = FirstRunWizard(window_context(backend), PairingFacade(context, store))
    qtbot.addWidget(dialog)
    dialog.resize(1024, 760)
    dialog.show()
    qtbot.waitExposed(dialog)
    yield dialog
    shutdown(backend)


def fill(wizard: FirstRunWizard, url: str, office: str, token: str, ca_file: str = "") -> None:
    for field, text in ((wizard.url_field, url), (wizard.office_field, office), (wizard.token_field, token),
                        (wizard.ca_field, ca_file)):
        field.setText(text)
    wizard._values_changed()


def test_connection(qtbot, wizard: FirstRunWizard) -> None:
    qtbot.mouseClick(wizard.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT_MS)


def shown_errors(wizard: FirstRunWizard) -> dict[str, str]:
    return {key: label.text() for key, label in wizard.field_errors.items() if label.isVisible() and label.text()}


def assert_nothing_saved(context: Context, office: str = NORTE) -> None:
    assert not context.paths.config_file.exists()
    assert token_entries(office) == []


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out",
                    str(cert), "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


# --- error paths -------------------------------------------------------------------------------------------

def test_starts_on_connect_with_the_token_hidden_and_next_disabled(wizard: FirstRunWizard) -> None:
    assert wizard.current_page() == CONNECT
    assert wizard.token_field.echoMode() == wizard.token_field.EchoMode.Password
    assert not wizard.next_button.isEnabled() and not shown_errors(wizard)
    wizard.show_token.click()
    assert wizard.token_field.echoMode() == wizard.token_field.EchoMode.Normal


@pytest.mark.parametrize(("url", "office", "token", "field", "words"), [
    ("central.example", NORTE, "tok", "url", "https://central.example"),
    ("ftp://central.example", NORTE, "tok", "url", "not a valid address"),
    ("", NORTE, "tok", "url", "Type the platform's address"),
    ("https://central.example", "", "tok", "office", "office id"),
    ("https://central.example", NORTE, "", "token", "Paste the API token"),
])
def test_wrong_or_missing_values_are_shown_under_their_field(qtbot, wizard: FirstRunWizard, context: Context,
                                                             url: str, office: str, token: str, field: str,
                                                             words: str) -> None:
    fill(wizard, url, office, token)
    test_connection(qtbot, wizard)
    errors = shown_errors(wizard)
    assert list(errors) == [field] and words in errors[field]
    assert wizard.test_result.property("kind") == "error"
    assert not wizard.next_button.isEnabled()
    assert_nothing_saved(context)


def test_bad_token(qtbot, wizard: FirstRunWizard, central: CentralServer, context: Context) -> None:
    fill(wizard, central.url, NORTE, "bxc_not-the-token")
    test_connection(qtbot, wizard)
    errors = shown_errors(wizard)
    assert list(errors) == ["token"] and "does not accept this token" in errors["token"]
    assert wizard.token_field.hasFocus()
    assert "bxc_not-the-token" not in wizard.test_detail.text()
    assert not wizard.next_button.isEnabled()
    assert_nothing_saved(context)


def test_unknown_office(qtbot, wizard: FirstRunWizard, central: CentralServer, context: Context) -> None:
    fill(wizard, central.url, "office_nowhere", central.admin_token)
    test_connection(qtbot, wizard)
    errors = shown_errors(wizard)
    assert list(errors) == ["office"] and "has no office office_nowhere" in errors["office"]
    assert_nothing_saved(context, "office_nowhere")


def test_token_of_another_office(qtbot, wizard: FirstRunWizard, central: CentralServer, context: Context) -> None:
    fill(wizard, central.url, SUR, central.office_tokens[NORTE])
    test_connection(qtbot, wizard)
    errors = shown_errors(wizard)
    assert list(errors) == ["office"] and f"may not act for office {SUR}" in errors["office"]
    assert_nothing_saved(context, SUR)


def test_no_network_closed_port(qtbot, wizard: FirstRunWizard, context: Context) -> None:
    port = closed_port()
    fill(wizard, f"http://127.0.0.1:{port}", NORTE, "bxc_token")
    test_connection(qtbot, wizard)
    errors = shown_errors(wizard)
    assert list(errors) == ["url"] and f"Nothing answers at 127.0.0.1 port {port}" in errors["url"]
    assert wizard.url_field.hasFocus()
    assert_nothing_saved(context)


def test_an_address_that_is_not_the_platform(qtbot, wizard: FirstRunWizard, central: CentralServer) -> None:
    fill(wizard, central.url + "/api/v2", NORTE, central.office_tokens[NORTE])
    test_connection(qtbot, wizard)
    errors = shown_errors(wizard)
    assert list(errors) == ["url"] and "not the central platform" in errors["url"]
    assert "HTTP 404" in wizard.test_detail.text() or "Not Found" in wizard.test_detail.text()


def test_tls_error_then_the_ca_file(qtbot, wizard: FirstRunWizard, tmp_path: Path, context: Context) -> None:
    cert, key = self_signed(tmp_path / "platform")
    other, _ = self_signed(tmp_path / "other")
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    with CannedServer(tls_context=tls) as server:
        fill(wizard, server.url, NORTE, "bxc_token")
        test_connection(qtbot, wizard)
        errors = shown_errors(wizard)
        assert list(errors) == ["url"] and "certificate is not trusted" in errors["url"]

        fill(wizard, server.url, NORTE, "bxc_token", str(other))
        test_connection(qtbot, wizard)
        errors = shown_errors(wizard)
        assert list(errors) == ["ca_file"] and "not signed by this CA file" in errors["ca_file"]

        fill(wizard, server.url, NORTE, "bxc_token", str(tmp_path / "missing.pem"))
        test_connection(qtbot, wizard)
        assert list(shown_errors(wizard)) == ["ca_file"]

        server.answer(Canned(body=json.dumps({"message": "ok", "data": {"valido": True, "response": []}}).encode()))
        fill(wizard, server.url, NORTE, "bxc_token", str(cert))
        test_connection(qtbot, wizard)
        assert not shown_errors(wizard) and "No events are assigned" in wizard.test_result.text()
        assert wizard.next_button.isEnabled()
    assert_nothing_saved(context)


def test_editing_after_a_passed_test_asks_for_a_new_test(qtbot, wizard: FirstRunWizard,
                                                         central: CentralServer) -> None:
    fill(wizard, central.url, NORTE, central.office_tokens[NORTE])
    test_connection(qtbot, wizard)
    assert wizard.next_button.isEnabled() and "Festival de Verano" in wizard.test_result.text()
    qtbot.keyClicks(wizard.office_field, "x")
    assert not wizard.next_button.isEnabled() and wizard.test_result.text() == ""


EVENTS = json.dumps({"message": "ok", "data": {"valido": True, "response": [
    {"event_id": "EV1", "event_name": "Jazz", "date_start": None, "assigned": 0}]}}).encode()
NO_EVENTS = json.dumps({"message": "ok", "data": {"valido": True, "response": []}}).encode()


def test_a_token_refused_at_pairing_saves_nothing_and_goes_back(qtbot, wizard: FirstRunWizard,
                                                                context: Context) -> None:
    with CannedServer() as server:
        server.answer(Canned(body=EVENTS), Canned(status=401, body=b'{"message": "revoked"}'))
        fill(wizard, server.url, NORTE, "bxc_token")
        test_connection(qtbot, wizard)
        wizard.next_button.click()
        qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT_MS)
    assert wizard.paired is None and "Nothing was saved" in wizard.pair_message.text()
    assert wizard.back_button.isVisible() and not wizard.next_button.isEnabled()
    wizard.back_button.click()
    assert wizard.current_page() == CONNECT and list(shown_errors(wizard)) == ["token"]
    assert_nothing_saved(context)


def test_a_failed_pull_can_be_retried_or_skipped(qtbot, wizard: FirstRunWizard, context: Context) -> None:
    with CannedServer() as server:
        server.answer(Canned(body=EVENTS), Canned(body=EVENTS), Canned(status=503, body=b'{"message": "busy"}'))
        fill(wizard, server.url, NORTE, "bxc_token")
        test_connection(qtbot, wizard)
        wizard.next_button.click()
        qtbot.waitUntil(lambda: not wizard.busy, timeout=WAIT_MS)
        assert wizard.paired is not None and wizard.pulled is None
        assert "Could not fetch the inventory" in wizard.steps["inventory"].text()
        assert wizard.retry_button.isVisible() and wizard.next_button.isEnabled()  # may go on without it
        assert load_config(context.paths.config_file).paired
        server.answer(Canned(body=NO_EVENTS))
        wizard.retry_button.click()
        qtbot.waitUntil(lambda: wizard.pulled is not None, timeout=WAIT_MS)
    assert "0 ticket(s)" in wizard.steps["inventory"].text() and not wizard.retry_button.isVisible()


# --- the happy path ----------------------------------------------------------------------------------------

def test_pairs_pulls_and_creates_the_supervisor(qtbot, wizard: FirstRunWizard, central: CentralServer,
                                                context: Context, store: Store) -> None:
    token = central.office_tokens[NORTE]
    fill(wizard, central.url + "/", NORTE, token)
    wizard.name_field.setText("Taquilla Norte")
    test_connection(qtbot, wizard)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.current_page() == PAIR
    qtbot.waitUntil(lambda: wizard.pulled is not None, timeout=WAIT_MS)
    assert "300 ticket(s) for sale in 1 event(s)" in wizard.steps["inventory"].text()
    assert not wizard.back_button.isVisible() and not wizard.retry_button.isVisible()

    assert credentials.peek_token(NORTE, central.url) == token
    saved = load_config(context.paths.config_file)
    assert (saved.central.url, saved.central.office_id, saved.central.office_name) == (
        central.url, NORTE, "Taquilla Norte")
    assert token not in context.paths.config_file.read_text(encoding="utf-8")
    assert wizard.paired.config == saved
    assert [e.name for e in catalog.list_events(store.read_session_factory)] == ["Festival de Verano"]

    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    assert wizard.current_page() == SUPERVISOR
    form = wizard.supervisor_form
    assert form.isVisible() and wizard.supervisor_form.create_button.isVisible()
    qtbot.keyClick(form.name_field, Qt.Key.Key_Escape)  # would hide the embedded form
    assert form.isVisible() and wizard.isVisible()
    form.name_field.setText("Marta López")  # QTest types ASCII only
    qtbot.keyClicks(form.pin_field, "2468")
    qtbot.keyClicks(form.repeat_field, "2468")
    wizard.badge_scanned("0004455667")
    with qtbot.waitSignal(wizard.accepted, timeout=WAIT_MS):
        qtbot.keyClick(form.repeat_field, Qt.Key.Key_Return)  # Enter creates, as in the stand-alone dialog
    assert wizard.supervisor is not None and wizard.supervisor.role == "supervisor"
    assert [(c.name, c.role, c.rfid) for c in clerks.list_clerks(store.session_factory)] == [
        ("Marta López", "supervisor", "0004455667")]


def test_existing_clerks_skip_the_supervisor_step(qtbot, wizard: FirstRunWizard, central: CentralServer,
                                                  store: Store) -> None:
    clerks.create_first_supervisor(store.session_factory, "Luis", "1357")
    fill(wizard, central.url, NORTE, central.office_tokens[NORTE])
    test_connection(qtbot, wizard)
    wizard.next_button.click()
    qtbot.waitUntil(lambda: wizard.pulled is not None, timeout=WAIT_MS)
    assert wizard.next_button.text() == "Finish"
    with qtbot.waitSignal(wizard.accepted, timeout=WAIT_MS):
        wizard.next_button.click()


# --- the whole start-up --------------------------------------------------------------------------------------

def _when_modal(kind: type, act) -> None:
    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            act(widget)
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def _when_main_window(act) -> None:
    def poll() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if windows:
            act(windows[0])
        else:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)


def test_an_unpaired_start_runs_the_wizard_then_delivers_sales(qtbot, tmp_path: Path) -> None:
    """run_gui: wizard, sign-in, main window; the delivery worker and the pull work after the wizard."""
    with central_server(tmp_path / "central") as central:  # its own platform: this test sells a ticket
        _start_pair_and_sell(qtbot, central, tmp_path)


def _start_pair_and_sell(qtbot, central: CentralServer, tmp_path: Path) -> None:
    from boxoffice.app import run_gui

    token = central.office_tokens[NORTE]
    seen: dict[str, object] = {}

    def pair(wizard: FirstRunWizard) -> None:
        fill(wizard, central.url, NORTE, token)
        test_connection(qtbot, wizard)
        wizard.next_button.click()
        qtbot.waitUntil(lambda: wizard.pulled is not None, timeout=WAIT_MS)
        wizard.next_button.click()
        form = wizard.supervisor_form
        form.name_field.setText("Marta")
        form.pin_field.setText("2468")
        form.repeat_field.setText("2468")
        form.submit()

    def sign(dialog: SignInDialog) -> None:
        dialog.select_clerk(dialog.clerks[0].id)
        for digit in "2468":
            dialog._press_digit(digit)
        dialog.submit()

    def work(window: MainWindow) -> None:
        backend = window.backend
        seen["office"] = backend.terminal.office_id
        seen["pulled"] = [r.available for r in backend.pull()]
        open_test_shift(backend.session_factory)  # every sale belongs to a shift
        lines = catalog.lines_for(backend.session_factory, central.event_id, zone="General", quantity=1)
        sell(backend.session_factory, backend.terminal,
             SaleRequest(event_id=central.event_id, lines=lines,
                         payments=(PaymentRequest("cash", tendered_cents=100_000),)))
        backend.wake_sync()
        qtbot.waitUntil(lambda: backend.sync_status().pending == 0, timeout=WAIT_MS)
        seen["status"] = backend.sync_status()
        window.close()

    _when_modal(FirstRunWizard, pair)
    _when_modal(SignInDialog, sign)
    _when_main_window(work)
    args = argparse.Namespace(config=None, data_dir=str(tmp_path / "terminal"), log_level="WARNING", kiosk=False,
                              smoke_test=False)
    assert run_gui(args) == 0
    assert seen["office"] == NORTE and seen["pulled"] == [300]
    status = seen["status"]
    assert status.pending == 0 and status.last_success is not None and status.parked == 0
    assert credentials.peek_token(NORTE, central.url) == token


# --- a platform that implements only the spec (#12.10), a certificate for another host ------------------------

def test_a_spec_only_platform_asks_for_the_event_ids_then_pairs_and_pulls_them(
        qtbot, wizard: FirstRunWizard, context: Context, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from boxoffice.central.extensions import ENV_SPEC_ONLY

    monkeypatch.setenv(ENV_SPEC_ONLY, "1")
    with central_server(tmp_path / "spec-only") as central:
        fill(wizard, central.url, NORTE, central.office_tokens[NORTE])
        test_connection(qtbot, wizard)
        errors = shown_errors(wizard)
        assert list(errors) == ["events"] and "Event ids" in errors["events"]
        assert not wizard.next_button.isEnabled()
        assert_nothing_saved(context)

        wizard.events_field.setText("NO-SUCH-EVENT")
        wizard._values_changed()
        test_connection(qtbot, wizard)
        assert "NO-SUCH-EVENT" in shown_errors(wizard)["events"]

        wizard.events_field.setText(central.event_id)
        wizard._values_changed()
        test_connection(qtbot, wizard)
        assert not shown_errors(wizard) and "Festival de Verano" in wizard.test_result.text()
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: wizard.pulled is not None, timeout=WAIT_MS)
    assert "300 ticket(s) for sale in 1 event(s)" in wizard.steps["inventory"].text()
    assert credentials.peek_token(NORTE, central.url) == central.office_tokens[NORTE]


def test_a_certificate_for_another_host_is_named_in_the_wizard(qtbot, wizard: FirstRunWizard, tmp_path: Path,
                                                               context: Context) -> None:
    from boxoffice.central.app import create_app
    from tests.helpers.tls import make_ca, serve_tls, server_certificate

    ca = make_ca(tmp_path / "ca")
    cert, key = server_certificate(tmp_path / "server", ca, ["central.example"])
    with serve_tls(create_app(f"sqlite:///{tmp_path / 'central.sqlite3'}"), cert, key) as url:
        fill(wizard, url, NORTE, "bxc_token", str(ca.cert))
        test_connection(qtbot, wizard)
    errors = shown_errors(wizard)
    assert list(errors) == ["url"] and "another name" in errors["url"] and "127.0.0.1" in errors["url"]
    assert "CA file" not in errors["url"]
    assert_nothing_saved(context)
