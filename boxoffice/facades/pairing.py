"""Setting a window up (the first-run wizard): test the platform, pair, fetch the inventory, know whether clerks
exist. Network, keyring, config file and store work: the wizard calls these through the operation runner, never
on the GUI thread. :mod:`boxoffice.pairing` holds the steps (``boxoffice pair`` uses them too).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from boxoffice import pairing
from boxoffice.services import clerks


class PairingFacade:
    """The pairing steps for one unpaired terminal (``context``: a :class:`boxoffice.app.Context`) and its store."""

    def __init__(self, context: Any, store: Any) -> None:
        self._context = context
        self._write = store.session_factory
        self._read = store.read_session_factory

    def check_connection(self, url: str, office_id: str, token: str, ca_file: str | None,
                         event_ids: Sequence[str]) -> pairing.OfficeInfo:
        """Ask the platform whether these values work; saves nothing."""
        return pairing.check_connection(url, office_id, token, ca_file, event_ids=event_ids)

    def pair(self, url: str, office_id: str, token: str, *, office_name: str | None, ca_file: str | None,
             event_ids: Sequence[str]) -> pairing.Paired:
        """Check again, store the token in the keyring, save the config."""
        return pairing.pair(self._context, url, office_id, token, office_name=office_name, ca_file=ca_file,
                            event_ids=event_ids)

    def pull(self, paired: Any, event_ids: Sequence[str]) -> tuple[list, list[str]]:
        """Fetch the inventory with the paired context: the merge reports and the ticket types left out."""
        refused: list[str] = []
        return pairing.pull_inventory(paired, self._write, event_ids, refused), refused

    def has_clerks(self) -> bool:
        return clerks.has_clerks(self._read)
