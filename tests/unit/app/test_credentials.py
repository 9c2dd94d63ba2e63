"""The API token lives in the OS keyring only; with no keyring the message says how to fix it."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from boxoffice import credentials
from boxoffice.config import CentralConfig, Config, save_config
from boxoffice.core.errors import CredentialsError


def test_store_and_load(tmp_path) -> None:
    credentials.store_token("office_taquilla_norte", "tok-1234567890")
    assert credentials.load_token("office_taquilla_norte") == "tok-1234567890"
    assert keyring.get_password("boxoffice", "api-token:office_taquilla_norte") == "tok-1234567890"
    credentials.delete_token("office_taquilla_norte")
    with pytest.raises(CredentialsError, match="boxoffice pair"):
        credentials.load_token("office_taquilla_norte")


def test_token_never_lands_in_the_config_file(tmp_path) -> None:
    token = "secret-token-abcdef"
    credentials.store_token("o1", token)
    path = tmp_path / "boxoffice.toml"
    save_config(Config(central=CentralConfig(url="https://c.example", office_id="o1")), path)
    assert token not in path.read_text(encoding="utf-8")


def test_no_keyring_says_what_to_install() -> None:
    keyring.set_keyring(fail.Keyring())
    assert not credentials.keyring_available()
    with pytest.raises(CredentialsError, match="gnome-keyring") as caught:
        credentials.store_token("o1", "tok-1234567890")
    assert "PYTHON_KEYRING_BACKEND" in str(caught.value)
    with pytest.raises(CredentialsError, match="No OS keyring"):
        credentials.load_token("o1")


def test_empty_token_is_refused() -> None:
    with pytest.raises(CredentialsError, match="empty"):
        credentials.store_token("o1", "   ")


@pytest.mark.parametrize(("secret", "shown"), [("", "(none)"), ("abc", "***"), ("abcdefghijkl", "ab…kl")])
def test_mask(secret: str, shown: str) -> None:
    assert credentials.mask(secret) == shown


def test_entries_are_named_by_office_and_central() -> None:
    """Two data dirs paired with two centrals under the same office id keep their own tokens (#12.6)."""
    credentials.store_token("office_taquilla_norte", "tok-one-1234567890", "https://one.example/")
    credentials.store_token("office_taquilla_norte", "tok-two-1234567890", "https://TWO.example")
    assert credentials.load_token("office_taquilla_norte", "https://one.example") == "tok-one-1234567890"
    assert credentials.load_token("office_taquilla_norte", "https://two.example/") == "tok-two-1234567890"
    assert keyring.get_password("boxoffice", "api-token:office_taquilla_norte@https://one.example") == (
        "tok-one-1234567890")
    assert keyring.get_password("boxoffice", "api-token:office_taquilla_norte") is None


def test_a_token_under_the_legacy_name_is_read_and_copied_to_the_new_name() -> None:
    keyring.set_password("boxoffice", "api-token:o1", "tok-legacy-1234567890")
    assert credentials.peek_token("o1", "https://c.example") is None
    assert credentials.load_token("o1", "https://c.example") == "tok-legacy-1234567890"
    assert credentials.peek_token("o1", "https://c.example") == "tok-legacy-1234567890"
    assert keyring.get_password("boxoffice", "api-token:o1") == "tok-legacy-1234567890"  # other data dirs


def test_a_new_name_wins_over_the_legacy_one() -> None:
    keyring.set_password("boxoffice", "api-token:o1", "tok-stale-1234567890")
    credentials.store_token("o1", "tok-fresh-1234567890", "https://c.example")
    assert credentials.load_token("o1", "https://c.example") == "tok-fresh-1234567890"
