"""Turn an outbox snapshot (cents, frozen at sale time) into the synchronisation entry the platform expects.

One ``ticket_sold`` entry per purchase: the offline-office spec's fields (``ticket`` = first ticket, ``tickets``
= all, ``transactions``, ``amount`` in decimal units, ``client_*``, ``office_*``, ``event_*``, ``status``) plus
``pos_transaction``, the same purchase in the pos-transaction spec's shape (cents), and the item's
``idempotency_key`` and ``purchase_code`` (docs/ARCHITECTURE.md "Extensions beyond the specification").
"""

from __future__ import annotations

from typing import Any

from boxoffice.core.money import cents_to_api


def ticket_sold_entry(snapshot: dict[str, Any], idempotency_key: str) -> dict[str, Any]:
    tickets = [t["ticket_id"] for item in snapshot["items"] for t in item["tickets"]]
    return {
        "ticket": tickets[0] if tickets else "",
        "tickets": tickets,
        "transactions": [_transaction(p) for p in snapshot["payments"]],
        "amount": cents_to_api(snapshot["total_cents"]),
        "event_id": snapshot["event_id"],
        "event_name": snapshot["event_name"],
        "office_id": snapshot["office_id"],
        "office_name": snapshot["office_name"],
        "status": snapshot["status"],
        "client_id": snapshot["customer_id"],
        "client_name": snapshot["customer_name"],
        "idempotency_key": idempotency_key,
        "purchase_code": snapshot["purchase_code"],
        "pos_transaction": pos_transaction(snapshot),
        **({"refund": snapshot["refund"]} if "refund" in snapshot else {}),  # a refund's (services/refunds.py)
    }


def _transaction(payment: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"method": payment["method"], "amount": cents_to_api(payment["amount_cents"])}
    if payment["method"] == "cash":
        out["change"] = cents_to_api(payment["change_cents"])
    if payment.get("reference"):
        out["reference"] = payment["reference"]
    return out


def pos_transaction(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The purchase as ``POST /ticket/transaction`` describes it (amounts in cents)."""
    transactions = []
    for p in snapshot["payments"]:
        t: dict[str, Any] = {"paymentMethod": p["method"], "amount": p["amount_cents"]}
        if p["method"] == "cash":
            t["change"] = p["change_cents"]
        if p.get("reference"):
            t["transactionId"] = p["reference"]
        transactions.append(t)
    return {
        "event_id": snapshot["event_id"],
        "code": snapshot["purchase_code"],
        "totalAmount": snapshot["total_cents"],
        "notes": snapshot.get("notes") or "",
        "createdAt": snapshot["created_at"],
        "recordedBy_rfid": snapshot.get("clerk_rfid"),
        "transactions": transactions,
        "items": [{
            "product_id": item["product_id"],
            "quantity": item["quantity"],
            "description": item["description"],
            "unitAmount": item["unit_cents"],
            "totalAmount": item["total_cents"],
            "discountAmount": item["discount_cents"] or None,
            "item_code": item["item_code"],
            "tickets": [{"product_id": t["product_id"], "description": t["description"], "barcode": t["barcode"],
                         "ticket_id": t["ticket_id"]} for t in item["tickets"]],
        } for item in snapshot["items"]],
    }
