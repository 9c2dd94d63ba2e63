"""Switching off the reference central's extensions, to behave like a platform that implements only the spec.

``BOXOFFICE_CENTRAL_SPEC_ONLY=1`` (read when the app is built) leaves out the functions the offline-office spec
does not have, so a terminal's fall-backs (pairing by event id, see :mod:`boxoffice.pairing`) can be proven
against a real server, and a site can check its terminals would work against another platform.
"""

from __future__ import annotations

import os

ENV_SPEC_ONLY = "BOXOFFICE_CENTRAL_SPEC_ONLY"
#: Callable functions of ours that are not in spec/offline-office-api.txt.
EXTENSIONS = frozenset({"offline_office_events", "offline_office_journal_anchor", "offline_office_sync_conflicts"})


def switched_off() -> frozenset[str]:
    """The function names to leave out of the app: the extensions when the variable is set (not "" or "0")."""
    return EXTENSIONS if os.environ.get(ENV_SPEC_ONLY, "").strip() not in ("", "0") else frozenset()
