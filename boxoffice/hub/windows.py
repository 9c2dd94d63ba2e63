"""The office's windows: each one a token the hub minted (an ``api_tokens`` row of the office, label
``window:NAME``) plus a ``hub_windows`` row, so a request tells the hub which window is asking.

A window pairs with the hub exactly as with a central (same office id, an office token), so the hub's extension
calls find the window from the token (:func:`window_of`); a token that is not a window's is refused (403).
A retired window keeps its token, to deliver its last sales and give its lease back, but gets nothing new.
"""

from __future__ import annotations

import re

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from boxoffice.central.auth import Principal, create_token, hash_token
from boxoffice.central.envelope import BadInput, Forbidden, NotFound
from boxoffice.central.models import ApiToken
from boxoffice.hub.models import HubHold, HubLease, HubWindow

LABEL_PREFIX = "window:"
NAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}")
NOT_A_WINDOW = "this token is not a window of this hub"


def check_name(name: str) -> str:
    """The window name as stored (spaces trimmed), or 400: it ends up in labels, logs and the CLI."""
    cleaned = name.strip()
    if not NAME_PATTERN.fullmatch(cleaned):
        raise BadInput("window", f"window name {name!r}: use 1 to 64 letters, digits, spaces, '.', '_' or '-', "
                                 "starting with a letter or digit (e.g. 'taquilla-1')")
    return cleaned


def create_window(session: Session, office_id: str, name: str) -> str:
    """Mint the token of a new window ``name`` of ``office_id``; returns it in clear (the only time it is)."""
    name = check_name(name)
    if session.scalar(select(HubWindow.id).where(HubWindow.name == name)) is not None:
        raise BadInput("window", f"a window named {name!r} already exists at this hub; choose another name "
                                 "(or retire it first: its token then gets nothing new)")
    token = create_token(session, office_id, label=LABEL_PREFIX + name)
    row_id = session.scalar(select(ApiToken.id).where(ApiToken.token_hash == hash_token(token)))
    assert row_id is not None
    session.add(HubWindow(name=name, token_id=row_id))
    session.flush()
    return token


def window_of(session: Session, principal: Principal) -> HubWindow:
    """The window whose token is calling, or 403 (an admin token, or an office token the hub did not mint)."""
    window = session.scalar(select(HubWindow).where(HubWindow.token_id == principal.token_id))
    if window is None:
        raise Forbidden(NOT_A_WINDOW)
    return window


def require_active(window: HubWindow) -> None:
    if window.retired:
        raise Forbidden(f"window {window.name!r} was retired at this hub; it gets no new holds or lease seats "
                        "(ask the supervisor for a new window token: boxoffice hub token create)")


def window_named(session: Session, name: str) -> HubWindow:
    window = session.scalar(select(HubWindow).where(HubWindow.name == name.strip()))
    if window is None:
        raise NotFound(f"no window named {name!r} at this hub (boxoffice hub token list shows them)", field="window")
    return window


def list_windows(session: Session) -> list[HubWindow]:
    return list(session.scalars(select(HubWindow).order_by(HubWindow.name)))


def retire(session: Session, name: str) -> HubWindow:
    """Take window ``name`` out of service: its holds go, its lease is recalled (it gives the unsold seats back
    when it next reaches the hub; ``leases.recall(force=True)`` frees them at once)."""
    window = window_named(session, name)
    window.retired = True
    session.execute(delete(HubHold).where(HubHold.window_id == window.id))
    session.execute(update(HubLease).where(HubLease.window_id == window.id).values(recalled=True)
                    .execution_options(synchronize_session=False))
    session.flush()
    return window
