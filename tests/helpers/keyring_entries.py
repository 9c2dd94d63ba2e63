"""What the test's file keyring (keyrings.alt ``PlaintextKeyring``) holds, to prove nothing was saved."""

from __future__ import annotations

import configparser

import keyring
from keyrings.alt.escape import unescape

from boxoffice.credentials import SERVICE


def token_entries(office_id: str) -> list[str]:
    """Every account holding a token of ``office_id``, under any central's address or the legacy name.

    The file backend lower-cases account names (configparser), so the comparison does too."""
    parser = configparser.RawConfigParser()
    parser.read(keyring.get_keyring().file_path, encoding="utf-8")  # type: ignore[attr-defined]
    if not parser.has_section(SERVICE):
        return []
    legacy = f"api-token:{office_id}".lower()
    names = [unescape(option) for option in parser.options(SERVICE)]
    return [name for name in names if name == legacy or name.startswith(legacy + "@")]
