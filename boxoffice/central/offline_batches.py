"""pretix-style offline sales batches: tickets pre-generated in bulk, printed ahead, activated when sold.

Paths and fields are the offline-sales spec's, under ``/api/v1/organizers/{organizer}/events/{event}/``:
``organizer`` is this platform's organizer slug (``BOXOFFICE_CENTRAL_ORGANIZER``, ``demo`` by default, as in
the demo seed), ``event`` an event id, ``item`` a ticket type id of the event, ``orders`` the ids of the
batch's tickets (each a pre-generated ticket, activated at ``/events/tickets/{id}/activate``). ``layout`` is
null or ``1`` (the one built-in layout); ``subevent`` and ``variation`` are always null here.

Creating and rendering are asynchronous (:mod:`boxoffice.central.batch_jobs`): ``202 {"check"|"download":
url}``, then that URL answers ``409 {"status": "waiting"|"running"}``, ``200`` (the batch, or the PDF),
``410 {"status": "failed", "message"}`` (a failed creation created nothing) or ``404`` (unknown or expired).
Authentication: ``Authorization: Token <token>`` as in pretix, or ``Bearer <token>``, with the central's
admin or office tokens. Other errors use the platform's envelope.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response, StreamingResponse

from boxoffice.central import batch_jobs
from boxoffice.central.auth import authenticate
from boxoffice.central.batch_pdf import TicketFace, render
from boxoffice.central.db import Database
from boxoffice.central.envelope import ApiError, BadInput, Conflict, Forbidden, NotFound, dumps, json_response
from boxoffice.central.event_setup import boolean
from boxoffice.central.models import Event, TicketType, utcnow
from boxoffice.central.models_batches import BatchJob, BatchPdfChunk, BatchTicket, OfflineSalesBatch
from boxoffice.central.models_events import EventTicket
from boxoffice.central.pregenerated import MAX_QUANTITY, add_pregenerated_routes, pregenerate
from boxoffice.central.request_body import parse_body, require_clean_text
from boxoffice.central.ticket_issuing import find_ticket_type
from boxoffice.central.validation import Fields
from boxoffice.core.money import cents_to_api

ORGANIZER_ENV = "BOXOFFICE_CENTRAL_ORGANIZER"
DEFAULT_ORGANIZER = "demo"
PAGE_SIZE = 50
LAYOUT = 1
CHUNK_BYTES = 1024 * 1024
"""A rendered PDF is stored (and streamed) in pieces of about this size."""
READ_ROWS = 500
"""Tickets read per query while rendering: memory stays flat whatever the batch's size."""
MAX_BODY = 64 * 1024
"""A creation body is a handful of fields."""
BASE = "/api/v1/organizers/{organizer}/events/{event}/offlinesalesbatches"


def organizer_slug() -> str:
    return os.environ.get(ORGANIZER_ENV, "").strip() or DEFAULT_ORGANIZER


def _header(request: Request) -> str | None:
    """pretix's ``Token <t>`` read as the central's ``Bearer <t>``."""
    header = request.headers.get("authorization")
    scheme, _, token = (header or "").strip().partition(" ")
    return f"Bearer {token}" if scheme.lower() == "token" else header


def _scope(session: Session, request: Request) -> Event:
    """Authenticate, then the event of the path (403 for another organizer or an unknown event, as specified)."""
    authenticate(session, _header(request))
    organizer, event_id = request.path_params["organizer"], request.path_params["event"]
    for name in ("organizer", "event"):
        require_clean_text(request.path_params[name], name)
    if organizer != organizer_slug():
        raise Forbidden(f"unknown organizer {organizer!r}; this platform's organizer is {organizer_slug()!r}",
                        field="organizer")
    event = session.get(Event, event_id)
    if event is None:
        raise Forbidden(f"unknown event {event_id!r} of organizer {organizer!r}", field="event")
    return event


