"""The ``boxoffice`` command: the window by default, headless subcommands for kiosks and scripts.

Every subcommand takes ``--config`` and ``--data-dir`` (or ``BOXOFFICE_CONFIG`` / ``BOXOFFICE_DATA_DIR``).
Errors a person can fix end with exit status 2 (usage) or 1 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from boxoffice import __version__
from boxoffice.commands import codes, doctor, printing, terminal
from boxoffice.core.errors import BoxOfficeError


def _common_options(suppress: bool) -> argparse.ArgumentParser:
    """Options every command takes; on subcommands their defaults are suppressed so that
    ``boxoffice --data-dir X status`` and ``boxoffice status --data-dir X`` mean the same."""
    common = argparse.ArgumentParser(add_help=False)
    default = argparse.SUPPRESS if suppress else None
    common.add_argument("--config", default=default,
                        help="config file (default: the OS config dir; env BOXOFFICE_CONFIG)")
    common.add_argument("--data-dir", default=default,
                        help="data folder for the database and logs (env BOXOFFICE_DATA_DIR)")
    common.add_argument("--log-level", default=argparse.SUPPRESS if suppress else "INFO",
                        choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="boxoffice", parents=[_common_options(suppress=False)],
                                     description="Box office: offline-first ticket window terminal.")
    parser.add_argument("--version", action="version", version=f"boxoffice {__version__}")
    _gui_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(suppress=True)
    gui = sub.add_parser("gui", parents=[common], help="open the box office window (the default)")
    _gui_options(gui, suppress=True)
    for module in (codes, doctor, terminal, printing):
        module.add_parser(sub, common)
    return parser


def _gui_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else False
    parser.add_argument("--kiosk", action="store_true", default=default, help="full screen kiosk mode")
    parser.add_argument("--smoke-test", action="store_true", default=default,
                        help="open the window, then exit (installers)")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command in (None, "gui"):
            from boxoffice.app import run_gui

            return run_gui(args)
        return int(args.func(args))
    except BoxOfficeError as exc:
        print(f"boxoffice: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
