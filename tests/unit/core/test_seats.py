"""Seats as a person reads them: the number out of the platform's seat code, zone and row in words."""

from __future__ import annotations

import pytest

from boxoffice.core.printout import PassShare
from boxoffice.core.seats import Place, place_of, place_parts, seat_number

ES = {"general": "General", "row": "Fila", "seat": "Butaca"}


@pytest.mark.parametrize(("code", "number"), [
    ("GEN101", "101"), ("PRE6", "6"), ("G01", "1"), ("GEN3-12", "12"), ("A-7", "7"), ("VIP_4", "4"),
    ("12", "12"), ("12B", "12B"), ("Palco 3", "Palco 3"), (" PRE20 ", "20"),
])
def test_seat_number_is_the_number_on_the_seat(code: str, number: str) -> None:
    assert seat_number(code) == number


def test_place_parts_name_zone_row_and_seat_never_the_code() -> None:
    place = place_of("Preferente", "A", "PRE6")
    assert place == Place("Preferente", "A", "6")
    assert " · ".join(place_parts(place, ES)) == "Preferente · Fila A · Butaca 6"
    assert place_parts(place, ES, with_zone=False) == ["Fila A", "Butaca 6"]
    assert place_parts(place_of("General", "", "GEN101"), ES) == ["General", "Butaca 101"]  # no row: no "Fila"


def test_general_admission_says_so_once() -> None:
    assert place_parts(place_of("General", None, None), ES) == ["General"]  # not "General · General"
    assert place_parts(place_of("Pista", None, ""), ES) == ["Pista", "General"]
    assert place_parts(place_of("Pista", None, None), ES, with_zone=False) == ["General"]


def test_a_pass_share_is_one_of_its_tickets() -> None:
    assert PassShare("Pase Familiar", 8000, 5, 5).of == 5
    with pytest.raises(ValueError):
        PassShare("Pase Familiar", 8000, 6, 5)
