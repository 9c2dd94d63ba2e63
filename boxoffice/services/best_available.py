"""Best available seats: a party of N sits together in one row, best rows first, in natural order.

Rows and seats sort the way people read them (R2 before R10, seat 9 before 10), which plain text order gets
wrong. Computing that order on every sale would sort the whole zone (100,000 seats in a stadium), so the pull
stores it on each ticket as two integers, ``row_rank`` and ``seat_rank`` (see :func:`rank_seats`), and the
index ``ix_tickets_best_available`` (event, zone, state, row_rank, seat_rank) hands the available seats of a
zone over already in that order. A pick reads seats from the front until it has N side by side and stops: its
cost depends on how fragmented the best rows are, not on the size of the event.

Adjacent means consecutive ``seat_rank`` in one row (zone + row label) among available seats. ``seat_rank`` is
the seat's position in natural order among the row's seats held by this office in any state, so a sold,
returning or withdrawn seat between two free ones breaks the run. The terminal knows only the seats assigned
to its office: a seat of the row held by another office is invisible and cannot break a run.

Only when no row has N together does the caller get :class:`NoSeatsTogether`; the clerk may then accept split
seats (``allow_split=True``): the first N available seats in the same order.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Set
from itertools import count, repeat
from typing import NamedTuple

from sqlalchemy.orm import Session

from boxoffice.core.errors import SeatNotAvailable
from boxoffice.services import sale_rows
from boxoffice.services.sale_rows import TicketRow

_DIGITS = re.compile(r"(\d+)")
#: Rows fetched from the index per step: most picks end in the first batch.
_BATCH = 64

NaturalKey = tuple[str | int, ...]


def natural_key(label: str | None) -> NaturalKey:
    """Sort key reading digit runs as numbers: ``R2`` < ``R10``, ``9`` < ``10``; case-insensitive.

    ``re.split`` with a group alternates text and digits, starting with text, so two keys always compare
    text with text and numbers with numbers.
    """
    parts: list[str | int] = list(_DIGITS.split((label or "").strip().casefold()))
    parts[1::2] = map(int, parts[1::2])  # type: ignore[arg-type]  # the odd places are the digit runs
    return tuple(parts)


class SeatLabel(NamedTuple):
    """What ranking needs of one ticket: its key (id, or anything hashable), zone, row and seat labels. Any
    tuple of these four in this order will do: a pull ranks 100,000 of them, and makes plain tuples."""

    key: object
    zone: str
    row: str | None
    seat_id: str


def rank_seats(seats: Iterable[tuple[object, str, str | None, str]]) -> dict[object, tuple[int, int]]:
    """``key -> (row_rank, seat_rank)`` for every seat of one event (:class:`SeatLabel` s), both from 1.

    ``row_rank`` is the row label's place in natural order among the event's row labels (no row sorts first);
    ``seat_rank`` the seat's place in natural order within its zone and row, ties broken by key so ranks are
    distinct. Rank all the event's tickets together: a rank depends on its neighbours.
    """
    by_row: dict[tuple[str, str | None], list[tuple[object, str, str | None, str]]] = {}
    for seat in seats:
        members = by_row.get((seat[1], seat[2]))
        if members is None:
            members = by_row[seat[1], seat[2]] = []
        members.append(seat)
    labels = sorted({row for _, row in by_row}, key=lambda row: (row is not None, natural_key(row), row or ""))
    row_ranks = {row: rank for rank, row in enumerate(labels, start=1)}
    ranks: dict[object, tuple[int, int]] = {}
    for (_, row), members in by_row.items():
        ranks.update(zip(_in_natural_order(members), zip(repeat(row_ranks[row]), count(1)), strict=False))
    return ranks


def _in_natural_order(members: list[tuple[object, str, str | None, str]]) -> list[object]:
    """One row's seat keys in the order of (natural_key(seat_id), seat_id, str(key)).

    Most rows label their seats as one prefix and a number (``TRI1-1`` … ``TRI1-200``): then the natural order
    is the number's, read with one ``int`` per seat instead of a regular-expression split (a pull ranks
    100,000 seats), and when no two seats share a number it is the numbers' order alone. The prefix is cut
    before its trailing digits, so ``TRI1-1`` and ``TRI1-10`` compare 1 with 10. Any other row takes the general
    key.
    """
    labels = [seat[3] for seat in members]
    prefix = os.path.commonprefix(labels)  # noqa: RUF071  (labels, not paths: character by character)
    while prefix and prefix[-1].isdecimal():  # any decimal digit, as the general key reads them
        prefix = prefix[:-1]
    tails = [label[len(prefix):] for label in labels]  # the shared prefix compares equal in the general key
    if all(tail.isdecimal() for tail in tails):
        numbers = [int(tail) for tail in tails]
        if len(set(numbers)) == len(numbers):  # distinct: the rest of the key never decides
            order = sorted(range(len(members)), key=numbers.__getitem__)
        else:
            order = sorted(range(len(members)), key=lambda i: (numbers[i], labels[i], str(members[i][0])))
        return [members[i][0] for i in order]
    return [seat[0] for seat in sorted(members, key=lambda s: (natural_key(s[3]), s[3], str(s[0])))]


class NoSeatsTogether(SeatNotAvailable):
    """Enough seats are free in the zone, but no row has ``count`` of them side by side.

    The clerk may accept split seats: sell again with ``allow_split=True``. ``params`` carries ``count`` and
    ``zone`` for the window's translated text.
    """

    code = "no_seats_together"

    def __init__(self, count: int, zone: str) -> None:
        super().__init__(f"no {count} seats together in {zone}", [], params={"count": count, "zone": zone})
        self.count, self.zone = count, zone


#: Available seats of a zone in best-first order, read from the covering index ``ix_tickets_best_available``
#: (no sort, no table look-up). Plain SQL on the session's connection: a sale runs it on every zone line.
SCAN_SQL = ("SELECT rowid, row_rank, seat_rank FROM tickets WHERE event_id = ? AND zone = ? AND state = 'available' "
            "ORDER BY row_rank, seat_rank")
#: The same scan within this window's lease from the office hub (issue #18: the hub cannot be reached).
SCAN_LEASED_SQL = ("SELECT t.rowid, t.row_rank, t.seat_rank FROM tickets t JOIN window_leases l ON l.ticket_id = t.id "
                   "AND l.recalled = 0 WHERE t.event_id = ? AND t.zone = ? AND t.state = 'available' "
                   "ORDER BY t.row_rank, t.seat_rank")


def pick(session: Session, event_id: str, zone: str, count: int, *, exclude: Set[str] = frozenset(),
         allow_split: bool = False, leased_only: bool = False) -> list[TicketRow]:
    """``count`` available tickets of ``zone``, side by side in the best row that has them (``leased_only``:
    among this window's lease only).

    ``exclude``: ticket ids already taken by this sale's other lines. Raises :class:`NoSeatsTogether` when no
    row has ``count`` together (unless ``allow_split``) and :class:`SeatNotAvailable` when the zone has fewer
    than ``count`` free seats at all. Reads only; the caller takes the seats in its transaction.
    """
    db = sale_rows.db(session)
    skip = sale_rows.rowids_of(db, exclude) if exclude else set()
    first: list[int] = []  # the first ``count`` free seats in order: the split answer
    run: list[int] = []
    last: tuple[int, int] | None = None
    seen = 0
    result = db.execute(SCAN_LEASED_SQL if leased_only else SCAN_SQL, (event_id, zone))
    try:
        while batch := result.fetchmany(_BATCH):
            for rowid, row_rank, seat_rank in batch:
                if rowid in skip:
                    continue
                seen += 1
                if len(first) < count:
                    first.append(rowid)
                if last is not None and last == (row_rank, seat_rank - 1):
                    run.append(rowid)
                else:
                    run = [rowid]
                last = (row_rank, seat_rank)
                if len(run) == count:  # together in a worse row beats split in a better one
                    return sale_rows.tickets_by_rowid(db, run)
    finally:
        result.close()
    if seen < count and leased_only:
        raise SeatNotAvailable(f"the office hub cannot be reached: this window has {seen} seats of its own left in "
                               f"{zone}, {count} needed", [], code="lease_seats_left",
                               params={"left": seen, "needed": count, "zone": zone})
    if seen < count:
        raise SeatNotAvailable(f"only {seen} seats left in {zone}, {count} needed", [], code="seats_left",
                               params={"left": seen, "needed": count, "zone": zone})
    if not allow_split:
        raise NoSeatsTogether(count, zone)
    return sale_rows.tickets_by_rowid(db, first)
