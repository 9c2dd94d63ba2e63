"""The hub's config: where it lives, its defaults, clear refusals, and a token that is never a terminal's."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from boxoffice import credentials
from boxoffice.core.errors import ConfigError, CredentialsError
from boxoffice.hub import config as hub_config
from boxoffice.hub.config import HubConfig, UpstreamConfig, load_hub_config, save_hub_config

URL = "http://central.example:8700"
OFFICE = "office_taquilla_norte"


def paired(folder: Path) -> HubConfig:
    return HubConfig(upstream=UpstreamConfig(URL, OFFICE, "Taquilla Norte"), data_dir=folder)


def test_data_dir_option_then_environment_then_user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(hub_config.ENV_DATA_DIR, str(tmp_path / "env"))
    assert hub_config.data_dir(str(tmp_path / "opt")) == (tmp_path / "opt").resolve()
    assert hub_config.data_dir(None) == (tmp_path / "env").resolve()
    monkeypatch.delenv(hub_config.ENV_DATA_DIR)
    assert hub_config.data_dir(None).name == "boxoffice-hub"


def test_missing_file_is_an_unpaired_hub_with_the_defaults(tmp_path: Path) -> None:
    config = load_hub_config(tmp_path)
    assert not config.paired
    assert (config.hub.host, config.hub.port, config.hub.hold_seconds) == ("0.0.0.0", 8765, 600)
    assert (config.hub.lease_size, config.hub.lease_low_water, config.hub.pull_seconds) == (20, 10, 60)
    assert config.db_url == f"sqlite:///{tmp_path / 'hub.sqlite3'}"


def test_saved_config_reads_back_the_same(tmp_path: Path) -> None:
    config = replace(paired(tmp_path), hub=replace(paired(tmp_path).hub, port=9000, db_url="postgresql://h/db"))
    path = save_hub_config(config)
    assert path == tmp_path / "hub.toml"
    again = load_hub_config(tmp_path)
    assert again == config and again.db_url == "postgresql://h/db"
    assert "token" not in path.read_text(encoding="utf-8").lower()


@pytest.mark.parametrize(("text", "says"), [
    ("[hub]\nport = 0\n", "hub.port must be between 1 and 65535, got 0"),
    ("[hub]\nport = \"80\"\n", "hub.port must be a whole number"),
    ("[hub]\npull_seconds = true\n", "hub.pull_seconds must be a whole number"),
    ("[hub]\nlease_size = 5\nlease_low_water = 6\n", "hub.lease_low_water (6) must not be above hub.lease_size (5)"),
    ("[hub]\nholds = 3\n", "unknown key hub.holds"),
    ("[upstreams]\n", "unknown section [upstreams]"),
    ("[upstream]\nurl = \"ftp://x\"\noffice_id = \"o\"\n", "upstream.url must be an http:// or https:// address"),
    ("[upstream]\nurl = \"http://x\"\n", "upstream.office_id is required"),
    ("[hub]\ndb_url = \"mysql://x\"\n", "hub.db_url must be a sqlite:/// or postgresql:// URL"),
    ("[hub\n", "not valid TOML"),
])
def test_bad_values_are_refused_with_their_key(tmp_path: Path, text: str, says: str) -> None:
    (tmp_path / "hub.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as error:
        load_hub_config(tmp_path)
    assert says in str(error.value)
    assert "\n" not in str(error.value)


def test_upstream_token_is_kept_apart_from_a_terminal_token(tmp_path: Path) -> None:
    config = paired(tmp_path)
    credentials.store_token(OFFICE, "terminal-token", URL)  # a window paired with the same central and office
    hub_config.store_upstream_token(config, "hub-token")
    assert hub_config.load_upstream_token(config) == "hub-token"
    assert credentials.load_token(OFFICE, URL) == "terminal-token"


def test_no_token_or_not_paired_says_how_to_pair(tmp_path: Path) -> None:
    with pytest.raises(CredentialsError, match="boxoffice hub pair"):
        hub_config.load_upstream_token(HubConfig(data_dir=tmp_path))
    credentials.store_token(OFFICE, "terminal-token", URL)  # a terminal's token is never taken for the hub's
    with pytest.raises(CredentialsError, match="no upstream token stored"):
        hub_config.load_upstream_token(paired(tmp_path))
