"""What the headless subcommands share: start-up, JSON or text output."""

from __future__ import annotations

import argparse
import json
from typing import Any


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def emit(args: argparse.Namespace, data: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False, default=str))
    else:
        print(text)


def open_all(args: argparse.Namespace):
    """Context + migrated store for a command (logging to file only: stdout is the command's output)."""
    from boxoffice.app import load_context, open_local_store

    context = load_context(args, stderr_logging=False)
    return context, open_local_store(context)
