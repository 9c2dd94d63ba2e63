"""``boxoffice doctor``: what an installer or support desk needs to know, in one screen.

Checks are read-only: doctor never migrates the database or writes the config. Exit 0 when the terminal is
usable, 1 with the reasons when not. An unreachable central platform is reported but is not a failure: this
terminal sells offline by design and queues the sales.

``--bundle FILE.zip`` also writes a support bundle: the report, versions, the database's integrity check and
outbox counts (read through a read-only connection), the config and every log file (rotated ones too), with the
API token and anything token-like masked. Support gets one file; the terminal's data is never changed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import re
import sqlite3
import sys
import time
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import requests

from boxoffice import __version__, credentials
from boxoffice.config import Config, load_config
from boxoffice.core.errors import BoxOfficeError, ConfigError
from boxoffice.logging_setup import redact, setup_logging
from boxoffice.paths import Paths, resolve
from boxoffice.sync.tls import host_mismatch


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    doctor = sub.add_parser("doctor", parents=[common], help="check config, database, keyring and central link")
    doctor.add_argument("--json", action="store_true", help="print the report as JSON")
    doctor.add_argument("--bundle", metavar="FILE.zip",
                        help="also write a support bundle: logs, config (secrets masked), database check, outbox "
                             "counts and versions")
    doctor.set_defaults(func=run)


@dataclass
class Report:
    facts: dict[str, Any] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.problems


def collect(paths: Paths) -> Report:
    report = Report()
    facts = report.facts
    facts["version"] = __version__
    facts["python"] = sys.version.split()[0]
    facts["config_file"] = str(paths.config_file) + ("" if paths.config_file.exists() else " (missing: defaults)")
    facts["data_dir"] = str(paths.data_dir)
    facts["log_dir"] = str(paths.log_dir)
    config: Config | None
    try:
        config = load_config(paths.config_file)
    except ConfigError as exc:
        config = None
        report.problems.append(f"config: {exc}")
    if config is not None:
        facts["config"] = config.to_dict()
    _check_database(paths, report, paired=config is not None and config.paired)
    _check_keyring(config, report)
    _check_central(config, report)
    return report


def _check_database(paths: Paths, report: Report, *, paired: bool = False) -> None:
    """Read-only: what the app would find (an empty file of a paired terminal is refused there, #12.11)."""
    from boxoffice.store.engine import inspect_database

    try:
        status = inspect_database(paths.database)
    except BoxOfficeError as exc:
        report.facts["database"] = str(paths.database)
        report.problems.append(f"database: {exc}")
        return
    report.facts["database"] = str(paths.database)
    report.facts["database_revision"] = status.revision or "(not created yet)"
    if paired and status.revision is None and paths.database.exists():
        report.problems.append(f"database: {paths.database} is empty although this terminal is paired; its sales "
                               f"are not in it: restore the last copy from {paths.backups_dir}")
    report.facts["code_revision"] = status.head
    if status.revision and status.revision != status.head:
        report.warnings.append("database: will be upgraded (after a backup) the next time the app starts")


def _check_keyring(config: Config | None, report: Report) -> None:
    try:
        report.facts["keyring_backend"] = credentials.backend_name()
    except Exception as exc:  # a backend forced by PYTHON_KEYRING_BACKEND that cannot start (no D-Bus session...)
        report.facts["keyring_backend"] = "(cannot start)"
        report.problems.append(f"keyring: the keyring backend cannot start ({_short(exc)}). "
                               f"{credentials.NO_KEYRING_HELP}")
        return
    if not credentials.keyring_available():
        report.problems.append(f"keyring: {credentials.NO_KEYRING_HELP}")
        return
    if config is None or not config.paired:
        report.facts["token"] = "(not paired)"
        return
    try:
        token = credentials.load_token(config.central.office_id, config.central.url)
    except BoxOfficeError as exc:
        report.facts["token"] = "(none)"
        report.problems.append(f"token: {exc}")
        return
    report.facts["token"] = credentials.mask(token)


def _check_central(config: Config | None, report: Report) -> None:
    if config is None or not config.central.url:
        report.facts["central"] = "not configured (pair the terminal to sync sales)"
        report.warnings.append("central: not configured; sales stay on this terminal until it is paired")
        return
    url = config.central.url
    verify: bool | str = config.central.ca_file or True
    started = time.monotonic()
    try:
        response = requests.get(url, timeout=(3, 5), verify=verify, allow_redirects=False)
    except requests.exceptions.SSLError as exc:
        report.facts["central"] = f"{url}: TLS error"
        if host_mismatch(exc):
            report.problems.append(f"central: the certificate of {url} is for another host name ({_short(exc)}); "
                                   "check central.url: use the name the certificate was made for")
        else:
            report.problems.append(f"central: TLS certificate of {url} is not trusted ({_short(exc)}); "
                                   "set central.ca_file to the platform's CA bundle")
        return
    except requests.RequestException as exc:
        report.facts["central"] = f"{url}: not reachable"
        report.warnings.append(f"central: {url} does not answer ({_short(exc)}); sales queue until it does")
        return
    elapsed = (time.monotonic() - started) * 1000
    report.facts["central"] = f"{url}: answers (HTTP {response.status_code} in {elapsed:.0f} ms)"


def _short(exc: Exception) -> str:
    text = str(exc)
    return text if len(text) < 160 else text[:157] + "..."


def run(args: argparse.Namespace) -> int:
    paths = resolve(args.config, args.data_dir)
    setup_logging(None, args.log_level, stderr=True)
    target = bundle_target(args.bundle) if getattr(args, "bundle", None) else None  # fail before the slow checks
    report = collect(paths)
    written = write_bundle(target, paths, report) if target is not None else None
    if args.json:
        extra = {"support_bundle": str(written)} if written else {}
        print(json.dumps({"usable": report.usable, **report.facts, "problems": report.problems,
                          "warnings": report.warnings, **extra}, indent=2, default=str))
    else:
        for key, value in report.facts.items():
            if isinstance(value, dict):
                for section, values in value.items():
                    for name, item in values.items():
                        print(f"{key}.{section}.{name}: {item}")
            else:
                print(f"{key}: {value}")
        for warning in report.warnings:
            print(f"warning: {warning}")
        for problem in report.problems:
            print(f"PROBLEM: {problem}")
        print("usable: yes" if report.usable else "usable: NO")
        if written:
            print(f"support bundle: {written}")
    return 0 if report.usable else 1


# --- support bundle ---------------------------------------------------------------------------------------------

_MASK = "[redacted]"
#: TOML/INI/env lines whose key names a secret: the whole value goes.
_SECRET_KEY = re.compile(
    r"(?im)^(\s*[\w.-]*(?:token|secret|password|passwd|api[_-]?key|credential|auth|pin)[\w.-]*\s*[=:]\s*)(.+)$"
)
#: user:password@ in a URL.
_URL_USERINFO = re.compile(r"(?i)(\b[a-z][a-z0-9+.-]*://)[^/@\s\"']+@")
#: Long random-looking strings (API tokens, keys): 24+ characters with letters and digits. UUIDs are left alone
#: (idempotency keys help support and give nothing away).
_TOKEN_LIKE = re.compile(r"(?<![\w-])(?=[\w-]*\d)(?=[\w-]*[A-Za-z])[\w-]{24,}(?![\w-])")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def mask_secrets(text: str, *, token_like: bool = False) -> str:
    """Mask what could let someone act as this office: registered secrets (the token once loaded), keyword
    patterns (``token=…``, ``Bearer …``), values of secret-named keys and URL passwords; with ``token_like``
    also every long random-looking string (for the config file: in logs it would hide ids support needs)."""
    text = redact(text)
    text = _SECRET_KEY.sub(lambda m: m.group(1) + (f'"{_MASK}"' if m.group(2).lstrip().startswith('"') else _MASK),
                           text)
    text = _URL_USERINFO.sub(lambda m: m.group(1) + _MASK + "@", text)
    if token_like:
        text = _TOKEN_LIKE.sub(lambda m: m.group(0) if _UUID.match(m.group(0)) else _MASK, text)
    return text


def bundle_target(value: str) -> Path:
    """The zip to write, checked before anything is collected: its folder must exist and be writable."""
    target = Path(value).expanduser()
    if target.is_dir():
        raise BoxOfficeError(f"--bundle {value}: that is a folder; give a file name, e.g. {target / 'support.zip'}")
    folder = target.parent.resolve()
    if not folder.is_dir():
        raise BoxOfficeError(f"--bundle {value}: the folder {folder} does not exist; create it or choose another")
    if not os.access(folder, os.W_OK):
        raise BoxOfficeError(f"--bundle {value}: the folder {folder} is not writable; choose another (e.g. your "
                             "home folder or a USB stick)")
    return folder / target.name


def write_bundle(target: Path, paths: Paths, report: Report) -> Path:
    """Write the support bundle atomically (a partial file is never left under the final name)."""
    summary = {
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "usable": report.usable,
        "problems": report.problems,
        "warnings": report.warnings,
        "facts": report.facts,
        "versions": versions(),
        "database": database_check(paths.database),
        "backups": _listing(paths.backups_dir),
        "logs": _listing(paths.log_dir),
    }
    partial = target.with_name(f".{target.name}.partial")
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("report.json", mask_secrets(json.dumps(summary, indent=2, default=str)))
            if paths.config_file.is_file():
                config_text = mask_secrets(_read_text(paths.config_file), token_like=True)
                bundle.writestr(f"config/{paths.config_file.name}", config_text)
            for log_file in _log_files(paths.log_dir):
                bundle.writestr(f"logs/{log_file.name}", mask_secrets(_read_text(log_file)))
        os.replace(partial, target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise BoxOfficeError(f"could not write the support bundle {target}: {exc.strerror or exc}") from None
    return target


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8", errors="replace")
    except OSError as exc:
        return f"(could not read {path}: {exc.strerror or exc})\n"


def _log_files(log_dir: Path) -> list[Path]:
    """Every file in the log folder: boxoffice.log and its rotations (boxoffice.log.1 ... .5), oldest last."""
    if not log_dir.is_dir():
        return []
    return sorted((p for p in log_dir.iterdir() if p.is_file()), key=lambda p: (len(p.name), p.name))


def _listing(folder: Path) -> list[dict[str, Any]] | str:
    if not folder.is_dir():
        return f"{folder} (none)"
    return [{"name": p.name, "bytes": p.stat().st_size,
             "modified": datetime.fromtimestamp(p.stat().st_mtime, UTC).isoformat(timespec="seconds")}
            for p in sorted(folder.iterdir()) if p.is_file()]


def versions() -> dict[str, Any]:
    """Versions support asks for first."""
    import alembic
    import sqlalchemy

    found: dict[str, Any] = {
        "boxoffice": __version__,
        "python": sys.version.split()[0],
        "sqlalchemy": sqlalchemy.__version__,
        "alembic": alembic.__version__,
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "machine": platform.machine(),
        "frozen": bool(getattr(sys, "frozen", False)),
        "executable": sys.executable,
    }
    try:
        # Only to read version strings (no Qt objects): Qt stays out of commands/ otherwise (ARCHITECTURE.md).
        pyside = importlib.import_module("PySide6")
        qtcore = importlib.import_module("PySide6.QtCore")
        found["pyside6"] = pyside.__version__
        found["qt"] = qtcore.qVersion()
    except ImportError as exc:
        found["qt"] = f"(not available: {exc})"
    return found


def database_check(path: Path) -> dict[str, Any]:
    """Integrity check, schema revision and outbox counts, through a read-only connection that leaves no trace."""
    from boxoffice.store.engine import _connect_read_only, inspect_database

    result: dict[str, Any] = {"path": str(path)}
    if not path.is_file() or path.stat().st_size == 0:
        result["status"] = "no database yet"
        return result
    result["bytes"] = path.stat().st_size
    result["wal_bytes"] = Path(f"{path}-wal").stat().st_size if Path(f"{path}-wal").exists() else 0
    try:
        inspect_database(path)  # not SQLite, not ours, too new: say so and do not go further
    except BoxOfficeError as exc:
        result["status"] = f"not checked: {exc}"
        return result
    try:
        connection = _connect_read_only(path)
    except sqlite3.Error as exc:
        result["status"] = f"cannot open read-only: {exc}"
        return result
    try:
        rows = [row[0] for row in connection.execute("PRAGMA integrity_check(100)")]
        result["integrity_check"] = rows
        result["status"] = "ok" if rows == ["ok"] else "DAMAGED"
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" in tables:
            stamped = connection.execute("SELECT version_num FROM alembic_version")
            result["schema_revision"] = [row[0] for row in stamped]
        if "outbox" in tables:
            result["outbox"] = [
                {"state": state, "kind": kind, "count": count, "oldest": oldest, "newest": newest}
                for state, kind, count, oldest, newest in connection.execute(
                    "SELECT state, kind, COUNT(*), MIN(created_at), MAX(created_at) FROM outbox "
                    "GROUP BY state, kind ORDER BY state, kind")
            ]
    except sqlite3.Error as exc:
        result["status"] = f"check failed: {exc}"
    finally:
        connection.close()
    return result
