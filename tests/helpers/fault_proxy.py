"""A fault-injecting TCP proxy on 127.0.0.1, between a client under test and a real HTTP server.

It speaks just enough HTTP/1.1 to find where each request and response ends (``Content-Length``, chunked, or
read-to-close), so a fault is chosen **per request**, also on a kept-alive connection (``requests`` reuses
connections). Every request goes upstream on a fresh connection, so the server never sees a stale one.

Faults (:class:`Fault`):

* ``refuse`` - close the connection at once: on accept, before reading anything; or, when chosen for a request
  on a kept-alive connection, close it without reading further, forwarding or answering.
* ``delay`` - hold the request for N ms, then forward it (a client that gave up meanwhile still gets its
  request processed by the server: the "timeout after the server did the work" case).
* ``after_hangup`` - hold the request until the client closes its connection (it gave up), then forward it: the
  same case by construction, however busy the machine.
* ``cut_request`` - forward only part of the request bytes upstream, then close both sides.
* ``cut_response`` - forward the whole request, read the whole response, pass on only part of it, close.
* ``http`` - answer a canned status (500, 503, 429 with ``Retry-After``, 400 ...) in the platform's envelope,
  without forwarding.
* ``raw`` - answer a given status and body that are not the platform's (an HTML page from a proxy, a 200
  without the envelope), without forwarding.
* ``respond`` - answer what a function of the request returns (status, body), without forwarding: e.g. an
  answer that looks like the platform's but names other tickets.
* ``pass`` - forward untouched.

Which fault applies is decided, in order, by: rules (a predicate on the request, e.g. "body names this purchase
code"), then the queue of fixed faults (``fail_next(fault, n)``), then the random mode (``randomize(probability,
faults, seed)``), else pass. ``refuse`` is drawn at accept time; the others per request. Everything done is
counted in :attr:`FaultProxy.counts` (``connections``, ``requests``, ``forwarded`` upstream, ``answered`` by
the upstream server, and one key per fault label: ``pass``, ``refuse``, ``delay``, ``http_503`` ...);
:meth:`FaultProxy.wait_for` blocks until a condition on the counts holds.

Threads: one accept thread plus one per client connection, all joined by :meth:`FaultProxy.stop`, which also
cuts every open socket and wakes any delayed request, so a test never leaks a thread. ``TCP_NODELAY`` is set on
both sides (PLATFORM.md: otherwise every kept-alive request stalls ~44 ms).
"""

from __future__ import annotations

import json
import random
import selectors
import socket
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Self
from urllib.parse import urlsplit

MAX_HEAD_BYTES = 64 * 1024
JOIN_TIMEOUT_S = 5.0
_NOT_FAULTS = frozenset({"pass", "connections", "requests", "forwarded", "answered"})


class _Closed(Exception):
    """The peer closed the connection (cleanly between messages, or half-way through one)."""


