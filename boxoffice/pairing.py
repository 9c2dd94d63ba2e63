"""Pairing a terminal with the central platform: test the connection, keep the token, save the config, pull.

Shared by ``boxoffice pair`` and the first-run wizard, so both say the same thing when something is wrong.
Every failure is a :class:`PairingError` subclass whose ``field`` names the input the person should look at
(``url``, ``office``, ``token``, ``ca_file``, ``events``) and whose message says what to do. Nothing is saved
until the platform has accepted the token for that office: a wrong token never reaches the keyring or the config.
No Qt here; the window calls these functions off the GUI thread.

A platform that implements only the offline-office spec cannot list an office's events (our extension
``offline_office_events`` answers 404): then the installer names the events to pull (``--event ID``, or the
wizard's event field) and each one is checked with the spec's own inventory call. A CA file is stored as an
absolute path, so a kiosk that starts in another working directory still finds it.
"""

from __future__ import annotations

import dataclasses
import errno
import logging
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from boxoffice.config import Config
from boxoffice.core.errors import BoxOfficeError
from boxoffice.sync.client import CentralClient, OfficeEvent
from boxoffice.sync.errors import (
    CentralAuthError,
    CentralError,
    CentralRejected,
    CentralServerError,
    CentralTLSError,
    CentralUnreachable,
    ProtocolError,
)
from boxoffice.sync.pull import events_not_listed
from boxoffice.sync.tls import host_mismatch

log = logging.getLogger(__name__)

CHECK_TIMEOUT = (3.05, 15.0)  # connect, read (seconds): a person is waiting
PROBE_TIMEOUT_S = 3.0

URL, OFFICE, TOKEN, CA_FILE, EVENTS = "url", "office", "token", "ca_file", "events"
_NO_SUCH_EVENT = "boxoffice-pairing-probe"  # an event id no platform has


# --- errors -----------------------------------------------------------------------------------------------

class PairingError(BoxOfficeError):
    """Base: ``field`` is the input to fix (``url``, ``office``, ``token``, ``ca_file``, or ``""``). Each class
    has its ``code`` (the wizard's text, ``ui/error_text.py``, fills in the host, port and office it shows)."""

    field = ""
    code = "pairing_refused"

    def __init__(self, message: str, detail: str = "", *, code: str | None = None) -> None:
        super().__init__(message, code=code, params={"detail": detail})
        self.detail = detail  # the technical cause (for the log and a "details" line), never a secret


class InvalidUrl(PairingError):
    """Not an http:// or https:// address with a host."""

    field = URL
    code = "pairing_url_invalid"


class MissingValue(PairingError):
    """A required input is empty (``field`` is set per instance)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message, code={URL: "pairing_url_missing", OFFICE: "pairing_office_missing",
                                        TOKEN: "pairing_token_missing"}.get(field))
        self.field = field


class CaFileMissing(PairingError):
    field = CA_FILE
    code = "pairing_ca_file_missing"


class Unreachable(PairingError):
    """No answer from the platform: see the subclasses for why, when it could be told."""

    field = URL
    code = "pairing_unreachable"


class HostNotFound(Unreachable):
    """The host name does not resolve: a typo, or no network (no DNS)."""

    code = "pairing_host_not_found"


class ConnectionRefused(Unreachable):
    """The host is there but nothing listens on that port."""

    code = "pairing_connection_refused"


class NoNetwork(Unreachable):
    """No route to the host, or it does not answer at all: cable, Wi-Fi, firewall."""

    code = "pairing_no_network"


class TLSFailure(PairingError):
    """The platform's certificate is not trusted (or the CA file is not a certificate)."""

    field = URL
    code = "pairing_tls_untrusted"

    def __init__(self, message: str, detail: str = "", *, ca_file_given: bool = False) -> None:
        super().__init__(message, detail, code="pairing_tls_not_this_ca" if ca_file_given else None)
        if ca_file_given:
            self.field = CA_FILE


