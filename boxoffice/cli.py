"""The ``boxoffice`` command: the window by default, headless subcommands for kiosks and scripts.

Every subcommand takes ``--config`` and ``--data-dir`` (or ``BOXOFFICE_CONFIG`` / ``BOXOFFICE_DATA_DIR``).
Errors a person can fix end with exit status 2 (usage) or 1 and one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import logging
import os
import sys
from collections.abc import Iterable, Sequence

from boxoffice import __version__
from boxoffice.core.collector import space_young_collections
from boxoffice.core.errors import BoxOfficeError

#: Which module defines each subcommand. A command line naming one imports only that module: every module
#: costs imports (the whole command set about a tenth of a second, paid by each ``sync --once`` of a kiosk's
#: timer). tests/unit/commands/test_cli_modules.py holds this table to what the modules register.
COMMAND_MODULES: dict[str, str] = {
    "codes": "boxoffice.commands.codes",
    "doctor": "boxoffice.commands.doctor",
    **dict.fromkeys(("pair", "pull", "sell", "return", "void", "sync", "status", "journal"),
                    "boxoffice.commands.terminal"),
    "shift": "boxoffice.commands.shift",
    "clerk": "boxoffice.commands.clerks",
    "print": "boxoffice.commands.printing",
    "fiscal": "boxoffice.commands.fiscal",
    "door": "boxoffice.commands.door",
    "batch": "boxoffice.commands.batches",
    "refund": "boxoffice.commands.refunds",
    "hub": "boxoffice.hub.cli",  # the office hub (issue #18): boxoffice hub ...
}

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


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given ``argv``, only what it needs: the module of the subcommand it names
    (whose ``--help`` and errors are the same), none for the window; ``boxoffice --help`` lists them all."""
    parser = argparse.ArgumentParser(prog="boxoffice", parents=[_common_options(suppress=False)],
                                     description="Box office: offline-first ticket window terminal.")
    parser.add_argument("--version", action="version", version=f"boxoffice {__version__}")
    _gui_options(parser, suppress=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = _common_options(suppress=True)
    gui = sub.add_parser("gui", parents=[common], help="open the box office window (the default)")
    _gui_options(gui, suppress=True)
    named = command_named(argv) if argv is not None else None
    if named in COMMAND_MODULES:
        modules: Iterable[str] = [COMMAND_MODULES[named]]
    elif argv is not None and named is None and not {"-h", "--help"} & set(argv):
        modules = []  # the window: no subcommand to parse
    else:  # help, an unknown word (its error lists them all), or every command (tests, packaging)
        modules = dict.fromkeys(COMMAND_MODULES.values())
    for name in modules:
        importlib.import_module(name).add_parser(sub, common)
    return parser


def command_named(argv: Sequence[str]) -> str | None:
    """The subcommand word of ``argv`` (the first word that is neither an option nor an option's value)."""
    value_options = {option for action in _common_options(suppress=False)._actions if action.nargs != 0
                     for option in action.option_strings}  # the word after one of these is its value
    words = iter(argv)
    for word in words:
        if word == "--":
            return next(words, None)
        if word in value_options:
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


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
    """The command named by ``argv`` (None: this process's command line, which then ends with the command)."""
    whole_process = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if whole_process and argv and argv[0] != "gui" and not argv[0].startswith("-"):
        space_young_collections()  # a headless command: its imports and bulk work, fewer collections (the window
        # keeps Python's default: its pauses fall between frames as they always did)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    # a log file that cannot be written (read-only or full disk) must not print a traceback per line; the
    # command's own error says what is wrong with the disk
    raise_logging_errors, logging.raiseExceptions = logging.raiseExceptions, False
    try:
        return _run(args, argv)
    finally:
        logging.raiseExceptions = raise_logging_errors
        if whole_process:
            # the interpreter's last collections at exit walk every object the imports made, a quarter of a
            # second after a stadium's pull (measured): frozen, they are left to the operating system. Exit still
            # flushes and closes as before (logging's atexit, the standard streams); the store is closed already
            gc.freeze()


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
