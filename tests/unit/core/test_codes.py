"""Satellite Tag codes: shape, uniqueness across terminals, and error detection."""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor

import pytest

from boxoffice.core import codes
from boxoffice.core.codes import ALPHABET, item_code, new_purchase_code, parse_code, ticket_barcode
from boxoffice.core.errors import InvalidCode


def _terminal(count: int) -> list[str]:
    """One simulated terminal: its own process, no coordination with the others."""
    return [new_purchase_code() for _ in range(count)]


def test_no_collision_among_a_million_codes_from_50_terminals() -> None:
    terminals, per_terminal = 50, 20_000
    with ProcessPoolExecutor(max_workers=2) as pool:
        batches = list(pool.map(_terminal, [per_terminal] * terminals))
    all_codes = [code for batch in batches for code in batch]
    assert len(all_codes) == 1_000_000
    assert len(set(all_codes)) == len(all_codes)
    # spot-check that each terminal's codes are valid purchase codes
    for batch in batches:
        assert parse_code(batch[0]).kind == "purchase"


def test_purchase_code_shape_matches_spec_example() -> None:
    code = new_purchase_code()
    assert re.fullmatch(r"[0-9A-Z]{13}", code)
    assert parse_code(code) == codes.ParsedCode("purchase", code)


def _sample(n: int) -> list[str]:
    return [new_purchase_code() for _ in range(n)]


def _substitutions(code: str):
    for i, original in enumerate(code):
        for ch in ALPHABET:
            if ch != original:
                yield code[:i] + ch + code[i + 1:]


def _transpositions(code: str):
    for i in range(len(code) - 1):
        if code[i] != code[i + 1]:
            yield code[:i] + code[i + 1] + code[i] + code[i + 2:]


@pytest.mark.parametrize("kind", ["purchase", "ticket"])
def test_every_single_substitution_and_adjacent_swap_is_rejected(kind: str) -> None:
    checked = 0
    for purchase in _sample(150):
        code = purchase if kind == "purchase" else ticket_barcode(purchase, 1 + checked % 40)
        for wrong in [*_substitutions(code), *_transpositions(code)]:
            with pytest.raises(InvalidCode):
                parse_code(wrong)
            checked += 1
    assert checked > 150 * 35 * 13


def test_item_codes_follow_the_spec_convention() -> None:
    purchase = new_purchase_code()
    assert item_code(purchase, 0) == purchase + "0000"
    assert item_code(purchase, 9999) == purchase + "9999"
    assert parse_code(item_code(purchase, 42)).describe() == f"item 42 of purchase {purchase}"
    with pytest.raises(InvalidCode):
        item_code(purchase, 10_000)
    with pytest.raises(InvalidCode, match="not a purchase code"):
        item_code(item_code(purchase, 1), 1)


def test_ticket_barcodes_are_derived_from_the_purchase_code() -> None:
    purchase = new_purchase_code()
    barcodes = [ticket_barcode(purchase, n) for n in range(1, 301)]
    assert len(set(barcodes)) == 300
    for n, barcode in enumerate(barcodes, start=1):
        assert re.fullmatch(r"[0-9A-Z]{18}", barcode)
        assert barcode.startswith(purchase)
        assert ticket_barcode(purchase, n) == barcode  # deterministic: verifiable offline
        assert parse_code(barcode) == codes.ParsedCode("ticket", purchase, n)
    assert barcodes[0].endswith("01") and barcodes[8].endswith("09")  # like the spec's ...XJX01


def test_a_valid_looking_barcode_not_issued_for_the_purchase_is_rejected() -> None:
    purchase = new_purchase_code()
    real = ticket_barcode(purchase, 5)
    # change the two tag characters and re-solve the check character: passes the sum, not the derivation
    for tag in ("00", "ZZ", "AB"):
        forged = codes._with_check(purchase + tag + "0" + real[-2:], codes._TICKET_CHECK_POS)
        if forged and forged != real:
            with pytest.raises(InvalidCode, match="not a barcode issued"):
                parse_code(forged)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("ABC", "has 3"),
        ("GJXS0LM6RYG3-", "outside 0-9 and A-Z"),
        ("ñ" * 13, "outside 0-9 and A-Z"),
    ],
)
def test_malformed_codes_say_why(text: str, reason: str) -> None:
    with pytest.raises(InvalidCode, match=reason):
        parse_code(text)


def test_lowercase_and_spaces_from_a_scanner_are_accepted() -> None:
    code = new_purchase_code()
    assert parse_code(f"  {code.lower()}\n").purchase == code