class CertificateHostMismatch(TLSFailure):
    """The certificate is valid but made for another host name: the address is wrong (or the certificate).
    ``field`` stays ``url`` even with a CA file: the file did its job."""

    code = "pairing_certificate_host"


class EventsNeeded(PairingError):
    """The platform cannot list this office's events (spec only): the installer must name them."""

    field = EVENTS
    code = "pairing_events_needed"


class UnknownEventId(PairingError):
    """An event id the installer named is not known to the platform (``event_id`` says which)."""

    field = EVENTS
    code = "pairing_event_unknown"

    def __init__(self, message: str, event_id: str, detail: str = "") -> None:
        super().__init__(message, detail)
        self.event_id = event_id
        self.params["event"] = event_id


class MalformedToken(PairingError):
    """The token has characters no API token has (accents, spaces, control characters): a bad paste."""

    field = TOKEN
    code = "pairing_token_malformed"


class TokenRefused(PairingError):
    """401: the platform does not know this token (mistyped, revoked, another platform's)."""

    field = TOKEN
    code = "pairing_token_refused"


class OfficeRefused(PairingError):
    """403: the token is valid but may not act for this office id (a typo in the id, or another office's token)."""

    field = OFFICE
    code = "pairing_office_refused"


class UnknownOffice(PairingError):
    """The platform says there is no office with this id."""

    field = OFFICE
    code = "pairing_office_unknown"


class NotAPlatform(PairingError):
    """Something answers at the address, but not as the central platform (a web page, a wrong path)."""

    field = URL
    code = "pairing_not_a_platform"


class PlatformUnavailable(PairingError):
    """5xx or 429: the platform is there but cannot answer now."""

    field = URL
    code = "pairing_platform_unavailable"


# --- values -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OfficeInfo:
    """What the platform told us about the office while checking the connection."""

    url: str
    office_id: str
    events: tuple[OfficeEvent, ...]
    #: The events the installer named (to pull just those); empty: every event the platform lists.
    event_ids: tuple[str, ...] = ()
    #: False when the platform has no list of the office's events (it implements only the spec).
    listed: bool = True

    @property
    def assigned(self) -> int:
        return sum(e.assigned for e in self.events)


@dataclass(frozen=True)
class Paired:
    """The outcome of :func:`pair`: the context with the saved config, and what the platform said."""

    context: Any  # boxoffice.app.Context
    office: OfficeInfo


# --- checking ---------------------------------------------------------------------------------------------

def normalise_url(url: str) -> str:
    """``url`` without spaces and trailing slashes, or :class:`InvalidUrl` saying what a good one looks like."""
    url = (url or "").strip().rstrip("/")
    if not url:
        raise MissingValue("type the central platform's address, e.g. https://central.example", URL)
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        if "://" not in url:
            raise InvalidUrl(f"{url!r} has no http:// or https://; write the whole address, "
                             f"e.g. https://{url}", code="pairing_url_no_scheme")
        raise InvalidUrl(f"{url!r} is not an http:// or https:// address")
    try:
        port = parts.port
    except ValueError:
        raise InvalidUrl(f"{url!r} has a port that is not a number between 1 and 65535") from None
    if not parts.hostname or " " in url or port == 0:
        raise InvalidUrl(f"{url!r} is not a complete address; it should look like https://central.example")
    if parts.query or parts.fragment:
        raise InvalidUrl(f"{url!r}: leave out anything after ? or #; the platform's base address is enough")
    return url


