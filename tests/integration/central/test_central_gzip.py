"""Compressed request bodies (extension, central/request_encoding.py): gzip taken and advertised, bad ones 4xx."""

from __future__ import annotations

import gzip

import httpx

from boxoffice.central.app import MAX_BODY_BYTES
from boxoffice.central.envelope import dumps
from tests.integration.central.conftest import NORTE, Api, sale_entry


def _post(api: Api, function: str, body: bytes, coding: str, who: str = NORTE) -> httpx.Response:
    headers = {"Content-Type": "application/json", "Content-Encoding": coding,
               **api.central.headers(api.token(who), None)}
    return api.http.post(f"/{function}", content=body, headers=headers)


def test_a_gzip_sale_is_stored_like_a_plain_one_and_answers_say_gzip_is_taken(api: Api) -> None:
    entry = sale_entry(api.central.event_id, NORTE, api.ids("GEN1"))
    body = gzip.compress(dumps({"data": {"ticket_sold": [entry]}}))
    response = _post(api, "offline_office_tickets_synchronization", body, "gzip")
    assert response.status_code == 200, response.text
    assert response.headers["Accept-Encoding"] == "gzip"
    [result] = response.json()["data"]["results"]
    assert result["error"] is None and result["replayed"] is False
    again = api.call("offline_office_tickets_synchronization", {"ticket_sold": [entry]}, NORTE)  # plain JSON
    [replayed] = again.json()["data"]["results"]
    assert replayed["replayed"] is True and replayed["order_id"] == result["order_id"]


def test_a_body_that_is_not_gzip_or_an_unknown_coding_is_a_400_naming_the_header(api: Api) -> None:
    plain = dumps({"data": {"office_id": NORTE}})
    for body, coding in ((plain, "gzip"), (gzip.compress(plain)[:-6], "gzip"), (plain, "br")):
        response = _post(api, "offline_office_events", body, coding)
        assert response.status_code == 400, (coding, response.text)
        assert response.json()["data"]["field"] == "Content-Encoding"


def test_a_gzip_body_bigger_than_the_limit_once_inflated_is_a_413(api: Api) -> None:
    bomb = gzip.compress(b'{"data": {"office_id": "' + b" " * (MAX_BODY_BYTES + 1) + b'"}}')
    response = _post(api, "offline_office_events", bomb, "gzip")
    assert response.status_code == 413, response.text
