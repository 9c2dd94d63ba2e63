"""A batch stops before the sale that would take it past MAX_BATCH_TICKETS tickets, but never comes out empty:
a catch-up of big group sales is sent in requests the platform accepts instead of refused and split."""

from __future__ import annotations

import pytest

from boxoffice.services import delivery
from boxoffice.store.engine import Store
from tests.integration.sync.sync_helpers import Clerk


def test_the_batch_is_cut_at_the_ticket_cap(store: Store, clerk: Clerk, monkeypatch: pytest.MonkeyPatch) -> None:
    codes = [clerk.sell_zone("General", 2).purchase_code for _ in range(3)]
    monkeypatch.setattr(delivery, "MAX_BATCH_TICKETS", 5)
    assert [item["subject"] for item in delivery.next_batch(store.read_session_factory, 10)] == codes[:2]
    monkeypatch.setattr(delivery, "MAX_BATCH_TICKETS", 6)
    assert [item["subject"] for item in delivery.next_batch(store.read_session_factory, 10)] == codes


def test_a_sale_bigger_than_the_cap_goes_alone(store: Store, clerk: Clerk, monkeypatch: pytest.MonkeyPatch) -> None:
    codes = [clerk.sell_zone("General", 3).purchase_code, clerk.sell_zone("General", 1).purchase_code]
    monkeypatch.setattr(delivery, "MAX_BATCH_TICKETS", 2)
    assert [item["subject"] for item in delivery.next_batch(store.read_session_factory, 10)] == codes[:1]
