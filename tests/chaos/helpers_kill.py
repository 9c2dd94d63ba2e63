"""Helpers for the kill -9 chaos test: a response-delaying TCP proxy and read-only checks of both databases.

The proxy sits between the terminal and the reference central server and holds every answer for a random
time after the server has sent it. The server commits a synchronisation before it answers, so while an answer
is held the sale is stored centrally but the terminal does not know yet: a SIGKILL then leaves the sale
"in doubt" (delivered, still pending locally), the case idempotent replay exists for. Without the delay that
window is a few milliseconds wide and random kills would rarely hit it.
"""

from __future__ import annotations

import json
import random
import socket
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class DelayProxy:
    """127.0.0.1 TCP proxy to ``upstream`` (host, port); every answer is held ``min_delay..max_delay`` s."""

    def __init__(self, upstream: tuple[str, int], *, seed: int, min_delay: float = 0.02,
                 max_delay: float = 0.3) -> None:
        self.upstream = upstream
        self.min_delay, self.max_delay = min_delay, max_delay
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._sockets: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._closed = threading.Event()
        self.awaiting = 0  # requests forwarded, no answer byte back from the server yet
        self.holding = 0  # answers received from the server and being held
        self.requests = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(64)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._spawn(self._accept_loop)

    def phase(self) -> str:
        """What the traffic was doing at this instant (for classifying a kill)."""
        with self._lock:
            if self.holding:
                return "answer held (server committed)"
            if self.awaiting:
                return "request at the server"
            return "no request in flight"

    def _spawn(self, target: Any, *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name="delay-proxy")
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
            state = {"awaiting": False}
            self._spawn(self._pump_requests, client, server, state)
            self._spawn(self._pump_answers, server, client, state)

    def _pump_requests(self, client: socket.socket, server: socket.socket, state: dict[str, bool]) -> None:
        try:
            while chunk := client.recv(65536):
                with self._lock:
                    if not state["awaiting"]:
                        state["awaiting"] = True
                        self.awaiting += 1
                        self.requests += 1
                server.sendall(chunk)
        except OSError:
            pass
        finally:
            with self._lock:
                if state["awaiting"]:
                    state["awaiting"] = False
                    self.awaiting -= 1
            self._close(client)
            self._close(server)

    def _pump_answers(self, server: socket.socket, client: socket.socket, state: dict[str, bool]) -> None:
        try:
            while chunk := server.recv(65536):
                with self._lock:
                    first = state["awaiting"]
                    if first:
                        state["awaiting"] = False
                        self.awaiting -= 1
                        self.holding += 1
                    delay = self._rng.uniform(self.min_delay, self.max_delay)
                if first:
                    try:
                        time.sleep(delay)
                    finally:
                        with self._lock:
                            self.holding -= 1
                client.sendall(chunk)
        except OSError:
            pass
        finally:
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
