"""A paired box-office terminal for integration tests: private data dir, config, token in the file keyring.

It pairs by writing the config and keyring directly, so tests do not depend on the ``pair`` command (which
has tests of its own), and opens a shift (tests/helpers/shifts.py) unless told not to: every sale, void and
return belongs to one. ``env`` is what a subprocess needs to act as this terminal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from boxoffice import credentials
from boxoffice.config import CentralConfig, Config, TerminalConfig, save_config
from boxoffice.inventory_pull import pull
from boxoffice.journal_signing import sign_store
from boxoffice.services.context import Terminal
from boxoffice.store.engine import Store, open_store
from boxoffice.sync.client import CentralClient
from tests.helpers.shifts import open_test_shift


@dataclass
class TestTerminal:
    __test__ = False  # not a test class

    data_dir: Path
    url: str
    office_id: str
    token: str
    env: dict[str, str]
    terminal: Terminal

    def open_store(self) -> Store:
        """The store as the app opens it: its journal entries signed with this terminal's key."""
        store = open_store(self.data_dir / "boxoffice.sqlite3", backups_dir=self.data_dir / "backups")
        sign_store(store, self.office_id, self.url, self.terminal.terminal_id)
        return store

    def client(self, url: str | None = None, timeout: tuple[float, float] = (2.0, 5.0)) -> CentralClient:
        return CentralClient(url or self.url, self.token, self.office_id, timeout=timeout)


def make_terminal(data_dir: Path, url: str, office_id: str, token: str, *, event_id: str | None = None,
                  pull_now: bool = True, shift: bool = True) -> TestTerminal:
    """Configure a terminal in ``data_dir`` for ``url`` and (by default) pull ``event_id`` into it and open a
    shift (with ``pull_now``)."""
    data_dir.mkdir(parents=True, exist_ok=True)
    name = office_id.replace("office_", "").replace("_", " ").title()
    config = Config(central=CentralConfig(url=url, office_id=office_id, office_name=name),
                    terminal=TerminalConfig(id=f"test-{office_id}"))
    save_config(config, data_dir / "boxoffice.toml")
    credentials.store_token(office_id, token)
    env = {**os.environ, "BOXOFFICE_DATA_DIR": str(data_dir)}
    env.pop("BOXOFFICE_CONFIG", None)
    terminal = TestTerminal(data_dir, url, office_id, token, env, Terminal(office_id, name, config.terminal.id))
    if pull_now:
        store = terminal.open_store()
        client = terminal.client()
        try:
            pull(client, store.session_factory, [event_id] if event_id else None)
            if shift:
                open_test_shift(store.session_factory)
        finally:
            client.close()
            store.close()
    return terminal
