"""Test-wide isolation: Qt offscreen, a private data dir, and a file keyring in a temp folder per test."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FILE_KEYRING = "keyrings.alt.file.PlaintextKeyring"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data dir, config path and keyring; nothing reaches the real profile."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("BOXOFFICE_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("BOXOFFICE_CONFIG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "xdg-state"))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", FILE_KEYRING)
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    keyring.set_keyring(PlaintextKeyring())
    return home
