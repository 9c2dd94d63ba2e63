"""How a seat is named for a person: zone, row and seat number, never the platform's seat code.

The platform names seats with codes such as ``GEN101`` (zone prefix and a number) or ``GEN3-12`` (zone, row,
seat); a customer looks for "Fila D, Butaca 101". :func:`seat_number` takes the number out of such a code and
:func:`place_parts` gives the pieces each screen and printout puts into its own words. No Qt, no language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: ``GEN101``: letters, then the seat number.
_PREFIXED = re.compile(r"[A-Za-z]+(\d+)")
#: ``GEN3-12``, ``A-12``, ``PRE_4``: a code, a separator, then the seat number.
_SEPARATED = re.compile(r"[A-Za-z0-9]*[-_./](\d+)")


def seat_number(seat_id: str) -> str:
    """The number a person reads on the seat: ``"GEN101"`` -> ``"101"``, ``"GEN3-12"`` -> ``"12"``.

    Anything that is not a code followed by a number (``"12B"``, ``"Palco 3"``) is already what the seat says
    and is kept as given; leading zeros go (``"G01"`` -> ``"1"``), as on the seat itself.
    """
    value = seat_id.strip()
    match = _PREFIXED.fullmatch(value) or _SEPARATED.fullmatch(value)
    if match is None:
        return value
    return str(int(match.group(1)))


@dataclass(frozen=True)
class Place:
    """Where a ticket sits, in the pieces a person reads; ``seat`` None is general admission."""

    zone: str
    row: str | None
    seat: str | None

    @property
    def general_admission(self) -> bool:
        return self.seat is None


def place_of(zone: str, row: str | None, seat_id: str | None) -> Place:
    """The place of a ticket from the store's zone, row and seat code."""
    row = (row or "").strip() or None
    seat = seat_number(seat_id) if seat_id and seat_id.strip() else None
    return Place(zone.strip(), row, seat)


def place_parts(place: Place, words: dict[str, str], with_zone: bool = True) -> list[str]:
    """``["Preferente", "Fila A", "Butaca 6"]`` with ``words`` giving "row", "seat" and "general" in the
    reader's language; a general admission ticket is ``["General", "<general>"]`` (the zone, then the word)."""
    parts = [place.zone] if with_zone and place.zone else []
    if place.general_admission:
        if words["general"].casefold() != place.zone.casefold() or not parts:  # not "General · General"
            parts.append(words["general"])
        return parts
    if place.row:
        parts.append(f"{words['row']} {place.row}")
    parts.append(f"{words['seat']} {place.seat}")
    return parts
