"""Asking a supervisor on the command line, where the window would ask for their PIN (``clerk``, ``void``,
``return``).

``--supervisor NAME`` names them; their PIN comes from a prompt (``getpass``, when standard input is a terminal)
or, for scripts, from standard input with ``--pin-stdin``. A new PIN (``clerk add``, ``clerk reset-pin``) comes
the same way: prompted twice, or with ``--new-pin-stdin`` from the next line of standard input (the second when
``--pin-stdin`` took the first). A PIN is never an argument: it would be in the shell history and the process
list. The PIN is checked by the same sign-in as the window's (journaled, five wrong ones lock for a minute), then
the supervisor's role against ``core/permissions``.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import TYPE_CHECKING

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.permissions import Action, require

if TYPE_CHECKING:  # the store's modules load when a command uses them: `boxoffice pull` asks the platform first
    from sqlalchemy.orm import Session, sessionmaker

    from boxoffice.services.clerks import ClerkInfo, StaffMember


class SupervisorNeeded(BoxOfficeError):
    """The command needs a supervisor and none was named, or their PIN could not be read."""

    code = "supervisor_needed"


def add_supervisor_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--supervisor", metavar="NAME", help="the supervisor authorising this (asked for their PIN)")
    parser.add_argument("--pin-stdin", action="store_true",
                        help="read the supervisor's PIN from the first line of standard input (for scripts)")


def add_new_pin_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--new-pin-stdin", action="store_true",
                        help="read the new PIN from standard input (the line after the supervisor's PIN)")


class _Stdin:
    """Standard input read line by line, once: the supervisor's PIN first, then a new PIN."""

    def __init__(self) -> None:
        self._taken = 0

    def next_line(self, what: str) -> str:
        line = sys.stdin.readline()
        self._taken += 1
        if not line:
            raise SupervisorNeeded(f"no {what} on line {self._taken} of standard input")
        return line.rstrip("\r\n")


_STDIN = _Stdin()


def _prompt(text: str, option: str) -> str:
    if not sys.stdin.isatty():
        raise SupervisorNeeded(f"{text.rstrip(': ')}: pipe it in with {option}, or run this command at a terminal "
                               "to be asked", code="pin_needed")
    return getpass.getpass(text)


def supervisor_pin(args: argparse.Namespace, name: str) -> str:
    if getattr(args, "pin_stdin", False):
        return _STDIN.next_line(f"PIN for {name}")
    return _prompt(f"PIN for {name}: ", "--pin-stdin")


def new_pin(args: argparse.Namespace, whose: str) -> str:
    """The new PIN for ``whose``: the next stdin line, or typed twice at a prompt."""
    if getattr(args, "new_pin_stdin", False):
        pin = _STDIN.next_line(f"new PIN for {whose}")
    else:
        pin = _prompt(f"New PIN for {whose}: ", "--new-pin-stdin")
        if _prompt(f"New PIN for {whose} again: ", "--new-pin-stdin") != pin:
            raise SupervisorNeeded("the two PINs typed differ; nothing was changed", code="pin_mismatch")
    from boxoffice.services import clerks

    clerks.check_pin_rules(pin)  # before any supervisor's PIN is spent on it
    return pin


def find_clerk(session_factory: sessionmaker[Session], name: str) -> StaffMember:
    """The clerk called ``name`` (any case, spaces squeezed), active or not."""
    from boxoffice.services import clerks

    wanted = " ".join(name.split()).casefold()
    found = [m for m in clerks.staff_list(session_factory) if m.name.casefold() == wanted]
    if not found:
        raise clerks.StaffRefused(f"no clerk called {name!r} here (boxoffice clerk list shows them)",
                                  code="clerk_unknown")
    return found[0]


def authorise(args: argparse.Namespace, session_factory: sessionmaker[Session], action: Action) -> ClerkInfo:
    """The supervisor named by ``--supervisor`` after their PIN is checked and their role allows ``action``."""
    name = (getattr(args, "supervisor", None) or "").strip()
    if not name:
        raise SupervisorNeeded("this needs a supervisor: add --supervisor NAME (their PIN is asked for, or read "
                               "with --pin-stdin)")
    member = find_clerk(session_factory, name)
    if not member.active:
        raise SupervisorNeeded(f"{member.name} is deactivated here and cannot authorise anything",
                               code="actor_inactive")
    require(member.role, action)  # before their PIN is asked for: a clerk's PIN would not do
    from boxoffice.services import clerks

    info = clerks.sign_in_pin(session_factory, member.id, supervisor_pin(args, member.name))
    require(info.role, action)
    return info
