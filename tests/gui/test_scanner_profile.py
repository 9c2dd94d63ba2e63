"""The scan rules alone (no Qt): prefix, suffix, length, the timing profile, and a focused text field."""

from __future__ import annotations

import pytest

from boxoffice.core import codes
from boxoffice.ui.scan_rules import ScanRules

PURCHASE = "BE4WHLHGVB1ZG"
TICKET = codes.ticket_barcode(PURCHASE, 2)


def times(gaps: list[float], start: float = 0.0) -> list[float]:
    out = [start]
    for gap in gaps:
        out.append(out[-1] + gap)
    return out


EVEN = times([8, 9, 8, 7, 8, 8, 8, 9, 8, 8, 8, 8, 8, 8, 8, 8, 8])
PERSON = times([18, 39, 25, 36, 21, 33, 28, 37, 19, 33, 24, 38, 22, 35, 26, 31, 20])


def takes_anything(_text: str) -> bool:
    return True


def test_a_machines_burst_with_its_suffix_is_a_scan() -> None:
    rules = ScanRules()
    assert rules.scan_code("0004455667", EVEN[:10], suffixed=True) == "0004455667"
    assert rules.scan_code("0004455667", EVEN[:10], suffixed=False) is None  # Enter is the default suffix
    assert ScanRules(suffix="none").scan_code("0004455667", EVEN[:10], suffixed=False) == "0004455667"


def test_short_bursts_are_never_scans() -> None:
    assert ScanRules().scan_code("12345", EVEN[:5], suffixed=True) is None
    assert ScanRules(min_length=4).scan_code("1234", EVEN[:4], suffixed=True) == "1234"


def test_uneven_gaps_are_a_person_even_when_every_gap_is_short() -> None:
    rules = ScanRules()
    assert rules.scan_code("0004455667", PERSON[:10], suffixed=True) is None
    assert not rules.may_become_scan("0004", PERSON[:4])
    assert rules.may_become_scan("0004", EVEN[:4])


def test_a_gap_longer_than_the_interval_is_a_person() -> None:
    assert not ScanRules(max_key_interval_ms=40).even(times([8, 8, 41, 8]))


def test_keys_that_queued_together_say_nothing_about_the_rhythm() -> None:
    """A busy GUI thread delivers a scanner's keys in clumps (gaps near 0); the real gaps are still even."""
    rules = ScanRules()
    assert rules.even(times([16, 0, 0.5, 0, 16, 17, 0, 16]))
    assert rules.even(times([0, 0, 0, 0, 0]))
    assert not rules.even(times([5, 0, 30, 0, 6]))


def test_in_a_text_field_only_a_valid_code_is_a_scan() -> None:
    rules = ScanRules()
    assert rules.scan_code(TICKET, EVEN[:18], suffixed=True, accepts=takes_anything) == TICKET
    assert rules.scan_code(PURCHASE, EVEN[:13], suffixed=True, accepts=takes_anything) == PURCHASE
    assert rules.scan_code("482913", EVEN[:6], suffixed=True, accepts=takes_anything) is None
    misread = TICKET[:5] + ("A" if TICKET[5] != "A" else "B") + TICKET[6:]
    assert rules.scan_code(misread, EVEN[:18], suffixed=True, accepts=takes_anything) is None
    # a field that would refuse the text (a PIN field and a long badge) is not in the way
    assert rules.scan_code("0004455667", EVEN[:10], suffixed=True, accepts=lambda text: len(text) <= 8) \
        == "0004455667"
    # a field made for scans (a badge field) takes any scan
    assert rules.scan_code("SUP-0001", EVEN[:8], suffixed=True, accepts=takes_anything, scan_field=True) \
        == "SUP-0001"


def test_in_a_text_field_keys_no_code_has_end_the_wait_at_once() -> None:
    rules = ScanRules()
    assert rules.may_become_scan("482913", EVEN[:6], accepts=takes_anything)
    assert not rules.may_become_scan("4829 ", EVEN[:5], accepts=takes_anything)
    assert not rules.may_become_scan(TICKET + "1", [*EVEN[:18], EVEN[17] + 16], accepts=takes_anything)
    assert rules.may_become_scan("4829 ", EVEN[:5])  # no text field: a badge may have a space


def test_a_prefix_is_required_dropped_and_decisive() -> None:
    rules = ScanRules(prefix="]C")
    assert rules.scan_code("]CCARD-99881", EVEN[:12], suffixed=True, accepts=takes_anything) == "CARD-99881"
    assert rules.scan_code("CARD-99881", EVEN[:10], suffixed=True) is None
    assert rules.scan_code("]C12345", EVEN[:7], suffixed=True) is None  # the code itself is too short
    assert rules.may_become_scan("]", EVEN[:1], accepts=takes_anything)
    assert not rules.may_become_scan("C", EVEN[:1])


@pytest.mark.parametrize("bad", [{"suffix": "space"}, {"max_key_interval_ms": 0}, {"min_length": 1},
                                 {"max_jitter_ms": -1}])
def test_bad_rules_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        ScanRules(**bad)
