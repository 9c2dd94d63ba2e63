"""Who is acting: the clerk a service is told about, read again inside its transaction and checked.

A window or a script passes the acting clerk (a :class:`~boxoffice.services.clerks.ClerkInfo`, or the name the
journal will carry); the service reads that clerk's row in the same transaction as the work, so a clerk
deactivated or demoted a moment ago is refused, then checks the role against ``core/permissions``. Nobody at
all (``None``) may do nothing that needs a permission: a headless command asks for a supervisor first.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.permissions import Action, require
from boxoffice.store.models import Clerk


class HasId(Protocol):
    @property
    def id(self) -> int: ...


class ActorInactive(BoxOfficeError):
    """The acting clerk no longer exists or was deactivated since they signed in."""

    code = "actor_inactive"


Actor = HasId | str | None


def acting_clerk(session: Session, actor: Actor, action: Action) -> Clerk:
    """The active clerk acting, allowed to do ``action``; raises ``PermissionRefused`` or :class:`ActorInactive`."""
    if actor is None:
        require(None, action)
        raise AssertionError("unreachable: nobody may do anything")  # pragma: no cover
    if isinstance(actor, str):
        clerk = session.scalars(select(Clerk).where(Clerk.name == actor)).first()
    else:
        clerk = session.get(Clerk, actor.id)
    if clerk is None or not clerk.active:
        raise ActorInactive("The clerk acting is not an active clerk here any more: sign in again.",
                            params={"name": actor if isinstance(actor, str) else getattr(actor, "name", "")})
    require(clerk.role, action)
    return clerk
