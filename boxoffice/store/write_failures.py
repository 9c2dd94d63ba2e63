"""A database that cannot be written (read-only file or folder, full disk, failing disk) said in one line.

SQLite reports these as ``sqlite3.OperationalError`` (through SQLAlchemy's ``OperationalError``) and the OS as
``OSError``; a person at a kiosk needs to know which one it is and what to do, not a traceback. They are told
apart by SQLite's result code and ``errno``, never by message text. :func:`watch` converts them on every
connection of an engine (at start-up and in the middle of a sale alike), :func:`classify` anywhere else.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine, ExceptionContext

from boxoffice.core.errors import StoreError
from boxoffice.store.errors import DatabaseReadOnlyError, DiskFullError

# SQLite primary result codes (https://sqlite.org/rescode.html)
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 3, 8, 10, 13, 14
_NO_SPACE = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_NOT_WRITABLE = {errno.EROFS, errno.EACCES, errno.EPERM}
LOW_SPACE_BYTES = 1024 * 1024


def classify(path: Path, exc: BaseException) -> StoreError | None:
    """The :class:`StoreError` a person can act on for ``exc`` while using the database at ``path``, or None
    when it is not about writing to the disk (a bug, a lock: left for the caller)."""
    original = getattr(exc, "orig", None) or exc
    if isinstance(original, sqlite3.Error):
        code = (getattr(original, "sqlite_errorcode", 0) or 0) & 0xFF
        if code == SQLITE_FULL:
            return disk_full(path, str(original))
        if code in (SQLITE_READONLY, SQLITE_PERM) or (code == SQLITE_CANTOPEN and not writable(path)):
            return read_only(path, str(original))
        if code == SQLITE_IOERR and no_space_left(path):  # how SQLite often says ENOSPC in WAL mode
            return disk_full(path, str(original))
        if code == SQLITE_IOERR:
            return StoreError(f"The disk holding the database {path} failed to read or write ({original}). Check "
                              "the disk (or USB stick) and the free space, then start again.",
                              code="disk_failing", params={"path": str(path)})
        return None
    if isinstance(original, OSError):
        if original.errno in _NO_SPACE:
            return disk_full(path, original.strerror or str(original))
        if original.errno in _NOT_WRITABLE:
            return read_only(path, original.strerror or str(original))
    return None


def disk_full(path: Path, reason: str) -> DiskFullError:
    return DiskFullError(f"The disk holding the database {path} is full ({reason}); nothing more can be recorded. "
                         "Every sale already confirmed is kept. Free some space on that disk, then try again.",
                         params={"path": str(path)})


def read_only(path: Path, reason: str) -> DatabaseReadOnlyError:
    return DatabaseReadOnlyError(
        f"The database {path} cannot be written ({reason}): the file or its folder {path.parent} is read-only "
        "(or the disk is mounted read-only). Box office must be able to write both; fix the permissions or "
        "choose another data folder with --data-dir.", params={"path": str(path), "folder": str(path.parent)})


def no_space_left(path: Path) -> bool:
    """Whether the disk holding ``path`` has less room than SQLite needs to grow its WAL (a few pages)."""
    folder = path.parent if path.parent.exists() else Path(path.anchor or ".")
    try:
        return shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    except OSError:
        return False


def writable(path: Path) -> bool:
    """Whether SQLite could write the database and its -wal/-shm files beside it."""
    folder_ok = os.access(path.parent, os.W_OK) if path.parent.exists() else True
    file_ok = os.access(path, os.W_OK) if path.exists() else True
    return folder_ok and file_ok


def watch(engine: Engine, path: Path) -> None:
    """Raise :func:`classify`'s error instead of SQLAlchemy's for every statement and connection of ``engine``."""

    @event.listens_for(engine, "handle_error")
    def _convert(context: ExceptionContext) -> None:
        error = classify(path, context.original_exception)
        if error is not None:
            raise error from context.original_exception
