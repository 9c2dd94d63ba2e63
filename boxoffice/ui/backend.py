"""What the window may do, handed in by the composition root (no globals, no SQL, no HTTP in ``ui/``).

Each field is a plain callable over services; tests pass their own to drive the window without a network.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boxoffice.core.money import MoneyFormat
from boxoffice.services.context import Terminal


@dataclass
class Backend:
    terminal: Terminal
    money: MoneyFormat
    session_factory: Any  # write sessions (services only)
    read_session_factory: Any  # read sessions (services only)
    sync_status: Callable[[], Any]  # -> boxoffice.core.sync_status.SyncStatus
    pull: Callable[[], Any] | None = None  # fetch the inventory now (network; call in the background)
    wake_sync: Callable[[], None] = lambda: None  # a sale was committed: deliver soon
    #: (listener) -> None: tell listener((Changes, SyncStatus)) after every delivery round that changed something
    follow_sync: Callable[[Callable[[Any, Any], None]], None] | None = None
    printing_ready: Callable[[], bool] = lambda: False
    print_sale: Callable[..., None] | None = None  # (purchase code, reprint=False, cash=False): tickets + receipt
    no_sale: Callable[[str | None], None] | None = None  # open the cash drawer without a sale (actor), journaled
    printer_config: Any = None  # boxoffice.config.PrinterConfig shown in settings
    language: str = "es"
    data_dir: Path | None = None
    apply_settings: Callable[[Any, str, Any], None] | None = None  # (PrinterConfig, language, actor): save, switch
    print_report: Callable[[Any], None] | None = None  # a boxoffice.core.report_print.ReportPrint on the printer
    #: () -> [services.print_jobs.Unconfirmed]: tickets no printer confirmed (offered for reprint at start)
    unconfirmed: Callable[[], list[Any]] | None = None
    dismiss_unconfirmed: Callable[[str], None] | None = None  # (purchase code): they are on paper after all
    #: boxoffice.facades.Facades built by the composition root (None: the window builds them from the fields)
    facades: Any = None
    training: bool = False  # a scratch copy of the store: prints "TRAINING / FORMACIÓN", never syncs
    start_training: Callable[[], Any] | None = None  # -> (training Backend, leave: () -> None); see boxoffice.training
    pairing: Any = None  # boxoffice.facades.pairing.PairingFacade: the first-run wizard's steps (unpaired start)
    door_scan_point: str = ""  # [door] scan_point: which door this terminal is (ticket types may accept only some)
    door_sync: Callable[[str], Any] | None = None  # (event id): send entries, refresh the door snapshot (network)
    door_sync_seconds: int = 30
    #: () -> a boxoffice.sync.client.CentralClient for one call (network): the batch screen's; None: no platform
    central_client: Callable[[], Any] | None = None
