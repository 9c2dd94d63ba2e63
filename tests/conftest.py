"""Test-wide isolation: Qt offscreen, a private data dir, and a file keyring in a temp folder per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FILE_KEYRING = "keyrings.alt.file.PlaintextKeyring"


def _isolate(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOXOFFICE_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("BOXOFFICE_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "xdg-state"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FILE_KEYRING)
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    keyring.set_keyring(PlaintextKeyring())


@pytest.fixture(scope="session", autouse=True)
def isolated_session_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The same for module- and session-scoped fixtures (set up before any test's own): terminals a module
    shares write their tokens and journal keys here, per test process, never into the real profile's keyring
    file, which two test processes writing at once had corrupted."""
    home = tmp_path_factory.mktemp("session-home")
    monkeypatch = pytest.MonkeyPatch()
    _isolate(home, monkeypatch)
    yield home
    monkeypatch.undo()


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir, config path and keyring; nothing reaches the real profile."""
    home = tmp_path_factory.mktemp("home")
    _isolate(home, monkeypatch)
    return home
