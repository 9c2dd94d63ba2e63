"""HTTP client for the central platform: one method per endpoint the box office uses.

Every answer is checked against the spec's envelope and parsed into frozen dataclasses; anything else raises a
:mod:`boxoffice.sync.errors` error carrying the endpoint and an excerpt of what came back, never a bare
``KeyError`` or ``JSONDecodeError``. Amounts travel as exact decimals (:mod:`boxoffice.core.decimal_json`).
"""

from __future__ import annotations

import email.utils
import gzip
import logging
import socket
import threading
import time
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import repeat
from typing import Any, NamedTuple

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from boxoffice import __version__
from boxoffice.core import decimal_json
from boxoffice.core.collector import collector_paused
from boxoffice.core.errors import InvalidMoney
from boxoffice.core.money import api_to_cents
from boxoffice.core.utc import parse_utc
from boxoffice.logging_setup import redact, register_secret
from boxoffice.sync.errors import (
    AnswerCutOff,
    CentralAuthError,
    CentralError,
    CentralRejected,
    CentralServerError,
    CentralTLSError,
    CentralUnreachable,
    ForeignAnswer,
    ProtocolError,
)
from boxoffice.sync.tls import host_mismatch

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (3.05, 20.0)  # connect, read (seconds)
GZIP_MIN_BYTES = 32 * 1024
"""Smaller bodies go plain even to a platform that takes gzip: compressing them saves less than it costs."""
#: An answer is read in pieces this big. ``response.content`` reads 10 KB ones, and each needs the interpreter
#: lock back: a pull's 8 MB answer read beside a busy thread (the window's, or ``boxoffice pull`` loading the store
#: while it waits) took 1.0-1.4 s instead of 0.3 s (measured).
BODY_CHUNK_BYTES = 1 << 20
_EXCERPT = 200
#: What an answer that is not the platform's says in errors (and so in the status bar's last error).
NOT_THE_PLATFORM = "not the platform's answer"


class OfficeTicket(NamedTuple):
    """One ticket of the office's inventory (a tuple: a pull makes 100,000 of them)."""

    ticket_id: str
    event_id: str
    seat_id: str
    zone: str
    color: str
    available: bool
    row: str | None = None
    event_name: str | None = None


@dataclass(frozen=True)
class PreparedBody:
    """A request body as it goes on the wire: the JSON, gzipped once the platform said it takes that."""

    data: bytes
    encoding: str | None  # the Content-Encoding header, None for plain JSON


@dataclass(frozen=True)
class TicketType:
    id: str
    event_id: str
    name: str
    price_cents: int
    zone: str | None
    kind: str
    components: tuple[tuple[str, int], ...] | None
    #: saleStart / saleEnd (None: no limit) and visibility (``public`` when the platform does not say)
    sale_start: datetime | None = None
    sale_end: datetime | None = None
    visibility: str = "public"
    #: the VAT rate the platform sells it at, in basis points (``taxRate``, an extension); None: not given
    tax_rate_bp: int | None = None


@dataclass(frozen=True)
class OfficeEvent:
    id: str
    name: str
    starts_at: str | None
    assigned: int


@dataclass(frozen=True)
class TicketResult:
    ticket_id: str
    conflict: str | None
    #: For a seat already sold elsewhere: who holds it (order id, purchase code, office, source, client, sold at),
    #: when the platform says; text values only.
    held_by: dict[str, str] | None = None


@dataclass(frozen=True)
class SyncConflict:
    """One conflict the platform recorded involving this office (``offline_office_sync_conflicts``)."""

    conflict_id: int
    kind: str  # ticket_conflict | purchase_code_reused | whatever the platform says
    role: str  # seller: our sale ran into it; holder: another office's sale named our ticket or code
    event_id: str | None
    ticket_id: str | None
    purchase_code: str | None
    office_id: str | None  # the seller
    other_channel: str | None
    other_office_id: str | None
    order_id: str | None  # our order there, only when we are the seller
    detected_at: datetime | None


