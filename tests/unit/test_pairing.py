"""Pairing: every way the connection check fails names the field to fix; nothing is saved until it succeeds."""

from __future__ import annotations

import errno
import json
import socket
import ssl
import subprocess
from pathlib import Path

import pytest

from boxoffice import credentials, pairing
from boxoffice.app import Context
from boxoffice.config import Config, load_config
from boxoffice.paths import resolve
from tests.helpers.canned_http import Canned, CannedServer
from tests.helpers.keyring_entries import token_entries

OFFICE = "office_taquilla_norte"
TOKEN = "bxc_test-token-0123456789"
EVENTS_OK = {"message": "ok", "status": 200, "data": {"valido": True, "response": [
    {"event_id": "EV1", "event_name": "Festival de Verano", "date_start": "2026-07-01T18:00:00Z", "assigned": 300},
    {"event_id": "EV2", "event_name": "Jazz", "date_start": None, "assigned": 20},
]}}


def js(obj: object) -> bytes:
    return json.dumps(obj).encode()


def envelope(status: int, message: str, **data: object) -> Canned:
    return Canned(status=status, body=js({"message": message, "status": status, "data": {"valido": False, **data}}))


@pytest.fixture
def server():
    with CannedServer() as srv:
        yield srv


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


# --- the address --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "error", "hint"), [
    ("", pairing.MissingValue, "address"),
    ("central.example", pairing.InvalidUrl, "https://central.example"),
    ("ftp://central.example", pairing.InvalidUrl, "http"),
    ("https://", pairing.InvalidUrl, "complete"),
    ("https://central.example:99999", pairing.InvalidUrl, "port"),
    ("https://central example", pairing.InvalidUrl, "complete"),
    ("https://central.example/?x=1", pairing.InvalidUrl, "?"),
])
def test_a_malformed_address_is_refused_before_any_network(url: str, error: type, hint: str) -> None:
    with pytest.raises(error) as caught:
        pairing.check_connection(url, OFFICE, TOKEN)
    assert caught.value.field == "url"
    assert hint in str(caught.value)


def test_address_is_trimmed() -> None:
    assert pairing.normalise_url("  https://central.example/api/ ") == "https://central.example/api"


@pytest.mark.parametrize(("office", "token", "field"), [("", TOKEN, "office"), (OFFICE, "  ", "token")])
def test_missing_office_or_token(office: str, token: str, field: str) -> None:
    with pytest.raises(pairing.MissingValue) as caught:
        pairing.check_connection("https://central.example", office, token)
    assert caught.value.field == field


def test_a_missing_ca_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(pairing.CaFileMissing) as caught:
        pairing.check_connection("https://central.example", OFFICE, TOKEN, str(tmp_path / "nope.pem"))
    assert caught.value.field == "ca_file" and "nope.pem" in str(caught.value)


# --- what the platform answers ------------------------------------------------------------------------------

def test_success_lists_the_office_events(server: CannedServer) -> None:
    server.answer(Canned(body=js(EVENTS_OK)))
    info = pairing.check_connection(server.url + "/", OFFICE, f"  {TOKEN} ")
    assert info.url == server.url and info.office_id == OFFICE
    assert [e.name for e in info.events] == ["Festival de Verano", "Jazz"] and info.assigned == 320
    seen = server.seen[0]
    assert seen.path == "/offline_office_events" and seen.headers["Authorization"] == f"Bearer {TOKEN}"
    assert json.loads(seen.body) == {"data": {"office_id": OFFICE}}


@pytest.mark.parametrize(("answer", "error", "field", "words"), [
    (envelope(401, "invalid token: it is unknown to this platform"), pairing.TokenRefused, "token", "token"),
    (envelope(403, "this token belongs to office 'x'", field="data.office_id"), pairing.OfficeRefused, "office",
     OFFICE),
    (envelope(400, "data.office_id: unknown office 'x'", field="data.office_id"), pairing.UnknownOffice,
     "office", "no office"),
    (envelope(404, "unknown office", field="office_id"), pairing.UnknownOffice, "office", "no office"),
    (envelope(404, "Not Found"), pairing.NotAPlatform, "url", "HTTP 404"),
    (Canned(status=404, body=b"<html>Not here</html>", headers={"Content-Type": "text/html"}),
     pairing.NotAPlatform, "url", "not as the central platform"),
    (Canned(status=200, body=b"<html>Welcome to nginx</html>", headers={"Content-Type": "text/html"}),
     pairing.NotAPlatform, "url", "not as the central platform"),
    (envelope(503, "maintenance"), pairing.PlatformUnavailable, "url", "HTTP 503"),
    (envelope(429, "slow down"), pairing.PlatformUnavailable, "url", "try again"),
])
def test_each_refusal_names_the_field_to_fix(server: CannedServer, answer: Canned, error: type, field: str,
                                             words: str) -> None:
    server.answer(answer)
    with pytest.raises(error) as caught:
        pairing.check_connection(server.url, OFFICE, TOKEN)
    assert caught.value.field == field
    assert words in str(caught.value)
    assert TOKEN not in str(caught.value)


