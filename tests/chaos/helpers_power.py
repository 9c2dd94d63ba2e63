"""Power-loss simulation for the local store: an SQLite VFS shim (apsw) that knows what an fsync made durable.

The model (one :class:`Disk` per trial):

* Every write, truncate and sync SQLite does to a named file (database, ``-wal``; never temp files) goes
  through :class:`ShimFile` to the real file, so SQLite runs exactly as usual, and is also counted and logged.
  Writes and truncates since a file's last ``xSync`` are *pending*: they sit in a volatile drive cache.
  ``xSync`` of a file makes that file's pending operations durable (only that file's: fsync is per file).
* At the operation numbered ``cut_at`` (1-based, over all files) the power goes: that operation does not
  happen, :class:`PowerCut` is raised inside SQLite (which sees an I/O error) and the workload stops. What
  SQLite does afterwards (rollback, close) no longer counts. Without a cut the power goes after the last
  operation.
* What survives (:func:`surviving_files`) is, per file, the durable image plus each pending operation applied
  with probability 1/2, in the order issued (skipping some is what a reordering drive cache does). An applied
  write of more than one 512-byte sector is torn with probability 1/4: a random proper subset of its sectors
  lands, the others keep their old bytes (zeros past the old end). Writes never damage bytes outside their
  range: SQLite's unix VFS declares powersafe overwrite, and this model keeps to that promise.
* A file created and never synced may be absent or hold some of its pending writes. The ``-shm`` file is
  shared memory, never durable: it is not recreated (SQLite rebuilds the WAL index from the WAL). A ``-wal``
  file keeps its surviving bytes.
* ``honour_fsync=False`` is a drive that lies about fsync (nothing ever becomes durable): a negative control.

The workload is the real thing: the store's engine from ``make_engine`` (its connect listener sets WAL,
synchronous=FULL, foreign keys, busy timeout; its begin listener emits BEGIN IMMEDIATE) and the real
``sell`` service, on an apsw connection opened through the shim (``tests.chaos.helpers_apsw``). The check
reopens the surviving files with the real ``open_store``, as the app would after the power came back.
"""

from __future__ import annotations

import random
import shutil
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import apsw
from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import sessionmaker

from boxoffice.core.payments import PaymentRequest
from boxoffice.services import journal
from boxoffice.services.context import Terminal
from boxoffice.services.inventory import RemoteProduct, RemoteTicket, merge_inventory
from boxoffice.services.sales import LineRequest, SaleRequest, SaleResult, sell
from boxoffice.store.engine import inspect_database, make_engine, open_store
from boxoffice.store.models import Ticket
from tests.chaos.helpers_apsw import ApswConnection
from tests.helpers.shifts import open_test_shift

SECTOR = 512
DB_NAME = "boxoffice.sqlite3"
VFS_NAME = "boxoffice-powerloss"

TERMINAL = Terminal(office_id="OF-PL", office_name="Taquilla Apagón", terminal_id="T-PL")
EVENT = "EV-PL"
P_GEN, P_PREF, P_VIP, P_CHILD, P_FAMILY = "PL-GEN", "PL-PREF", "PL-VIP", "PL-NINO", "PL-FAM"
PRICES = {P_GEN: 2500, P_PREF: 4000, P_VIP: 6000, P_CHILD: 1500, P_FAMILY: 8000}
ZONES = {"General": (P_GEN, 40), "Preferente": (P_PREF, 12), "VIP": (P_VIP, 12)}


class PowerCut(Exception):
    """Raised inside SQLite's I/O at the operation where the simulated power goes."""


# -- the disk model -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Op:
    kind: str  # "write" | "truncate" | "delete"
    offset: int = 0
    data: bytes = b""


@dataclass
class CrashImage:
    """The disk at the moment the power went: durable images and the operations still in the drive cache."""

    durable: dict[str, bytes | None]
    pending: dict[str, list[Op]]
    where: str  # what the lost operation was: "wal write", "wal sync", "db write", ..., or "end"


