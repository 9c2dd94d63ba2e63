"""Helpers for the kill -9 chaos test: child processes stopped on a trace point, a gating TCP proxy, and
read-only checks of both databases.

A kill lands where the test says by construction, never by chance: a child started with
``BOXOFFICE_TRACEPOINTS`` and ``BOXOFFICE_TRACE_STOP`` (:mod:`boxoffice.tracepoints`) stops at that point and
waits, and :func:`kill_when_stopped` kills it only once it has said so. Points on the wire are made the same
way by :class:`GateProxy`, between the terminal and the reference central server: it holds the next request to a
path before the server sees it (sent, nothing stored), or holds the server's answer to it (the server has
committed, the terminal does not know: the sale is "in doubt", the case idempotent replay exists for).
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from boxoffice import tracepoints

#: ``returncode`` of a child killed by ``Popen.kill``: SIGKILL on POSIX, ``TerminateProcess(..., 1)`` on Windows.
KILLED = 1 if os.name == "nt" else -signal.SIGKILL
READY_TIMEOUT = 60.0


def wait_for(condition: Callable[[], bool], process: subprocess.Popen, what: str,
             timeout: float = READY_TIMEOUT) -> None:
    """Poll ``condition`` until true; fail at once if ``process`` exits (the timeout only catches a hang)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None:
            raise AssertionError(f"{what}: the process exited early with {process.returncode}")
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not reached in {timeout} s")
        time.sleep(0.005)


@dataclass
class Traced:
    """A child process with trace points on, logging into its own folder."""

    process: subprocess.Popen
    folder: Path
    stop: str | None

    @property
    def stopped_at(self) -> str | None:
        marker = self.folder / tracepoints.STOPPED_MARKER
        return marker.read_text(encoding="utf-8") if marker.exists() else None

    @property
    def trace(self) -> list[str]:
        log = self.folder / tracepoints.TRACE_LOG
        return log.read_text(encoding="utf-8").split() if log.exists() else []

    def kill(self) -> int:
        """Kill it now (wherever it is) and reap it; returns its exit code."""
        if self.process.poll() is None:
            self.process.kill()
        return self.process.wait(timeout=60)


def start_traced(command: Sequence[str], env: dict[str, str], folder: Path, *, stop: str | None = None,
                 stdout: Path, stderr: Path, hold: float = 120.0) -> Traced:
    """Start ``command`` with trace points logged into ``folder`` and, with ``stop``, a stop at that point
    (where it waits at most ``hold`` seconds to be killed)."""
    folder.mkdir(parents=True, exist_ok=True)
    child_env = {**env, tracepoints.ENV_FOLDER: str(folder), tracepoints.ENV_HOLD: str(hold)}
    child_env.pop(tracepoints.ENV_STOP, None)
    if stop:
        child_env[tracepoints.ENV_STOP] = stop
    with stdout.open("wb") as out, stderr.open("wb") as err:
        process = subprocess.Popen(list(command), env=child_env, stdout=out, stderr=err)
    return Traced(process, folder, stop)


def kill_when_stopped(run: Traced) -> int:
    """Wait until ``run`` stands at its stop point, then kill it there; returns its exit code."""
    assert run.stop, "a run without a stop point cannot be killed by construction"
    try:
        wait_for(lambda: run.stopped_at is not None, run.process, f"trace point {run.stop}")
        assert run.stopped_at == run.stop.partition("#")[0], run.stopped_at
    finally:
        code = run.kill()
    return code


# -- the proxy -------------------------------------------------------------------------------------------------

_REQUEST_LINE = re.compile(rb"^[A-Z]+ (\S+) HTTP/1\.[01]\r\n")
_CONTENT_LENGTH = re.compile(rb"\r\ncontent-length:[ \t]*(\d+)", re.IGNORECASE)


@dataclass
class _Connection:
    """One client connection's HTTP framing: which request is being read, and what the proxy does with it."""

    head: bytes = b""  # the request's header block, until it is complete
    body_left: int = 0  # body bytes of the current request still to come from the client
    in_flight: bool = False  # a whole request is at the server and no byte of its answer came back yet
    drop: bool = False  # a held request: nothing more on this connection reaches the server
    hold_answer: bool = False
    client_gone: bool = False  # the client closed (or was killed) with a whole request at the server


