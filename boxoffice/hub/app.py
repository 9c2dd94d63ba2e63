"""The hub's window-facing app: the reference central's app (same routes, envelope, checks, idempotency) over
the hub's database, with the hub's function table and ``GET /hub``, by which a window tells a hub from a central.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.responses import Response

from boxoffice.central.app import build_app
from boxoffice.central.db import Database
from boxoffice.central.envelope import ApiResult
from boxoffice.hub.db import hub_database
from boxoffice.hub.functions import hub_functions
from boxoffice.hub.settings import HubSettings

TITLE = "Box office hub"


def create_hub_app(db_url: str, settings: HubSettings) -> FastAPI:
    """Open ``db_url`` (central schema and hub tables created or checked) and build the app."""
    return build_hub_app(hub_database(db_url), settings)


def build_hub_app(db: Database, settings: HubSettings) -> FastAPI:
    """The app over an already open hub database (:func:`boxoffice.hub.db.hub_database`); it disposes the
    database's pooled connections when it stops (the engine stays usable)."""

    def hub_route(app: FastAPI) -> None:
        @app.get("/hub", tags=["office hub"], response_class=Response, summary="This platform is an office hub",
                 description="No token needed. A central platform answers 404 here.")
        async def hub() -> Response:
            return ApiResult(200, "ok", {"hub": True, "office_id": settings.office_id}).response()

    return build_app(db, hub_functions(settings), extra_routes=hub_route, title=TITLE)