def _role(path: str) -> str:
    return "wal" if path.endswith("-wal") else "db" if path.endswith(DB_NAME) else Path(path).name


class Disk:
    """One trial's storage: per file, the durable image and the operations since its last fsync.

    Operations are numbered from 1 over all files; number ``cut_at`` is where the power goes (``None``: never
    during the workload). After that nothing more is recorded.
    """

    def __init__(self, cut_at: int | None, *, honour_fsync: bool = True) -> None:
        self.cut_at = cut_at
        self.honour_fsync = honour_fsync
        self.ops = 0
        self.durable: dict[str, bytes | None] = {}
        self.pending: dict[str, list[Op]] = {}
        self.image: CrashImage | None = None

    @property
    def off(self) -> bool:
        return self.image is not None

    def adopt(self, path: str, content: bytes) -> None:
        """A file already on disk and durable before the trial starts."""
        self.durable[path] = content
        self.pending[path] = []

    def _tick(self, what: str, path: str) -> None:
        self.ops += 1
        if self.ops == self.cut_at:
            self.power_off(f"{_role(path)} {what}")
            raise PowerCut(f"power cut at operation {self.ops} ({_role(path)} {what})")

    def write(self, path: str, data: bytes, offset: int) -> None:
        if self.off:
            return
        self._tick("write", path)
        self.pending.setdefault(path, []).append(Op("write", offset, bytes(data)))

    def truncate(self, path: str, size: int) -> None:
        if self.off:
            return
        self._tick("truncate", path)
        self.pending.setdefault(path, []).append(Op("truncate", size))

    def delete(self, path: str, syncdir: bool) -> None:
        if self.off:
            return
        self._tick("delete", path)
        self.pending.setdefault(path, []).append(Op("delete"))
        if syncdir and self.honour_fsync:
            self._make_durable(path)

    def sync(self, path: str) -> None:
        if self.off:
            return
        self._tick("sync", path)
        if self.honour_fsync:
            self._make_durable(path)

    def _make_durable(self, path: str) -> None:
        content = self.durable.get(path)
        image = None if content is None else bytearray(content)
        for op in self.pending.get(path, []):
            image = _apply(image, op, None)
        self.durable[path] = None if image is None else bytes(image)
        self.pending[path] = []

    def power_off(self, where: str = "end") -> CrashImage:
        if self.image is None:
            self.image = CrashImage(dict(self.durable), {p: list(ops) for p, ops in self.pending.items()}, where)
        return self.image


def _apply(image: bytearray | None, op: Op, rng: random.Random | None) -> bytearray | None:
    """Apply one operation; with ``rng``, a write of several sectors may be torn."""
    if op.kind == "delete":
        return None
    image = bytearray() if image is None else image
    if op.kind == "truncate":
        if op.offset < len(image):
            del image[op.offset:]
        else:
            image.extend(bytes(op.offset - len(image)))
        return image
    end = op.offset + len(op.data)
    if len(image) < end:
        image.extend(bytes(end - len(image)))
    sectors = range(0, len(op.data), SECTOR)
    if rng is not None and len(sectors) > 1 and rng.random() < 0.25:
        kept = rng.sample(list(sectors), rng.randrange(1, len(sectors)))  # torn: some sectors only
    else:
        kept = list(sectors)
    for start in kept:
        image[op.offset + start:op.offset + min(start + SECTOR, len(op.data))] = op.data[start:start + SECTOR]
    return image


def surviving_files(image: CrashImage, rng: random.Random, target: Path) -> dict[str, int]:
    """Write what survives the power loss into ``target`` (same file names); returns size per file name."""
    target.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for path in sorted(set(image.durable) | set(image.pending)):
        content = image.durable.get(path)
        survived = None if content is None else bytearray(content)
        for op in image.pending.get(path, []):
            if rng.random() < 0.5:
                survived = _apply(survived, op, rng)
        if survived is not None:
            name = Path(path).name
            (target / name).write_bytes(survived)
            sizes[name] = len(survived)
    return sizes


