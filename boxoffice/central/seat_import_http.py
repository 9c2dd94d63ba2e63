"""``POST /events/{eventId}/seats/import``: a venue's seat CSV as the request body (``text/csv``, admin token).

The same import as ``boxoffice-central seats import FILE.csv --event ID``: all rows or none, 400 naming the
line of the first bad row.
"""

from __future__ import annotations

import io
from typing import Any

from fastapi import FastAPI
from sqlalchemy.orm import Session

from boxoffice.central.db import Database
from boxoffice.central.envelope import BadInput
from boxoffice.central.event_http import Call, add_route
from boxoffice.central.seat_import import import_seats


def _import(session: Session, call: Call) -> tuple[int, dict[str, Any]]:
    try:
        text = call.raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadInput("body", "the seat CSV must be UTF-8 text") from None
    result = import_seats(session, call.params["eventId"], io.StringIO(text, newline=""))
    return 201, result.as_json()


def add_seat_import_route(app: FastAPI, db: Database) -> None:
    add_route(app, db, "POST", "/events/{eventId}/seats/import", _import, access="admin", raw_body=True,
              summary="Import a venue's seats from CSV: zone, colour, row, seat, price level, optional x/y",
              tag="event setup")
