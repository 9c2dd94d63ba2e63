"""One running reference central per test module (seeded demo copy) and a small JSON client for #16's API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from boxoffice.central.envelope import dumps
from tests.helpers.central_server import CentralServer, SeededTemplate, central_server, seeded_template


class EventsApi:
    """JSON requests with the admin token (``who="admin"``), an office token, a raw token, or none."""

    def __init__(self, central: CentralServer) -> None:
        self.central = central
        self.http = httpx.Client(base_url=central.url, timeout=60)

    def _headers(self, who: str | None) -> dict[str, str]:
        if who is None:
            return {}
        token = self.central.admin_token if who == "admin" else self.central.office_tokens.get(who, who)
        return {"Authorization": f"Bearer {token}"}

    def post(self, path: str, body: Any = None, who: str | None = "admin") -> httpx.Response:
        content = body if isinstance(body, bytes) else dumps(body if body is not None else {})
        return self.http.post(path, content=content,
                              headers={"Content-Type": "application/json", **self._headers(who)})

    def get(self, path: str, who: str | None = "admin") -> httpx.Response:
        return self.http.get(path, headers=self._headers(who))

    def ok(self, response: httpx.Response, status: int = 200) -> Any:
        assert response.status_code == status, response.text
        return response.json()


def refused(response: httpx.Response, status: int, *words: str) -> dict[str, Any]:
    """The platform's error envelope with ``status``, its message containing each of ``words``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status and body["data"]["valido"] is False, body
    for word in words:
        assert word in body["message"], body["message"]
    return dict(body)


@pytest.fixture(scope="session")
def events_template(tmp_path_factory: pytest.TempPathFactory) -> SeededTemplate:
    return seeded_template(tmp_path_factory.mktemp("events-template"))


@pytest.fixture(scope="module")
def central(tmp_path_factory: pytest.TempPathFactory, events_template: SeededTemplate) -> Iterator[CentralServer]:
    with central_server(tmp_path_factory.mktemp("central-events"), template=events_template) as server:
        yield server


@pytest.fixture(scope="module")
def api(central: CentralServer) -> Iterator[EventsApi]:
    client = EventsApi(central)
    yield client
    client.http.close()
