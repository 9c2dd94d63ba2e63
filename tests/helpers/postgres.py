"""A throwaway PostgreSQL server for tests: initdb as the ``postgres`` user in a temp dir, 127.0.0.1 only.

``postgres_server()`` starts one (``pytest.skip`` with the reason when the binaries or the ``postgres`` user
are missing); ``server.new_database()`` gives each test its own empty database URL. ``fsync`` is off: the data
is thrown away, and the tests check locking, not durability.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest

PG_USER = "postgres"


def find_bin_dir() -> Path | None:
    """The newest ``/usr/lib/postgresql/<major>/bin`` holding initdb, or initdb on PATH."""
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0)
    if candidates:
        return candidates[-1].parent
    on_path = shutil.which("initdb")
    return Path(on_path).parent if on_path else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    host: str
    port: int
    user: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def new_database(self) -> str:
        """Create an empty database and return its SQLAlchemy URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=self.host, port=self.port, user=self.user, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _skip_reason() -> str | None:
    if find_bin_dir() is None:
        return "PostgreSQL server binaries (initdb) not found; install the Debian 'postgresql' package"
    try:
        pwd.getpwnam(PG_USER)
    except KeyError:
        return f"no '{PG_USER}' system user to run PostgreSQL as"
    if os.geteuid() != 0 and pwd.getpwuid(os.geteuid()).pw_name != PG_USER:
        return "starting PostgreSQL needs root (to run it as the postgres user) or the postgres user itself"
    return None


def _run_as_postgres(args: list[str]) -> subprocess.CompletedProcess[str]:
    command = args if os.geteuid() != 0 else ["su", PG_USER, "-s", "/bin/sh", "-c",
                                              " ".join(f"'{a}'" for a in args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@contextmanager
def postgres_server() -> Iterator[PostgresServer]:
    """Start a private PostgreSQL on a free port; stop it and delete its files on exit."""
    reason = _skip_reason()
    if reason:
        print(f"SKIP PostgreSQL tests: {reason}")
        pytest.skip(reason)
    bin_dir = find_bin_dir()
    assert bin_dir is not None
    root = Path(tempfile.mkdtemp(prefix="boxoffice-pg-"))
    user = pwd.getpwnam(PG_USER)
    os.chown(root, user.pw_uid, user.pw_gid)
    data, port = root / "data", _free_port()
    try:
        init = _run_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-U", PG_USER, "--auth=trust",
                                 "-E", "UTF8", "--no-sync"])
        if init.returncode:
            raise RuntimeError(f"initdb failed: {init.stderr or init.stdout}")
        options = f"-p {port} -k {root} -h 127.0.0.1 -c fsync=off -c max_connections=200"
        start = _run_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w",
                                  "-t", "60", "-o", options, "start"])
        if start.returncode:
            log = (root / "log").read_text() if (root / "log").exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {start.stderr or start.stdout}\n{log}")
        try:
            yield PostgresServer("127.0.0.1", port, PG_USER)
        finally:
            _run_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(root, ignore_errors=True)
