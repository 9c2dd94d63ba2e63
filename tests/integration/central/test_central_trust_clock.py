"""Issue #12 (Low): a ``createdAt`` far in the future or implausibly old is stored but flagged, so a supervisor
sees a terminal with a wrong clock (SQLite and PostgreSQL, real HTTP)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.integration.central.conftest import NORTE, Api, pos_transaction, sale_entry
from tests.integration.central.trust_helpers import SYNC, general_product

DAY = 86_400


def _stamp(offset: timedelta) -> str:
    return (datetime.now(UTC) + offset).isoformat().replace("+00:00", "Z")


def _kinds(inconsistencies: list[str]) -> list[str]:
    return [text.split(":")[0] for text in inconsistencies]


@pytest.mark.parametrize(("offset", "words"), [(timedelta(days=3), "ahead of the platform's clock"),
                                               (timedelta(days=-90), "more than 30 days"),
                                               (timedelta(days=-2), "before the event existed")])
def test_pos_transaction_with_a_far_off_clock_is_stored_and_flagged(any_api: Api, offset: timedelta,
                                                                    words: str) -> None:
    api = any_api
    body = pos_transaction(api.central.event_id, general_product(api), api.ids("GEN190"))
    body["createdAt"] = _stamp(offset)
    response = api.post("/ticket/transaction", body, who=NORTE)
    assert response.status_code == 200 and response.json()["message"] == "Transacción registrada"
    data = response.json()["data"]
    assert _kinds(data["inconsistencies"]) == ["clock_skew"] and words in data["inconsistencies"][0]
    # the sign and size of the skew, with an hour's slack for a slow test machine
    assert abs(data["clock_skew_seconds"] - offset.total_seconds()) < 3600
    assert api.event_view()["GEN190"]["status_real"] is False  # stored and sold all the same


def test_a_right_clock_is_not_flagged(any_api: Api) -> None:
    api = any_api
    body = pos_transaction(api.central.event_id, general_product(api), api.ids("GEN191"))
    data = api.post("/ticket/transaction", body, who=NORTE).json()["data"]
    assert data["inconsistencies"] == [] and abs(data["clock_skew_seconds"]) < 3600


def test_synchronised_sale_from_a_terminal_clock_years_ahead_is_flagged_in_its_result(any_api: Api) -> None:
    api = any_api
    entry: dict[str, Any] = sale_entry(api.central.event_id, NORTE, api.ids("GEN192"), pos_product=general_product(api))
    entry["pos_transaction"]["createdAt"] = _stamp(timedelta(days=730))
    [result] = api.call(SYNC, {"ticket_sold": [entry]}, who=NORTE).json()["data"]["results"]
    assert result["error"] is None and result["tickets"][0]["taken"] is True
    assert _kinds(result["inconsistencies"]) == ["clock_skew"]
    assert result["clock_skew_seconds"] > 700 * DAY
