"""Asynchronous jobs of the offline sales API: creating a batch, rendering its PDF.

A job is a row of ``offline_sales_jobs`` (:class:`~boxoffice.central.models_batches.BatchJob`): its state lives
in the database, not in a process, so with ``serve --workers N`` any worker answers the check URL. Each server
process runs jobs in one background thread, started when that process accepts a job and ending when no job is
waiting; a job is claimed with a conditional ``UPDATE`` (waiting -> running), so two processes never run the
same job. A job whose process died while running stays ``running`` (the spec allows a permanent 409).

Tests hold a job in ``waiting`` or ``running`` by closing :data:`GATES` (the server runs in their process).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.models import utcnow
from boxoffice.central.models_batches import BatchJob, BatchPdfChunk

log = logging.getLogger(__name__)

WAITING, RUNNING, DONE, FAILED = "waiting", "running", "done", "failed"
EXPIRY = timedelta(hours=24)
"""After this a job (and its PDF) is gone: its check or download URL answers 404."""


class JobFailed(Exception):
    """A job failed for a reason the caller can act on (``message`` goes into the 410 body)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class Gates:
    """Both open in production; a test closes one to observe a job ``waiting`` (claim) or ``running`` (work)."""

    claim: threading.Event = field(default_factory=threading.Event)
    work: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.claim.set()
        self.work.set()


GATES = Gates()

Handler = Callable[[Database, BatchJob], None]
"""Runs one claimed job; must end with :func:`finish` in its last transaction, or raise :class:`JobFailed`."""


def submit(session: Session, kind: str, organizer: str, event_id: str, params: dict[str, Any],
           now: datetime, batch_id: int | None = None) -> BatchJob:
    """A new waiting job (expired jobs and their PDFs are purged on the way)."""
    expired = select(BatchJob.id).where(BatchJob.date_created < now - EXPIRY)
    session.execute(delete(BatchPdfChunk).where(BatchPdfChunk.job_id.in_(expired)))
    session.execute(delete(BatchJob).where(BatchJob.date_created < now - EXPIRY))
    job = BatchJob(id=str(uuid.uuid4()), kind=kind, status=WAITING, organizer=organizer, event_id=event_id,
                   params=params, batch_id=batch_id, date_created=now, date_updated=now)
    session.add(job)
    session.flush()
    return job


def live_job(session: Session, job_id: str, kind: str, now: datetime) -> BatchJob | None:
    """The job behind a check URL, or None when unknown, of another kind, or expired."""
    job = session.get(BatchJob, job_id) if len(job_id) <= 36 else None
    if job is None or job.kind != kind or job.date_created < now - EXPIRY:
        return None
    return job


def finish(session: Session, job_id: str, *, batch_id: int | None = None, pdf_bytes: int | None = None) -> None:
    """Mark the job done (inside the transaction that wrote its result, so both happen or neither)."""
    session.execute(update(BatchJob).where(BatchJob.id == job_id).values(
        status=DONE, batch_id=batch_id, pdf_bytes=pdf_bytes, date_updated=utcnow()))


def _fail(db: Database, job_id: str, message: str) -> None:
    def work(session: Session) -> None:
        session.execute(update(BatchJob).where(BatchJob.id == job_id).values(
            status=FAILED, message=message, date_updated=utcnow()))

    db.write(work)


class Runner:
    """Runs the waiting jobs of one database in one background thread of this process."""

    def __init__(self, db: Database, handlers: dict[str, Handler]) -> None:
        self._db = db
        self._handlers = handlers
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._more = False

    def kick(self) -> None:
        """A job was submitted: make sure this process's thread will look for it."""
        with self._lock:
            self._more = True
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name="batch-jobs", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        try:
            while True:
                with self._lock:
                    self._more = False
                GATES.claim.wait()
                job = self._claim()
                if job is None:
                    with self._lock:
                        if not self._more:
                            self._thread = None
                            return
                    continue
                GATES.work.wait()
                self._run(job)
        except BaseException:
            with self._lock:
                self._thread = None
            raise

    def _claim(self) -> BatchJob | None:
        def work(session: Session) -> BatchJob | None:
            for job in session.scalars(select(BatchJob).where(BatchJob.status == WAITING)
                                       .order_by(BatchJob.date_created).limit(5)):
                claimed = session.execute(update(BatchJob).where(BatchJob.id == job.id, BatchJob.status == WAITING)
                                          .values(status=RUNNING, date_updated=utcnow()))
                if claimed.rowcount == 1:  # type: ignore[attr-defined]
                    return job
            return None

        try:
            return self._db.write(work)
        except Exception:  # the database went away (server stopping): nothing to claim
            log.exception("batch jobs: cannot claim a job")
            return None

    def _run(self, job: BatchJob) -> None:
        try:
            self._handlers[job.kind](self._db, job)
        except JobFailed as exc:
            _fail(self._db, job.id, exc.message)
        except Exception as exc:
            log.exception("batch job %s (%s) failed", job.id, job.kind)
            try:
                _fail(self._db, job.id, f"internal error ({type(exc).__name__}); see the server log")
            except Exception:  # pragma: no cover - the database is gone too: the job stays running (a 409)
                log.exception("batch job %s: cannot record the failure", job.id)
