"""`boxoffice codes new|check` through the real entry point."""

from __future__ import annotations

import re

from boxoffice.core.codes import item_code, parse_code, ticket_barcode
from tests.helpers.cli import run_boxoffice


def test_new_prints_valid_unique_codes_one_per_line() -> None:
    result = run_boxoffice(["codes", "new", "--count", "25"])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 25 and len(set(lines)) == 25
    for line in lines:
        assert re.fullmatch(r"[0-9A-Z]{13}", line)
        assert parse_code(line).kind == "purchase"


def test_check_says_what_each_code_is() -> None:
    purchase = "GJXS0LM6RYG3R"
    expectations = {
        purchase: f"valid purchase {purchase}",
        item_code(purchase, 7): f"valid item 7 of purchase {purchase}",
        ticket_barcode(purchase, 2): f"valid ticket 2 of purchase {purchase}",
    }
    for code, said in expectations.items():
        result = run_boxoffice(["codes", "check", code])
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == said


def test_check_invalid_exits_1_with_the_reason() -> None:
    result = run_boxoffice(["codes", "check", "GJXS0LM6RYG3RL8W03"])
    assert result.returncode == 1
    assert "check character mismatch" in result.stderr
    result = run_boxoffice(["codes", "check", "HELLO"])
    assert result.returncode == 1
    assert "has 5" in result.stderr


def test_bad_count_is_a_usage_error() -> None:
    result = run_boxoffice(["codes", "new", "--count", "zero"])
    assert result.returncode == 2
    assert "not a whole number" in result.stderr
