"""Power loss: a committed sale survives, whole and with its outbox row, whatever the drive cache had not written.

The store runs through an SQLite VFS shim (``tests.chaos.helpers_power``, apsw) that logs every write, truncate
and sync. At a random operation the power goes; what survives is what each file's last fsync covered plus a
random half of the writes still in the drive cache (some torn), without the ``-shm``. The surviving files are
reopened the way the app opens them and checked: every sale whose ``sell`` returned before the cut is there
with its items, tickets, payments, journal entry and pending outbox row; no sale exists without its outbox
row; no ticket is sold without its sale; the journal verifies; ``PRAGMA integrity_check`` is ok.

The same harness run with ``synchronous=NORMAL`` — or on a drive that ignores fsync — must catch lost sales,
and run on a mutant ``sell`` that commits the outbox row in a second transaction must catch sales without
their outbox row, so the clean result under the store's real settings means something.

``BOXOFFICE_SOAK=1`` runs 10,000 trials (1,000 per control); ``BOXOFFICE_CHAOS_SEED`` changes the seed.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chaos.helpers_power import (
    DB_NAME,
    SECTOR,
    CrashImage,
    Disk,
    Harness,
    Op,
    PowerCut,
    Series,
    run_series,
    surviving_files,
)

SOAK = os.environ.get("BOXOFFICE_SOAK") == "1"
SEED = int(os.environ.get("BOXOFFICE_CHAOS_SEED", "20260718"))
TRIALS = 10_000 if SOAK else 300  # seeded: the same cuts on every run with the same seed
CONTROL_TRIALS = 1_000 if SOAK else 100


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Harness]:
    # tmpfs when there is one: the model, not the real disk, decides durability, and the checks' own
    # checkpoints then cost no real fsync.
    shm = Path("/dev/shm")
    if shm.is_dir() and os.access(shm, os.W_OK):
        base = Path(tempfile.mkdtemp(prefix="boxoffice-powerloss-", dir=shm))
    else:  # pragma: no cover - platforms without /dev/shm
        base = tmp_path_factory.mktemp("powerloss")
    harness = Harness(base)
    try:
        yield harness
    finally:
        harness.close()
        shutil.rmtree(base, ignore_errors=True)


def _describe(series: Series, trials: list) -> str:
    lines = [series.summary()]
    for trial in trials[:5]:
        lines.append(f"  trial {trial.number}: cut at op {trial.cut_at}/{trial.ops} ({trial.where}), "
                     f"{len(trial.confirmed)} confirmed, lost {trial.lost}, problems {trial.problems[:3]}, "
                     f"files {trial.survived}")
    return "\n".join(lines)


# -- the model itself ------------------------------------------------------------------------------------------


def test_disk_model_keeps_synced_writes_and_a_random_part_of_the_rest(tmp_path: Path) -> None:
    """Synced bytes always survive; unsynced ones sometimes, sometimes torn; other files' syncs do not count."""
    outcomes = set()
    torn = 0
    for seed in range(200):
        disk = Disk(cut_at=None)
        disk.adopt("/x/boxoffice.sqlite3", b"A" * 4 * SECTOR)
        disk.write("/x/boxoffice.sqlite3", b"B" * SECTOR, 0)
        disk.sync("/x/boxoffice.sqlite3")
        disk.write("/x/boxoffice.sqlite3", b"C" * 2 * SECTOR, SECTOR)  # not synced
        disk.write("/x/boxoffice.sqlite3-wal", b"W" * SECTOR, 0)
        disk.sync("/x/boxoffice.sqlite3-wal")  # another file's fsync
        image = disk.power_off()
        assert image.where == "end"
        target = tmp_path / str(seed)
        sizes = surviving_files(image, random.Random(seed), target)
        assert sizes == {DB_NAME: 4 * SECTOR, f"{DB_NAME}-wal": SECTOR}
        data = (target / DB_NAME).read_bytes()
        assert data[:SECTOR] == b"B" * SECTOR and data[3 * SECTOR:] == b"A" * SECTOR
        middle = data[SECTOR:3 * SECTOR]
        outcomes.add(middle)
        torn += middle not in (b"A" * 2 * SECTOR, b"C" * 2 * SECTOR)
    assert {b"A" * 2 * SECTOR, b"C" * 2 * SECTOR} <= outcomes and torn > 0