@dataclass(frozen=True)
class ConflictPage:
    """One answer of ``offline_office_sync_conflicts``: the rows read, the highest id seen (the next cursor, also
    past rows that could not be read) and why each unreadable row was left out."""

    rows: tuple[SyncConflict, ...]
    last_id: int | None
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class SyncResult:
    idempotency_key: str
    purchase_code: str
    order_id: str | None
    status: str
    replayed: bool
    tickets: tuple[TicketResult, ...]
    inconsistencies: tuple[str, ...]
    error: str | None

    @property
    def conflicts(self) -> tuple[TicketResult, ...]:
        return tuple(t for t in self.tickets if t.conflict)


class _CuttingAdapter(HTTPAdapter):
    """An adapter whose ``close()`` also cuts the connections in use, not only the idle ones.

    ``requests`` (urllib3) closes only pooled idle connections, so a request blocked reading an answer would
    go on waiting for its read timeout (20 s): the delivery worker could not stop promptly mid-request. Every
    connection this adapter opens is remembered; ``close()`` shuts their sockets down (which wakes a blocked
    ``recv`` at once, unlike ``close``), and a connection opened after ``close()`` is shut down as it opens.
    """

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._live: weakref.WeakSet[HTTPConnection] = weakref.WeakSet()
        self._closed = False
        adapter = self

        class _Connection(HTTPConnection):
            def connect(self) -> None:
                super().connect()
                adapter._opened(self)

        class _TLSConnection(HTTPSConnection):
            def connect(self) -> None:
                super().connect()
                adapter._opened(self)

        self._pool_classes = {
            "http": type("_Pool", (HTTPConnectionPool,), {"ConnectionCls": _Connection}),
            "https": type("_TLSPool", (HTTPSConnectionPool,), {"ConnectionCls": _TLSConnection}),
        }
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes

    def _opened(self, connection: HTTPConnection) -> None:
        with self._guard:
            if not self._closed:
                self._live.add(connection)
                return
        _shutdown(connection)

    def close(self) -> None:
        with self._guard:
            self._closed = True
            live = list(self._live)
            self._live.clear()
        for connection in live:
            _shutdown(connection)
        super().close()


def _shutdown(connection: HTTPConnection) -> None:
    sock = getattr(connection, "sock", None)
    if sock is None:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed


