"""Clerks: PINs as scrypt hashes, sign-in by PIN or badge, lockout after five wrong PINs, the first supervisor.

PINs are 4 to 8 ASCII digits, stored as ``scrypt$<log2 n>$<r>$<p>$<salt b64>$<key b64>`` (stdlib
``hashlib.scrypt``, 16-byte random salt, 32-byte key), so a hash says how it was made and old hashes keep
verifying if the cost ever changes. Keys are compared with ``hmac.compare_digest``.

scrypt at n=2**17 takes a few hundred milliseconds and 128 MiB, so it never runs inside a transaction: a
sign-in reads the clerk in one short transaction, hashes with no transaction open, then writes the counters
and the journal in a second short one. Call these functions off the GUI thread.

Five wrong PINs in a row lock the clerk for a minute (``locked_until``); while locked the clerk is refused,
even with the right PIN or badge, and the counter starts again from zero when the minute is over. A success
resets it. Every sign-in, refusal and lockout is journaled; no PIN ever reaches the journal, a log or an
error message, and each PIN is registered with the log redactor while it is handled.

The UI gets :class:`ClerkInfo` values, never ORM objects.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from boxoffice.core.errors import BoxOfficeError
from boxoffice.core.permissions import Action
from boxoffice.services import authority, journal
from boxoffice.services.authority import HasId
from boxoffice.store.models import CLERK_ROLES, Clerk
from boxoffice.store.types import format_utc, utcnow

log = logging.getLogger(__name__)

PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 8
NAME_MAX_LENGTH = 40
BADGE_MAX_LENGTH = 64
MAX_WRONG_PINS = 5
LOCKOUT = timedelta(minutes=1)

SALT_BYTES = 16
KEY_BYTES = 32
_SCHEME = "scrypt"
_PIN_RE = re.compile(rf"[0-9]{{{PIN_MIN_DIGITS},{PIN_MAX_DIGITS}}}")


# --- errors -----------------------------------------------------------------------------------------------

class ClerkError(BoxOfficeError):
    """Base of the clerk and sign-in errors."""


class InvalidClerk(ClerkError, ValueError):
    """A name, role or badge that cannot be used (empty, too long, unknown role)."""


class InvalidPin(ClerkError, ValueError):
    """A new PIN that breaks the rules (4 to 8 digits). The message never contains the PIN."""


class DuplicateClerk(ClerkError):
    """Another clerk already has this name or badge; ``field`` is ``"name"`` or ``"badge"``."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message, code=f"clerk_{field}_taken")
        self.field = field


class ClerksAlreadyExist(ClerkError):
    """The first supervisor can only be created while there are no clerks at all."""

    code = "clerks_already_exist"


class SignInRefused(ClerkError):
    """Base of the reasons a sign-in fails."""


class UnknownClerk(SignInRefused):
    """No active clerk with that id (removed or deactivated since the list was shown)."""

    code = "sign_in_clerk_gone"


class UnknownBadge(SignInRefused):
    """No active clerk has that badge."""

    code = "badge_unknown"


class WrongPin(SignInRefused):
    """The PIN does not match; ``tries_left`` more wrong PINs are allowed before the clerk is locked."""

    def __init__(self, message: str, tries_left: int) -> None:
        super().__init__(message)
        self.tries_left = tries_left


class ClerkLocked(SignInRefused):
    """Too many wrong PINs: the clerk is refused until ``until`` (aware UTC)."""

    code = "clerk_locked"

    def __init__(self, message: str, name: str, until: datetime) -> None:
        super().__init__(message)
        self.name = name
        self.until = until


# --- PIN hashing ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScryptCost:
    """scrypt parameters; ``n = 2 ** log_n``."""

    log_n: int = 17
    r: int = 8
    p: int = 1

    @property
    def n(self) -> int:
        return 1 << self.log_n

    @property
    def maxmem(self) -> int:
        """What OpenSSL needs (128·r·(n+2) for V plus 128·r·p for B) plus 1 MiB of margin."""
        return 128 * self.r * (self.n + 2) + 128 * self.r * self.p + (1 << 20)


#: The cost new hashes are made with. Tests swap in a cheap one (``monkeypatch.setattr(clerks, "PIN_COST",
#: ScryptCost(log_n=4))``); hashes carry their own cost, so verifying always uses the stored one.
PIN_COST = ScryptCost()
#: What a stored hash may ask for: refuses absurd parameters from a damaged or hostile row.
_MAX_LOG_N, _MAX_R, _MAX_P = 20, 32, 16


