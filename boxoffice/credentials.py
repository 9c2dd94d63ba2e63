"""The office's API token, kept only in the OS keyring (service ``boxoffice``).

Never in the config file and never in the logs. A bare kiosk may have no keyring at all; then every call
raises :class:`CredentialsError` saying what to install, instead of an obscure backend traceback.
"""

from __future__ import annotations

import keyring
import keyring.errors
from keyring.backend import KeyringBackend

from boxoffice.core.errors import CredentialsError
from boxoffice.logging_setup import register_secret

SERVICE = "boxoffice"

NO_KEYRING_HELP = (
    "No OS keyring is available to keep the API token. On Windows this should not happen (Credential "
    "Manager); on Linux install and unlock a Secret Service, e.g. `apt-get install gnome-keyring dbus` and "
    "start the session with `dbus-run-session` and `gnome-keyring-daemon --unlock`, or choose another "
    "backend with the PYTHON_KEYRING_BACKEND environment variable."
)


def _account(office_id: str) -> str:
    return f"api-token:{office_id}"


def backend() -> KeyringBackend:
    return keyring.get_keyring()


def backend_name() -> str:
    kr = backend()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def keyring_available() -> bool:
    """False when the only backend is keyring's "fail" backend (a kiosk with no Secret Service)."""
    kr = backend()
    return not type(kr).__module__.startswith("keyring.backends.fail") and kr.priority > 0


def store_token(office_id: str, token: str) -> None:
    if not token.strip():
        raise CredentialsError("the API token is empty; paste the token the central platform gave this office")
    register_secret(token)
    try:
        keyring.set_password(SERVICE, _account(office_id), token.strip())
    except keyring.errors.NoKeyringError:
        raise CredentialsError(NO_KEYRING_HELP) from None
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(f"the OS keyring refused to store the token ({exc}); unlock it and retry") from None


def load_token(office_id: str) -> str:
    """The stored token, or :class:`CredentialsError` saying how to pair the terminal."""
    try:
        token = keyring.get_password(SERVICE, _account(office_id))
    except keyring.errors.NoKeyringError:
        raise CredentialsError(NO_KEYRING_HELP) from None
    except keyring.errors.KeyringError as exc:
        raise CredentialsError(f"the OS keyring could not be read ({exc}); unlock it and retry") from None
    if not token:
        raise CredentialsError(
            f"no API token stored for office {office_id!r}; pair this terminal with "
            "`boxoffice pair --url URL --office ID --token-stdin`"
        )
    register_secret(token)
    return token


def delete_token(office_id: str) -> None:
    try:
        keyring.delete_password(SERVICE, _account(office_id))
    except keyring.errors.PasswordDeleteError:
        pass
    except keyring.errors.NoKeyringError:
        raise CredentialsError(NO_KEYRING_HELP) from None


def mask(secret: str) -> str:
    """Show just enough of a secret to tell two apart: ``abcd…wxyz`` → ``ab…yz`` (4 chars shown at most)."""
    if not secret:
        return "(none)"
    if len(secret) <= 8:
        return "*" * len(secret)
    return f"{secret[:2]}…{secret[-2:]}"
