"""Assignment (all or nothing), office list, unassign, event-wide view and the ticket ledger, over HTTP."""

from __future__ import annotations

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from boxoffice.central.models import LedgerEntry, TicketOffline
from tests.integration.central.conftest import NORTE, SUR, Api, sale_entry


def _assign(api: Api, office: str, tickets: list[str], who: str = "admin") -> dict:
    response = api.call("offline_office_tickets", {"tickets_offline": tickets, "office_id": office,
                                                   "event_id": api.central.event_id}, who=who)
    assert response.status_code in (200, 400), response.text
    return response.json()


def _ledger(api: Api, ticket_id: str) -> list[tuple[str, str | None]]:
    engine = create_engine(api.central.db_url)
    try:
        with Session(engine) as session:
            return [(e.action, e.office_id) for e in session.scalars(
                select(LedgerEntry).where(LedgerEntry.ticket_id == ticket_id).order_by(LedgerEntry.id))]
    finally:
        engine.dispose()


def test_seed_gives_each_office_300_seats_in_every_zone(api: Api) -> None:
    for office in (NORTE, SUR):
        rows = api.office_list(office)
        assert len(rows) == 300
        assert {row["zone"] for row in rows} == {"General", "Preferente", "VIP"}
        assert all(row["status"] for row in rows)
        assert set(rows[0]) >= {"ticket_id", "seat_id", "zone", "color", "status", "event_id", "seat_row",
                                "event_name"}
    view = api.event_view()
    assert len(view) == 2000
    assert {row["color"] for row in view.values() if row["zone"] == "General"} == {"#4A90D9"}
    assert len({row["color"] for row in view.values()}) == 3


def test_the_office_list_as_columns_holds_the_rows_in_their_order(api: Api) -> None:
    sold = api.ids("GEN1")
    assert _assign(api, NORTE, sold)["status"] == 200
    assert api.call("offline_office_tickets_synchronization",
                    {"ticket_sold": [sale_entry(api.central.event_id, NORTE, sold)]}, who=NORTE).status_code == 200
    rows = api.office_list(NORTE)
    response = api.call("offline_office_tickets_list_sales", {"event_id": api.central.event_id, "office_id": NORTE,
                                                              "layout": "columns"}, who=NORTE)
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert "response" not in data
    assert data["event_id"] == api.central.event_id and data["event_name"] == rows[0]["event_name"]
    columns = data["columns"]
    assert set(columns) == {"ticket_id", "seat_id", "zone", "color", "status", "seat_row"}
    as_rows = [dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)]
    assert as_rows == [{name: row[name] for name in columns} for row in rows]
    assert [row["status"] for row in as_rows].count(False) == 1  # the one sold
    # "rows" is the spec's answer, asked for by name
    named = api.call("offline_office_tickets_list_sales", {"event_id": api.central.event_id, "office_id": NORTE,
                                                           "layout": "rows"}, who=NORTE)
    assert named.json()["data"]["response"] == rows


def test_an_unknown_layout_is_refused_by_name(api: Api) -> None:
    response = api.call("offline_office_tickets_list_sales", {"event_id": api.central.event_id, "office_id": NORTE,
                                                              "layout": "csv"}, who=NORTE)
    assert response.status_code == 400
    assert response.json()["message"] == 'data.layout must be "rows" or "columns", not \'csv\''


def test_assignment_is_all_or_nothing_and_names_exactly_the_offending_ids(api: Api) -> None:
    free1, free2, sold, locked, offline, other_free = api.ids("GEN1", "GEN2", "GEN3", "GEN4", "GEN101", "GEN7")
    unknown = f"{api.central.event_id}-doesNotExist00000000"
    # make GEN3 sold (assign to Norte, sell through sync, which keeps it offline+sold) and GEN4 locked
    assert _assign(api, NORTE, [sold])["status"] == 200
    synced = api.call("offline_office_tickets_synchronization",
                      {"ticket_sold": [sale_entry(api.central.event_id, NORTE, [sold])]}, who=NORTE)
    assert synced.status_code == 200
    assert api.call("tickets_lock_virtual", {"tickets": [locked], "reserved_time": 600}).status_code == 200

    body = _assign(api, SUR, [free1, sold, locked, free2, offline, unknown])
    assert body["message"] == "Tickets no disponibles" and body["status"] == 400
    assert body["data"]["nodisponible"] == [sold, locked, offline, unknown]
    assert body["data"]["motivos"] == {sold: "sold", locked: "locked", offline: "offline", unknown: "unknown"}
    # nothing was written: the free ones are still free, Sur still has its 300
    view = api.event_view()
    assert not view["GEN1"]["status_offline"] and not view["GEN2"]["status_offline"]
    assert len(api.office_list(SUR)) == 300

    ok = _assign(api, SUR, [free1, free2, other_free])
    assert ok == {"message": "Tickets Tranferido offline", "status": 200,
                  "data": {"valido": True, "tickets": [free1, free2, other_free]}}
    assert len(api.office_list(SUR)) == 303
    assert _ledger(api, free1) == [("offline", SUR)]


def test_tickets_offline_rows_follow_the_spec(api: Api) -> None:
    ticket = api.ids("GEN8")[0]
    _assign(api, NORTE, [ticket])
    engine = create_engine(api.central.db_url)
    try:
        with Session(engine) as session:
            row = session.scalars(select(TicketOffline).where(TicketOffline.ticket_id == ticket)).one()
            assert (row.event_id, row.office_id) == (api.central.event_id, NORTE)
            assert row.date_created.tzinfo is not None
    finally:
        engine.dispose()