def check_pin_rules(pin: str) -> None:
    """Raise :class:`InvalidPin` unless ``pin`` is 4 to 8 ASCII digits."""
    if not isinstance(pin, str) or not _PIN_RE.fullmatch(pin):
        raise InvalidPin(f"A PIN is {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits (0-9), nothing else.",
                         code="pin_invalid", params={"low": PIN_MIN_DIGITS, "high": PIN_MAX_DIGITS})


def _derive(pin: str, salt: bytes, cost: ScryptCost) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.maxmem,
                          dklen=KEY_BYTES)


def hash_pin(pin: str, cost: ScryptCost | None = None) -> str:
    """``scrypt$17$8$1$<salt b64>$<key b64>`` for a PIN that follows the rules."""
    check_pin_rules(pin)
    cost = cost or PIN_COST
    salt = secrets.token_bytes(SALT_BYTES)
    key = _derive(pin, salt, cost)
    return "$".join((_SCHEME, str(cost.log_n), str(cost.r), str(cost.p),
                     base64.b64encode(salt).decode("ascii"), base64.b64encode(key).decode("ascii")))


def _parse(encoded: str) -> tuple[ScryptCost, bytes, bytes]:
    parts = encoded.split("$")
    if len(parts) != 6 or parts[0] != _SCHEME:
        raise ValueError("not an scrypt PIN hash")
    log_n, r, p = (int(part) for part in parts[1:4])
    if not (1 <= log_n <= _MAX_LOG_N and 1 <= r <= _MAX_R and 1 <= p <= _MAX_P):
        raise ValueError("scrypt parameters out of range")
    try:
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except binascii.Error as exc:
        raise ValueError("bad base64 in the PIN hash") from exc
    if len(salt) < SALT_BYTES or not key:
        raise ValueError("salt or key too short")
    return ScryptCost(log_n, r, p), salt, key


def verify_pin(pin: str, encoded: str) -> bool:
    """True when ``pin`` matches the stored hash (constant-time compare). A damaged hash never matches."""
    try:
        cost, salt, expected = _parse(encoded)
    except ValueError as exc:
        log.error("a clerk's PIN hash cannot be read (%s); that clerk cannot sign in by PIN", exc)
        return False
    if not isinstance(pin, str) or not _PIN_RE.fullmatch(pin):
        return False  # can never have been set; no need to spend the scrypt work
    actual = hashlib.scrypt(pin.encode("ascii"), salt=salt, n=cost.n, r=cost.r, p=cost.p, maxmem=cost.maxmem,
                            dklen=len(expected))
    return hmac.compare_digest(actual, expected)


# --- clerks -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ClerkInfo:
    """What the UI knows about a clerk."""

    id: int
    name: str
    role: str
    rfid: str | None

    @property
    def is_supervisor(self) -> bool:
        return self.role == "supervisor"


def _info(clerk: Clerk) -> ClerkInfo:
    return ClerkInfo(id=clerk.id, name=clerk.name, role=clerk.role, rfid=clerk.rfid)


def _clean_name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise InvalidClerk("Give the clerk a name.", code="clerk_name_missing")
    if len(cleaned) > NAME_MAX_LENGTH:
        raise InvalidClerk(f"A clerk's name has at most {NAME_MAX_LENGTH} characters.", code="clerk_name_too_long",
                           params={"max": NAME_MAX_LENGTH})
    if not cleaned.isprintable():
        raise InvalidClerk("A clerk's name cannot contain control characters.", code="clerk_name_unprintable")
    return cleaned


def _clean_badge(rfid: str | None) -> str | None:
    cleaned = (rfid or "").strip()
    if not cleaned:
        return None
    if len(cleaned) > BADGE_MAX_LENGTH or not cleaned.isprintable():
        raise InvalidClerk("That badge code cannot be used (too long or unreadable); scan it again.",
                           code="badge_unusable")
    return cleaned


def _check_role(role: str) -> None:
    if role not in CLERK_ROLES:
        raise InvalidClerk(f"A clerk's role is one of {', '.join(CLERK_ROLES)}, not {role!r}.",
                           code="clerk_role_unknown", params={"role": role})


