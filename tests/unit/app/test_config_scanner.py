"""The ``[scanner]`` section: defaults, a round trip, and bad values named with what is expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice.config import Config, ScannerConfig, load_config, save_config
from boxoffice.core.errors import ConfigError


def test_defaults_are_an_enter_suffix_and_no_prefix(tmp_path: Path) -> None:
    scanner = load_config(tmp_path / "none.toml").scanner
    assert scanner == ScannerConfig(prefix="", suffix="enter", max_key_interval_ms=40, max_jitter_ms=15,
                                    min_length=6)


def test_a_configured_scanner_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "boxoffice.toml"
    path.write_text('[scanner]\nprefix = "]C"\nsuffix = "tab"\nmax_key_interval_ms = 25\nmin_length = 8\n',
                    encoding="utf-8")
    config = load_config(path)
    assert config.scanner == ScannerConfig(prefix="]C", suffix="tab", max_key_interval_ms=25, min_length=8)
    save_config(config, tmp_path / "again.toml")
    assert load_config(tmp_path / "again.toml") == config == Config(scanner=config.scanner)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ('suffix = "space"', ["scanner.suffix", "enter, tab, none", "'space'"]),
        ('prefix = "ABCDEFGHIJ"', ["scanner.prefix", "at most 8 printable characters"]),
        ('prefix = " ~"', ["scanner.prefix", "spaces at the ends"]),
        ('prefix = "\\u0002"', ["scanner.prefix", "printable"]),
        ("max_key_interval_ms = 0", ["scanner.max_key_interval_ms", "between 5 and 200", "got 0"]),
        ("max_key_interval_ms = 30\nmax_jitter_ms = 31", ["scanner.max_jitter_ms", "between 0 and", "(30)"]),
        ("min_length = 1", ["scanner.min_length", "between 2 and 64"]),
        ('min_length = "six"', ["scanner.min_length", "whole number"]),
        ('speed = "fast"', ["scanner.speed", "unknown key"]),
    ],
)
def test_bad_scanner_values_name_the_key(tmp_path: Path, text: str, names: list[str]) -> None:
    path = tmp_path / "boxoffice.toml"
    path.write_text(f"[scanner]\n{text}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    for name in names:
        assert name in str(caught.value)
