"""Who may call what: 401 without a valid token, 403 outside the token's scope, admin everywhere."""

from __future__ import annotations

from typing import Any

from tests.integration.central.conftest import NORTE, SUR, Api, pos_transaction, sale_entry

ADMIN_ONLY = ("offline_office_tickets", "offline_tickets_list_event_sales", "tickets_list_event_virtual",
              "tickets_list_event_sales_virtual", "tickets_lock_virtual", "tickets_unlock_param_virtual")
OFFICE_SCOPED = ("offline_office_tickets_list_sales", "offline_office_tickets_synchronization",
                 "offline_office_tickets_unassign")


def _body(api: Api, function: str, office: str = NORTE) -> dict[str, Any]:
    event = api.central.event_id
    own = api.ids("GEN140" if office == NORTE else "GEN300")
    returned = api.ids("GEN141" if office == NORTE else "GEN301")
    free, lockable = api.ids("GEN40"), api.ids("GEN41")
    data: dict[str, Any] = {
        "offline_office_tickets": {"tickets_offline": free, "office_id": office, "event_id": event},
        "offline_office_tickets_list_sales": {"event_id": event, "office_id": office},
        "offline_office_tickets_synchronization": {"ticket_sold": [sale_entry(event, office, own)]},
        "offline_office_tickets_unassign": {"tickets_offline": returned, "office_id": office, "event_id": event},
        "offline_tickets_list_event_sales": {"event_id": event},
        "tickets_list_event_virtual": {"event_id": event},
        "tickets_list_event_sales_virtual": {"event_id": event},
        "tickets_lock_virtual": {"tickets": lockable, "reserved_time": 60},
        "tickets_unlock_param_virtual": {"tickets": lockable},
    }
    return {"data": data[function]}


def test_no_or_bad_token_is_401_everywhere(api: Api) -> None:
    body = {"data": {}}
    for function in (*ADMIN_ONLY, *OFFICE_SCOPED, "ticket/transaction"):
        for who in (None, "not-a-token"):
            response = api.post(f"/{function}", body, who=who)
            assert response.status_code == 401, (function, who, response.text)
            assert response.json()["status"] == 401 and response.json()["data"]["valido"] is False
            assert response.headers["WWW-Authenticate"] == "Bearer"
        basic = api.http.post(f"/{function}", json=body, headers={"Authorization": "Basic dXNlcjpwYXNz"})
        assert basic.status_code == 401


def test_office_token_on_an_admin_function_is_403(api: Api) -> None:
    before = api.event_view()
    for function in ADMIN_ONLY:
        response = api.post(f"/{function}", _body(api, function), who=NORTE)
        assert response.status_code == 403, function
        assert "admin" in response.json()["message"] and response.json()["data"]["valido"] is False
    assert api.event_view() == before


def test_office_scope_matrix(api: Api) -> None:
    """Own office: allowed; the other office's office_id: 403; the admin: allowed."""
    for function in OFFICE_SCOPED:
        denied = api.post(f"/{function}", _body(api, function, office=SUR), who=NORTE)
        assert denied.status_code == 403, (function, denied.text)
        assert "office_taquilla_norte" in denied.json()["message"]
        mine = api.post(f"/{function}", _body(api, function, office=NORTE), who=NORTE)
        assert mine.status_code == 200, (function, mine.text)
        admin = api.post(f"/{function}", _body(api, function, office=SUR), who="admin")
        assert admin.status_code == 200, (function, admin.text)
    general = next(t["id"] for t in api.ticket_types() if t["zone"] == "General")
    for who in (NORTE, "admin"):
        recorded = api.post("/ticket/transaction", pos_transaction(api.central.event_id, general, []), who=who)
        assert recorded.status_code == 200
    for who in (SUR, "admin"):
        types = api.http.get(f"/client/events/{api.central.event_id}/ticket-types",
                             headers=api.central.headers(api.token(who)))
        assert types.status_code == 200


def test_admin_may_call_every_admin_function(api: Api) -> None:
    for function in ADMIN_ONLY:
        assert api.post(f"/{function}", _body(api, function)).status_code == 200, function