def test_nothing_listening_is_connection_refused() -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    with pytest.raises(pairing.ConnectionRefused) as caught:
        pairing.check_connection(url, OFFICE, TOKEN, timeout=(2, 2))
    assert caught.value.field == "url"
    assert "cannot reach" in str(caught.value) and "nothing answers" in str(caught.value)


def test_an_unknown_host_name_is_host_not_found() -> None:
    with pytest.raises(pairing.HostNotFound) as caught:
        pairing.check_connection("https://no-such-host.invalid", OFFICE, TOKEN, timeout=(2, 2))
    assert "no-such-host.invalid" in str(caught.value) and "network" in str(caught.value)


@pytest.mark.parametrize("failure", [TimeoutError(), OSError(errno.ENETUNREACH, "Network is unreachable")])
def test_no_route_or_no_answer_is_no_network(monkeypatch: pytest.MonkeyPatch, failure: OSError) -> None:
    class NoRoute(socket.socket):
        def connect(self, address: object) -> None:
            raise failure

    monkeypatch.setattr(pairing.socket, "socket", NoRoute)
    error = pairing.explain(pairing.CentralUnreachable("offline_office_events", "timed out"),
                            "https://127.0.0.1:8443", OFFICE)
    assert isinstance(error, pairing.NoNetwork) and error.field == "url"
    assert "network" in str(error)


def test_an_untrusted_certificate_points_at_the_ca_file(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path / "platform")
    other, _ = self_signed(tmp_path / "other")
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    with CannedServer(tls_context=context) as server:
        with pytest.raises(pairing.TLSFailure) as untrusted:
            pairing.check_connection(server.url, OFFICE, TOKEN, timeout=(2, 2))
        assert untrusted.value.field == "url" and "CA file" in str(untrusted.value)
        with pytest.raises(pairing.TLSFailure) as wrong_ca:
            pairing.check_connection(server.url, OFFICE, TOKEN, str(other), timeout=(2, 2))
        assert wrong_ca.value.field == "ca_file"
        server.answer(Canned(body=js(EVENTS_OK)))
        assert len(pairing.check_connection(server.url, OFFICE, TOKEN, str(cert), timeout=(2, 2)).events) == 2


# --- pairing saves only after the check ---------------------------------------------------------------------

@pytest.fixture
def context(tmp_path: Path) -> Context:
    paths = resolve(None, tmp_path / "terminal")
    paths.ensure()
    return Context(paths=paths, config=Config(), log_file=None)


def test_pair_saves_token_and_config_only_after_the_platform_accepts(server: CannedServer,
                                                                     context: Context) -> None:
    server.answer(envelope(401, "invalid token"))
    with pytest.raises(pairing.TokenRefused):
        pairing.pair(context, server.url, OFFICE, TOKEN)
    assert not context.paths.config_file.exists()
    assert token_entries(OFFICE) == []

    server.answer(Canned(body=js(EVENTS_OK)))
    result = pairing.pair(context, server.url + "/", OFFICE, TOKEN, office_name="Taquilla Norte")
    saved = load_config(context.paths.config_file)
    assert saved.paired and saved.central.url == server.url and saved.central.office_name == "Taquilla Norte"
    assert result.context.config == saved and result.office.assigned == 320
    assert credentials.peek_token(OFFICE, server.url) == TOKEN
    assert TOKEN not in context.paths.config_file.read_text(encoding="utf-8")


def test_a_failed_re_pair_keeps_the_working_token(server: CannedServer, context: Context) -> None:
    server.answer(Canned(body=js(EVENTS_OK)))
    paired = pairing.pair(context, server.url, OFFICE, TOKEN).context
    server.answer(envelope(401, "invalid token"))
    with pytest.raises(pairing.TokenRefused):
        pairing.pair(paired, server.url, OFFICE, "bxc_mistyped")
    assert credentials.peek_token(OFFICE, server.url) == TOKEN
    assert load_config(context.paths.config_file).central.url == server.url


def test_re_pairing_another_office_does_not_keep_the_old_office_name(server: CannedServer,
                                                                     context: Context) -> None:
    server.answer(Canned(body=js(EVENTS_OK)))
    first = pairing.pair(context, server.url, OFFICE, TOKEN, office_name="Taquilla Norte").context
    server.answer(Canned(body=js(EVENTS_OK)))
    second = pairing.pair(first, server.url, "office_taquilla_sur", TOKEN).context
    assert second.config.central.office_name == "office_taquilla_sur"


