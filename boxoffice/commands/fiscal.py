"""Headless fiscal commands: ``boxoffice fiscal verify | export [--out FILE] | submit``.

``verify`` walks the invoices' Verifactu chain as ``journal verify`` walks the journal and names the first
broken record by its invoice number; ``export`` writes every registration record, in chain order, as JSON with
the AEAT's field names (format ``boxoffice-verifactu-records/1``) for an inspector; ``submit`` sends the
records queued toward ``[fiscal] submission_url`` (disabled when it is empty).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from boxoffice.commands._common import add_json, emit, open_all
from boxoffice.core.errors import BoxOfficeError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

T = TypeVar("T")


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    fiscal = sub.add_parser("fiscal", parents=[common], help="invoices: check the Verifactu chain, export, submit")
    fiscal_sub = fiscal.add_subparsers(dest="fiscal_command", required=True, metavar="{verify,export,submit}")
    verify = fiscal_sub.add_parser("verify", parents=[common],
                                   help="check no invoice record was edited, deleted or reordered")
    add_json(verify)
    verify.set_defaults(func=run_verify)
    export = fiscal_sub.add_parser("export", parents=[common], help="write every invoice record as JSON")
    export.add_argument("--out", metavar="FILE", help="the file to write (default: standard output)")
    export.set_defaults(func=run_export)
    submit = fiscal_sub.add_parser("submit", parents=[common],
                                   help="send the queued records to [fiscal] submission_url")
    add_json(submit)
    submit.set_defaults(func=run_submit)


def _read(args: argparse.Namespace, query: Callable[[Session], T]) -> T:
    """``query`` on a read-only session of the terminal's store, the store closed after."""
    _, store = open_all(args)
    try:
        with store.read_session_factory() as session:
            return query(session)
    finally:
        store.close()


def run_verify(args: argparse.Namespace) -> int:
    from boxoffice.services.invoices import verify

    result = _read(args, verify)
    data = dataclasses.asdict(result)
    if result.ok:
        data["summary"] = f"invoice records ok: {result.records} records, chain and numbering intact"
        emit(args, data, data["summary"])
        return 0
    data["summary"] = f"invoice records BROKEN at {result.broken}: {result.problem}"
    emit(args, data, data["summary"])
    if not getattr(args, "json", False):
        print(data["summary"], file=sys.stderr)
    return 1


def run_export(args: argparse.Namespace) -> int:
    from boxoffice.services.invoices import export

    document = _read(args, export)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    if not args.out:
        sys.stdout.write(text)
        return 0
    target = Path(args.out).expanduser()
    try:
        target.write_text(text, encoding="utf-8")
    except OSError as error:
        raise BoxOfficeError(f"cannot write {target}: {error.strerror or error}", code="fiscal_export_unwritable",
                             params={"path": str(target), "reason": str(error.strerror or error)}) from None
    print(f"{len(document['records'])} invoice record(s) written to {target} (JSON)")
    return 0


def run_submit(args: argparse.Namespace) -> int:
    from boxoffice.services.invoices import submit_pending

    context, store = open_all(args)
    url = context.config.fiscal.submission_url
    if not url:
        store.close()
        raise BoxOfficeError("submission is disabled: set [fiscal] submission_url in the config to send records",
                             code="fiscal_submission_disabled")
    try:
        result = submit_pending(store.session_factory, url)
    finally:
        store.close()
    data = dataclasses.asdict(result)
    text = f"{result.sent} record(s) sent, {result.pending} pending" + (f": {result.error}" if result.error else "")
    emit(args, data, text)
    return 0 if result.error is None else 1