def check_connection(url: str, office_id: str, token: str, ca_file: str | None = None, *,
                     event_ids: Sequence[str] = (),
                     timeout: tuple[float, float] = CHECK_TIMEOUT) -> OfficeInfo:
    """Ask the platform for this office's events with this token: proves address, certificate, token, office.

    With ``event_ids``, those events are the ones to pull; each one the platform's list does not show (or every
    one, when the platform has no list) is checked with the spec's inventory call. Saves nothing. Raises a
    :class:`PairingError` subclass naming the field to fix.
    """
    url = normalise_url(url)
    office_id = (office_id or "").strip()
    token = (token or "").strip()
    wanted = clean_event_ids(event_ids)
    if not office_id:
        raise MissingValue("type the office id the central platform gave this window", OFFICE)
    if not token:
        raise MissingValue("paste the API token the central platform gave this office", TOKEN)
    if not (token.isascii() and token.isprintable()) or " " in token:
        raise MalformedToken("the API token has characters no token has (spaces, accents or control characters); "
                             "paste it again exactly as the platform gave it")
    ca_file = absolute_ca_file(ca_file)
    client = CentralClient(url, token, office_id, ca_file=ca_file or None, timeout=timeout)
    try:
        events, listed = _office_events(client, url, wanted)
    except CentralError as exc:
        error = explain(exc, url, office_id, bool(ca_file))
        log.info("connection check to %s as %s failed: %s (%s)", url, office_id, type(error).__name__, exc)
        raise error from None
    finally:
        client.close()
    log.info("connection check to %s as %s: %d event(s)%s", url, office_id, len(events),
             "" if listed else " (named by the installer: the platform has no list)")
    return OfficeInfo(url=url, office_id=office_id, events=tuple(events), event_ids=tuple(wanted), listed=listed)


def clean_event_ids(event_ids: Sequence[str] | str | None) -> list[str]:
    """Event ids as typed: split on commas, spaces or lines, blanks and repeats dropped, order kept."""
    if isinstance(event_ids, str):
        event_ids = [event_ids]
    ids = [part for raw in event_ids or () for part in raw.replace(",", " ").split()]
    return list(dict.fromkeys(ids))


def absolute_ca_file(ca_file: str | None) -> str:
    """``ca_file`` as an absolute path ("" for none), or :class:`CaFileMissing`. Relative means relative to the
    working directory of whoever typed it; a kiosk started elsewhere must still find it."""
    if not (ca_file or "").strip():
        return ""
    path = Path(str(ca_file).strip()).expanduser().resolve()
    if not path.is_file():
        raise CaFileMissing(f"the CA file {ca_file} does not exist; choose the platform's certificate file")
    return str(path)


def _office_events(client: CentralClient, url: str, wanted: list[str]) -> tuple[list[OfficeEvent], bool]:
    """The events to report, and whether the platform lists them (False: it implements only the spec)."""
    try:
        listed = {e.id: e for e in client.office_events()}
    except CentralRejected as exc:
        if not events_not_listed(exc):
            raise
        if wanted:  # the spec's own call on each named event says whether this is the platform
            return [_probe_event(client, event_id) for event_id in wanted], False
        if not _speaks_the_spec(client):  # a wrong path or a web page: every call is "not found"
            raise
        raise EventsNeeded(f"the platform at {url} does not list an office's events (it implements only the "
                           "offline-office spec); name the events to sell with --event ID (repeatable)",
                           exc.reason) from None
    if not wanted:
        return list(listed.values()), True
    return [listed[event_id] if event_id in listed else _probe_event(client, event_id) for event_id in wanted], True


def _speaks_the_spec(client: CentralClient) -> bool:
    """Whether the spec's inventory call is there (asked for an event no platform has): a platform answers it,
    even if only to say the event is unknown; a wrong address answers "not found" for every path. A refused
    token or an unknown office is raised: it is the answer to give."""
    try:
        client.list_office_tickets(_NO_SUCH_EVENT)
    except CentralAuthError:
        raise
    except CentralRejected as exc:
        if "office" in str(exc.data.get("field", "")):
            raise  # no such office: the answer to give
        return exc.status != 404 or "event" in str(exc.data.get("field", ""))
    except CentralError:
        return False
    return True


