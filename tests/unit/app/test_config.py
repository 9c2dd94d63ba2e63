"""Config: a bad value is reported with its key and what is expected; saving is atomic."""

from __future__ import annotations

import tomllib
from pathlib import Path
from types import SimpleNamespace

import pytest

from boxoffice.app import terminal_of
from boxoffice.config import CentralConfig, Config, load_config, save_config
from boxoffice.core.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "boxoffice.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_is_an_unpaired_terminal(tmp_path: Path) -> None:
    config = load_config(tmp_path / "nope.toml")
    assert not config.paired
    assert config.terminal.language == "es"
    assert config.sync.batch_size == 500 and config.sync.horizon_hours == 20


def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "boxoffice.toml"
    config = Config(central=CentralConfig(url="https://central.example", office_id="office_taquilla_norte",
                                          office_name="Taquilla Norte"))
    save_config(config, path)
    assert load_config(path) == config
    assert not list(path.parent.glob(".boxoffice-*"))  # no temp file left behind


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('[central]\nurl = "ftp://x"\noffice_id = "o"\n', ["central.url", "http"]),
        ('[central]\nurl = "https://x"\n', ["central.office_id"]),
        ('[terminal]\nlanguage = "fr"\n', ["terminal.language", "es, en", "'fr'"]),
        ('[terminal]\nkiosk = "yes"\n', ["terminal.kiosk", "true or false"]),
        ("[sync]\nbatch_size = 0\n", ["sync.batch_size", "between 1 and 1000"]),
        ('[sync]\nbatch_size = "many"\n', ["sync.batch_size", "whole number"]),
        ("[sync]\nhorizon_hours = true\n", ["sync.horizon_hours", "whole number"]),
        ("[permissions]\nclerk_max_discount_percent = 101\n",
         ["permissions.clerk_max_discount_percent", "between 0 and 100", "101"]),
        ("[permissions]\nclerk_max_discount_percent = -5\n", ["permissions.clerk_max_discount_percent", "-5"]),
        ('[permissions]\nclerk_max_discount_percent = "10%"\n',
         ["permissions.clerk_max_discount_percent", "whole number"]),
        ('[printer]\nkind = "laser"\n', ["printer.kind", "escpos-network"]),
        ('[printer]\ncolour = "red"\n', ["printer.colour", "unknown key"]),
        ('[centrl]\nurl = "https://x"\n', ["[centrl]", "unknown section"]),
        ("central = 3\n", ["central must be a table"]),
        ('[central]\nca_file = "/no/such/ca.pem"\n', ["central.ca_file", "does not exist"]),
        ("[central\nurl=", ["not valid TOML", "line"]),
    ],
)
def test_bad_values_name_the_key_and_what_is_expected(tmp_path: Path, text: str, names: list[str]) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    message = str(caught.value)
    assert str(path) in message
    for name in names:
        assert name in message


def test_the_clerk_discount_limit_defaults_to_ten_percent_and_is_read(tmp_path: Path) -> None:
    assert load_config(tmp_path / "nope.toml").permissions.clerk_max_discount_percent == 10
    path = write(tmp_path, "[permissions]\nclerk_max_discount_percent = 15\n")
    assert load_config(path).permissions.clerk_max_discount_percent == 15
    context = SimpleNamespace(config=load_config(path))
    assert terminal_of(context).clerk_max_discount_percent == 15  # what the sale service enforces


def test_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "boxoffice.toml"
    path.write_bytes(b"[terminal]\nid = \"\xff\xfe\"\n")
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(path)


def test_save_refuses_an_invalid_config_and_keeps_the_old_file(tmp_path: Path) -> None:
    path = write(tmp_path, '[terminal]\nid = "T1"\n')
    bad = Config(central=CentralConfig(url="not a url", office_id="x"))
    with pytest.raises(ConfigError, match=r"central\.url"):
        save_config(bad, path)
    assert path.read_text(encoding="utf-8") == '[terminal]\nid = "T1"\n'


def test_the_config_file_has_no_token_field() -> None:
    assert "token" not in str(Config().to_dict())


def test_a_relative_ca_file_in_a_config_is_read_beside_the_config_file(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """#12.5: an old or hand-written config with a relative CA file works from any working directory."""
    folder = tmp_path / "terminal"
    (folder / "certs").mkdir(parents=True)
    (folder / "certs" / "ca.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    path = folder / "boxoffice.toml"
    path.write_text('[central]\nurl = "https://c.example"\noffice_id = "o1"\nca_file = "certs/ca.pem"\n',
                    encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load_config(path).central.ca_file == str((folder / "certs" / "ca.pem").resolve())
    (elsewhere / "certs").mkdir()
    (elsewhere / "certs" / "ca.pem").write_text("another\n", encoding="utf-8")
    assert load_config(path).central.ca_file == str((folder / "certs" / "ca.pem").resolve())  # never the cwd


def test_a_relative_ca_file_is_saved_as_the_absolute_path_it_means_now(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("ca.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    path = tmp_path / "data" / "boxoffice.toml"
    save_config(Config(central=CentralConfig(url="https://c.example", office_id="o1", ca_file="ca.pem")), path)
    written = tomllib.loads(path.read_text(encoding="utf-8"))["central"]["ca_file"]
    assert written == str((tmp_path / "ca.pem").resolve())