def test_disk_model_cuts_at_the_chosen_operation_and_ignores_later_ones() -> None:
    disk = Disk(cut_at=3)
    disk.adopt("/x/boxoffice.sqlite3", b"")
    disk.write("/x/boxoffice.sqlite3-wal", b"1", 0)
    disk.sync("/x/boxoffice.sqlite3-wal")
    with pytest.raises(PowerCut):
        disk.write("/x/boxoffice.sqlite3-wal", b"2", 1)
    disk.write("/x/boxoffice.sqlite3-wal", b"3", 2)  # after the cut: not recorded
    disk.sync("/x/boxoffice.sqlite3-wal")
    assert disk.image == CrashImage({"/x/boxoffice.sqlite3": b"", "/x/boxoffice.sqlite3-wal": b"1"},
                                    {"/x/boxoffice.sqlite3": [], "/x/boxoffice.sqlite3-wal": []}, "wal write")


def test_disk_model_with_lying_fsync_keeps_nothing_for_sure(tmp_path: Path) -> None:
    disk = Disk(cut_at=None, honour_fsync=False)
    disk.write("/x/new-wal", b"W" * SECTOR, 0)
    disk.sync("/x/new-wal")
    image = disk.power_off()
    assert image.durable == {} and image.pending["/x/new-wal"] == [Op("write", 0, b"W" * SECTOR)]
    survived = [surviving_files(image, random.Random(seed), tmp_path / str(seed)) for seed in range(20)]
    assert {} in survived and {"new-wal": SECTOR} in survived


# -- the store under power loss -------------------------------------------------------------------------------


def test_committed_sales_survive_power_loss(harness: Harness) -> None:
    series = run_series(harness, "synchronous=FULL (the store's setting)", TRIALS, SEED)
    print(series.summary())
    assert not series.lost_trials, _describe(series, series.lost_trials)
    assert not series.problem_trials, _describe(series, series.problem_trials)
    assert series.trials == TRIALS
    # the cuts landed everywhere that matters: amid WAL frames, at the commit's fsync, amid a checkpoint's
    # database writes (the seed's uniform choice over the operations), and after everything (trial 0, by
    # construction); and many trials had a confirmed sale with the next one cut
    assert {"wal write", "wal sync", "db write", "end"} <= set(series.where), series.summary()
    assert series.confirmed_then_cut >= TRIALS // 5, series.summary()
    assert series.confirmed >= TRIALS, series.summary()


def test_harness_catches_lost_sales_with_synchronous_normal(harness: Harness) -> None:
    """NORMAL does not fsync the WAL at commit: the same harness must see confirmed sales vanish."""
    series = run_series(harness, "synchronous=NORMAL (negative control)", CONTROL_TRIALS, SEED + 1,
                        synchronous="NORMAL")
    print(series.summary())
    assert len(series.lost_trials) >= CONTROL_TRIALS // 10, series.summary()
    # NORMAL loses durability, not atomicity: what survives is still whole and consistent
    assert not series.problem_trials, _describe(series, series.problem_trials)


def test_harness_catches_a_drive_that_ignores_fsync(harness: Harness) -> None:
    series = run_series(harness, "fsync ignored (negative control)", CONTROL_TRIALS, SEED + 2,
                        honour_fsync=False)
    print(series.summary())
    assert series.lost_trials, series.summary()
    assert series.problem_trials, series.summary()  # checkpoints on a lying drive corrupt the database file


def test_harness_catches_a_sale_committed_without_its_outbox_row(harness: Harness,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A mutant ``sell`` that commits the sale first and its outbox row in a second transaction: the harness
    must find sales without their outbox row (the atomicity check has teeth too)."""
    from sqlalchemy.orm import Session, object_session

    from boxoffice.services import sales

    def commit_so_far(session: Session) -> None:
        session.flush()
        connection = session.connection()
        connection.exec_driver_sql("COMMIT")
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    if hasattr(sales, "queue_delivery"):  # the outbox row is written by its own helper
        real_queue = sales.queue_delivery

        def queue_after_committing(session, *args, **kwargs):
            commit_so_far(session)
            return real_queue(session, *args, **kwargs)

        monkeypatch.setattr(sales, "queue_delivery", queue_after_committing)
    else:  # the outbox row is added right after the sale's snapshot is taken
        real_snapshot = sales.sale_snapshot

        def snapshot_after_committing(sale, *args, **kwargs):
            commit_so_far(object_session(sale))
            return real_snapshot(sale, *args, **kwargs)

        monkeypatch.setattr(sales, "sale_snapshot", snapshot_after_committing)
    series = run_series(harness, "sale and outbox row in two transactions (negative control)", CONTROL_TRIALS,
                        SEED + 3)
    print(series.summary())
    assert not series.lost_trials, _describe(series, series.lost_trials)  # durability itself is intact
    missing = [t for t in series.problem_trials if any("outbox rows" in p for p in t.problems)]
    assert missing, series.summary()