class CentralClient:
    """Talks to one central platform as one office. Thread-confined: the worker owns its own instance.

    ``close()`` may be called from another thread: it ends a request in flight at once (the request then
    fails as unreachable), and the client is not used again afterwards.
    """

    def __init__(self, base_url: str, token: str, office_id: str, *, ca_file: str | None = None,
                 timeout: tuple[float, float] = DEFAULT_TIMEOUT, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.office_id = office_id
        self.timeout = timeout
        register_secret(token)
        if session is None:
            session = requests.Session()
            adapter = _CuttingAdapter()
            session.mount("https://", adapter)
            session.mount("http://", adapter)
        self.session = session
        self.session.headers.update({
            "Authorization": f"Bearer {token}",
            "User-Agent": f"boxoffice/{__version__}",
            "Content-Type": "application/json",
            "Accept": "application/json",
        })
        # TLS verification is never switched off; passed on every request because requests lets
        # REQUESTS_CA_BUNDLE override a session-level setting
        self.verify: bool | str = ca_file or True
        #: whether the platform said it takes gzip request bodies (``Accept-Encoding: gzip`` on an answer, RFC 7694;
        #: an extension of ours): until it does, every body goes as plain JSON
        self.gzip_accepted = False
        #: gzip_accepted on the word of an earlier run (:meth:`remember_gzip`), no answer of this client's yet
        self._gzip_unconfirmed = False

    def remember_gzip(self) -> None:
        """The platform took gzip bodies on an earlier run (the caller kept that): the first big body of this
        client goes compressed too, not only those after an answer said so. Should that platform have changed,
        the compressed body answered with anything but success (and no ``Accept-Encoding: gzip``) is sent again
        at once as plain JSON, and nothing more is compressed until an answer says so again."""
        self.gzip_accepted = self._gzip_unconfirmed = True

    def close(self) -> None:
        self.session.close()

    # -- endpoints -------------------------------------------------------------------------------------------

    def list_office_tickets(self, event_id: str) -> list[OfficeTicket]:
        """The office's inventory of ``event_id``. Asked for as columns (our central's extension, a fraction of
        the text and parsing for a stadium); a platform that knows only the spec ignores that and sends rows."""
        endpoint = "offline_office_tickets_list_sales"
        data = self._call(endpoint, {"event_id": event_id, "office_id": self.office_id, "layout": "columns"})
        if "columns" in data:
            return _column_tickets(endpoint, data, event_id)
        rows = _field(endpoint, data, "response", list)
        return [_office_ticket(endpoint, row, event_id) for row in rows]

    def office_events(self) -> list[OfficeEvent]:
        endpoint = "offline_office_events"
        data = self._call(endpoint, {"office_id": self.office_id})
        rows = _field(endpoint, data, "response", list)
        out = []
        for row in rows:
            row = _require_dict(endpoint, row)
            out.append(OfficeEvent(id=_field(endpoint, row, "event_id", str),
                                   name=_field(endpoint, row, "event_name", str),
                                   starts_at=_optional(endpoint, row, "date_start", str),
                                   assigned=_field(endpoint, row, "assigned", int)))
        return out

    def ticket_types(self, event_id: str, refused: list[str] | None = None) -> list[TicketType]:
        """With ``refused``, a row that cannot be taken is left out and its reason appended there."""
        endpoint = f"client/events/{event_id}/ticket-types"
        body = self._request("GET", endpoint, None, None)
        if isinstance(body, dict) and isinstance(body.get("data"), list):
            body = body["data"]
        if not isinstance(body, list):
            raise ProtocolError(endpoint, "expected a list of ticket types", _excerpt(repr(body)))
        types = []
        for row in body:
            try:
                types.append(_ticket_type(endpoint, row, event_id))
            except ProtocolError as exc:
                if refused is None:
                    raise
                refused.append(exc.reason)
        return types

    def synchronize(self, entries: Sequence[dict[str, Any]], request_key: str,
                    journal_head: dict[str, Any] | None = None, prepared: PreparedBody | None = None
                    ) -> list[SyncResult]:
        """``journal_head``: the extension field anchoring this terminal's journal (a spec platform ignores it).
        ``prepared``: the request's body made already by :meth:`prepare_synchronize` with the same arguments (a
        pipelined drain encodes the next batch while the platform works on the last)."""
        endpoint = "offline_office_tickets_synchronization"
        if prepared is None:
            prepared = self.prepare_synchronize(entries, journal_head)
        data = self._call(endpoint, None, idempotency_key=request_key, prepared=prepared)
        results = _field(endpoint, data, "results", list)
        if len(results) != len(entries):
            raise ProtocolError(endpoint, f"sent {len(entries)} sales, got {len(results)} results")
        parsed = [_sync_result(endpoint, row) for row in results]
        for entry, result in zip(entries, parsed, strict=True):
            if entry.get("idempotency_key") != result.idempotency_key:
                raise ProtocolError(endpoint, "results are not in request order")
            _check_result_matches(endpoint, entry, result)
        return parsed

    def sync_conflicts(self, after_id: int = 0) -> ConflictPage | None:
        """Conflicts involving this office after the cursor ``after_id``, oldest first (an extension of ours).

        None when the platform has no such call (it implements only the spec and answers 404 or 405). A row that
        cannot be read is left out and described in ``refused``: one bad row does not hold back the rest.
        """
        endpoint = "offline_office_sync_conflicts"
        try:
            data = self._call(endpoint, {"office_id": self.office_id, "after_id": after_id})
        except CentralRejected as exc:
            if exc.status in (404, 405) and "office" not in str(exc.data.get("field", "")):
                return None
            raise
        rows, refused, last_id = [], [], None
        for raw in _field(endpoint, data, "response", list):
            row_id = raw.get("conflict_id") if isinstance(raw, dict) else None
            if isinstance(row_id, int) and not isinstance(row_id, bool):
                last_id = max(row_id, last_id or 0)
            try:
                rows.append(_sync_conflict(endpoint, raw))
            except ProtocolError as exc:
                refused.append(exc.reason)
        return ConflictPage(tuple(rows), last_id, tuple(refused))

    def journal_anchor(self, terminal_id: str, after_seq: int = 0) -> dict[str, Any]:
        """The platform's record of a terminal's journal heads (extension; read by sync.journal_anchor)."""
        return self._call("offline_office_journal_anchor", {"office_id": self.office_id, "terminal_id": terminal_id,
                                                            "after_seq": after_seq})

    def unassign(self, event_id: str, ticket_ids: Sequence[str], request_key: str) -> list[str]:
        endpoint = "offline_office_tickets_unassign"
        data = self._call(endpoint, {"tickets_offline": list(ticket_ids), "office_id": self.office_id,
                                     "event_id": event_id}, idempotency_key=request_key)
        tickets = _field(endpoint, data, "tickets", list)
        if not all(isinstance(t, str) for t in tickets):
            raise ProtocolError(endpoint, "data.tickets must be a list of ticket ids")
        return tickets

    # -- plumbing --------------------------------------------------------------------------------------------

    def call(self, endpoint: str, data: dict[str, Any], idempotency_key: str | None = None) -> dict[str, Any]:
        """An extension call in the platform's envelope (the office hub's, ``sync/hub_client.py``)."""
        return self._call(endpoint, data, idempotency_key)

    def get(self, path: str) -> Any:
        """``GET /<path>``: the envelope's ``data`` (an object), or ProtocolError."""
        body = self._request("GET", path, None, None)
        if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
            raise ProtocolError(path, f"{NOT_THE_PLATFORM}: answer has no data object", _excerpt(repr(body)))
        return body["data"]

    def prepare_synchronize(self, entries: Sequence[dict[str, Any]],
                            journal_head: dict[str, Any] | None = None) -> PreparedBody:
        """The body of :meth:`synchronize` for these entries, encoded (no I/O: safe beside a request in flight)."""
        data: dict[str, Any] = {"ticket_sold": list(entries)}
        if journal_head is not None:
            data["journal_head"] = journal_head
        return self._encode({"data": data})

    def _encode(self, payload: dict[str, Any]) -> PreparedBody:
        return self._for_the_wire(PreparedBody(decimal_json.dumps(payload).encode("utf-8"), None))

    def _for_the_wire(self, body: PreparedBody) -> PreparedBody:
        """``body`` gzipped when the platform takes that and it is big enough (a tenth of the size, little CPU);
        also at send time, for a body encoded before the answer that said gzip came (a pipelined drain's
        second request, encoded while the first was in flight)."""
        if body.encoding is None and self.gzip_accepted and len(body.data) >= GZIP_MIN_BYTES:
            return PreparedBody(gzip.compress(body.data, compresslevel=1), "gzip")
        return body

    def _call(self, endpoint: str, data: dict[str, Any] | None, idempotency_key: str | None = None,
              prepared: PreparedBody | None = None) -> dict[str, Any]:
        prepared = self._encode({"data": data}) if prepared is None else self._for_the_wire(prepared)
        try:
            body = self._request("POST", endpoint, prepared, idempotency_key)
        except (CentralUnreachable, AnswerCutOff):
            raise  # no verdict on the body: it goes again as it is
        except CentralError:
            if prepared.encoding != "gzip" or not self._gzip_unconfirmed:
                raise
            # remembered, and this platform's answer did not confirm it: plain JSON from now on, this body first
            log.warning("%s refused a gzip body without saying it takes gzip; sending it again as plain JSON",
                        self.base_url)
            self.gzip_accepted = self._gzip_unconfirmed = False
            body = self._request("POST", endpoint, PreparedBody(gzip.decompress(prepared.data), None),
                                 idempotency_key)
        if not isinstance(body, dict) or not isinstance(body.get("data"), dict):
            raise ProtocolError(endpoint, f"{NOT_THE_PLATFORM}: answer has no data object", _excerpt(repr(body)))
        if body["data"].get("valido") is not True:
            # the platform answers a refusal with its 4xx status, never a 200: this came from something else
            raise ProtocolError(endpoint, f"{NOT_THE_PLATFORM}: HTTP 200 without valido true",
                                _excerpt(repr(body)))
        return body["data"]

    def _request(self, method: str, endpoint: str, body: PreparedBody | None,
                 idempotency_key: str | None) -> Any:
        url = f"{self.base_url}/{endpoint}"
        headers = {"X-Idempotency-Key": idempotency_key} if idempotency_key else {}
        data = body.data if body is not None else None
        if body is not None and body.encoding is not None:
            headers["Content-Encoding"] = body.encoding
        started = time.monotonic()
        try:
            response = self.session.request(method, url, data=data, headers=headers, timeout=self.timeout,
                                            verify=self.verify, stream=True)
            raw = _whole_body(response)  # a cut connection raises here
        except requests.exceptions.SSLError as exc:
            if host_mismatch(exc):
                raise CentralTLSError(endpoint, f"the TLS certificate is for another host name ({_short(exc)}); "
                                      "check central.url") from None
            raise CentralTLSError(endpoint, f"TLS certificate not trusted ({_short(exc)}); if the platform "
                                  "uses a private certificate, set central.ca_file") from None
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            raise AnswerCutOff(endpoint, f"the answer was cut off ({_short(exc)})") from None
        except requests.exceptions.Timeout:
            raise CentralUnreachable(endpoint, f"no answer within {self.timeout[1]:g} s") from None
        except requests.exceptions.RequestException as exc:
            raise CentralUnreachable(endpoint, f"cannot reach {self.base_url} ({_short(exc)})") from None
        log.debug("%s %s -> %s in %.0f ms", method, endpoint, response.status_code,
                  (time.monotonic() - started) * 1000)
        if "gzip" in response.headers.get("Accept-Encoding", "").lower():
            self.gzip_accepted, self._gzip_unconfirmed = True, False
        return self._parse(endpoint, response, raw)

    def _parse(self, endpoint: str, response: requests.Response, raw: bytes) -> Any:
        status = response.status_code
        text = raw.decode("utf-8", errors="replace")
        try:
            # a number out of range stays an UnsafeNumber where it is: the field it is in is refused, not the answer
            body = decimal_json.loads(raw, mark_unsafe=True) if raw else None
        except ValueError:
            body = None
        message = body.get("message") if isinstance(body, dict) and isinstance(body.get("message"), str) else None
        if status == 429 or status >= 500:
            raise CentralServerError(endpoint, message or f"HTTP {status}", status,
                                     _retry_after(response.headers.get("Retry-After")))
        if status in (401, 403):
            raise CentralAuthError(endpoint, message or f"HTTP {status}: token refused; pair the terminal again",
                                   status)
        if 400 <= status < 500:
            if not _is_refusal(body, status):
                kind = response.headers.get("Content-Type", "no content type").split(";")[0]
                raise ForeignAnswer(endpoint, f"{NOT_THE_PLATFORM} (HTTP {status}, {kind}): {_excerpt(text)}",
                                    status)
            raise CentralRejected(endpoint, message or f"HTTP {status}: {_excerpt(text)}", status, body["data"])
        if status != 200:
            raise ProtocolError(endpoint, f"{NOT_THE_PLATFORM}: unexpected HTTP {status}", _excerpt(text))
        if not raw:  # e.g. the connection closed inside the head: nothing to judge the sale by
            raise AnswerCutOff(endpoint, "the answer was empty (cut off?)")
        if body is None:
            raise ProtocolError(endpoint, f"{NOT_THE_PLATFORM}: the answer is not JSON", _excerpt(text))
        return body


def _is_refusal(body: Any, status: int) -> bool:
    """Whether a 4xx body is the platform's own refusal: its envelope, ``valido`` false, the same status."""
    if not isinstance(body, dict) or not isinstance(body.get("message"), str):
        return False
    data = body.get("data")
    if not isinstance(data, dict) or data.get("valido") is not False:
        return False
    return body.get("status", status) == status


def _check_result_matches(endpoint: str, entry: dict[str, Any], result: SyncResult) -> None:
    """A result is only taken as the answer for the entry it names: same purchase, status and tickets."""
    code = entry.get("purchase_code")
    if code is not None and result.purchase_code != code:
        raise ProtocolError(endpoint, f"the result for {code} names purchase {result.purchase_code}")
    status = entry.get("status")
    if status is not None and result.status != status:
        raise ProtocolError(endpoint, f"the result for {code} says {result.status!r}, the entry was {status!r}")
    if result.error is None and "tickets" in entry:
        sent, answered = set(entry["tickets"]), {t.ticket_id for t in result.tickets}
        if sent != answered:
            raise ProtocolError(endpoint, f"the result for {code} names other tickets than the sale sent "
                                f"({len(answered - sent)} not sent, {len(sent - answered)} missing); not taken "
                                "as delivered")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _short(exc: Exception) -> str:
    return _excerpt(str(exc), 160)


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = redact(" ".join(text.split()))
    return text if len(text) <= limit else text[:limit] + "…"


def _require_dict(endpoint: str, row: Any) -> dict[str, Any]:
    if not isinstance(row, dict):
        raise ProtocolError(endpoint, "expected an object", _excerpt(repr(row)))
    return row


def _field(endpoint: str, row: dict[str, Any], name: str, kind: type | tuple[type, ...]) -> Any:
    value = row.get(name)
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
        wanted = " or ".join(k.__name__ for k in kinds)
        raise ProtocolError(endpoint, f"field {name!r} should be {wanted}, got {type(value).__name__}",
                            _excerpt(repr(row)))
    return value


def _optional(endpoint: str, row: dict[str, Any], name: str, kind: type) -> Any:
    if row.get(name) is None:
        return None
    return _field(endpoint, row, name, kind)




def _office_ticket(endpoint: str, row: Any, event_id: str) -> OfficeTicket:
    """One row of the office's inventory. A pull reads 100,000 of them: a row of the expected types is taken
    at once; any other goes through the field-by-field checks, which say what is wrong with it."""
    if type(row) is dict:
        get = row.get
        ticket_id, seat_id, zone, color = get("ticket_id"), get("seat_id"), get("zone"), get("color")
        row_event, seat_row, event_name = get("event_id"), get("seat_row"), get("event_name")
        if type(get("status")) is bool and type(ticket_id) is str and type(seat_id) is str \
                and type(zone) is str and type(color) is str and (row_event is None or type(row_event) is str) \
                and (seat_row is None or type(seat_row) is str) and (event_name is None or type(event_name) is str):
            return OfficeTicket(ticket_id, row_event or event_id, seat_id, zone, color, row["status"], seat_row,
                                event_name)
    return _checked_office_ticket(endpoint, row, event_id)


#: the inventory's columns (``layout: "columns"``): name, type, whether null is allowed
_TICKET_COLUMNS = (("ticket_id", str, False), ("seat_id", str, False), ("zone", str, False), ("color", str, False),
                   ("status", bool, False), ("seat_row", str, True))
_NONE = type(None)


def _whole_body(response: requests.Response) -> bytes:
    """The answer's body, read in :data:`BODY_CHUNK_BYTES` pieces (requests' errors, as ``response.content``
    raises them); read to its end, the connection goes back to the pool for the next request."""
    try:
        return b"".join(response.iter_content(BODY_CHUNK_BYTES))
    except BaseException:
        response.close()  # not read to its end: this connection cannot carry another request
        raise


def _column_tickets(endpoint: str, data: dict[str, Any], event_id: str) -> list[OfficeTicket]:
    """The inventory as columns: each column's types checked at once (the set of its values' types), then the
    columns zipped into rows."""
    columns = _field(endpoint, data, "columns", dict)
    listed_event = _optional(endpoint, data, "event_id", str) or event_id
    event_name = _optional(endpoint, data, "event_name", str)
    checked = []
    for name, kind, nullable in _TICKET_COLUMNS:
        column = columns.get(name)
        if type(column) is not list:
            raise ProtocolError(endpoint, f"data.columns.{name} must be a list", _excerpt(repr(column)))
        if checked and len(column) != len(checked[0]):
            raise ProtocolError(endpoint, f"data.columns.{name} has {len(column)} values, data.columns.ticket_id "
                                          f"{len(checked[0])}")
        if not set(map(type, column)) <= ({kind, _NONE} if nullable else {kind}):  # in C: 100,000 values in ms
            index, value = next((i, v) for i, v in enumerate(column)
                                if type(v) is not kind and not (nullable and v is None))
            raise ProtocolError(endpoint, f"data.columns.{name}[{index}] must be a {kind.__name__}"
                                          f"{' or null' if nullable else ''}", _excerpt(repr(value)))
        checked.append(column)
    ids, seats, zones, colors, statuses, rows = checked
    # made in C: tuple.__new__ over zip, not OfficeTicket's Python-level __new__ per row (100,000 of them), with
    # no collector passes over the rows as they are made (core/collector.py)
    with collector_paused():
        return list(map(tuple.__new__, repeat(OfficeTicket), zip(
            ids, repeat(listed_event), seats, zones, colors, statuses, rows, repeat(event_name))))


def _checked_office_ticket(endpoint: str, row: Any, event_id: str) -> OfficeTicket:
    row = _require_dict(endpoint, row)
    return OfficeTicket(
        ticket_id=_field(endpoint, row, "ticket_id", str),
        event_id=_optional(endpoint, row, "event_id", str) or event_id,
        seat_id=_field(endpoint, row, "seat_id", str),
        zone=_field(endpoint, row, "zone", str),
        color=_field(endpoint, row, "color", str),
        available=_field(endpoint, row, "status", bool),
        row=_optional(endpoint, row, "seat_row", str),
        event_name=_optional(endpoint, row, "event_name", str),
    )


def _ticket_type(endpoint: str, row: Any, event_id: str) -> TicketType:
    row = _require_dict(endpoint, row)
    if isinstance(row.get("price_cents"), int) and not isinstance(row.get("price_cents"), bool):
        price_cents = row["price_cents"]
    else:
        try:
            price_cents = api_to_cents(row.get("price"))
        except InvalidMoney as exc:
            raise ProtocolError(endpoint, f"ticket type price: {exc}", _excerpt(repr(row))) from None
    components = None
    raw_components = row.get("components")
    if raw_components is not None:
        if not isinstance(raw_components, list):
            raise ProtocolError(endpoint, "components should be a list", _excerpt(repr(row)))
        components = tuple((str(_field(endpoint, _require_dict(endpoint, c), "product_id", (str, int))),
                            _field(endpoint, c, "quantity", int)) for c in raw_components)
    kind = row.get("kind") or "ticket"
    if kind not in ("ticket", "child", "family_pass"):
        raise ProtocolError(endpoint, f"unknown ticket type kind {kind!r}", _excerpt(repr(row)))
    return TicketType(
        id=str(_field(endpoint, row, "id", (str, int))),
        event_id=str(row.get("event") or event_id),
        name=_field(endpoint, row, "name", str),
        price_cents=price_cents,
        # a general-admission type sells its places as a zone (an extension of ours: central/ga_allotment.py)
        zone=_optional(endpoint, row, "zone", str) or _optional(endpoint, row, "gaZone", str),
        kind=kind,
        components=components,
        sale_start=_optional_time(endpoint, row, "saleStart"),
        sale_end=_optional_time(endpoint, row, "saleEnd"),
        visibility=_optional(endpoint, row, "visibility", str) or "public",
        tax_rate_bp=_tax_rate(endpoint, row),
    )


def _tax_rate(endpoint: str, row: dict[str, Any]) -> int | None:
    """``taxRate`` (a percentage, "10.00" or 10) in basis points; None when the platform does not say."""
    value = row.get("taxRate")
    if value is None:
        return None
    try:
        rate = api_to_cents(value)
    except InvalidMoney as exc:
        raise ProtocolError(endpoint, f"ticket type taxRate: {exc}", _excerpt(repr(row))) from None
    if not 0 <= rate <= 10_000:
        raise ProtocolError(endpoint, f"ticket type taxRate {value!r} is not a percentage", _excerpt(repr(row)))
    return rate


def _optional_time(endpoint: str, row: dict[str, Any], name: str) -> datetime | None:
    """An optional ISO-8601 time with its offset (``2026-04-01T00:00:00Z``) as aware UTC."""
    value = _optional(endpoint, row, name, str)
    if value is None:
        return None
    try:
        return parse_utc(value)
    except ValueError:
        raise ProtocolError(endpoint, f"ticket type {name} is not a time with its UTC offset: {value!r}",
                            _excerpt(repr(row))) from None


def _held_by(endpoint: str, value: Any) -> dict[str, str] | None:
    """The optional holder of a seat sold twice: a flat object of text (None values dropped)."""
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(v, str | None) for v in value.values()):
        raise ProtocolError(endpoint, "held_by should be an object of text values", _excerpt(repr(value)))
    return {str(k): v for k, v in value.items() if v is not None}


