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
