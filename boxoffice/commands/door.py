"""Headless door commands: ``boxoffice door check CODE`` and ``boxoffice door sync``.

A door terminal checks tickets offline from the central's door snapshot (``boxoffice/services/checkin.py``) at
its scan point (``[door] scan_point``, or ``--scan-point``), and ``door sync`` sends the entries it admitted
(each once) and refreshes the snapshot. ``check`` exits 0 for green, 1 for red (the reason on stdout).
"""

from __future__ import annotations

import argparse

from boxoffice.commands._common import add_json, emit, open_all
from boxoffice.core.errors import BoxOfficeError


def add_parser(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    door = sub.add_parser("door", parents=[common], help="check tickets at the door; sync the door snapshot")
    door_sub = door.add_subparsers(dest="door_command", required=True, metavar="{check,sync}")
    check = door_sub.add_parser("check", parents=[common], help="check one ticket code (exit 0 green, 1 red)")
    check.add_argument("code")
    check.add_argument("--event", help="the event at this door (default: the only event this terminal holds)")
    check.add_argument("--scan-point", help="this door's scan point (default: [door] scan_point)")
    add_json(check)
    check.set_defaults(func=run_check)
    sync = door_sub.add_parser("sync", parents=[common],
                               help="send the entries admitted here and refresh the event's door snapshot")
    sync.add_argument("--event", help="the event (default: the only event this terminal holds)")
    add_json(sync)
    sync.set_defaults(func=run_sync)


def _event(args: argparse.Namespace, session_factory) -> str:
    if args.event:
        return str(args.event)
    from sqlalchemy import select

    from boxoffice.services.door_snapshot import snapshot_events
    from boxoffice.store.models import Event

    with session_factory() as session:
        held = set(session.scalars(select(Event.id)))
    held.update(snapshot_events(session_factory))
    if len(held) != 1:
        raise BoxOfficeError(f"this terminal holds {len(held)} events; name one with --event ID",
                             code="door_event_needed", params={"count": len(held)})
    return held.pop()


def run_check(args: argparse.Namespace) -> int:
    from boxoffice.services.checkin import check_ticket

    context, store = open_all(args)
    try:
        event_id = _event(args, store.session_factory)
        scan_point = args.scan_point if args.scan_point is not None else context.config.door.scan_point
        result = check_ticket(store.session_factory, args.code, event_id, actor="door-cli",
                              scan_point=scan_point or None)
    finally:
        store.close()
    when = result.entered_at.isoformat() if result.entered_at else None
    data = {"green": result.green, "reason": result.reason, "message": result.message,
            "barcode": result.barcode, "event_id": event_id, "scan_point": scan_point or None,
            "entered_at": when, "entered_door": result.entered_door, "scans_left": result.scans_left,
            "product": result.product, "holder": result.holder}
    text = f"{'GREEN' if result.green else 'RED'} {result.reason}: {result.message}"
    if not result.green and result.entered_at is not None:
        text += f" (last entry {result.entered_at:%H:%M} UTC" + (
            f" at {result.entered_door})" if result.entered_door else ")")
    emit(args, data, text)
    return 0 if result.green else 1


def run_sync(args: argparse.Namespace) -> int:
    from boxoffice.app import make_client
    from boxoffice.door_sync import sync_door

    context, store = open_all(args)
    try:
        event_id = _event(args, store.session_factory)
        client = make_client(context)
        try:
            report = sync_door(client, store.session_factory, event_id)
        finally:
            client.close()
    finally:
        store.close()
    emit(args, {"event_id": event_id, "sent": report.sent, "waiting": report.waiting,
                "flagged": list(report.flagged), "tickets": report.snapshot.tickets,
                "scans_elsewhere": report.snapshot.scans_elsewhere},
         f"{event_id}: {report.sent} entries sent, {report.waiting} waiting; snapshot of "
         f"{report.snapshot.tickets} tickets, {report.snapshot.scans_elsewhere} entries at other doors")
    return 0
