"""Every route of issue #16 in one call, so :mod:`boxoffice.central.app` registers them with one line."""

from __future__ import annotations

from fastapi import FastAPI

from boxoffice.central.db import Database
from boxoffice.central.door_snapshot import add_door_routes
from boxoffice.central.event_setup import add_setup_routes
from boxoffice.central.event_tickets import add_ticket_routes
from boxoffice.central.ga_allotment import add_allotment_route
from boxoffice.central.online_purchase import add_purchase_routes
from boxoffice.central.seat_import_http import add_seat_import_route


def add_event_routes(app: FastAPI, db: Database) -> None:
    add_setup_routes(app, db)
    add_allotment_route(app, db)
    add_seat_import_route(app, db)
    add_ticket_routes(app, db)
    add_purchase_routes(app, db)
    add_door_routes(app, db)