def has_clerks(session_factory: sessionmaker[Session]) -> bool:
    """True once any clerk exists (active or not): then the first-supervisor set-up is over."""
    with session_factory() as session:
        return session.scalar(select(func.count()).select_from(Clerk)) > 0


def list_clerks(session_factory: sessionmaker[Session]) -> list[ClerkInfo]:
    """The active clerks, by name (case-insensitive)."""
    with session_factory() as session:
        found = [_info(c) for c in session.scalars(select(Clerk).where(Clerk.active.is_(True)))]
    return sorted(found, key=lambda c: (c.name.casefold(), c.name))


def create_clerk(session_factory: sessionmaker[Session], name: str, pin: str, role: str = "clerk",
                 rfid: str | None = None, actor: str | None = None, *, cost: ScryptCost | None = None
                 ) -> ClerkInfo:
    """Add a clerk with no permission check (journaled ``clerk_created``): for seeding a store (the demo, tests).
    Names are unique ignoring case; a badge belongs to one clerk. The window and the CLI use :func:`add_clerk`."""
    return _create(session_factory, name, pin, role, rfid, actor, cost, first=False)


def create_first_supervisor(session_factory: sessionmaker[Session], name: str, pin: str,
                            rfid: str | None = None, *, cost: ScryptCost | None = None) -> ClerkInfo:
    """The first start: create the supervisor. Refused (:class:`ClerksAlreadyExist`) once any clerk exists."""
    return _create(session_factory, name, pin, "supervisor", rfid, None, cost, first=True)


def _create(session_factory: sessionmaker[Session], name: str, pin: str, role: str, rfid: str | None,
            actor: str | None, cost: ScryptCost | None, *, first: bool) -> ClerkInfo:
    # PINs are never logged; they are not registered for scrubbing either, because a 4-digit PIN such as
    # "2025" would then be cut out of every timestamp in the log
    name = _clean_name(name)
    badge = _clean_badge(rfid)
    _check_role(role)
    check_pin_rules(pin)
    pin_hash = hash_pin(pin, cost)  # slow: before the transaction
    try:
        with session_factory.begin() as session:
            if first and session.scalar(select(func.count()).select_from(Clerk)) > 0:
                raise ClerksAlreadyExist("The first supervisor already exists; sign in and add clerks from there.")
            _check_unique(session, None, name, badge)
            clerk = Clerk(name=name, role=role, pin_hash=pin_hash, rfid=badge, active=True)
            session.add(clerk)
            session.flush()
            journal.append(session, "clerk_created",
                           {"clerk_id": clerk.id, "name": name, "role": role, "badge": badge is not None,
                            "first_supervisor": first},
                           actor=actor, subject=name)
            info = _info(clerk)
    except IntegrityError as exc:  # a second window added the same name or badge at the same moment
        with session_factory() as session:
            taken_badge = badge is not None and session.scalar(select(Clerk.id).where(Clerk.rfid == badge))
        field = "badge" if taken_badge else "name"
        raise DuplicateClerk(f"Another window just added a clerk with that {field}.", field) from exc
    log.info("clerk %s created (id %s, %s)", name, info.id, role)
    return info


# --- staff management (a supervisor's) ----------------------------------------------------------------------

class StaffRefused(ClerkError):
    """A staff change that cannot be made as asked; nothing was written."""


class Keep(Enum):
    KEEP = "keep"


#: Passed as ``rfid`` to :func:`edit_clerk` to leave the badge as it is.
KEEP = Keep.KEEP


@dataclass(frozen=True)
class StaffMember:
    """One row of the staff screen: every clerk, active or not. The badge code itself stays in the store."""

    id: int
    name: str
    role: str
    has_badge: bool
    active: bool
    locked_until: datetime | None = None


def staff_list(session_factory: sessionmaker[Session]) -> list[StaffMember]:
    """Every clerk (deactivated ones too: sales point at them), active first, then by name."""
    with session_factory() as session:
        found = [StaffMember(c.id, c.name, c.role, c.rfid is not None, c.active, c.locked_until)
                 for c in session.scalars(select(Clerk))]
    return sorted(found, key=lambda c: (not c.active, c.name.casefold(), c.name))


def _target(session: Session, clerk_id: int) -> Clerk:
    clerk = session.get(Clerk, clerk_id)
    if clerk is None:
        raise StaffRefused("That clerk is not in this terminal's list any more.", code="clerk_unknown")
    return clerk