class GateProxy:
    """127.0.0.1 TCP proxy to ``upstream`` (host, port) that passes everything except what it is told to hold.

    :meth:`hold_next` arms it for the next request whose target contains ``path``: ``"request"`` keeps that
    request from the server (and drops it with its connection), ``"answer"`` forwards it and keeps the server's
    answer from the client until :meth:`release`. It reads HTTP/1.1 framing (header block, Content-Length), so
    it knows when a whole request is at the server: a client killed then leaves the connection to the server
    open until the server answers, and :meth:`wait_quiet` returns once no request is being worked on (the server
    commits before it answers). A client killed in the middle of a request gets its server connection closed:
    the server never saw a whole request. TCP_NODELAY on every socket (PLATFORM.md).
    """

    def __init__(self, upstream: tuple[str, int]) -> None:
        self.upstream = upstream
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._closed = threading.Event()
        self._armed: tuple[Literal["request", "answer"], str] | None = None
        self._holding = threading.Event()
        self._release = threading.Event()
        self._in_flight = 0
        self.held: Counter = Counter()  # what was held so far, by kind
        self.requests = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._spawn(self._accept_loop)

    def hold_next(self, what: Literal["request", "answer"], path: str) -> None:
        with self._lock:
            assert not self._holding.is_set(), "release what is held first"
            self._armed = (what, path)
            self._release.clear()

    def wait_holding(self, process: subprocess.Popen, what: str) -> None:
        """Block until the armed hold has caught its request or answer (``process`` must not exit first)."""
        wait_for(self._holding.is_set, process, what)

    def release(self) -> None:
        """Let a held answer go on (to a client that is usually dead by now); disarm."""
        with self._lock:
            self._armed = None
            self._holding.clear()
        self._release.set()

    def wait_quiet(self, timeout: float = READY_TIMEOUT) -> None:
        """Block until no whole request is at the server unanswered (held answers count as answered)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if not self._in_flight:
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"the server did not answer {self._in_flight} request(s) in {timeout} s")
            time.sleep(0.005)

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="gate-proxy")
        self._threads.append(thread)
        thread.start()

    def _track(self, sock: socket.socket) -> socket.socket:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        with self._lock:
            self._sockets.add(sock)
        return sock

    def _accept_loop(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            self._track(client)
            try:
                server = self._track(socket.create_connection(self.upstream, timeout=5))
                server.settimeout(None)
            except OSError:
                self._close(client)
                continue
            state = _Connection()
            self._spawn(self._pump_requests, client, server, state)
            self._spawn(self._pump_answers, server, client, state)

    def _frame(self, state: _Connection, chunk: bytes) -> bytes:
        """Under the lock: account for ``chunk`` from the client; returns the bytes to forward now."""
        out = b""
        while chunk and not state.drop:
            if state.body_left:
                part, chunk = chunk[:state.body_left], chunk[state.body_left:]
                state.body_left -= len(part)
                out += part
            else:
                state.head += chunk
                end = state.head.find(b"\r\n\r\n")
                if end < 0:
                    return out  # the header block is not complete yet: forward nothing of it
                head, chunk = state.head[:end + 4], state.head[end + 4:]
                state.head = b""
                length = _CONTENT_LENGTH.search(head)
                state.body_left = int(length.group(1)) if length else 0
                self.requests += 1
                self._gate(state, head)
                if state.drop:
                    return out
                out += head
            if not state.body_left and not state.in_flight:
                state.in_flight = True  # the whole request is on its way to the server
                self._in_flight += 1
        return out

    def _gate(self, state: _Connection, head: bytes) -> None:
        line = _REQUEST_LINE.match(head)
        if self._armed is None or line is None or self._armed[1].encode() not in line.group(1):
            return
        what, self._armed = self._armed[0], None
        if what == "request":
            state.drop = True
            self.held["request"] += 1
            self._holding.set()
        else:
            state.hold_answer = True

    def _answered(self, state: _Connection) -> None:
        with self._lock:
            if state.in_flight:
                state.in_flight = False
                self._in_flight -= 1

    def _pump_requests(self, client: socket.socket, server: socket.socket, state: _Connection) -> None:
        try:
            while chunk := client.recv(65536):
                with self._lock:
                    forward = self._frame(state, chunk)
                if forward:
                    server.sendall(forward)
        except OSError:
            pass
        with self._lock:
            state.client_gone = whole_request_at_server = state.in_flight
        if not whole_request_at_server:  # otherwise the answer pump closes both once the server has answered
            self._close(client)
            self._close(server)

    def _pump_answers(self, server: socket.socket, client: socket.socket, state: _Connection) -> None:
        client_alive = True
        try:
            while chunk := server.recv(65536):
                self._answered(state)
                with self._lock:
                    hold, state.hold_answer = state.hold_answer, False
                    if hold:
                        self.held["answer"] += 1
                        self._holding.set()
                if hold:
                    self._release.wait(120)
                if client_alive:
                    try:
                        client.sendall(chunk)
                    except OSError:
                        client_alive = False
                with self._lock:
                    if not client_alive or state.client_gone:
                        break
        except OSError:
            pass
        finally:
            self._answered(state)
            self._close(client)
            self._close(server)

    def _close(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.discard(sock)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    def close(self) -> None:
        self._closed.set()
        self._release.set()
        self._listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            self._close(sock)
        for thread in self._threads:
            thread.join(timeout=5)


# -- read-only looks at the two databases ---------------------------------------------------------------------


def read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to an SQLite file other processes keep writing (WAL: never blocks them)."""
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    connection.execute("PRAGMA busy_timeout=30000")
    return connection


