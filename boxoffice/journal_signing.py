"""The journal key: a secret in the OS keyring that signs every journal entry (issue #12 point 7, optional part).

The hash chain can be recomputed by anyone who can write the database file; a signature made with a key kept
outside the file cannot. The key is made the first time a paired terminal opens its store, under the store's
write lock (two processes starting at once make one key), and records the first entry it signs: entries from
there on must carry a valid ``mac``, so stripping or rewriting signatures shows. Entries written before stay
unsigned. A kiosk with no keyring keeps working unsigned (a warning in the log); the platform's anchors still
guard its journal.
"""

from __future__ import annotations

import json
import logging
import secrets

import keyring

from boxoffice import credentials
from boxoffice.services.journal import SIGNER, Signer
from boxoffice.store.engine import Store
from boxoffice.store.journal_head import read_head

log = logging.getLogger(__name__)


def account(office_id: str, central_url: str, terminal_id: str) -> str:
    """One key per terminal, office and platform (the keyring is shared by every data dir of the OS user)."""
    return f"journal-key:{terminal_id}@{office_id}@{credentials.canonical_url(central_url)}"


def _parse(value: str) -> Signer:
    data = json.loads(value)
    return Signer(bytes.fromhex(data["key"]), int(data["from_seq"]))


def load_or_create(store: Store, name: str) -> Signer | None:
    """The key stored as ``name``, made now (signing from the next entry on) when there is none yet; None when
    the keyring (or the database) cannot be used: signing is a second line of defence, never a reason not to
    start."""
    try:
        stored = keyring.get_password(credentials.SERVICE, name)
        if stored is None:
            with store.session_factory.begin() as session:  # the write lock: one key even for racing first starts
                stored = keyring.get_password(credentials.SERVICE, name)
                if stored is None:
                    head = read_head(session)
                    signer = Signer(secrets.token_bytes(32), (head.seq if head else 0) + 1)
                    keyring.set_password(credentials.SERVICE, name,
                                         json.dumps({"key": signer.key.hex(), "from_seq": signer.from_seq}))
                    log.info("journal key made: entries from %d on are signed", signer.from_seq)
                    return signer
        return _parse(stored)
    except (ValueError, KeyError, TypeError):
        log.warning("journal entries are not signed: the journal key in the OS keyring is unreadable")
    except Exception as exc:  # any keyring backend or database trouble: start unsigned, and say why
        log.warning("journal entries are not signed: %s", exc)
    return None


def attach(store: Store, signer: Signer | None) -> None:
    """Every session of ``store`` signs the entries it appends with ``signer`` and checks them in verify."""
    for factory in (store.session_factory, store.read_session_factory):
        factory.configure(info={SIGNER: signer} if signer is not None else {})


def sign_store(store: Store, office_id: str, central_url: str, terminal_id: str) -> Signer | None:
    """Load (or make) this terminal's key and attach it to ``store``; None and unsigned when there is no keyring."""
    signer = load_or_create(store, account(office_id, central_url, terminal_id))
    attach(store, signer)
    return signer
