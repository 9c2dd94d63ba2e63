"""Headless shift commands: ``boxoffice shift open|status|close``.

Every sale, void and return belongs to an open shift (``boxoffice.services.shifts``), so a kiosk or a script
opens one with the cash float before ``boxoffice sell``. Opening and closing name a clerk and take that clerk's
PIN, as the window does: from standard input (one line), or asked without echo at a terminal; never from the
command line, where it would stay in the shell history.

Amounts: a whole number is cents (as ``sell --cash``); an amount with a decimal separator or the currency symbol
("100,00", "100.50", "80 €") is read in the terminal's language.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys

from boxoffice.commands._common import add_json, emit, open_all
from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.money import MoneyFormat, money_format

_CENTS = re.compile(r"\d+")


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    shift = sub.add_parser("shift", parents=[common], help="open, show or close this terminal's shift")
    shift_sub = shift.add_subparsers(dest="shift_command", required=True, metavar="{open,status,close}")
    opening = shift_sub.add_parser("open", parents=[common], help="open a shift with the cash float in the drawer")
    opening.add_argument("--float", dest="float_amount", required=True, metavar="CENTS|AMOUNT",
                         help="the cash put in the drawer: cents (10000) or an amount (100,00)")
    _clerk_option(opening)
    add_json(opening)
    opening.set_defaults(func=run_open)

    status = shift_sub.add_parser("status", parents=[common], help="the open shift, and the cash expected so far")
    add_json(status)
    status.set_defaults(func=run_status)

    closing = shift_sub.add_parser("close", parents=[common], help="close the open shift with the cash counted")
    closing.add_argument("--counted", required=True, metavar="CENTS|AMOUNT",
                         help="the cash counted in the drawer: cents (17000) or an amount (170,00)")
    _clerk_option(closing)
    add_json(closing)
    closing.set_defaults(func=run_close)


def _clerk_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--clerk", required=True, metavar="NAME",
                        help="who opens or closes it; their PIN is read from standard input (asked at a terminal)")


def parse_amount(text: str, money: MoneyFormat) -> int:
    """Cents from ``CENTS`` (digits only) or an amount in the terminal's language; never negative."""
    value = text.strip()
    cents = int(value) if _CENTS.fullmatch(value) else money.parse(value)
    if cents < 0:
        raise BoxOfficeError(f"{text!r} is negative; the drawer holds zero or more", code="shift_float_invalid")
    return cents


def _read_pin(name: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(f"PIN for {name}: ")
    return sys.stdin.readline().strip()


def _signed_in(store, name: str):  # -> boxoffice.services.clerks.ClerkInfo
    """The clerk called ``name`` (case ignored), once their PIN is right (a wrong one is journaled and counted)."""
    from boxoffice.services.clerks import list_clerks, sign_in_pin

    found = [c for c in list_clerks(store.read_session_factory) if c.name.casefold() == name.strip().casefold()]
    if not found:
        raise BoxOfficeError(f"no active clerk called {name!r} on this terminal", code="clerk_unknown")
    pin = _read_pin(found[0].name)
    if not pin:
        raise BoxOfficeError(f"no PIN on standard input for {found[0].name}", code="pin_missing")
    return sign_in_pin(store.session_factory, found[0].id, pin)


def _shift_data(shift, names: dict[int, str]) -> dict:
    return {"shift_id": shift.id, "clerk": names.get(shift.clerk_id, "?"), "opened_at": shift.opened_at.isoformat(),
            "float_cents": shift.float_cents}


def run_open(args: argparse.Namespace) -> int:
    from boxoffice.services.shifts import clerk_names, open_shift

    context, store = open_all(args)
    money = money_format(context.config.terminal.language)
    try:
        float_cents = parse_amount(args.float_amount, money)
        clerk = _signed_in(store, args.clerk)
        shift = open_shift(store.session_factory, clerk.id, float_cents, actor=clerk.name)
        data = _shift_data(shift, clerk_names(store.read_session_factory))
    finally:
        store.close()
    emit(args, data, f"shift {shift.id} open: {clerk.name}, float {money.format(float_cents)}")
    return 0


def run_status(args: argparse.Namespace) -> int:
    from boxoffice.services.shifts import clerk_names, current_shift, shift_preview

    context, store = open_all(args)
    money = money_format(context.config.terminal.language)
    try:
        shift = current_shift(store.read_session_factory)
        if shift is None:
            emit(args, {"open": False}, "no shift open: sales, voids and returns are refused until one is opened "
                                        "(boxoffice shift open --float AMOUNT --clerk NAME)")
            return 0
        names = clerk_names(store.read_session_factory)
        report = shift_preview(store.read_session_factory, shift.id)
    finally:
        store.close()
    data = {"open": True, **_shift_data(shift, names), "sales": report["sales"], "voids": report["voids"],
            "expected_cash_cents": report["cash"]["expected_cents"], "card_cents": report["card"]["total_cents"]}
    emit(args, data, f"shift {shift.id} open since {shift.opened_at:%Y-%m-%d %H:%M} UTC by {data['clerk']}; "
         f"float {money.format(shift.float_cents)}; {report['sales']['count']} sale(s), "
         f"{money.format(report['sales']['total_cents'])}; cash expected {money.format(data['expected_cash_cents'])}")
    return 0


def run_close(args: argparse.Namespace) -> int:
    from boxoffice.services.shifts import NoOpenShift, close_shift, current_shift

    context, store = open_all(args)
    money = money_format(context.config.terminal.language)
    try:
        counted = parse_amount(args.counted, money)
        shift = current_shift(store.read_session_factory)
        if shift is None:
            raise NoOpenShift("no shift is open on this terminal")
        clerk = _signed_in(store, args.clerk)
        closed = close_shift(store.session_factory, shift.id, counted, clerk.name)
    finally:
        store.close()
    report = closed.report or {}
    cash = report.get("cash", {})
    emit(args, {"shift_id": closed.id, "report": report},
         f"shift {closed.id} closed by {clerk.name}: cash expected {money.format(cash.get('expected_cents', 0))}, "
         f"counted {money.format(counted)}, difference {money.format(cash.get('difference_cents') or 0)}")
    return 0