def _check_unique(session: Session, clerk_id: int | None, name: str | None, badge: str | None) -> None:
    for other_id, other_name, other_badge in session.execute(select(Clerk.id, Clerk.name, Clerk.rfid)):
        if other_id == clerk_id:
            continue
        if name is not None and other_name.casefold() == name.casefold():
            raise DuplicateClerk(f"There is already a clerk called {other_name!r}.", "name")
        if badge is not None and other_badge == badge:
            raise DuplicateClerk(f"That badge already belongs to {other_name!r}.", "badge")


def _keep_a_supervisor(session: Session, clerk: Clerk) -> None:
    """Refuse taking away the last active supervisor: nobody could then manage staff or close the day."""
    others = session.scalar(select(func.count()).select_from(Clerk).where(
        Clerk.role == "supervisor", Clerk.active.is_(True), Clerk.id != clerk.id))
    if clerk.role == "supervisor" and clerk.active and not others:
        raise StaffRefused(f"{clerk.name} is the last active supervisor here; make another supervisor first.",
                           code="clerk_last_supervisor", params={"name": clerk.name})


def _staff_write(session_factory: sessionmaker[Session], what: str, work: Callable[[Session], ClerkInfo]
                 ) -> ClerkInfo:
    """One staff transaction; a unique index another window beat us to becomes :class:`DuplicateClerk`."""
    try:
        with session_factory.begin() as session:
            info = work(session)
    except IntegrityError as exc:
        raise DuplicateClerk(f"Another window just gave a clerk that {what}.", what) from exc
    return info


def add_clerk(session_factory: sessionmaker[Session], actor: HasId, name: str, pin: str, role: str = "clerk",
              rfid: str | None = None, *, cost: ScryptCost | None = None) -> ClerkInfo:
    """A supervisor adds a clerk (journaled ``clerk_added``, no PIN or badge code in it)."""
    name = _clean_name(name)
    badge = _clean_badge(rfid)
    _check_role(role)
    check_pin_rules(pin)
    pin_hash = hash_pin(pin, cost)  # slow: before the transaction

    def work(session: Session) -> ClerkInfo:
        acting = authority.acting_clerk(session, actor, Action.staff)
        _check_unique(session, None, name, badge)
        clerk = Clerk(name=name, role=role, pin_hash=pin_hash, rfid=badge, active=True)
        session.add(clerk)
        session.flush()
        journal.append(session, "clerk_added", {"clerk_id": clerk.id, "name": name, "role": role,
                                                "badge": badge is not None}, actor=acting.name, subject=name)
        return _info(clerk)

    info = _staff_write(session_factory, "badge" if badge else "name", work)
    log.info("clerk %s added (id %s, %s)", info.name, info.id, info.role)
    return info


def edit_clerk(session_factory: sessionmaker[Session], actor: HasId, clerk_id: int, *, name: str | None = None,
               role: str | None = None, rfid: str | Keep | None = KEEP) -> ClerkInfo:
    """Change a clerk's name, role or badge (``rfid=None`` removes it); journaled ``clerk_edited`` with what
    changed (never the badge code). Nothing to change writes nothing."""
    new_name = _clean_name(name) if name is not None else None
    if role is not None:
        _check_role(role)
    new_badge = rfid if isinstance(rfid, Keep) else _clean_badge(rfid)

    def work(session: Session) -> ClerkInfo:
        acting = authority.acting_clerk(session, actor, Action.staff)
        clerk = _target(session, clerk_id)
        before = clerk.name
        changes: dict[str, object] = {}
        if new_name is not None and new_name != clerk.name:
            _check_unique(session, clerk.id, new_name, None)
            changes["name"] = [clerk.name, new_name]
            clerk.name = new_name
        if role is not None and role != clerk.role:
            if role != "supervisor":
                _keep_a_supervisor(session, clerk)
            changes["role"] = [clerk.role, role]
            clerk.role = role
        if not isinstance(new_badge, Keep) and new_badge != clerk.rfid:
            _check_unique(session, clerk.id, None, new_badge)
            changes["badge"] = "removed" if new_badge is None else ("replaced" if clerk.rfid else "added")
            clerk.rfid = new_badge
        if changes:
            journal.append(session, "clerk_edited", {"clerk_id": clerk.id, "name": clerk.name, "changes": changes},
                           actor=acting.name, subject=before)
        return _info(clerk)

    return _staff_write(session_factory, "name" if isinstance(new_badge, Keep) or new_badge is None else "badge",
                        work)


