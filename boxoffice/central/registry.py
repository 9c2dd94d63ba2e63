"""Every callable function of the platform, with its scope and docs, in one table.

Scope (issue 3): an office token may call the office list, synchronisation, unassign (and, outside this table,
ticket types and ``/ticket/transaction``) for its own office; everything else needs the admin token.
"""

from __future__ import annotations

from boxoffice.central import (
    api_docs,
    journal_anchors,
    offline_office,
    pos_transactions,
    sync_conflicts,
    synchronization,
    virtual_office,
)
from boxoffice.central.functions import Function

A = api_docs


def _ok(message: str, **data: object) -> dict[str, object]:
    return A.answer("Success", {"message": message, "status": 200, "data": {"valido": True, **data}})


FUNCTIONS: tuple[Function, ...] = (
    Function(
        name="offline_office_tickets", path="/offline_office_tickets",
        summary="Assign tickets to an offline office (all or nothing)",
        description="Every ticket must be free: not sold, not held by an active online lock, not already "
                    "offline, and of this event. Otherwise 400 `Tickets no disponibles` with `nodisponible` "
                    "listing exactly the offending ids (and `motivos`: why each failed); nothing is written. "
                    "Admin token only.",
        admin_only=True, writes=True, parse=offline_office.parse_tickets_request, run=offline_office.assign,
        request_schema=A.TICKETS_SCHEMA, request_example=A.ASSIGN_EXAMPLE,
        responses={200: _ok(offline_office.MSG_ASSIGNED, tickets=[A.TICKET_A, A.TICKET_B]),
                   400: A.UNAVAILABLE}),
    Function(
        name="offline_office_tickets_list_sales", path="/offline_office_tickets_list_sales",
        summary="List an office's inventory for an event",
        description="Tickets assigned to the office (INNER JOIN on tickets_offline). `status` is false once "
                    "sold. Rows also carry `seat_row` and `event_name` for a seat map. Extension: "
                    "`layout: \"columns\"` answers `columns` (one list per field, in row order) with "
                    "`event_id` and `event_name` once instead of `response` (a stadium's pull).",
        admin_only=False, writes=False, parse=offline_office.parse_office_event, run=offline_office.list_sales,
        offices=offline_office.office_scope, request_schema=A.LIST_SCHEMA, request_example=A.LIST_EXAMPLE,
        responses={200: _ok(offline_office.MSG_LISTED, response=[A.OFFICE_ROW])}),
    Function(
        name="offline_office_events", path="/offline_office_events",
        summary="Events with tickets assigned to an office (extension: lets a terminal know what to pull)",
        description="Not in the offline-office spec. Rows: `event_id`, `event_name`, `date_start`, `assigned` "
                    "(tickets currently held by the office). Office token for its own office, or admin.",
        admin_only=False, writes=False, parse=offline_office.parse_office, run=offline_office.list_office_events,
        offices=offline_office.office_scope, request_schema=A.OFFICE_SCHEMA, request_example=A.OFFICE_EXAMPLE,
        responses={200: _ok(offline_office.MSG_OFFICE_EVENTS, response=[A.OFFICE_EVENT_ROW])}),
    Function(
        name="offline_office_journal_anchor", path="/offline_office_journal_anchor",
        summary="Journal heads a terminal sent with its deliveries (extension: tamper evidence for its journal)",
        description="Not in the offline-office spec. A synchronisation request may carry `journal_head` "
                    "(`office_id`, `terminal_id`, `seq`, `hash`); the platform keeps them append-only. `anchor` "
                    "is the terminal's highest anchored head (never lowered), `anchors` its anchored heads "
                    "after `after_seq`, oldest first, 1000 a page (`more` true when another page follows), and "
                    "`evidence` the latest heads that no untouched journal could have sent: `lower` (below "
                    "the anchor) or `fork` (an anchored sequence with another hash). Office token for its own "
                    "office, or admin.",
        admin_only=False, writes=False, parse=journal_anchors.parse_request, run=journal_anchors.show,
        offices=journal_anchors.office_scope, request_schema=A.JOURNAL_ANCHOR_SCHEMA,
        request_example=A.JOURNAL_ANCHOR_EXAMPLE,
        responses={200: _ok(journal_anchors.MSG_ANCHOR, **A.JOURNAL_ANCHOR_DATA)}),
    Function(
        name="offline_office_tickets_synchronization", path="/offline_office_tickets_synchronization",
        summary="Store the sales an offline office made (always accepted, idempotent)",
        description="Processed before answering: `Sincronizado` means stored. Per entry and ticket, conflicts "
                    "(`already_sold`, `not_assigned_to_office`, `unknown_ticket`) are flagged, never rejected, "
                    "and a ticket the office does not hold (another office's, held online, free online) is "
                    "not taken (`taken` false; the conflict is listed by `offline_office_sync_conflicts`). "
                    "The same `X-Idempotency-Key` replays the first answer byte for byte; an entry whose "
                    "`idempotency_key` or purchase code this office sent before returns its first result with "
                    "`replayed` true, or, with different content, `error` naming the key or code and "
                    "`error_status` 422 (the rest of the batch is stored). `status: cancelled` voids the "
                    "office's order of that purchase code; sent before its sale it is remembered "
                    "(`cancelled_before_sale`) and the sale is stored cancelled. `clock_skew_seconds` and a "
                    "`clock_skew` inconsistency flag a terminal clock far off.",
        admin_only=False, writes=True, parse=synchronization.parse_request, run=synchronization.synchronize,
        offices=synchronization.office_scope, canonical=synchronization.canonical_text,
        request_schema=A.SYNC_SCHEMA, request_example=A.SYNC_EXAMPLE,
        responses={200: A.answer("Stored", A.SYNC_ANSWER)}),
    Function(
        name="offline_office_sync_conflicts", path="/offline_office_sync_conflicts",
        summary="Conflicts involving an office (extension: a sale that ran into a ticket or code another side "
                "holds)",
        description="Not in the offline-office spec. Oldest first after `after_id`, 1000 a page. `role`: "
                    "`seller` (this office's sale ran into it; `order_id` is its order) or `holder` (another "
                    "office's sale named this office's ticket or purchase code). `kind`: `ticket_conflict` or "
                    "`purchase_code_reused`; `other_channel`: `office`, `online_hold`, `online` or `sold`. "
                    "An office never sees another office's order id. Office token for its own office, or admin.",
        admin_only=False, writes=False, parse=sync_conflicts.parse_request, run=sync_conflicts.list_conflicts,
        offices=sync_conflicts.office_scope, request_schema=A.CONFLICTS_SCHEMA,
        request_example=A.CONFLICTS_EXAMPLE,
        responses={200: _ok(sync_conflicts.MSG_CONFLICTS, response=[A.CONFLICT_ROW])}),
    Function(
        name="offline_office_tickets_unassign", path="/offline_office_tickets_unassign",
        summary="Return unsold tickets of an office to the online pool (all or nothing)",
        description="Each ticket must be held offline by this office and unsold, otherwise 400 "
                    "`Tickets no disponibles` with `nodisponible`.",
        admin_only=False, writes=True, parse=offline_office.parse_tickets_request, run=offline_office.unassign,
        offices=offline_office.office_scope, request_schema=A.TICKETS_SCHEMA, request_example=A.UNASSIGN_EXAMPLE,
        responses={200: _ok(offline_office.MSG_UNASSIGNED, tickets=[A.TICKET_B]), 400: A.UNAVAILABLE}),
    Function(
        name="offline_tickets_list_event_sales", path="/offline_tickets_list_event_sales",
        summary="Every ticket of an event with status, status_offline and status_real",
        description="`status` is false if blocked or sold; `status_offline` true while an office holds it "
                    "(`office_id` says which); `status_real` is the raw status. Admin token only.",
        admin_only=True, writes=False, parse=offline_office.parse_event, run=offline_office.list_event_sales,
        request_schema=A.EVENT_SCHEMA, request_example=A.EVENT_EXAMPLE,
        responses={200: _ok(offline_office.MSG_EVENT_LISTED, response=[{**A.SALES_ROW, "office_id": None}])}),
    Function(
        name="tickets_list_event_virtual", path="/tickets_list_event_virtual",
        summary="Every ticket of an event as full rows (seat map), ledger included",
        description="Admin token only.", admin_only=True, writes=False, parse=offline_office.parse_event,
        run=virtual_office.list_event, request_schema=A.EVENT_SCHEMA, request_example=A.EVENT_EXAMPLE,
        responses={200: _ok(virtual_office.MSG_FOUND, response=[])}),
    Function(
        name="tickets_list_event_sales_virtual", path="/tickets_list_event_sales_virtual",
        summary="Online sales view: status false when sold, blocked or held offline",
        description="Admin token only.", admin_only=True, writes=False, parse=offline_office.parse_event,
        run=virtual_office.list_event_sales, request_schema=A.EVENT_SCHEMA, request_example=A.EVENT_EXAMPLE,
        responses={200: _ok(virtual_office.MSG_FOUND, response=[A.SALES_ROW])}),
    Function(
        name="tickets_lock_virtual", path="/tickets_lock_virtual",
        summary="Hold tickets for an online checkout for reserved_time seconds (all or nothing)",
        description="Sold, locked, offline-held or unknown tickets fail the request with `nodisponible`. "
                    "An expired hold blocks nothing. Admin token only.",
        admin_only=True, writes=True, parse=virtual_office.parse_lock, run=virtual_office.lock,
        request_schema=A.LOCK_SCHEMA, request_example=A.LOCK_EXAMPLE,
        responses={200: _ok(virtual_office.MSG_LOCKED, tickets=[A.TICKET_A], locked_up="2026-07-01T18:10:00Z",
                            reserved_time=600), 400: A.UNAVAILABLE}),
    Function(
        name="tickets_unlock_param_virtual", path="/tickets_unlock_param_virtual",
        summary="Release online holds by ticket id, expired or not",
        description="Answers the ids that had a hold. Admin token only.",
        admin_only=True, writes=True, parse=virtual_office.parse_unlock, run=virtual_office.unlock,
        request_schema=A.UNLOCK_SCHEMA, request_example=A.UNLOCK_EXAMPLE,
        responses={200: _ok(virtual_office.MSG_UNLOCKED, tickets=[A.TICKET_A])}),
    Function(
        name="ticket_transaction", path="/ticket/transaction",
        summary="Record a POS purchase (pos-transaction spec): always accepted",
        description="Amounts in cents. Inconsistencies (line totals, payment sum, ticket count, barcodes, "
                    "unknown products...) are stored and returned in `inconsistencies`, each starting with its "
                    "kind. A `tickets[].ticket_id` the caller may take (an office: its own assigned tickets; "
                    "the admin: free ones) is sold; otherwise `ticket_unavailable` says why. Extension: "
                    "`clock_skew_seconds` (createdAt minus arrival). Admin or office token.",
        admin_only=False, writes=True, parse=pos_transactions.parse_request, run=pos_transactions.run,
        request_schema=A.POS_SCHEMA, request_example=A.POS_EXAMPLE,
        responses={200: _ok(pos_transactions.MSG_RECORDED, transaction_id=1, code="GJXS0LM6RYG37",
                            replayed=False, inconsistencies=["unknown_event: event '3' is not an event of "
                                                             "this platform"], clock_skew_seconds=None)}),
)