def test_ticket_of_another_event_is_unknown(api: Api) -> None:
    ticket = api.ids("GEN9")[0]
    response = api.call("offline_office_tickets", {"tickets_offline": [ticket], "office_id": NORTE,
                                                   "event_id": "otherEvent"})
    assert response.status_code == 400 and response.json()["data"]["field"] == "data.event_id"


def test_unassign_returns_unsold_tickets_and_refuses_sold_or_foreign_ones(api: Api) -> None:
    mine, mine_sold, theirs = api.seat["GEN101"], api.seat["GEN102"], api.seat["GEN281"]
    free = api.seat["GEN10"]
    api.call("offline_office_tickets_synchronization",
             {"ticket_sold": [sale_entry(api.central.event_id, NORTE, [mine_sold])]}, who=NORTE)

    def unassign(tickets: list[str]) -> dict:
        return api.call("offline_office_tickets_unassign", {"tickets_offline": tickets, "office_id": NORTE,
                                                            "event_id": api.central.event_id}, who=NORTE).json()

    refused = unassign([mine, mine_sold, theirs, free])
    assert refused["status"] == 400 and refused["message"] == "Tickets no disponibles"
    assert refused["data"]["nodisponible"] == [mine_sold, theirs, free]
    assert refused["data"]["motivos"] == {mine_sold: "sold", theirs: "not_assigned_to_office",
                                          free: "not_assigned_to_office"}
    assert api.event_view()["GEN101"]["status_offline"] is True  # nothing written

    done = unassign([mine])
    assert done == {"message": "Tickets Tranferido online", "status": 200,
                    "data": {"valido": True, "tickets": [mine]}}
    row = api.event_view()["GEN101"]
    assert (row["status"], row["status_offline"], row["office_id"]) == (True, False, None)
    assert mine not in {r["ticket_id"] for r in api.office_list(NORTE)}
    assert _ledger(api, mine) == [("offline", NORTE), ("unassign", NORTE)]
    # back online: lockable again
    assert api.call("tickets_lock_virtual", {"tickets": [mine], "reserved_time": 60}).status_code == 200


def test_event_wide_view_statuses(api: Api) -> None:
    locked, offline, sold = api.seat["GEN11"], api.seat["GEN103"], api.seat["GEN104"]
    api.call("tickets_lock_virtual", {"tickets": [locked], "reserved_time": 600})
    api.call("offline_office_tickets_synchronization",
             {"ticket_sold": [sale_entry(api.central.event_id, NORTE, [sold])]}, who=NORTE)
    view = api.event_view()
    fields = ("status", "status_offline", "status_real")
    assert tuple(view["GEN12"][f] for f in fields) == (True, False, True)  # free
    assert tuple(view["GEN11"][f] for f in fields) == (False, False, True)  # blocked
    assert view["GEN11"]["locked_up"] is not None
    assert tuple(view["GEN103"][f] for f in fields) == (True, True, True)  # offline, unsold
    assert view["GEN103"]["office_id"] == NORTE
    assert tuple(view["GEN104"][f] for f in fields) == (False, True, False)  # sold by the office
    assert offline and sold


def test_office_list_shows_a_synced_sale_as_false(api: Api) -> None:
    ticket = api.ids("GEN105")[0]
    api.call("offline_office_tickets_synchronization",
             {"ticket_sold": [sale_entry(api.central.event_id, NORTE, [ticket])]}, who=NORTE)
    rows = {row["ticket_id"]: row for row in api.office_list(NORTE)}
    assert rows[ticket]["status"] is False
    assert sum(1 for row in rows.values() if row["status"]) == 299
    assert _ledger(api, ticket) == [("offline", NORTE), ("sale", NORTE)]


def test_assignment_retried_with_the_same_idempotency_key_replays_the_success(api: Api) -> None:
    tickets = api.ids("GEN14", "GEN15")
    data = {"tickets_offline": tickets, "office_id": NORTE, "event_id": api.central.event_id}
    first = api.call("offline_office_tickets", data, key="assign-1")
    retry = api.call("offline_office_tickets", data, key="assign-1")
    assert first.status_code == retry.status_code == 200 and retry.content == first.content
    assert api.call("offline_office_tickets", data, key="assign-2").status_code == 400  # a new request
    assert _ledger(api, tickets[0]) == [("offline", NORTE)]


def test_office_events_extension_lists_what_an_office_holds(central) -> None:
    """Not in the spec: a newly paired terminal asks which events to pull."""
    import httpx

    response = httpx.post(f"{central.url}/offline_office_events",
                          json={"data": {"office_id": "office_taquilla_norte"}},
                          headers=central.office_headers("office_taquilla_norte"))
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["valido"] is True
    [row] = body["data"]["response"]
    assert row["event_id"] == central.event_id and row["event_name"] == "Festival de Verano"
    assert row["assigned"] == 300 and row["date_start"].endswith("Z")
    other = httpx.post(f"{central.url}/offline_office_events", json={"data": {"office_id": "office_taquilla_sur"}},
                       headers=central.office_headers("office_taquilla_norte"))
    assert other.status_code == 403
