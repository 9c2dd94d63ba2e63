from __future__ import annotations

import pytest

from boxoffice.printing.barcodes import (
    CODE128_QUIET,
    code128_modules,
    code128_width,
    qr_matrix,
)

BARCODE = "K7M2QX9P4R1TZ0001A"


def test_code128_pattern_has_start_and_stop_and_eleven_modules_per_symbol() -> None:
    pattern = code128_modules(BARCODE)
    assert set(pattern) == {"0", "1"}
    assert pattern.endswith("1100011101011")  # stop pattern, 13 modules
    assert (len(pattern) - 13) % 11 == 0
    assert code128_width(BARCODE, 3) == (len(pattern) + 2 * CODE128_QUIET) * 3


def test_code128_refuses_non_ascii() -> None:
    with pytest.raises(ValueError):
        code128_modules("Año")


def test_qr_matrix_is_square() -> None:
    matrix = qr_matrix(BARCODE)
    assert len(matrix) >= 21 and all(len(row) == len(matrix) for row in matrix)