def _probe_event(client: CentralClient, event_id: str) -> OfficeEvent:
    """Check one named event with the spec's own call (the office's inventory of it)."""
    try:
        tickets = client.list_office_tickets(event_id)
    except CentralRejected as exc:
        if exc.status in (400, 404) and "event" in str(exc.data.get("field", "")):
            raise UnknownEventId(f"the platform has no event {event_id!r}; check the event id", event_id,
                                 exc.reason) from None
        raise
    name = next((t.event_name for t in tickets if t.event_name), event_id)
    return OfficeEvent(id=event_id, name=name, starts_at=None, assigned=len(tickets))


def explain(exc: CentralError, url: str, office_id: str, ca_file_given: bool = False) -> PairingError:
    """Turn a client error into the pairing error a person can act on (by type and status, never by text)."""
    detail = exc.reason
    if isinstance(exc, CentralTLSError):
        if host_mismatch(exc):
            host = urlsplit(url).hostname or url
            return CertificateHostMismatch(f"the certificate of {url} is for another host name, not {host!r}; "
                                           "check the address (use the name the certificate was made for)",
                                           detail)
        if ca_file_given:
            return TLSFailure(f"the certificate of {url} is not signed by the chosen CA file ({detail}); choose "
                              "the platform's CA file, or check the address", detail, ca_file_given=True)
        return TLSFailure(f"the certificate of {url} is not trusted ({detail}); if the platform uses a private "
                          "certificate, choose its CA file; otherwise check the address", detail)
    if isinstance(exc, CentralUnreachable):
        return _diagnose(url, detail)
    if isinstance(exc, CentralAuthError):
        if exc.status == 401:
            return TokenRefused(f"the platform at {url} does not accept this token; paste the token again "
                                "exactly as the platform gave it (it may have been revoked)", detail)
        return OfficeRefused(f"the token is valid but may not act for office {office_id!r}; check the office id, "
                             "or paste the token made for this office", detail)
    if isinstance(exc, CentralRejected):
        names_office = "office" in str(exc.data.get("field", ""))
        if exc.status in (400, 404) and names_office:
            return UnknownOffice(f"the platform has no office {office_id!r}; check the office id", detail)
        if exc.status == 404 or not exc.data:
            return NotAPlatform(f"{url} answers, but not as the central platform (HTTP {exc.status}); check the "
                                "address, including any path after the host", detail)
        return PairingError(f"the platform refused the check: {detail}", detail)
    if isinstance(exc, CentralServerError):
        return PlatformUnavailable(f"the platform at {url} cannot answer now (HTTP {exc.status}); try again in a "
                                   "few minutes, or call the platform's support", detail)
    if isinstance(exc, ProtocolError):
        return NotAPlatform(f"{url} answers, but not as the central platform; check the address", detail)
    return PairingError(str(exc), detail)


