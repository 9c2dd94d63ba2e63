"""``boxoffice doctor``: what an installer or support desk needs to know, in one screen.

Checks are read-only: doctor never migrates the database or writes the config. Exit 0 when the terminal is
usable, 1 with the reasons when not. An unreachable central platform is reported but is not a failure: this
terminal sells offline by design and queues the sales.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from typing import Any

import requests

from boxoffice import __version__, credentials
from boxoffice.config import Config, load_config
from boxoffice.core.errors import BoxOfficeError, ConfigError
from boxoffice.logging_setup import setup_logging
from boxoffice.paths import Paths, resolve


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    doctor = sub.add_parser("doctor", parents=[common], help="check config, database, keyring and central link")
    doctor.add_argument("--json", action="store_true", help="print the report as JSON")
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
    _check_database(paths, report)
    _check_keyring(config, report)
    _check_central(config, report)
    return report


def _check_database(paths: Paths, report: Report) -> None:
    from boxoffice.store.engine import inspect_database

    try:
        status = inspect_database(paths.database)
    except BoxOfficeError as exc:
        report.facts["database"] = str(paths.database)
        report.problems.append(f"database: {exc}")
        return
    report.facts["database"] = str(paths.database)
    report.facts["database_revision"] = status.revision or "(not created yet)"
    report.facts["code_revision"] = status.head
    if status.revision and status.revision != status.head:
        report.warnings.append("database: will be upgraded (after a backup) the next time the app starts")


def _check_keyring(config: Config | None, report: Report) -> None:
    report.facts["keyring_backend"] = credentials.backend_name()
    if not credentials.keyring_available():
        report.problems.append(f"keyring: {credentials.NO_KEYRING_HELP}")
        return
    if config is None or not config.paired:
        report.facts["token"] = "(not paired)"
        return
    try:
        token = credentials.load_token(config.central.office_id)
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
    report = collect(paths)
    if args.json:
        print(json.dumps({"usable": report.usable, **report.facts, "problems": report.problems,
                          "warnings": report.warnings}, indent=2, default=str))
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
    return 0 if report.usable else 1
