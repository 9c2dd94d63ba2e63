"""Small helpers shared by the ``test_central_trust_*`` files (issue #12: the central's synchronisation rules)."""

from __future__ import annotations

from typing import Any

from tests.integration.central.conftest import Api

SYNC = "offline_office_tickets_synchronization"
CONFLICTS = "offline_office_sync_conflicts"


def general_product(api: Api) -> int:
    """The id of the demo event's General ticket type (a pos_transaction's product)."""
    return next(int(t["id"]) for t in api.ticket_types() if t["zone"] == "General")


def sync(api: Api, office: str, *entries: dict[str, Any]) -> list[dict[str, Any]]:
    """Synchronise ``entries`` with ``office``'s token; the per-entry results (the request itself must succeed)."""
    response = api.call(SYNC, {"ticket_sold": list(entries)}, who=office)
    assert response.status_code == 200, response.text
    assert response.json()["message"] == "Sincronizado"
    return list(response.json()["data"]["results"])