@dataclass(frozen=True)
class Fault:
    kind: str  # "pass" | "refuse" | "delay" | "after_hangup" | "cut_request" | "cut_response" | "http" | "raw" | …
    delay_ms: float | tuple[float, float] = 0.0
    fraction: float | None = None  # cut point as a share of the message bytes; None: drawn at random
    status: int = 0
    message: str = ""
    retry_after: str | None = None
    body: bytes = b""
    content_type: str = "application/json"
    responder: Callable[[Request], tuple[int, bytes]] | None = None

    @property
    def label(self) -> str:
        if self.kind == "http":
            return f"http_{self.status}"
        return f"raw_{self.status}" if self.kind == "raw" else self.kind

    @classmethod
    def passthrough(cls) -> Fault:
        return cls("pass")

    @classmethod
    def refuse(cls) -> Fault:
        return cls("refuse")

    @classmethod
    def delay(cls, ms: float | tuple[float, float]) -> Fault:
        """Hold the request ``ms`` milliseconds (or a uniform draw from a ``(low, high)`` range)."""
        return cls("delay", delay_ms=ms)

    @classmethod
    def after_hangup(cls) -> Fault:
        """Hold the request until the client closes its connection, then forward it anyway."""
        return cls("after_hangup")

    @classmethod
    def cut_request(cls, fraction: float | None = None) -> Fault:
        return cls("cut_request", fraction=fraction)

    @classmethod
    def cut_response(cls, fraction: float | None = None) -> Fault:
        return cls("cut_response", fraction=fraction)

    @classmethod
    def http(cls, status: int, message: str | None = None, retry_after: str | int | None = None) -> Fault:
        text = message if message is not None else f"fault proxy: {HTTPStatus(status).phrase}"
        return cls("http", status=status, message=text, retry_after=None if retry_after is None
                   else str(retry_after))

    @classmethod
    def raw(cls, status: int, body: bytes, content_type: str = "text/html") -> Fault:
        """Answer ``status`` with ``body`` as is (counted as ``raw_<status>``)."""
        return cls("raw", status=status, body=body, content_type=content_type)

    @classmethod
    def respond(cls, responder: Callable[[Request], tuple[int, bytes]]) -> Fault:
        """Answer ``responder(request)`` = (status, JSON body bytes) instead of forwarding."""
        return cls("respond", responder=responder)


def all_kinds(delay_ms: float | tuple[float, float] = (20, 200), retry_after: int = 0) -> list[Fault]:
    """One fault of every kind (500, 503 and 429 for the canned answers): what a random plan draws from."""
    return [Fault.refuse(), Fault.delay(delay_ms), Fault.cut_request(), Fault.cut_response(), Fault.http(500),
            Fault.http(503), Fault.http(429, retry_after=retry_after)]


@dataclass(frozen=True)
class Request:
    """What a rule can look at: the request line's method and path, headers (lower-case names), body."""

    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass(frozen=True)
class Seen:
    connection: int
    method: str
    path: str
    fault: str
    idempotency_key: str | None


@dataclass
class _Rule:
    match: Callable[[Request], bool]
    fault: Fault
    times: int | None  # None: every matching request


@dataclass
class _Plan:
    rules: list[_Rule] = field(default_factory=list)
    queue: deque[Fault] = field(default_factory=deque)
    probability: float = 0.0
    faults: list[Fault] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(0))


