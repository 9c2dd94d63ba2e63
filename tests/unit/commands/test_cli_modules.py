"""The ``boxoffice`` command line imports only the module of the subcommand it runs: the table that says which
module defines which subcommand must be what the modules register, and a narrowed parser must read a command
line exactly as the whole one does."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys

import pytest

from boxoffice.cli import COMMAND_MODULES, build_parser, command_named


def _registered(module_name: str) -> set[str]:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    importlib.import_module(module_name).add_parser(sub, argparse.ArgumentParser(add_help=False))
    return set(sub.choices)


def test_the_table_names_every_subcommand_each_module_registers() -> None:
    found = {command: module for module in set(COMMAND_MODULES.values()) for command in _registered(module)}
    assert found == COMMAND_MODULES


@pytest.mark.parametrize(("argv", "named"), [
    (["sync", "--once"], "sync"),
    (["--data-dir", "/srv/bo", "pull", "--event", "E1"], "pull"),
    (["--data-dir=/srv/bo", "--log-level", "DEBUG", "hub", "status"], "hub"),
    (["--config", "sync", "status"], "status"),  # a config file called "sync" is not the command
    (["--kiosk"], None),
    ([], None),
    (["--", "sell"], "sell"),
])
def test_the_subcommand_is_the_first_word_that_is_no_option_value(argv: list[str], named: str | None) -> None:
    assert command_named(argv) == named


@pytest.mark.parametrize("argv", [
    ["sync", "--once", "--json"],
    ["--data-dir", "/srv/bo", "pull", "--event", "E1"],
    ["shift", "open", "--float", "50", "--clerk", "Ana"],
    ["hub", "lease", "set", "--size", "20", "--low-water", "5", "--zone", "Pista"],
    ["--kiosk"],
])
def test_a_narrowed_parser_reads_a_command_line_as_the_whole_one(argv: list[str]) -> None:
    narrowed, whole = vars(build_parser(argv).parse_args(argv)), vars(build_parser().parse_args(argv))
    # a handler wrapped per parser build (the hub's) is a new function object each time: compare its code
    assert {k: getattr(v, "__code__", v) for k, v in narrowed.items()} == {
        k: getattr(v, "__code__", v) for k, v in whole.items()}


def test_a_sync_run_imports_no_other_command_module() -> None:
    probe = ("import sys; from boxoffice.cli import build_parser; build_parser(['sync', '--once']); "
             "print(sorted(m for m in sys.modules if m.startswith('boxoffice.commands.') and m != "
             "'boxoffice.commands._common'))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['boxoffice.commands.supervisor_auth', 'boxoffice.commands.terminal']"


def test_a_pull_can_ask_the_platform_before_the_store_modules_load() -> None:
    """``boxoffice pull`` sends its first request and then opens the store, whose modules (SQLAlchemy, the
    models) take about as long to load as the platform takes to answer for a stadium: the command's parser, the
    client and the fetch must not load them."""
    probe = ("import sys; from boxoffice.cli import build_parser; build_parser(['pull', '--event', 'E1']); "
             "import boxoffice.app, boxoffice.credentials, boxoffice.sync.pull; "
             "print(sorted(m for m in sys.modules if m.split('.')[0] == 'sqlalchemy' or m.startswith("
             "('boxoffice.store', 'boxoffice.services'))))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_the_process_command_line_ends_with_the_collector_frozen_and_a_call_does_not() -> None:
    """The interpreter's last collections at exit walk every object the imports made (a quarter of a second
    after a pull): a process running its own command line freezes them first; a caller of main(argv) (a test,
    the window's code) keeps its collector as it was."""
    probe = ("import gc, sys; from boxoffice.cli import main; "
             "main(['codes', 'check', 'NOTACODE']); called = gc.get_freeze_count(); "
             "sys.argv = ['boxoffice', 'codes', 'check', 'NOTACODE']; main(); "
             "print(called, gc.get_freeze_count() > 0)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split()[-2:] == ["0", "True"]
