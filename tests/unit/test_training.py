"""Training mode's backend: the scratch store, no sync, and the real cash drawer kept shut."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from boxoffice.app import PrinterHooks
from boxoffice.training import training_starter
from tests.helpers.demo_inventory import TERMINAL, backend_for, seed_store


def test_training_prints_on_the_scratch_store_but_never_opens_the_drawer(tmp_path: Path) -> None:
    store = seed_store(tmp_path / "live.sqlite3")
    printed: list[tuple[str, bool, bool]] = []
    drawer: list[str | None] = []
    bound_to = []

    def make_printer(scratch) -> PrinterHooks:  # a stand-in printer that records what it was asked
        bound_to.append(scratch.path)
        return PrinterHooks(lambda: True,
                            lambda code, reprint=False, cash=False: printed.append((code, reprint, cash)),
                            drawer.append, None)

    live = backend_for(store, wake_sync=lambda: None)
    scratch, leave = training_starter(live, store.path, tmp_path / "data", make_printer)()
    try:
        assert scratch.training and scratch.terminal.training and not live.terminal.training
        assert scratch.pull is None and scratch.apply_settings is None and scratch.start_training is None
        assert bound_to == [Path(scratch.session_factory.kw["bind"].url.database)] != [store.path]
        assert scratch.sync_status().connection == "training"
        assert scratch.no_sale is None  # no "No sale" in training: the drawer is real
        scratch.print_sale("ABC", cash=True)  # a practice cash sale: tickets and receipt, no drawer kick
        assert printed == [("ABC", False, False)] and drawer == []
        assert scratch.terminal == dataclasses.replace(TERMINAL, training=True)
    finally:
        leave()
        store.close()