def set_active(session_factory: sessionmaker[Session], actor: HasId, clerk_id: int, active: bool) -> ClerkInfo:
    """Deactivate (never delete: sales point at clerks) or reactivate a clerk; journaled
    ``clerk_deactivated`` / ``clerk_reactivated``. A supervisor cannot deactivate themselves, nor the last one."""

    def work(session: Session) -> ClerkInfo:
        acting = authority.acting_clerk(session, actor, Action.staff)
        clerk = _target(session, clerk_id)
        if clerk.active == active:
            return _info(clerk)
        if not active:
            if clerk.id == acting.id:
                raise StaffRefused("You cannot deactivate yourself; ask another supervisor.",
                                   code="clerk_deactivate_self")
            _keep_a_supervisor(session, clerk)
        clerk.active = active
        clerk.failed_pin_attempts = 0
        clerk.locked_until = None
        journal.append(session, "clerk_deactivated" if not active else "clerk_reactivated",
                       {"clerk_id": clerk.id, "name": clerk.name, "role": clerk.role},
                       actor=acting.name, subject=clerk.name)
        return _info(clerk)

    return _staff_write(session_factory, "name", work)


def reset_pin(session_factory: sessionmaker[Session], actor: HasId, clerk_id: int, new_pin: str, *,
              cost: ScryptCost | None = None) -> ClerkInfo:
    """Give a clerk a new PIN (and lift a lockout); journaled ``pin_reset`` without the PIN or its hash."""
    check_pin_rules(new_pin)
    pin_hash = hash_pin(new_pin, cost)  # slow: before the transaction

    def work(session: Session) -> ClerkInfo:
        acting = authority.acting_clerk(session, actor, Action.staff)
        clerk = _target(session, clerk_id)
        if not clerk.active:
            raise StaffRefused(f"{clerk.name} is deactivated; reactivate them first.", code="clerk_not_active",
                               params={"name": clerk.name})
        clerk.pin_hash = pin_hash
        clerk.failed_pin_attempts = 0
        clerk.locked_until = None
        journal.append(session, "pin_reset", {"clerk_id": clerk.id, "name": clerk.name},
                       actor=acting.name, subject=clerk.name)
        return _info(clerk)

    info = _staff_write(session_factory, "name", work)
    log.info("PIN of clerk %s reset", info.name)
    return info


def enrol_badge(session_factory: sessionmaker[Session], actor: HasId, clerk_id: int, rfid: str) -> ClerkInfo:
    """Give a clerk the badge just swiped (replacing theirs); one badge, one clerk. Journaled
    ``badge_enrolled`` without the code: a badge signs in on its own."""
    badge = _clean_badge(rfid)
    if badge is None:
        raise InvalidClerk("Swipe the badge to enrol.", code="badge_missing")

    def work(session: Session) -> ClerkInfo:
        acting = authority.acting_clerk(session, actor, Action.staff)
        clerk = _target(session, clerk_id)
        if clerk.rfid == badge:
            return _info(clerk)
        _check_unique(session, clerk.id, None, badge)
        replaced = clerk.rfid is not None
        clerk.rfid = badge
        journal.append(session, "badge_enrolled", {"clerk_id": clerk.id, "name": clerk.name, "replaced": replaced},
                       actor=acting.name, subject=clerk.name)
        return _info(clerk)

    return _staff_write(session_factory, "badge", work)


# --- signing in -------------------------------------------------------------------------------------------

def _locked(clerk: Clerk, now: datetime) -> bool:
    return clerk.locked_until is not None and now < clerk.locked_until


def _locked_error(clerk: Clerk) -> ClerkLocked:
    assert clerk.locked_until is not None
    local = clerk.locked_until.astimezone().strftime("%H:%M:%S")
    return ClerkLocked(f"{clerk.name} is locked after {MAX_WRONG_PINS} wrong PINs; try again at {local}.",
                       clerk.name, clerk.locked_until)


def _refuse_locked(session: Session, clerk: Clerk, method: str) -> ClerkLocked:
    journal.append(session, "clerk_sign_in_failed",
                   {"clerk_id": clerk.id, "name": clerk.name, "method": method, "reason": "locked",
                    "locked_until": format_utc(clerk.locked_until) if clerk.locked_until else None},
                   subject=clerk.name)
    return _locked_error(clerk)


