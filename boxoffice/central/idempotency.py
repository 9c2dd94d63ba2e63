"""Request-level idempotency: the first answer to an ``X-Idempotency-Key`` is stored and replayed byte for byte.

The record is written in the same transaction as the work it describes, so either both exist or neither
does. Keys are scoped by caller and function. Reusing a key for a different request is refused (409) rather
than answered with the old response, which would silently drop the new request's content.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal
from boxoffice.central.envelope import ApiResult, BadInput, IdempotencyMismatch
from boxoffice.central.models import IdempotencyRecord

HEADER = "X-Idempotency-Key"
MAX_KEY_LENGTH = 255


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    replayed: bool = False


def header_key(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip()
    if not key or len(key) > MAX_KEY_LENGTH:
        raise BadInput(HEADER, f"the {HEADER} header must be 1 to {MAX_KEY_LENGTH} characters")
    return key


def request_hash(canonical_text: str) -> str:
    return hashlib.sha256(canonical_text.encode("utf-8")).hexdigest()


def run_once(session: Session, principal: Principal, function: str, key: str | None, fingerprint: str,
             work: Callable[[], ApiResult]) -> Answer:
    """Answer from the stored record when ``key`` was seen, else run ``work`` and store its answer."""
    if key is None:
        result = work()
        return Answer(result.status, result.body())
    stored = session.scalar(select(IdempotencyRecord).where(
        IdempotencyRecord.principal == principal.key, IdempotencyRecord.function == function,
        IdempotencyRecord.key == key))
    if stored is not None:
        if stored.request_hash != fingerprint:
            raise IdempotencyMismatch(
                f"{HEADER} {key!r} was already used for a different {function} request; send a new key for a "
                "new request", field=HEADER)
        return Answer(stored.status_code, stored.body, replayed=True)
    result = work()
    body = result.body()
    session.add(IdempotencyRecord(principal=principal.key, function=function, key=key,
                                  request_hash=fingerprint, status_code=result.status, body=body))
    session.flush()
    return Answer(result.status, body)