# --- a platform that implements only the spec (#12.10) -------------------------------------------------------

NOT_LISTED = envelope(404, "Not Found")  # offline_office_events is not there
INVENTORY_OK = Canned(body=js({"message": "ok", "status": 200, "data": {"valido": True, "response": [
    {"ticket_id": "EV1-1", "seat_id": "GEN1", "zone": "General", "color": "#4A90D9", "status": True},
    {"ticket_id": "EV1-2", "seat_id": "GEN2", "zone": "General", "color": "#4A90D9", "status": False}]}}))


@pytest.mark.parametrize(("probe", "error", "field"), [
    (envelope(400, "data.event_id: unknown event 'x'", field="data.event_id"), pairing.EventsNeeded, "events"),
    (envelope(404, "unknown event", field="data.event_id"), pairing.EventsNeeded, "events"),
    (envelope(401, "invalid token"), pairing.TokenRefused, "token"),
    (envelope(400, "data.office_id: unknown office 'x'", field="data.office_id"), pairing.UnknownOffice, "office"),
    (envelope(404, "Not Found"), pairing.NotAPlatform, "url"),  # a wrong path: nothing is there
])
def test_without_the_events_list_the_spec_call_tells_a_platform_from_a_wrong_address(
        server: CannedServer, probe: Canned, error: type, field: str) -> None:
    server.answer(NOT_LISTED, probe)
    with pytest.raises(error) as caught:
        pairing.check_connection(server.url, OFFICE, TOKEN)
    assert caught.value.field == field
    assert [seen.path for seen in server.seen] == ["/offline_office_events", "/offline_office_tickets_list_sales"]


def test_named_events_are_checked_with_the_spec_call_when_the_platform_has_no_list(server: CannedServer) -> None:
    server.answer(NOT_LISTED, INVENTORY_OK)
    info = pairing.check_connection(server.url, OFFICE, TOKEN, event_ids=[" EV1 ,", "EV1"])
    assert not info.listed and info.event_ids == ("EV1",)
    assert [(e.id, e.assigned) for e in info.events] == [("EV1", 2)]
    # the spec's call and fields, with the extension asking for columns (a spec platform ignores it)
    assert json.loads(server.seen[1].body) == {"data": {"event_id": "EV1", "office_id": OFFICE, "layout": "columns"}}


def test_named_events_the_list_shows_need_no_extra_call(server: CannedServer) -> None:
    server.answer(Canned(body=js(EVENTS_OK)))
    info = pairing.check_connection(server.url, OFFICE, TOKEN, event_ids=["EV2"])
    assert info.listed and [e.name for e in info.events] == ["Jazz"] and len(server.seen) == 1


@pytest.mark.parametrize(("typed", "ids"), [("EV1, EV2 EV1", ["EV1", "EV2"]), ("", []),
                                           (["a", " b,c "], ["a", "b", "c"])])
def test_event_ids_as_typed(typed: str | list[str], ids: list[str]) -> None:
    assert pairing.clean_event_ids(typed) == ids


def test_a_relative_ca_file_is_paired_as_an_absolute_path(server: CannedServer, context: Context, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    cert, _key = self_signed(tmp_path / "certs")
    monkeypatch.chdir(tmp_path)
    server.answer(Canned(body=js(EVENTS_OK)))
    paired = pairing.pair(context, server.url, OFFICE, TOKEN, ca_file="certs/cert.pem").context
    assert paired.config.central.ca_file == str(cert.resolve())
    assert load_config(context.paths.config_file).central.ca_file == str(cert.resolve())


def test_a_failed_save_puts_back_the_token_that_was_there(server: CannedServer, context: Context) -> None:
    server.answer(Canned(body=js(EVENTS_OK)))
    paired = pairing.pair(context, server.url, OFFICE, TOKEN).context
    context.paths.config_file.unlink()
    context.paths.config_file.mkdir()  # the config cannot be replaced: a folder is in its place
    server.answer(Canned(body=js(EVENTS_OK)))
    with pytest.raises(OSError):
        pairing.pair(paired, server.url, OFFICE, "bxc_a-new-token-0123456789")
    assert credentials.peek_token(OFFICE, server.url) == TOKEN


@pytest.mark.parametrize("token", ["tok en-123456", "tók-123456789", "tok\x00-123456", "\udcff\udcfe-token"])
def test_a_token_with_characters_no_token_has_is_refused_before_any_network(token: str) -> None:
    with pytest.raises(pairing.MalformedToken) as caught:
        pairing.check_connection("https://central.invalid", OFFICE, token)
    assert caught.value.field == "token" and "paste it again" in str(caught.value)
