from __future__ import annotations

from datetime import datetime

import pytest

from tests.unit.printing.printing_helpers import receipt, ticket


def test_ticket_is_frozen_and_general_admission_when_no_seat() -> None:
    seated = ticket()
    general = ticket(row=None, seat=None)
    assert not seated.general_admission and general.general_admission
    with pytest.raises(AttributeError):
        seated.seat = "13"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"zone_colour": "red"}, ValueError),
        ({"event_start": datetime(2026, 12, 5, 20, 30)}, ValueError),
        ({"barcode": ""}, ValueError),
        ({"barcode": "ÑANDÚ"}, ValueError),
        ({"price_cents": 25.0}, TypeError),
        ({"price_cents": True}, TypeError),
    ],
)
def test_ticket_refuses_what_cannot_be_printed(changes: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        ticket(**changes)


def test_receipt_sums_payments_and_change_and_needs_aware_date() -> None:
    printed = receipt()
    assert printed.paid_cents == 6000
    assert printed.change_cents == 375
    with pytest.raises(ValueError):
        receipt(date=datetime(2026, 11, 23, 17, 5))