# -- the VFS shim ---------------------------------------------------------------------------------------------


class PowerLossVFS(apsw.VFS):
    """Inherits the default VFS; routes each trial's file I/O through that trial's :class:`Disk`."""

    def __init__(self) -> None:
        super().__init__(VFS_NAME, "")
        self.disk: Disk | None = None

    def xOpen(self, name: Any, flags: list[int]) -> ShimFile:
        path = name.filename() if isinstance(name, apsw.URIFilename) else name
        return ShimFile(self.disk if path else None, path, name, flags)

    def xDelete(self, filename: str, syncdir: bool) -> None:
        if self.disk is not None:
            self.disk.delete(filename, syncdir)
        super().xDelete(filename, syncdir)


class ShimFile(apsw.VFSFile):
    def __init__(self, disk: Disk | None, path: str | None, name: Any, flags: list[int]) -> None:
        super().__init__("", name, flags)
        self._disk = disk
        self._path = path or ""

    def xWrite(self, data: bytes, offset: int) -> None:
        if self._disk is not None:
            self._disk.write(self._path, data, offset)
        super().xWrite(data, offset)

    def xTruncate(self, newsize: int) -> None:
        if self._disk is not None:
            self._disk.truncate(self._path, newsize)
        super().xTruncate(newsize)

    def xSync(self, flags: int) -> None:
        if self._disk is None:
            super().xSync(flags)
        else:
            # The model decides what is durable; a real fsync would only cost time (the bytes SQLite reads
            # back come from the OS page cache either way).
            self._disk.sync(self._path)


# -- the store under test -------------------------------------------------------------------------------------


def make_template(folder: Path) -> bytes:
    """A tiny real store (migrated by ``open_store``, inventory merged by the real pull service), checkpointed
    into one file; returns its bytes."""
    path = folder / DB_NAME
    store = open_store(path, backups_dir=folder / "backups")
    try:
        tickets = [RemoteTicket(f"{EVENT}-{zone[:3].upper()}{n:02d}", f"{zone[:3].upper()}{n:02d}", zone, "#123456",
                                True, row="A" if n % 2 else "B")
                   for zone, (_, count) in ZONES.items() for n in range(1, count + 1)]
        products = [RemoteProduct(pid, zone, PRICES[pid], zone, "ticket", None) for zone, (pid, _) in ZONES.items()]
        products += [RemoteProduct(P_CHILD, "Niño", PRICES[P_CHILD], "General", "child", None),
                     RemoteProduct(P_FAMILY, "Pase Familiar", PRICES[P_FAMILY], "General", "family_pass",
                                   ((P_GEN, 2), (P_CHILD, 3)))]
        merge_inventory(store.session_factory, EVENT, "Concierto del apagón", None, tickets, products)
        open_test_shift(store.session_factory)  # every sale belongs to a shift
    finally:
        store.close()
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists(), "the template must be one checkpointed file"
    return path.read_bytes()


