"""``boxoffice codes``: make and check Satellite Tag codes without the GUI (support desks, door staff)."""

from __future__ import annotations

import argparse
import sys

from boxoffice.core.codes import new_purchase_code, parse_code
from boxoffice.core.errors import InvalidCode


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    codes = sub.add_parser("codes", parents=[common], help="make or check Satellite Tag purchase codes and barcodes")
    codes_sub = codes.add_subparsers(dest="codes_command", required=True, metavar="{new,check}")
    new = codes_sub.add_parser("new", help="print new purchase codes, one per line")
    new.add_argument("--count", type=_positive, default=1, help="how many codes (default 1)")
    new.set_defaults(func=run_new)
    check = codes_sub.add_parser("check", help="say what a code is, or why it is invalid (exit 1)")
    check.add_argument("code")
    check.set_defaults(func=run_check)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 10_000_000:
        raise argparse.ArgumentTypeError("--count must be between 1 and 10000000")
    return value


def run_new(args: argparse.Namespace) -> int:
    out = sys.stdout
    for _ in range(args.count):
        out.write(new_purchase_code() + "\n")
    return 0


def run_check(args: argparse.Namespace) -> int:
    try:
        parsed = parse_code(args.code)
    except InvalidCode as exc:
        print(f"invalid: {exc}", file=sys.stderr)
        return 1
    print(f"valid {parsed.describe()}")
    return 0
