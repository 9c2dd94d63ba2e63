"""The ``boxoffice`` command: the window by default, headless subcommands for kiosks and scripts.

Every subcommand takes ``--config`` and ``--data-dir`` (or ``BOXOFFICE_CONFIG`` / ``BOXOFFICE_DATA_DIR``).
Errors a person can fix end with exit status 2 (usage) or 1 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from boxoffice import __version__
from boxoffice.commands import batches, clerks, codes, doctor, door, fiscal, printing, refunds, shift, terminal
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
    for module in (codes, doctor, terminal, shift, clerks, printing, fiscal, door, batches, refunds):
        module.add_parser(sub, common)
    from boxoffice.hub import cli as hub_cli  # the office hub (issue #18): boxoffice hub ...

    hub_cli.add_parser(sub, common)
    return parser


def _gui_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else False
    parser.add_argument("--kiosk", action="store_true", default=default, help="full screen kiosk mode")
    parser.add_argument("--smoke-test", action="store_true", default=default,
                        help="open the window, then exit (installers)")


#: Environment variables that name paths, checked like the arguments.
_PATH_VARIABLES = ("BOXOFFICE_DATA_DIR", "BOXOFFICE_CONFIG")


def not_utf8(argv: Sequence[str]) -> str | None:
    """The first argument (or path variable) that is not valid UTF-8, shown with ``\\xNN`` escapes, or None.

    On Linux an argument is bytes; Python keeps undecodable ones as lone surrogates, which no UTF-8 file (config,
    log, database) can hold, so they are refused up front. Windows arguments are always text."""
    values = [*argv, *(os.environ.get(name, "") for name in _PATH_VARIABLES)]
    for value in values:
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return os.fsencode(value).decode("utf-8", errors="backslashreplace")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    # a log file that cannot be written (read-only or full disk) must not print a traceback per line; the
    # command's own error says what is wrong with the disk
    raise_logging_errors, logging.raiseExceptions = logging.raiseExceptions, False
    try:
        return _run(args, argv)
    finally:
        logging.raiseExceptions = raise_logging_errors


def _run(args: argparse.Namespace, argv: Sequence[str]) -> int:
    bad = not_utf8(argv)
    gui = args.command in (None, "gui")
    try:
        if bad is not None:
            raise BoxOfficeError(f"'{bad}' is not valid text (not UTF-8); rename that folder or file, or type it "
                                 "again", code="argument_not_utf8", params={"value": bad})
        if gui:
            from boxoffice.app import run_gui

            return run_gui(args)
        return int(args.func(args))
    except BoxOfficeError as exc:
        print(f"boxoffice: {exc}", file=sys.stderr)
        if exc.code == "no_open_shift":  # sell, void, return: say how
            print("boxoffice: open it with: boxoffice shift open --float AMOUNT --clerk NAME (the PIN on stdin)",
                  file=sys.stderr)
        if bad is not None and gui and not getattr(args, "smoke_test", False):  # no terminal to read stderr
            from boxoffice.ui.startup_failure import show_startup_failure

            show_startup_failure(exc, args)
        return 1
    except UnicodeDecodeError:  # e.g. a token piped in that is not UTF-8 text
        print("boxoffice: the input is not valid text (not UTF-8); type or paste it again", file=sys.stderr)
        return 1
    except OSError as exc:  # the disk or the OS refused something no check above foresaw: one line, not a trace
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"boxoffice: {where}{exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
