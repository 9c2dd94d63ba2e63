"""Routes of the event-tickets API: JSON in, JSON out, one transaction, errors in the platform's envelope.

Success bodies are the spec's plain objects (``purchase.bookingId``, a list of tickets); every refusal is the
envelope ``{"message", "status", "data": {"valido": false, "field"?}}`` with HTTP status = ``status``, like the
rest of the platform. Writes with a token accept ``X-Idempotency-Key`` (the first answer is replayed byte for
byte, ``Idempotent-Replayed: true``; the key reused for another request is a 409). Who may call: ``admin``
(the platform token, the spec's staff JWT), ``staff`` (admin or an office token: door terminals pair as
offices), or ``public`` (no token).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from fastapi import FastAPI, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from boxoffice.central.auth import Principal, authenticate
from boxoffice.central.db import Database
from boxoffice.central.envelope import ApiError, BadInput, dumps, json_response
from boxoffice.central.idempotency import HEADER, Answer, header_key, request_hash, run_once
from boxoffice.central.models import utcnow
from boxoffice.central.request_body import parse_body, require_clean_text
from boxoffice.central.validation import Fields

Access = Literal["admin", "staff", "public"]
MAX_EVENT_BODY = 16 * 1024 * 1024


@dataclass(frozen=True)
class Call:
    """One request as a handler sees it: path parameters, the parsed body (``None`` for GET), who calls."""

    params: dict[str, str]
    body: Any
    principal: Principal | None
    now: datetime
    raw: bytes = b""

    def fields(self) -> Fields:
        """The body as an object; the data API's ``{"data": {...}}`` wrapper is accepted too."""
        body = self.body
        if isinstance(body, dict) and set(body) == {"data"} and isinstance(body["data"], dict):
            return Fields(body["data"], "data")
        if not isinstance(body, dict):
            raise BadInput("body", "the request body must be a JSON object")
        return Fields(body, "body")


Handler = Callable[[Session, Call], Any]
"""Returns the answer's JSON value, or ``(status, value)``."""


@dataclass(frozen=True)
class _Plain:
    """A handler's answer in the shape :func:`~boxoffice.central.idempotency.run_once` stores."""

    status: int
    value: Any

    def body(self) -> bytes:
        return dumps(self.value)


def _principal(session: Session, request: Request, access: Access) -> Principal | None:
    header = request.headers.get("authorization")
    if access == "public" and not header:
        return None
    principal = authenticate(session, header)
    if access == "admin":
        principal.require_admin(request.url.path)
    return principal


async def _body(request: Request, raw: bool) -> tuple[Any, bytes]:
    data = await request.body()
    if len(data) > MAX_EVENT_BODY:
        raise ApiError(f"the request body is larger than {MAX_EVENT_BODY} bytes")
    if raw:
        return None, data
    if not data.strip():
        return {}, data
    return parse_body(data).payload, data


def add_route(app: FastAPI, db: Database, method: str, path: str, handler: Handler, *, access: Access,
              summary: str, writes: bool = True, raw_body: bool = False, tag: str = "event tickets") -> None:
    """Register ``handler`` (run in a worker thread, in one write or read transaction) at ``method path``."""

    def run(request: Request, params: dict[str, str], body: Any, data: bytes) -> Answer:
        for name, value in params.items():
            require_clean_text(value, name)

        key = header_key(request.headers.get(HEADER)) if writes else None

        def work(session: Session) -> Answer:
            principal = _principal(session, request, access)

            def answer() -> _Plain:
                result = handler(session, Call(params, body, principal, utcnow(), data))
                return _Plain(*result) if isinstance(result, tuple) else _Plain(200, result)

            if principal is None or key is None:  # replays are kept per caller: none without a token
                plain = answer()
                return Answer(plain.status, plain.body())
            fingerprint = request_hash(f"{method} {request.url.path}\n" + data.decode("utf-8", "replace"))
            return run_once(session, principal, f"{method} {path}", key, fingerprint, answer)  # type: ignore[arg-type]

        if writes:
            return db.write(work)
        with db.read() as session:
            return work(session)

    async def endpoint(request: Request) -> Response:
        try:
            body, data = (None, b"") if method == "GET" else await _body(request, raw_body)
            answer = await run_in_threadpool(run, request, dict(request.path_params), body, data)
        except ApiError as exc:
            return exc.response()
        return json_response(answer.status, answer.body, {"Idempotent-Replayed": "true"} if answer.replayed else None)

    endpoint.__name__ = path.strip("/").replace("/", "_").replace("{", "").replace("}", "").replace("-", "_")
    app.add_api_route(path, endpoint, methods=[method], name=f"{method} {path}", summary=summary,
                      response_class=Response, tags=[tag])
