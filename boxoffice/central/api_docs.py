"""OpenAPI descriptions of the request bodies and answers (the handlers read raw JSON, so FastAPI cannot infer
them); the examples are the specs' own, so ``/openapi.json`` doubles as a readable contract."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from boxoffice.central.validation import MAX_IDS

STRING: dict[str, Any] = {"type": "string"}
NUMBER: dict[str, Any] = {"type": "number"}
INTEGER: dict[str, Any] = {"type": "integer"}
NULLABLE_STRING: dict[str, Any] = {"type": ["string", "null"]}
ID_LIST: dict[str, Any] = {"type": "array", "items": STRING, "maxItems": MAX_IDS}


def obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "properties": properties, **extra}
    if required:
        schema["required"] = required
    return schema


def callable_body(properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return obj({"data": obj(properties, required)}, ["data"])


def request_body(schema: dict[str, Any], example: Any) -> dict[str, Any]:
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema,
                                                                                 "example": example}}},
            "security": [{"bearerAuth": []}]}


ENVELOPE = obj({"message": STRING, "status": INTEGER,
                "data": obj({"valido": {"type": "boolean"}}, ["valido"], additionalProperties=True)},
               ["message", "status", "data"])


def answer(description: str, example: Any) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": ENVELOPE,
                                                                            "example": example}}}


def error(status: int, description: str, message: str, **data: Any) -> tuple[int, dict[str, Any]]:
    return status, answer(description, {"message": message, "status": status, "data": {"valido": False, **data}})


COMMON_ERRORS = dict([
    error(400, "Malformed body: the message and data.field name the offending field",
          "data.tickets_offline must be a list of ticket ids, not a string", field="data.tickets_offline"),
    error(401, "No or unknown bearer token", "invalid token: it is unknown to this platform"),
    error(403, "A valid token used outside its scope",
          "this token belongs to office 'office_taquilla_sur'; it cannot act for office 'office_taquilla_norte' "
          "(data.office_id)", field="data.office_id"),
])

EVENT_ID = "JAOTIiQrtU1fMWZZY2IZ"
TICKET_A = f"{EVENT_ID}-nGxHQ00YzCg9PphEwlYb"
TICKET_B = f"{EVENT_ID}-LqQTJHAGEkdwzrbcScWe"

TICKETS_SCHEMA = callable_body({"tickets_offline": ID_LIST, "office_id": STRING, "event_id": STRING},
                               ["tickets_offline", "office_id", "event_id"])
ASSIGN_EXAMPLE = {"data": {"tickets_offline": [TICKET_A, TICKET_B], "office_id": "office_taquilla_norte",
                           "event_id": EVENT_ID}}
UNASSIGN_EXAMPLE = {"data": {"tickets_offline": [TICKET_B], "office_id": "office_taquilla_norte",
                             "event_id": EVENT_ID}}
UNAVAILABLE = error(400, "Some tickets are not available: nothing was written", "Tickets no disponibles",
                    nodisponible=[TICKET_A], motivos={TICKET_A: "sold"})[1]

LIST_SCHEMA = callable_body({"event_id": STRING, "office_id": STRING, "layout": {"enum": ["rows", "columns"]}},
                            ["event_id", "office_id"])
LIST_EXAMPLE = {"data": {"event_id": EVENT_ID, "office_id": "office_taquilla_norte"}}
OFFICE_SCHEMA = callable_body({"office_id": STRING}, ["office_id"])
OFFICE_EXAMPLE = {"data": {"office_id": "office_taquilla_norte"}}
OFFICE_EVENT_ROW = {"event_id": EVENT_ID, "event_name": "Festival de Verano", "date_start": "2026-07-18T18:00:00Z",
                    "assigned": 300}
EVENT_SCHEMA = callable_body({"event_id": STRING}, ["event_id"])
EVENT_EXAMPLE = {"data": {"event_id": EVENT_ID}}

POS_TICKET = obj({"product_id": {"type": ["integer", "string"]}, "description": NULLABLE_STRING,
                  "barcode": NULLABLE_STRING, "ticket_id": STRING})
POS_SCHEMA = obj({
    "event_id": {"type": ["integer", "string"]}, "code": STRING, "totalAmount": INTEGER,
    "notes": NULLABLE_STRING, "createdAt": STRING, "recordedBy_rfid": STRING,
    "transactions": {"type": "array", "items": obj({
        "paymentMethod": {"type": "string", "enum": ["cash", "card"]}, "amount": INTEGER,
        "change": {"type": ["integer", "null"]}, "transactionId": NULLABLE_STRING},
        ["paymentMethod", "amount"])},
    "items": {"type": "array", "items": obj({
        "product_id": {"type": ["integer", "string"]}, "quantity": INTEGER, "description": NULLABLE_STRING,
        "unitAmount": INTEGER, "totalAmount": INTEGER, "discountAmount": {"type": ["integer", "null"]},
        "item_code": STRING, "tickets": {"type": "array", "items": POS_TICKET}},
        ["quantity", "unitAmount", "totalAmount"])},
}, ["code", "totalAmount", "transactions", "items"],
    description="Amounts in cents. Always accepted: inconsistencies are stored and listed, never rejected.")

POS_EXAMPLE = {
    "event_id": 3, "code": "GJXS0LM6RYG37", "totalAmount": 240, "notes": "fake notes scanning device didn't work",
    "createdAt": "564465456465", "recordedBy": "15646545646",
    "transactions": [{"paymentMethod": "cash", "amount": 100, "change": 400},
                     {"paymentMethod": "card", "transactionId": "hfjkdshfjksfh jksdh f", "amount": 140}],
    "items": [
        {"product_id": 4, "quantity": 3, "description": "Adult", "unitAmount": 30, "totalAmount": 90,
         "discountAmount": None, "tickets": [
             {"product_id": 4, "description": "Adult", "barcode": "GJXS0LM6RYG37XJX01"},
             {"product_id": 4, "description": "Adult", "barcode": "GJXS0LM6RYG37XJX09"},
             {"product_id": 4, "description": "Adult", "barcode": "GJXS0LM6RYG37XJX03"}]},
        {"product_id": 3, "quantity": 1, "description": "Family Pass", "unitAmount": 150, "totalAmount": 150,
         "discountAmount": None, "tickets": [
             {"product_id": 8, "description": "Adult", "barcode": "GJXS0LM6RYG37XJX04"},
             {"product_id": 8, "description": "Adult", "barcode": "GJXS0LM6RYG37XJX05"},
             {"product_id": 9, "description": "Child", "barcode": "GJXS0LM6RYG37XJX06"},
             {"product_id": 9, "description": "Child", "barcode": "GJXS0LM6RYG37XJX07"},
             {"product_id": 9, "description": "Child", "barcode": "GJXS0LM6RYG37XJX08"}]},
    ],
}

SALE_SCHEMA = obj({
    "ticket": STRING, "tickets": ID_LIST,
    "transactions": {"type": "array", "items": obj({"method": STRING, "amount": NUMBER}, ["method", "amount"])},
    "amount": NUMBER, "event_id": STRING, "event_name": NULLABLE_STRING, "office_id": STRING,
    "office_name": NULLABLE_STRING, "status": {"type": "string", "enum": ["completed", "cancelled"]},
    "client_id": {"type": ["string", "integer", "null"]}, "client_name": NULLABLE_STRING,
    "idempotency_key": STRING, "purchase_code": STRING, "pos_transaction": POS_SCHEMA,
}, ["ticket", "transactions", "amount", "event_id", "event_name", "office_id", "office_name", "status",
    "tickets", "client_id", "client_name"],
    description="One purchase. A cancelled entry needs only status, office_id and purchase_code.")
JOURNAL_HEAD_SCHEMA = obj({"office_id": STRING, "terminal_id": STRING, "seq": INTEGER,
                           "hash": {"type": "string", "pattern": "^[0-9a-f]{64}$"}},
                          ["office_id", "terminal_id", "seq", "hash"],
                          description="Extension (optional): the sending terminal's journal head, kept as an "
                                      "anchor (see offline_office_journal_anchor).")
SYNC_SCHEMA = callable_body({"ticket_sold": {"type": "array", "items": SALE_SCHEMA},
                             "journal_head": JOURNAL_HEAD_SCHEMA}, ["ticket_sold"])
SYNC_EXAMPLE = {"data": {"ticket_sold": [{
    "ticket": TICKET_A, "transactions": [{"method": "cash", "amount": Decimal("25.00")}], "amount": Decimal("25.00"),
    "event_id": EVENT_ID, "event_name": "Festival de Verano 2024", "office_id": "office_taquilla_norte",
    "office_name": "Taquilla Norte", "status": "completed", "tickets": [TICKET_A], "client_id": "client_001",
    "client_name": "Carlos Martínez"}]}}
SYNC_ANSWER = {"message": "Sincronizado", "status": 200, "data": {"valido": True, "results": [{
    "idempotency_key": None, "purchase_code": None, "order_id": "q0ZbTz5mD1cVxW2pLr8K", "status": "completed",
    "replayed": False, "tickets": [{"ticket_id": TICKET_A, "conflict": None, "taken": True}],
    "inconsistencies": [], "error": None, "order_status": "completed", "clock_skew_seconds": None}]}}

CONFLICTS_SCHEMA = callable_body({"office_id": STRING, "after_id": INTEGER}, ["office_id"])
CONFLICTS_EXAMPLE = {"data": {"office_id": "office_taquilla_norte", "after_id": 0}}
CONFLICT_ROW = {"conflict_id": 7, "kind": "ticket_conflict", "role": "holder", "event_id": EVENT_ID,
                "ticket_id": TICKET_A, "purchase_code": "GJXS0LM6RYG3R", "office_id": "office_taquilla_sur",
                "other_channel": "office", "other_office_id": "office_taquilla_norte", "order_id": None,
                "detected_at": "2026-07-18T19:02:11Z"}

LOCK_SCHEMA = callable_body({"tickets": ID_LIST, "reserved_time": INTEGER, "event_id": STRING},
                            ["tickets", "reserved_time"])
LOCK_EXAMPLE = {"data": {"tickets": [TICKET_A], "reserved_time": 600}}
UNLOCK_SCHEMA = callable_body({"tickets": ID_LIST}, ["tickets"])
UNLOCK_EXAMPLE = {"data": {"tickets": [TICKET_A]}}

OFFICE_ROW = {"ticket_id": TICKET_A, "seat_id": "GEN5", "zone": "General", "color": "#4A90D9", "status": True,
              "event_id": EVENT_ID, "seat_row": "A", "event_name": "Festival de Verano"}
SALES_ROW = {"ticket_id": TICKET_A, "seat_id": "GEN5", "seat_row": "A", "zone": "General", "color": "#4A90D9",
             "event_id": EVENT_ID, "event_name": "Festival de Verano", "status": True, "status_real": True,
             "status_offline": False, "locked_up": None}

TICKET_TYPE_EXAMPLE = [{
    "id": 1, "event": EVENT_ID, "name": "General", "description": "Entrada General", "price": Decimal("25.00"),
    "price_cents": 2500, "currency": "EUR", "capacity": 1200, "saleStart": "2026-01-01T00:00:00Z",
    "saleEnd": "2026-07-18T18:00:00Z", "perks": [], "allowReentry": False, "reentryLimit": 1,
    "acceptedScanPoints": [], "visibility": "public", "transferable": False, "refundPolicy": "none",
    "zone": "General", "kind": "ticket", "components": None}]

JOURNAL_HASH = "9f2c4e1a" * 8
JOURNAL_ANCHOR_SCHEMA = callable_body({"office_id": STRING, "terminal_id": STRING, "after_seq": INTEGER},
                                      ["office_id", "terminal_id"])
JOURNAL_ANCHOR_EXAMPLE = {"data": {"office_id": "office_taquilla_norte", "terminal_id": "norte-1"}}
JOURNAL_ANCHOR_ROW = {"seq": 42, "hash": JOURNAL_HASH, "anchored_at": "2026-07-18T19:02:11.250000Z"}
JOURNAL_ANCHOR_DATA = {"office_id": "office_taquilla_norte", "terminal_id": "norte-1", "anchor": JOURNAL_ANCHOR_ROW,
                       "anchors": [JOURNAL_ANCHOR_ROW], "more": False, "evidence_count": 1, "evidence": [{
                           "seq": 40, "hash": "0b7d" * 16, "verdict": "lower", "anchored_seq": 42,
                           "received_at": "2026-07-18T19:05:40Z"}]}