class FaultProxy:
    """``with FaultProxy(upstream_url) as proxy: ... proxy.url ...``"""

    def __init__(self, upstream_url: str, *, seed: int = 0) -> None:
        parts = urlsplit(upstream_url)
        if parts.scheme != "http" or parts.hostname is None or parts.port is None:
            raise ValueError(f"the fault proxy needs an http://host:port upstream, not {upstream_url!r}")
        self.upstream = (parts.hostname, parts.port)
        self.counts: Counter[str] = Counter()
        self.seen: list[Seen] = []
        self._plan = _Plan(rng=random.Random(seed))
        self._cond = threading.Condition()
        self._stopping = threading.Event()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = None
        self._waker: tuple[socket.socket, socket.socket] | None = None
        self._accept_thread: threading.Thread | None = None
        self.url = ""

    # -- lifecycle -------------------------------------------------------------------------------------------

    def start(self) -> Self:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(128)
        self._listener = listener
        self._waker = socket.socketpair()
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        self._accept_thread = threading.Thread(target=self._accept_loop, name=f"fault-proxy-{self.url}",
                                               daemon=True)
        self._accept_thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, cut every open connection, wake delayed requests and join every thread (twice: no-op)."""
        if self._stopping.is_set():
            return
        self._stopping.set()
        if self._waker is not None:
            self._waker[1].send(b"x")
        if self._accept_thread is not None:
            self._accept_thread.join(JOIN_TIMEOUT_S)
        with self._cond:
            sockets = list(self._sockets)
            threads = list(self._threads)
        for sock in sockets:
            _shutdown(sock)
        for thread in threads:
            thread.join(JOIN_TIMEOUT_S)
        for sock in (self._listener, *(self._waker or ())):
            if sock is not None:
                sock.close()
        leaked = [t.name for t in [self._accept_thread, *threads] if t is not None and t.is_alive()]
        if leaked:
            raise RuntimeError(f"fault proxy threads did not stop: {leaked}")

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def alive_threads(self) -> list[threading.Thread]:
        with self._cond:
            threads = [self._accept_thread, *self._threads]
        return [t for t in threads if t is not None and t.is_alive()]

    # -- the fault plan --------------------------------------------------------------------------------------

    def fail_next(self, fault: Fault, n: int = 1) -> None:
        """Apply ``fault`` to the next ``n`` requests (a ``refuse`` to the next ``n`` connections)."""
        with self._cond:
            self._plan.queue.extend([fault] * n)

    def randomize(self, probability: float, faults: Iterable[Fault] | None = None, seed: int | None = None) -> None:
        """From now on each request (``refuse``: each connection) is faulty with ``probability``, the fault drawn
        evenly from ``faults`` (default: every kind)."""
        with self._cond:
            self._plan.probability = probability
            self._plan.faults = list(faults) if faults is not None else all_kinds()
            if seed is not None:
                self._plan.rng = random.Random(seed)

    def add_rule(self, match: Callable[[Request], bool], fault: Fault, times: int | None = None) -> None:
        """Apply ``fault`` to requests ``match`` accepts (``times`` of them, or all); rules come first."""
        with self._cond:
            self._plan.rules.append(_Rule(match, fault, times))

    def clear(self) -> None:
        """No more faults: rules, queue and random mode all dropped (requests in flight finish as planned)."""
        with self._cond:
            self._plan.rules.clear()
            self._plan.queue.clear()
            self._plan.probability = 0.0

    def wait_for(self, predicate: Callable[[Counter[str]], bool], timeout: float = 30.0) -> bool:
        """Block until ``predicate(counts)`` is true (True) or ``timeout`` seconds pass (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(self.counts), timeout)

    @property
    def injected(self) -> int:
        """How many faults (anything but ``pass``) were applied so far."""
        with self._cond:
            return sum(n for label, n in self.counts.items()
                       if label not in _NOT_FAULTS)

    def _count(self, *labels: str, seen: Seen | None = None) -> None:
        with self._cond:
            for label in labels:
                self.counts[label] += 1
            if seen is not None:
                self.seen.append(seen)
            self._cond.notify_all()

    def _on_connect(self) -> bool:
        """True: refuse this connection."""
        with self._cond:
            plan = self._plan
            if plan.queue and plan.queue[0].kind == "refuse":
                plan.queue.popleft()
                return True
            refusals = [f for f in plan.faults if f.kind == "refuse"]
            if plan.probability and refusals:
                return plan.rng.random() < plan.probability * len(refusals) / len(plan.faults)
            return False

    def _on_request(self, request: Request) -> tuple[Fault, random.Random]:
        with self._cond:
            plan = self._plan
            for rule in plan.rules:
                if rule.times != 0 and rule.match(request):
                    if rule.times is not None:
                        rule.times -= 1
                    return rule.fault, random.Random(plan.rng.random())
            if plan.queue:
                return plan.queue.popleft(), random.Random(plan.rng.random())
            others = [f for f in plan.faults if f.kind != "refuse"]
            if plan.probability and others:
                share = plan.probability * len(others) / len(plan.faults)
                if plan.rng.random() < share:
                    return plan.rng.choice(others), random.Random(plan.rng.random())
            return Fault.passthrough(), plan.rng

    # -- connections -----------------------------------------------------------------------------------------

    def _accept_loop(self) -> None:
        assert self._listener is not None and self._waker is not None
        number = 0
        with selectors.DefaultSelector() as selector:
            selector.register(self._listener, selectors.EVENT_READ)
            selector.register(self._waker[0], selectors.EVENT_READ)
            while not self._stopping.is_set():
                ready = [key.fileobj for key, _ in selector.select()]
                if self._waker[0] in ready:
                    break
                try:
                    client, _ = self._listener.accept()
                except OSError:
                    break
                number += 1
                client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                self._count("connections")
                if self._on_connect():
                    self._count("refuse", seen=Seen(number, "", "", "refuse", None))
                    client.close()
                    continue
                thread = threading.Thread(target=self._serve, args=(client, number), daemon=True,
                                          name=f"fault-proxy-conn-{number}")
                with self._cond:
                    self._threads = [t for t in self._threads if t.is_alive()]
                    self._threads.append(thread)
                    self._sockets.add(client)
                thread.start()

    def _track(self, sock: socket.socket) -> None:
        with self._cond:
            self._sockets.add(sock)
        if self._stopping.is_set():
            _shutdown(sock)

    def _untrack_close(self, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._cond:
            self._sockets.discard(sock)
        _shutdown(sock)
        sock.close()

    def _serve(self, client: socket.socket, number: int) -> None:
        stream = _Stream(client)
        try:
            while not self._stopping.is_set():
                try:
                    head = stream.read_head()
                except _Closed:
                    return
                if head is None:
                    return
                method, path, headers = _parse_head(head, request=True)
                body = stream.read_body(headers, request=True)
                self._count("requests")
                request = Request(method, path, headers, body)
                fault, rng = self._on_request(request)
                self._count(fault.label, seen=Seen(number, method, path, fault.label,
                                                   headers.get("x-idempotency-key")))
                if not self._apply(fault, rng, client, request, head + body):
                    return
                if headers.get("connection", "").lower() == "close":
                    return
        except (OSError, _Closed, ValueError):
            return
        finally:
            self._untrack_close(client)

    def _wait_for_hangup(self, client: socket.socket) -> bool:
        """Block until ``client`` closes its side (True) or the proxy stops (False)."""
        with selectors.DefaultSelector() as selector:
            selector.register(client, selectors.EVENT_READ)
            while not self._stopping.is_set():
                if selector.select(0.05):
                    try:
                        if not client.recv(1, socket.MSG_PEEK):
                            return True
                    except OSError:
                        return True
                    self._stopping.wait(0.05)  # bytes of a next request: not a hang-up yet
        return False

    def _apply(self, fault: Fault, rng: random.Random, client: socket.socket, request: Request,
               raw_request: bytes) -> bool:
        """Do what ``fault`` says with one request; False when the client connection must now close."""
        if fault.kind == "refuse":
            return False
        if fault.kind == "http":
            client.sendall(_canned(fault))
            return True
        if fault.kind == "raw":
            client.sendall(_answer(fault.status, fault.body, fault.content_type))
            return True
        if fault.kind == "respond":
            assert fault.responder is not None
            status, body = fault.responder(request)
            client.sendall(_answer(status, body, "application/json"))
            return True
        if fault.kind == "delay":
            low, high = fault.delay_ms if isinstance(fault.delay_ms, tuple) else (fault.delay_ms, fault.delay_ms)
            if self._stopping.wait(rng.uniform(low, high) / 1000):
                return False
        if fault.kind == "after_hangup" and not self._wait_for_hangup(client):
            return False
        upstream = socket.create_connection(self.upstream, timeout=None)
        try:
            upstream.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._track(upstream)
            if fault.kind == "cut_request":
                upstream.sendall(raw_request[:_cut_point(len(raw_request), fault.fraction, rng)])
                return False
            upstream.sendall(raw_request)
            self._count("forwarded")
            reader = _Stream(upstream)
            head = reader.read_head()
            if head is None:
                return False
            _, status, headers = _parse_head(head, request=False)
            no_body = request.method == "HEAD" or status in (204, 304) or 100 <= int(status) < 200
            body = b"" if no_body else reader.read_body(headers, request=False)
            raw_response = head + body
            self._count("answered")
            if fault.kind == "cut_response":
                client.sendall(raw_response[:_cut_point(len(raw_response), fault.fraction, rng)])
                return False
            client.sendall(raw_response)
            framed = no_body or "content-length" in headers or "chunked" in headers.get("transfer-encoding", "")
            return framed and headers.get("connection", "").lower() != "close"
        finally:
            self._untrack_close(upstream)


def _shutdown(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


def _cut_point(total: int, fraction: float | None, rng: random.Random) -> int:
    """Somewhere strictly inside a message of ``total`` bytes (at least one byte sent, at least one kept)."""
    share = rng.uniform(0.05, 0.95) if fraction is None else fraction
    return max(1, min(total - 1, int(total * share)))


def _canned(fault: Fault) -> bytes:
    body = json.dumps({"message": fault.message, "status": fault.status, "data": {"valido": False}},
                      ensure_ascii=False).encode("utf-8")
    lines = [f"HTTP/1.1 {fault.status} {HTTPStatus(fault.status).phrase}", "Content-Type: application/json",
             f"Content-Length: {len(body)}"]
    if fault.retry_after is not None:
        lines.append(f"Retry-After: {fault.retry_after}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def _answer(status: int, body: bytes, content_type: str) -> bytes:
    head = (f"HTTP/1.1 {status} {HTTPStatus(status).phrase}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n")
    return head.encode("latin-1") + body


def _parse_head(head: bytes, *, request: bool) -> tuple[str, str, dict[str, str]]:
    """(method, path, headers) of a request head, or (version, status, headers) of a response head."""
    lines = head.decode("latin-1").split("\r\n")
    first = lines[0].split(" ", 2)
    if len(first) < 2:
        raise ValueError(f"not an HTTP message: {lines[0]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, _, value = line.partition(":")
        key = name.strip().lower()
        headers[key] = f"{headers[key]}, {value.strip()}" if key in headers else value.strip()
    if not request and not first[1].isdigit():
        raise ValueError(f"bad status line: {lines[0]!r}")
    return first[0], first[1], headers


class _Stream:
    """A buffered reader over a socket that hands back the exact bytes of each HTTP message part."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self.buffer = bytearray()

    def _fill(self) -> bool:
        data = self.sock.recv(65536)
        if not data:
            return False
        self.buffer += data
        return True

    def read_head(self) -> bytes | None:
        """The head up to and including the blank line; None on a clean close before any byte."""
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end >= 0:
                head = bytes(self.buffer[:end + 4])
                del self.buffer[:end + 4]
                return head
            if len(self.buffer) > MAX_HEAD_BYTES:
                raise ValueError("HTTP head too large")
            if not self._fill():
                if self.buffer:
                    raise _Closed("closed in the middle of a head")
                return None

    def read_exact(self, n: int) -> bytes:
        while len(self.buffer) < n:
            if not self._fill():
                raise _Closed("closed in the middle of a body")
        data = bytes(self.buffer[:n])
        del self.buffer[:n]
        return data

    def read_line(self) -> bytes:
        while (end := self.buffer.find(b"\r\n")) < 0:
            if not self._fill():
                raise _Closed("closed in the middle of a chunk")
        return self.read_exact(end + 2)

    def read_to_close(self) -> bytes:
        while self._fill():
            pass
        data = bytes(self.buffer)
        self.buffer.clear()
        return data

    def read_body(self, headers: dict[str, str], *, request: bool) -> bytes:
        """The raw body bytes (chunk framing and trailers included, so they can be forwarded verbatim)."""
        if "chunked" in headers.get("transfer-encoding", "").lower():
            raw = bytearray()
            while True:
                size_line = self.read_line()
                raw += size_line
                size = int(size_line.split(b";", 1)[0].strip(), 16)
                if size == 0:
                    while (line := self.read_line()) != b"\r\n":
                        raw += line
                    raw += b"\r\n"
                    return bytes(raw)
                raw += self.read_exact(size + 2)
        if "content-length" in headers:
            return self.read_exact(int(headers["content-length"]))
        return b"" if request else self.read_to_close()
