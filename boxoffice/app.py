"""Composition root: config -> store -> services -> sync -> ui.

The only place that knows how the parts are wired; everything else gets its collaborators passed in
(STYLE.md 7: no global singletons).
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from boxoffice import __version__
from boxoffice.config import Config, load_config
from boxoffice.core.errors import BoxOfficeError
from boxoffice.logging_setup import setup_logging
from boxoffice.paths import Paths, resolve

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Context:
    """What every command starts from: where things are, the validated config, where the log goes."""

    paths: Paths
    config: Config
    log_file: Path | None


def load_context(args: argparse.Namespace, *, stderr_logging: bool = True) -> Context:
    """Resolve paths, start logging, then read the config (so a bad config is logged too)."""
    paths = resolve(getattr(args, "config", None), getattr(args, "data_dir", None))
    paths.ensure()
    log_file = setup_logging(paths.log_dir, getattr(args, "log_level", "INFO"), stderr=stderr_logging)
    log.info("boxoffice %s starting; data dir %s", __version__, paths.data_dir)
    config = load_config(paths.config_file)
    return Context(paths=paths, config=config, log_file=log_file)


def open_local_store(context: Context):  # -> boxoffice.store.engine.Store
    """Open (and migrate) the local database; a backup is taken before any upgrade."""
    from boxoffice.store.engine import open_store

    store = open_store(context.paths.database, backups_dir=context.paths.backups_dir,
                       refuse_empty=context.config.paired)  # paired: an empty file means lost sales
    if context.config.paired:  # journal entries signed with this terminal's key from the OS keyring
        from boxoffice.journal_signing import sign_store

        central = context.config.central
        sign_store(store, central.office_id, central.url, context.config.terminal.id)
    return store


def run_gui(args: argparse.Namespace) -> int:
    """Config -> store -> services -> sync -> ui, then the Qt event loop; the worker stops with the window.

    An unpaired terminal starts without a delivery worker; the first-run wizard pairs it and calls
    ``connect`` below, which wires what needs the platform exactly as a paired start does.
    """
    from boxoffice.core.money import money_format
    from boxoffice.door_sync import door_syncer
    from boxoffice.facades.pairing import PairingFacade
    from boxoffice.training import training_starter
    from boxoffice.ui.backend import Backend

    try:
        context = load_context(args)
        store = open_local_store(context)
        store.checkpoint_when_idle()  # the clerk waits on every sale's commit: no WAL checkpoint inside it
    except BoxOfficeError as error:
        # started from a menu or autostart there is no terminal to read stderr: say it in a window too
        log.error("cannot start: %s", error)
        if not args.smoke_test:
            from boxoffice.ui.startup_failure import show_startup_failure

            show_startup_failure(error, args)  # translated (coded errors) when the config names a language
        raise
    link = SyncLink(store, context.config.sync.horizon_hours)
    link.start_fiscal(context.config)
    backend = Backend(
        terminal=terminal_of(context),
        money=money_format(context.config.terminal.language),
        session_factory=store.session_factory,
        read_session_factory=store.read_session_factory,
        sync_status=link.status,
        wake_sync=link.wake,
        follow_sync=link.follow,
        printer_config=context.config.printer,
        language=context.config.terminal.language,
        data_dir=context.paths.data_dir,
        pairing=PairingFacade(context, store),
        door_scan_point=context.config.door.scan_point,
        door_sync_seconds=context.config.door.sync_seconds,
    )

    def connect(paired: Context) -> None:
        """Wire everything that depends on the pairing: office name, printer, settings, pull, delivery."""
        backend.terminal = terminal_of(paired)
        make_printer(paired, store).apply(backend)
        backend.apply_settings = settings_applier(paired, store, backend)
        backend.start_training = training_starter(backend, store.path, paired.paths.data_dir,
                                                  lambda scratch: make_printer(_as_saved(paired, backend), scratch))
        if paired.config.paired:
            backend.pull = link.start(paired)
            backend.door_sync = door_syncer(lambda: make_client(paired), store.session_factory)
        if paired.config.paired:
            backend.central_client = lambda: make_client(paired)
        backend.facades = root_facades(store, backend, link)

    connect(context)
    try:
        from boxoffice.ui.application import run

        return run(context, backend, kiosk=bool(args.kiosk), smoke_test=bool(args.smoke_test), on_paired=connect)
    finally:
        link.stop()
        store.close()


def printing_facade(backend):  # -> boxoffice.facades.PrintingFacade
    """What the window may print, from the printer hooks applied to ``backend``."""
    from boxoffice.facades import PrintingFacade

    return PrintingFacade(bool(backend.printing_ready()), backend.print_sale, backend.no_sale,
                          backend.print_report, backend.unconfirmed, backend.dismiss_unconfirmed)


def root_facades(store, backend, link):  # -> boxoffice.facades.Facades
    """The typed facades the window works with, over the real store (rebuilt after pairing and Settings)."""
    from boxoffice.facades import SyncView, build_facades

    sync = SyncView(store.session_factory, store.read_session_factory, backend.terminal, status=link.status,
                    wake=link.wake, pull=backend.pull)
    return build_facades(store, backend.terminal, sync=sync, printing=printing_facade(backend),
                         central=backend.central_client, seats=link.seats)


def _as_saved(context: Context, backend) -> Context:
    """``context`` with the printer and language the supervisor last saved in Settings."""
    terminal = dataclasses.replace(context.config.terminal, language=backend.language)
    config = dataclasses.replace(context.config, printer=backend.printer_config or context.config.printer,
                                 terminal=terminal)
    return dataclasses.replace(context, config=config)


class SyncLink:
    """The delivery worker and the pull for the paired platform; nothing runs until :meth:`start`."""

    def __init__(self, store, horizon_hours: int) -> None:
        self.store = store
        self.horizon_hours = horizon_hours
        self.worker = None  # boxoffice.sync.reporting.ReportingWorker once paired
        self.fiscal = None  # boxoffice.fiscal_submitter.FiscalSubmitter when records are submitted
        self.seats = None  # boxoffice.hub_seats.HubSeats when the platform is the office hub (issue #18)
        self.lease_keeper = None  # boxoffice.hub_seats.LeaseKeeper with it
        self._listeners: list = []  # (Changes, SyncStatus) -> None, told after every round that changed something

    def start(self, context: Context):  # -> pull(): the inventory pull for this platform
        """Start delivering to the platform ``context`` is paired with (a second call is a no-op)."""
        if self.worker is None:
            self.worker = make_worker(context, self.store)
            for listener in self._listeners:
                self.worker.follow(listener)
            self.worker.start()
        if context.config.central.hub and self.seats is None:
            from boxoffice.hub_seats import HubSeats, LeaseKeeper

            self.seats = HubSeats(lambda timeout=None: make_client(context, timeout), self.store.session_factory,
                                  self.store.read_session_factory)
            self.lease_keeper = LeaseKeeper(self.seats)
            self.lease_keeper.start()

        def pull_now():  # network: the UI calls it in the background
            from boxoffice.inventory_pull import pull

            client = self.worker.observe(make_client(context))  # the pull's answers count in the status too
            try:
                return pull(client, self.store.session_factory)
            finally:
                client.close()

        return pull_now

    def status(self):  # -> boxoffice.core.sync_status.SyncStatus
        if self.worker is not None:
            return self._with_lease(self.worker.status())
        from boxoffice.services.sync_status import read_status

        return self._with_lease(read_status(self.store.read_session_factory, self.horizon_hours))

    def _with_lease(self, status):
        """``status`` with the window's lease left when it is behind an office hub (a read: never on the GUI
        thread; the worker's reports are completed on the worker's thread)."""
        if self.seats is None:
            return status
        return dataclasses.replace(status, lease_left=self.seats.lease_left())

    def start_fiscal(self, config: Config) -> None:
        """Send the Verifactu records in the background when ``[fiscal]`` names a NIF and a submission URL
        (independent of the platform: the tax agency's endpoint is another one)."""
        issuer = issuer_of(config)
        if self.fiscal is None and issuer is not None and issuer.submit:
            from boxoffice.fiscal_submitter import FiscalSubmitter

            self.fiscal = FiscalSubmitter(self.store.session_factory, config.fiscal.submission_url)
            self.fiscal.start()

    def wake(self) -> None:
        """A sale, void, return or refund was just recorded: deliver it (and its invoice record) now."""
        if self.worker is not None:
            self.worker.wake()
        if self.fiscal is not None:
            self.fiscal.wake()
        if self.lease_keeper is not None:
            self.lease_keeper.wake()

    def follow(self, listener) -> None:
        """Tell ``listener`` what each delivery round changed (the window's change hub), now and after pairing."""
        def told(changes, status):
            listener(changes, self._with_lease(status))

        self._listeners.append(told)
        if self.worker is not None:
            self.worker.follow(told)

    def stop(self) -> None:
        if self.worker is not None and not self.worker.stop(timeout=5):
            log.warning("delivery worker did not stop within 5 s; queued items stay pending")
        if self.fiscal is not None and not self.fiscal.stop(timeout=5):
            log.warning("fiscal submission did not stop within 5 s; its records stay pending")
        if self.lease_keeper is not None:
            self.lease_keeper.stop()


def terminal_of(context: Context):  # -> boxoffice.services.context.Terminal
    from boxoffice.services.context import Terminal

    central = context.config.central
    return Terminal(office_id=central.office_id, office_name=central.office_name or central.office_id,
                    terminal_id=context.config.terminal.id,
                    clerk_max_discount_percent=context.config.permissions.clerk_max_discount_percent,
                    fiscal=issuer_of(context.config))


def issuer_of(config: Config):  # -> boxoffice.core.fiscal.Issuer | None
    """The ``[fiscal]`` issuer of this terminal's invoices; None when no NIF is configured."""
    from boxoffice.core.fiscal import Issuer, normalise_nif, parse_rate

    fiscal = config.fiscal
    if not fiscal.nif:
        return None
    return Issuer(name=fiscal.name.strip(), nif=normalise_nif(fiscal.nif), address=fiscal.address.strip(),
                  series=config.terminal.id.strip(), default_rate_bp=parse_rate(fiscal.default_tax_rate),
                  rates_bp={product: parse_rate(rate) for product, rate in fiscal.tax_rates.items()},
                  regime=fiscal.regime, timezone=fiscal.timezone, check_url=fiscal.check_url,
                  submit=bool(fiscal.submission_url))


def make_client(context: Context, timeout=None):  # -> boxoffice.sync.client.CentralClient
    """A client for the configured platform with the token from the keyring, or a clear error (``timeout``:
    (connect, read) seconds instead of the client's default)."""
    from boxoffice import credentials
    from boxoffice.core.errors import NotPaired
    from boxoffice.sync.client import CentralClient

    central = context.config.central
    if not context.config.paired:
        raise NotPaired("this terminal is not paired with a central platform; run "
                        "`boxoffice pair --url URL --office ID --token-stdin`")
    token = credentials.load_token(central.office_id, central.url)
    if timeout is not None:
        return CentralClient(central.url, token, central.office_id, ca_file=central.ca_file or None, timeout=timeout)
    return CentralClient(central.url, token, central.office_id, ca_file=central.ca_file or None)


def make_worker(context: Context, store):  # -> boxoffice.sync.reporting.ReportingWorker
    from boxoffice.services import delivery
    from boxoffice.sync.reporting import ReportingWorker

    return ReportingWorker(store.session_factory, lambda: make_client(context), book=delivery,  # type: ignore[arg-type]
                           read_session_factory=store.read_session_factory,
                           gzip_memory=delivery.GzipMemory(store.session_factory, store.read_session_factory),
                           batch_size=context.config.sync.batch_size,
                           horizon_hours=context.config.sync.horizon_hours,
                           terminal_id=context.config.terminal.id)


@dataclass(frozen=True)
class PrinterHooks:
    """What the window may print, bound to one store: None (or ready() False) when printing is not set up."""

    printing_ready: Callable[[], bool]
    print_sale: Callable[..., None] | None = None  # (purchase code, reprint=False, cash=False)
    no_sale: Callable[[str | None], None] | None = None  # open the drawer without a sale (actor), journaled
    print_report: Callable[[Any], None] | None = None  # a boxoffice.core.report_print.ReportPrint
    unconfirmed: Callable[[], list[Any]] | None = None  # sales with tickets no printer confirmed
    dismiss_unconfirmed: Callable[[str], None] | None = None  # (purchase code) they are on paper after all

    def apply(self, backend) -> None:
        backend.printing_ready, backend.print_sale = self.printing_ready, self.print_sale
        backend.no_sale, backend.print_report = self.no_sale, self.print_report
        backend.unconfirmed, backend.dismiss_unconfirmed = self.unconfirmed, self.dismiss_unconfirmed


def make_printer(context: Context, store) -> PrinterHooks:
    """The printer the config names (PDF folder, system printer, ESC/POS), or "not set up"."""
    from boxoffice.printing.outputs import PrintError, printer_for

    language = context.config.terminal.language
    try:
        printer = printer_for(context.config.printer, context.paths.data_dir, language)
    except PrintError as error:
        log.warning("printer not set up: %s", error)
        printer = None
    if printer is None:
        return PrinterHooks(lambda: False)
    office = context.config.central.office_name or context.config.central.office_id or context.config.terminal.id

    def no_sale(actor: str | None) -> None:
        """Open the cash drawer without a sale (supervisor), journaled."""
        from boxoffice.services.reprints import record_no_sale

        record_no_sale(store.session_factory, actor, open_drawer=printer.open_drawer)  # opens once allowed

    def print_sale(code: str, reprint: bool = False, cash: bool = False, only: Sequence[str] | None = None) -> None:
        """``only``: just these tickets (the ones a printer did not confirm), then the receipt."""
        from boxoffice.facades.ticket_places import printable_tickets
        from boxoffice.services import print_jobs
        from boxoffice.services.printouts import receipt_for_sale
        from boxoffice.services.reprints import record_reprint

        tickets = printable_tickets(store.read_session_factory, code, office, reprint=reprint)
        print_jobs.track(store.session_factory, code, tickets, printer.print_tickets, only=only)
        receipt = receipt_for_sale(store.read_session_factory, code, office, reprint=reprint,
                                   check_url=context.config.fiscal.check_url)
        printer.print_receipt(receipt)
        if reprint:
            record_reprint(store.session_factory, code, "tickets", None, tickets=len(only) if only else None)
            record_reprint(store.session_factory, code, "receipt", None)
        elif cash and printer.can_open_drawer:
            printer.open_drawer()  # the receipt printer kicks the cash drawer

    from boxoffice.services import print_jobs

    return PrinterHooks(lambda: True, print_sale, no_sale if printer.can_open_drawer else None, printer.print_report,
                        lambda: print_jobs.unconfirmed(store.read_session_factory),
                        lambda code: print_jobs.dismiss(store.session_factory, code))


def settings_applier(context: Context, store, backend):  # -> (PrinterConfig, language, actor) -> None
    """What the settings dialog's Save does: check that the one acting may change settings (read again from the
    store, as every service does), validate and write the config, then switch the printer at once (a new
    language shows at the next start)."""
    current = {"context": context}

    def apply(printer, language: str, actor) -> None:
        from boxoffice.config import save_config
        from boxoffice.core.permissions import Action
        from boxoffice.services.authority import acting_clerk

        with store.read_session_factory() as session:
            acting_clerk(session, actor, Action.settings)  # PermissionRefused / ActorInactive: nothing written
        ctx = current["context"]
        config = dataclasses.replace(ctx.config, printer=printer,
                                     terminal=dataclasses.replace(ctx.config.terminal, language=language))
        save_config(config, ctx.paths.config_file)
        current["context"] = ctx = dataclasses.replace(ctx, config=config)
        make_printer(ctx, store).apply(backend)
        backend.printer_config, backend.language = printer, language
        if backend.facades is not None:
            backend.facades = dataclasses.replace(backend.facades, printing=printing_facade(backend))

    return apply