def _sync_conflict(endpoint: str, row: Any) -> SyncConflict:
    row = _require_dict(endpoint, row)
    role = _field(endpoint, row, "role", str)
    if role not in ("seller", "holder"):
        raise ProtocolError(endpoint, f"unknown conflict role {role!r}", _excerpt(repr(row)))
    detected = _optional(endpoint, row, "detected_at", str)
    try:
        detected_at = parse_utc(detected) if detected else None
    except ValueError:
        raise ProtocolError(endpoint, f"detected_at {detected!r} is not an ISO-8601 time") from None
    text = {name: _optional(endpoint, row, name, str) for name in (
        "event_id", "ticket_id", "purchase_code", "office_id", "other_channel", "other_office_id")}
    order_id = row.get("order_id")
    return SyncConflict(conflict_id=_field(endpoint, row, "conflict_id", int), kind=_field(endpoint, row, "kind", str),
                        role=role, order_id=None if order_id is None else str(order_id), detected_at=detected_at,
                        **text)


def _sync_result(endpoint: str, row: Any) -> SyncResult:
    row = _require_dict(endpoint, row)
    tickets = []
    for t in _field(endpoint, row, "tickets", list):
        t = _require_dict(endpoint, t)
        tickets.append(TicketResult(ticket_id=_field(endpoint, t, "ticket_id", str),
                                    conflict=_optional(endpoint, t, "conflict", str),
                                    held_by=_held_by(endpoint, t.get("held_by"))))
    inconsistencies = row.get("inconsistencies") or []
    if not isinstance(inconsistencies, list):
        raise ProtocolError(endpoint, "inconsistencies should be a list", _excerpt(repr(row)))
    order_id = row.get("order_id")
    return SyncResult(
        idempotency_key=_field(endpoint, row, "idempotency_key", str),
        purchase_code=_field(endpoint, row, "purchase_code", str),
        order_id=None if order_id is None else str(order_id),
        status=_field(endpoint, row, "status", str),
        replayed=bool(row.get("replayed", False)),
        tickets=tuple(tickets),
        inconsistencies=tuple(str(i) for i in inconsistencies),
        error=_optional(endpoint, row, "error", str),
    )


__all__ = ["CentralClient", "CentralError", "ConflictPage", "OfficeEvent", "OfficeTicket", "SyncConflict", "SyncResult",
           "TicketResult", "TicketType"]
