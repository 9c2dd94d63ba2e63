"""A real reference central platform for tests: fresh database, demo seed, uvicorn on a free 127.0.0.1 port.

Usage::

    with central_server(tmp_path) as central:
        httpx.post(central.url + "/offline_office_tickets_list_sales", headers=central.office_headers(...), ...)

or, in a conftest, ``central = pytest.fixture(central_server_fixture())``. The server runs in a background
thread of the test process on a socket bound before it starts (no port race), and is stopped cleanly on exit.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import select

from boxoffice.central.app import create_app
from boxoffice.central.db import Database
from boxoffice.central.models import Ticket
from boxoffice.central.seed import DemoSeed, seed_demo

START_TIMEOUT_S = 15.0


@dataclass
class CentralServer:
    """What a test needs to talk to the running platform."""

    url: str
    db_url: str
    admin_token: str
    event_id: str
    office_tokens: dict[str, str]
    seat_ids: dict[str, str] = field(default_factory=dict)
    """Ticket id of every demo seat ("GEN5" -> "JAOTIiQrtU1fMWZZY2IZ-nGxHQ00YzCg9PphEwlYb")."""
    extra: dict[str, Any] = field(default_factory=dict)

    def headers(self, token: str | None, idempotency_key: str | None = None) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        if idempotency_key:
            headers["X-Idempotency-Key"] = idempotency_key
        return headers

    @property
    def admin_headers(self) -> dict[str, str]:
        return self.headers(self.admin_token)

    def office_headers(self, office_id: str) -> dict[str, str]:
        return self.headers(self.office_tokens[office_id])


class _ThreadedServer(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # pragma: no cover - older uvicorn only
        """Signals belong to the test runner's main thread."""

    async def main_loop(self) -> None:
        """uvicorn's loop checks ``should_exit`` every 100 ms; 10 ms makes stopping a test server quick."""
        counter = 0
        while not await self.on_tick(counter):
            counter = (counter + 1) % 864000
            await asyncio.sleep(0.01)


def _bind_free_port() -> socket.socket:
    """A listening socket on a free port. ``proto`` must say TCP explicitly: asyncio sets TCP_NODELAY on
    accepted connections only when ``sock.proto == IPPROTO_TCP``; with the default 0 every keep-alive request
    stalls ~44 ms (Nagle + delayed ACK)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(128)
    return sock


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Run an ASGI app with uvicorn in a thread; yields its base URL and stops it on exit."""
    sock = _bind_free_port()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    server = _ThreadedServer(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name=f"central-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the central server on port {port} did not start")
            time.sleep(0.01)
        httpx.get(url + "/health", timeout=5).raise_for_status()
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@dataclass(frozen=True)
class SeededTemplate:
    """A seeded SQLite file to copy: seeding once per session instead of once per test saves ~0.3 s a test."""

    path: Path
    seed: DemoSeed
    seat_ids: dict[str, str]


def seeded_template(tmp_dir: Path) -> SeededTemplate:
    """Create the schema and the demo seed in ``tmp_dir/template.sqlite3`` (closed, WAL checkpointed)."""
    path = Path(tmp_dir) / "template.sqlite3"
    db = Database(f"sqlite:///{path}")
    try:
        db.create_schema()
        seed = seed_demo(db)
        seats = _seat_ids(db, seed.event_id)
    finally:
        db.dispose()
    return SeededTemplate(path, seed, seats)


def _seat_ids(db: Database, event_id: str) -> dict[str, str]:
    with db.read() as session:
        return {seat: ticket_id for seat, ticket_id in session.execute(
            select(Ticket.seat_id, Ticket.id).where(Ticket.event_id == event_id))}


@contextmanager
def central_server(tmp_dir: Path | None = None, db_url: str | None = None, seed: bool = True,
                   template: SeededTemplate | None = None) -> Iterator[CentralServer]:
    """Fresh database (a SQLite file in ``tmp_dir``, or ``db_url``), demo seed, running server.

    With ``template`` (SQLite only) the database is a copy of an already seeded file.
    """
    if db_url is None:
        if tmp_dir is None:
            raise ValueError("central_server needs tmp_dir (for a SQLite file) or db_url")
        db_url = f"sqlite:///{Path(tmp_dir) / 'central.sqlite3'}"
        if template is not None:
            shutil.copyfile(template.path, Path(tmp_dir) / "central.sqlite3")
    demo: DemoSeed | None = template.seed if template is not None else None
    seats = dict(template.seat_ids) if template is not None else {}
    app = create_app(db_url)  # creates the schema
    if seed and demo is None:
        db = Database(db_url)
        try:
            demo = seed_demo(db)
            seats = _seat_ids(db, demo.event_id)
        finally:
            db.dispose()
    admin_token, event_id, office_tokens = "", "", {}
    if demo is not None:
        admin_token, event_id, office_tokens = demo.admin_token, demo.event_id, dict(demo.office_tokens)
    with serve_app(app) as url:
        yield CentralServer(url=url, db_url=db_url, admin_token=admin_token, event_id=event_id,
                            office_tokens=office_tokens, seat_ids=seats)


def central_server_fixture(scope: str = "function") -> Callable[..., Any]:
    """A pytest fixture function giving a fresh :class:`CentralServer` (SQLite in the test's tmp dir)."""

    def fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CentralServer]:
        with central_server(tmp_path_factory.mktemp("central")) as server:
            yield server

    return pytest.fixture(scope=scope)(fixture)  # type: ignore[call-overload,no-any-return]