def _succeed(session: Session, clerk: Clerk, method: str) -> ClerkInfo:
    clerk.failed_pin_attempts = 0
    clerk.locked_until = None
    journal.append(session, "clerk_sign_in", {"clerk_id": clerk.id, "name": clerk.name, "method": method},
                   actor=clerk.name, subject=clerk.name)
    return _info(clerk)


def _now(now: datetime | None) -> datetime:
    if now is None:
        return utcnow()
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be an aware datetime")
    return now


def sign_in_pin(session_factory: sessionmaker[Session], clerk_id: int, pin: str,
                now: datetime | None = None) -> ClerkInfo:
    """Check ``pin`` for the clerk; raises :class:`WrongPin`, :class:`ClerkLocked` or :class:`UnknownClerk`.

    The refusal is raised only after its journal entry (and the counter) is committed.
    """
    now = _now(now)
    refusal: SignInRefused | None = None
    with session_factory.begin() as session:
        clerk = session.get(Clerk, clerk_id)
        if clerk is None or not clerk.active:
            raise UnknownClerk("That clerk cannot sign in here any more; choose your name again.")
        if _locked(clerk, now):
            refusal = _refuse_locked(session, clerk, "pin")
        stored_hash = clerk.pin_hash
    if refusal is not None:
        raise refusal

    matches = verify_pin(pin, stored_hash)  # slow, with no transaction open

    result: ClerkInfo | None = None
    with session_factory.begin() as session:
        clerk = session.get(Clerk, clerk_id)
        if clerk is None or not clerk.active:
            raise UnknownClerk("That clerk cannot sign in here any more; choose your name again.")
        if _locked(clerk, now):  # another window locked the clerk while we were hashing
            refusal = _refuse_locked(session, clerk, "pin")
        elif matches and clerk.pin_hash == stored_hash:
            result = _succeed(session, clerk, "pin")
        else:
            clerk.failed_pin_attempts += 1
            attempts = clerk.failed_pin_attempts
            journal.append(session, "clerk_sign_in_failed",
                           {"clerk_id": clerk.id, "name": clerk.name, "method": "pin", "reason": "wrong_pin",
                            "failed_attempts": attempts},
                           subject=clerk.name)
            if attempts >= MAX_WRONG_PINS:
                clerk.locked_until = now + LOCKOUT
                clerk.failed_pin_attempts = 0  # a fresh set of tries once the minute is over
                journal.append(session, "clerk_locked",
                               {"clerk_id": clerk.id, "name": clerk.name, "failed_attempts": attempts,
                                "locked_until": format_utc(clerk.locked_until)},
                               subject=clerk.name)
                refusal = _locked_error(clerk)
            else:
                left = MAX_WRONG_PINS - attempts
                refusal = WrongPin(f"Wrong PIN; {left} {'try' if left == 1 else 'tries'} left.", left)
    if refusal is not None:
        log.info("sign-in refused for clerk %s: %s", clerk_id, type(refusal).__name__)
        raise refusal
    assert result is not None
    log.info("clerk %s signed in by PIN", result.name)
    return result


def sign_in_badge(session_factory: sessionmaker[Session], rfid: str, now: datetime | None = None) -> ClerkInfo:
    """Sign in the active clerk with this badge; raises :class:`UnknownBadge` or :class:`ClerkLocked`."""
    now = _now(now)
    badge = (rfid or "").strip()
    refusal: SignInRefused | None = None
    result: ClerkInfo | None = None
    with session_factory.begin() as session:
        clerk = session.scalars(select(Clerk).where(Clerk.rfid == badge, Clerk.active.is_(True))).first() \
            if badge else None
        if clerk is None:
            # The unknown code itself is not journaled: it may be somebody's badge or a ticket.
            journal.append(session, "clerk_sign_in_failed", {"method": "badge", "reason": "unknown_badge"})
            refusal = UnknownBadge("That badge does not belong to any clerk here.")
        elif _locked(clerk, now):
            refusal = _refuse_locked(session, clerk, "badge")
        else:
            result = _succeed(session, clerk, "badge")
    if refusal is not None:
        raise refusal
    assert result is not None
    log.info("clerk %s signed in by badge", result.name)
    return result
