"""Bearer tokens: an admin (platform) token may do everything, an office token acts for its own office only.

Tokens are random, shown once when created, and stored as SHA-256 hex: a copy of the database holds no
usable token. 401 = no or unknown token; 403 = a valid token used outside its scope.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.central.envelope import Forbidden, NotFound, Unauthorized
from boxoffice.central.models import ApiToken, Office

TOKEN_PREFIX = "bxc_"


@dataclass(frozen=True)
class Principal:
    """Who is calling: the admin, or one office."""

    token_id: int
    office_id: str | None
    is_admin: bool

    @property
    def key(self) -> str:
        """Scope of this caller's idempotency keys."""
        return "admin" if self.is_admin else f"office:{self.office_id}"

    def require_admin(self, function: str) -> None:
        if not self.is_admin:
            raise Forbidden(f"{function} needs the platform (admin) token; an office token cannot call it")

    def require_offices(self, office_ids: Iterable[str], field: str) -> None:
        """An office token may act only for its own office (the admin for any)."""
        if self.is_admin:
            return
        for office_id in office_ids:
            if office_id != self.office_id:
                raise Forbidden(f"this token belongs to office {self.office_id!r}; it cannot act for office "
                                f"{office_id!r} ({field})", field=field)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def create_token(session: Session, office_id: str | None, *, admin: bool = False, label: str = "") -> str:
    """Store a new token and return it in clear text (the only time it exists in clear)."""
    if office_id is not None and session.get(Office, office_id) is None:
        raise NotFound(f"unknown office {office_id!r}", field="office_id")
    if office_id is None and not admin:
        raise ValueError("an office token needs an office id")
    token = new_token()
    session.add(ApiToken(token_hash=hash_token(token), office_id=office_id, is_admin=admin, label=label))
    session.flush()
    return token


def bearer_token(authorization: str | None) -> str:
    """The token of an ``Authorization: Bearer <token>`` header, or 401."""
    if not authorization:
        raise Unauthorized("missing Authorization header; send 'Authorization: Bearer <token>'")
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("the Authorization header must be 'Bearer <token>'")
    return token.strip()


def authenticate(session: Session, authorization: str | None) -> Principal:
    token = bearer_token(authorization)
    row = session.execute(
        select(ApiToken.id, ApiToken.office_id, ApiToken.is_admin).where(ApiToken.token_hash == hash_token(token))
    ).first()
    if row is None:
        raise Unauthorized("invalid token: it is unknown to this platform")
    return Principal(token_id=row.id, office_id=row.office_id, is_admin=bool(row.is_admin))