@dataclass
class LocalView:
    sales: dict[str, list[str]] = field(default_factory=dict)  # purchase code -> ticket ids
    pending: set[str] = field(default_factory=set)
    outbox_states: Counter = field(default_factory=Counter)
    replayed: int = 0  # outbox rows whose recorded answer was a replay of an earlier delivery
    problems: list[str] = field(default_factory=list)


def local_view(path: Path) -> LocalView:
    """The terminal's sales and outbox, plus every broken invariant of a sale ("whole or nothing")."""
    view = LocalView()
    db = read_only(path)
    try:
        db.execute("BEGIN")  # one snapshot for every query below
        sales = dict(db.execute("SELECT purchase_code, id FROM sales"))
        for code, ticket_id in db.execute("SELECT s.purchase_code, t.ticket_id FROM sale_tickets t JOIN sales s "
                                          "ON s.id = t.sale_id WHERE t.sale_status = 'completed' ORDER BY t.id"):
            view.sales.setdefault(code, []).append(ticket_id)
        outbox = Counter()
        for code, state, response in db.execute("SELECT subject, state, response FROM outbox WHERE kind = 'sale'"):
            outbox[code] += 1
            view.outbox_states[state] += 1
            if state == "pending":
                view.pending.add(code)
            if response and json.loads(response).get("replayed"):
                view.replayed += 1
        journaled = Counter(c for (c,) in db.execute("SELECT subject FROM journal WHERE kind = 'sale'"))
        with_items = {c for (c,) in db.execute("SELECT DISTINCT s.purchase_code FROM sale_items i "
                                               "JOIN sales s ON s.id = i.sale_id")}
        with_payments = {c for (c,) in db.execute("SELECT DISTINCT s.purchase_code FROM payments p "
                                                  "JOIN sales s ON s.id = p.sale_id")}
        sold = {t for (t,) in db.execute("SELECT id FROM tickets WHERE state = 'sold'")}
        db.execute("COMMIT")
    finally:
        db.close()
    for code in sales:
        if outbox[code] != 1:
            view.problems.append(f"sale {code} has {outbox[code]} outbox rows")
        if journaled[code] != 1:
            view.problems.append(f"sale {code} has {journaled[code]} journal entries")
        if code not in view.sales or code not in with_items or code not in with_payments:
            view.problems.append(f"sale {code} lacks tickets, items or payments")
    for code in outbox:
        if code not in sales:
            view.problems.append(f"outbox row for {code} without its sale")
    in_sales = Counter(t for tickets in view.sales.values() for t in tickets)
    if (twice := [t for t, n in in_sales.items() if n > 1]):
        view.problems.append(f"tickets in two sales: {twice[:5]}")
    if sold != set(in_sales):
        view.problems.append(f"sold tickets without a sale: {sorted(sold - set(in_sales))[:5]}; tickets of a sale "
                             f"not marked sold: {sorted(set(in_sales) - sold)[:5]}")
    return view


@dataclass
class CentralView:
    orders: Counter = field(default_factory=Counter)  # purchase code -> number of orders
    pos_transactions: Counter = field(default_factory=Counter)
    tickets: dict[str, list[str]] = field(default_factory=dict)  # purchase code -> ticket ids
    statuses: Counter = field(default_factory=Counter)
    conflicts: list[tuple[str, str]] = field(default_factory=list)
    ticket_orders: Counter = field(default_factory=Counter)  # ticket id -> number of order lines
    sold_by: dict[str, str] = field(default_factory=dict)  # ticket id -> sold_order_id, for sold tickets
    order_ids: dict[str, str] = field(default_factory=dict)  # purchase code -> order id
    ledger_sales: Counter = field(default_factory=Counter)  # ticket id -> "sale" entries in the ticket ledger
    sync_entries: Counter = field(default_factory=Counter)  # purchase code -> completed synchronisation entries


def central_view(path: Path) -> CentralView:
    view = CentralView()
    db = read_only(path)
    try:
        db.execute("BEGIN")
        for order_id, code, status in db.execute("SELECT id, purchase_code, status FROM orders"):
            view.orders[code] += 1
            view.statuses[status] += 1
            view.order_ids[code] = order_id
        view.pos_transactions.update(c for (c,) in db.execute("SELECT code FROM pos_transactions"))
        for code, ticket_id, conflict in db.execute(
                "SELECT o.purchase_code, t.ticket_id, t.conflict FROM order_tickets t JOIN orders o "
                "ON o.id = t.order_id ORDER BY o.purchase_code, t.position"):
            view.tickets.setdefault(code, []).append(ticket_id)
            view.ticket_orders[ticket_id] += 1
            if conflict:
                view.conflicts.append((code, conflict))
        view.sold_by = dict(db.execute("SELECT id, sold_order_id FROM tickets WHERE sold_order_id IS NOT NULL"))
        view.ledger_sales.update(t for (t,) in db.execute("SELECT ticket_id FROM ticket_ledger WHERE action = 'sale'"))
        view.sync_entries.update(c for (c,) in db.execute(
            "SELECT purchase_code FROM sync_entries WHERE status = 'completed'"))
        db.execute("COMMIT")
    finally:
        db.close()
    return view
