"""The office's API token, kept only in the OS keyring (service ``boxoffice``).

Never in the config file and never in the logs. A bare kiosk may have no keyring at all; then every call
raises :class:`CredentialsError` saying what to install, instead of an obscure backend traceback.

Entries are named ``api-token:<office id>@<central URL>``: the keyring is shared by every data dir of the OS
user, and two of them paired with different centrals under the same office id must each keep their own token.
Entries of the older name ``api-token:<office id>`` are still read (and copied to the new name).
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit, urlunsplit

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from boxoffice.core.errors import CredentialsError
from boxoffice.logging_setup import register_secret

log = logging.getLogger(__name__)

SERVICE = "boxoffice"

NO_KEYRING_HELP = (
    "No OS keyring is available to keep the API token. On Windows this should not happen (Credential "
    "Manager); on Linux install and unlock a Secret Service, e.g. `apt-get install gnome-keyring dbus` and "
    "start the session with `dbus-run-session` and `gnome-keyring-daemon --unlock`, or choose another "
    "backend with the PYTHON_KEYRING_BACKEND environment variable."
)


def _legacy_account(office_id: str) -> str:
    """The name used before the central's address was part of it (read as a fallback, never written)."""
    return f"api-token:{office_id}"


def _account(office_id: str, central_url: str = "") -> str:
    """One entry per office *and* central platform: two data dirs paired with different centrals under the same
    office id must not replace each other's token. Without a URL, the legacy name (old callers, tests)."""
    url = canonical_url(central_url)
    return f"api-token:{office_id}@{url}" if url else _legacy_account(office_id)


def canonical_url(url: str) -> str:
    """``url`` as the keyring names it: no spaces or trailing slash, scheme and host in lower case."""
    parts = urlsplit((url or "").strip().rstrip("/"))
    if not parts.scheme:
        return (url or "").strip().rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, parts.fragment))


def backend() -> KeyringBackend:
    return keyring.get_keyring()


def backend_name() -> str:
    kr = backend()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def keyring_available() -> bool:
    """False when the only backend is keyring's "fail" backend (a kiosk with no Secret Service)."""
    kr = backend()
    return not type(kr).__module__.startswith("keyring.backends.fail") and kr.priority > 0


def store_token(office_id: str, token: str, central_url: str = "") -> None:
    if not token.strip():
        raise CredentialsError("the API token is empty; paste the token the central platform gave this office")
    register_secret(token)
    _set(_account(office_id, central_url), token.strip())


def load_token(office_id: str, central_url: str = "") -> str:
    """The stored token, or :class:`CredentialsError` saying how to pair the terminal.

    A terminal paired before entries were named by central URL finds its token under the legacy name; it is
    copied to the new name (migrated) and the legacy entry is left for other data dirs that still read it.
    """
    token = peek_token(office_id, central_url)
    if not token and canonical_url(central_url):
        token = _get(_legacy_account(office_id))
        if token:
            try:
                _set(_account(office_id, central_url), token)
                log.info("API token of office %s found under the legacy keyring name; copied to the name with "
                         "the central's address", office_id)
            except CredentialsError as exc:  # a read-only keyring: the legacy entry still works
                log.warning("API token of office %s kept under the legacy keyring name only: %s", office_id, exc)
    if not token:
        raise CredentialsError(
            f"no API token stored for office {office_id!r}; pair this terminal with "
            "`boxoffice pair --url URL --office ID --token-stdin`"
        )
    register_secret(token)
    return token


def peek_token(office_id: str, central_url: str = "") -> str | None:
    """The token under exactly this name (no fallback), or None: lets a failed re-pair put it back."""
    token = _get(_account(office_id, central_url))
    if token:
        register_secret(token)
    return token or None


def delete_token(office_id: str, central_url: str = "") -> None:
    try:
        keyring.delete_password(SERVICE, _account(office_id, central_url))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.NoKeyringError:
        raise CredentialsError(NO_KEYRING_HELP) from None


def _get(account: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, account)
    except keyring.errors.NoKeyringError:
        raise CredentialsError(NO_KEYRING_HELP) from None
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(f"the OS keyring could not be read ({exc}); unlock it and retry") from None


def _set(account: str, token: str) -> None:
    try:
        keyring.set_password(SERVICE, account, token)
    except keyring.errors.NoKeyringError:
        raise CredentialsError(NO_KEYRING_HELP) from None
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(f"the OS keyring refused to store the token ({exc}); unlock it and retry") from None


def mask(secret: str) -> str:
    """Show just enough of a secret to tell two apart: ``abcd…wxyz`` → ``ab…yz`` (4 chars shown at most)."""
    if not secret:
        return "(none)"
    if len(secret) <= 8:
        return "*" * len(secret)
    return f"{secret[:2]}…{secret[-2:]}"