def _diagnose(url: str, detail: str) -> Unreachable:
    """No answer: find out whether the name, the port or the network is the problem (one quick probe)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    where = f"{host} port {port}"
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        return HostNotFound(f"cannot reach {url}: the name {host!r} cannot be found; check the address, and that "
                            "this computer is connected to the network", detail)
    family, kind, proto, _name, address = infos[0]
    try:
        with socket.socket(family, kind, proto) as probe:
            probe.settimeout(PROBE_TIMEOUT_S)
            probe.connect(address)
    except ConnectionRefusedError:
        return ConnectionRefused(f"cannot reach {url}: nothing answers at {where}; check the address and port, "
                                 "and that the platform is running", detail)
    except TimeoutError:
        return NoNetwork(f"cannot reach {url}: {where} does not answer; check the network cable or Wi-Fi and "
                         "any firewall between this computer and the platform", detail)
    except OSError as exc:
        if exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN):
            return NoNetwork(f"cannot reach {url}: this computer has no network route to {host}; check the "
                             "network cable or Wi-Fi", detail)
        return Unreachable(f"cannot reach {url} ({detail}); check the address and the network", detail)
    return Unreachable(f"cannot reach {url}: the connection opens but the platform does not answer ({detail}); "
                       "try again, or check a proxy or firewall", detail)


# --- pairing ----------------------------------------------------------------------------------------------

def paired_config(config: Config, url: str, office_id: str, *, office_name: str | None = None,
                  ca_file: str | None = None, terminal_id: str | None = None) -> Config:
    """``config`` pointing at this platform and office (``None`` keeps the current CA file / terminal id)."""
    from boxoffice.config import validate

    url = normalise_url(url)
    office_id = office_id.strip()
    same_office = config.central.office_id == office_id
    name = (office_name or "").strip() or (config.central.office_name if same_office else "") or office_id
    central = dataclasses.replace(config.central, url=url, office_id=office_id, office_name=name,
                                  ca_file=config.central.ca_file if ca_file is None else absolute_ca_file(ca_file))
    terminal = dataclasses.replace(config.terminal, id=(terminal_id or "").strip() or config.terminal.id)
    new_config = dataclasses.replace(config, central=central, terminal=terminal)
    validate(new_config, "pair")
    return new_config


def probe_hub(url: str, office_id: str, token: str, ca_file: str | None = None) -> bool:
    """Whether ``url`` is an office hub (issue #18) rather than a central platform (which answers 404)."""
    from boxoffice.sync.hub_client import is_hub

    client = CentralClient(url, token, office_id, ca_file=ca_file, timeout=CHECK_TIMEOUT)
    try:
        return bool(is_hub(client))
    except CentralError as exc:
        log.info("could not tell whether %s is an office hub (%s): taken as a central platform", url, exc)
        return False
    finally:
        client.close()


def pair(context: Any, url: str, office_id: str, token: str, *, office_name: str | None = None,
         ca_file: str | None = None, terminal_id: str | None = None, event_ids: Sequence[str] = ()) -> Paired:
    """Check the connection, then store the token in the keyring, then save the config (in that order).

    ``context`` is a :class:`boxoffice.app.Context`; the returned one carries the saved config. If the config
    cannot be saved, the keyring gets back what it held before (a re-pair never loses a working token).
    """
    from boxoffice import credentials
    from boxoffice.config import save_config

    token = (token or "").strip()
    if ca_file is not None:
        ca_file = absolute_ca_file(ca_file)
    if not (office_id or "").strip():
        raise MissingValue("type the office id the central platform gave this window", OFFICE)
    new_config = paired_config(context.config, url, office_id, office_name=office_name, ca_file=ca_file,
                               terminal_id=terminal_id)
    central = new_config.central
    office = check_connection(central.url, central.office_id, token, central.ca_file or None, event_ids=event_ids)
    new_config = dataclasses.replace(new_config, central=dataclasses.replace(
        central, hub=probe_hub(central.url, central.office_id, token, central.ca_file or None)))
    central = new_config.central
    previous = credentials.peek_token(central.office_id, central.url)
    credentials.store_token(central.office_id, token, central.url)
    try:
        save_config(new_config, context.paths.config_file)
    except BaseException:
        if previous:
            credentials.store_token(central.office_id, previous, central.url)
        else:
            credentials.delete_token(central.office_id, central.url)
        raise
    log.info("paired with %s as office %s", central.url, central.office_id)
    return Paired(context=dataclasses.replace(context, config=new_config), office=office)


def pull_inventory(context: Any, session_factory: Any, event_ids: Sequence[str] | None = None,
                   refused: list[str] | None = None) -> list:  # -> list[MergeReport]
    """Fetch the named events (default: every event assigned to the paired office) into the local store, with
    the token from the keyring. Ticket types the terminal cannot take are described in ``refused``."""
    from boxoffice.app import make_client
    from boxoffice.inventory_pull import pull

    client = make_client(context)
    try:
        return pull(client, session_factory, list(event_ids) if event_ids else None, refused=refused)
    finally:
        client.close()