def shim_engine(path: Path, *, synchronous: str | None = None, autocheckpoint: int | None = None) -> Engine:
    """The store's own engine (``make_engine``: pragmas + BEGIN IMMEDIATE), connecting through the shim VFS.

    ``synchronous`` overrides the store's setting *after* its connect listener ran (negative control only);
    ``autocheckpoint`` lowers ``wal_autocheckpoint`` so a few sales already checkpoint the WAL into the
    database file and restart it, which a day of real sales does at the default 1000 pages.
    """
    engine = make_engine(path)

    @event.listens_for(engine, "do_connect")
    def _connect(dialect: Any, record: Any, cargs: Any, cparams: Any) -> ApswConnection:
        flags = apsw.SQLITE_OPEN_READWRITE | apsw.SQLITE_OPEN_CREATE | apsw.SQLITE_OPEN_URI
        return ApswConnection(apsw.Connection(str(path), flags=flags, vfs=VFS_NAME))

    @event.listens_for(engine, "connect")
    def _extra(dbapi_connection: ApswConnection, record: Any) -> None:  # runs after the store's listener
        db = dbapi_connection.db
        if synchronous is not None:
            db.execute(f"PRAGMA synchronous={synchronous}")
        if autocheckpoint is not None:
            db.execute(f"PRAGMA wal_autocheckpoint={autocheckpoint}")
        # what the trials run on: WAL through the shim, and the store's synchronous=FULL unless overridden
        settings = tuple(db.execute(f"PRAGMA {name}").fetchall()[0][0] for name in ("journal_mode", "synchronous"))
        expected = ("wal", {None: 2, "FULL": 2, "NORMAL": 1}[synchronous])
        if settings != expected:
            raise AssertionError(f"the shim connection runs with (journal_mode, synchronous) = {settings}, "
                                 f"not {expected}")

    return engine


@dataclass
class Trial:
    """One power cut: what the clerk was told, where the power went, what came back."""

    number: int
    cut_at: int | None
    ops: int = 0
    where: str = ""
    confirmed: list[SaleResult] = field(default_factory=list)
    attempted: int = 0
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unconfirmed_present: int = 0
    survived: dict[str, int] = field(default_factory=dict)


