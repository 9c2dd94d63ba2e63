"""``boxoffice clerk add|list|edit|deactivate|reactivate|reset-pin``: staff set-up for installers.

The first clerk of a terminal is its supervisor and needs no authorisation (nobody exists to give it); every
other change names a supervisor (``--supervisor NAME``, their PIN prompted or read with ``--pin-stdin``) and
runs the same staff services as the window, journaled with that supervisor as actor. Badges are enrolled in the
window by swiping them: a badge code on the command line would sit in the shell history.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from boxoffice.commands._common import add_json, emit, open_all
from boxoffice.commands.supervisor_auth import (
    add_new_pin_option,
    add_supervisor_options,
    authorise,
    find_clerk,
    new_pin,
)
from boxoffice.core.permissions import ROLES, Action
from boxoffice.services import clerks
from boxoffice.services.clerks import ClerkInfo, InvalidClerk


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    clerk = sub.add_parser("clerk", parents=[common], help="add, list, edit and deactivate clerks")
    actions = clerk.add_subparsers(dest="clerk_command", required=True,
                                   metavar="{add,list,edit,deactivate,reactivate,reset-pin}")

    add = actions.add_parser("add", parents=[common],
                             help="add a clerk (the first one is the supervisor, no authorisation)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, help="clerk (default), supervisor or door; the first is supervisor")
    _authorised(add, new_pin_too=True)
    add.set_defaults(func=run_add)

    listing = actions.add_parser("list", parents=[common], help="every clerk, active or not (no PINs, no badge codes)")
    add_json(listing)
    listing.set_defaults(func=run_list)

    edit = actions.add_parser("edit", parents=[common], help="rename a clerk, change their role or remove their badge")
    edit.add_argument("name")
    edit.add_argument("--new-name", metavar="NAME")
    edit.add_argument("--role", choices=ROLES)
    edit.add_argument("--remove-badge", action="store_true")
    _authorised(edit)
    edit.set_defaults(func=run_edit)

    for command, active in (("deactivate", False), ("reactivate", True)):
        toggle = actions.add_parser(command, parents=[common],
                                    help=f"{command} a clerk (never deleted: sales name them)")
        toggle.add_argument("name")
        _authorised(toggle)
        toggle.set_defaults(func=run_set_active, active=active)

    reset = actions.add_parser("reset-pin", parents=[common], help="give a clerk a new PIN (lifts a lockout)")
    reset.add_argument("name")
    _authorised(reset, new_pin_too=True)
    reset.set_defaults(func=run_reset_pin)


def _authorised(parser: argparse.ArgumentParser, *, new_pin_too: bool = False) -> None:
    add_supervisor_options(parser)
    if new_pin_too:
        add_new_pin_option(parser)
    add_json(parser)


def _shown(info: ClerkInfo, what: str) -> tuple[dict[str, object], str]:
    return ({"id": info.id, "name": info.name, "role": info.role, "badge": info.rfid is not None},
            f"{what} {info.name} ({info.role})")


def run_add(args: argparse.Namespace) -> int:
    _context, store = open_all(args)
    try:
        factory = store.session_factory
        if not clerks.has_clerks(factory):
            if args.role not in (None, "supervisor"):
                raise InvalidClerk("the first clerk of a terminal is its supervisor: add them with --role "
                                   "supervisor (or no --role), then the others", code="first_clerk_supervisor")
            info = clerks.create_first_supervisor(factory, args.name, new_pin(args, args.name))
            data, text = _shown(info, "added the first supervisor,")
        else:
            supervisor = authorise(args, factory, Action.staff)  # their PIN first, then the new one
            info = clerks.add_clerk(factory, supervisor, args.name, new_pin(args, args.name), args.role or "clerk")
            data, text = _shown(info, "added")
    finally:
        store.close()
    emit(args, data, text)
    return 0


def run_list(args: argparse.Namespace) -> int:
    _context, store = open_all(args)
    try:
        staff = clerks.staff_list(store.read_session_factory)
    finally:
        store.close()
    rows = [{"id": m.id, "name": m.name, "role": m.role, "badge": m.has_badge, "active": m.active} for m in staff]
    text = "\n".join(f"{m.name}\t{m.role}\t{'badge' if m.has_badge else 'no badge'}\t"
                     f"{'active' if m.active else 'deactivated'}" for m in staff) or "no clerks yet"
    emit(args, {"clerks": rows}, text)
    return 0


def _change(args: argparse.Namespace, change: Callable[[sessionmaker[Session], ClerkInfo, int], ClerkInfo]
            ) -> ClerkInfo:
    """Find the clerk named, ask the supervisor, then make ``change`` (factory, supervisor, clerk id)."""
    _context, store = open_all(args)
    try:
        factory = store.session_factory
        target = find_clerk(factory, args.name)
        supervisor = authorise(args, factory, Action.staff)  # their PIN first, then any new one
        return change(factory, supervisor, target.id)
    finally:
        store.close()


def run_edit(args: argparse.Namespace) -> int:
    info = _change(args, lambda factory, supervisor, clerk_id: clerks.edit_clerk(
        factory, supervisor, clerk_id, name=args.new_name, role=args.role,
        rfid=None if args.remove_badge else clerks.KEEP))
    emit(args, *_shown(info, "saved"))
    return 0


def run_set_active(args: argparse.Namespace) -> int:
    info = _change(args, lambda factory, supervisor, clerk_id: clerks.set_active(
        factory, supervisor, clerk_id, args.active))
    data, text = _shown(info, "reactivated" if args.active else "deactivated")
    emit(args, {**data, "active": args.active}, text)
    return 0


def run_reset_pin(args: argparse.Namespace) -> int:
    info = _change(args, lambda factory, supervisor, clerk_id: clerks.reset_pin(
        factory, supervisor, clerk_id, new_pin(args, args.name)))
    emit(args, *_shown(info, "new PIN set for"))
    return 0