def batch_row(session: Session, batch: OfflineSalesBatch, detail: bool) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": batch.id, "creation": batch.creation, "testmode": batch.testmode,
        "sales_channel": batch.sales_channel, "comment": batch.comment, "layout": batch.layout,
        "subevent": None, "item": batch.item, "variation": None, "amount": batch.amount}
    if detail:
        row["orders"] = list(session.scalars(select(BatchTicket.ticket_id).where(BatchTicket.batch_id == batch.id)
                                             .order_by(BatchTicket.position)))
    return row


def _batch(session: Session, event: Event, batch_id: str) -> OfflineSalesBatch:
    batch = session.get(OfflineSalesBatch, int(batch_id)) if batch_id.isdigit() and len(batch_id) < 10 else None
    if batch is None or batch.event_id != event.id:
        raise NotFound(f"event {event.id!r} has no offline sales batch {batch_id!r}", field="id")
    return batch


def _page_url(request: Request, page: int) -> str:
    return str(request.url.include_query_params(page=page))


def list_batches(session: Session, request: Request) -> dict[str, Any]:
    event = _scope(session, request)
    text = request.query_params.get("page", "1")
    if not text.isdigit() or not 1 <= int(text) <= 10**6:
        raise BadInput("page", f"page must be a page number from 1, not {text!r}")
    page = int(text)
    count = session.scalar(select(func.count()).select_from(OfflineSalesBatch)
                           .where(OfflineSalesBatch.event_id == event.id)) or 0
    if page > 1 and (page - 1) * PAGE_SIZE >= count:
        raise NotFound(f"page {page} is beyond the last page", field="page")
    batches = session.scalars(select(OfflineSalesBatch).where(OfflineSalesBatch.event_id == event.id)
                              .order_by(OfflineSalesBatch.id).offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    return {"count": count, "next": _page_url(request, page + 1) if page * PAGE_SIZE < count else None,
            "previous": _page_url(request, page - 1) if page > 1 else None,
            "results": [batch_row(session, b, detail=False) for b in batches]}


def _creation_params(session: Session, event: Event, body: Any) -> dict[str, Any]:
    """The POST body checked now (400 for bad input); the quota is checked when the job runs (410)."""
    if not isinstance(body, dict):
        raise BadInput("body", "the request body must be a JSON object")
    fields = Fields(body, "body")
    for key in ("subevent", "variation"):
        if fields.raw.get(key) is not None:
            raise BadInput(fields.at(key), f"{fields.at(key)} must be null: this platform has no {key}s")
    layout = fields.integer("layout", required=False, nullable=True)
    if layout not in (None, LAYOUT):
        raise BadInput(fields.at("layout"), f"{fields.at('layout')}: unknown layout {layout}; this platform has "
                                            f"one ticket layout, id {LAYOUT}")
    try:
        item = find_ticket_type(session, event.id, fields.raw.get("item"), fields.at("item"))
    except NotFound as exc:
        raise BadInput(fields.at("item"), exc.message) from None
    amount = fields.integer("amount", minimum=1, what="the number of tickets")
    if amount is not None and amount > MAX_QUANTITY:
        raise BadInput(fields.at("amount"), f"{fields.at('amount')} is {amount}; a batch has at most "
                                            f"{MAX_QUANTITY} tickets")
    return {"testmode": boolean(fields, "testmode", False),
            "sales_channel": fields.string("sales_channel", required=False, max_length=64) or "web",
            "layout": layout or LAYOUT, "item": item.id, "amount": amount,
            "comment": fields.string("comment", required=False, nullable=True, max_length=10_000) or ""}


def _create(db: Database, job: BatchJob) -> None:
    """The creation job: the batch and its tickets in one transaction, or nothing (410) when the quota is gone."""
    params = job.params

    def work(session: Session) -> None:
        ticket_type = session.get(TicketType, params["item"])
        if ticket_type is None:
            raise batch_jobs.JobFailed(f"ticket type {params['item']} no longer exists")
        now = utcnow()
        tickets = pregenerate(session, ticket_type, params["amount"], now, "amount")
        batch = OfflineSalesBatch(organizer=job.organizer, event_id=job.event_id, creation=now, **params)
        session.add(batch)
        session.flush()
        session.execute(BatchTicket.__table__.insert(), [
            {"batch_id": batch.id, "position": number, "ticket_id": t.id} for number, t in enumerate(tickets)])
        batch_jobs.finish(session, job.id, batch_id=batch.id)

    try:
        db.write(work)
    except Conflict as exc:
        raise batch_jobs.JobFailed(f"quota no longer available: {exc.message}") from None


def _faces(db: Database, batch_id: int) -> Iterator[TicketFace]:
    with db.read() as session:
        batch = session.get(OfflineSalesBatch, batch_id)
        assert batch is not None
        event, kind = session.get(Event, batch.event_id), session.get(TicketType, batch.item)
        assert event is not None and kind is not None
        head = (event.name, kind.name, f"{cents_to_api(kind.price_cents)} {kind.currency}", batch.amount)
    test = " · TEST MODE" if batch.testmode else ""
    for start in range(0, head[3], READ_ROWS):
        with db.read() as session:
            rows = session.execute(select(BatchTicket.position, EventTicket.qr_payload)
                                   .join(EventTicket, EventTicket.id == BatchTicket.ticket_id)
                                   .where(BatchTicket.batch_id == batch_id, BatchTicket.position >= start,
                                          BatchTicket.position < start + READ_ROWS)
                                   .order_by(BatchTicket.position)).all()
        for position, payload in rows:
            yield TicketFace(head[0], head[1], head[2], payload,
                             f"Batch {batch_id} · ticket {position + 1}/{head[3]}{test} · valid once activated "
                             "at the box office")


def _render(db: Database, job: BatchJob) -> None:
    """The rendering job: pages streamed into ~1 MB chunks stored as they fill."""
    assert job.batch_id is not None
    buffer = bytearray()
    seq = 0

    def store(data: bytes, last: bool = False) -> None:
        nonlocal seq
        buffer.extend(data)
        if len(buffer) >= CHUNK_BYTES or (last and buffer):
            piece, number = bytes(buffer), seq
            db.write(lambda session: session.add(BatchPdfChunk(job_id=job.id, seq=number, data=piece)))
            buffer.clear()
            seq += 1

    _, size = render(_faces(db, job.batch_id), store)
    store(b"", last=True)
    db.write(lambda session: batch_jobs.finish(session, job.id, batch_id=job.batch_id, pdf_bytes=size))


def _pending(job: BatchJob) -> Response:
    if job.status == batch_jobs.FAILED:
        return json_response(410, dumps({"status": "failed", "message": job.message or "failed"}))
    return json_response(409, dumps({"status": job.status}))


def _pdf(db: Database, job_id: str) -> Iterator[bytes]:
    seq = 0
    while True:
        with db.read() as session:
            data = session.scalar(select(BatchPdfChunk.data).where(BatchPdfChunk.job_id == job_id,
                                                                   BatchPdfChunk.seq == seq))
        if data is None:
            return
        yield data
        seq += 1


def add_batch_routes(app: FastAPI, db: Database) -> None:
    """Register the pre-generate/activate and offline-sales endpoints, and this process's job runner."""
    add_pregenerated_routes(app, db)
    runner = batch_jobs.Runner(db, {"create": _create, "render": _render})

    async def answer(work: Any, request: Request, writes: bool = False) -> Response:
        def run() -> Any:
            if writes:
                return db.write(lambda session: work(session, request))
            with db.read() as session:
                return work(session, request)

        try:
            result = await run_in_threadpool(run)
        except ApiError as exc:
            return exc.response()
        if isinstance(result, Response):
            return result
        status, body = result if isinstance(result, tuple) else (200, result)
        return json_response(status, dumps(body))

    async def submitted(work: Any, request: Request) -> Response:
        """Answer a job submission; on its 202 (committed) wake this process's runner."""
        response = await answer(work, request, writes=True)
        if response.status_code == 202:
            runner.kick()
        return response

    async def index(request: Request) -> Response:
        return await answer(list_batches, request)

    async def create(request: Request) -> Response:
        raw = await request.body()

        def work(session: Session, request: Request) -> tuple[int, dict[str, str]]:
            event = _scope(session, request)  # 401/403 before judging the body
            if len(raw) > MAX_BODY:
                raise BadInput("body", f"the request body is larger than {MAX_BODY} bytes")
            params = _creation_params(session, event, parse_body(raw).payload)
            job = batch_jobs.submit(session, "create", organizer_slug(), event.id, params, utcnow())
            return 202, {"check": str(request.url_for("offlinesalesbatch_check", organizer=organizer_slug(),
                                                      event=event.id, job=job.id))}

        return await submitted(work, request)

    async def check(request: Request) -> Response:
        def work(session: Session, request: Request) -> Any:
            event = _scope(session, request)
            job = batch_jobs.live_job(session, request.path_params["job"], "create", utcnow())
            if job is None or job.event_id != event.id:
                raise NotFound("this creation job does not exist or has expired", field="job")
            if job.status == batch_jobs.DONE and job.batch_id is not None:
                return batch_row(session, _batch(session, event, str(job.batch_id)), detail=True)
            return _pending(job)

        return await answer(work, request)

    async def detail(request: Request) -> Response:
        def work(session: Session, request: Request) -> dict[str, Any]:
            return batch_row(session, _batch(session, _scope(session, request), request.path_params["id"]), True)

        return await answer(work, request)

    async def render_batch(request: Request) -> Response:
        def work(session: Session, request: Request) -> tuple[int, dict[str, str]]:
            event = _scope(session, request)
            batch = _batch(session, event, request.path_params["id"])
            key = str(uuid.uuid4())
            job = batch_jobs.submit(session, "render", organizer_slug(), event.id, {"key": key}, utcnow(),
                                    batch_id=batch.id)
            return 202, {"download": str(request.url_for("offlinesalesbatch_download", organizer=organizer_slug(),
                                                         event=event.id, id=str(batch.id), job=job.id, key=key))}

        return await submitted(work, request)

    async def download(request: Request) -> Response:
        def work(session: Session, request: Request) -> Any:
            event = _scope(session, request)
            batch = _batch(session, event, request.path_params["id"])
            job = batch_jobs.live_job(session, request.path_params["job"], "render", utcnow())
            if job is None or job.batch_id != batch.id or job.params.get("key") != request.path_params["key"]:
                raise NotFound("this rendering job does not exist or has expired", field="job")
            if job.status != batch_jobs.DONE:
                return _pending(job)
            return StreamingResponse(_pdf(db, job.id), media_type="application/pdf", headers={
                "Content-Length": str(job.pdf_bytes),
                "Content-Disposition": f'attachment; filename="offline-sales-batch-{batch.id}.pdf"'})

        return await answer(work, request)

    tags = ["offline sales"]
    routes = [("/", index, "GET", "offlinesalesbatch_list", "List the event's offline sales batches"),
              ("/", create, "POST", "offlinesalesbatch_create", "Create a batch (asynchronous: 202 + check URL)"),
              ("/check/{job}/", check, "GET", "offlinesalesbatch_check", "Result of a creation job"),
              ("/{id}/", detail, "GET", "offlinesalesbatch_detail", "One batch with its tickets (orders)"),
              ("/{id}/render/", render_batch, "POST", "offlinesalesbatch_render",
               "Render the batch to one PDF (asynchronous: 202 + download URL)"),
              ("/{id}/download/{job}/{key}/", download, "GET", "offlinesalesbatch_download",
               "The rendered PDF, once ready")]
    for suffix, endpoint, method, name, summary in routes:
        app.add_api_route(BASE + suffix, endpoint, methods=[method], name=name, summary=summary,
                          response_class=Response, tags=tags)
    app.add_api_route(BASE + "/{id}/render", render_batch, methods=["POST"], include_in_schema=False,
                      name="offlinesalesbatch_render_noslash")