def _random_request(rng: random.Random, sold: set[str]) -> SaleRequest:
    """A small random cart: a zone quantity, chosen seats, or a family pass; cash, card or split payment."""
    roll = rng.random()
    if roll < 0.15:
        lines = (LineRequest(P_FAMILY, 1, zone="General"),)
        total = PRICES[P_FAMILY]
    elif roll < 0.35:
        zone = rng.choice(list(ZONES))
        pid, count = ZONES[zone]
        free = [f"{EVENT}-{zone[:3].upper()}{n:02d}" for n in range(1, count + 1)]
        free = [t for t in free if t not in sold]
        seats = tuple(rng.sample(free, min(len(free), rng.randint(1, 2))))
        lines = (LineRequest(pid, len(seats), ticket_ids=seats),)
        total = PRICES[pid] * len(seats)
    else:
        zone = rng.choice(list(ZONES))
        pid, _ = ZONES[zone]
        qty = rng.randint(1, 2)
        discount = rng.choice([0, 0, PRICES[pid] * qty // 10])  # within the clerk limit (core/discounts.py)
        lines = (LineRequest(pid, qty, zone=zone, discount_cents=discount),)
        total = PRICES[pid] * qty - discount
    how = rng.random()
    if how < 0.4:
        tendered = total + rng.choice([0, 500, 7500])
        payments: tuple[PaymentRequest, ...] = (PaymentRequest("cash", tendered_cents=tendered),)
    elif how < 0.7:
        payments = (PaymentRequest("card", amount_cents=total, reference=f"AUTH-{rng.randrange(10**6):06d}"),)
    else:
        card = rng.randrange(100, total)
        payments = (PaymentRequest("card", amount_cents=card, reference=f"AUTH-{rng.randrange(10**6):06d}"),
                    PaymentRequest("cash", tendered_cents=total - card + rng.choice([0, 1000])))
    return SaleRequest(event_id=EVENT, lines=lines, payments=payments,
                       customer_name=rng.choice([None, "Ana", "Íñigo"]))


class Harness:
    """The shim VFS, the template store and one reusable engine per store configuration.

    The live database always sits at ``workdir/live``, so one engine per configuration serves every trial
    (``dispose()`` between trials closes its connections; its compiled-statement cache stays warm, which is
    most of the speed of a trial). The shim learns which :class:`Disk` a trial's files belong to from
    ``vfs.disk``.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.live = workdir / "live"
        self.after = workdir / "after"
        self.template = make_template(workdir / "template")
        self.vfs = PowerLossVFS()
        self._engines: dict[tuple[str | None, int | None], tuple[Engine, sessionmaker]] = {}
        self._check_engine = make_engine(self.after / DB_NAME)
        self._check_sessions = sessionmaker(bind=self._check_engine, expire_on_commit=False)

    def close(self) -> None:
        for engine, _ in self._engines.values():
            engine.dispose()
        self._check_engine.dispose()
        self.vfs.unregister()

    def check(self, trial: Trial, *, full_open: bool) -> None:
        """Reopen what survived as the app does and check it.

        ``full_open``: through ``open_store`` itself (read-only inspection, engine, revision check). Otherwise
        the same steps with one long-lived engine: ``inspect_database`` (the read-only look ``open_store``
        takes first) and then ``make_engine``'s engine, whose warm statement cache makes a trial much cheaper.
        """
        path = self.after / DB_NAME
        try:
            if full_open:
                store = open_store(path, backups_dir=self.after / "backups")
                try:
                    check_recovered(store.engine, store.session_factory, trial)
                finally:
                    store.close()
                return
            status = inspect_database(path)
            if status.revision != status.head:
                trial.problems.append(f"reopened at revision {status.revision}, not {status.head}")
                return
            try:
                check_recovered(self._check_engine, self._check_sessions, trial)
            finally:
                self._check_engine.dispose()
        except Exception as exc:  # the app could not start again, or a query failed: as bad as it gets
            trial.problems.append(f"reopening failed: {exc!r}")

    def _sessions(self, synchronous: str | None, autocheckpoint: int | None) -> tuple[Engine, sessionmaker]:
        key = (synchronous, autocheckpoint)
        if key not in self._engines:
            engine = shim_engine(self.live / DB_NAME, synchronous=synchronous, autocheckpoint=autocheckpoint)
            self._engines[key] = (engine, sessionmaker(bind=engine, expire_on_commit=False))
        return self._engines[key]

    def run_workload(self, rng: random.Random, trial: Trial, *, sales: int, synchronous: str | None = None,
                     autocheckpoint: int | None = None, honour_fsync: bool = True) -> CrashImage:
        """Sell ``sales`` random carts through the shim until the power goes; returns the disk then."""
        if self.live.exists():
            shutil.rmtree(self.live)
        self.live.mkdir(parents=True)
        path = self.live / DB_NAME
        path.write_bytes(self.template)
        disk = Disk(trial.cut_at, honour_fsync=honour_fsync)
        disk.adopt(str(path), self.template)
        self.vfs.disk = disk
        engine, sessions = self._sessions(synchronous, autocheckpoint)
        sold: set[str] = set()
        try:
            for _ in range(sales):
                request = _random_request(rng, sold)
                trial.attempted += 1
                try:
                    result = sell(sessions, TERMINAL, request)
                except Exception:
                    if disk.off:
                        break  # the power went during this sale: the clerk never saw "sold"
                    raise
                if disk.off:
                    break  # the power went inside the sale although SQLite carried on: not confirmed
                trial.confirmed.append(result)
                sold.update(t.ticket_id for t in result.tickets)
        finally:
            image = disk.power_off()  # no-op when it already went; otherwise the power goes now
            try:
                engine.dispose()
            finally:
                self.vfs.disk = None
        trial.ops, trial.where = disk.ops, image.where
        return image

    def run_trial(self, seed: int, number: int, cut_at: int | None, *, sales: int = 3,
                  synchronous: str | None = None, autocheckpoint: int | None = None,
                  honour_fsync: bool = True, full_open: bool = False) -> Trial:
        """One trial: workload until the cut, build what survives, reopen and check."""
        rng = random.Random(seed)
        trial = Trial(number, cut_at)
        image = self.run_workload(rng, trial, sales=sales, synchronous=synchronous,
                                  autocheckpoint=autocheckpoint, honour_fsync=honour_fsync)
        if self.after.exists():
            shutil.rmtree(self.after)
        trial.survived = surviving_files(image, rng, self.after)
        self.check(trial, full_open=full_open)
        return trial


# -- the check after the power comes back ---------------------------------------------------------------------


def check_recovered(engine: Engine, sessions: sessionmaker, trial: Trial) -> None:
    """Check the reopened store: fill ``trial.lost`` (confirmed sales missing) and ``trial.problems``."""
    with engine.connect() as conn:
        sql = conn.exec_driver_sql
        integrity = [row[0] for row in sql("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            trial.problems.append(f"integrity_check: {integrity[:3]}")
            return
        if (fk := sql("PRAGMA foreign_key_check").fetchall()):
            trial.problems.append(f"foreign_key_check: {fk[:3]}")
        mode = sql("PRAGMA journal_mode").scalar()
        if mode != "wal":
            trial.problems.append(f"journal_mode is {mode} after recovery")
        sales = {code: (sid, total, status) for sid, code, total, status in
                 sql("SELECT id, purchase_code, total_cents, status FROM sales")}
        outbox = Counter(code for (code,) in sql("SELECT subject FROM outbox WHERE kind = 'sale'"))
        pending = {code for (code,) in sql("SELECT subject FROM outbox WHERE kind = 'sale' AND state = 'pending'")}
        journaled = Counter(code for (code,) in sql("SELECT subject FROM journal WHERE kind = 'sale'"))
        items = {}
        for code, item_code in sql("SELECT s.purchase_code, i.item_code FROM sale_items i "
                                   "JOIN sales s ON s.id = i.sale_id ORDER BY i.position"):
            items.setdefault(code, []).append(item_code)
        sale_tickets = {}
        for code, ticket_id, barcode, status in sql(
                "SELECT s.purchase_code, t.ticket_id, t.barcode, t.sale_status FROM sale_tickets t "
                "JOIN sales s ON s.id = t.sale_id ORDER BY t.id"):
            sale_tickets.setdefault(code, []).append((ticket_id, barcode, status))
        payments = {}
        for code, method, amount, change in sql(
                "SELECT s.purchase_code, p.method, p.amount_cents, p.change_cents FROM payments p "
                "JOIN sales s ON s.id = p.sale_id ORDER BY p.id"):
            payments.setdefault(code, []).append((method, amount, change))
        states = dict(sql("SELECT id, state FROM tickets").fetchall())
    # every confirmed sale, whole
    for result in trial.confirmed:
        code = result.purchase_code
        if code not in sales:
            trial.lost.append(code)
            continue
        _, total, status = sales[code]
        want_tickets = [(t.ticket_id, t.barcode, "completed") for t in result.tickets]
        want_payments = [(p.method, p.amount_cents, p.change_cents) for p in result.payments]
        if (total, status) != (result.total_cents, "completed"):
            trial.problems.append(f"{code}: total/status {(total, status)}")
        if sale_tickets.get(code) != want_tickets:
            trial.problems.append(f"{code}: tickets {sale_tickets.get(code)} != {want_tickets}")
        if payments.get(code) != want_payments:
            trial.problems.append(f"{code}: payments {payments.get(code)} != {want_payments}")
        if not items.get(code) or any(not c.startswith(code) for c in items[code]):
            trial.problems.append(f"{code}: items {items.get(code)}")
        if code not in pending:
            trial.problems.append(f"{code}: no pending outbox row")
    # every sale that exists at all (confirmed or committed just before the cut) is whole
    confirmed_codes = {r.purchase_code for r in trial.confirmed}
    trial.unconfirmed_present = len(set(sales) - confirmed_codes)
    for code in sales:
        if outbox[code] != 1:
            trial.problems.append(f"{code}: {outbox[code]} outbox rows")
        if journaled[code] != 1:
            trial.problems.append(f"{code}: {journaled[code]} journal entries")
        if not items.get(code) or not sale_tickets.get(code) or not payments.get(code):
            trial.problems.append(f"{code}: sale without items, tickets or payments")
    for code in outbox:
        if code not in sales:
            trial.problems.append(f"outbox row for {code} without its sale")
    in_sales = Counter(t for rows in sale_tickets.values() for t, _, status in rows if status == "completed")
    for ticket_id, state in states.items():
        if (state == "sold") != (in_sales[ticket_id] == 1) or in_sales[ticket_id] > 1:
            trial.problems.append(f"ticket {ticket_id}: state {state}, in {in_sales[ticket_id]} sales")
    with sessions() as session:
        verdict = journal.verify(session)
        if not verdict.ok:
            trial.problems.append(f"journal: {verdict.problem}")
        sold_now = set(session.scalars(select(Ticket.id).where(Ticket.state == "sold")))
    if sold_now != set(in_sales):
        trial.problems.append("sold tickets differ from the tickets of completed sales")


#: wal_autocheckpoint per trial: SQLite's default (1000 pages: never within a trial), every 2-3 sales, every sale.
CHECKPOINT_CHOICES: tuple[int | None, ...] = (None, None, 40, 8)


@dataclass
class Series:
    """What a series of trials found, for assertions and the summary line."""

    label: str
    trials: int = 0
    where: Counter = field(default_factory=Counter)
    confirmed: int = 0
    confirmed_then_cut: int = 0  # trials with a confirmed sale and the power cut inside a later sale
    unconfirmed_present: int = 0
    lost_trials: list[Trial] = field(default_factory=list)
    problem_trials: list[Trial] = field(default_factory=list)
    full_opens: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (f"{self.label}: {self.trials} trials in {self.seconds:.1f} s; cuts {dict(sorted(self.where.items()))}; "
                f"{self.confirmed} confirmed sales checked ({self.confirmed_then_cut} trials cut inside a later "
                f"sale); {self.unconfirmed_present} unconfirmed sales survived whole; {len(self.lost_trials)} "
                f"trials lost a confirmed sale; {len(self.problem_trials)} trials with other damage; "
                f"{self.full_opens} reopened through open_store itself")


def run_series(harness: Harness, label: str, trials: int, seed: int, *, sales: int = 3,
               synchronous: str | None = None, honour_fsync: bool = True, full_open_every: int = 10) -> Series:
    """``trials`` power cuts at a uniformly random I/O operation (write, truncate or sync) of the workload."""
    series = Series(label)
    started = time.monotonic()
    budget: dict[int | None, int] = {}
    for autocheckpoint in set(CHECKPOINT_CHOICES):  # how many operations a whole uncut workload takes
        runs = [harness.run_trial(seed + k, -1, None, sales=sales, synchronous=synchronous,
                                  autocheckpoint=autocheckpoint, honour_fsync=honour_fsync) for k in range(2)]
        budget[autocheckpoint] = max(run.ops for run in runs)
    chooser = random.Random(seed)
    for number in range(trials):
        autocheckpoint = chooser.choice(CHECKPOINT_CHOICES)
        cut_at = chooser.randint(1, budget[autocheckpoint] + 2)  # + 2: some cuts after the last operation
        if number == 0:
            cut_at = None  # the first trial loses power after its last operation, by construction
        trial = harness.run_trial(chooser.getrandbits(64), number, cut_at, sales=sales, synchronous=synchronous,
                                  autocheckpoint=autocheckpoint, honour_fsync=honour_fsync,
                                  full_open=number % full_open_every == 0)
        series.trials += 1
        series.full_opens += number % full_open_every == 0
        series.where[trial.where] += 1
        series.confirmed += len(trial.confirmed)
        series.confirmed_then_cut += bool(trial.confirmed) and trial.attempted > len(trial.confirmed)
        series.unconfirmed_present += trial.unconfirmed_present
        if trial.lost:
            series.lost_trials.append(trial)
        if trial.problems:
            series.problem_trials.append(trial)
    series.seconds = time.monotonic() - started
    return series
