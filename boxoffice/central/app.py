"""The HTTP application: ``create_app(db_url)`` builds a FastAPI app over one database.

Handlers read the raw body themselves (decimals as ``Decimal``, 400 naming the field) and run the database
work in the thread pool, one transaction per request; the answer is only sent after the commit. The event
loop only moves bytes: decoding and checking a body (up to :data:`MAX_BODY_BYTES`, seconds of CPU for the
biggest) runs in a worker thread too, so ``/health`` and small requests stay prompt beside big uploads.

A worker thread alone is not enough: one C call (``json.loads``, ``json.dumps``) holds the GIL for as long as
its input takes, so the body limit bounds the longest such call, big bodies are decoded one at a time, and the
request's fingerprint is hashed in pieces (:mod:`boxoffice.central.request_body`). Measured here, three
concurrent 16 MiB bodies delay ``/health`` by 0.05-0.3 s; at 64 MiB before this, 3 s to over 5 s.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.responses import Response

from boxoffice.central import api_docs, extensions, registry
from boxoffice.central.auth import Principal, authenticate
from boxoffice.central.db import Database
from boxoffice.central.envelope import ApiError, ApiResult, PayloadTooLarge, dumps, json_response
from boxoffice.central.event_routes import add_event_routes
from boxoffice.central.functions import Function
from boxoffice.central.idempotency import HEADER, Answer, header_key, request_hash, run_once
from boxoffice.central.models import utcnow
from boxoffice.central.offline_batches import add_batch_routes
from boxoffice.central.request_body import parse_body, require_clean_text
from boxoffice.central.request_encoding import ACCEPTED, decoded_body
from boxoffice.central.ticket_types import list_ticket_types

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 16 * 1024 * 1024
"""Largest request body (16 MiB, in the OpenAPI description): bigger ones are answered 413 before being read
whole (at once when ``Content-Length`` says so). A terminal's batch of 1,000 sales (its maximum) is about 1 MB;
10,000 sale entries with their POS transactions, the most one request may carry, about 10 MB."""
BIG_BODY_BYTES = 1024 * 1024
BIG_BODY_PARSES = 1
"""Bodies of a megabyte or more take turns, this many at a time: each costs several times its size in memory
while decoded, and two decoders fighting over the GIL starve the event loop longer than one."""
TITLE = "Box office central platform"
VERSION = "1"
DESCRIPTION = (
    "Reference implementation of the central ticketing platform a box office syncs with: the offline-office, "
    "virtual-office, pos-transaction and ticket-type APIs. Every callable function is `POST /<name>` with "
    '`{"data": {...}}` and answers `{"message", "status", "data": {"valido", ...}}` with HTTP status = '
    "`status`. Authenticate with `Authorization: Bearer <token>`. Writes accept `X-Idempotency-Key`. "
    f"Request bodies are UTF-8 JSON of at most {MAX_BODY_BYTES // (1024 * 1024)} MiB (413 beyond); a NUL "
    "character or a lone surrogate in any string, or a number beyond 64-bit integers (decimals: below 10^19, "
    "28 significant digits), is a 400 naming the field."
)
REQUEST_KEY: ContextVar[str | None] = ContextVar("request_idempotency_key", default=None)
"""The ``X-Idempotency-Key`` of the write being run, for a function that keeps it (the office hub's unassign)."""


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise PayloadTooLarge(f"the request body is larger than {MAX_BODY_BYTES} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise PayloadTooLarge(f"the request body is larger than {MAX_BODY_BYTES} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass(frozen=True)
class _Decoded:
    parsed: Any
    fingerprint: str


def _decode(fn: Function, body: bytes) -> _Decoded:
    """Everything CPU-bound about a body: UTF-8, JSON, the value checks, the hash, the function's reader."""
    prefix = fn.name + "\n"  # the hash is idempotency.request_hash of name + canonical text
    checked = parse_body(body, prefix, composed=fn.canonical is not None)
    parsed = fn.parse(checked.payload)
    if checked.fingerprint is not None:
        return _Decoded(parsed, checked.fingerprint)
    assert fn.canonical is not None
    return _Decoded(parsed, request_hash(prefix + fn.canonical(parsed)))


class _Decoder:
    """Runs :func:`_decode` in worker threads; big bodies through their own limiter (:data:`BIG_BODY_PARSES`)."""

    def __init__(self) -> None:
        self._big: anyio.CapacityLimiter | None = None  # made on first use: it belongs to the server's loop

    async def __call__(self, fn: Function, body: bytes) -> _Decoded:
        if len(body) < BIG_BODY_BYTES:
            return await run_in_threadpool(_decode, fn, body)
        if self._big is None:
            self._big = anyio.CapacityLimiter(BIG_BODY_PARSES)
        return await anyio.to_thread.run_sync(_decode, fn, body, limiter=self._big)


def _authenticate(db: Database, authorization: str | None) -> Principal:
    with db.read() as session:
        return authenticate(session, authorization)


def _read(db: Database, fn: Function, parsed: Any, principal: Principal) -> Answer:
    with db.read() as session:
        result = fn.run(session, parsed, principal, utcnow())
        return Answer(result.status, result.body())


def _write(db: Database, fn: Function, parsed: Any, principal: Principal, key: str | None,
           fingerprint: str) -> Answer:
    def work(session: Session) -> Answer:
        REQUEST_KEY.set(key)
        return run_once(session, principal, fn.name, key, fingerprint,
                        lambda: fn.run(session, parsed, principal, utcnow()))

    return db.write(work)


def _endpoint(db: Database, fn: Function, decode: _Decoder) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        try:
            principal = await run_in_threadpool(_authenticate, db, request.headers.get("authorization"))
            if fn.admin_only:
                principal.require_admin(fn.name)
            decoded = await decode(fn, await decoded_body(request, await _read_body(request), MAX_BODY_BYTES))
            for office_id, field in fn.offices(decoded.parsed):
                principal.require_offices([office_id], field)
            if fn.writes:
                key = header_key(request.headers.get(HEADER))
                answer = await run_in_threadpool(_write, db, fn, decoded.parsed, principal, key,
                                                 decoded.fingerprint)
            else:
                answer = await run_in_threadpool(_read, db, fn, decoded.parsed, principal)
        except ApiError as exc:
            return exc.response()
        headers = {**ACCEPTED, "Idempotent-Replayed": "true"} if answer.replayed else ACCEPTED
        return json_response(answer.status, answer.body, headers)

    endpoint.__name__ = fn.name
    return endpoint


def _add_routes(app: FastAPI, db: Database, functions: Sequence[Function] = registry.FUNCTIONS) -> None:
    decode = _Decoder()
    for fn in functions:
        if fn.name in extensions.switched_off():  # BOXOFFICE_CENTRAL_SPEC_ONLY: behave like a spec-only platform
            continue
        app.add_api_route(
            fn.path, _endpoint(db, fn, decode), methods=["POST"], name=fn.name, summary=fn.summary,
            description=fn.description, response_class=Response, responses={**api_docs.COMMON_ERRORS,
                                                                           **fn.responses},
            openapi_extra=api_docs.request_body(fn.request_schema, fn.request_example),
            tags=["virtual office" if "virtual" in fn.name else "offline office" if "office" in fn.name
                  else "pos"])

    @app.get("/client/events/{eventId}/ticket-types", tags=["ticket types"], response_class=Response,
             summary="Ticket types (products and prices) of an event",
             description="No token needed: then only public types are listed; with an admin or office "
                         "token, every type. A JSON list of TicketType objects (event-tickets spec fields "
                         "plus price_cents, zone, kind, components).",
             responses={200: {"description": "Ticket types", "content": {"application/json": {
                 "example": api_docs.TICKET_TYPE_EXAMPLE}}}, 401: api_docs.COMMON_ERRORS[401],
                 404: api_docs.answer("Unknown event", {"message": "unknown event 'x'", "status": 404,
                                                         "data": {"valido": False, "field": "eventId"}})},
             openapi_extra={"security": [{"bearerAuth": []}]})
    async def ticket_types(eventId: str, request: Request) -> Response:
        def work() -> list[dict[str, Any]]:
            with db.read() as session:
                header = request.headers.get("authorization")  # no token: public types only (the spec)
                if header:
                    authenticate(session, header)
                require_clean_text(eventId, "eventId")
                rows = list_ticket_types(session, eventId)
                return rows if header else [r for r in rows if r["visibility"] == "public"]

        try:
            rows = await run_in_threadpool(work)
        except ApiError as exc:
            return exc.response()
        return json_response(200, dumps(rows))

    add_event_routes(app, db)  # issue #16: event setup, seat import, staff endpoints, online purchase
    add_batch_routes(app, db)  # issue #17: pre-generated tickets, offline sales batches

    @app.get("/health", tags=["health"], response_class=Response, summary="Liveness and schema version")
    async def health() -> Response:
        version = await run_in_threadpool(db.schema_version)
        return ApiResult(200, "ok", {"schema_version": version}).response()


def _add_error_handlers(app: FastAPI) -> None:
    """Even framework errors (404, 405, 500) answer in the envelope."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> Response:
        return json_response(exc.status_code, ApiResult(exc.status_code, str(exc.detail)).body(),
                             dict(exc.headers) if exc.headers else None)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_request: Request, exc: RequestValidationError) -> Response:
        return ApiResult(400, f"bad request: {exc.errors()}").response()

    @app.exception_handler(Exception)
    async def internal_error(_request: Request, exc: Exception) -> Response:
        if isinstance(exc, ClientDisconnect):  # the client went away mid-body: nothing was applied, no answer
            log.info("client disconnected before sending the whole request; nothing applied")
            return Response(status_code=400)
        log.exception("unexpected error", exc_info=exc)
        return ApiResult(500, "internal error: the request was not applied; see the server log").response()


def create_app(db_url: str) -> FastAPI:
    """Open (and create or check the schema of) ``db_url`` and build the app; raises SchemaVersionError."""
    db = Database(db_url)
    try:
        db.create_schema()
    except Exception:
        db.dispose()
        raise
    return build_app(db)


def build_app(db: Database, functions: Sequence[Function] = registry.FUNCTIONS,
              extra_routes: Callable[[FastAPI], None] | None = None, title: str = TITLE) -> FastAPI:
    """The app over an open ``db`` (disposed when the app stops): ``functions`` as ``POST /<name>``, the
    central's other routes, then ``extra_routes(app)`` (the office hub's ``GET /hub``)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        db.dispose()

    app = FastAPI(title=title, version=VERSION, description=DESCRIPTION, lifespan=lifespan)
    app.state.db = db
    _add_routes(app, db, functions)
    if extra_routes is not None:
        extra_routes(app)
    _add_error_handlers(app)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=title, version=VERSION, description=DESCRIPTION, routes=app.routes)
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearerAuth": {"type": "http", "scheme": "bearer"}}
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
