"""Started from a menu or at boot, a terminal that must not start says why in a window, in its language:
an empty database while paired (#12.11), an argument that is not UTF-8 (#12 Low)."""

from __future__ import annotations

from pathlib import Path

import pytest

from boxoffice import cli
from boxoffice.config import CentralConfig, Config, TerminalConfig, save_config
from boxoffice.ui.qt import QMessageBox


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []

    def record(box: QMessageBox) -> int:
        seen.append((box.windowTitle(), box.text()))
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    return seen


def paired_data_dir(folder: Path, language: str) -> Path:
    save_config(Config(central=CentralConfig(url="https://central.example", office_id="office_taquilla_norte"),
                       terminal=TerminalConfig(id="norte-1", language=language)), folder / "boxoffice.toml")
    (folder / "boxoffice.sqlite3").write_bytes(b"")
    return folder


@pytest.mark.parametrize(("language", "title", "words"), [
    ("es", "Box office no puede arrancar", "está vacía"),
    ("en", "Box office cannot start", "is empty"),
])
def test_an_empty_database_while_paired_is_refused_in_a_window_in_the_terminals_language(
        tmp_path: Path, shown: list[tuple[str, str]], capsys: pytest.CaptureFixture[str], language: str,
        title: str, words: str) -> None:
    data = paired_data_dir(tmp_path / "data", language)
    assert cli.main(["--data-dir", str(data)]) == 1
    assert len(shown) == 1
    assert shown[0][0] == title
    assert words in shown[0][1] and str(data / "boxoffice.sqlite3") in shown[0][1]
    assert (data / "boxoffice.sqlite3").read_bytes() == b""  # left as it was
    assert "is empty" in capsys.readouterr().err  # and one line for the log / a terminal


def test_an_argument_that_is_not_utf8_is_said_in_a_window(tmp_path: Path, shown: list[tuple[str, str]]) -> None:
    assert cli.main(["--data-dir", str(tmp_path) + "/\udcff"]) == 1
    assert len(shown) == 1 and "\\xff" in shown[0][1] and "UTF-8" in shown[0][1]
    assert not any(tmp_path.iterdir())  # nothing was created under that name
